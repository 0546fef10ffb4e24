"""The editor: main text, a tab per network, counters, images; live review and autosave.

Signals:
    changed(Changes): something was saved (the window broadcasts it to every pane).
    reviewed(ReviewState): the findings for the text as it is now (findings list, publish bar).
    previewChanged(PostSnapshot): the post as it is now, for the network previews.
    message(str): a short status line for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinicstudio.domain import Changes, Fix, Platform, UserError
from clinicstudio.ui.editor.campaign_row import CampaignRow
from clinicstudio.ui.editor.media_strip import MediaStrip
from clinicstudio.ui.editor.network_bar import NetworkBar
from clinicstudio.ui.editor.network_tab import NetworkTab
from clinicstudio.ui.editor.picture_checks import PictureChecks
from clinicstudio.ui.editor.post_jobs import PostJobs
from clinicstudio.ui.editor.post_text import PostTextEdit
from clinicstudio.ui.workers import Workers

if TYPE_CHECKING:
    from clinicstudio.app import PostSnapshot, Reviewed, Studio

#: Autosave waits for this pause in typing (well inside the promised two seconds).
AUTOSAVE_MS = 600


@dataclass(frozen=True)
class ReviewState:
    post: PostSnapshot | None
    rows: list[Reviewed] = field(default_factory=list)
    blocking: list[Reviewed] = field(default_factory=list)


#: Checks up to this long run on every keystroke.
QUICK_CHECK_MS = 60.0


def review_delay_ms(check_ms: float) -> int:
    """How long the next check waits after a keystroke, given how long the last one took.

    Checks run at once (after the typed letter is painted; letters typed meanwhile are taken
    together). Only checks slower than ``QUICK_CHECK_MS`` (a very long post on a slow or busy
    computer) wait for typing to pause, and the wait grows smoothly with their cost: a check
    that takes a little longer waits a little, never a sudden tenth of a second.
    """
    return min(400, max(0, round((check_ms - QUICK_CHECK_MS) * 2)))


class EditorPane(QWidget):
    changed = Signal(object)
    reviewed = Signal(object)
    previewChanged = Signal(object)
    message = Signal(str)

    def __init__(self, studio: Studio, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._studio, self._workers = studio, workers
        self._post: PostSnapshot | None = None
        self._overrides: set[tuple[str, str]] = set()
        self._jobs = PostJobs(studio)
        self._stopped = False  # closing: answers still arriving from the database are dropped
        self._dirty = False
        self._review_delay = 0
        self.networks = NetworkBar()
        self.main_text = PostTextEdit("Post text", studio.spelling_suggestions)
        self.main_text.setPlaceholderText("Write your post here. Checks run as you type.")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Post versions")
        self.tabs.addTab(self.main_text, "Main text")
        self.network_tabs = {n: NetworkTab(n, studio.spelling_suggestions) for n in Platform}
        for network, tab in self.network_tabs.items():
            self.tabs.addTab(tab, network.label)
        self.campaign_row = CampaignRow()
        self.media = MediaStrip()
        self.pictures = PictureChecks(studio, workers, self.media, self)
        self.pictures.fixed.connect(self.reopen)
        self.pictures.message.connect(self.message)
        self.locked = QLabel()
        self.locked.setObjectName("hint")
        self.locked.setWordWrap(True)
        self.locked.hide()
        editing = QWidget()
        column = QVBoxLayout(editing)
        column.setContentsMargins(12, 12, 12, 8)
        column.setSpacing(10)
        column.addWidget(self.networks)
        column.addWidget(self.campaign_row)
        self._column = column
        self._picker: Any = None
        column.addWidget(self.locked)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.media)
        empty = QLabel("Pick a post in the list, or start a new one with Ctrl+N.")
        empty.setObjectName("hint")
        empty.setWordWrap(True)
        empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(editing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._review_timer = QTimer(self, singleShot=True, interval=0)
        self._review_timer.timeout.connect(self.review_now)
        # Previews redraw when typing pauses; underlines and counters follow every keystroke.
        self._preview_timer = QTimer(self, singleShot=True, interval=200)
        self._preview_timer.timeout.connect(self._typing_paused)
        self.main_text.textChanged.connect(self._edited)
        for tab in self.network_tabs.values():
            tab.text.textChanged.connect(self._edited)
            tab.ownTextToggled.connect(self._edited)
        self.networks.networksChanged.connect(self._networks_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.media.altTextEdited.connect(self._alt_text_edited)
        self.media.removeRequested.connect(self.remove_image)
        self.media.fixRequested.connect(self.fix_image)
        self.media.linkCardRequested.connect(self.edit_link_card)
        self.campaign_row.campaignChanged.connect(self._campaign_changed)
        self.campaign_row.linkTagsRequested.connect(self.edit_link_tags)
        self._load_campaigns()

    def set_audience_picker(self, picker: Any) -> None:
        """Add the audience picker (a SegmentPicker: ``segment_id()``, ``set_segment_id()``,
        ``segmentChanged``) under the networks; it comes with the audience pane."""
        self._picker = picker
        row = QHBoxLayout()
        label = QLabel("Audience")
        label.setObjectName("sectionTitle")
        row.addWidget(label)
        row.addWidget(picker, 1)
        row.addStretch(1)
        self._column.insertLayout(1, row)
        picker.segmentChanged.connect(lambda _segment: self._edited())
        # Added after the rest, the picker came last in the Tab order; put it where it stands.
        QWidget.setTabOrder(list(self.networks.boxes.values())[-1], picker)

    # -- opening -------------------------------------------------------------------------
    @property
    def post(self) -> PostSnapshot | None:
        return self._post

    def open_post(self, post_id: int) -> None:
        self.save_now()
        self._workers.database(self._jobs.open(post_id), self._show, self._failed)

    def new_post(self, when: object = None) -> None:
        """Start a new draft; ``when`` (an aware datetime, from the calendar) plans its time."""
        self.save_now()
        planned = when if isinstance(when, datetime) else None
        self._workers.database(self._jobs.create(planned), self._show_new, self._failed)

    def duplicate(self) -> None:
        """Open a new draft copied from the open post (its words, networks and images)."""
        post = self.current()
        if post is None:
            return
        self.save_now()
        self._workers.database(self._jobs.duplicate(post.id), self._show_new, self._failed)

    def _show_new(self, result: tuple[PostSnapshot, set[tuple[str, str]]]) -> None:
        self._show(result)
        self.changed.emit(Changes(posts=frozenset({result[0].id})))
        self.main_text.setFocus()

    def _show(self, result: tuple[PostSnapshot, set[tuple[str, str]]]) -> None:
        if self._stopped:
            return
        post, self._overrides = result
        self._post = post
        for editor in self._editors():
            editor.blockSignals(True)
        self.main_text.setPlainText(post.body)
        for network, tab in self.network_tabs.items():
            tab.set_state(post.overrides.get(network), post.body)
        for editor in self._editors():
            editor.blockSignals(False)
        self.networks.set_networks(post.networks)
        if self._picker is not None:
            self._picker.blockSignals(True)
            self._picker.set_segment_id(post.segment_id)
            self._picker.blockSignals(False)
        self._show_network_tabs()
        read_only = not post.editable
        self.locked.setVisible(read_only)
        self.locked.setText("This post has gone out and can no longer be changed. "
                            "Copy its text into a new post to reuse it.")
        self.main_text.setReadOnly(read_only)
        for tab in self.network_tabs.values():
            tab.own.setEnabled(not read_only)
            tab.text.setReadOnly(read_only or not tab.own.isChecked())
        self.media.add.setEnabled(not read_only)
        self.media.show_images(post.images, self._studio.image_warnings(post))
        self.media.show_link_card(post.link_card)
        self.media.link_card.setEnabled(not read_only)
        self.campaign_row.set_campaign_id(post.campaign_id)
        self.campaign_row.campaign.setEnabled(not read_only)
        self._count_links(post)
        self.pictures.check(post)
        self._dirty = False
        self.stack.setCurrentIndex(1)
        self.review_now()

    def refresh(self, changes: Changes) -> None:
        """Another pane changed this post (published, rescheduled): take its new state."""
        if changes.campaigns:
            self._load_campaigns()
        if self._post is not None and self._post.id in changes.posts and not self._dirty:
            self._workers.database(self._jobs.open(self._post.id), self._refreshed)

    def _refreshed(self, result: tuple[PostSnapshot, set[tuple[str, str]]]) -> None:
        post, overrides = result
        if self._stopped or self._post is None or post.id != self._post.id:
            return
        if self._dirty:  # the user typed meanwhile: keep their text, take only the status
            self._post = replace(self._post, status=post.status, scheduled_at=post.scheduled_at)
            self._overrides = overrides
            self.review_now()
        else:
            self._show(result)

    # -- editing -------------------------------------------------------------------------
    def current(self) -> PostSnapshot | None:
        """The post as the editor shows it now, including unsaved typing."""
        if self._post is None:
            return None
        overrides = {n: text for n, tab in self.network_tabs.items()
                     if (text := tab.own_text()) is not None}
        segment = self._picker.segment_id() if self._picker is not None else self._post.segment_id
        return replace(self._post, body=self.main_text.toPlainText(),
                       networks=self.networks.networks(), overrides=overrides,
                       segment_id=segment, campaign_id=self.campaign_row.campaign_id())

    def _edited(self) -> None:
        if self._post is None or not self._post.editable:
            return
        self._dirty = True
        self._autosave.start()
        self._review_timer.start(self._review_delay)

    def _networks_changed(self) -> None:
        self._show_network_tabs()
        self._edited()

    def _show_network_tabs(self) -> None:
        enabled = set(self.networks.networks())
        for network, tab in self.network_tabs.items():
            self.tabs.setTabVisible(self.tabs.indexOf(tab), network in enabled)

    def _tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, NetworkTab):
            tab.text.blockSignals(True)
            tab.show_main_text(self.main_text.toPlainText())
            tab.text.blockSignals(False)
            self.review_now()

    def _editors(self) -> list[PostTextEdit]:
        return [self.main_text, *(tab.text for tab in self.network_tabs.values())]

    def editor_for(self, network: Platform | None) -> PostTextEdit:
        return self.main_text if network is None else self.network_tabs[network].text

    def focused_editor(self) -> PostTextEdit:
        tab = self.tabs.currentWidget()
        return tab.text if isinstance(tab, NetworkTab) else self.main_text

    # -- review --------------------------------------------------------------------------
    def review_now(self) -> None:
        """Check the text as it is now; underline, count and tell the other panes."""
        post = self.current()
        if post is None:
            self.reviewed.emit(ReviewState(None))
            return
        started = perf_counter()
        rows = self._studio.review(post)
        self.main_text.set_findings([r.finding for r in rows if r.network is None], post.body)
        for network, tab in self.network_tabs.items():
            own = network in post.overrides
            if own or tab.isVisible():
                text = post.text_for(network)
                tab.text.set_findings([r.finding for r in rows if r.network is network], text)
        self.networks.set_counters({n: self._studio.counter(n, post.text_for(n)) for n in Platform})
        blocking = self._studio.unresolved_blocks(post, rows, self._overrides)
        self.reviewed.emit(ReviewState(post, rows, blocking))
        self._preview_timer.start()
        self._review_delay = review_delay_ms((perf_counter() - started) * 1000)

    def undo(self) -> None:
        self.focused_editor().undo()

    def redo(self) -> None:
        self.focused_editor().redo()

    def show_fix_menu(self) -> None:
        self.focused_editor().show_fix_menu()

    def apply_fix(self, row: Reviewed, fix: Fix) -> None:
        """Apply a fix chosen in the findings list to the text the finding is in."""
        self.editor_for(None if row.inherited else row.network).apply_fix(fix)

    def select_finding(self, row: Reviewed) -> None:
        """Show the text a finding concerns, with its span selected."""
        if row.network is None:
            self.tabs.setCurrentWidget(self.main_text)
            editor = self.main_text
        else:
            tab = self.network_tabs[row.network]
            self.tabs.setCurrentWidget(tab)
            editor = tab.text
        editor.select_span(row.finding.start, row.finding.end)

    def set_overrides(self, overrides: set[tuple[str, str]]) -> None:
        self._overrides = overrides
        self.review_now()

    def stop(self) -> None:
        """Save what is typed and stop every timer (the window is closing)."""
        self.save_now()
        self._stopped = True
        for timer in (self._autosave, self._review_timer, self._preview_timer):
            timer.stop()

    # -- saving --------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def save_now(self) -> None:
        """Queue a save of the typing so far (the database thread saves in order)."""
        self._autosave.stop()
        post = self.current()
        if post is None or not self._dirty or not post.editable:
            return
        self._dirty = False
        self._workers.database(self._jobs.save(post), self._saved, self._failed)

    def _saved(self, result: tuple[PostSnapshot, Changes]) -> None:
        saved, changes = result
        if self._post is not None and saved.id == self._post.id:
            self._post = replace(self._post, revision=saved.revision, status=saved.status)
        self.message.emit("All changes saved")
        self.changed.emit(changes)

    def attach_image(self, path: Path) -> None:
        post = self.current()
        if post is None:
            return
        self._autosave.stop()
        self._dirty = False
        self._workers.database(self._jobs.attach_image(post, path), self._show_saved,
                               self._failed)

    def remove_image(self, media_id: int) -> None:
        post = self.current()
        if post is None:
            return
        self._autosave.stop()
        self._dirty = False
        self._workers.database(self._jobs.remove_image(post, media_id), self._show_saved,
                               self._failed)

    def edit_link_card(self) -> None:
        """Fill in the card Bluesky and LinkedIn show; it is saved with the post."""
        from clinicstudio.platforms.api.base import full_url
        from clinicstudio.platforms.counting.urls import extract_urls
        from clinicstudio.ui.editor.link_card_dialog import LinkCardDialog

        post = self.current()
        if post is None or not post.editable:
            return
        links = extract_urls(post.body)
        dialog = LinkCardDialog(post.link_card, full_url(links[0].url) if links else "",
                                post.images, self._studio.library_image, self)
        if not self._asked(dialog, "link_dialog"):
            return
        card = dialog.card()
        picture = card.get("thumbnail_media_id")
        if picture is not None:
            known = {i.id: i for i in post.images}
            info = known.get(picture) or self._studio.media_image(picture)
            if info is not None:
                card["thumbnail_path"] = str(info.path)
        self._post = replace(self._post, link_card=card or None)
        self.media.show_link_card(card)
        self._edited()
        self._preview_timer.start()

    # -- campaign and link tags ----------------------------------------------------------
    def _load_campaigns(self) -> None:
        self._workers.database(self._studio.campaigns, self.campaign_row.set_campaigns,
                               self._failed)

    def _campaign_changed(self, _campaign_id: object) -> None:
        self._edited()
        self._preview_timer.start()

    def _typing_paused(self) -> None:
        post = self.current()
        self._count_links(post)
        self.previewChanged.emit(post)

    def _count_links(self, post: PostSnapshot | None) -> None:
        from clinicstudio.publishing.tagging import links_in

        if post is None:
            return
        links = links_in([post.body, *post.overrides.values()])
        self.campaign_row.set_links(len(links), len(set(links) & set(post.untagged_links)),
                                    post.editable)

    def edit_link_tags(self) -> None:
        """Show each link with its tags; the person unticks the ones to send as written."""
        post = self.current()
        if post is None or not post.editable:
            return
        self._workers.database(lambda: self._studio.link_addresses(post),
                               self._ask_link_tags, self._failed)

    def _ask_link_tags(self, links: list[tuple[str, str]]) -> None:
        from clinicstudio.ui.editor.link_tags_dialog import LinkTagsDialog

        post = self.current()
        if post is None or self._stopped:
            return
        campaign = self.campaign_row.campaign.currentText() if post.campaign_id else ""
        dialog = LinkTagsDialog(links, post.untagged_links, campaign, self)
        if not self._asked(dialog, "link_tags_dialog") or self._post is None:
            return
        self._post = replace(self._post, untagged_links=dialog.untagged())
        self._count_links(self.current())
        self._edited()
        self._preview_timer.start()

    def _asked(self, dialog: QDialog, name: str) -> bool:
        """Run ``dialog``, kept as attribute ``name`` while open (for tests and screenshots);
        True when the person accepted it and a post is still open. Its answers stay readable
        until control returns to the event loop."""
        setattr(self, name, dialog)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and self._post is not None
        finally:
            dialog.deleteLater()
            setattr(self, name, None)

    def fix_image(self, media_id: int) -> None:
        """Show each ticked network's copy of the image; keep the focus point chosen."""
        post = self.current()
        if post is None or not any(i.id == media_id for i in post.images):
            return
        self.save_now()
        self._workers.database(lambda: self._studio.image_focus(post.id, media_id),
                               lambda focus: self._ask_fix(post, media_id, focus),
                               self._failed)

    def _ask_fix(self, post: PostSnapshot, media_id: int, focus: tuple[float, float]) -> None:
        from clinicstudio.ui.editor.image_fix_dialog import ImageFixDialog

        image = next(i for i in post.images if i.id == media_id)
        studio, workers = self._studio, self._workers
        dialog: ImageFixDialog | None = None

        def compute(point: tuple[float, float]) -> None:
            workers.network(lambda: studio.image_fixes(post, media_id, point),
                            lambda fixes: dialog.show_fixes(fixes) if dialog else None,
                            lambda exc: dialog.show_error(str(exc)) if dialog else None)

        dialog = ImageFixDialog(image, focus, compute, self)
        self.fix_dialog = dialog  # for tests and screenshots
        try:
            if dialog.exec() == dialog.DialogCode.Accepted:
                chosen = dialog.focus
                workers.database(lambda: studio.save_image_focus(post.id, media_id, chosen),
                                 self.changed.emit, self._failed)
        finally:
            dialog.deleteLater()
            dialog = None
            self.fix_dialog = None

    def reopen(self) -> None:
        """Show the post as stored again (a picture in it was replaced by a fixed version)."""
        if self._post is not None:
            self.save_now()
            self._workers.database(self._jobs.open(self._post.id), self._show_saved,
                                   self._failed)

    def _show_saved(self, result: tuple[PostSnapshot, set[tuple[str, str]]]) -> None:
        self._show(result)
        self.changed.emit(Changes(posts=frozenset({result[0].id}), media=True))

    def _alt_text_edited(self, media_id: int, alt_text: str) -> None:
        post_id = self._post.id if self._post else None
        if post_id is None:
            return
        self.save_now()
        self._workers.database(self._jobs.set_alt_text(post_id, media_id, alt_text),
                               self._show_saved, self._failed)

    def _failed(self, error: Exception) -> None:
        self._dirty = self._dirty or isinstance(error, UserError)
        self.message.emit(str(error) if isinstance(error, UserError)
                          else "Could not reach the database; your text is kept here.")
