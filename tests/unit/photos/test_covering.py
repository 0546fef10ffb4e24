"""The fix: a blurred or covered region can no longer be read or recognised."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from clinicstudio.domain import UserError
from clinicstudio.photos.covering import fixed_picture
from tests.helpers.photo_samples import sample


def test_blurring_the_names_leaves_nothing_to_read(inspector) -> None:
    item = sample(0)
    before = inspector.inspect(item.data, 0)
    boxes = [f.region.box for f in before.findings if f.blocks]
    fixed, mime = fixed_picture(item.data, boxes, "blur")
    after = inspector.inspect(fixed, 0)
    assert mime == "image/jpeg"
    assert before.blocked and not after.blocked
    names = {line.text for line in before.analysis.lines} & {
        line.text for line in after.analysis.lines}
    assert names <= {"Today's schedule"}


def test_blurring_a_face_hides_it(inspector) -> None:
    item = sample(6)
    before = inspector.inspect(item.data, 0)
    faces = [f.region.box for f in before.findings if f.rule == "PHI-006"]
    fixed, _ = fixed_picture(item.data, faces, "blur")
    assert faces and not inspector.inspect(fixed, 0).analysis.faces


def test_covering_paints_the_region_and_keeps_the_rest() -> None:
    picture = Image.new("RGB", (200, 100), (250, 250, 250))
    out = io.BytesIO()
    picture.save(out, "PNG")
    fixed, mime = fixed_picture(out.getvalue(), [(50, 20, 40, 40)], "cover")
    result = Image.open(io.BytesIO(fixed))
    assert mime == "image/png" and result.size == (200, 100)
    assert result.getpixel((70, 40)) != (250, 250, 250)
    assert result.getpixel((5, 5)) == (250, 250, 250)


def test_a_damaged_file_cannot_be_fixed_and_says_so() -> None:
    with pytest.raises(UserError, match="attach it again"):
        fixed_picture(b"not a picture", [(0, 0, 1, 1)])
