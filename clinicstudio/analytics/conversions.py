"""Importing conversions (appointments booked, new patients, revenue) from a CSV export.

Only dates, traffic sources (``utm_*``), counts and money are accepted. A file with any other
column, or a row whose values are not plain counts and amounts, is refused as a whole with a
plain sentence naming the column or line, and nothing is imported: patient details must never
enter ClinicStudio through this door. The office's column mapping is saved for next time.
Importing the same day and source again replaces the earlier figures (a newer export of the
same period), so re-importing never counts a booking twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinicstudio.analytics.campaigns import campaign_for_slug
from clinicstudio.analytics.money import parse_cents
from clinicstudio.domain import Platform, UserError
from clinicstudio.platforms.links import SOURCE_NAMES, is_sensitive
from clinicstudio.store.models import ConversionRecord, Setting

MAPPING_KEY = "conversions.column_map"
FIELDS = ("date", "utm_source", "utm_medium", "utm_campaign", "conversions", "appointments",
          "new_patients", "sessions", "revenue")
COUNTS = ("conversions", "appointments", "new_patients", "sessions")
REQUIRED = ("date", "utm_source", "utm_campaign")
# Column names booking systems and analytics tools commonly use, folded to lower case.
ALIASES = {
    "date": "date", "day": "date", "source": "utm_source", "session source": "utm_source",
    "medium": "utm_medium", "session medium": "utm_medium", "campaign": "utm_campaign",
    "session campaign": "utm_campaign", "conversions": "conversions",
    "key events": "conversions", "bookings": "conversions", "appointments": "appointments",
    "appointments booked": "appointments", "new patients": "new_patients",
    "sessions": "sessions", "revenue": "revenue", "value": "revenue",
}
_SOURCES = {name: platform.value for platform, name in SOURCE_NAMES.items()} | {
    "twitter": "x", "t.co": "x", "fb": "facebook", "ig": "instagram", "lnkd.in": "linkedin",
    "bsky": "bluesky"}
_PERSONAL = re.compile(r"@|\d{3}[-. )]\d{3}[-. ]\d{4}|\s")


@dataclass
class ImportResult:
    rows: int
    conversions: int
    revenue_cents: int
    unmatched_campaigns: list[str]


def saved_mapping(session: Session) -> dict[str, str]:
    row = session.get(Setting, MAPPING_KEY)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else {}


def save_mapping(session: Session, mapping: Mapping[str, str]) -> None:
    row = session.get(Setting, MAPPING_KEY)
    if row is None:
        session.add(Setting(key=MAPPING_KEY, value=dict(mapping)))
    else:
        row.value = dict(mapping)


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """``["Booked=appointments", ...]`` -> ``{"Booked": "appointments"}``, checked."""
    mapping = {}
    for option in options:
        column, sep, target = option.partition("=")
        target = target.strip().lower()
        if not sep or not column.strip():
            raise UserError(f"--map needs COLUMN=FIELD, such as Booked=appointments (got "
                            f"“{option}”).")
        if target not in FIELDS:
            raise UserError(f"“{target}” is not something ClinicStudio imports; map columns to "
                            f"one of {', '.join(FIELDS)}.")
        mapping[column.strip()] = target
    return mapping


def _column_fields(header: list[str], mapping: Mapping[str, str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for column in header:
        target = mapping.get(column) or ALIASES.get(column.strip().lower()) or (
            column.strip().lower() if column.strip().lower() in FIELDS else None)
        if target is None:
            raise UserError(
                f"The column “{column}” is not a date, a traffic source, a count or an amount, "
                "so the file was not imported: ClinicStudio takes counts and money only, never "
                "patient details. Remove that column from the export, or if it is a count or "
                f"an amount, say which with --map \"{column}=FIELD\" ({', '.join(FIELDS)}).")
        if target in fields.values():
            raise UserError(f"Two columns would fill “{target}”; map one of them elsewhere or "
                            "remove it.")
        fields[column] = target
    missing = [f for f in REQUIRED if f not in fields.values()]
    if missing:
        raise UserError(f"The file has no column for {', '.join(missing)}; name it with --map "
                        f"COLUMN={missing[0]}.")
    if not {"conversions", "appointments", "new_patients", "revenue"} & set(fields.values()):
        raise UserError("The file has no column of conversions, appointments, new patients or "
                        "revenue; map one with --map COLUMN=conversions.")
    return fields


def _day(text: str, line: int) -> date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise UserError(f"Line {line}: “{text}” is not a date like 2026-05-04; nothing was imported.")


def _count(text: str, field: str, line: int) -> int | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise UserError(f"Line {line}: {field} must be a whole number, not “{text}”; nothing "
                        "was imported (only counts and money are accepted).")
    return int(text)


def _tag(text: str, field: str, line: int) -> str:
    value = text.strip().lower()
    if value in ("(direct)", "(none)", "(not set)"):
        return ""
    if _PERSONAL.search(value) or is_sensitive(field, value):
        raise UserError(f"Line {line}: the {field} “{text.strip()}” looks like a person's or a "
                        "health detail, not a traffic source; nothing was imported.")
    return value[:200]


def import_conversions(session: Session, path: Path,
                       mapping: Mapping[str, str] | None = None) -> ImportResult:
    """Import ``path``; ``mapping`` (column -> field) is added to the saved one and saved."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Cannot read {path}: {getattr(exc, 'strerror', None) or exc}.") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise UserError(f"{path.name} is empty; export the conversions again.")
    combined = {**saved_mapping(session), **(mapping or {})}
    fields = _column_fields(header, combined)
    records: dict[tuple[date, str, str, str], _Tally] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise UserError(f"Line {line} has {len(values)} values for {len(header)} columns; "
                            "nothing was imported.")
        row = {fields[c]: v for c, v in zip(header, values, strict=True)}
        key = (_day(row["date"], line), _tag(row.get("utm_source", ""), "utm_source", line),
               _tag(row.get("utm_medium", ""), "utm_medium", line),
               _tag(row.get("utm_campaign", ""), "utm_campaign", line))
        tally = records.setdefault(key, _Tally())
        for name in COUNTS:
            tally.add(name, _count(row.get(name, ""), name, line))
        try:
            tally.revenue_cents += parse_cents(row["revenue"]) if row.get(
                "revenue", "").strip() else 0
        except UserError as exc:
            raise UserError(f"Line {line}: {exc} Nothing was imported.") from None
    unmatched = sorted({key[3] for key in records
                        if key[3] and campaign_for_slug(session, key[3]) is None})
    for key, tally in records.items():
        _store(session, key, tally, path.name)
    if mapping:
        save_mapping(session, combined)
    session.flush()
    return ImportResult(len(records), sum(t.total for t in records.values()),
                        sum(t.revenue_cents for t in records.values()), unmatched)


