"""Error codes from the core and the server turned into sentences a seller reads, in their language.

The core speaks in codes (`DomainError.code` with params; a server problem's `code`); this is
the one place where a code becomes a sentence. Params are filled with `{name}` placeholders
after translation; numbers, money and dates among them are formatted through QLocale.
To add a code: one line in `_MESSAGES` (keep the table sorted by code), then refresh the
translations (`python -m ui.i18n update`).
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from clienteling.domain.errors import DomainError
from ui.i18n import QT_TRANSLATE_NOOP

_CTX = "Messages"

_MESSAGES: dict[str, str] = {
    "address.country": QT_TRANSLATE_NOOP("Messages", "Choose the country of the address."),
    "address.required": QT_TRANSLATE_NOOP(
        "Messages", "The address, the postcode and the city are needed for a delivery."),
    "assign.invalid": QT_TRANSLATE_NOOP(
        "Messages", "Choose one to 500 clients and a seller to assign them to."),
    "assign.not_a_client": QT_TRANSLATE_NOOP(
        "Messages", "Some of these customers are not clients of this store: nothing was "
        "assigned."),
    "assign.not_a_seller": QT_TRANSLATE_NOOP(
        "Messages", "This person is not a seller of the store: choose another seller."),
    "assign.other_store": QT_TRANSLATE_NOOP(
        "Messages", "This seller works in another store: choose a seller of yours."),
    "auth.bad_credentials": QT_TRANSLATE_NOOP("Messages", "Wrong username or password."),
    "auth.busy": QT_TRANSLATE_NOOP(
        "Messages", "The server is busy checking other sign-ins. Try again in a moment."),
    "auth.device_revoked": QT_TRANSLATE_NOOP(
        "Messages", "This device was revoked by your store: it erased its data. Sign in again."),
    "auth.forbidden": QT_TRANSLATE_NOOP("Messages", "Your account may not do this."),
    "auth.inactive": QT_TRANSLATE_NOOP(
        "Messages", "This account is disabled. Ask your manager."),
    "auth.invalid_refresh": QT_TRANSLATE_NOOP(
        "Messages", "Your session has ended. Sign in again."),
    "auth.invalid_token": QT_TRANSLATE_NOOP(
        "Messages", "Your session has ended. Sign in again."),
    "auth.missing": QT_TRANSLATE_NOOP("Messages", "Sign in first."),
    "auth.not_signed_in": QT_TRANSLATE_NOOP("Messages", "Nobody is signed in on this device."),
    "auth.refresh_reused": QT_TRANSLATE_NOOP(
        "Messages", "Your session was used elsewhere and has ended. Sign in again."),
    "auth.session_ended": QT_TRANSLATE_NOOP(
        "Messages", "Your session has ended. Sign in again."),
    "auth.sign_in_again": QT_TRANSLATE_NOOP(
        "Messages", "The server asks you to sign in again. Nothing unsent is lost."),
    # "min" reads right for any count in both languages (no plural forms through this table).
    "auth.throttled": QT_TRANSLATE_NOOP(
        "Messages", "Too many failed sign-ins for this username. Try again in {minutes} min."),
    "auth.throttled_later": QT_TRANSLATE_NOOP(
        "Messages", "Too many failed sign-ins for this username. Try again later."),
    "card.check_digit": QT_TRANSLATE_NOOP(
        "Messages", "The check digit does not match: scan the card again."),
    "card.format": QT_TRANSLATE_NOOP(
        "Messages", "This is not a loyalty card number (13 digits starting with 29)."),
    "card.prefix": QT_TRANSLATE_NOOP(
        "Messages", "This card is not one of ours: our loyalty cards start with 29."),
    "card.serial_range": QT_TRANSLATE_NOOP(
        "Messages", "This card number is out of range."),
    "cart.currency": QT_TRANSLATE_NOOP(
        "Messages", "This product is priced in {currency} and the cart in {cart_currency}: "
        "order it separately."),
    "cart.empty": QT_TRANSLATE_NOOP("Messages", "The cart is empty."),
    "cart.line_not_found": QT_TRANSLATE_NOOP("Messages", "This product is no longer in the cart."),
    "cart.quantity": QT_TRANSLATE_NOOP("Messages", "A quantity is between 1 and {max}."),
    "clients.cursor": QT_TRANSLATE_NOOP(
        "Messages", "The list changed while it was being read: it starts again from the top."),
    "clients.invalid": QT_TRANSLATE_NOOP(
        "Messages", "This saved list's filters can no longer be read: save it again."),
    "clients.list_name": QT_TRANSLATE_NOOP(
        "Messages", "Give the list a name of 1 to {max} characters."),
    "clients.no_store": QT_TRANSLATE_NOOP(
        "Messages", "Your account works in no store, so it has no client book."),
    "clients.offline": QT_TRANSLATE_NOOP(
        "Messages", "The server cannot be reached: the client book shows this device's copy."),
    "code.empty": QT_TRANSLATE_NOOP("Messages", "Nothing was scanned."),
    "code.too_long": QT_TRANSLATE_NOOP("Messages", "This code is too long to be one of ours."),
    "code.unknown": QT_TRANSLATE_NOOP(
        "Messages", "This code is neither a loyalty card, a product nor a pickup code."),
    "consent.invalid": QT_TRANSLATE_NOOP(
        "Messages", "This consent change cannot be recorded (email or SMS, given or withdrawn)."),
    "customer.gone": QT_TRANSLATE_NOOP(
        "Messages", "This customer is no longer in this store's list. Search for them again."),
    "customer.invalid": QT_TRANSLATE_NOOP(
        "Messages", "Some of the customer's details are not valid: see the fields in red."),
    "customer.not_found": QT_TRANSLATE_NOOP("Messages", "No customer was found."),
    "customer.not_found_offline": QT_TRANSLATE_NOOP(
        "Messages", "This customer is not in this store's copy, and the server cannot be "
        "reached to look further. Try again when the network is back."),
    "customer.version_conflict": QT_TRANSLATE_NOOP(
        "Messages", "Someone else changed this customer meanwhile: choose which version to keep."),
    "demo.port_taken": QT_TRANSLATE_NOOP(
        "Messages", "The demo cannot start: another program uses its port {port}. Close the "
        "other demo (or that program) and try again."),
    "ean.check_digit": QT_TRANSLATE_NOOP(
        "Messages", "The barcode's check digit does not match: scan it again."),
    "ean.format": QT_TRANSLATE_NOOP("Messages", "This is not a product barcode."),
    "export.invalid": QT_TRANSLATE_NOOP(
        "Messages", "This export cannot be recorded: its figures are not valid."),
    "export.separator": QT_TRANSLATE_NOOP(
        "Messages", "A CSV file is separated by commas or semicolons."),
    "export.write": QT_TRANSLATE_NOOP(
        "Messages", "The file could not be written ({reason}): choose another place."),
    "image.code_damaged": QT_TRANSLATE_NOOP(
        "Messages", "A code was found in the image but it is damaged: try a sharper picture."),
    "image.frame_shape": QT_TRANSLATE_NOOP(
        "Messages", "The camera sent a frame that cannot be read."),
    "image.no_code": QT_TRANSLATE_NOOP("Messages", "No QR code or barcode found in the image."),
    "image.too_large": QT_TRANSLATE_NOOP("Messages", "The image is too large to be read."),
    "image.unreadable": QT_TRANSLATE_NOOP("Messages", "This file is not an image we can read."),
    "internal": QT_TRANSLATE_NOOP(
        "Messages", "The server had a problem. Try again; if it persists, call support."),
    "kpis.no_data": QT_TRANSLATE_NOOP(
        "Messages", "The figures need a first sync with the server: connect and sync."),
    "lock.pin_format": QT_TRANSLATE_NOOP("Messages", "A PIN is 4 to 8 digits."),
    "lock.pin_mismatch": QT_TRANSLATE_NOOP("Messages", "The two PINs differ."),
    "lock.wrong_secret": QT_TRANSLATE_NOOP("Messages", "Wrong password or PIN."),
    "money.format": QT_TRANSLATE_NOOP("Messages", "This is not an amount of money."),
    "money.range": QT_TRANSLATE_NOOP("Messages", "This amount is out of range."),
    "money.currency": QT_TRANSLATE_NOOP("Messages", "This is not a currency code."),
    "network.bad_response": QT_TRANSLATE_NOOP(
        "Messages", "The server sent an answer that cannot be read. It will be retried."),
    "network.redirect": QT_TRANSLATE_NOOP(
        "Messages", "The server address redirects elsewhere: check the address."),
    "network.timeout": QT_TRANSLATE_NOOP(
        "Messages", "The server did not answer in time. It will be retried."),
    "network.tls": QT_TRANSLATE_NOOP(
        "Messages", "The server's certificate cannot be trusted: the connection was refused."),
    "network.tls_expired": QT_TRANSLATE_NOOP(
        "Messages", "The server's certificate has expired: the connection was refused. Ask "
        "your IT to renew it."),
    "network.tls_hostname": QT_TRANSLATE_NOOP(
        "Messages", "The server's certificate is for another address: the connection was "
        "refused. Check the server address."),
    "network.tls_unknown_ca": QT_TRANSLATE_NOOP(
        "Messages", "The server's certificate comes from an authority this device does not "
        "trust: the connection was refused. Ask your IT to install the company's certificate "
        "authority on this device."),
    "delivery.methods_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The delivery methods are known once the device has been online: home "
        "delivery needs the network once."),
    "delivery.unknown_method": QT_TRANSLATE_NOOP(
        "Messages", "This delivery method is not offered any more. Choose another one."),
    "device.not_found": QT_TRANSLATE_NOOP("Messages", "This device is no longer known."),
    "device.other_store": QT_TRANSLATE_NOOP(
        "Messages", "A manager manages the devices of their own store only."),
    "network.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "The server cannot be reached. Your work is kept and will be sent later."),
    "note.invalid": QT_TRANSLATE_NOOP(
        "Messages", "A note needs some text, at most 2,000 characters."),
    "order.not_found": QT_TRANSLATE_NOOP("Messages", "No order has this number."),
    "order.invalid": QT_TRANSLATE_NOOP(
        "Messages", "The server refused the order as it is: check the address and the lines."),
    "order.not_short": QT_TRANSLATE_NOOP(
        "Messages", "This order no longer waits for a decision: it was resolved or cancelled."),
    "outbox.failed": QT_TRANSLATE_NOOP(
        "Messages", "The server refused some changes: open Sync to decide what to do."),
    "outbox.not_found": QT_TRANSLATE_NOOP(
        "Messages", "This change is no longer waiting: it was sent or dropped meanwhile."),
    "pickup.format": QT_TRANSLATE_NOOP("Messages", "This is not a pickup code."),
    "pickup.not_found": QT_TRANSLATE_NOOP(
        "Messages", "No order has this pickup code: check the customer's confirmation."),
    "pickup.not_found_offline": QT_TRANSLATE_NOOP(
        "Messages", "This pickup code is not in this store's copy, and the server cannot be "
        "reached to check it. Try again when the network is back."),
    "product.not_found": QT_TRANSLATE_NOOP("Messages", "No product has this code."),
    "product.not_found_offline": QT_TRANSLATE_NOOP(
        "Messages", "This product is not in this device's copy, and the server cannot be "
        "reached to check it."),
    "replica.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "The local copy is damaged and is being downloaded again."),
    "replica.key_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The key of this device's customer copy is in the system keyring, which "
        "cannot be read now. Unlock the keyring (sign in to the computer again), then start the "
        "app again."),
    "replica.no_sqlcipher": QT_TRANSLATE_NOOP(
        "Messages", "This installation cannot open the encrypted customer copy: reinstall the "
        "app."),
    "replica.too_new": QT_TRANSLATE_NOOP(
        "Messages", "The local copy was made by a newer version of the app: update the app."),
    "replica.wrong_key": QT_TRANSLATE_NOOP(
        "Messages", "This device's key does not open its local customer copy (it was copied "
        "from another device, or it is damaged). Delete the file {path} and start the app "
        "again: the customers are downloaded again."),
    "postcode.no_departement": QT_TRANSLATE_NOOP(
        "Messages", "No French département has this postcode."),
    "postcode.not_five_digits": QT_TRANSLATE_NOOP(
        "Messages", "A French postcode is five digits."),
    "qr.module_size": QT_TRANSLATE_NOOP("Messages", "The QR code cannot be drawn at this size."),
    "scan.card_unknown": QT_TRANSLATE_NOOP(
        "Messages", "No customer has this card. Check the number, or enrol the customer."),
    "scan.card_unknown_offline": QT_TRANSLATE_NOOP(
        "Messages", "No customer of this store has this card, and the server cannot be reached "
        "to look further. Search by name, or try again when the network is back."),
    "settings.server_url": QT_TRANSLATE_NOOP(
        "Messages", "This is not a server address (it starts with https:// or http://)."),
    "settings.unreadable": QT_TRANSLATE_NOOP(
        "Messages", "The app's settings file cannot be read: sign in again."),
    "stock.short": QT_TRANSLATE_NOOP(
        "Messages", "Not enough stock for {lines}: pick another store or change the order."),
    "sync.child_stopped": QT_TRANSLATE_NOOP(
        "Messages", "The sync stopped unexpectedly and is starting again. Your work is kept."),
    "sync.cursor_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The local copy is out of date and is being downloaded again."),
    "task.already_done": QT_TRANSLATE_NOOP("Messages", "This task is already done."),
    "task.assignee": QT_TRANSLATE_NOOP(
        "Messages", "A task goes to a seller of the client's store: choose another seller."),
    "task.id_taken": QT_TRANSLATE_NOOP(
        "Messages", "Another task already has this number: create the task again."),
    "task.invalid": QT_TRANSLATE_NOOP(
        "Messages", "The task is not complete: choose a seller, a channel, a due date and "
        "write why (500 characters at most)."),
    "task.no_consent": QT_TRANSLATE_NOOP(
        "Messages", "The client has not agreed to be contacted this way: choose a call or a "
        "visit, or record their consent first."),
    "task.not_found": QT_TRANSLATE_NOOP("Messages", "This task is no longer on this device."),
    "task.nothing": QT_TRANSLATE_NOOP("Messages", "Mark the task done or choose a day to "
                                      "snooze it to."),
    "task.snooze_past": QT_TRANSLATE_NOOP(
        "Messages", "Snooze the task to a later day than today."),
    "user.password_short": QT_TRANSLATE_NOOP("Messages", "The password is too short."),
    "user.role": QT_TRANSLATE_NOOP("Messages", "Unknown role."),
    "user.store_unknown": QT_TRANSLATE_NOOP("Messages", "Unknown store."),
    "user.username": QT_TRANSLATE_NOOP("Messages", "This username is not valid."),
    "user.username_taken": QT_TRANSLATE_NOOP("Messages", "This username is already taken."),
    "validation": QT_TRANSLATE_NOOP("Messages", "Some fields are not valid: {fields}."),
    "wishlist.already": QT_TRANSLATE_NOOP("Messages", "This product is already on the wishlist."),
    "wishlist.not_found": QT_TRANSLATE_NOOP(
        "Messages", "This product is no longer on the wishlist."),
}

_FALLBACK = QT_TRANSLATE_NOOP("Messages", "Something went wrong ({code}).")
_SERVER_ERROR = QT_TRANSLATE_NOOP(
    "Messages", "The server is in trouble (error {status}). It will be retried.")
_SERVER_REFUSED = QT_TRANSLATE_NOOP(
    "Messages", "The server refused this (error {status}).")
_SHORT_LINE = QT_TRANSLATE_NOOP("Messages", "{sku} ({requested} asked, {available} available)")
_ONLINE_ONLY = QT_TRANSLATE_NOOP(
    "Messages", "The server cannot be reached: this needs a connection. Try again when the "
    "device is online.")
_UNEXPECTED = QT_TRANSLATE_NOOP(
    "Messages", "Something unexpected happened. Your work is kept; try again.")


def known_codes() -> frozenset[str]:
    """Every code that has its own sentence (tests check the core's codes are all here)."""
    return frozenset(_MESSAGES)


def _format_param(value: Any, locale: QLocale) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        return locale.toString(float(value), "f", places)
    if isinstance(value, float):
        return locale.toString(value, "f", 2)
    if isinstance(value, dt.datetime):
        from ui.i18n import format_datetime

        return format_datetime(value, locale)
    if isinstance(value, dt.date):
        return locale.toString(QDate(value.year, value.month, value.day),
                               QLocale.FormatType.ShortFormat)
    if isinstance(value, dict) and "sku" in value:  # a short line of stock.short
        text = QCoreApplication.translate(_CTX, _SHORT_LINE)
        return text.format(sku=value.get("sku", ""),
                           requested=_format_param(value.get("requested", ""), locale),
                           available=_format_param(value.get("available", ""), locale))
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_format_param(v, locale) for v in value)
    return str(value)


