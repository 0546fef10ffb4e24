"""Each network's counter agrees with what the network itself counts."""

from __future__ import annotations

import pytest

from clinicstudio.domain import Platform
from clinicstudio.platforms import profile, text_length, text_limit

HEALTH_WORKER = "\U0001F9D1\u200D\u2695\uFE0F"  # 🧑‍⚕️, a ZWJ sequence of 4 code points
DOCTOR_MEDIUM_SKIN = "\U0001F9D1\U0001F3FD\u200D\u2695\uFE0F"


def test_limits_of_the_six_networks() -> None:
    assert {p.value: text_limit(p) for p in Platform} == {
        "facebook": 63_206, "instagram": 2_200, "x": 280,
        "linkedin": 3_000, "mastodon": 500, "bluesky": 300,
    }


def test_names_and_platforms_are_interchangeable() -> None:
    assert text_length("X", "hello") == text_length(Platform.X, "hello") == 5


def test_unknown_network_is_a_plain_error() -> None:
    with pytest.raises(ValueError, match="Unknown network 'myspace'"):
        text_length("myspace", "hi")


@pytest.mark.parametrize("sequence", [HEALTH_WORKER, DOCTOR_MEDIUM_SKIN, "👩‍⚕️", "🧑‍🦽", "🫀"])
def test_x_counts_every_emoji_sequence_as_two(sequence: str) -> None:
    assert text_length("x", sequence) == 2
    assert text_length("x", f"Ask our team {sequence}!") == 13 + 2 + 1


def test_x_normalises_before_counting() -> None:
    assert text_length("x", "cafe\u0301") == 4


def test_x_counts_links_as_23_but_not_reserved_example_domains() -> None:
    assert text_length("x", "Book: https://riversidefamily.clinic/book/flu-shots-2026") == 6 + 23
    assert text_length("x", "riverside.com") == 23
    # .example is not a top-level domain, so this is plain text to X.
    assert text_length("x", "https://clinic.example/book") == 27


def test_bluesky_counts_graphemes() -> None:
    assert text_length("bluesky", HEALTH_WORKER * 3) == 3
    assert text_length("bluesky", "e\u0301") == 1


def test_mastodon_counts_links_as_23_and_remote_mentions_as_local() -> None:
    assert text_length("mastodon", "https://riversidefamily.clinic/a/very/long/path/indeed") == 23
    assert text_length("mastodon", "hi @drlee@health.social") == len("hi @drlee")
    # Mastodon only counts links with a protocol specially.
    assert text_length("mastodon", "riverside.com") == 13
    assert text_length("mastodon", HEALTH_WORKER) == 1


def test_mastodon_instance_limit_overrides_the_default() -> None:
    assert text_limit("mastodon", instance_limit=1_000) == 1_000
    assert profile("mastodon", instance_limit=1_000).text_limit == 1_000
    assert text_limit("x", instance_limit=1_000) == 280


@pytest.mark.parametrize("network", ["facebook", "instagram", "linkedin"])
def test_editor_counted_networks_count_emoji_as_their_web_editors(network: str) -> None:
    assert text_length(network, "Hi 😷") == 5
    assert text_length(network, "é") == 1
