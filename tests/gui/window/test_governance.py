"""Sign-in, staff and approvals in the window: the one-person office banner, adding the first
administrator, the sign-in dialog (wrong and right passphrases), submitting and approving from
the Post menu, and the status bar's count. Real widgets offscreen, a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clinicstudio.app import Studio
from clinicstudio.domain import PostStatus, Role
from clinicstudio.governance.people import add_staff
from clinicstudio.governance.policy import acknowledge
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import new_post, type_into

SHOTS = Path("/tmp/governance-shots")


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def sign_in(qtbot: QtBot, window: MainWindow, name: str, passphrase: str) -> None:
    governance = window.governance
    qtbot.waitUntil(lambda: governance.dialog is not None and governance.dialog.isVisible(),
                    timeout=10_000)
    dialog = governance.dialog
    assert dialog is not None
    dialog.name.setCurrentText(name)
    dialog.passphrase.setText(passphrase)
    dialog.sign_in.click()
    qtbot.waitUntil(lambda: window.studio.person is not None
                    and window.studio.person.name == name, timeout=10_000)
    qtbot.waitUntil(lambda: name in governance.who.text(), timeout=10_000)


def test_a_one_person_office_adds_its_first_administrator_and_then_signs_in(
        qtbot: QtBot, window: MainWindow) -> None:
    governance = window.governance
    qtbot.waitUntil(lambda: governance.banner.isVisible(), timeout=10_000)
    assert governance.who.text() == "One-person office"
    # Nobody approves in a one-person office: the review actions are not offered there.
    assert not any(a.isVisible() for a in (governance.submit, governance.approve,
                                           governance.reject))
    # ... nor the toolbar's divider before them, which would stand alone at the end.
    assert not governance._toolbar_gap.isVisible()
    shot(window, "one-person-office")
    governance.banner.add.click()
    staff = governance.open_dialogs["staff"]
    qtbot.waitUntil(lambda: staff.isVisible() and not staff.role.isEnabled(), timeout=10_000)
    assert Role(staff.role.currentData()) is Role.ADMIN
    staff.name.setText("Dana Whitfield")
    staff.passphrase.setText("dana keeps the office")
    staff.repeat.setText("dana keeps the office")
    staff.add.click()
    qtbot.waitUntil(lambda: "Added Dana Whitfield as administrator" in staff.message.text(),
                    timeout=10_000)
    shot(staff, "staff-dialog")
    staff.close()

    qtbot.waitUntil(lambda: governance.dialog is not None and governance.dialog.isVisible(),
                    timeout=10_000)
    dialog = governance.dialog
    dialog.name.setCurrentText("Dana Whitfield")
    dialog.passphrase.setText("not the right one")
    dialog.sign_in.click()
    qtbot.waitUntil(lambda: "do not match" in dialog.message.text(), timeout=10_000)
    assert dialog.passphrase.text() == "" and window.studio.person is None
    shot(dialog, "sign-in-refused")
    dialog.reject()  # Esc does not leave the desk unattended
    assert dialog.isVisible() and "Sign in to go on" in dialog.message.text()
    assert not governance.banner.isVisible()
    assert governance.submit.isVisible() and governance.approve.isVisible()
    assert governance._toolbar_gap.isVisible()


def test_a_writer_submits_and_an_approver_approves_in_the_window(
        qtbot: QtBot, window: MainWindow, studio: Studio) -> None:
    with studio.db.transaction() as session:
        add_staff(session, "Sam Ortiz", Role.AUTHOR, "sam writes the posts", actor="setup")
        add_staff(session, "Dana Whitfield", Role.APPROVER, "dana approves them", actor="setup")
    window.broadcast(__import__("clinicstudio.domain", fromlist=["Changes"]).Changes(clinic=True))
    sign_in(qtbot, window, "Sam Ortiz", "sam writes the posts")
    governance = window.governance
    acknowledge(studio.db, studio.person)
    assert not governance.approve.isEnabled()
    new_post(qtbot, window)
    type_into(qtbot, window, "Flu shots this Saturday, 9 to 12.")
    assert not window.publish_bar.publish.isEnabled()
    assert "Submit for approval" in window.publish_bar.status.text()
    governance.review("submit")
    qtbot.waitUntil(lambda: "review" in governance.open_dialogs, timeout=10_000)
    review = governance.open_dialogs["review"]
    review.note.setPlainText("For the weekend, please.")
    review.ok.click()
    qtbot.waitUntil(lambda: governance.waiting.text() == "1 waiting for approval",
                    timeout=10_000)
    post_id = window.editor.current().id
    shot(window, "waiting-for-approval")

    governance.sign_out()
    sign_in(qtbot, window, "Dana Whitfield", "dana approves them")
    acknowledge(studio.db, studio.person)
    qtbot.waitUntil(governance.approve.isEnabled, timeout=10_000)
    governance.review("approve")
    qtbot.waitUntil(lambda: governance.open_dialogs["review"] is not review, timeout=10_000)
    approve = governance.open_dialogs["review"]
    shot(approve, "approve-dialog")
    approve.ok.click()
    qtbot.waitUntil(lambda: studio.open_post(post_id).status == PostStatus.APPROVED,
                    timeout=10_000)
    qtbot.waitUntil(lambda: governance.waiting.text() == "", timeout=10_000)


def test_each_clinic_dialog_opens_and_shows_its_contents(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    governance = window.governance
    for name in ("settings", "authorizations", "audit", "policy"):
        dialog = governance.show_dialog(name)
        qtbot.waitUntil(dialog.isVisible)
        qtbot.wait(300)
        shot(dialog, name)
        dialog.close()
    audit = governance.show_dialog("audit")
    qtbot.waitUntil(lambda: audit.chain.text() == "The audit log is intact.", timeout=10_000)
    audit.close()


def test_after_the_idle_time_the_desk_signs_out_and_asks_again(
        qtbot: QtBot, window: MainWindow, studio: Studio) -> None:
    with studio.db.transaction() as session:
        add_staff(session, "Dana Whitfield", Role.ADMIN, "dana keeps the office", actor="setup")
    window.broadcast(__import__("clinicstudio.domain", fromlist=["Changes"]).Changes(clinic=True))
    sign_in(qtbot, window, "Dana Whitfield", "dana keeps the office")
    governance = window.governance
    qtbot.waitUntil(governance.idle.isActive, timeout=10_000)
    assert governance.idle.interval() == 15 * 60_000  # the office's default
    governance.idle.timeout.emit()  # fifteen quiet minutes, without waiting for them
    qtbot.waitUntil(lambda: studio.person is None and governance.dialog is not None
                    and governance.dialog.isVisible(), timeout=10_000)
    assert "15 minutes" in governance.dialog.findChildren(QLabel)[1].text()
    assert governance.who.text() == "Nobody signed in"
    shot(governance.dialog, "signed-out-after-idle")


def test_the_training_in_the_window_is_recorded(qtbot: QtBot, window: MainWindow,
                                                studio: Studio) -> None:
    from clinicstudio.governance.policy import training_examples
    from clinicstudio.ui.governance.policy import TrainingDialog

    with studio.db.transaction() as session:
        add_staff(session, "Sam Ortiz", Role.AUTHOR, "sam writes the posts", actor="setup")
    window.broadcast(__import__("clinicstudio.domain", fromlist=["Changes"]).Changes(clinic=True))
    sign_in(qtbot, window, "Sam Ortiz", "sam writes the posts")
    dialog = TrainingDialog(window.governance.desk, window.workers, window)
    dialog.show()
    examples = training_examples()
    for number, example in enumerate(examples):
        dialog.answer(example.fine if number else not example.fine)  # the first one wrong
        if number == 0:
            assert dialog.why.text().startswith("Not quite: it is fine as written.")
            shot(dialog, "training")
        dialog.next.click()
    qtbot.waitUntil(lambda: "Training complete" in dialog.why.text(), timeout=10_000)
    assert f"{len(examples) - 1} of {len(examples)}" in dialog.why.text()
    rows = window.governance.desk.audit_events(action="training_completed")
    assert [r.actor for r in rows] == ["Sam Ortiz"]
    dialog.close()