@dataclass
class _Tally:
    """One day and traffic source's figures, added over the file's rows."""

    revenue_cents: int = 0
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(COUNTS))

    def add(self, name: str, value: int | None) -> None:
        if value is not None:
            self.counts[name] = (self.counts[name] or 0) + value

    @property
    def total(self) -> int:
        """Conversions; a file without that column counts bookings, else new patients."""
        for name in ("conversions", "appointments", "new_patients"):
            if self.counts[name] is not None:
                return int(self.counts[name] or 0)
        return 0


def _store(session: Session, key: tuple[date, str, str, str], tally: _Tally,
           file_name: str) -> None:
    day, source, medium, slug = key
    record = session.scalars(select(ConversionRecord).where(
        ConversionRecord.occurred_on == day, ConversionRecord.utm_source == source,
        ConversionRecord.utm_medium == medium, ConversionRecord.utm_campaign == slug)).first()
    if record is None:
        record = ConversionRecord(occurred_on=day, utm_source=source, utm_medium=medium,
                                  utm_campaign=slug)
        session.add(record)
    campaign = campaign_for_slug(session, slug)
    record.campaign_id = campaign.id if campaign else None
    record.network = _SOURCES.get(source)
    record.conversions = tally.total
    record.appointments = tally.counts["appointments"]
    record.new_patients = tally.counts["new_patients"]
    record.sessions = tally.counts["sessions"]
    record.revenue_cents = tally.revenue_cents
    record.source_file = file_name[:300]


def add_conversion(session: Session, *, day: date, campaign_slug: str, network: str | None,
                   conversions: int, revenue_cents: int) -> ConversionRecord:
    """A conversion figure typed in by hand (a front desk's own tally)."""
    campaign = campaign_for_slug(session, campaign_slug)
    network_value = Platform(network).value if network else None
    record = ConversionRecord(occurred_on=day, utm_source=network_value or "",
                              utm_medium="social", utm_campaign=campaign_slug,
                              campaign_id=campaign.id if campaign else None,
                              network=network_value, conversions=conversions,
                              revenue_cents=revenue_cents, source_file="entered by hand")
    session.add(record)
    session.flush()
    return record
