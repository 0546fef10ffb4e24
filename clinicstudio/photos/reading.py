"""Reading the text in a picture with RapidOCR, offline.

The detection and recognition models ship inside the ``rapidocr-onnxruntime`` wheel; nothing is
downloaded. The engine is loaded once per process (about half a second) and shared.
Detection runs on the working copy reduced to 960 pixels on its longest side, which keeps a
12 MP photo well under a second on two cores; recognition reads each found line from the
working copy at its own resolution, so small text keeps what detail the working copy has.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from clinicstudio.photos.opencv import opencv
from clinicstudio.photos.picture import Box, Picture

log = logging.getLogger(__name__)

#: Longest side the text detector works at.
DETECTION_SIDE = 960
#: Lines recognised with less confidence than this are dropped (RapidOCR's own default is 0.5).
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    box: Box  # in pixels of the original picture
    confidence: float


_lock = threading.Lock()


@cache
def _engine() -> Any | None:
    if opencv() is None:
        return None
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    # RapidOCR logs every call at INFO; the studio's log is for the clinic's events.
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR(det_limit_type="max", det_limit_side_len=DETECTION_SIDE,
                    use_cls=False, print_verbose=False)


def reading_available() -> bool:
    """True when text in pictures can be read on this computer."""
    try:
        return _engine() is not None
    except Exception:  # a broken model or runtime: reported as "not read", never a crash
        log.exception("the text reader could not be started")
        return False


def read_lines(picture: Picture) -> list[TextLine]:
    """The lines of text in ``picture``, top to bottom, or [] when none can be read."""
    engine = _engine()
    if engine is None:
        return []
    bgr = np.ascontiguousarray(picture.rgb[:, :, ::-1])
    # One picture at a time: the ONNX sessions already use every core, and two threads sharing
    # them would only take turns.
    with _lock:
        result, _ = engine(bgr, use_cls=False)
    lines = []
    for points, text, confidence in result or []:
        score = float(confidence)
        if score < MIN_CONFIDENCE or not str(text).strip():
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        box = picture.to_original(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        lines.append(TextLine(str(text).strip(), box, score))
    lines.sort(key=lambda line: (line.box[1], line.box[0]))
    return lines
