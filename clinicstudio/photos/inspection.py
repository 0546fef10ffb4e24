"""Checking a picture: what it shows (cached by its bytes) and what that means for this post.

:func:`analyse` is the slow part (reading text, finding faces, measuring screens and paperwork)
and depends only on the picture, so it is remembered by the picture's SHA-256: the editor's
check when an image is attached and the publish gate's check later cost one analysis.
:class:`PhotoInspector` turns an analysis into findings for one clinic and one post, which takes
milliseconds: the text read is checked by the same :class:`~clinicstudio.compliance.Checker`
as the post (so staff names and the clinic's own phone are harmless there too).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache

from clinicstudio.compliance import Checker
from clinicstudio.domain import Category, Finding, ImageRegion, Severity
from clinicstudio.photos import unread_finding
from clinicstudio.photos.faces import find_faces
from clinicstudio.photos.looks import Look, what_it_looks_like
from clinicstudio.photos.picture import Box, Picture, load_picture, sha256_of
from clinicstudio.photos.reading import MIN_CONFIDENCE, TextLine, read_lines, reading_available

#: Analyses remembered per process (a post has a handful of pictures; a session, some dozens).
CACHE_SIZE = 64
#: What a person in a picture may be; "" means nobody has said yet.
ROLES = ("staff", "patient", "model")


@dataclass(frozen=True)
class Analysis:
    """What one picture shows, independent of any clinic or post."""

    sha256: str
    width: int
    height: int
    read: bool  # False when text could not be read on this computer
    lines: tuple[TextLine, ...]  # read confidently
    unread: tuple[Box, ...]  # text found but not read confidently
    faces: tuple[Box, ...]
    looks: tuple[Look, ...]


@dataclass(frozen=True)
class PhotoFacts:
    """What the clinic has told us about a picture: an authorization, who each face is."""

    consent_ref: str = ""
    roles: tuple[str, ...] = ()  # per face, left to right: "staff", "patient", "model" or ""

    def role_of(self, face: int) -> str:
        return self.roles[face] if face < len(self.roles) else ""


@dataclass(frozen=True)
class PhotoReport:
    analysis: Analysis
    findings: list[Finding]

    @property
    def blocked(self) -> bool:
        return any(f.blocks for f in self.findings)


_cache: OrderedDict[str, Analysis] = OrderedDict()
_cache_lock = threading.Lock()


def analyse(data: bytes, name: str = "the image") -> Analysis:
    """What the picture in ``data`` shows; remembered by its hash."""
    digest = sha256_of(data)
    with _cache_lock:
        if digest in _cache:
            _cache.move_to_end(digest)
            return _cache[digest]
    analysis = analyse_picture(load_picture(data, name))
    with _cache_lock:
        _cache[digest] = analysis
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return analysis


def analyse_picture(picture: Picture) -> Analysis:
    readable = reading_available()
    # Faces are looked for on the second core while the text is read (both release the GIL).
    faces = _faces_pool().submit(find_faces, picture)
    all_lines = read_lines(picture) if readable else []
    confident = tuple(line for line in all_lines if line.confidence >= MIN_CONFIDENCE)
    unread = tuple(line.box for line in all_lines if line.confidence < MIN_CONFIDENCE)
    return Analysis(picture.sha256, picture.width, picture.height, readable, confident, unread,
                    tuple(faces.result()),
                    tuple(what_it_looks_like(picture, [line.box for line in all_lines])))


@cache
def _faces_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="faces")


class PhotoInspector:
    """Findings for the pictures of a post, for one clinic (build one per Checker)."""

    def __init__(self, checker: Checker) -> None:
        self._checker = checker
        rules = checker.rules
        self._name_rule = rules["PHI-021"]
        self._look_rule = rules["PHI-022"]
        self._face_rule = rules["PHI-006"]

    def inspect(self, data: bytes, number: int = 0, facts: PhotoFacts = PhotoFacts(),
                name: str = "the image") -> PhotoReport:
        """Everything to say about picture ``number`` (counted from 0) of a post."""
        analysis = analyse(data, name)
        return PhotoReport(analysis, self.findings(analysis, number, facts))

    def findings(self, analysis: Analysis, number: int, facts: PhotoFacts) -> list[Finding]:
        shown = number + 1
        found: list[Finding] = []
        if not analysis.read:
            found.append(unread_finding(self._checker, number, (analysis.width,
                                                                analysis.height)))
        read = self._text_findings(analysis, number)
        found += read
        for look in analysis.looks:
            if _read_in_full(analysis, look) and not any(
                    f.region is not None and _centre_in(f.region.box, look.box) for f in read):
                continue
            message = self._look_rule.message.replace("{what}", look.what)
            found.append(replace(self._look_rule.finding(0, 0, message=f"Image {shown}: {message}"),
                                 region=ImageRegion(number, look.box)))
        found += self._face_findings(analysis, number, facts)
        return found

    def _text_findings(self, analysis: Analysis, number: int) -> list[Finding]:
        if not analysis.lines:
            return []
        text, spans = _joined(analysis.lines)
        result = self._checker.check(text)
        found: list[Finding] = []
        covered: list[tuple[int, int]] = []
        for finding in result.findings:
            if finding.category is not Category.PHI:
                continue
            quoted = text[finding.start:finding.end]
            found.append(replace(
                finding, start=0, end=0, fixes=(),
                message=f"Image {number + 1}, the text “{quoted}”: {finding.message}",
                region=ImageRegion(number, _box_over(spans, finding.start, finding.end))))
            covered.append((finding.start, finding.end))
        for person in self._checker.people_named(text):
            if person.staff or person.kind not in ("name", "honorific"):
                continue
            if any(start < person.end and person.start < end for start, end in covered):
                continue
            found.append(replace(
                self._name_rule.finding(0, 0, message=(
                    f"Image {number + 1}, “{person.text}”: {self._name_rule.message}")),
                region=ImageRegion(number, _box_over(spans, person.start, person.end))))
        return found

    def _face_findings(self, analysis: Analysis, number: int,
                       facts: PhotoFacts) -> list[Finding]:
        found = []
        authorized = bool(facts.consent_ref.strip())
        for index, box in enumerate(analysis.faces):
            role = facts.role_of(index)
            if role in ("staff", "model"):
                continue
            who = "a patient" if role == "patient" else "a person"
            if authorized:
                severity = Severity.WARN
                advice = (f"The authorization “{facts.consent_ref.strip()}” is referenced: make "
                          "sure it covers this picture and this network.")
            elif role == "patient":
                severity = Severity.BLOCK
                advice = ("Add the patient's written authorization, or blur the face (Fix).")
            else:
                severity = Severity.BLOCK
                advice = ("Say whether this is staff, a patient or a model; a patient needs a "
                          "written authorization. Or blur the face (Fix).")
            found.append(replace(self._face_rule.finding(0, 0, severity=severity, message=(
                f"Image {number + 1} shows {who} (face {index + 1}). {advice}")),
                region=ImageRegion(number, box)))
        return found


def _read_in_full(analysis: Analysis, look: Look) -> bool:
    """True when every line of text in ``look``'s area was read (and so judged above): the
    warning is for what could not be read, and a poster read in full and found harmless needs
    no second look."""
    if look.what == "an X-ray or scan":
        return False
    inside = [line.box for line in analysis.lines if _centre_in(line.box, look.box)]
    return bool(inside) and not any(_centre_in(box, look.box) for box in analysis.unread)


def _centre_in(box: Box, area: Box) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return area[0] <= cx <= area[0] + area[2] and area[1] <= cy <= area[1] + area[3]


def _joined(lines: Sequence[TextLine]) -> tuple[str, list[tuple[int, int, Box]]]:
    """The lines as one text (one per line, as they read) and where each line sits in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, Box]] = []
    offset = 0
    for line in lines:
        parts.append(line.text)
        spans.append((offset, offset + len(line.text), line.box))
        offset += len(line.text) + 1
    return "\n".join(parts), spans


def _box_over(spans: list[tuple[int, int, Box]], start: int, end: int) -> Box:
    """The box around the lines the characters ``start:end`` sit on (whole lines: a name cut
    in half by a blur still reads)."""
    boxes = [box for s, e, box in spans if s < max(end, start + 1) and start < e] or [
        spans[0][2]]
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


__all__ = ["ROLES", "Analysis", "PhotoFacts", "PhotoInspector", "PhotoReport", "analyse",
           "reading_available"]
