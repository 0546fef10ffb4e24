"""Who is at the desk, in the window: sign-in, the Clinic menus for staff, settings,
authorizations, the audit log and the policy, the review actions, and the status bar.

:func:`install` is the one call the main window makes (after its panes exist). With no staff
accounts the window works as before and says so in a banner with a one-click "Add staff"; once
staff exist it asks who is at the desk on start and again after the office's idle time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QToolBar

from clinicstudio.domain import Changes
from clinicstudio.governance.office import OfficeDesk
from clinicstudio.ui.governance.banner import AuditWarning, OnePersonBanner
from clinicstudio.ui.governance.sign_in import SignInDialog

if TYPE_CHECKING:
    from clinicstudio.ui.main_window import MainWindow

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class Governance(QObject):
    """The window's sign-in, Clinic menu entries, review actions and status-bar counts."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.studio = window.studio
        self.desk = OfficeDesk(self.studio.db, self.studio.acting_person, self.studio.vault)
        self.dialog: SignInDialog | None = None
        self.open_dialogs: dict[str, Any] = {}
        self.who = QLabel()
        self.who.setObjectName("signedIn")
        self.waiting = QLabel()
        self.waiting.setObjectName("waitingForApproval")
        window.statusBar().addPermanentWidget(self.waiting)
        window.statusBar().addPermanentWidget(self.who)
        self.banner = OnePersonBanner()
        self.audit_warning = AuditWarning()
        window.write_column.insertWidget(0, self.audit_warning)
        window.write_column.insertWidget(0, self.banner)
        self.banner.addStaffRequested.connect(lambda: self.show_dialog("staff"))
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._idle)
        self._add_menus()
        window.broadcasted.connect(self.refresh)
        # After the publish bar decided, a writer's Publish and Schedule are switched off.
        window.editor.reviewed.connect(self._limit_publishing)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.refresh(Changes(clinic=True))
        window.workers.database(self.desk.verify_audit, self.audit_warning.show_problem)

    # -- menus ------------------------------------------------------------------------------
    def _action(self, text: str, tip: str, run: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.triggered.connect(run)
        return action

    def _add_menus(self) -> None:
        clinic = next(o for o in self.window.actions_.clinic.associatedObjects()
                      if isinstance(o, QMenu))
        clinic.addSeparator()
        self.staff_action = self._action("&Staff…", "Who signs in, and their roles",
                                         lambda: self.show_dialog("staff"))
        self.settings_action = self._action("Se&ttings…", "Approvals and sign-in",
                                            lambda: self.show_dialog("settings"))
        self.authorizations_action = self._action(
            "Patient a&uthorizations…", "Signed authorizations for patient stories and photos",
            lambda: self.show_dialog("authorizations"))
        self.audit_action = self._action("Au&dit log…", "Who did what, and when",
                                         lambda: self.show_dialog("audit"))
        self.policy_action = self._action("Social media &policy…", "Read, confirm, train",
                                          lambda: self.show_dialog("policy"))
        self.sign_out_action = self._action("Sign &out", "Let someone else sign in",
                                            self.sign_out)
        for action in (self.staff_action, self.settings_action, self.authorizations_action,
                       self.audit_action, self.policy_action, self.sign_out_action):
            clinic.addAction(action)
        post_menu = next(a.menu() for a in self.window.menuBar().actions()
                         if a.menu() is not None and a.text() == "&Post")
        self.submit = self._action("Submit for approval…", "Ask an approver to approve it",
                                   lambda: self.review("submit"))
        self.approve = self._action("Approve…", "Approve this post (not your own)",
                                    lambda: self.review("approve"))
        self.reject = self._action("Send back…", "Back to its writer with your comments",
                                   lambda: self.review("reject"))
        self.comments = self._action("Comments…", "The review and comments of this post",
                                     lambda: self.review("comment"))
        before = post_menu.actions()[-1]  # keep Quit last
        post_menu.insertSeparator(before)
        for action in (self.submit, self.approve, self.reject, self.comments):
            post_menu.insertAction(before, action)
        toolbar = self.window.findChild(QToolBar, "mainTools")
        # The separator is an action too: hidden with the approval buttons in a one-person office.
        self._toolbar_gap = toolbar.addSeparator() if toolbar is not None else None
        if toolbar is not None:
            for action in (self.submit, self.approve, self.reject):
                toolbar.addAction(action)

    def show_dialog(self, name: str) -> Any:
        from clinicstudio.ui.governance import audit, authorizations, policy, settings_dialog
        from clinicstudio.ui.governance.staff import StaffDialog

        post = self.window.editor.current()
        makers = {"staff": StaffDialog, "settings": settings_dialog.SettingsDialog,
                  "audit": audit.AuditDialog, "policy": policy.PolicyDialog}
        if name == "authorizations":
            dialog = authorizations.AuthorizationsDialog(self.desk, self.window.workers,
                                                         self.window, post.id if post else None)
        else:
            dialog = makers[name](self.desk, self.window.workers, self.window)
        dialog.finished.connect(lambda _code: self.refresh(Changes(clinic=True)))
        self.open_dialogs[name] = dialog
        dialog.open()
        return dialog

    # -- reviews ----------------------------------------------------------------------------
    def review(self, step: str) -> None:
        from clinicstudio.ui.governance.review import ReviewDialog

        post = self.window.editor.current()
        if post is None:
            return
        self.window.editor.save_now()
        post_id = post.id
        titles = {"submit": ("Submit for approval", "Submit"),
                  "approve": ("Approve this post", "Approve"),
                  "reject": ("Send back to the writer", "Send back"),
                  "comment": ("Comments", "Add comment")}
        title, verb = titles[step]
        desk, timetable = self.desk, self.window.on_time.timetable

        def act(note: str, whole_series: bool) -> Changes:
            if step == "approve":
                return desk.approve(post_id, note, whole_series)
            return {"submit": desk.submit, "reject": desk.reject,
                    "comment": desk.comment}[step](post_id, note)

        def send(note: str, whole_series: bool) -> None:
            self.window.workers.database(lambda: act(note, whole_series), self._reviewed,
                                         lambda exc: self.window.save_state.setText(str(exc)))

        def show(found: tuple[list, int | None]) -> None:
            notes, series = found
            dialog = ReviewDialog(title, verb, notes, send, self.window,
                                  note_required=step in ("reject", "comment"),
                                  in_series=step == "approve" and series is not None)
            self.open_dialogs["review"] = dialog
            dialog.open()

        self.window.workers.database(
            lambda: (desk.thread(post_id), timetable.series_of(post_id)), show)

    def _reviewed(self, changes: Changes) -> None:
        self.window.save_state.setText("Done.")
        self.window.broadcast(changes)

    def _limit_publishing(self, state: Any) -> None:
        person = self.studio.person
        if person is None or person.role.may_approve or state.post is None:
            return
        bar = self.window.publish_bar
        bar.publish.setEnabled(False)
        bar.schedule.setEnabled(False)
        if not bar.busy:
            bar.status.setText("Writers do not publish: when the post is ready, choose Submit "
                               "for approval and an approver takes it from there.")

    # -- who is at the desk -----------------------------------------------------------------
    def refresh(self, changes: Changes) -> None:
        if changes.clinic or changes.posts:
            self.window.workers.database(self._state, self._show_state)

    def _state(self) -> tuple[bool, int, int, list[str]]:
        office, _required = self.desk.settings()
        names = [m.name for m in self.desk.staff() if m.active]
        return self.desk.staffed(), self.desk.waiting_count(), office.idle_minutes, names

    def _show_state(self, state: tuple[bool, int, int, list[str]]) -> None:
        staffed, waiting, idle_minutes, names = state
        person = self.studio.person
        self.banner.setVisible(not staffed)
        self.sign_out_action.setEnabled(person is not None)
        self.who.setText(f"Signed in: {person.name} ({person.role.label})" if person
                         else ("One-person office" if not staffed else "Nobody signed in"))
        # Approvals belong to an office with staff accounts; a one-person office is not asked.
        self.waiting.setText(f"{waiting} waiting for approval" if waiting and staffed else "")
        for action in (self.submit, self.approve, self.reject, self.comments,
                       self._toolbar_gap):
            if action is not None:
                action.setVisible(staffed)
        for label in (self.waiting, self.who):  # a status-bar label does not grow by itself
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(label.text()) + 16)
        may_approve = (person is None and not staffed) or bool(person and person.role.may_approve)
        for action in (self.approve, self.reject):
            action.setEnabled(may_approve)
        self.idle.setInterval(max(idle_minutes, 0) * 60_000)
        self.names = names
        if staffed and person is None and self.dialog is None:
            self.ask_who(names)
        elif staffed and idle_minutes > 0 and self.window.isVisible():
            self.idle.start()

    def ask_who(self, names: list[str], reason: str = "") -> SignInDialog:
        self.dialog = SignInDialog(names, self._attempt, self.window.close, self.window, reason)
        self.dialog.open()
        return self.dialog

    def _attempt(self, name: str, passphrase: str) -> None:
        self.window.workers.database(lambda: self.studio.sign_in(name, passphrase),
                                     self._signed_in,
                                     lambda exc: self.dialog and self.dialog.refused(str(exc)))

    def _signed_in(self, _person: object) -> None:
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog = None
        self.window.broadcast(Changes(clinic=True))

    def sign_out(self, reason: str = "") -> None:
        def after(_: object) -> None:
            # Said at once: the status bar's full refresh follows from the database.
            self.who.setText("Nobody signed in")
            self.sign_out_action.setEnabled(False)
            self.window.broadcast(Changes(clinic=True))
            if self.dialog is None:
                self.ask_who(getattr(self, "names", []), reason)

        self.window.workers.database(self.studio.sign_out, after)

    def _idle(self) -> None:
        if self.studio.person is not None:
            minutes = self.idle.interval() // 60_000
            self.sign_out(f"Nobody used ClinicStudio for {minutes} minutes, so it signed out. "
                          "Sign in again to go on.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Every event of the application passes here (hundreds per keystroke): ask its type once.
        kind = event.type()
        if kind in INPUT_EVENTS:
            if self.idle.isActive():
                self.idle.start()  # restart the idle count on every key press or click
        elif kind == QEvent.Type.Close and watched is self.window:
            self.idle.stop()  # nobody to sign out once the window is gone
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        return False


def install(window: MainWindow) -> Governance:
    return Governance(window)
