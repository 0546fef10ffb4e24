"""``clinicstudio posts add|list|show``: write posts from scripts and look at them."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clinicstudio import wall_time
from clinicstudio.accounts import list_connections
from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.commands._review import add_review_actions
from clinicstudio.commands._staff import person
from clinicstudio.domain import Platform, PostStatus, UserError
from clinicstudio.governance.authorizations import link
from clinicstudio.publishing.outbox import entries_for
from clinicstudio.store.clinic import get_profile
from clinicstudio.store.media import import_image
from clinicstudio.store.models import Post
from clinicstudio.store.posts import PostDraft, create_post, get_post, search_posts

# C0 controls except tab and newline, DEL and the C1 controls (ESC starts terminal commands).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_POST_BYTES = 400_000


def register(sub: argparse._SubParsersAction[Any]) -> None:
    posts = add_command(sub, "posts", "add, list and show posts")
    actions = posts.add_subparsers(title="actions", metavar="ACTION")
    add = add_command(actions, "add", "add a post from a text file; prints its id", _add)
    add.add_argument("--text-file", required=True, metavar="FILE",
                     help="the post's text (UTF-8); '-' reads standard input")
    add.add_argument("--network", action="append", default=[], metavar="N",
                     help="a network to post to (repeat; default: every connected network)")
    add.add_argument("--at", metavar="ISO_TIME",
                     help="schedule it, e.g. 2026-05-04T09:30 (clinic time zone) or with +02:00")
    add.add_argument("--image", action="append", default=[], metavar="FILE",
                     help="attach an image (repeat for several)")
    add.add_argument("--alt", action="append", default=[], metavar="TEXT",
                     help="alt text for each --image, in the same order")
    add.add_argument("--title", default="", help="a title for the calendar (optional)")
    add.add_argument("--campaign", metavar="NAME",
                     help="the campaign it belongs to (its links are tagged with it)")
    add.add_argument("--consent", action="append", default=[], type=int, metavar="ID",
                     help="a patient authorization the post relies on (repeat for several; "
                     "see `clinicstudio consents list`)")
    add.add_argument("--late-ok", action="store_true",
                     help="accept an --at time that has already passed (it goes out at once)")
    add.add_argument("--network-text", action="append", default=[], metavar="NETWORK=FILE",
                     help="a network's own version of the text, e.g. x=short.txt (repeat)")
    listing = add_command(actions, "list", "list posts, newest first", _list)
    listing.add_argument("--json", action="store_true", help="print JSON for scripts")
    show = add_command(actions, "show", "show one post and where it went", _show)
    show.add_argument("post_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON for scripts")
    links = add_command(actions, "link-tags", "show a post's links as they go out; turn campaign "
                        "tags off or on for one link", _link_tags)
    links.add_argument("post_id", type=int, metavar="ID")
    links.add_argument("--off", action="append", default=[], metavar="URL",
                       help="send this link as written, without campaign tags")
    links.add_argument("--on", action="append", default=[], metavar="URL",
                       help="tag this link again")
    add_review_actions(actions)
    posts.set_defaults(run=lambda args: (posts.print_help(), 2)[1])


def parse_when(text: str, zone_name: str) -> datetime:
    """``--at`` as one moment: a time in a daylight-saving gap or overlap is refused with both
    readings, and so is a date too far ahead to be meant."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UserError(f"{terminal_safe(text.strip())[:60]!r} is not a date and time like "
                        "2026-05-04T09:30.") from None
    if when.tzinfo is None:
        try:
            zone = ZoneInfo(zone_name or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        return wall_time.resolve(when, zone)
    if when.year > wall_time.LATEST_YEAR:
        return wall_time.resolve(when.replace(tzinfo=None), ZoneInfo("UTC"))
    return when


def _read_text(name: str) -> str:
    try:
        if name == "-":
            return sys.stdin.buffer.read(MAX_POST_BYTES + 1).decode("utf-8")
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text; save it as UTF-8 and try again.") from None
    except OSError as exc:
        raise UserError(f"Cannot read {name}: {getattr(exc, 'strerror', None) or exc}.") from exc


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown, not obeyed: an escape sequence in a post must
    not recolour, clear or retitle the terminal of whoever reads it."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def network_texts(pairs: list[str]) -> dict[str, str]:
    """``["x=short.txt"]`` -> ``{"x": "<the file's text>"}``: each network's own version."""
    texts: dict[str, str] = {}
    for pair in pairs:
        name, sep, file_name = pair.partition("=")
        if not sep or not file_name.strip():
            raise UserError(f"Write --network-text as NETWORK=FILE (for example x=short.txt), "
                            f"not '{pair}'.")
        try:
            network = Platform(name.strip().lower()).value
        except ValueError:
            known = ", ".join(p.value for p in Platform)
            raise UserError(f"'{name}' is not a network ClinicStudio knows ({known}).") from None
        text = _read_text(file_name.strip()).strip()
        if not text:
            raise UserError(f"{file_name.strip()} is empty; {Platform(network).label}'s version "
                            "needs some text.")
        texts[network] = text
    return texts


def _add(args: argparse.Namespace) -> int:
    text = _read_text(args.text_file).strip()
    if not text:
        raise UserError(f"{args.text_file} is empty; a post needs some text.")
    overrides = network_texts(args.network_text)
    db = database_for(args)
    try:
        who = person(db)
        with db.transaction() as session:
            networks = args.network or sorted({a.network for a in list_connections(session)})
            if not networks:
                raise UserError("Say where the post goes with --network (for example "
                                f"--network {Platform.FACEBOOK.value}), or connect an account.")
            unused = sorted(set(overrides) - {str(n).lower() for n in networks})
            if unused:
                raise UserError(f"The post does not go to {', '.join(unused)}, so its own text "
                                "would never be used; add --network for it or leave it out.")
            profile = get_profile(session)
            when = parse_when(args.at, profile.time_zone if profile else "UTC") if args.at \
                else None
            if when is not None:
                wall_time.refuse_past(when, late_ok=args.late_ok)
            media_ids = []
            for index, image in enumerate(args.image):
                alt = args.alt[index] if index < len(args.alt) else ""
                asset, _ = import_image(session, db.media_dir, Path(image), alt_text=alt)
                media_ids.append(asset.id)
            campaign_id = None
            if args.campaign:
                from clinicstudio.analytics.campaigns import find_campaign

                campaign_id = find_campaign(session, args.campaign).id
            # With staff accounts, a new post is a draft whatever its date: it goes out only
            # through the review (approving a post with a date schedules it).
            post, _ = create_post(session, PostDraft(body=text, title=args.title,
                                                     networks=networks, scheduled_at=when,
                                                     media_ids=media_ids, author_id=who.user_id,
                                                     campaign_id=campaign_id,
                                                     overrides=overrides),
                                  actor=who.name,
                                  status=PostStatus.DRAFT if who.signed_in else None)
            for authorization_id in args.consent:
                link(session, post.id, authorization_id, actor=who.name)
            post_id = post.id
    finally:
        db.close()
    print(post_id)
    return 0


def _held(post: Post) -> bool:
    """A late post the scheduler holds for a person to decide (see publishing.scheduler)."""
    return bool(post.status == "scheduled" and post.held_late_at and post.scheduled_at
                and post.held_late_at > post.scheduled_at)


def post_as_json(post: Post, entries: list[Any]) -> dict[str, Any]:
    return {
        "id": post.id, "title": post.title, "status": post.status, "body": post.body,
        "demo": post.demo,
        "networks": post.networks,
        "network_texts": {v.network: v.text_override for v in post.variants
                          if v.enabled and v.text_override is not None},
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
        "published_at": post.published_at.isoformat() if post.published_at else None,
        "held_late": _held(post),
        "images": [{"id": link.media.id, "alt_text": link.media.alt_text}
                   for link in post.media_links],
        "approved_by": post.approved_by or None,
        "outbox": [{"network": e.network, "state": e.state, "url": e.remote_url,
                    "remote_id": e.remote_id, "message": e.error_message,
                    "attempts": e.attempt_count,
                    "next_try_at": e.next_try_at.isoformat() if e.next_try_at else None}
                   for e in entries],
    }


def _list(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        with db.session() as session:
            posts = search_posts(session, limit=10_000)
            rows = [post_as_json(p, entries_for(session, p.id)) if args.json else p
                    for p in posts]
            if args.json:
                print_json(rows)
            else:
                for post in posts:
                    when = f"{post.scheduled_at:%Y-%m-%d %H:%M} UTC" if post.scheduled_at else "-"
                    status = "held (late)" if _held(post) else post.status
                    print(f"{post.id:>6}  {status:<16} {when:<20} "
                          f"{','.join(post.networks):<28} {terminal_safe(post.title)}")
    finally:
        db.close()
    return 0


def _show(args: argparse.Namespace) -> int:
    db = database_for(args)
    try:
        with db.session() as session:
            post = get_post(session, args.post_id)
            data = post_as_json(post, entries_for(session, post.id))
    finally:
        db.close()
    if args.json:
        print_json(data)
        return 0
    print(f"Post {data['id']}: {terminal_safe(data['title'])}")
    held = "held (late): waiting for a person to decide"
    print(f"Status: {held if data['held_late'] else data['status']}")
    if data["approved_by"]:
        print(f"Approved by: {terminal_safe(data['approved_by'])}")
    if data["scheduled_at"]:
        print(f"Scheduled: {data['scheduled_at']}")
    print(f"Networks: {', '.join(data['networks'])}")
    for entry in data["outbox"]:
        detail = terminal_safe(entry["url"] or entry["message"])
        print(f"  {entry['network']}: {entry['state']} {detail}".rstrip())
    print()
    print(terminal_safe(data["body"]))
    return 0


def _link_tags(args: argparse.Namespace) -> int:
    from clinicstudio.publishing.tagging import link_tags, links_in, set_untagged

    db = database_for(args)
    try:
        with db.transaction() as session:
            post = get_post(session, args.post_id)
            known = links_in([post.body, *(v.text_override or "" for v in post.variants)])
            for url in [*args.off, *args.on]:
                if url not in known:
                    raise UserError(f"Post {post.id} has no link {url}; its links are: "
                                    f"{', '.join(known) or 'none'}.")
            for url in args.off:
                set_untagged(session, post.id, url, True)
            for url in args.on:
                set_untagged(session, post.id, url, False)
            session.flush()
            tags = link_tags(post)
            network = post.networks[0] if post.networks else Platform.FACEBOOK.value
            lines = [f"{url}\n  -> {tags.targets(url, network)[url]}"
                     + ("  (tags off)" if url in tags.untagged else "") for url in known]
    finally:
        db.close()
    print("\n".join(lines) if lines else f"Post {args.post_id} has no links.")
    return 0
