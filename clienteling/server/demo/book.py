"""The managers' book in the demo: each store's manager assigns part of the store's clients to
its seller and gives follow-ups (open ones due around today, some done; a few are the
manager's own), through the same
services as the API, so the devices receive them in the feed."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.models import StaffUser
from clienteling.server.auth.staff import Staff
from clienteling.server.clients import service
from clienteling.server.clients.models import TaskRow
from clienteling.server.customers.models import CustomerRow
from clienteling.server.db import utcnow

ASSIGNED_SHARE = 0.4
TASKS_PER_STORE = 24
MANAGER_TASKS = 5  # the manager's own follow-ups (their best clients), so their list shows too
REASONS = ["Nouvelle collection arrivée en boutique", "Retouches prêtes à retirer",
           "Anniversaire le mois prochain", "Relancer après le dernier achat",
           "Inviter à la soirée clientes", "Produit de la liste d'envies de retour en stock"]


def _staff(row: StaffUser) -> Staff:
    return Staff(id=row.id, username=row.username, display_name=row.display_name,
                 role=w.Role(row.role), store_id=row.store_id, session_id=0)


def seed_book(session: Session, *, seed: int) -> int:
    """Assignments and tasks for every store with a demo manager and seller and no tasks yet
    (seeding twice adds nothing). Returns how many tasks were made."""
    made = 0
    today = utcnow().date()
    staff = session.scalars(select(StaffUser).where(StaffUser.role.in_(["seller", "manager"]))
                            .order_by(StaffUser.id)).all()
    stores = sorted({s.store_id for s in staff if s.store_id})
    for store_id in stores:
        manager = next((s for s in staff if s.store_id == store_id and s.role == "manager"), None)
        seller = next((s for s in staff if s.store_id == store_id and s.role == "seller"), None)
        if manager is None or seller is None or session.scalar(
                select(func.count()).select_from(TaskRow)
                .where(TaskRow.store_id == store_id)):
            continue
        rng = random.Random(f"book-{seed}-{store_id}")
        clients = session.scalars(
            select(CustomerRow).where(CustomerRow.home_store_id == store_id,
                                      CustomerRow.erased_at.is_(None))
            .order_by(CustomerRow.lifetime_value.desc(), CustomerRow.customer_id)).all()
        chosen = [c.customer_id for c in clients if rng.random() < ASSIGNED_SHARE]
        boss = _staff(manager)
        for start in range(0, len(chosen), 500):
            service.assign(session, staff=boss, body=w.ClientAssign(
                customer_ids=chosen[start:start + 500], seller_id=seller.id))
        for i, customer_id in enumerate(chosen[:TASKS_PER_STORE + MANAGER_TASKS]):
            assignee = seller if i < TASKS_PER_STORE else manager
            customer = session.get(CustomerRow, customer_id)
            assert customer is not None
            channels = ["call", "visit"] + (["email"] if customer.consent_email else []) + (
                ["sms"] if customer.consent_sms else [])
            task, _ = service.create_task(session, staff=boss, body=w.TaskCreate(
                customer_id=customer_id, assignee_id=assignee.id,
                channel=w.TaskChannelName(rng.choice(channels)),
                due_on=today + timedelta(days=rng.randint(-5, 14)),
                reason=rng.choice(REASONS), task_id=f"demo-{store_id}-{made}"))
            if rng.random() < 0.3:
                service.update_task(session, staff=boss, task_id=task.task_id,
                                    body=w.TaskUpdate(status="done"))
            made += 1
    return made
