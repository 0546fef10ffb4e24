"""The preview model: fold, marked spans, over-limit part, counter, image layout."""

from __future__ import annotations

from clinicstudio.domain import Platform
from clinicstudio.platforms import ImageRef, SpanKind, build_preview

LONG = (
    "Flu season is here and our nurses are ready for you. Walk in Monday to Friday, 8 to 5, "
    "no appointment needed. Bring your insurance card. #FluSeason @riverside "
    "https://riversidefamily.clinic/flu"
)


def test_instagram_folds_at_125_with_more() -> None:
    model = build_preview("instagram", LONG, display_name="Riverside Family Clinic")
    assert model.folded and model.more_label == "... more"
    assert len(model.visible_text) <= 125
    assert LONG.startswith(model.visible_text)
    assert model.visible_text.endswith("Bring your")  # cut between words, not inside one
    assert model.counter == f"{len(LONG)}/2,200"


def test_entities_are_marked_per_network() -> None:
    x_kinds = {s.text: s.kind for s in build_preview("x", LONG).spans}
    assert x_kinds["#FluSeason"] is SpanKind.HASHTAG
    assert x_kinds["@riverside"] is SpanKind.MENTION
    assert x_kinds["https://riversidefamily.clinic/flu"] is SpanKind.LINK
    # Instagram captions never make links clickable.
    ig = build_preview("instagram", "See https://riversidefamily.clinic/flu", images=())
    assert all(s.kind is not SpanKind.LINK for s in ig.spans)


def test_over_limit_part_is_marked_and_not_folded() -> None:
    model = build_preview("bluesky", "b" * 310)
    assert not model.folded
    assert model.over_limit and model.counter_state == "over"
    assert [(len(s.text), s.over_limit) for s in model.spans] == [(300, False), (10, True)]
    assert model.counter == "310/300"


def test_counter_near_the_limit() -> None:
    assert build_preview("x", "a" * 260).counter_state == "near"
    assert build_preview("x", "a" * 20).counter_state == "ok"


def test_image_layouts() -> None:
    photo = ImageRef("a.jpg", 1080, 1920)
    single = build_preview("x", "Hi", [photo])
    assert len(single.tiles) == 1 and single.frame_ratio == 0.75
    grid = build_preview("facebook", "Hi", [photo] * 6)
    assert [t.more for t in grid.tiles] == [0, 0, 0, 2]
    three = build_preview(Platform.MASTODON, "Hi", [photo] * 3)
    assert three.tiles[0].height == 1 and three.tiles[1].height < 0.5
    carousel = build_preview("instagram", "Hi", [photo] * 3)
    assert len(carousel.tiles) == 1 and carousel.carousel_count == 3
    assert carousel.frame_ratio == 0.8


def test_link_card_only_without_images_and_never_on_instagram() -> None:
    from clinicstudio.platforms import LinkCard

    card = LinkCard("https://riversidefamily.clinic/flu", "Flu shots")
    assert build_preview("linkedin", "Hi", link_card=card).link_card == card
    assert build_preview("linkedin", "Hi", [ImageRef("a.jpg", 10, 10)], link_card=card).link_card \
        is None
    assert build_preview("instagram", "Hi", link_card=card).link_card is None
