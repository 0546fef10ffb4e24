"""LinkedIn silently cuts a post at the first unescaped reserved character."""

from __future__ import annotations

from clinicstudio.platforms import escape_for_linkedin


def test_reserved_characters_are_escaped() -> None:
    text = "Walk-ins (Mon-Fri) <3 ~ 50% off* [new] {info} a|b \\ _x_ @front"
    assert escape_for_linkedin(text) == (
        "Walk-ins \\(Mon-Fri\\) \\<3 \\~ 50% off\\* \\[new\\] \\{info\\} "
        "a\\|b \\\\ \\_x\\_ \\@front"
    )


def test_hashtags_and_links_stay_intact() -> None:
    text = "#FluSeason at https://riversidefamily.clinic/flu_(2026) #1 # alone"
    assert escape_for_linkedin(text) == (
        "#FluSeason at https://riversidefamily.clinic/flu_(2026) \\#1 \\# alone"
    )
