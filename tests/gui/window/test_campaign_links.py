"""A post is put in a campaign in the editor, and one of its links is sent without tags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from clinicstudio.analytics.campaigns import add_campaign
from clinicstudio.domain import Changes, Platform
from clinicstudio.store.posts import get_post
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import answer_when_open, new_post, type_into

SHOTS = Path("/tmp/clinicstudio-shots")
FLU = "https://maplegrovehealth.com/flu"
PARTNER = "https://countyhealth.org/clinics"


def _untick(untick: str, seen: dict[str, object]) -> Callable[[Any], None]:
    """An answer to the Link tags dialog: untick ``untick``, keep what it showed, accept."""

    def answer(dialog: Any) -> None:
        seen["links"] = list(dialog.boxes)
        dialog.boxes[untick].setChecked(False)
        seen["shown"] = {url: label.text() for url, label in dialog.addresses.items()}
        if SHOTS.is_dir():
            dialog.grab().save(str(SHOTS / "link-tags.png"))
        dialog.accept()

    return answer


def test_a_campaign_is_picked_and_a_link_sent_without_tags(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    with window.studio.db.transaction() as session:
        campaign_id = add_campaign(session, "Flu shots fall", slug="flu-shots-fall").id
    window.editor.refresh(Changes(campaigns=True))
    row = window.editor.campaign_row
    qtbot.waitUntil(lambda: row.campaign.findData(campaign_id) >= 0, timeout=5_000)

    new_post(qtbot, window)
    assert not row.link_tags.isEnabled()  # nothing to tag yet
    type_into(qtbot, window, f"Flu shots are in: {FLU} and the county's list: {PARTNER}")
    row.campaign.setCurrentIndex(row.campaign.findData(campaign_id))
    row.campaign.activated.emit(row.campaign.currentIndex())
    qtbot.waitUntil(row.link_tags.isEnabled, timeout=5_000)

    seen: dict[str, object] = {}
    answer_when_open(window.editor, "link_tags_dialog", _untick(PARTNER, seen), seen)
    row.link_tags.click()
    qtbot.waitUntil(lambda: "links" in seen or "error" in seen, timeout=5_000)
    qtbot.waitUntil(lambda: window.editor.link_tags_dialog is None, timeout=5_000)
    assert "error" not in seen, seen.get("error")
    assert seen["links"] == [FLU, PARTNER]
    shown_in_dialog = seen["shown"]
    assert isinstance(shown_in_dialog, dict)
    assert "utm_campaign=flu-shots-fall" in shown_in_dialog[FLU]
    assert shown_in_dialog[PARTNER] == f"Goes out as: {PARTNER}"
    assert row.link_tags.text() == "Link tags… (1 of 2 without tags)"

    window.editor.save_now()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)
    post = window.editor.post
    assert post is not None
    with window.studio.db.session() as session:
        stored = get_post(session, post.id)
        assert stored.campaign_id == campaign_id
        assert stored.untagged_links == [PARTNER]

    def previewed() -> str:
        section = window.preview.sections.get(Platform.FACEBOOK)
        return section.card.body_label.text() if section is not None else ""

    def as_chosen() -> bool:
        shown = previewed()
        return ("utm_campaign=flu-shots-fall" in shown and "countyhealth.org/clinics" in shown
                and f"{PARTNER}?" not in shown)

    qtbot.waitUntil(as_chosen, timeout=10_000)
    if SHOTS.is_dir():
        window.grab().save(str(SHOTS / "editor-campaign.png"))

    # Reopened, the editor shows the campaign and the untagged link as saved.
    window.editor.open_post(post.id)
    qtbot.waitUntil(lambda: window.editor.post is not None
                    and window.editor.post.untagged_links == (PARTNER,), timeout=5_000)
    assert row.campaign.currentData() == campaign_id
