"""The demo chain as the seven import files, drawn from one `random.Random(seed)`.

Same seed and size, same files, byte for byte: nothing depends on the clock, on hash order or on
the machine. Customers are written one at a time with their orders, wishlist and interactions,
so a million customers take the memory of one; stock is written last, so shelves always hold
at least what the open orders reserve. Times are whole seconds since the epoch while drawing
(a million customers draw ten million of them).
"""

from __future__ import annotations

import csv
import json
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import IO, Any, TypeVar

from clienteling.domain.cards import card_from_serial
from clienteling.domain.gtin import with_check_digit
from clienteling.domain.orders import DELIVERY_FEES
from clienteling.domain.text import fold
from clienteling.server.demo import reference as ref

# The demo's "now": the files stay the same whatever the day they are made.
DEMO_UNTIL = datetime(2026, 11, 21, 17, 30, tzinfo=UTC)
DEFAULT_PRODUCTS = 300
HISTORY_DAYS = 3 * 365
_DAY = 86400
_ORDER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # as the API numbers orders
_PICKUP_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as the API makes pickup codes
_CRLF = "\r\n"  # RFC 4180
_STREETS = ("rue Victor-Hugo", "avenue de la République", "rue Pasteur", "boulevard Gambetta",
            "rue Jean-Jaurès", "place de la Mairie", "rue des Écoles", "allée des Tilleuls",
            "chemin du Moulin", "rue de la Gare")
# Cities whose postcodes go by district (arrondissement): first code, number of districts.
_DISTRICTS = {"Paris": (75001, 20), "Lyon": (69001, 9), "Marseille": (13001, 16)}

T = TypeVar("T")


@dataclass(frozen=True)
class Product:
    sku: str
    ean: str
    name: str
    brand: str
    category: str
    price: Decimal


@dataclass
class Counts:
    stores: int = 0
    products: int = 0
    stock: int = 0
    customers: int = 0
    wishlists: int = 0
    interactions: int = 0
    orders: int = 0


def _money(amount: Decimal) -> str:
    return format(amount.quantize(Decimal("0.01")), "f")


