"""TLS on real networks: the app trusts what the operating system trusts (a retailer's internal
authority installed by IT), and says which check failed: expired, unknown authority, or a
certificate for another address. Certificates are made here with `cryptography`."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import truststore
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clienteling.api.client import ApiClient, TransportError

NOW = dt.datetime.now(dt.UTC)


class Authority:
    """A certificate authority that signs server certificates for the tests."""

    def __init__(self, folder: Path, name: str = "Retailer Internal CA") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(NOW - dt.timedelta(days=1))
                     .not_valid_after(NOW + dt.timedelta(days=30))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
                     .add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                                  False, False), True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                         self.key.public_key()), False)
                     .sign(self.key, hashes.SHA256()))
        self.folder = folder
        self.pem = folder / "ca.pem"
        self.pem.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def server_context(self, *, address: str = "127.0.0.1", expired: bool = False,
                       ) -> ssl.SSLContext:
        key = ec.generate_private_key(ec.SECP256R1())
        start, end = ((NOW - dt.timedelta(days=10), NOW - dt.timedelta(days=1)) if expired
                      else (NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=10)))
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, address)]))
                .issuer_name(self.cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(end)
                .add_extension(x509.SubjectAlternativeName(
                    [x509.IPAddress(ipaddress.ip_address(address))]), False)
                .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.SERVER_AUTH]),
                               False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    self.key.public_key()), False)
                .sign(self.key, hashes.SHA256()))
        chain = self.folder / f"server-{x509.random_serial_number()}.pem"
        chain.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        return context


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def https() -> Iterator[Callable[[ssl.SSLContext], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(context: ssl.SSLContext) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
        server.daemon_threads = True
        server.handle_error = lambda *_: None  # type: ignore[method-assign]  # refused handshake
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"https://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _failure(url: str, **options: object) -> TransportError:
    with pytest.raises(TransportError) as caught:
        ApiClient(url, **options).health()  # type: ignore[arg-type]
    return caught.value


def test_the_client_verifies_with_the_operating_systems_trust_store():
    client = ApiClient("https://clienteling.example")
    adapter = client._session().get_adapter("https://clienteling.example")
    assert isinstance(adapter.poolmanager.connection_pool_kw["ssl_context"], truststore.SSLContext)


def test_an_authority_the_system_trusts_is_trusted(https, tmp_path, monkeypatch):
    ca = Authority(tmp_path)
    url = https(ca.server_context())
    assert _failure(url).code == "network.tls_unknown_ca"
    # What IT does on a device: install the company's authority in the system's store
    # (here the OpenSSL store's file, which the system verifier reads).
    monkeypatch.setenv("SSL_CERT_FILE", str(ca.pem))
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    assert ApiClient(url).health() is True


def test_an_unknown_authority_is_named(https, tmp_path):
    url = https(Authority(tmp_path).server_context())
    failure = _failure(url)
    assert failure.code == "network.tls_unknown_ca"
    assert "an authority this device does not trust" in str(failure)


def test_an_expired_certificate_is_named(https, tmp_path):
    ca = Authority(tmp_path)
    url = https(ca.server_context(expired=True))
    failure = _failure(url, verify=str(ca.pem))
    assert failure.code == "network.tls_expired"
    assert "has expired" in str(failure)


def test_a_certificate_for_another_address_is_named(https, tmp_path):
    ca = Authority(tmp_path)
    url = https(ca.server_context(address="10.0.0.7"))
    failure = _failure(url, verify=str(ca.pem))
    assert failure.code == "network.tls_hostname"
    assert "for another address" in str(failure)


def test_a_private_authority_in_the_settings_is_trusted(https, tmp_path):
    ca = Authority(tmp_path)
    assert ApiClient(https(ca.server_context()), verify=str(ca.pem)).health() is True
