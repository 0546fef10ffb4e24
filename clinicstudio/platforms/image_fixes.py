"""What each network's preparation does to an image, shown before it happens.

The editor's fix dialog calls :func:`network_fixes`, which runs the very function the upload
runs (:func:`clinicstudio.platforms.media.prepare_for_upload`), so the picture a person approves
is the picture the network receives.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from clinicstudio.domain import Platform
from clinicstudio.platforms.media import FixKind, image_problems, prepare_for_upload
from clinicstudio.platforms.networks import profile
from clinicstudio.platforms.profile import ImageRef

# In the order prepare_for_upload applies them.
STEP_ORDER = (FixKind.CONVERT, FixKind.CROP, FixKind.RESIZE, FixKind.RECOMPRESS)
STEP_WORDS = {FixKind.CROP: "Crop to {ratio} around the focus point",
              FixKind.RESIZE: "Shrink to the size {name} shows",
              FixKind.RECOMPRESS: "Recompress under {limit}",
              FixKind.CONVERT: "Convert to {format}"}


@dataclass(frozen=True, slots=True)
class NetworkFix:
    """One network's copy of the image: the steps taken, and the result."""

    network: Platform
    steps: tuple[str, ...]
    data: bytes
    width: int
    height: int

    @property
    def summary(self) -> str:
        what = "; ".join(self.steps) if self.steps else "Sent as it is (no location or camera data)"
        return f"{what}. {self.width}×{self.height}, {len(self.data) / 1_000_000:.1f} MB."


def _ratio_words(low: float, high: float) -> str:
    def one(value: float) -> str:
        known = {1.0: "1:1", 0.8: "4:5", 1.91: "1.91:1", 0.5625: "9:16", 1.7778: "16:9"}
        return next((w for v, w in known.items() if abs(value - v) < 0.01), f"{value:.2f}:1")
    return one(low) if abs(low - high) < 0.01 else f"between {one(low)} and {one(high)}"


def network_fixes(path: Path, width: int, height: int, networks: Iterable[Platform],
                  focus: tuple[float, float] = (0.5, 0.5)) -> list[NetworkFix]:
    """For each network: the fixes it needs and the image it would receive."""
    original = path.read_bytes()
    ref = ImageRef(str(path), width, height)
    fixes = []
    for network in networks:
        rules = profile(network)
        kinds = {p.fix for p in image_problems(rules, ref) if p.fix}
        steps = tuple(STEP_WORDS[kind].format(
            ratio=_ratio_words(rules.aspect_min or 0, rules.aspect_max or 0), name=rules.label,
            limit=f"{(rules.max_image_bytes or 0) / 1_000_000:.1f} MB",
            format=rules.preferred_format) for kind in STEP_ORDER if kind in kinds)
        data = prepare_for_upload(rules, original, focus)
        with Image.open(io.BytesIO(data)) as result:
            size = result.size
        fixes.append(NetworkFix(network, steps, data, *size))
    return fixes
