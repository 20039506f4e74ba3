"""The segment rule (domain/segments.py) and the task consent rule (domain/tasks.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from clienteling.domain.errors import DomainError
from clienteling.domain.segments import RULES, Segment, rules_until, segment_of
from clienteling.domain.tasks import check_consent

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.mark.parametrize(("last", "orders", "value", "expected"), [
    (None, 0, "0", Segment.NEW),
    (ago(10), 1, "80", Segment.NEW),
    (ago(90), 1, "80", Segment.NEW),  # the bound is inclusive
    (ago(91), 1, "80", Segment.HIBERNATING),
    (ago(10), 5, "1000", Segment.CHAMPIONS),
    (ago(10), 5, "999.99", Segment.LOYAL),
    (ago(10), 4, "5000", Segment.LOYAL),
    (ago(180), 3, "100", Segment.LOYAL),
    (ago(181), 3, "100", Segment.AT_RISK),
    (ago(10), 2, "100", Segment.PROMISING),
    (ago(100), 2, "100", Segment.HIBERNATING),
    (ago(365), 9, "9000", Segment.AT_RISK),
    (ago(366), 9, "9000", Segment.LOST),
    (ago(400), 1, "10", Segment.LOST),
])
def test_the_first_rule_met_names_the_segment(last: datetime | None, orders: int, value: str,
                                              expected: Segment) -> None:
    assert segment_of(last, orders, Decimal(value), NOW) == expected


def test_every_segment_has_one_rule_and_the_last_meets_everyone() -> None:
    assert {r.segment for r in RULES} == set(Segment)
    assert len(RULES) == len(Segment)
    assert RULES[-1].meets(None, 99, Decimal("0"), NOW)
    earlier, own = rules_until(Segment.PROMISING)
    assert own.segment == Segment.PROMISING
    assert [r.segment for r in earlier] == [Segment.NEW, Segment.CHAMPIONS, Segment.LOYAL]


@pytest.mark.parametrize(("channel", "email", "sms", "refused"), [
    ("email", False, True, True), ("sms", True, False, True), ("email", True, False, False),
    ("sms", False, True, False), ("call", False, False, False), ("visit", False, False, False),
])
def test_a_task_by_email_or_sms_needs_that_consent(channel: str, email: bool, sms: bool,
                                                   refused: bool) -> None:
    if refused:
        with pytest.raises(DomainError) as caught:
            check_consent(channel, consent_email=email, consent_sms=sms)
        assert caught.value.code == "task.no_consent"
        assert caught.value.params == {"channel": channel}
    else:
        check_consent(channel, consent_email=email, consent_sms=sms)
