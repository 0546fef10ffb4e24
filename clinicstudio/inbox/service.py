"""The inbox as the window and the command line use it: refresh, list, answer, moderate.

Safe to call from a worker thread. Answers go out through the publishing outbox (exactly once,
approval rules included); hiding and deleting go straight to the network and are audited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clinicstudio.accounts import SecretVault, account_for, connection_for
from clinicstudio.domain import ClinicIdentity, OutboxState, UserError
from clinicstudio.inbox import answer, items
from clinicstudio.inbox.collect import RefreshReport, refresh_inbox
from clinicstudio.inbox.review_sites import GOOGLE, google_reviews
from clinicstudio.inbox.templates import ReplyTemplate, reply_templates, save_template
from clinicstudio.inbox.tone import calm_advice
from clinicstudio.platforms.api import client_for
from clinicstudio.platforms.api.base import Connection, ReplyTarget
from clinicstudio.platforms.api.errors import PublishError
from clinicstudio.store.audit import record
from clinicstudio.store.clinic import clinic_identity
from clinicstudio.store.database import Database
from clinicstudio.store.inbox_tables import InboxItem
from clinicstudio.store.models import Post

ACTIONS = {"hide": "hidden", "delete": "deleted"}


@dataclass(frozen=True)
class ItemView:
    """One item with what the pane shows beside it: its thread, the clinic's post, notes."""

    item: dict[str, Any]
    thread: list[dict[str, Any]]
    own_post: str
    notes: list[tuple[str, str, datetime]]
    advice: str
    allowed: frozenset[str]
    reply_text: str


def _checker_factory() -> Any:
    from clinicstudio.compliance import Checker

    return Checker


def moderation_for(network: str) -> frozenset[str]:
    """What the network lets the clinic do to someone else's comment: hide and/or delete."""
    return {"facebook": frozenset({"hide", "delete"}), "instagram": frozenset({"hide", "delete"}),
            "x": frozenset({"hide"}), "linkedin": frozenset({"delete"})}.get(network, frozenset())


def row(item: InboxItem) -> dict[str, Any]:
    """An item for display: the documented fields plus what the pane needs."""
    return {**items.describe(item), "author_handle": item.author_handle, "url": item.url,
            "tone": item.tone, "assigned_to": item.assigned_to,
            "deleted": item.deleted_at is not None, "notes": len(item.notes or [])}


