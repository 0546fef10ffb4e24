"""How long segment checks take: the form checks after each pause in typing, so they must be
instant. Prints figures; asserts nothing."""

from __future__ import annotations

import time

from clinicstudio.audience import Place, SegmentSpec, all_networks, validate_segment
from clinicstudio.audience.lexicon import term_groups

SEGMENTS = [
    SegmentSpec(name="Adults 50+ near Springfield", age_min=50,
                places=(Place("city", "Springfield, IL", 25),), topics=("healthy eating",)),
    SegmentSpec(name="Diabetics", description="for our blood sugar class",
                places=(Place("city", "Springfield, IL", 15),), topics=("diabetes care",)),
    SegmentSpec(name="Teen summer slim-down", age_min=13, topics=("weight loss", "Botox")),
    SegmentSpec(name="Parents of young children", age_min=25, age_max=45,
                places=(Place("postcode", "62701", 5),), languages=("es",),
                networks=("linkedin",)),
]


def main() -> None:
    start = time.perf_counter()
    term_groups()
    print(f"vocabulary load and compile: {(time.perf_counter() - start) * 1000:.1f} ms (once)")
    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds // len(SEGMENTS)):
        for spec in SEGMENTS:
            validate_segment(spec)
            all_networks(spec)
    per_check = (time.perf_counter() - start) / rounds * 1_000_000
    print(f"check + per-network mapping of one segment: {per_check:.0f} µs ({rounds} segments)")


if __name__ == "__main__":
    main()
