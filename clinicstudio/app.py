"""The composition root: the studio's services, built once from a database and handed down.

:func:`build_studio` opens the database and wires the real compliance engine, network rules and
publisher into a :class:`Studio`. The window (and ``self-test``) only ever talk to a ``Studio``;
tests build one around fakes of the same shape. No Qt here: every method is plain, may block
(the window calls the database and the network from worker threads) and reports what it changed
as a :class:`~clinicstudio.domain.Changes`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clinicstudio.domain import (
    Changes,
    ClinicIdentity,
    Finding,
    Platform,
    PostStatus,
    Role,
    UserError,
)
from clinicstudio.governance.desk import Actor
from clinicstudio.governance.release import release_refusal
from clinicstudio.post_review import PostReview
from clinicstudio.settings import OfficeSettings, has_staff, load_settings, save_settings
from clinicstudio.store import clinic as clinic_store
from clinicstudio.store import media as media_store
from clinicstudio.store import posts as post_store
from clinicstudio.store.audit import record
from clinicstudio.store.database import Database, open_database
from clinicstudio.store.models import (
    Campaign,
    ConnectedAccount,
    FindingOverride,
    MediaAsset,
    StaffUser,
)
from clinicstudio.studio_publisher import StudioPublisher
from clinicstudio.studio_views import (
    ImageInfo,
    NetworkOutcome,
    PostSnapshot,
    PostSummary,
    Progress,
    Publisher,
    Reviewed,
    image_info,
    snapshot_of,
)

# Re-exported: the window and the tests import these from here.
__all__ = ["ALL_NETWORKS", "ImageInfo", "NetworkOutcome", "PostSnapshot", "PostSummary",
           "Progress", "Publisher", "Reviewed", "Studio", "StudioPublisher", "build_studio"]

ALL_NETWORKS = tuple(Platform)


class Studio:
    """Everything the window needs, in the clinic's words. Safe to call from one worker thread."""

    def __init__(self, db: Database, *, compliance: Any, networks: Any,
                 publisher: Publisher | None = None, vault: Any = None) -> None:
        #: ``compliance`` offers ``Checker(clinic)`` and ``ImageFacts(alt_text, consent_ref)``;
        #: ``networks`` offers ``text_length``, ``text_limit`` and ``validate`` (see platforms).
        #: ``vault`` keeps account secrets (the OS keyring when not given).
        self.db = db
        self.networks = networks
        self.publisher = publisher
        self.vault = vault
        self._review = PostReview(compliance, networks, self.reload_clinic)
        self._clinic = ClinicIdentity()
        self._pane_services: dict[str, Any] = {}
        self._user: tuple[str, Role] = ("Office", Role.ADMIN)
        #: The person signed in at this window (None: nobody, or a one-person office).
        self.person: Actor | None = None
        #: Whether the office has staff accounts (as of the last :meth:`reload_clinic`).
        self.staffed = False
        #: The clinic's handle on each connected network, for the previews.
        self.handles: dict[Platform, str] = {}

    # -- services of other panes (built on first use, so a build without them still runs) ---
    def pane_service(self, name: str) -> Any:
        """The service a pane takes in its constructor: "calendar", "audience" or "accounts"."""
        if name not in self._pane_services:
            actor = self.actor_name()
            if name == "calendar":
                planning = importlib.import_module("clinicstudio.planning")
                self._pane_services[name] = planning.CalendarService(self.db, actor=actor)
            elif name == "audience":
                audience = importlib.import_module("clinicstudio.audience")
                self._pane_services[name] = audience.SegmentService(self.db, actor=actor)
            elif name == "accounts":
                desk = importlib.import_module("clinicstudio.accounts.desk")
                self._pane_services[name] = desk.AccountsDesk(
                    self.db, self.vault, actor=self.actor_name)
            else:
                raise KeyError(name)
        return self._pane_services[name]

    # -- the clinic ----------------------------------------------------------------------
    def needs_setup(self) -> bool:
        """No clinic profile yet (as of the last :meth:`reload_clinic`)."""
        return not self._clinic.name.strip()

    def reload_clinic(self) -> ClinicIdentity:
        """Read the clinic's identity and who is at this desk again, and rebuild the checker.

        Runs on the database thread; the window then reads the answers without a query.
        """
        with self.db.session() as session:
            clinic = clinic_store.clinic_identity(session)
            self.staffed = has_staff(session)
            self._user = _desk_user(session)
            if self.staffed:
                self._user = ((self.person.name, self.person.role) if self.person
                              else ("", Role.AUTHOR))
            # Previews show each account's own @name; before a network is connected, the
            # clinic's usual handle stands in (never a made-up placeholder).
            usual = clinic.handles[0].lstrip("@") if clinic.handles else ""
            self.handles = {p: usual for p in Platform if usual}
            self.handles.update({Platform(a.network): a.handle for a in
                                 session.scalars(select(ConnectedAccount)) if a.handle})
        self._clinic = clinic
        self._review.use_clinic(clinic)
        return clinic

    @property
    def clinic(self) -> ClinicIdentity:
        return self._clinic

    def save_setup(self, *, name: str, phones: Sequence[str], address: str, website: str,
                   staff: Sequence[str], time_zone: str) -> Changes:
        """The first-run profile. The first staff name is the person at this desk (admin)."""
        with self.db.transaction() as session:
            clinic_store.save_profile(
                session, name=name.strip(), phones=[p for p in phones if p.strip()],
                addresses=[address] if address.strip() else [],
                websites=[website] if website.strip() else [], time_zone=time_zone)
            known = {u.name for u in clinic_store.active_staff(session)}
            for index, person in enumerate(s.strip() for s in staff):
                if person and person not in known:
                    clinic_store.add_staff(session, person,
                                           role=Role.ADMIN if index == 0 else Role.AUTHOR)
            if staff and staff[0].strip():
                office = load_settings(session)
                save_settings(session, replace(office, default_actor=staff[0].strip()))
        self.reload_clinic()
        return Changes(clinic=True)

    def load_demo(self) -> bool:
        """Fill an empty database with the demo clinic; False when it was there already."""
        demo = importlib.import_module("clinicstudio.demo")
        try:
            loaded = demo.load_demo(self.db) is not None
        except demo.DemoRefused as exc:
            raise UserError(str(exc)) from exc
        self.reload_clinic()
        return loaded

    def office(self) -> OfficeSettings:
        with self.db.session() as session:
            return load_settings(session)

    def current_user(self) -> tuple[str, Role]:
        """Who is at this desk and what they may do. Without staff accounts: the office admin."""
        return self._user

    def actor_name(self) -> str:
        """The name the audit log gives to what this window does."""
        if self.person is not None:
            return self.person.name
        return self._user[0] if not self.staffed else ""

    def acting_person(self) -> Actor:
        """Who this window acts as, for the governance services (see clinicstudio.governance)."""
        if self.person is not None:
            return self.person
        name, role = self._user
        return Actor(name, role if not self.staffed else Role.AUTHOR)

    def sign_in(self, name: str, passphrase: str) -> Actor:
        """Check a passphrase and make that person the one at this window (database thread)."""
        people = importlib.import_module("clinicstudio.governance.people")
        member = people.authenticate(self.db, name, passphrase)
        self.person = Actor(member.name, member.role, member.id)
        self.reload_clinic()
        return self.person

    def sign_out(self) -> None:
        if self.person is not None:
            with self.db.transaction() as session:
                record(session, "signed_out", actor=self.person.name)
        self.person = None
        self.reload_clinic()

    # -- checks (fast, pure; called on the GUI thread while typing) ----------------------
    def review(self, post: PostSnapshot) -> list[Reviewed]:
        """Every finding for ``post``; cached by text, so a keystroke re-checks only a change."""
        return self._review.review(post)

    def unresolved_blocks(self, post: PostSnapshot, rows: Sequence[Reviewed],
                          overrides: set[tuple[str, str]]) -> list[Reviewed]:
        """The blocking findings nobody has overridden for exactly this wording."""
        return self._review.unresolved_blocks(post, rows, overrides)

    def image_warnings(self, post: PostSnapshot) -> dict[int, list[str]]:
        """Per image, what each network will object to (e.g. Instagram's aspect ratio)."""
        return self._review.image_warnings(post)

    def spelling_suggestions(self, word: str) -> list[str]:
        return self._review.spelling_suggestions(word)

    def counter(self, network: Platform, text: str) -> tuple[int, int]:
        return self.networks.text_length(network, text), self.networks.text_limit(network)

    # -- posts ---------------------------------------------------------------------------
    def list_posts(self, *, text: str = "", status: PostStatus | None = None,
                   network: Platform | None = None,
                   campaign_id: int | None = None) -> list[PostSummary]:
        with self.db.session() as session:
            found = post_store.search_posts(
                session, text=text, statuses=[str(status)] if status else [],
                network=str(network) if network else None, campaign_id=campaign_id)
            names = {c.id: c.name for c in session.scalars(select(Campaign))}
            return [PostSummary(p.id, p.title, PostStatus(p.status),
                                tuple(Platform(n) for n in p.networks),
                                p.published_at or p.scheduled_at,
                                names.get(p.campaign_id or -1, ""), _held(p)) for p in found]

    def campaigns(self) -> list[tuple[int, str]]:
        with self.db.session() as session:
            found = session.scalars(select(Campaign).order_by(Campaign.name))
            return [(c.id, c.name) for c in found]

    def link_addresses(self, post: PostSnapshot) -> list[tuple[str, str]]:
        """Each link of the post (every version) and the address it goes out as with tags, on
        the post's first network. Raises ``UserError`` when a tag would carry a condition."""
        from clinicstudio.publishing.tagging import link_tags_for, links_in

        links = links_in([post.body, *post.overrides.values()])
        network = (post.networks or (Platform.FACEBOOK,))[0]
        with self.db.session() as session:
            tags = link_tags_for(session, post.id, post.campaign_id)
        return [(url, tags.targets(url, network.value)[url]) for url in links]

    def open_post(self, post_id: int) -> PostSnapshot:
        with self.db.session() as session:
            return snapshot_of(self.db.media_dir, post_store.get_post(session, post_id))

    def new_post(self, body: str = "",
                 when: datetime | None = None) -> tuple[PostSnapshot, Changes]:
        """A new draft; ``when`` (a slot picked on the calendar) is its planned time."""
        draft = post_store.PostDraft(body=body, networks=self.connected_networks(),
                                     scheduled_at=when)
        actor = self.actor_name()
        draft.author_id = self.person.user_id if self.person else None
        with self.db.transaction() as session:
            post, changes = post_store.create_post(session, draft, actor=actor,
                                                   status=PostStatus.DRAFT)
            return snapshot_of(self.db.media_dir, post), changes

    def duplicate_post(self, post_id: int) -> tuple[PostSnapshot, Changes]:
        """A new draft copied from ``post_id`` (words, networks, images; no date)."""
        actor = self.actor_name()
        with self.db.transaction() as session:
            post, changes = post_store.duplicate_post(session, post_id, actor=actor)
            return snapshot_of(self.db.media_dir, post), changes

    def connected_networks(self) -> list[str]:
        """Networks the clinic has connected (a new post goes to these); Facebook if none."""
        with self.db.session() as session:
            found = set(session.scalars(select(ConnectedAccount.network)))
        return [p.value for p in ALL_NETWORKS if p.value in found] or [Platform.FACEBOOK.value]

    def save_post(self, edited: PostSnapshot) -> tuple[PostSnapshot, Changes]:
        """Store the editor's copy. Raises ``EditConflict`` when another desk saved in between."""
        draft = post_store.PostDraft(
            body=edited.body, networks=[n.value for n in edited.networks],
            overrides={n.value: edited.overrides.get(n) for n in ALL_NETWORKS},
            kind=edited.kind, reply_context=edited.reply_context,
            scheduled_at=edited.scheduled_at, campaign_id=edited.campaign_id,
            segment_id=edited.segment_id, media_ids=[i.id for i in edited.images],
            link_card={k: v for k, v in (edited.link_card or {}).items()
                       if k != "thumbnail_path"},
            untagged_links=list(edited.untagged_links))
        actor = self.actor_name()
        with self.db.transaction() as session:
            post, changes = post_store.update_post(session, edited.id, draft, actor=actor,
                                                   expected_revision=edited.revision)
            return snapshot_of(self.db.media_dir, post), changes

    def attach_image(self, edited: PostSnapshot, source: Path) -> tuple[PostSnapshot, Changes]:
        with self.db.transaction() as session:
            asset, _ = media_store.import_image(session, self.db.media_dir, source)
            info = image_info(self.db.media_dir, asset)
        return self.save_post(replace(edited, images=(*edited.images, info)))

    def library_image(self, source: Path) -> ImageInfo:
        """Copy an image into the media library without attaching it (a link card's picture)."""
        with self.db.transaction() as session:
            asset, _ = media_store.import_image(session, self.db.media_dir, source)
            return image_info(self.db.media_dir, asset)

    def media_image(self, media_id: int) -> ImageInfo | None:
        with self.db.session() as session:
            asset = session.get(MediaAsset, media_id)
            return image_info(self.db.media_dir, asset) if asset is not None else None

    def remove_image(self, edited: PostSnapshot, media_id: int) -> tuple[PostSnapshot, Changes]:
        """Take an image off the post (it stays in the media library for other posts)."""
        kept = tuple(image for image in edited.images if image.id != media_id)
        return self.save_post(replace(edited, images=kept))

    def image_fixes(self, post: PostSnapshot, media_id: int,
                    focus: tuple[float, float]) -> list[Any]:
        """Per ticked network, the fixes and the very image the upload will send (slow for a
        big photo: call it off the GUI thread)."""
        fixes = importlib.import_module("clinicstudio.platforms.image_fixes")
        image = next(i for i in post.images if i.id == media_id)
        return list(fixes.network_fixes(image.path, image.width, image.height, post.networks,
                                        focus))

    def image_focus(self, post_id: int, media_id: int) -> tuple[float, float]:
        """The focus point set for an image of this post (the centre until one is set)."""
        images = importlib.import_module("clinicstudio.publishing.images")
        with self.db.session() as session:
            for variant in post_store.get_post(session, post_id).variants:
                point = images.focus_points(variant.options).get(media_id)
                if point is not None:
                    return point  # type: ignore[no-any-return]
        return images.CENTRE  # type: ignore[no-any-return]

    def save_image_focus(self, post_id: int, media_id: int,
                         focus: tuple[float, float]) -> Changes:
        """Keep the point a crop must keep in view, for every network of the post."""
        with self.db.transaction() as session:
            post = post_store.get_post(session, post_id)
            for variant in post.variants:
                options = dict(variant.options or {})
                points = dict(options.get("image_focus") or {})
                points[str(media_id)] = [round(focus[0], 4), round(focus[1], 4)]
                options["image_focus"] = points
                variant.options = options  # a new dict, so the JSON column is saved
            return Changes(posts=frozenset({post_id}))

    def set_alt_text(self, media_id: int, alt_text: str) -> Changes:
        with self.db.transaction() as session:
            return media_store.set_alt_text(session, media_id, alt_text)

    def schedule(self, post_id: int, when: datetime) -> Changes:
        actor = self.actor_name()
        with self.db.transaction() as session:
            post, changes = post_store.reschedule(session, post_id, when, actor=actor)
            # Scheduling is a way of publishing: the same gate decides (role and approval).
            refusal = release_refusal(session, post, self.acting_person())
            if refusal:
                raise UserError(refusal)
            if post.status != PostStatus.SCHEDULED:
                post_store.set_status(session, post_id, PostStatus.SCHEDULED, actor=actor)
            return changes

    # -- blocking findings and overrides -------------------------------------------------
    def overrides(self, post_id: int) -> set[tuple[str, str]]:
        """(rule, exact text) pairs a person allowed for this post."""
        with self.db.session() as session:
            query = select(FindingOverride).where(FindingOverride.post_id == post_id)
            rows = session.scalars(query)
            return {(row.rule, row.span_text) for row in rows}

    def override(self, post_id: int, finding: Finding, span_text: str, reason: str) -> Changes:
        """Record a person's written decision to publish despite ``finding``."""
        with self.db.session() as session:  # the role as the database has it now
            name, role = ((self.person.name, self.person.role) if self.person
                          else _desk_user(session))
        if self.staffed and self.person is None:
            raise PermissionError("Sign in first to record an override.")
        if not role.may_override:
            raise PermissionError(f"{name} may not override findings; ask an approver.")
        if len(reason.strip()) < 10:
            raise ValueError("Write a short reason (at least a few words) for the record.")
        gate = importlib.import_module("clinicstudio.publishing.gate")
        with self.db.transaction() as session:
            gate.record_override(session, post_id, finding.rule, span_text, reason.strip(), name)
        return Changes(posts=frozenset({post_id}))

    def publish_question(self, post: PostSnapshot) -> Any:
        """What "Publish now" asks first: the networks, the audience, anything unusual."""
        question = importlib.import_module("clinicstudio.publish_question")
        with self.db.session() as session:
            return question.publish_question(session, post)

    def publish(self, post_id: int, progress: Progress) -> tuple[list[NetworkOutcome], Changes]:
        if self.publisher is None:
            raise RuntimeError("Publishing is not set up on this computer.")
        outcomes = self.publisher.publish(post_id, progress)
        return outcomes, Changes(posts=frozenset({post_id}), outbox=True)


