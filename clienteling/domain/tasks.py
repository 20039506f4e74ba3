"""Follow-ups a manager gives a seller about a client: the channels, and the consent rule
(one copy: the server refuses such a task, the device before queueing it)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from clienteling.domain.errors import DomainError


class TaskChannel(StrEnum):
    CALL = "call"
    EMAIL = "email"
    SMS = "sms"
    VISIT = "visit"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


def check_consent(channel: str, *, consent_email: bool, consent_sms: bool) -> None:
    """A task by email or SMS needs the client's consent to that channel (`task.no_consent`)."""
    if channel == TaskChannel.EMAIL and not consent_email:
        raise DomainError("task.no_consent", "The client has not consented to email.",
                          channel=channel)
    if channel == TaskChannel.SMS and not consent_sms:
        raise DomainError("task.no_consent", "The client has not consented to SMS.",
                          channel=channel)


def check_snooze(until: date, today: date) -> None:
    """A task is snoozed to a later day (`task.snooze_past` otherwise)."""
    if until <= today:
        raise DomainError("task.snooze_past", "Snooze a task to a later day.",
                          snoozed_until=until.isoformat())
