"""Chips kept as pictures: they look like chips drawn directly, and the month read ahead is
drawn before the person goes there, so switching to it only copies pictures."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clinicstudio.domain import PostStatus
from clinicstudio.planning import CalendarService
from clinicstudio.planning.queries import CalendarPost
from clinicstudio.store.database import Database
from clinicstudio.ui.calendar import CalendarPane
from clinicstudio.ui.calendar.chips import ChipImages, paint_chip
from clinicstudio.ui.workers import Workers
from tests.helpers.planning_posts import add_post

WHEN = datetime(2026, 11, 18, 14, 30, tzinfo=UTC)
POST = CalendarPost(7, "Flu clinic this Saturday", PostStatus.SCHEDULED, WHEN, WHEN,
                    ("facebook", "instagram", "x"))


def _drawn(paint: object) -> QImage:
    image = QPixmap(200, 24)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(QApplication.font())
    paint(painter)  # type: ignore[operator]
    painter.end()
    return image.toImage()


def _difference(first: QImage, second: QImage) -> int:
    """The largest difference of any colour channel of any pixel (0 to 255)."""
    assert first.size() == second.size()
    return max(max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
               for a, b in ((first.pixelColor(x, y), second.pixelColor(x, y))
                            for y in range(first.height()) for x in range(first.width())))


#: Rounded corners blended onto a transparent picture, then onto the day, may round one level
#: apart from corners drawn onto the day directly; anything more is a different chip.
SAME = 2


def test_a_kept_chip_looks_like_one_drawn_directly(qtbot: QtBot) -> None:
    palette = QApplication.palette()
    rect = QRectF(6, 2, 180, 20)
    direct = _drawn(lambda painter: paint_chip(painter, rect, POST, palette))
    images = ChipImages()
    kept = _drawn(lambda painter: images.paint(painter, rect, POST, palette,
                                               QApplication.font()))
    assert _difference(kept, direct) <= SAME
    again = _drawn(lambda painter: images.paint(painter, rect, POST, palette,
                                                QApplication.font()))
    # The second time copies the first picture.
    assert _difference(again, direct) <= SAME and len(images) == 1


def test_a_changed_chip_gets_a_picture_of_its_own(qtbot: QtBot) -> None:
    images, palette, font = ChipImages(limit=2), QApplication.palette(), QFont()
    rect = QRectF(0, 0, 180, 20)
    for post in (POST, replace(POST, title="Flu clinic moved to Sunday"),
                 replace(POST, status=PostStatus.PUBLISHED)):
        before = _drawn(lambda painter, p=post: paint_chip(painter, rect, p, palette))
        kept = _drawn(lambda painter, p=post: images.paint(painter, rect, p, palette, font))
        assert _difference(kept, before) <= SAME
    assert len(images) == 2  # the oldest picture made way


def test_the_next_month_is_drawn_before_it_is_shown(
        qtbot: QtBot, clinic: tuple[Database, int, int], service: CalendarService) -> None:
    db = clinic[0]
    with db.transaction() as session:
        november = add_post(session, datetime(2026, 11, 10, 15, tzinfo=UTC), title="Walk").id
        december = [add_post(session, datetime(2026, 12, day, 15, tzinfo=UTC),
                             title=f"Holiday hours {day}").id for day in (3, 9, 21)]
    owner = QWidget()
    workers = Workers(owner)
    pane = CalendarPane(service, workers=workers)
    qtbot.addWidget(pane)
    pane.resize(1200, 820)
    pane.show()
    qtbot.waitExposed(pane)
    month = pane.month_view
    try:
        qtbot.waitUntil(lambda: month.chip_ids(date(2026, 11, 10)) == [november])
        # October and December are read on the database thread, then drawn while idle.
        qtbot.waitUntil(lambda: not workers.busy and month.chip_images.waiting() == 0
                        and len(month.chip_images) >= 1 + len(december))
        drawn = len(month.chip_images)

        pane.step(1)
        assert pane.title.text() == "December 2026"  # shown from what was read ahead
        pane.grab()
        assert month.chip_ids(date(2026, 12, 21)) == [december[2]]
        assert len(month.chip_images) == drawn  # every chip was a kept picture
    finally:
        workers.wait()
        pane.close()
        owner.deleteLater()


def test_a_palette_change_draws_the_chips_again(qtbot: QtBot) -> None:
    images, font, rect = ChipImages(), QFont(), QRectF(0, 0, 180, 20)
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.black)
    dark.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.white)
    on_light = _drawn(lambda painter: images.paint(painter, rect, POST, light, font))
    on_dark = _drawn(lambda painter: images.paint(painter, rect, POST, dark, font))
    assert _difference(on_dark, on_light) > 100 and len(images) == 2
