"""What Qt needs from the system, said in words IT can act on.

PySide6's wheels carry Qt but not every system library its plugins link against. When the xcb
platform plugin (the X11 desktop) or QtMultimedia (the camera) cannot load, Qt's own message
names the plugin, not the missing library, and sometimes blames one that is installed. Here
the plugin's libraries are checked with `ldd` (or the dynamic loader's first complaint) and
each missing one is named with the Debian/Ubuntu package that provides it.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The libraries the xcb platform plugin and QtMultimedia link against (checked with ldd on
# PySide6 6.11's libqxcb.so, libQt6XcbQpa.so.6, libQt6Multimedia.so.6 and the FFmpeg media
# plugin), and the Debian/Ubuntu package of each.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXext.so.6": "libxext6",
    "libXrandr.so.2": "libxrandr2",
    "libXrender.so.1": "libxrender1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libpulse.so.0": "libpulse0",
    "libdrm.so.2": "libdrm2",
}

OFFSCREEN_ADVICE = "(or run without a screen with QT_QPA_PLATFORM=offscreen)"
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_LOADER = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def qt_plugins_dir() -> Path:
    """Where this PySide6's Qt plugins are (importing QtCore needs no system library)."""
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def missing_libraries(library: Path, *, ldd: Callable[[Path], str] | None = None) -> list[str]:
    """The shared libraries `library` needs that the system does not have, in ldd's order.
    Without ldd (a minimal image), the dynamic loader's complaint names the first one."""
    reader = ldd or _ldd
    output = reader(library)
    if output:
        return list(dict.fromkeys(_NOT_FOUND.findall(output)))
    try:
        ctypes.CDLL(str(library))
    except OSError as error:
        found = _LOADER.search(str(error))
        return [found.group(1)] if found else []
    return []


def _ldd(library: Path) -> str:
    tool = shutil.which("ldd")
    if tool is None or not library.exists():
        return ""
    try:
        done = subprocess.run([tool, str(library)], capture_output=True, text=True, timeout=20,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def install_advice(libraries: list[str]) -> str:
    """`libxcb-icccm.so.4 and libxcb-keysyms.so.1 are missing: sudo apt install …`."""
    packages = [DEBIAN_PACKAGES[name] for name in libraries if name in DEBIAN_PACKAGES]
    listed = ", ".join(libraries)
    verb = "is" if len(libraries) == 1 else "are"
    advice = f"{listed} {verb} missing"
    if packages:
        advice += (f"; on Debian or Ubuntu install them with: sudo apt install "
                   f"{' '.join(dict.fromkeys(packages))}")
    return advice


def wants_xcb(env: Mapping[str, str]) -> bool:
    """True when Qt will use its X11 (xcb) platform plugin: on Linux with a display and no
    other platform chosen."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    return sys.platform.startswith("linux") and bool(env.get("DISPLAY")) and (
        chosen == "" or chosen.startswith("xcb"))


def platform_hint(env: Mapping[str, str] | None = None, *,
                  ldd: Callable[[Path], str] | None = None) -> str | None:
    """The sentence to print before Qt starts when its xcb plugin cannot load (None: nothing
    is missing, or xcb is not what Qt will use)."""
    environment = os.environ if env is None else env
    if not wants_xcb(environment):
        return None
    plugin = qt_plugins_dir() / "platforms" / "libqxcb.so"
    missing = missing_libraries(plugin, ldd=ldd)
    if not missing:
        return None
    return (f"clienteling: Qt's X11 platform plugin (xcb) cannot load: "
            f"{install_advice(missing)} {OFFSCREEN_ADVICE}.")


def fatal_hint(message: str, env: Mapping[str, str] | None = None) -> str | None:
    """What to add when Qt gives up on its platform plugin (its message, then it aborts)."""
    if "platform plugin" not in message:
        return None
    environment = os.environ if env is None else env
    display = environment.get("DISPLAY")
    if wants_xcb(environment) and display:
        return (f"clienteling: the app could not open a window on the X display {display}: "
                f"check that it runs and that this user may use it (xhost), that the "
                f"libraries are installed (see the README) {OFFSCREEN_ADVICE}.")
    return (f"clienteling: Qt found no screen to draw on: set DISPLAY (X11) or "
            f"WAYLAND_DISPLAY, or choose a platform {OFFSCREEN_ADVICE}.")


def multimedia_problem(error: BaseException) -> str:
    """Why the camera is unavailable, from QtMultimedia's import error."""
    found = _LOADER.search(str(error))
    if found:
        return f"QtMultimedia cannot load: {install_advice([found.group(1)])}"
    return f"QtMultimedia cannot load: {error}"
