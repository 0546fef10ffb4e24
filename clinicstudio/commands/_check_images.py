"""The pictures part of ``clinicstudio check --image FILE``: read, judge, report by region.

Kept apart from check.py so the text check never pays for the picture checks' imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clinicstudio.domain import Finding, UserError


def image_findings(checker: Any, paths: list[str]) -> list[Finding]:
    """The findings for each picture in ``paths``; regions count the pictures from 0."""
    from clinicstudio.photos import picture_checks, unread_finding

    inspection = picture_checks()
    inspector = inspection.PhotoInspector(checker) if inspection is not None else None
    found: list[Finding] = []
    for number, name in enumerate(paths):
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {name}: {exc.strerror or exc}") from exc
        if inspector is None:
            found.append(unread_finding(checker, number, _size(data, name)))
            continue
        found.extend(inspector.inspect(data, number, name=name).findings)
    return found


def _size(data: bytes, name: str) -> tuple[int, int]:
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(f"{name} is not a picture ClinicStudio can read (use a JPEG, PNG, GIF "
                        "or WebP file).") from exc


def render_image_findings(findings: list[Finding]) -> str:
    """One block per finding: where it is in which picture, what it is, what to do."""
    lines = []
    for finding in findings:
        assert finding.region is not None
        x, y, w, h = finding.region.box
        lines.append(f"[{finding.severity}] {finding.rule} at x={x} y={y} ({w}×{h} pixels): "
                     f"{finding.message}")
        if finding.suggestion:
            lines.append(f"    → {finding.suggestion}")
    return "\n".join(lines)
