"""An outbox row as stored: what every command module reads and the queue writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

WAITING: Final = "waiting"
FAILED: Final = "failed"


@dataclass(frozen=True)
class Row:
    """An outbox row as stored."""

    id: int
    kind: str
    customer_id: str | None
    target: str | None
    payload: dict[str, Any]
    idempotency_key: str
    created_at: str
    state: str
    attempts: int
    next_attempt_at: float
    error_code: str | None
    error_detail: str | None
    problem: dict[str, Any] | None
    author: str | None


def from_mapping(m: Any) -> Row:
    return Row(id=m["id"], kind=m["kind"], customer_id=m["customer_id"], target=m["target"],
               payload=json.loads(m["payload"]), idempotency_key=m["idempotency_key"],
               created_at=m["created_at"], state=m["state"], attempts=m["attempts"],
               next_attempt_at=m["next_attempt_at"], error_code=m["error_code"],
               error_detail=m["error_detail"],
               problem=json.loads(m["problem"]) if m["problem"] else None, author=m["author"])


def dumps(payload: Any) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
