#!/usr/bin/env bash
# Build the macOS app and its disk image (not run on the Linux build machine: see the README;
# CI runs it in .github/workflows/packaging.yml on macos-latest).
#   dist/macos/Clienteling.app            the PyInstaller app bundle, ready to sign
#   dist/macos/Clienteling-<version>.dmg  the disk image
# Signing and notarisation run when the identity is given (CI secrets):
#   CODESIGN_IDENTITY="Developer ID Application: …" NOTARY_PROFILE=<notarytool keychain profile>
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=$ROOT/build/macos/venv
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/pip" install -q "$ROOT[bundle]"
VERSION=$("$VENV/bin/python" -c 'import clienteling; print(clienteling.__version__)')
export CLIENTELING_VERSION=$VERSION

QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/app_icon.py packaging/macos/clienteling.icns
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist/macos \
  --workpath build/macos/pyinstaller packaging/clienteling.spec
APP=dist/macos/Clienteling.app

# Smoke test: the program inside the app runs without the build environment.
[ "$(env -i HOME="$HOME" "$APP/Contents/MacOS/clienteling" --version)" = "clienteling $VERSION" ]
SMOKE=$(mktemp -d)
env -i HOME="$SMOKE" QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/clienteling" demo \
  --customers 60 --port 0 --data-dir "$SMOKE/demo" --screenshots "$SMOKE/shots"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi
DMG=dist/macos/Clienteling-$VERSION.dmg
hdiutil create -volname Clienteling -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${CODESIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  codesign --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
