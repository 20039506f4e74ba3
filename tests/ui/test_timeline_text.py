"""The timeline's codes said in the seller's language (ui/models/timeline_text.py), and the 360's
timeline model showing them; free text is shown as it is."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from clienteling.domain import timeline
from clienteling.replica.views import TimelineEntry
from ui.models.timeline import TimelineModel
from ui.models.timeline_text import entry_text, known_codes

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def entry(said: timeline.Said | None = None, summary: str = "", **fields: object
          ) -> TimelineEntry:
    base = {"interaction_id": "i1", "customer_id": "C1", "occurred_at": AT, "channel": "store",
            "kind": "order", "summary": said.summary if said else summary, "store_id": "PAR01",
            "author": "seller1", "code": said.code if said else None,
            "params": said.params if said else {}}
    base.update(fields)
    return TimelineEntry(**base)  # type: ignore[arg-type]


PLACED = timeline.order_placed(number="PAR01-260105-7K3M9Q", items=3, total=Decimal("1249.5"),
                               currency="EUR", fulfilment="click_and_collect", store_id="PAR02")


def test_every_code_of_the_domain_has_its_sentence() -> None:
    assert known_codes() == timeline.CODES


def test_codes_in_english(english: str) -> None:
    assert entry_text(entry(PLACED)) == (
        "Order PAR01-260105-7K3M9Q: 3 items, €1,249.50, click and collect at PAR02")
    one = timeline.order_placed(number="N1", items=1, total=Decimal("9"), currency="EUR",
                                fulfilment="home_delivery")
    assert entry_text(entry(one)) == "Order N1: 1 item, €9.00, home delivery"
    assert entry_text(entry(timeline.consent(channel="sms", granted=False, source="web"))) == (
        "SMS consent withdrawn (on the web)")


def test_codes_in_french(french: str) -> None:
    text = entry_text(entry(PLACED))
    assert text.startswith("Commande PAR01-260105-7K3M9Q : 3 articles, 1")
    assert "249,50" in text and "€" in text and text.endswith("retrait en magasin à PAR02")
    assert entry_text(entry(timeline.enrolled(card="2900000000017", consents=["email"]))) == (
        "Inscription, carte 2900000000017 ; consentements : E-mail")
    assert entry_text(entry(timeline.consent(channel="email", granted=True,
                                             source="paper form"))).startswith(
        "Consentement E-mail donné (paper form)")


def test_free_text_and_unknown_codes_show_their_summary(french: str) -> None:
    assert entry_text(entry(summary="Aime le bleu.", kind="note")) == "Aime le bleu."
    newer = entry(summary="Visit booked for 10:00", code="visit.booked", params={"at": "10"})
    assert entry_text(newer) == "Visit booked for 10:00"
    broken = entry(summary="Order N1: 2 items", code="order.placed", params={"items": "two"})
    assert entry_text(broken) == "Order N1: 2 items"


def test_the_timeline_model_shows_the_sentence(qtmodeltester, french: str) -> None:
    model = TimelineModel()
    model.set_entries([entry(PLACED), entry(summary="Aime le bleu.", kind="note",
                                            interaction_id="i2")])
    qtmodeltester.check(model)
    shown = sorted(model.data(model.index(row, model.SUMMARY), Qt.ItemDataRole.DisplayRole)
                   for row in range(model.rowCount()))
    assert shown[0] == "Aime le bleu."
    assert shown[1].startswith("Commande PAR01-260105-7K3M9Q : 3 articles")


TOLD = timeline.order_ready(number="PAR01-260105-7K3M9Q", store_id="PAR01", channel="email")
UNTOLD = timeline.order_ready(number="PAR01-260105-7K3M9Q", store_id="PAR01", channel=None)
PAID = timeline.payment_received(number="PAR01-260105-7K3M9Q", total=Decimal("157"),
                                 currency="EUR")


def test_selling_codes_in_english(english: str) -> None:
    assert entry_text(entry(TOLD, kind="message", channel="email")) == (
        "Order PAR01-260105-7K3M9Q ready at PAR01: customer told by Email")
    assert entry_text(entry(UNTOLD, kind="message")) == (
        "Order PAR01-260105-7K3M9Q ready at PAR01: no consent to tell the customer")
    assert entry_text(entry(PAID, kind="payment")) == (
        "Payment received for order PAR01-260105-7K3M9Q: €157.00")


def test_selling_codes_in_french(french: str) -> None:
    assert entry_text(entry(TOLD, kind="message", channel="email")) == (
        "Commande PAR01-260105-7K3M9Q prête à PAR01 : client prévenu par E-mail")
    assert entry_text(entry(UNTOLD, kind="message")) == (
        "Commande PAR01-260105-7K3M9Q prête à PAR01 : aucun consentement pour prévenir le client")
    paid = entry_text(entry(PAID, kind="payment"))
    assert paid.startswith("Paiement reçu pour la commande PAR01-260105-7K3M9Q : 157,00")
    assert "€" in paid
