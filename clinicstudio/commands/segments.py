"""``clinicstudio segments``: list, add and show audience segments.

``segments add`` refuses (exit 1, nothing saved) a segment that targets people by health, comes
from patient lists, or aims weight-loss or cosmetic content below 18; it prints why and what to
use instead.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from clinicstudio.audience import (
    Place,
    SegmentBlocked,
    SegmentFinding,
    SegmentRecord,
    SegmentService,
    SegmentSpec,
)
from clinicstudio.commands._common import add_command, database_for, print_json
from clinicstudio.domain import Platform

EXIT_OK, EXIT_BLOCKED = 0, 1


def register(sub: argparse._SubParsersAction[Any]) -> None:
    parser = add_command(sub, "segments", "list, add and show audience segments",
                         description="Audience segments: who a post is aimed at, by place, age "
                         "and language. Never by health condition, never from patient lists.")
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    listing = add_command(actions, "list", "list the segments", _list)
    listing.add_argument("--json", action="store_true", help="print JSON")

    add = add_command(actions, "add", "add a segment (refused when it targets health)", _add)
    add.add_argument("--name", required=True, help="what the office calls the segment")
    add.add_argument("--description", default="", help="a note for colleagues")
    add.add_argument("--place", action="append", default=[], metavar="P",
                     help="a place: city:NAME (the default), region:NAME, country:CODE or "
                     "postcode:CODE; repeat for several")
    add.add_argument("--radius-km", type=int, metavar="N",
                     help="distance around each town or postcode")
    add.add_argument("--age-min", type=int, metavar="N", help="youngest age (13 to 65)")
    add.add_argument("--age-max", type=int, metavar="N", help="oldest age (65 means 65+)")
    add.add_argument("--language", action="append", default=[], metavar="L",
                     help="a language, e.g. en or Spanish; repeat for several")
    add.add_argument("--topic", action="append", default=[], metavar="T",
                     help="a content theme, e.g. 'school physicals'; repeat for several")
    add.add_argument("--network", action="append", default=[], metavar="N",
                     choices=[p.value for p in Platform],
                     help="a network this segment applies to (default: all); repeat")
    add.add_argument("--json", action="store_true", help="print JSON")

    show = add_command(actions, "show", "show a segment and what each network receives", _show)
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print JSON")

    parser.set_defaults(run=lambda _args: _help(parser))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _record_json(record: SegmentRecord, service: SegmentService | None = None) -> dict[str, Any]:
    spec = record.spec
    data: dict[str, Any] = {
        "id": record.id, "name": spec.name, "description": spec.description,
        "places": [p.as_json() for p in spec.places], "age_min": spec.age_min,
        "age_max": spec.age_max, "languages": list(spec.languages),
        "topics": list(spec.topics), "networks": list(spec.networks),
        "posts": record.post_count, "summary": spec.summary,
    }
    if service is not None:
        data["targeting"] = [t.as_json() for t in service.targeting(spec)]
    return data


def _list(args: argparse.Namespace) -> int:
    service = SegmentService(database_for(args))
    records = service.list_segments()
    if args.json:
        print_json([_record_json(r) for r in records])
        return EXIT_OK
    if not records:
        print("No segments yet. Add one with: clinicstudio segments add --name NAME ...")
    for record in records:
        posts = f"{record.post_count} post{'s' if record.post_count != 1 else ''}"
        print(f"{record.name}  ({record.spec.summary}; {posts})")
    return EXIT_OK


def _print_findings(findings: list[SegmentFinding], stream: Any) -> None:
    for finding in findings:
        print(f"{finding.severity.value.upper()} {finding.rule}: {finding.message}", file=stream)
        if finding.suggestion:
            print(f"  {finding.suggestion}", file=stream)
        if finding.remedy is not None:
            print(f"  Fix: {finding.remedy.label}", file=stream)


def _add(args: argparse.Namespace) -> int:
    spec = SegmentSpec(
        name=args.name, description=args.description,
        places=tuple(Place.parse(text, args.radius_km) for text in args.place),
        age_min=args.age_min, age_max=args.age_max, languages=tuple(args.language),
        topics=tuple(args.topic), networks=tuple(args.network),
    ).normalised()
    service = SegmentService(database_for(args))
    try:
        record, _changes = service.create(spec)
    except SegmentBlocked as blocked:
        if args.json:
            print_json({"saved": False, "findings": [f.as_json() for f in blocked.findings]})
        else:
            print(f"Not saved: “{spec.name}” cannot be used as it is.")
            _print_findings(blocked.findings, sys.stdout)
        return EXIT_BLOCKED
    notes = [f for f in service.validate(record.spec, segment_id=record.id) if not f.blocks]
    if args.json:
        print_json({"saved": True, "segment": _record_json(record, service),
                    "findings": [f.as_json() for f in notes]})
    else:
        print(f"Saved “{record.name}”: {record.spec.summary}.")
        _print_findings(notes, sys.stdout)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    service = SegmentService(database_for(args))
    record = service.find(args.name)
    if args.json:
        print_json(_record_json(record, service))
        return EXIT_OK
    spec = record.spec
    print(record.name)
    if spec.description:
        print(f"  {spec.description}")
    print(f"  Who: {spec.summary}")
    if spec.topics:
        print(f"  Topics: {', '.join(spec.topics)}")
    print(f"  Networks: {', '.join(Platform(n).label for n in spec.networks) or 'all'}")
    print(f"  Posts aimed at it: {record.post_count}")
    print("What each network receives:")
    for target in service.targeting(spec):
        print(f"  {Platform(target.network).label}: {target.sentence}")
    return EXIT_OK
