"""Findings say what each network would refuse or cut, where, and why."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from clinicstudio.domain import Category, Severity
from clinicstudio.platforms import ImageRef, validate


def _image(tmp_path: Path, width: int, height: int, fmt: str = "JPEG") -> ImageRef:
    path = tmp_path / f"photo-{width}x{height}.{fmt.lower()}"
    Image.new("RGB", (width, height), "white").save(path, fmt)
    return ImageRef(str(path), width, height, "A nurse at the front desk")


def test_a_post_that_fits_has_no_findings(tmp_path: Path) -> None:
    text = "Flu shots this week at Riverside Family Clinic. #FluSeason"
    for network in ("facebook", "x", "linkedin", "mastodon", "bluesky"):
        assert validate(network, text) == []
    assert validate("instagram", text, [_image(tmp_path, 1080, 1080)]) == []


def test_over_limit_marks_the_part_that_does_not_fit() -> None:
    [finding] = validate("x", "a" * 290)
    assert finding.category is Category.PLATFORM
    assert finding.severity is Severity.BLOCK
    assert (finding.start, finding.end) == (280, 290)
    assert "280" in finding.message and "290" in finding.message
    assert finding.suggestion == "Remove 10 characters."


def test_x_cut_point_follows_weights() -> None:
    [finding] = validate("x", "😷" * 141)  # each emoji weighs 2, so 140 fit
    assert finding.start == 140


def test_mastodon_cut_point_treats_a_link_as_one_unit() -> None:
    text = "a" * 480 + " https://riversidefamily.clinic/book"
    [finding] = validate("mastodon", text)
    assert finding.start == 481  # the link (23) does not fit after 481 characters
    assert validate("mastodon", text, instance_limit=1_000) == []


def test_bluesky_byte_limit_applies_even_under_300_characters() -> None:
    family = "👨‍👩‍👧‍👦"  # one grapheme, 7 code points, 25 UTF-8 bytes
    [finding] = validate("bluesky", family * 150)
    assert "3,000 bytes" in finding.message
    assert finding.start == 120 * len(family)


def test_instagram_needs_an_image_and_at_most_five_hashtags() -> None:
    text = "Stay well! #flu #vaccine #health #clinic #community #wellness"
    rules = {f.rule: f for f in validate("instagram", text)}
    assert set(rules) == {"PLT-HASHTAGS", "PLT-NO-IMAGE"}
    assert text[rules["PLT-HASHTAGS"].start:].startswith("#wellness")
    assert "at least one image" in rules["PLT-NO-IMAGE"].message


def test_image_rejections_say_which_network_and_why(tmp_path: Path) -> None:
    tall = _image(tmp_path, 1080, 1920)
    [finding] = validate("instagram", "Hello", [tall])
    assert finding.message == (
        "Image 1: Instagram needs images between 4:5 and 1.91:1; this one is 9:16. Crop it?"
    )
    png = _image(tmp_path, 1080, 1080, "PNG")
    [finding] = validate("instagram", "Hello", [png])
    assert "Instagram does not take PNG images" in finding.message
    assert validate("facebook", "Hello", [png]) == []


def test_too_many_images_and_too_large_files(tmp_path: Path) -> None:
    photo = _image(tmp_path, 800, 600)
    [finding] = validate("x", "Hello", [photo] * 5)
    assert finding.rule == "PLT-IMAGE-COUNT"
    huge = ImageRef(photo.path, 800, 600, "", size_bytes=1_500_000, format="JPEG")
    [finding] = validate("bluesky", "Hello", [huge])
    assert "up to 1.0 MB; this one is 1.5 MB" in finding.message


def test_alt_text_over_the_network_limit(tmp_path: Path) -> None:
    photo = _image(tmp_path, 800, 600)
    long_alt = ImageRef(photo.path, 800, 600, "x" * 1_001)
    [finding] = validate("x", "Hello", [long_alt])
    assert "alt text up to 1000 characters" in finding.message
