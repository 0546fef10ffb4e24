"""What the picture checks find in generated clinic pictures, and where."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from clinicstudio.domain import Severity, UserError
from clinicstudio.photos.inspection import PhotoFacts, analyse
from tests.helpers.photo_samples import sample


def _overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _blocking_regions(report) -> list[tuple[int, int, int, int]]:
    return [f.region.box for f in report.findings if f.blocks]


@pytest.mark.parametrize("number", [0, 1, 2], ids=["whiteboard", "label", "monitor"])
def test_patient_details_in_a_picture_block_at_their_place(inspector, number) -> None:
    item = sample(number)
    report = inspector.inspect(item.data, 0)
    regions = _blocking_regions(report)
    assert report.blocked
    assert any(_overlaps(box, target) for box in regions for target in item.targets)
    assert all(f.region is not None and f.region.image == 0 for f in report.findings)


@pytest.mark.parametrize("number", [3, 4, 5], ids=["clinic sign", "opening hours", "badge"])
def test_the_clinics_own_signs_and_staff_badges_pass(inspector, number) -> None:
    report = inspector.inspect(sample(number).data, 0)
    assert not report.blocked, [f.message for f in report.findings]
    assert report.analysis.lines  # the text was read, and judged harmless


def test_a_screen_is_named_as_a_screen(inspector) -> None:
    report = inspector.inspect(sample(2).data, 0)
    assert any(f.rule == "PHI-022" and "screen" in f.message for f in report.findings)


def test_a_face_is_a_person_who_needs_a_say(inspector) -> None:
    from skimage import data as skdata

    out = io.BytesIO()
    Image.fromarray(skdata.astronaut()).save(out, "PNG")
    data = out.getvalue()
    unknown = inspector.inspect(data, 2)
    faces = [f for f in unknown.findings if f.rule == "PHI-006"]
    assert len(faces) == 1 and faces[0].blocks
    x, y, w, h = faces[0].region.box
    assert faces[0].region.image == 2
    assert 150 < x + w / 2 < 300 and 50 < y + h / 2 < 200  # Eileen Collins's face
    staff = inspector.inspect(data, 0, PhotoFacts(roles=("staff",)))
    assert not [f for f in staff.findings if f.rule == "PHI-006"]
    patient = inspector.inspect(data, 0, PhotoFacts(roles=("patient",)))
    assert [f.severity for f in patient.findings if f.rule == "PHI-006"] == [Severity.BLOCK]
    allowed = inspector.inspect(data, 0, PhotoFacts("AUTH-2024-031", ("patient",)))
    assert [f.severity for f in allowed.findings if f.rule == "PHI-006"] == [Severity.WARN]


def test_a_face_pasted_into_a_room_is_found(inspector) -> None:
    item = sample(6)
    report = inspector.inspect(item.data, 0)
    faces = [f.region.box for f in report.findings if f.rule == "PHI-006"]
    assert faces and _overlaps(faces[0], item.targets[0])


def test_a_picture_is_analysed_once(inspector) -> None:
    data = sample(3).data
    assert analyse(data) is analyse(data)


def test_a_file_that_is_not_a_picture_is_a_plain_error(inspector) -> None:
    with pytest.raises(UserError, match="not a picture"):
        inspector.inspect(b"%PDF-1.4 not a picture", 0, name="scan.pdf")
