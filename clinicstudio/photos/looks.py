"""What part of a picture looks like: a screen, paperwork or a whiteboard, a label, an X-ray.

These are measurements, not a trained model, so they name what a part *looks like* and raise a
warning, never a block. They work without reading a single letter, which matters for the
photos that leak most: a chart on a monitor across the room, a label at an angle.

* Text lines are found by shape: short, wide, high-contrast strokes in rows (a morphological
  gradient closed along the line). Five or more lines close together make a text block.
* A text block on a bright, colourless background is paperwork, a whiteboard or a label
  (a label when it is small in the picture); on a dark or coloured background, a screen.
* A colourless picture that is mostly dark with bright structures is an X-ray or scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from clinicstudio.photos.opencv import opencv
from clinicstudio.photos.picture import Box, Picture

#: Side of the copy the measurements are made on.
LOOK_SIDE = 800
#: Text-like lines that make a block of text.
MIN_LINES = 5
#: Share of the picture below which a text block counts as a label rather than a page.
LABEL_SHARE = 0.06


@dataclass(frozen=True, slots=True)
class Look:
    what: str  # "a screen", "paperwork or a whiteboard", "a label", "an X-ray or scan"
    box: Box


def what_it_looks_like(picture: Picture, text_boxes: Sequence[Box] = ()) -> list[Look]:
    """The screens, paperwork, labels and X-rays ``picture`` seems to show."""
    cv2 = opencv()
    if cv2 is None:
        return []
    rgb = picture.rgb
    height, width = rgb.shape[:2]
    shrink = min(1.0, LOOK_SIDE / max(height, width))
    small = cv2.resize(rgb, (round(width * shrink), round(height * shrink)),
                       interpolation=cv2.INTER_AREA) if shrink < 1.0 else rgb
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    looks: list[Look] = []
    if _radiograph(small, grey):
        looks.append(Look("an X-ray or scan", (0, 0, picture.width, picture.height)))
        return looks
    # Lines the reader found (in original pixels) count as well as lines found by shape.
    factor = shrink / picture.scale
    lines = _text_lines(cv2, grey) + [
        (round(x * factor), round(y * factor), max(1, round(w * factor)),
         max(1, round(h * factor))) for x, y, w, h in text_boxes]
    for block in _blocks(lines):
        x, y, w, h = block
        looks.append(Look(_kind_of_block(cv2, small, grey, block),
                          picture.to_original(x / shrink, y / shrink, w / shrink, h / shrink)))
    return looks


def _radiograph(rgb: np.ndarray, grey: np.ndarray) -> bool:
    colour = np.abs(rgb[:, :, 0].astype(np.int16) - rgb[:, :, 2].astype(np.int16)).mean()
    if colour > 6:
        return False
    dark = float((grey < 60).mean())
    bright = float((grey > 170).mean())
    return dark > 0.35 and 0.03 < bright < 0.45


def _text_lines(c: Any, grey: np.ndarray) -> list[Box]:
    gradient = c.morphologyEx(grey, c.MORPH_GRADIENT,
                              c.getStructuringElement(c.MORPH_ELLIPSE, (3, 3)))
    _, strokes = c.threshold(gradient, 0, 255, c.THRESH_BINARY | c.THRESH_OTSU)
    # Letters of one line join along the line, not across lines.
    joined = c.morphologyEx(strokes, c.MORPH_CLOSE,
                            c.getStructuringElement(c.MORPH_RECT, (9, 1)))
    count, _, stats, _ = c.connectedComponentsWithStats(joined, connectivity=8)
    lines = []
    for x, y, w, h, area in stats[1:count]:
        if 5 <= h <= 40 and w >= 3 * h and w >= 20 and area >= 0.4 * w * h:
            lines.append((int(x), int(y), int(w), int(h)))
    return lines


def _blocks(lines: list[Box]) -> list[Box]:
    """Groups of at least MIN_LINES lines stacked close together, as bounding boxes."""
    groups: list[list[Box]] = []
    for line in sorted(lines, key=lambda b: (b[1], b[0])):
        for group in groups:
            if any(_near(line, other) for other in group):
                group.append(line)
                break
        else:
            groups.append([line])
    merged = _merge_groups(groups)
    blocks = []
    for group in merged:
        rows = {round((y + h / 2) / max(1, h)) for _, y, _, h in group}
        if len(group) >= MIN_LINES and len(rows) >= 3:
            left = min(b[0] for b in group)
            top = min(b[1] for b in group)
            right = max(b[0] + b[2] for b in group)
            bottom = max(b[1] + b[3] for b in group)
            pad = max(4, round(0.05 * max(right - left, bottom - top)))
            blocks.append((max(0, left - pad), max(0, top - pad), right - left + 2 * pad,
                           bottom - top + 2 * pad))
    return blocks


def _near(a: Box, b: Box) -> bool:
    gap_x = max(0, max(a[0], b[0]) - min(a[0] + a[2], b[0] + b[2]))
    gap_y = max(0, max(a[1], b[1]) - min(a[1] + a[3], b[1] + b[3]))
    height = max(a[3], b[3])
    return gap_y <= 2.5 * height and gap_x <= 4 * height


def _merge_groups(groups: list[list[Box]]) -> list[list[Box]]:
    merged: list[list[Box]] = []
    for group in groups:
        for other in merged:
            if any(_near(a, b) for a in group for b in other):
                other.extend(group)
                break
        else:
            merged.append(list(group))
    return merged


def _kind_of_block(cv2: Any, rgb: np.ndarray, grey: np.ndarray, block: Box) -> str:
    x, y, w, h = block
    area = grey.shape[0] * grey.shape[1]
    patch = rgb[y:y + h, x:x + w]
    lum = grey[y:y + h, x:x + w]
    background = float(np.percentile(lum, 60))
    spread = patch.max(axis=2).astype(np.int16) - patch.min(axis=2).astype(np.int16)
    colourless = float(np.median(spread)) < 40
    if background >= 150 and colourless:
        return "a label" if w * h < LABEL_SHARE * area else "paperwork or a whiteboard"
    return "a screen"
