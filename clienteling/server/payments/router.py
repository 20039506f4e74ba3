"""HTTP routes of payments: the provider's webhook (no bearer token: its HMAC signature
authenticates it), and the demo's simulated provider page (only with
`CLIENTELING_DEMO_PAYMENT_PAGE`, on the loopback demo server: never in production)."""

from __future__ import annotations

import html
import json
import logging
import urllib.error
import urllib.request
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import get_config, get_session
from clienteling.server.config import ServerConfig
from clienteling.server.orders import service
from clienteling.server.payments import signature
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

log = logging.getLogger(__name__)

router = APIRouter(prefix="/payments", tags=["payments"], route_class=DatabaseRoute)
demo = APIRouter(prefix="/payments/demo", include_in_schema=False)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
_BODY_SCHEMA = w.PaymentWebhook.model_json_schema()


async def _raw_body(request: Request) -> bytes:
    return await request.body()


@router.post(
    "/webhook", response_model=w.PaymentWebhookAnswer,
    responses={status: _PROBLEM for status in (401, 404, 422, 503)},
    summary="The payment provider says a payment link was paid or failed (signed)",
    description="No bearer token: the header `X-Signature: sha256=<hex HMAC-SHA256 of the raw "
                "body>` with the secret `CLIENTELING_PAYMENT_WEBHOOK_SECRET` authenticates the "
                "call; a missing or bad signature → 401. An unknown order (or one not paid by "
                "link) → 404. `paid` marks the order paid once (the same call again changes "
                "nothing); `failed` leaves it unpaid.",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _BODY_SCHEMA}}}},
)
def webhook(
    raw: bytes = Depends(_raw_body),
    x_signature: Annotated[str | None, Header(
        alias="X-Signature",
        description="sha256=<hex HMAC-SHA256 of the raw body>")] = None,
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> w.PaymentWebhookAnswer:
    if not signature.verify(config.payment_webhook_secret, raw, x_signature):
        raise ApiProblem(401, "The webhook's signature is missing or does not match.",
                         code="payment.signature")
    try:
        body = w.PaymentWebhook.model_validate_json(raw)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None
    return service.payment_webhook(session, body=body)


# --- the demo's simulated provider -------------------------------------------------------

_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paiement / Payment {number}</title>
<style>body{{font-family:sans-serif;max-width:28em;margin:2em auto;padding:0 1em}}
button{{font-size:1.4em;padding:.6em 1.4em}}</style></head>
<body><h1>Paiement simulé / Simulated payment</h1>
<p>Commande / Order <strong>{number}</strong>: {total} {currency}</p>
<p>{state}</p>
<form method="post" action="{action}">
<button type="submit" name="status" value="paid">Payer / Pay</button>
<button type="submit" name="status" value="failed">Refuser / Decline</button></form>
</body></html>"""


_LOOPBACK = ("127.", "::1", "localhost", "testclient")


def _loopback_only(request: Request) -> None:
    """The simulated provider pays any order: it answers the machine itself only."""
    host = request.client.host if request.client else ""
    if not host.startswith(_LOOPBACK):
        raise ApiProblem(403, "The simulated payment page answers the local machine only.",
                         code="payment.demo_only")


@demo.get("/{order_number}", response_class=HTMLResponse)
def demo_page(order_number: Annotated[str, Path(max_length=40)],
              request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    """The page a payment link opens on the customer's phone in the demo."""
    _loopback_only(request)
    order = service.get_order(session, order_number=order_number)
    paid = order.payment is not None and order.payment.status == "paid"
    page = _PAGE.format(number=html.escape(order.order_number), total=order.total,
                        currency=html.escape(order.currency),
                        state="Payée / Paid" if paid else "À payer / To pay",
                        action=html.escape(f"{order.order_number}/pay"))
    return HTMLResponse(page)


@demo.post("/{order_number}/pay", response_class=HTMLResponse)
async def demo_pay(order_number: Annotated[str, Path(max_length=40)], request: Request,
                   config: ServerConfig = Depends(get_config)) -> HTMLResponse:
    """"Pay" on the simulated page: the provider calls the webhook, signed, over HTTP."""
    _loopback_only(request)
    form = (await request.body()).decode("utf-8", "replace")
    status = "failed" if "status=failed" in form else "paid"
    body = json.dumps({"order_number": order_number, "status": status,
                       "reference": f"DEMO-{order_number}"}).encode()
    url = str(request.url_for("webhook"))
    call = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "X-Signature": signature.sign(config.payment_webhook_secret or "", body)})

    def send() -> int:
        try:
            with urllib.request.urlopen(call, timeout=10) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    code = await anyio.to_thread.run_sync(send)
    said = ("Paiement accepté / Payment accepted" if code == 200 and status == "paid"
            else f"Paiement non abouti / Payment not completed ({code})")
    return HTMLResponse(f"<!doctype html><html lang='fr'><head><meta charset='utf-8'>"
                        f"<title>{html.escape(order_number)}</title></head><body>"
                        f"<h1>{html.escape(said)}</h1></body></html>")
