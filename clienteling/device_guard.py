"""What protects a lost device's data: it wipes itself when its store revoked it, and locks
itself (then wipes at the next start) after too many days without reaching the server.

- `ContactLog`: per replica, when the device last reached the server (a sync cycle that went
  through, or a sign-in) and how many days it may stay out of contact (`lock_days`, given by the
  server at sign-in; `DEFAULT_LOCK_DAYS` until then). Kept beside the replica file.
- `wipe_replica`: the replica wiped the one way there is (`replica.database.destroy`: file,
  `-wal`, `-shm` overwritten and deleted, its key forgotten) and the contact log, gone.
- `WipeNotice`: why the device forgot everything (revoked by its store, or out of contact for
  N days), kept in the config folder until a person has read it.

No Qt, no network: the device's context (`clienteling.device.context`) calls these, the
app shows the notice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from clienteling.replica.database import SIDE_SUFFIXES, SNAPSHOT_SUFFIX, destroy

if TYPE_CHECKING:
    from clienteling.replica.key import ReplicaKeys

log = logging.getLogger(__name__)

DEFAULT_LOCK_DAYS = 14
DAY = 24 * 3600.0
REVOKED: Literal["revoked"] = "revoked"
NO_CONTACT: Literal["no_contact"] = "no_contact"
Reason = Literal["revoked", "no_contact"]
NOTICE_FILE = "wiped.json"
# Beside a replica file: these go with it.
CONTACT_SUFFIX = ".contact"


class ContactLog:
    """When the device last reached the server with this replica, and its lock delay.

    A replica with no log yet (first opened, or made before there were logs) starts counting
    from now: it is never wiped for a silence nobody measured."""

    def __init__(self, replica_path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = replica_path.with_name(replica_path.name + CONTACT_SUFFIX)
        self._clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("the contact log %s is unreadable: counting from now", self.path)
            return {}
        return raw if isinstance(raw, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(self.path.name + ".part")
        part.write_text(json.dumps(data), encoding="utf-8")
        os.replace(part, self.path)

    def record(self, lock_days: int | None = None) -> None:
        """The server answered just now; `lock_days` when it said (at sign-in)."""
        data = self._read()
        data["last_contact_at"] = self._clock()
        if lock_days is not None and lock_days > 0:
            data["lock_days"] = int(lock_days)
        self._write(data)

    def lock_days(self) -> int:
        days = self._read().get("lock_days")
        return days if isinstance(days, int) and days > 0 else DEFAULT_LOCK_DAYS

    def last_contact_at(self) -> float:
        """When the device last reached the server (the log starts now if there is none)."""
        at = self._read().get("last_contact_at")
        if isinstance(at, int | float):
            return float(at)
        self.record()
        return self._clock()

    def days_without_contact(self) -> float:
        return max(0.0, self._clock() - self.last_contact_at()) / DAY

    def expired(self) -> bool:
        """More than `lock_days` without reaching the server: the device must lock and wipe."""
        return self.days_without_contact() > self.lock_days()


def wipe_replica(replica_path: Path, keys: ReplicaKeys) -> list[Path]:
    """Wipe the replica (`database.destroy`: its file, -wal and -shm overwritten and deleted,
    its key forgotten) and its contact log; the files there were. The replica must be closed
    first."""
    files = [replica_path, *(replica_path.with_name(replica_path.name + s)
                             for s in (*SIDE_SUFFIXES, SNAPSHOT_SUFFIX, CONTACT_SUFFIX))]
    there = [path for path in files if path.exists()]
    destroy(replica_path, keys)
    with contextlib.suppress(FileNotFoundError):
        replica_path.with_name(replica_path.name + CONTACT_SUFFIX).unlink()
    return there


@dataclass(frozen=True)
class WipeNotice:
    """Why this device forgot its data: `revoked` by its store, or `no_contact` for `days`."""

    reason: Reason
    at: float
    username: str | None = None
    server_url: str | None = None
    days: int | None = None
    removed: int = 0  # files deleted


def save_notice(config_dir: Path, notice: WipeNotice) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / NOTICE_FILE).write_text(json.dumps(asdict(notice)), encoding="utf-8")


def read_notice(config_dir: Path) -> WipeNotice | None:
    """The last wipe's notice, until `clear_notice`."""
    try:
        raw = json.loads((config_dir / NOTICE_FILE).read_text(encoding="utf-8"))
        return WipeNotice(**raw) if isinstance(raw, dict) else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        log.warning("the wipe notice is unreadable")
        return None


def clear_notice(config_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (config_dir / NOTICE_FILE).unlink()
