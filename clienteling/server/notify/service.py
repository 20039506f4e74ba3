"""Telling a customer something (their order is ready) by the channel they consented to.

The orders service decides what to say and to whom (`ready_message`) and records it in the
timeline in the same transaction as the move; the router hands the message to the `Notifier`
after the move is committed, so a move rolled back never tells anyone. The default notifier
only writes the message to the log (`CLIENTELING_NOTIFIER=log`); `smtp` sends emails through
the SMTP server of the settings. SMS has no gateway here: an SMS message is logged, and says so.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from clienteling.server.config import ServerConfig

log = logging.getLogger(__name__)

EMAIL = "email"
SMS = "sms"


@dataclass(frozen=True)
class Outbound:
    """One message to one customer: `channel` email or sms, `to` the address or number."""

    channel: str
    to: str
    subject: str
    body: str
    customer_id: str


def channel_for(*, email: str | None, consent_email: bool, phone: str | None,
                consent_sms: bool) -> str | None:
    """The channel a customer may be told by: email first, then SMS; None without consent."""
    if consent_email and email:
        return EMAIL
    if consent_sms and phone:
        return SMS
    return None


def ready_message(*, channel: str, to: str, customer_id: str, first_name: str,
                  order_number: str, store_name: str) -> Outbound:
    """The customer-facing message of an order ready to collect (in French: the chain's
    customers' language; the seller's app says it in the seller's language)."""
    body = (f"Bonjour {first_name},\n\nVotre commande {order_number} vous attend au magasin "
            f"{store_name}. Présentez le QR code de retrait de votre confirmation.\n\n"
            f"Hello {first_name}, your order {order_number} is ready to collect at "
            f"{store_name}. Show the pickup QR code of your confirmation.")
    return Outbound(channel=channel, to=to, customer_id=customer_id,
                    subject=f"Commande {order_number} prête / Order ready", body=body)


class Notifier(Protocol):
    def send(self, message: Outbound) -> None:
        """Send `message`; a failure is logged, never raised (the move is done already)."""


class LogNotifier:
    """Writes each message to the log: the default, and the demo's."""

    def __init__(self) -> None:
        self.sent: list[Outbound] = []

    def send(self, message: Outbound) -> None:
        self.sent.append(message)
        log.info("notify %s %s (customer %s): %s", message.channel, message.to,
                 message.customer_id, message.subject)


class SmtpNotifier:
    """Sends emails through an SMTP server; SMS messages go to the log (no gateway)."""

    def __init__(self, *, host: str, port: int, sender: str, user: str | None = None,
                 password: str | None = None, starttls: bool = False,
                 timeout: float = 10.0) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.starttls, self.timeout = user, password, starttls, timeout

    def send(self, message: Outbound) -> None:
        if message.channel != EMAIL:
            log.warning("notify %s %s (customer %s): no SMS gateway, not sent: %s",
                        message.channel, message.to, message.customer_id, message.subject)
            return
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self.sender, message.to, message.subject
        mail.set_content(message.body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            log.error("notify email to customer %s failed: %s", message.customer_id, error)


def make_notifier(config: ServerConfig) -> Notifier:
    if config.notifier == "smtp":
        return SmtpNotifier(host=config.smtp_host, port=config.smtp_port,
                            sender=config.smtp_sender, user=config.smtp_user,
                            password=config.smtp_password, starttls=config.smtp_starttls)
    if config.notifier != "log":
        raise ValueError(f"CLIENTELING_NOTIFIER must be log or smtp, not {config.notifier!r}")
    return LogNotifier()
