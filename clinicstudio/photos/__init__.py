"""What a picture shows that could disclose a patient: text, faces, screens, paperwork, X-rays.

Everything runs on this computer. Text is read with RapidOCR (its models ship inside the
``rapidocr-onnxruntime`` wheel), faces are found with OpenCV's bundled detector, and screens,
documents and radiographs are named by simple measurements of the picture.

The picture checks are the optional ``photos`` extra. This package's ``__init__`` imports
nothing heavy, so :func:`picture_checks` can say whether they are installed; without them a
picture gets one "not read on this computer" note (:func:`unread_finding`) instead of findings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from clinicstudio.domain import Finding, ImageRegion


def picture_checks() -> Any | None:
    """The :mod:`clinicstudio.photos.inspection` module, or None when it cannot run here."""
    try:
        from clinicstudio.photos import inspection
    except ImportError:
        return None
    return inspection


def unread_finding(checker: Any, number: int, size: tuple[int, int] = (0, 0)) -> Finding:
    """The note for picture ``number`` (from 0) when its contents could not be checked."""
    rule = checker.rules["PHI-023"]
    finding: Finding = rule.finding(0, 0, message=f"Image {number + 1}: {rule.message}")
    return replace(finding, region=ImageRegion(number, (0, 0, *size)))
