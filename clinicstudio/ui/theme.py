"""The window's look: light or dark following the system, styles and icons read from resources/ui.

Colours a widget needs in code (the underline of a finding) come from :func:`severity_color`, so
they match the style sheet of the active theme.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QDir, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from clinicstudio.domain import Severity
from clinicstudio.resources import resource_path

LIGHT, DARK = "light", "dark"

_PALETTES = {
    LIGHT: {"window": "#f3f5f8", "base": "#ffffff", "alt": "#f7f9fb", "text": "#1d2630",
            "muted": "#5b6775", "button": "#ffffff", "accent": "#2a6f9e", "on_accent": "#ffffff",
            "icon": "#3d4a58"},
    DARK: {"window": "#161b21", "base": "#1a2027", "alt": "#222a33", "text": "#e4e9ef",
           "muted": "#9aa7b5", "button": "#232b34", "accent": "#6fb1dd", "on_accent": "#0e1620",
           "icon": "#c9d3de"},
}
_SEVERITY = {
    LIGHT: {Severity.BLOCK: "#b3261e", Severity.WARN: "#b06a00", Severity.INFO: "#2a6f9e"},
    DARK: {Severity.BLOCK: "#f2867d", Severity.WARN: "#f0b35a", Severity.INFO: "#6fb1dd"},
}
_current = LIGHT


def system_scheme() -> str:
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def current() -> str:
    return _current


def apply(app: QApplication, scheme: str | None = None) -> str:
    """Style ``app`` as ``scheme`` (default: what the system uses). Returns the scheme applied."""
    global _current
    _current = scheme if scheme in (LIGHT, DARK) else system_scheme()
    colours = _PALETTES[_current]
    app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for name, roles in (("window", (role.Window,)), ("base", (role.Base,)),
                        ("alt", (role.AlternateBase,)), ("button", (role.Button,)),
                        ("text", (role.WindowText, role.Text, role.ButtonText, role.ToolTipText)),
                        ("accent", (role.Highlight, role.Link)),
                        ("on_accent", (role.HighlightedText,)), ("muted", (role.PlaceholderText,))):
        for r in roles:
            palette.setColor(r, QColor(colours[name]))
    palette.setColor(role.ToolTipBase, QColor(colours["base"]))
    app.setPalette(palette)
    QDir.addSearchPath("ui", str(resource_path("ui")))
    app.setStyleSheet(resource_path("ui", f"{_current}.qss").read_text(encoding="utf-8"))
    return _current


def severity_color(severity: Severity) -> QColor:
    return QColor(_SEVERITY[_current][severity])


def muted_color() -> QColor:
    return QColor(_PALETTES[_current]["muted"])


def icon(name: str) -> QIcon:
    """One of the studio's own icons (resources/ui/icons/NAME.svg), tinted for the theme.

    The icon follows the theme at the time it is drawn, so buttons made before the user
    switches to dark (or back) do not keep the other theme's colour.
    """
    return _icon(name)


def _tinted_svg(name: str, scheme: str) -> bytes:
    path = resource_path("ui", "icons", f"{name}.svg")
    if not path.is_file():
        raise ValueError(f"no icon named {name!r}")
    colour = _SEVERITY[scheme][Severity(name)] if name in ("block", "warn", "info") else (
        "#2e7d32" if name == "ok" and scheme == LIGHT else
        "#81c784" if name == "ok" else _PALETTES[scheme]["icon"])
    return path.read_text(encoding="utf-8").replace("currentColor", colour).encode()


class _TintedSvg(QIconEngine):
    """Draws one of our SVG icons at whatever size and pixel ratio it is asked for, in the
    colours of the theme in use when it is drawn."""

    def __init__(self, name: str, svgs: dict[str, bytes]) -> None:
        super().__init__()
        self._name = name
        self._svgs = svgs
        self._renderers: dict[str, QSvgRenderer] = {}
        # Each size is drawn once per theme: lists and toolbars ask for the same icon on every
        # repaint (the findings list on every keystroke), and drawing SVG is not cheap.
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        size = QSize(max(round(rect.width() * scale), 1), max(round(rect.height() * scale), 1))
        picture = self.pixmap(size, mode, state)
        painter.drawPixmap(QRectF(rect), picture, QRectF(picture.rect()))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (_current, size.width(), size.height(), mode, state)
        picture = self._pixmaps.get(key)
        if picture is None:
            picture = self._pixmaps[key] = self._draw(size, mode)
        return picture

    def _draw(self, size: QSize, mode: QIcon.Mode) -> QPixmap:
        renderer = self._renderers.get(_current)
        if renderer is None:
            renderer = self._renderers[_current] = QSvgRenderer(QByteArray(self._svgs[_current]))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return QPixmap.fromImage(image)

    def clone(self) -> QIconEngine:
        return _TintedSvg(self._name, self._svgs)


@cache
def _icon(name: str) -> QIcon:
    svgs = {scheme: _tinted_svg(name, scheme) for scheme in (LIGHT, DARK)}
    return QIcon(_TintedSvg(name, svgs))
