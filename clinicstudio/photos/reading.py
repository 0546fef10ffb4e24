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
    # The detector is given a picture already reduced to DETECTION_SIDE ("min" with a small
    # limit keeps RapidOCR from enlarging it again).
    return RapidOCR(det_limit_type="min", det_limit_side_len=32, use_cls=False,
                    print_verbose=False)


def reading_available() -> bool:
    """True when text in pictures can be read on this computer."""
    try:
        return _engine() is not None
    except Exception:  # a broken model or runtime: reported as "not read", never a crash
        log.exception("the text reader could not be started")
        return False


def read_lines(picture: Picture) -> list[TextLine]:
    """The lines of text in ``picture``, top to bottom, or [] when none can be read.

    Every detected line is returned, with the recogniser's confidence: a line found but not
    read confidently still tells the layout measurements that there is text there.
    """
    engine = _engine()
    cv2 = opencv()
    if engine is None or cv2 is None:
        return []
    bgr = np.ascontiguousarray(picture.rgb[:, :, ::-1])
    height, width = bgr.shape[:2]
    shrink = min(1.0, DETECTION_SIDE / max(height, width))
    small = bgr if shrink == 1.0 else cv2.resize(
        bgr, (round(width * shrink), round(height * shrink)), interpolation=cv2.INTER_AREA)
    # One picture at a time: the ONNX sessions already use every core, and two threads sharing
    # them would only take turns.
    with _lock:
        boxes, _ = engine.text_det(small)
        if boxes is None or len(boxes) == 0:
            return []
        boxes = engine.sorted_boxes(boxes)
        quads = [np.asarray(box, dtype=np.float32) / shrink for box in boxes]
        # Lines are found on the small copy and read from the larger one, where small
        # letters still have their detail.
        crops = engine.get_crop_img_list(bgr, quads)
        recognised, _ = engine.text_rec(crops)
    lines = []
    for quad, found in zip(quads, recognised, strict=True):
        text, confidence = str(found[0]).strip(), float(found[1])
        xs, ys = quad[:, 0], quad[:, 1]
        box = picture.to_original(float(xs.min()), float(ys.min()), float(xs.max() - xs.min()),
                                  float(ys.max() - ys.min()))
        lines.append(TextLine(text, box, confidence if text else 0.0))
    lines.sort(key=lambda line: (line.box[1], line.box[0]))
    return lines
