"""The governance services in the window's words: one object the Clinic menus talk to.

Every method may block (the window calls them on its database thread) and acts as the person
signed in at the window, with the same rules as the command line: only an administrator manages
staff and settings, only approvers record and revoke authorizations, and so on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from clinicstudio.domain import Changes, Role, UserError
from clinicstudio.governance import approvals, audit_log, authorizations, policy, takedown
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.people import StaffMember, add_staff, disable_staff, list_staff
from clinicstudio.settings import (
    OfficeSettings,
    approval_required,
    has_staff,
    load_settings,
    save_settings,
)
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database


class OfficeDesk:
    """Staff, settings, authorizations, the audit log, reviews and the policy for one window."""

    def __init__(self, db: Database, person: Callable[[], Actor], vault: Any = None) -> None:
        self.db = db
        self._person = person
        self.vault = vault

    @property
    def person(self) -> Actor:
        return self._person()

    def _admin(self) -> Actor:
        person = self.person
        with self.db.session() as session:
            staffed = has_staff(session)
        if staffed and person.role is not Role.ADMIN:
            raise UserError("Only an administrator can do this.")
        return person

    def _approver(self) -> Actor:
        person = self.person
        if not person.role.may_approve:
            raise UserError("Only an approver or an administrator can do this.")
        return person

    # -- staff ------------------------------------------------------------------------------
    def staffed(self) -> bool:
        with self.db.session() as session:
            return has_staff(session)

    def staff(self) -> list[StaffMember]:
        with self.db.session() as session:
            return [m for m in list_staff(session) if m.can_sign_in]

    def add_person(self, name: str, role: Role, passphrase: str) -> StaffMember:
        first = not self.staffed()
        if first and role is not Role.ADMIN:
            raise UserError("The first account must be an administrator, so someone can "
                            "manage the staff.")
        actor = name if first else self._admin().name
        with self.db.transaction() as session:
            return add_staff(session, name, role, passphrase, actor=actor)

    def disable_person(self, name: str) -> StaffMember:
        admin = self._admin()
        with self.db.transaction() as session:
            return disable_staff(session, name, actor=admin.name)

    # -- settings ---------------------------------------------------------------------------
    def settings(self) -> tuple[OfficeSettings, bool]:
        with self.db.session() as session:
            return load_settings(session), approval_required(session)

    def save_settings(self, *, require_approval: bool, idle_minutes: int) -> None:
        admin = self._admin()
        with self.db.transaction() as session:
            if require_approval and not has_staff(session):
                raise UserError("Approvals need staff accounts; add staff first.")
            office = load_settings(session)
            save_settings(session, replace(office, require_approval=require_approval,
                                           idle_minutes=max(0, idle_minutes)))
            record(session, "setting_changed", actor=admin.name,
                   setting="require-approval", value="on" if require_approval else "off")
            record(session, "setting_changed", actor=admin.name, setting="idle-minutes",
                   value=str(idle_minutes))

    # -- authorizations ---------------------------------------------------------------------
    def authorizations(self) -> list[authorizations.Authorization]:
        return authorizations.list_authorizations(self.db)

    def add_authorization(self, *, person: str, covers: list[str], networks: list[str],
                          signed_on: date, expires_on: date | None,
                          form: Path | None) -> authorizations.Authorization:
        approver = self._approver()
        return authorizations.add_authorization(
            self.db, person=person, covers=covers, networks=networks, signed_on=signed_on,
            expires_on=expires_on, form=form, actor=approver.name)

    def link_authorization(self, post_id: int, authorization_id: int) -> Changes:
        with self.db.transaction() as session:
            authorizations.link(session, post_id, authorization_id, actor=self.person.name)
        return Changes(posts=frozenset({post_id}))

    def revoke(self, authorization_id: int, reason: str) -> list[tuple[int, str, str, str]]:
        approver = self._approver()
        return authorizations.revoke(self.db, authorization_id, reason, actor=approver.name)

    def take_down(self, copies: list[tuple[int, str, str, str]],
                  reason: str) -> list[takedown.TakeDown]:
        approver = self._approver()
        return takedown.take_down(self.db, copies, self.vault, actor=approver.name,
                                  reason=reason)

    # -- the audit log ----------------------------------------------------------------------
    def verify_audit(self) -> str | None:
        """None when the chain holds, else the plain sentence naming the first break."""
        _checked, broken = audit_log.verify(self.db)
        return broken.plain if broken else None

    def audit_events(self, **filters: Any) -> list[audit_log.EventRow]:
        return audit_log.events(self.db, **filters)

    def export_audit(self, rows: list[audit_log.EventRow], path: Path) -> int:
        self._approver()
        return audit_log.export_csv(rows, path)

    # -- reviews ----------------------------------------------------------------------------
    def submit(self, post_id: int, note: str = "") -> Changes:
        return approvals.submit(self.db, post_id, self.person, note)

    def approve(self, post_id: int, note: str = "", whole_series: bool = False) -> Changes:
        return approvals.approve(self.db, post_id, self.person, note, whole_series=whole_series)

    def reject(self, post_id: int, note: str) -> Changes:
        return approvals.reject(self.db, post_id, self.person, note)

    def comment(self, post_id: int, note: str) -> Changes:
        return approvals.comment(self.db, post_id, self.person, note)

    def thread(self, post_id: int) -> list[approvals.ReviewNote]:
        return approvals.thread(self.db, post_id)

    def waiting_count(self) -> int:
        return len(approvals.waiting_for_approval(self.db))

    # -- the policy -------------------------------------------------------------------------
    def policy(self) -> tuple[policy.Policy, bool]:
        """The current policy and whether the person at the window acknowledged it."""
        with self.db.session() as session:
            current = policy.current_policy(session)
            done = policy.policy_refusal(session, self.person) is None
        return current, done

    def acknowledge_policy(self) -> int:
        return policy.acknowledge(self.db, self.person)

    def save_policy(self, text: str) -> int:
        return policy.edit_policy(self.db, self.person, text)

    def record_training(self, answers: list[bool]) -> tuple[int, int]:
        return policy.record_training(self.db, self.person, answers)
