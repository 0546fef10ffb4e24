"""Finding faces with the frontal-face detector that ships inside OpenCV (``cv2.data``).

A Haar cascade is old but small (under 1 MB, already inside the OpenCV wheel RapidOCR needs),
fast on a CPU and needs no download. It finds faces turned towards the camera; a face in
profile, very small or half hidden may be missed, which the guide says.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from clinicstudio.photos.opencv import opencv
from clinicstudio.photos.picture import Box, Picture

#: Faces are looked for on a copy this size: a face a viewer can recognise is still 30+ pixels.
FACE_SIDE = 800
#: Neighbours a detection needs; higher means fewer false faces and more missed ones.
MIN_NEIGHBOURS = 4

_lock = threading.Lock()


@cache
def _detector() -> Any | None:
    cv2 = opencv()
    if cv2 is None:
        return None
    # "alt2" found every face of the labelled set at four neighbours with the fewest false
    # faces (benchmarks/bench_photos.py); "default" missed tilted faces.
    path = Path(cv2.data.haarcascades) / "haarcascade_frontalface_alt2.xml"
    detector = cv2.CascadeClassifier(str(path))
    return None if detector.empty() else detector


def faces_available() -> bool:
    return _detector() is not None


def find_faces(picture: Picture) -> list[Box]:
    """Boxes around the faces in ``picture`` (original pixels), left to right."""
    detector = _detector()
    cv2 = opencv()
    if detector is None or cv2 is None:
        return []
    grey = cv2.cvtColor(picture.rgb, cv2.COLOR_RGB2GRAY)
    height, width = grey.shape
    shrink = min(1.0, FACE_SIDE / max(height, width))
    if shrink < 1.0:
        grey = cv2.resize(grey, (round(width * shrink), round(height * shrink)),
                          interpolation=cv2.INTER_AREA)
    grey = cv2.equalizeHist(grey)
    smallest = max(20, round(min(grey.shape) * 0.04))
    with _lock:
        found = detector.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=MIN_NEIGHBOURS,
                                          minSize=(smallest, smallest))
    boxes = [picture.to_original(x / shrink, y / shrink, w / shrink, h / shrink)
             for x, y, w, h in np.asarray(found).reshape(-1, 4)]
    return sorted(boxes)