def _held(post: Any) -> bool:
    """Held late by the scheduler: scheduled, and held after its planned time."""
    return bool(post.status == PostStatus.SCHEDULED and post.held_late_at
                and post.scheduled_at and post.held_late_at > post.scheduled_at)


def _desk_user(session: Any) -> tuple[str, Role]:
    """The person at this desk (office settings) and their role; the office admin if unknown."""
    actor = load_settings(session).default_actor
    user = session.scalars(select(StaffUser).where(StaffUser.name == actor)).first()
    return (actor or "Office", Role.ADMIN) if user is None else (user.name, Role(user.role))


def build_studio(database: str | Path | None = None, *,
                 verify_integrity: bool = True) -> Studio:
    """The real studio for a database URL or path (``None``: $CLINICSTUDIO_DB or the default).

    ``verify_integrity=False`` (the window) skips reading every page of the file on open; the
    caller then asks ``studio.db.damage()`` once the studio is in use.
    """
    db = open_database(database, verify_integrity=verify_integrity)
    compliance = importlib.import_module("clinicstudio.compliance")
    networks = importlib.import_module("clinicstudio.platforms")
    vault = importlib.import_module("clinicstudio.accounts").SecretVault()
    studio = Studio(db, compliance=compliance, networks=networks, vault=vault)
    studio.publisher = StudioPublisher(db, checker_factory=compliance.Checker, vault=vault,
                                       actor=studio.actor_name, person=studio.acting_person)
    studio.reload_clinic()
    return studio
