"""The timeline's codes: what each builder says, and the English summary the API keeps (the
very sentences the server wrote before codes, so older readers see no change)."""

from __future__ import annotations

import json
from decimal import Decimal

from clienteling.domain import timeline


def test_an_order_placed_says_number_items_total_and_fulfilment() -> None:
    said = timeline.order_placed(number="PAR01-260105-7K3M9Q", items=3, total=Decimal("249"),
                                 currency="EUR", fulfilment="click_and_collect",
                                 store_id="PAR02")
    assert said.code == "order.placed"
    assert said.params == {"number": "PAR01-260105-7K3M9Q", "items": 3, "total": "249.00",
                           "currency": "EUR", "fulfilment": "click_and_collect",
                           "store_id": "PAR02"}
    assert json.loads(json.dumps(said.params)) == said.params  # JSON values only
    assert said.summary == ("Order PAR01-260105-7K3M9Q: 3 items, 249.00 EUR, "
                            "click and collect at PAR02")
    home = timeline.order_placed(number="N1", items=1, total=Decimal("9.9"), currency="EUR",
                                 fulfilment="home_delivery", store_id=None)
    assert "store_id" not in home.params
    assert home.summary == "Order N1: 1 item, 9.90 EUR, home delivery"


def test_enrolment_and_consents() -> None:
    enrolled = timeline.enrolled(card="2900000000017", consents=["email", "sms"])
    assert enrolled.summary == "Enrolled, card 2900000000017; consents: email, sms"
    assert timeline.enrolled(card="2900000000017", consents=[]).summary == (
        "Enrolled, card 2900000000017")
    granted = timeline.consent(channel="email", granted=True, source="store")
    withdrawn = timeline.consent(channel="sms", granted=False, source="web")
    assert (granted.code, granted.summary) == ("consent.granted", "Email consent granted (store)")
    assert (withdrawn.code, withdrawn.summary) == ("consent.withdrawn",
                                                   "SMS consent withdrawn (web)")
    assert {s.code for s in (enrolled, granted, withdrawn)} <= timeline.CODES


def test_an_unknown_code_is_its_own_summary() -> None:
    assert timeline.summary("visit.booked", {"at": "10:00"}) == "visit.booked"


def test_selling_codes_say_themselves_in_english_for_the_api() -> None:
    told = timeline.order_ready(number="N1", store_id="PAR01", channel="sms")
    untold = timeline.order_ready(number="N1", store_id="PAR01", channel=None)
    paid = timeline.payment_received(number="N1", total=Decimal("12.5"), currency="EUR")
    assert {told.code, untold.code, paid.code} <= timeline.CODES
    assert told.summary == "Order N1 ready at PAR01: customer told by SMS"
    assert untold.params == {"number": "N1", "store_id": "PAR01"}
    assert untold.summary == "Order N1 ready at PAR01: no consent to tell the customer"
    assert paid.params["total"] == "12.50"
    assert paid.summary == "Payment received for order N1: 12.50 EUR"
