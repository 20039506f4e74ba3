"""Privacy at rest (api-contract "Privacy"): after a sync, offline work and a 360 of another
store's customer, no file under the device's data directory shows a customer's name, email or
phone; a second process of the device opens the replica with the key from its settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from clienteling.device import Device as DeviceServices
from clienteling.replica.database import Replica
from clienteling.replica.views import CustomerTarget
from clienteling.server.customers.models import CustomerRow
from tests.replica.clear_text import clear_text_hits, files_under, needles
from tests.replica.keys import device_keys
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer

Device = Callable[..., DeviceServices]

PEOPLE = [  # first, last, email, phone, home store
    ("Hélène", "Lefèvre", "helene.lefevre@example.fr", "06 12 34 56 78", "PAR01"),
    ("Jean-Éloi", "Dupontel", "jean-eloi.dupontel@example.com", "+33698765432", "PAR01"),
    ("Maëlys", "Kerouédan", "maelys.k@example.org", "07 11 22 33 44", "PAR01"),
    ("Marc", "Lyonnais", "marc.lyonnais@example.fr", "04 72 00 11 22", "LYS01"),
]


def test_no_customer_is_readable_in_any_file_of_the_data_directory(
        server: LiveServer, proxy: FaultProxy, device: Device, tmp_path: Path) -> None:
    token = server.token("admin1")
    made = [server.enrol(token, first, last, home=home, email=email, phone=phone)
            for first, last, email, phone, home in PEOPLE]
    facade = device(name="device")
    folder = tmp_path / "device"
    facade.sync.sync_now()
    assert [c.customer_id for c in facade.customers.search_customers("kerouedan")] == [
        made[2]["customer_id"]]
    # Another store's customer, fetched online and cached; offline work in the outbox.
    assert isinstance(facade.scan.resolve_scan(made[3]["loyalty"]["card"]), CustomerTarget)
    assert facade.customers.customer_360(made[3]["customer_id"]).profile.last_name == "Lyonnais"
    proxy.refuse()
    facade.customers.add_note(made[0]["customer_id"], "Rappeler Hélène Lefèvre au 06 12 34 56 78")
    facade.orders.place_order(customer_id=made[1]["customer_id"], lines=[("SKU-1001", 1)],
                       fulfillment="click_and_collect", payment_mode="pay_at_pickup")

    with server.sessions() as session:
        rows = session.execute(select(CustomerRow.first_name, CustomerRow.last_name,
                                      CustomerRow.email, CustomerRow.phone)).all()
    words = needles(names=[f"{r.first_name} {r.last_name}" for r in rows],
                    emails=[r.email for r in rows if r.email],
                    phones=[r.phone for r in rows if r.phone])
    assert len(rows) == len(PEOPLE) and "kerouedan" in words and "0698765432" in words
    # The scan finds them where they are in clear: the central database.
    assert clear_text_hits(tmp_path / "server", words)

    names = {p.name for p in files_under(folder)}
    assert "settings.json" in names and any(n.endswith(".sqlite3-wal") for n in names)
    assert clear_text_hits(folder, words) == {}
    # A second process (the headless sync, a sync child process) finds the key the same way.
    replica_file = next(p for p in files_under(folder) if p.suffix == ".sqlite3")
    other = Replica.open(replica_file, device_keys(replica_file))
    try:
        with other.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one() == 2
    finally:
        other.close()
    facade.close()
    assert clear_text_hits(folder, words) == {}