def _cents(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


class _Draw:
    """Draws from one `random.Random`, with weights given once (`weights`) rather than summed
    again at every draw as `random.choices` does."""

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    @staticmethod
    def weights(values: Sequence[int]) -> tuple[list[int], int]:
        cumulative = list(accumulate(values))
        return cumulative, cumulative[-1]

    def weighted(self, items: Sequence[T], weights: tuple[list[int], int]) -> T:
        cumulative, total = weights
        return items[bisect(cumulative, self.random() * total)]


def make_products(rng: random.Random, count: int = DEFAULT_PRODUCTS) -> list[Product]:
    """A catalogue of `count` products with valid EAN-13s under the brands' French prefixes."""
    categories = list(ref.CATEGORIES)
    shares = [ref.CATEGORIES[c][1] for c in categories]
    next_item: dict[str, int] = {}
    serial: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    products: list[Product] = []
    while len(products) < count:
        category = rng.choices(categories, shares)[0]
        prefix, _, items = ref.CATEGORIES[category]
        item, low, high, coloured = rng.choice(items)
        brand = rng.choice([b for b in ref.BRANDS if category in b.categories])
        name = f"{item} {rng.choice(ref.COLOURS)}" if coloured else item
        if (brand.name, name) in seen:
            continue
        seen.add((brand.name, name))
        number = next_item.get(brand.name, 1)
        next_item[brand.name] = number + 1
        serial[prefix] = serial.get(prefix, 0) + 1
        cents = rng.choice(("90", "00", "50", "99", "90", "00"))
        products.append(Product(
            sku=f"{prefix}-{serial[prefix]:05d}",
            ean=with_check_digit(f"{brand.gs1_prefix}{number:05d}"),
            name=name, brand=brand.name, category=category,
            price=Decimal(f"{rng.randrange(low, high + 1)}.{cents}"),
        ))
    return products


class _Writer:
    """The open files of a generation run."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.handles: list[IO[str]] = []
        self.folder = folder

    def open_csv(self, name: str, header: Sequence[str]) -> Any:
        handle = (self.folder / name).open("w", encoding="utf-8", newline="")
        self.handles.append(handle)
        writer = csv.writer(handle, lineterminator=_CRLF)
        writer.writerow(header)
        return writer

    def open_text(self, name: str) -> IO[str]:
        handle = (self.folder / name).open("w", encoding="utf-8", newline="\n")
        self.handles.append(handle)
        return handle

    def close(self) -> None:
        for handle in self.handles:
            handle.close()


class _Chain:
    """Everything drawn for one customer at a time, from one random stream."""

    def __init__(self, rng: random.Random, products: list[Product], until: datetime) -> None:
        self.draw = _Draw(rng)
        self.products = products
        self.until = int(until.timestamp())
        self.stores = list(ref.STORES)
        self.store_weights = _Draw.weights([s.weight for s in self.stores])
        self.pickup_stores = [s for s in self.stores if s.click_and_collect]
        self.order_serial = 0
        self.reserved: dict[tuple[str, str], int] = {}
        self.domains = [d for d, _ in ref.EMAIL_DOMAINS]
        self.domain_weights = _Draw.weights([w for _, w in ref.EMAIL_DOMAINS])
        self.by_sku = {product.sku: product for product in products}
        self.cents = {product.sku: int(product.price * 100) for product in products}
        self.fees = {method: int(Decimal(fee) * 100) for method, fee in DELIVERY_FEES.items()}
        self.by_category: dict[str, list[Product]] = {}
        for product in products:
            self.by_category.setdefault(product.category, []).append(product)
        self.categories = list(self.by_category)
        self.days: dict[int, str] = {}
        self.folded: dict[str, str] = {}

    # --- time ---

    def day(self, seconds: int) -> str:
        """YYYY-MM-DD of a time (cached: a run spans a few thousand days)."""
        number = seconds // _DAY
        text = self.days.get(number)
        if text is None:
            text = datetime.fromtimestamp(number * _DAY, UTC).strftime("%Y-%m-%d")
            self.days[number] = text
        return text

    def stamp(self, seconds: int) -> str:
        rest = seconds % _DAY
        return (f"{self.day(seconds)}T{rest // 3600:02d}:{rest // 60 % 60:02d}:"
                f"{rest % 60:02d}Z")

    def moment(self, start: int, end: int, *, opening_hours: bool = False) -> int:
        """A time between `start` and `end`, in the hours people shop."""
        first_day = start - start % _DAY
        day = first_day + self.draw.below(max((end - first_day) // _DAY, 0) + 1) * _DAY
        first, last = (8, 18) if opening_hours else (6, 22)
        moment = day + self.draw.between(first * 3600, last * 3600)
        return min(max(moment, start), end)

    # --- identity ---

    def fold(self, name: str) -> str:
        key = self.folded.get(name)
        if key is None:
            key = self.folded[name] = "".join(fold(name).split())
        return key

    def email(self, first: str, last: str) -> str:
        first_key, last_key = self.fold(first), self.fold(last)
        shape = self.draw.below(5)
        if shape == 0:
            local = f"{first_key}.{last_key}"
        elif shape == 1:
            local = f"{first_key[0]}.{last_key}"
        elif shape == 2:
            local = f"{first_key}.{last_key}{self.draw.between(1, 99)}"
        elif shape == 3:
            local = f"{last_key}.{first_key}"
        else:
            local = f"{first_key}{last_key}{self.draw.between(1950, 2005)}"
        return f"{local}@{self.draw.weighted(self.domains, self.domain_weights)}"

    def mobile(self) -> str:
        """A French mobile number (06, or 07 3x-7x), written the ways people write it."""
        if self.draw.random() < 0.75:
            head = "6" + self.draw.pick("0124578")
        else:
            head = "7" + self.draw.pick("3456789")
        digits = f"0{head}{self.draw.below(10**7):07d}"
        pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
        shape = self.draw.random()
        if shape < 0.45:
            return " ".join(pairs)
        if shape < 0.75:
            return digits
        if shape < 0.9:
            return "+33 " + digits[1] + " " + " ".join(pairs[1:])
        return ".".join(pairs)

    def address(self, home: ref.DemoStore) -> dict[str, str]:
        first, districts = _DISTRICTS.get(home.city, (int(home.postcode), 1))
        return {"line1": f"{self.draw.between(1, 120)} {self.draw.pick(_STREETS)}",
                "postcode": f"{first + self.draw.below(districts):05d}",
                "city": home.city, "country": "FR"}

    # --- orders ---

    def order_number(self, prefix: str, day: str) -> str:
        # A bijection of the serial onto six base-32 digits: unique, and not a visible count.
        self.order_serial += 1
        value = (self.order_serial * 0x2545F491 + 0x1B873593) % (32 ** 6)
        tail = "".join(_ORDER_ALPHABET[(value >> shift) & 31] for shift in (0, 5, 10, 15, 20, 25))
        return f"{prefix}-{day[2:4]}{day[5:7]}{day[8:10]}-{tail}"

    def pickup_code(self) -> str:
        return "".join(self.draw.pick(_PICKUP_ALPHABET) for _ in range(6))

    _BASKET = ((1, 2, 3, 4), _Draw.weights((55, 28, 12, 5)))
    _QUANTITY = ((1, 2, 3), _Draw.weights((85, 12, 3)))
    _CHANNEL = (("web", "store", "app", "phone"), _Draw.weights((35, 35, 20, 10)))
    _METHOD = (("standard", "express", "store_courier"), _Draw.weights((80, 15, 5)))

    def basket(self) -> list[Product]:
        size = self.draw.weighted(*self._BASKET)
        favourite = self.by_category[self.draw.pick(self.categories)]
        picked: list[Product] = []
        skus: list[str] = []
        while len(picked) < size:
            product = self.draw.pick(favourite if self.draw.random() < 0.6 else self.products)
            if product.sku not in skus:
                picked.append(product)
                skus.append(product.sku)
        return picked

    def status(self, kind: str, created: int) -> str:
        age = self.until - created
        roll = self.draw.random()
        if kind == "click_and_collect":
            if age <= 2 * _DAY:
                return "confirmed" if roll < 0.5 else "ready_for_pickup"
            if age <= 6 * _DAY:
                return "ready_for_pickup" if roll < 0.3 else "collected"
            return "cancelled" if roll < 0.05 else "returned" if roll < 0.11 else "collected"
        if kind == "home_delivery":
            if age <= 2 * _DAY:
                return "confirmed" if roll < 0.5 else "shipped"
            if age <= 5 * _DAY:
                return "shipped" if roll < 0.4 else "delivered"
            return "cancelled" if roll < 0.04 else "returned" if roll < 0.12 else "delivered"
        return "returned" if roll < 0.04 else "collected"

    def order(self, customer_id: str, home: ref.DemoStore, created: int) -> dict[str, Any]:
        draw = self.draw
        channel = draw.weighted(*self._CHANNEL)
        if channel == "store":
            kind = "in_store" if draw.random() < 0.8 else "click_and_collect"
            # Shops are open from 9 to 19 (French time).
            created = created - created % _DAY + draw.between(8 * 3600, 17 * 3600)
        elif channel == "phone":
            kind = "home_delivery" if draw.random() < 0.7 else "click_and_collect"
        else:
            kind = "click_and_collect" if draw.random() < 0.5 else "home_delivery"
        store = home if draw.random() < 0.8 else draw.weighted(self.stores, self.store_weights)
        if kind == "click_and_collect" and not store.click_and_collect:
            store = draw.pick(self.pickup_stores)
        created = min(created, self.until - 300)
        day = self.day(created)
        # The January and July sales: 30 % off (prices in cents, rounded half up).
        sale = day[5:7] in ("01", "07") and draw.random() < 0.5
        lines = []
        total = 0
        for product in self.basket():
            quantity = draw.weighted(*self._QUANTITY)
            unit = self.cents[product.sku]
            if sale:
                unit = (unit * 7 + 5) // 10
            total += unit * quantity
            lines.append({"sku": product.sku, "quantity": quantity, "unit_price": _cents(unit)})
        fulfillment: dict[str, Any] = {"type": kind}
        if kind == "home_delivery":
            method = draw.weighted(*self._METHOD)
            fee = self.fees[method]
            total += fee
            fulfillment.update(address=self.address(home), method=method, fee=_cents(fee))
        else:
            fulfillment["store_id"] = store.store_id
        status = self.status(kind, created)
        prefix = {"web": "WEB", "app": "APP", "phone": "TEL"}.get(channel, store.store_id)
        order: dict[str, Any] = {
            "order_number": self.order_number(prefix, day),
            "customer_id": customer_id, "channel": channel, "status": status,
            "created_at": self.stamp(created), "fulfillment": fulfillment, "lines": lines,
            "total": _cents(total), "currency": "EUR",
        }
        if kind == "click_and_collect":
            order["pickup_code"] = self.pickup_code()
            order["payment_mode"] = {
                "store": "paid_in_store" if draw.random() < 0.5 else "pay_at_pickup",
                "phone": "pay_at_pickup"}.get(channel, "payment_link")
        elif channel == "store":
            order["payment_mode"] = "paid_in_store"
        elif channel == "phone":
            order["payment_mode"] = "payment_link"
        if channel == "store":
            order["origin_store_id"] = store.store_id
        if status in ("confirmed", "ready_for_pickup") and kind != "home_delivery":
            for line in lines:
                key, held = (store.store_id, str(line["sku"])), line["quantity"]
                assert isinstance(held, int)
                self.reserved[key] = self.reserved.get(key, 0) + held
        return order


def write_import_files(folder: Path, *, customers: int, seed: int,
                       products: int = DEFAULT_PRODUCTS, until: datetime = DEMO_UNTIL) -> Counts:
    """Write stores.csv … orders.jsonl for a chain of `customers` customers into `folder`."""
    rng = random.Random(seed)
    catalogue = make_products(rng, products)
    chain = _Chain(rng, catalogue, until)
    counts = Counts()
    out = _Writer(folder)
    try:
        stores = out.open_csv("stores.csv", ("store_id", "name", "address", "postcode", "city",
                                             "country", "latitude", "longitude",
                                             "click_and_collect"))
        for store in ref.STORES:
            stores.writerow((store.store_id, store.name, store.address, store.postcode,
                             store.city, "FR", f"{store.latitude:.4f}", f"{store.longitude:.4f}",
                             "true" if store.click_and_collect else "false"))
            counts.stores += 1
        products_csv = out.open_csv("products.csv", ("sku", "ean", "name", "brand", "category",
                                                     "price", "currency"))
        for product in catalogue:
            products_csv.writerow((product.sku, product.ean, product.name, product.brand,
                                   product.category, _money(product.price), "EUR"))
            counts.products += 1
        _write_people(out, chain, customers, counts)
        _write_stock(out, chain, counts)
    finally:
        out.close()
    return counts


def _tier(spent: int) -> str:
    return next(name for floor, name in ref.TIERS if spent >= floor)


_ORDERS_PER_CUSTOMER = (tuple(range(8)), _Draw.weights((10, 15, 18, 18, 15, 11, 8, 5)))
_WISHES = (tuple(range(6)), _Draw.weights((40, 25, 15, 10, 6, 4)))
_CONTACTS = (tuple(range(5)), _Draw.weights((45, 30, 14, 7, 4)))
_CONSENT_SOURCES = (("store", "web", "app"), _Draw.weights((50, 35, 15)))


def _write_people(out: _Writer, chain: _Chain, customers: int, counts: Counts) -> None:
    draw, until = chain.draw, chain.until
    customers_csv = out.open_csv("customers.csv", (
        "customer_id", "loyalty_card", "first_name", "last_name", "email", "phone",
        "birth_date", "home_store_id", "tier", "points", "consent_email", "consent_sms",
        "created_at", "consent_email_at", "consent_email_source", "consent_sms_at",
        "consent_sms_source"))
    wishlists_csv = out.open_csv("wishlists.csv", ("customer_id", "sku", "added_at"))
    interactions_csv = out.open_csv("interactions.csv", (
        "customer_id", "occurred_at", "channel", "kind", "summary", "store_id", "author"))
    orders_jsonl = out.open_text("orders.jsonl")
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    history_start = until - HISTORY_DAYS * _DAY
    for serial in range(1, customers + 1):
        customer_id = f"C{serial:08d}"
        female = draw.random() < 0.62
        first = draw.pick(ref.FEMALE_FIRST_NAMES if female else ref.MALE_FIRST_NAMES)
        # The first customer is always a Lefèvre, so searching "lefevre" finds someone.
        last = "Lefèvre" if serial == 1 else draw.pick(ref.LAST_NAMES)
        home = draw.weighted(chain.stores, chain.store_weights)
        created = chain.moment(until - 8 * 365 * _DAY, until - _DAY)

        orders = []
        spent = 0
        start = max(created, history_start)
        count = draw.weighted(*_ORDERS_PER_CUSTOMER)
        for moment in sorted(chain.moment(start, until) for _ in range(count)):
            order = chain.order(customer_id, home, moment)
            orders.append(order)
            if order["status"] not in ("cancelled", "returned"):
                spent += int(Decimal(order["total"]))
        if orders:
            orders_jsonl.write("\n".join(encode(order) for order in orders) + "\n")
        counts.orders += len(orders)

        skus: list[str] = []
        for _ in range(draw.weighted(*_WISHES)):
            product = draw.pick(chain.products)
            if product.sku in skus:
                continue
            skus.append(product.sku)
            added = chain.moment(max(created, until - 540 * _DAY), until)
            wishlists_csv.writerow((customer_id, product.sku, chain.stamp(added)))
            counts.wishlists += 1

        counts.interactions += _write_interactions(interactions_csv, chain, customer_id, home,
                                                   created, orders)

        email = chain.email(first, last) if draw.random() < 0.85 else ""
        phone = chain.mobile() if draw.random() < 0.85 else ""
        birth = ""
        if draw.random() < 0.85:
            birth = chain.day(until - draw.between(18 * 365, 85 * 365) * _DAY)
        consents = []
        for present, share in ((email, 0.65), (phone, 0.4)):
            if present and draw.random() < share:
                consents += ["true", chain.stamp(chain.moment(created, until)),
                             draw.weighted(*_CONSENT_SOURCES)]
            else:
                consents += ["false", "", ""]
        points = spent % 2000 + (draw.below(300) if orders else 0)
        customers_csv.writerow((
            customer_id, card_from_serial(serial), first, last, email, phone, birth,
            home.store_id, _tier(spent), points, consents[0], consents[3],
            chain.stamp(created), consents[1], consents[2], consents[4], consents[5]))
        counts.customers += 1


def _write_interactions(writer: Any, chain: _Chain, customer_id: str, home: ref.DemoStore,
                        created: int, orders: list[dict[str, Any]]) -> int:
    draw = chain.draw
    written = 0
    for order in orders:
        if order["status"] != "returned":
            continue
        placed = int(datetime.fromisoformat(order["created_at"]).timestamp())
        returned = placed + draw.between(3, 25) * _DAY
        if returned >= chain.until:
            continue
        product = chain.by_sku[draw.pick(order["lines"])["sku"]]
        channel = "store" if order["fulfillment"]["type"] != "home_delivery" else "web"
        writer.writerow((customer_id, chain.stamp(returned), channel, "return",
                         f"Retour de la commande {order['order_number']} : {product.name}, "
                         f"{draw.pick(ref.RETURN_REASONS)}",
                         home.store_id if channel == "store" else "", ""))
        written += 1
    kinds = list(ref.INTERACTIONS)
    for _ in range(draw.weighted(*_CONTACTS)):
        kind = draw.pick(kinds)
        channels, summaries = ref.INTERACTIONS[kind]
        channel = draw.pick(channels)
        summary = draw.pick(summaries)
        if "{order}" in summary:
            if not orders:
                continue
            summary = summary.replace("{order}", draw.pick(orders)["order_number"])
        if "{product}" in summary:
            summary = summary.replace("{product}", draw.pick(chain.products).name)
        occurred = chain.moment(created, chain.until)
        writer.writerow((customer_id, chain.stamp(occurred), channel, kind, summary,
                         home.store_id if channel in ("store", "phone") else "",
                         draw.pick(ref.SERVICE_AUTHORS) if channel != "store" else ""))
        written += 1
    return written


_ON_HAND = ((0, 1, 2, 3, 5, 8, 12, 20), _Draw.weights((8, 12, 14, 16, 18, 14, 10, 8)))


def _write_stock(out: _Writer, chain: _Chain, counts: Counts) -> None:
    draw = chain.draw
    stock_csv = out.open_csv("stock.csv", ("store_id", "sku", "on_hand"))
    for store in chain.stores:
        carried = 0.9 if store.weight >= 10 else 0.7
        for product in chain.products:
            reserved = chain.reserved.get((store.store_id, product.sku), 0)
            if reserved == 0 and draw.random() > carried:
                continue
            stock_csv.writerow((store.store_id, product.sku,
                                reserved + draw.weighted(*_ON_HAND)))
            counts.stock += 1
