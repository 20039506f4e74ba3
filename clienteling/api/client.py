"""The HTTP client of the central API: timeouts on every call, TLS verified, typed errors.

Nothing here retries on its own except one thing that is always safe: a 401 refreshes the
token once and resends (the server did nothing the first time). Writes are resent by the
outbox, with their Idempotency-Key, never here.
"""

from __future__ import annotations

import json
import math
import re
import ssl
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
import truststore
import urllib3
from requests.adapters import HTTPAdapter

from clienteling import __version__
from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.settings import TokenPair, normalize_server_url

API_PREFIX = "/api/v1"
PROBLEM_FIELDS = ("type", "title", "status", "detail", "code", "message")


class ApiError(DomainError):
    """The server answered with an error status. `code` is the problem's code (`stock.short`,
    `customer.version_conflict`…) or `http.<status>` when the answer had none; `problem` is the
    whole problem+json body (with `lines`, `current`, `errors` when the server sent them)."""

    def __init__(self, status: int, code: str | None, detail: str | None,
                 problem: dict[str, Any] | None = None) -> None:
        self.status = status
        self.detail = detail
        self.problem = dict(problem or {})
        extra = {k: v for k, v in self.problem.items() if k not in PROBLEM_FIELDS}
        super().__init__(code or f"http.{status}", detail or f"HTTP {status}", status=status,
                         detail=detail, **extra)

    @property
    def retryable(self) -> bool:
        """A server failure or an overload: the same request may succeed later."""
        return self.status >= 500 or self.status in (408, 429)


class SignInThrottled(ApiError):
    """429 on sign-in: too many failed attempts for this username, so the server refuses every
    attempt for it, even with the right password, for `retry_after` seconds. `minutes` (rounded
    up) is what a person is told."""

    def __init__(self, retry_after: int | None, problem: dict[str, Any] | None = None) -> None:
        self.retry_after = retry_after
        minutes = max(1, math.ceil(retry_after / 60)) if retry_after else None
        if minutes is None:  # a proxy answered without saying how long
            code, sentence = "auth.throttled_later", ("Too many failed sign-ins for this "
                                                      "username; try again later.")
        else:
            unit = "minute" if minutes == 1 else "minutes"
            code, sentence = "auth.throttled", ("Too many failed sign-ins for this username; "
                                                f"try again in {minutes} {unit}.")
        super().__init__(429, code, sentence,
                         {**(problem or {}), "retry_after": retry_after, "minutes": minutes})


def retry_after_seconds(value: str | None) -> int | None:
    """`Retry-After` as seconds (the API sends seconds; an HTTP date from a proxy is ignored)."""
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


class TransportError(DomainError):
    """No usable answer: refused, timed out, cut, or not the API's JSON. Always retryable."""

    retryable = True

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(code, reason, reason=reason)


class SignInRequired(DomainError):
    """The tokens are gone or refused and refreshing failed: a person must sign in again."""

    def __init__(self, reason: str = "the session has expired") -> None:
        super().__init__("auth.sign_in_again", reason, reason=reason)


class DeviceRevoked(SignInRequired):
    """The device's store revoked it (401 `auth.device_revoked`): it must wipe its replica and
    tokens and send nothing more."""

    def __init__(self, reason: str = "this device was revoked by its store") -> None:
        DomainError.__init__(self, "auth.device_revoked", reason, reason=reason)


REVOKED_CODE = "auth.device_revoked"
SNAPSHOT_CHUNK = 1 << 20  # bytes of a snapshot written (and reported) at a time


def _problem_code(content: bytes) -> str | None:
    try:
        problem = json.loads(content) if content else {}
    except (ValueError, UnicodeDecodeError):
        return None
    code = problem.get("code") if isinstance(problem, dict) else None
    return code if isinstance(code, str) else None


