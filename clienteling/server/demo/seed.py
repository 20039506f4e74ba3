"""Loading the demo chain: its import files generated, imported by the importer, and the demo
staff accounts created (one code path with a real import, so the demo exercises it)."""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clienteling.server.auth.models import StaffUser
from clienteling.server.auth.service import create_user
from clienteling.server.demo import reference as ref
from clienteling.server.demo.book import seed_book
from clienteling.server.demo.generator import write_import_files
from clienteling.server.imports.service import ImportReport, Progress, import_directory

DEFAULT_CUSTOMERS = 2000
DEFAULT_SEED = 1
# Demo accounts only: printed on the terminal and in the README, never for real data.
DEMO_PASSWORD = "demo-clienteling"
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    store_id: str | None
    display_name: str


@dataclass
class DemoSeed:
    report: ImportReport
    accounts: list[DemoAccount] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # usernames created by this run
    tasks: int = 0  # follow-ups the managers' book got (0 when seeded already)


def demo_accounts(seed: int = DEFAULT_SEED) -> list[DemoAccount]:
    """A seller and a manager for each demo store and one admin, the same for a seed."""
    rng = random.Random(f"staff-{seed}")
    accounts = []
    for store in ref.STORES:
        for role in ("seller", "manager"):
            names = ref.FEMALE_FIRST_NAMES if rng.random() < 0.6 else ref.MALE_FIRST_NAMES
            name = f"{rng.choice(names)} {rng.choice(ref.LAST_NAMES)}"
            accounts.append(DemoAccount(f"{role}.{store.store_id.lower()}", DEMO_PASSWORD, role,
                                        store.store_id, f"{name} ({store.name})"))
    accounts.append(DemoAccount(ADMIN_USERNAME, DEMO_PASSWORD, "admin", ref.STORES[0].store_id,
                                "Administrateur démo"))
    return accounts


def seed_demo(session: Session, *, customers: int = DEFAULT_CUSTOMERS, seed: int = DEFAULT_SEED,
              region: str = "FR", progress: Progress | None = None,
              workdir: Path | None = None) -> DemoSeed:
    """Generate the demo files, import them, create the demo accounts that do not exist yet.
    Seeding twice changes nothing the second time (the import is idempotent)."""
    with tempfile.TemporaryDirectory(prefix="clienteling-demo-", dir=workdir) as folder:
        write_import_files(Path(folder), customers=customers, seed=seed)
        report = import_directory(session, folder=Path(folder), region=region,
                                  progress=progress)
    result = DemoSeed(report=report, accounts=demo_accounts(seed))
    if not report.applied:
        # The generator and the importer disagree: a bug, never the user's fault.
        problems = "; ".join(str(p) for p in report.problems[:5])
        raise RuntimeError(f"the demo data did not import: {problems}")
    taken = set(session.scalars(select(StaffUser.username).where(
        StaffUser.username.in_([a.username for a in result.accounts]))))
    for account in result.accounts:
        if account.username not in taken:
            create_user(session, username=account.username, password=account.password,
                        role=account.role, store_id=account.store_id,
                        display_name=account.display_name)
            result.created.append(account.username)
    session.flush()
    result.tasks = seed_book(session, seed=seed)
    return result