# `code` is positional-only: a DomainError's params may hold a `code` of their own (the scan).
def text(code: str, /, **params: Any) -> str:
    """The sentence for `code` in the current language, with its `{placeholders}` filled."""
    locale = QLocale()
    source = _MESSAGES.get(code)
    if source is None and code.startswith("http.") and code[5:].isdigit():
        # The server answered an error status without a code of its own.
        source = _SERVER_ERROR if int(code[5:]) >= 500 else _SERVER_REFUSED
        params = {"status": code[5:], **params}
    if source is None:
        return QCoreApplication.translate(_CTX, _FALLBACK).format(code=code)
    sentence = QCoreApplication.translate(_CTX, source)
    wanted = {name for _, name, _, _ in string.Formatter().parse(sentence) if name}
    values = {name: _format_param(params.get(name, ""), locale) for name in wanted}
    return sentence.format(**values)


def for_error(error: BaseException) -> str:
    """The sentence for anything a worker or a core callback reports.

    A DomainError (or anything carrying `code` and `params`, such as an API problem) gives its
    own sentence; anything else is unexpected, and the seller is told so without jargon.
    """
    code = getattr(error, "code", None)
    if isinstance(error, DomainError) or isinstance(code, str):
        params = dict(getattr(error, "params", {}) or {})
        return text(str(code), **params)
    if isinstance(error, (ConnectionError, TimeoutError)):
        return text("network.unreachable")
    return QCoreApplication.translate(_CTX, _UNEXPECTED)


def online_only(error: BaseException) -> str:
    """An online-only screen's sentence for an error: when the server cannot be asked (no
    network, or the sign-in must be renewed), that it needs a connection; else `for_error`."""
    code = str(getattr(error, "code", ""))
    if code.startswith("network.") or code == "auth.sign_in_again":
        return QCoreApplication.translate(_CTX, _ONLINE_ONLY)
    return for_error(error)