def _loads(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TransportError("network.bad_response",
                             f"the server's answer is not JSON: {exc}") from None


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def loads_in_steps(body: bytes) -> Any:
    """Decode a JSON object whose arrays may be long, one array item at a time.

    `json.loads` keeps the GIL for the whole document (a 1 MB feed page: 100 ms to 600 ms on
    a busy tablet), during which the UI thread cannot run. Here each item is one short
    `raw_decode` call, and other threads get the GIL between them. Same result as
    `json.loads` for an object; anything else is a `network.bad_response`.
    """
    try:
        text = body.decode("utf-8")
        value, end = _object(text, _SPACE.match(text, 0).end())  # type: ignore[union-attr]
        if _SPACE.match(text, end).end() != len(text):  # type: ignore[union-attr]
            raise ValueError("extra data after the JSON object")
        return value
    except (ValueError, IndexError, UnicodeDecodeError) as exc:
        raise TransportError("network.bad_response",
                             f"the server's answer is not JSON: {exc}") from None


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _object(text: str, pos: int) -> tuple[dict[str, Any], int]:
    if text[pos] != "{":
        raise ValueError("expected an object")
    result: dict[str, Any] = {}
    pos = _skip(text, pos + 1)
    if text[pos] == "}":
        return result, pos + 1
    while True:
        key, pos = _DECODER.raw_decode(text, pos)
        if not isinstance(key, str):
            raise ValueError("expected a key")
        pos = _skip(text, pos)
        if text[pos] != ":":
            raise ValueError("expected ':'")
        pos = _skip(text, pos + 1)
        if text[pos] == "[":
            result[key], pos = _array(text, pos)
        else:
            result[key], pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos] == "}":
            return result, pos + 1
        if text[pos] != ",":
            raise ValueError("expected ',' or '}'")
        pos = _skip(text, pos + 1)


def _array(text: str, pos: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    pos = _skip(text, pos + 1)
    if text[pos] == "]":
        return items, pos + 1
    while True:
        item, pos = _DECODER.raw_decode(text, pos)
        items.append(item)
        pos = _skip(text, pos)
        if text[pos] == "]":
            return items, pos + 1
        if text[pos] != ",":
            raise ValueError("expected ',' or ']'")
        pos = _skip(text, pos + 1)


class SystemTrustAdapter(HTTPAdapter):
    """HTTPS verified against the operating system's trust store (via truststore): a retailer's
    internal certificate authority is installed there by IT, not in certifi's bundle. A
    `ca_bundle` file given in the settings is added to it."""

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False,
                         **pool_kwargs: Any) -> None:
        pool_kwargs.setdefault("ssl_context", truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)


# OpenSSL's (and the platform verifiers') words for the three failures IT can act on.
_TLS_PROBLEMS = (
    ("network.tls_expired", ("certificate has expired", "expired")),
    ("network.tls_hostname", ("hostname mismatch", "ip address mismatch", "not valid for",
                              "doesn't match")),
    ("network.tls_unknown_ca", ("self-signed", "self signed", "unable to get local issuer",
                                "unknown ca", "not trusted", "untrusted")),
)
_TLS_WORDS = {
    "network.tls_expired": "the server's certificate has expired",
    "network.tls_hostname": "the server's certificate is for another address",
    "network.tls_unknown_ca": "the server's certificate is signed by an authority this "
                              "device does not trust",
    "network.tls": "the server's certificate cannot be verified",
}


def tls_failure(error: BaseException) -> TransportError:
    """What failed in a TLS handshake, as a code a seller's message and IT can act on (with
    the verifier's own words kept for the log)."""
    text = str(error)
    lowered = text.lower()
    code = next((code for code, words in _TLS_PROBLEMS if any(w in lowered for w in words)),
                "network.tls")
    return TransportError(code, f"{_TLS_WORDS[code]} ({text})")


@dataclass(frozen=True)
class SnapshotStart:
    """A snapshot answer: its ETag, total size, where this answer's bytes start, its cursor and
    how many feed changes it holds."""

    etag: str
    size: int
    offset: int
    cursor: str
    rows: int


def _snapshot_start(status: int, headers: Mapping[str, str], offset: int) -> SnapshotStart:
    etag = headers.get("ETag")
    try:
        if status == 206:
            match = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != offset:
                raise ValueError("a part that does not follow what arrived")
            size = int(match.group(3))
        else:
            offset = 0
            size = int(headers["Content-Length"])
        rows = int(headers.get("Snapshot-Rows", "0"))
    except (KeyError, ValueError) as exc:
        raise TransportError("network.bad_response", f"the snapshot answer: {exc}") from None
    cursor = headers.get("Snapshot-Cursor")
    if not etag or not cursor:
        raise TransportError("network.bad_response", "the snapshot has no ETag or cursor")
    return SnapshotStart(etag=etag, size=size, offset=offset, cursor=cursor, rows=rows)


def _read_some(answer: requests.Response) -> bytes:
    """What has arrived of the body, up to a chunk: what came before a cut is kept."""
    return answer.raw.read1(SNAPSHOT_CHUNK, decode_content=True)  # type: ignore[no-any-return]


