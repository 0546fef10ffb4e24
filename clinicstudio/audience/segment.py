"""What a segment is: the people a post is aimed at, described by place, age and language.

A segment never describes people by their health. :class:`SegmentSpec` is the plain value the
form, the command line and the store exchange; :mod:`clinicstudio.audience.validation` says what
is wrong with one and :mod:`clinicstudio.audience.mapping` what each network receives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clinicstudio.domain import Platform, UserError

PLACE_KINDS = ("country", "region", "city", "postcode")
PLACE_KIND_LABELS = {"country": "Country", "region": "State or region", "city": "Town or city",
                     "postcode": "Postcode / ZIP"}
# A radius only means something around a point: a town or a postcode.
RADIUS_KINDS = ("city", "postcode")
# Networks know ages 13 to 65, where 65 means "65 and over".
YOUNGEST_AGE, OLDEST_AGE = 13, 65

_LANGUAGE_CODES = {
    "english": "en", "spanish": "es", "español": "es", "french": "fr", "german": "de",
    "portuguese": "pt", "chinese": "zh", "mandarin": "zh", "vietnamese": "vi", "tagalog": "tl",
    "arabic": "ar", "korean": "ko", "russian": "ru", "italian": "it", "polish": "pl",
    "haitian creole": "ht", "hindi": "hi", "japanese": "ja", "dutch": "nl",
}
LANGUAGE_NAMES = {code: name.title() for name, code in _LANGUAGE_CODES.items()
                  if name not in {"español", "mandarin"}}


@dataclass(frozen=True, slots=True)
class Place:
    """Where the audience lives: a country, a region, a town (with a radius) or a postcode."""

    kind: str
    value: str
    radius_km: int | None = None

    @classmethod
    def parse(cls, text: str, radius_km: int | None = None) -> Place:
        """``"city:Springfield, IL"``, ``"postcode:62701"``, ``"country:US"`` or a bare town."""
        kind, sep, value = text.partition(":")
        if sep and kind.strip().lower() in PLACE_KINDS:
            kind, value = kind.strip().lower(), value.strip()
        else:
            kind, value = "city", text.strip()
        if not value:
            raise UserError(f"'{text}' names no place; write for example city:Springfield, IL.")
        return cls(kind, value, radius_km if kind in RADIUS_KINDS else None)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Place:
        radius = data.get("radius_km")
        return cls(str(data.get("kind", "city")), str(data.get("value", "")),
                   int(radius) if radius is not None else None)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.radius_km is not None:
            data["radius_km"] = self.radius_km
        return data

    @property
    def label(self) -> str:
        """"Springfield, IL (within 15 km)", "postcode 62701", "US"."""
        text = f"postcode {self.value}" if self.kind == "postcode" else self.value
        return f"{text} (within {self.radius_km} km)" if self.radius_km else text


def language_code(text: str) -> str:
    """"Spanish" or "es" -> "es"; other values are kept as written, lower-cased."""
    cleaned = text.strip().lower()
    return _LANGUAGE_CODES.get(cleaned, cleaned)


def network_names(values: Iterable[str]) -> tuple[str, ...]:
    """Validated network names in a stable order; refuses names ClinicStudio does not know."""
    chosen: set[str] = set()
    for value in values:
        try:
            chosen.add(Platform(str(value).strip().lower()).value)
        except ValueError:
            known = ", ".join(p.value for p in Platform)
            raise UserError(f"'{value}' is not a network ClinicStudio knows ({known}).") from None
    return tuple(p.value for p in Platform if p.value in chosen)


def age_label(age_min: int | None, age_max: int | None) -> str:
    """"Adults 50+", "Ages 13–17", "Adults 25–40", "All ages"."""
    if age_min is None and age_max is None:
        return "All ages"
    low = age_min if age_min is not None else YOUNGEST_AGE
    word = "Adults" if low >= 18 else "Ages"
    if age_max is None or age_max >= OLDEST_AGE:
        return f"{word} {low}+"
    return f"{word} {low}–{age_max}"


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """Everything a person sets on a segment. ``networks`` empty means every network."""

    name: str = ""
    description: str = ""
    places: tuple[Place, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()

    def normalised(self) -> SegmentSpec:
        """Trimmed text, language codes, known networks, no empty or repeated entries."""
        return SegmentSpec(
            name=" ".join(self.name.split()),
            description=self.description.strip(),
            places=tuple(dict.fromkeys(p for p in self.places if p.value.strip())),
            age_min=self.age_min,
            age_max=self.age_max,
            languages=tuple(dict.fromkeys(language_code(x) for x in self.languages if x.strip())),
            topics=tuple(dict.fromkeys(t.strip() for t in self.topics if t.strip())),
            networks=network_names(self.networks),
        )

    def applies_to(self, network: str) -> bool:
        return not self.networks or network in self.networks

    @property
    def where(self) -> str:
        return "; ".join(p.label for p in self.places) or "anywhere"

    @property
    def summary(self) -> str:
        """One line for lists: "Adults 50+ · Springfield, IL (within 15 km) · English"."""
        parts = [age_label(self.age_min, self.age_max), self.where]
        if self.languages:
            parts.append(", ".join(LANGUAGE_NAMES.get(c, c) for c in self.languages))
        return " · ".join(parts)


def demographic_name(spec: SegmentSpec, age_hint: int | None = None) -> str:
    """A name that says who, by age and place only: "Adults 50+ within 15 km of Springfield, IL".

    ``age_hint`` gives the youngest age when the segment sets none (from the vocabulary: most
    people a chronic-condition post concerns are 50 or over). Adults are assumed otherwise.
    """
    age_min = spec.age_min if spec.age_min is not None else (age_hint or 18)
    who = age_label(age_min, spec.age_max)
    if not spec.places:
        return who
    first = spec.places[0]
    if first.radius_km:
        place = f"within {first.radius_km} km of {first.value}"
    else:
        place = f"in {first.value}"
    more = f" and {len(spec.places) - 1} more" if len(spec.places) > 1 else ""
    return f"{who} {place}{more}"


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """A saved segment as the lists show it."""

    id: int
    spec: SegmentSpec
    post_count: int = 0
    updated_at: datetime | None = None

    @property
    def name(self) -> str:
        return self.spec.name
