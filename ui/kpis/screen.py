"""The store's KPIs for its manager: active and new clients, the share who consented to email
and SMS, revenue by channel, average value by number of channels used, orders waiting for
pickup; as numbers and as bar charts. From the server when it answers, else computed on the
device from its last sync by the same rule (`clienteling.domain.kpis`), and it says which."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.kpis import CHANNEL_BUCKETS
from clienteling.replica.views import KpiReport
from ui import messages, workers
from ui.i18n import QT_TRANSLATE_NOOP, format_datetime, format_money, format_number
from ui.kit.widgets import button, card, label, screen_head, see_through
from ui.kpis.chart import Bar, BarChart
from ui.screen import Screen, ScreenshotState, Shell

translate = QCoreApplication.translate

_CHANNELS = {
    "store": QT_TRANSLATE_NOOP("KpisScreen", "In store"),
    "web": QT_TRANSLATE_NOOP("KpisScreen", "Web"),
    "app": QT_TRANSLATE_NOOP("KpisScreen", "App"),
    "phone": QT_TRANSLATE_NOOP("KpisScreen", "Phone"),
}


def _percent(share: float) -> str:
    """"45%", "45 %": the number through QLocale, the sign where the language puts it."""
    return translate("KpisScreen", "%1%").replace("%1", QLocale().toString(share * 100, "f", 0))


class Figure(QFrame):
    """One number on a card: the value large, what it is under it."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("card", True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        self.value = QLabel("—", self)
        self.value.setProperty("role", "title")
        self.caption = label(self, "muted")
        column.addWidget(self.value)
        column.addWidget(self.caption)

    def show_value(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {value}")


class KpisScreen(Screen):
    screen_id = "kpis"
    screenshot_role = "manager"

    FIGURES = ("active", "new", "email", "sms", "pickups")

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._loading: workers.Task | None = None
        self.report: KpiReport | None = None
        head = screen_head(self)
        outer, top, self.heading = head.outer, head.top, head.heading
        self.refresh_button = button(self, "", "retry")
        self.refresh_button.setObjectName("kpisRefresh")
        self.refresh_button.clicked.connect(self.load)
        top.addWidget(self.refresh_button)
        self.as_of = label(self, "muted", "kpisAsOf")
        outer.addWidget(self.as_of)

        self.pages = QStackedWidget(self)
        self.status = QLabel(self)
        self.status.setObjectName("kpisStatus")
        self.status.setProperty("role", "empty")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.status)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body.setObjectName("kpisBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        self.figure_grid = QGridLayout()
        self.figure_grid.setSpacing(12)
        self.figures = {key: Figure(f"kpi_{key}", body) for key in self.FIGURES}
        column.addLayout(self.figure_grid)
        self.chart_grid = QGridLayout()
        self.chart_grid.setSpacing(12)
        self.chart_cards: list[tuple[QFrame, QLabel, BarChart]] = []
        for name in ("revenueChart", "averageChart", "consentChart"):
            frame, layout = card(body, name + "Card")
            title = label(frame, "subtitle")
            chart = BarChart(name, frame)
            layout.addWidget(title)
            layout.addWidget(chart)
            layout.addStretch(1)  # side by side, a shorter chart keeps to the top
            self.chart_cards.append((frame, title, chart))
        column.addLayout(self.chart_grid)
        column.addStretch(1)
        scroll.setWidget(body)
        see_through(scroll)
        self.pages.addWidget(scroll)
        self.body = scroll
        outer.addWidget(self.pages, 1)
        self._columns = 0
        self.retranslate()
        self._reflow(force=True)

    def retranslate(self) -> None:
        self.heading.setText(translate("KpisScreen", "Store KPIs"))
        self.refresh_button.setText(translate("KpisScreen", "Refresh"))
        self.refresh_button.setAccessibleName(translate("KpisScreen", "Refresh the figures"))

    def title(self) -> str:
        return translate("KpisScreen", "KPIs")

    def enter(self, **params: Any) -> None:
        self.retranslate()
        self.load()

    # -- layout: cards in as many columns as the width takes ---------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self, force: bool = False) -> None:
        width = self.width()
        columns = 5 if width >= 1300 else 3 if width >= 900 else 2
        if columns == self._columns and not force:
            return
        self._columns = columns
        for i, key in enumerate(self.FIGURES):
            self.figure_grid.addWidget(self.figures[key], i // columns, i % columns)
        charts = 3 if width >= 1500 else 1
        for i, (frame, _, _) in enumerate(self.chart_cards):
            self.chart_grid.addWidget(frame, i // charts, i % charts)

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        if self.shell.device is None or self._loading is not None:
            return
        self.refresh_button.setEnabled(False)
        if self.report is None:
            self.status.setText(translate("KpisScreen", "Computing the figures…"))
            self.pages.setCurrentWidget(self.status)
        self._loading = workers.run(self.device.kpis.store_kpis, owner=self,
                                    on_result=self.show_report, on_error=self._failed,
                                    name="kpis.load")

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        self.status.setText(messages.for_error(error))
        self.pages.setCurrentWidget(self.status)
        self.as_of.setText("")

    def show_report(self, report: KpiReport) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        self.report = report
        f = report.figures
        when = format_datetime(report.as_of) if report.as_of else "—"
        if report.source == "server":
            self.as_of.setText(translate("KpisScreen", "Figures from the server: %1.")
                               .replace("%1", when))
        else:
            self.as_of.setText(translate(
                "KpisScreen", "Offline: computed on this device from the last sync (%1). "
                "Orders made elsewhere since then are not counted yet.")
                .replace("%1", when))
        self.as_of.setProperty("role", "muted" if report.source == "server" else "error")
        self.as_of.style().unpolish(self.as_of)
        self.as_of.style().polish(self.as_of)
        if f.clients == 0:
            self.status.setText(translate(
                "KpisScreen", "This store has no clients on this device yet: the figures "
                "appear after their first purchase syncs."))
            self.pages.setCurrentWidget(self.status)
            return
        self.figures["active"].show_value(
            format_number(f.active_clients),
            translate("KpisScreen", "active clients (a purchase in the last 90 days)"))
        self.figures["new"].show_value(
            format_number(f.new_clients),
            translate("KpisScreen", "new clients (first purchase in the last 90 days)"))
        self.figures["email"].show_value(_percent(f.consent_email_share),
                                         translate("KpisScreen", "consented to email"))
        self.figures["sms"].show_value(_percent(f.consent_sms_share),
                                       translate("KpisScreen", "consented to SMS"))
        self.figures["pickups"].show_value(format_number(f.pickups_waiting),
                                           translate("KpisScreen", "orders waiting for pickup"))
        (_, revenue_title, revenue), (_, average_title, average), (_, consent_title, consent) = (
            self.chart_cards)
        revenue_title.setText(translate("KpisScreen", "Revenue by channel"))
        revenue.set_bars([Bar(translate("KpisScreen", _CHANNELS[c]),
                              float(f.revenue_by_channel.get(c, 0)),
                              format_money(f.revenue_by_channel.get(c, 0)))
                          for c in _CHANNELS], title=revenue_title.text())
        average_title.setText(translate("KpisScreen", "Average value by channels used"))
        average.set_bars([Bar(self.tr("%n channel(s)", None, int(n)),
                              float(f.average_value_by_channels.get(n, 0)),
                              format_money(f.average_value_by_channels.get(n, 0)))
                          for n in CHANNEL_BUCKETS], title=average_title.text())
        consent_title.setText(translate("KpisScreen", "Share of clients who consented"))
        consent.set_bars([Bar(translate("KpisScreen", "Email"), f.consent_email_share,
                              _percent(f.consent_email_share)),
                          Bar(translate("KpisScreen", "SMS"), f.consent_sms_share,
                              _percent(f.consent_sms_share))],
                         title=consent_title.text(), scale=1.0)
        self.pages.setCurrentWidget(self.body)

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", lambda: None)]