class ApiClient:
    """One server, one signed-in user. Thread-safe: each thread gets its own HTTP session and
    token refresh is serialised. `on_tokens` is called with every new token pair (to keep it in
    the keyring) and with None when the server refused to refresh. `reload_tokens` reads the
    stored pair before refreshing: another process on this device (the app and `clienteling
    sync`) may have refreshed already, and the server refuses a refresh token used twice."""

    def __init__(self, server_url: str, *, tokens: TokenPair | None = None,
                 on_tokens: Callable[[TokenPair | None], None] | None = None,
                 reload_tokens: Callable[[], TokenPair | None] | None = None,
                 connect_timeout: float = 5.0, read_timeout: float = 30.0,
                 verify: bool | str = True) -> None:
        self.server_url = normalize_server_url(server_url)
        self._tokens = tokens
        self._on_tokens = on_tokens
        self._reload_tokens = reload_tokens
        self.timeout = (connect_timeout, read_timeout)
        self.verify = verify
        self._local = threading.local()
        self._refresh_lock = threading.Lock()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def tokens(self) -> TokenPair | None:
        return self._tokens

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = f"clienteling/{__version__}"
            session.headers["Accept"] = "application/json, application/problem+json"
            # TLS is always verified: against the operating system's trust store, plus
            # `ca_bundle` when set. Proxies from the environment apply, as a shop's network
            # may need them.
            session.mount("https://", SystemTrustAdapter())
            session.verify = self.verify
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        self._local = threading.local()

    def request(self, method: str, path: str, *, params: Any = None, body: Any = None,
                idempotency_key: str | None = None, auth: bool = True,
                timeout: tuple[float, float] | None = None,
                decode: Callable[[bytes], Any] = _loads) -> Any:
        """Send one request and return the decoded JSON answer (None for an empty 2xx).

        Raises `ApiError` (an error status), `TransportError` (no usable answer) or
        `SignInRequired`.
        """
        url = self.server_url + (path if path.startswith("/healthz") else API_PREFIX + path)
        for attempt in range(2):
            headers: dict[str, str] = {}
            sent_with = self._tokens
            if auth:
                if sent_with is None:
                    raise SignInRequired("not signed in")
                headers["Authorization"] = f"Bearer {sent_with.access_token}"
            if idempotency_key:
                headers["Idempotency-Key"] = idempotency_key
            status, content, answer_headers = self._exchange(method, url, params, body, headers,
                                                             timeout)
            if status == 401 and auth and attempt == 0:
                if _problem_code(content) == REVOKED_CODE:
                    self._forget_tokens()
                    raise DeviceRevoked(self._detail(content))
                self._refresh_after(sent_with)
                continue
            return self._decode(status, content, auth=auth, decode=decode,
                                headers=answer_headers)
        raise SignInRequired("the server refused the new token")

    def _exchange(self, method: str, url: str, params: Any, body: Any,
                  headers: dict[str, str],
                  timeout: tuple[float, float] | None) -> tuple[int, bytes, Mapping[str, str]]:
        try:
            # `verify` per call: requests lets REQUESTS_CA_BUNDLE override a session's value.
            response = self._session().request(
                method, url, params=params, json=body, headers=headers,
                timeout=timeout or self.timeout, allow_redirects=False, verify=self.verify)
            return response.status_code, response.content, response.headers
        except requests.Timeout as exc:
            raise TransportError("network.timeout", str(exc)) from None
        except requests.exceptions.SSLError as exc:
            raise tls_failure(exc) from None
        except requests.RequestException as exc:
            # Refused, reset, cut in the middle of the body, not HTTP at all.
            raise TransportError("network.unreachable", str(exc)) from None

    def _decode(self, status: int, content: bytes, *, auth: bool = True,
                decode: Callable[[bytes], Any] = _loads,
                headers: Mapping[str, str] | None = None) -> Any:
        if 200 <= status < 300:
            if status == 204 or not content.strip():
                return None
            return decode(content)
        if 300 <= status < 400:
            raise TransportError("network.redirect",
                                 f"the server answered a redirect ({status}): check its address")
        try:
            problem = json.loads(content) if content else {}
        except (ValueError, UnicodeDecodeError):
            problem = {}
        if not isinstance(problem, dict):
            problem = {}
        if status >= 500 and not problem.get("status"):
            # A proxy's error page is not the API speaking: the request may not have arrived.
            raise ApiError(status, f"http.{status}", f"HTTP {status} without a problem body")
        code = problem.get("code") if isinstance(problem.get("code"), str) else None
        detail = problem.get("detail") if isinstance(problem.get("detail"), str) else None
        if status == 401 and auth:
            if code == REVOKED_CODE:
                self._forget_tokens()
                raise DeviceRevoked(detail or "this device was revoked by its store")
            raise SignInRequired(detail or "the server refused the token")
        wait = retry_after_seconds((headers or {}).get("Retry-After"))
        if wait is not None:  # 429 and 503 say how long to wait: keep it with the error
            problem["retry_after"] = wait
        raise ApiError(status, code, detail, problem)

    def _refresh_after(self, used: TokenPair | None) -> None:
        with self._refresh_lock:
            if self._tokens is not None and self._tokens != used:
                return  # another thread refreshed while this request was out
            if self._reload_tokens is not None:
                stored = self._reload_tokens()
                if stored is not None and stored != used:
                    self._tokens = stored  # another process refreshed: use its pair
                    return
            if self._tokens is None:
                raise SignInRequired("not signed in")
            url = f"{self.server_url}{API_PREFIX}/auth/refresh"
            status, content, _headers = self._exchange(
                "POST", url, None, {"refresh_token": self._tokens.refresh_token}, {}, None)
            if status in (400, 401, 403, 422):
                self._forget_tokens()
                if status == 401 and _problem_code(content) == REVOKED_CODE:
                    raise DeviceRevoked(self._detail(content))
                raise SignInRequired("the session has expired: sign in again")
            answer = self._decode(status, content, auth=False)
            try:
                tokens = w.Tokens.model_validate(answer)
            except ValueError:
                raise TransportError("network.bad_response",
                                     "the refresh answer is not a token pair") from None
            self._set_tokens(TokenPair(tokens.access_token, tokens.refresh_token))

    def _forget_tokens(self) -> None:
        self._tokens = None
        if self._on_tokens:
            self._on_tokens(None)

    @staticmethod
    def _detail(content: bytes) -> str:
        try:
            detail = json.loads(content).get("detail")
        except (ValueError, UnicodeDecodeError, AttributeError):
            detail = None
        return detail if isinstance(detail, str) else "this device was revoked by its store"

    def _set_tokens(self, pair: TokenPair | None) -> None:
        self._tokens = pair
        if self._on_tokens:
            self._on_tokens(pair)

    def set_tokens(self, pair: TokenPair | None) -> None:
        """Use (and keep, through `on_tokens`) a pair another process of this device got: the
        sync child refreshed them (`clienteling.sync.child`)."""
        with self._refresh_lock:
            self._set_tokens(pair)

    @staticmethod
    def _model(model: type[w.Wire], answer: Any) -> Any:
        try:
            return model.model_validate(answer)
        except ValueError:
            raise TransportError("network.bad_response",
                                 f"the server's answer is not a {model.__name__}") from None

    # --- auth and health -------------------------------------------------------------------

    def health(self, *, timeout: float = 3.0) -> bool:
        """True when the server answers its health check (short timeouts: it is a probe)."""
        answer = self.request("GET", "/healthz", auth=False, timeout=(timeout, timeout))
        return isinstance(answer, dict) and answer.get("status") == "ok"

    def login(self, username: str, password: str, device_name: str) -> w.Tokens:
        """Sign in. Raises `ApiError` (`auth.bad_credentials` on a 401), `SignInThrottled` when
        the username is locked out for a while, `TransportError`."""
        try:
            answer = self.request("POST", "/auth/login", auth=False, body={
                "username": username, "password": password, "device_name": device_name[:200]})
        except ApiError as error:
            if error.status != 429:
                raise
            wait = error.problem.get("retry_after")
            raise SignInThrottled(wait if isinstance(wait, int) and wait >= 0 else None,
                                  error.problem) from None
        tokens: w.Tokens = self._model(w.Tokens, answer)
        self._set_tokens(TokenPair(tokens.access_token, tokens.refresh_token))
        return tokens

    def logout(self) -> None:
        """Revoke the tokens on the server (best effort: forgetting them locally is what
        matters) and forget them here."""
        try:
            if self._tokens is not None:
                self.request("POST", "/auth/logout")
        except (ApiError, TransportError, SignInRequired):
            pass
        finally:
            self._set_tokens(None)

    # --- reads ------------------------------------------------------------------------------

    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        """One page of the device's change feed, its shape checked (not each entity's data:
        the replica checks those while applying, inside the page's transaction)."""
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        page = self.request("GET", "/sync/changes", params=params, decode=loads_in_steps)
        if not (isinstance(page, dict) and isinstance(page.get("changes"), list)
                and isinstance(page.get("next_cursor"), str)
                and isinstance(page.get("has_more"), bool)):
            raise TransportError("network.bad_response", "the change feed page is malformed")
        for change in page["changes"]:
            if not (isinstance(change, dict) and change.get("entity") in w.ENTITIES
                    and change.get("op") in ("upsert", "delete")
                    and isinstance(change.get("key"), str)
                    and (change.get("op") == "delete" or isinstance(change.get("data"), dict))):
                raise TransportError("network.bad_response", "a change in the feed is malformed")
        return page

    def download_snapshot(self, schema: int, target: Path, *, etag: str | None,
                          on_start: Callable[[SnapshotStart], None],
                          on_bytes: Callable[[int, int], None] | None = None,
                          should_stop: Callable[[], bool] | None = None) -> SnapshotStart:
        """Download the store's snapshot into `target`, resuming it (Range, If-Range) when the
        file holds the start of the snapshot whose ETag is `etag`. `on_start` hears of the
        answer before its body is written (a new snapshot: keep its ETag to resume later);
        `on_bytes(done, total)` as it arrives. Raises `ApiError` (404: the server has no
        snapshots; 409: not of this replica schema; 503: being built, with retry_after),
        `TransportError` for a cut (what arrived is kept) and `SignInRequired`."""
        url = f"{self.server_url}{API_PREFIX}/sync/snapshot"
        for attempt in range(2):
            sent_with = self._tokens
            if sent_with is None:
                raise SignInRequired("not signed in")
            headers = {"Authorization": f"Bearer {sent_with.access_token}",
                       "Accept": "application/vnd.sqlite3, application/problem+json"}
            offset = target.stat().st_size if etag and target.exists() else 0
            if offset:
                headers["Range"] = f"bytes={offset}-"
                headers["If-Range"] = etag or ""
            try:
                with self._session().get(url, params={"schema": schema}, headers=headers,
                                         stream=True, timeout=self.timeout,
                                         allow_redirects=False, verify=self.verify) as answer:
                    status = answer.status_code
                    if status == 401 and attempt == 0:
                        if _problem_code(answer.content) == REVOKED_CODE:
                            self._forget_tokens()
                            raise DeviceRevoked(self._detail(answer.content))
                        self._refresh_after(sent_with)
                        continue
                    if status not in (200, 206):
                        self._decode(status, answer.content, headers=answer.headers)
                        raise TransportError("network.bad_response",
                                             f"the snapshot answered {status}")
                    start = _snapshot_start(status, answer.headers, offset)
                    on_start(start)
                    done = start.offset
                    with target.open("r+b" if start.offset else "wb") as handle:
                        handle.seek(start.offset)
                        handle.truncate()
                        while chunk := _read_some(answer):
                            handle.write(chunk)
                            done += len(chunk)
                            if on_bytes:
                                on_bytes(done, start.size)
                            if should_stop and should_stop():
                                raise TransportError("sync.stopped", "the download was stopped")
                        handle.flush()
                    if done != start.size:
                        raise TransportError("network.unreachable",
                                             f"the snapshot stopped at {done} of {start.size}")
                    return start
            except (requests.Timeout, urllib3.exceptions.TimeoutError) as exc:
                raise TransportError("network.timeout", str(exc)) from None
            except requests.exceptions.SSLError as exc:
                raise tls_failure(exc) from None
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                raise TransportError("network.unreachable", str(exc)) from None
        raise SignInRequired("the server refused the new token")

    # --- privacy and devices ---------------------------------------------------------------

    def report_outbox(self, entries: list[dict[str, Any]]) -> None:
        """Tell the server what this device has not sent yet (replaces its last report)."""
        self.request("PUT", "/devices/current/outbox", body={"entries": entries})

    def devices(self, store_id: str | None = None) -> list[w.Device]:
        answer = self.request("GET", "/devices",
                              params={"store_id": store_id} if store_id else None)
        return [self._model(w.Device, item) for item in _items(answer)]

    def revoke_device(self, device_id: int) -> w.Device:
        return self._model(w.Device, self.request("POST", f"/devices/{int(device_id)}/revoke"))

    def lost_with_device(self, device_id: int) -> w.LostWork:
        return self._model(w.LostWork, self.request("GET", f"/devices/{int(device_id)}/lost"))

    def consent_history(self, customer_id: str) -> list[w.ConsentEvent]:
        answer = self.request("GET", f"/customers/{_seg(customer_id)}/consent-history")
        return [self._model(w.ConsentEvent, item) for item in _items(answer)]

    def gdpr_export(self, customer_id: str) -> w.GdprExport:
        return self._model(w.GdprExport,
                           self.request("POST", f"/customers/{_seg(customer_id)}/gdpr/export"))

    def gdpr_erase(self, customer_id: str, reason: str | None = None) -> w.ErasureAnswer:
        return self._model(w.ErasureAnswer, self.request(
            "POST", f"/customers/{_seg(customer_id)}/gdpr/erase", body={"reason": reason}))

    def lookup_customer(self, code: str) -> w.Customer:
        return self._model(w.Customer, self.request("GET", "/customers/lookup",
                                                    params={"code": code}))

    def customer(self, customer_id: str) -> w.Customer:
        return self._model(w.Customer, self.request("GET", f"/customers/{_seg(customer_id)}"))

    def customer_orders(self, customer_id: str) -> list[w.Order]:
        answer = self.request("GET", f"/customers/{_seg(customer_id)}/orders")
        return [self._model(w.Order, item) for item in _items(answer)]

    def customer_wishlist(self, customer_id: str) -> list[w.WishlistItem]:
        answer = self.request("GET", f"/customers/{_seg(customer_id)}/wishlist")
        return [self._model(w.WishlistItem, item) for item in _items(answer)]

    def customer_timeline(self, customer_id: str, limit: int = 200) -> list[w.Interaction]:
        answer = self.request("GET", f"/customers/{_seg(customer_id)}/timeline",
                              params={"limit": limit})
        return [self._model(w.Interaction, item) for item in _items(answer)]

    def lookup_product(self, code: str) -> w.Product:
        return self._model(w.Product, self.request("GET", "/products/lookup",
                                                   params={"code": code}))

    def stock(self, skus: Iterable[str]) -> list[w.StockLevel]:
        answer = self.request("GET", "/stock", params=[("sku", s) for s in skus])
        return [self._model(w.StockLevel, item) for item in _items(answer)]

    def order(self, order_number: str) -> w.Order:
        return self._model(w.Order, self.request("GET", f"/orders/{_seg(order_number)}"))

    def pickup(self, code: str) -> w.Order:
        return self._model(w.Order, self.request("GET", "/orders/pickup", params={"code": code}))

    # --- managers ---------------------------------------------------------------------------

    def kpis(self, store_id: str) -> w.Kpis:
        return self._model(w.Kpis, self.request("GET", "/kpis", params={"store_id": store_id}))

    # --- selling ----------------------------------------------------------------------------

    def delivery_methods(self) -> list[w.DeliveryMethod]:
        """The home delivery methods the server offers, with their fee and days."""
        answer = self.request("GET", "/delivery-methods")
        return [self._model(w.DeliveryMethod, item) for item in _items(answer)]

    def quote(self, order: w.OrderCreate) -> w.Quote:
        """What `order` would cost and when it would be there; nothing is reserved. A line
        short everywhere raises `ApiError` 409 `stock.short` (see `short_lines`)."""
        body = order.model_dump(mode="json", exclude_none=True)
        return self._model(w.Quote, self.request("POST", "/orders/quote", body=body))


def short_lines(error: ApiError) -> list[w.ShortLine]:
    """The lines a 409 `stock.short` names (empty for another error)."""
    if error.status != 409 or error.code != "stock.short":
        return []
    lines = error.problem.get("lines")
    try:
        return [w.ShortLine.model_validate(line) for line in lines or []]
    except (ValueError, TypeError):
        return []


def _seg(value: str) -> str:
    """A path segment, escaped (ids come from scans and people)."""
    return quote(value, safe="")


def _items(answer: Any) -> list[Any]:
    """A list answer, bare or wrapped as {items: […]}."""
    if isinstance(answer, list):
        return answer
    if isinstance(answer, dict) and isinstance(answer.get("items"), list):
        return list(answer["items"])
    raise TransportError("network.bad_response", "expected a list from the server")