class InboxService:
    def __init__(self, db: Database, vault: SecretVault | None = None, *,
                 publisher: Any = None, checker_factory: Callable[[ClinicIdentity], Any] | None
                 = None, client_factory: Callable[[Connection], Any] = client_for,
                 actor: Callable[[], str] = lambda: "") -> None:
        self.db = db
        self.vault = vault or SecretVault()
        self.checker_factory = checker_factory or _checker_factory()
        self.client_factory = client_factory
        self.publisher = publisher
        self.actor = actor
        self._checker: tuple[ClinicIdentity, Any] | None = None

    # -- reading ---------------------------------------------------------------------------
    def refresh(self, networks: Iterable[str] | None = None) -> RefreshReport:
        return refresh_inbox(self.db, self.vault, client_factory=self.client_factory,
                             networks=networks, actor=self.actor())

    def list(self, *, state: str | None = None, network: str | None = None,
             post_id: int | None = None) -> list[dict[str, Any]]:
        with self.db.session() as session:
            return [row(i) for i in items.list_items(session, state=state, network=network,
                                                     post_id=post_id)]

    def show(self, item_id: int) -> ItemView:
        with self.db.session() as session:
            item = items.get_item(session, item_id)
            post = session.get(Post, item.post_id) if item.post_id else None
            reply = session.get(Post, item.reply_post_id) if item.reply_post_id else None
            return ItemView(
                item=row(item), thread=[row(i) for i in items.thread_of(session, item)],
                own_post=post.text_for(item.network) if post else "",
                notes=[(n.author, n.text, n.created_at) for n in item.notes],
                advice=calm_advice(item.tone), allowed=moderation_for(item.network),
                reply_text=reply.body if reply else str((item.details or {}).get("reply_text",
                                                                                 "")))

    def posts_with_items(self) -> list[tuple[int, str]]:
        """The clinic's posts that have comments, for the pane's post filter."""
        from sqlalchemy import select

        with self.db.session() as session:
            query = (select(Post.id, Post.title, Post.body).join(InboxItem, InboxItem.post_id ==
                                                                 Post.id).distinct())
            return [(pid, (title or body)[:60]) for pid, title, body in session.execute(query)]

    # -- the guard -------------------------------------------------------------------------
    def clinic(self) -> ClinicIdentity:
        with self.db.session() as session:
            return clinic_identity(session)

    def check(self, item_id: int, text: str) -> Any:
        """Findings for ``text`` as an answer to the item (cached checker: fast enough to type)."""
        with self.db.session() as session:
            clinic = clinic_identity(session)
            context = items.get_item(session, item_id).text
        if self._checker is None or self._checker[0] != clinic:
            self._checker = (clinic, self.checker_factory(clinic))
        return self._checker[1].check(text, kind="reply", reply_to=context)

    def templates(self) -> list[tuple[ReplyTemplate, str]]:
        """Each template with its wording filled in for this clinic."""
        with self.db.session() as session:
            clinic = clinic_identity(session)
            return [(t, t.filled(clinic)) for t in reply_templates(session)]

    def save_template(self, key: str, wording: str) -> None:
        with self.db.transaction() as session:
            save_template(session, key, wording, self.actor())

    # -- answering -------------------------------------------------------------------------
    def reply(self, item_id: int, text: str) -> answer.ReplyOutcome:
        """Check ``text`` with the item as context; if nothing blocks, send it once."""
        outcome = answer.ReplyOutcome(item_id)
        with self.db.session() as session:
            item = items.get_item(session, item_id)
            result = answer.check_reply(session, self.checker_factory, item, text)
        outcome.findings = list(result.findings)
        if result.blocked:
            outcome.blocked = True
            outcome.message = "The reply was not sent: a check blocks it (see the findings)."
            return outcome
        if item.network == GOOGLE:
            return self._answer_review(outcome, text)
        with self.db.transaction() as session:
            post = answer.prepare_reply(session, item_id, text, self.actor())
            outcome.post_id = post.id
            waiting = answer.hold_for_approval(session, post)
        if waiting:
            outcome.waiting_approval = True
            outcome.message = (f"The reply is waiting for an approver (post {post.id}); it goes "
                               "out once approved and published.")
            return outcome
        return self._send(outcome)

    def _send(self, outcome: answer.ReplyOutcome) -> answer.ReplyOutcome:
        from clinicstudio.publishing import Publisher

        assert outcome.post_id is not None
        publisher = self.publisher or Publisher(self.db, vault=self.vault,
                                                checker_factory=self.checker_factory,
                                                client_factory=self.client_factory,
                                                actor=self.actor())
        report = publisher.publish_now(outcome.post_id)
        sent = [o for o in report.outcomes if o.state is OutboxState.SENT]
        if report.blockers:
            outcome.blocked = True
            outcome.message = report.blockers[0].plain
        elif sent:
            outcome.sent, outcome.url = True, sent[0].url
            outcome.message = f"Reply sent: {sent[0].url}"
            with self.db.transaction() as session:
                answer.mark_answered(session, outcome.item_id, self.actor())
        else:
            outcome.message = "; ".join(o.message for o in report.outcomes if o.message) or \
                "The reply did not go out."
        return outcome

    def _answer_review(self, outcome: answer.ReplyOutcome,
                       text: str) -> answer.ReplyOutcome:
        """Answer a Google review: the answer is set on the review itself (no outbox row;
        setting it again replaces it, so a retry never leaves two answers)."""
        with self.db.session() as session:
            item = items.get_item(session, outcome.item_id)
            answer.check_answerable(session, item)
            if not answer.may_send_without_review(session, self.actor()):
                outcome.message = ("The office requires approval: an approver sends answers "
                                   "to Google reviews from the Inbox.")
                outcome.waiting_approval = False
                return outcome
            site = google_reviews(session, self.vault)
            review = item.remote_id
        if site is None:
            raise UserError("No Google Business Profile is connected; connect it with "
                            "`clinicstudio inbox connect-google`.")
        try:
            site.reply(review, text.strip())
        except PublishError as exc:
            outcome.message = f"The answer was not sent: {exc.plain}"
            return outcome
        finally:
            site.close()
        with self.db.transaction() as session:
            item = items.get_item(session, outcome.item_id)
            item.details = {**(item.details or {}), "reply_text": text.strip()}
            record(session, "inbox_review_answered", actor=self.actor(), item_id=item.id,
                   network=GOOGLE, text=text.strip())
            answer.mark_answered(session, item.id, self.actor())
        outcome.sent = True
        outcome.message = "Answer posted on the Google review."
        return outcome

    def done(self, item_id: int) -> None:
        with self.db.transaction() as session:
            items.set_state(session, items.get_item(session, item_id), "done", self.actor())

    def reopen(self, item_id: int) -> None:
        with self.db.transaction() as session:
            item = items.get_item(session, item_id)
            items.set_state(session, item, "assigned" if item.assigned_to else "new",
                            self.actor())

    def assign(self, item_id: int, name: str) -> None:
        with self.db.transaction() as session:
            items.assign(session, items.get_item(session, item_id), name, self.actor())

    def add_note(self, item_id: int, text: str) -> None:
        with self.db.transaction() as session:
            items.add_note(session, items.get_item(session, item_id), text, self.actor())

    # -- moderation ------------------------------------------------------------------------
    def moderate(self, item_id: int, action: str) -> str:
        """Hide or delete someone's comment on the network, in one audited step."""
        if action not in ACTIONS:
            raise UserError("Choose hide or delete.")
        with self.db.session() as session:
            item = items.get_item(session, item_id)
            label = items.network_label(item.network)
            if action not in moderation_for(item.network):
                raise UserError(f"{label} does not let a page {action} other people's posts "
                                f"through its API; report it on {label} instead.")
            account = account_for(session, item.network)
            if account is None:
                raise UserError(f"No {label} account is connected; connect it in Accounts.")
            connection = connection_for(account, self.vault)
            target = ReplyTarget(item.remote_id, item.root_remote_id, item.remote_post_id,
                                 dict(item.details or {}))
        client = self.client_factory(connection)
        try:
            getattr(client.inbox(), action)(target)
        except PublishError as exc:
            raise UserError(f"{label} did not {action} it: {exc.plain}") from exc
        finally:
            client.close()
        with self.db.transaction() as session:
            item = items.get_item(session, item_id)
            item.hidden_at = datetime.now(UTC)
            before, item.state = item.state, "hidden"
            record(session, f"inbox_{ACTIONS[action]}", actor=self.actor(), item_id=item.id,
                   network=item.network, before=before, text=item.text)
        return f"The {label} comment was {ACTIONS[action]}."
