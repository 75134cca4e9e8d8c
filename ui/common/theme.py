"""Colours for strategic and operational work on light and dark palettes, a dark palette, and
a checked look for toggle buttons that shows in both.

Blue for strategic, amber for operational: the pair stays apart for the common kinds of
colour blindness, and each has a lighter variant that reads on a dark window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from app.domain import Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QButtonGroup

# kind -> (light palette, dark palette): the main colour (bars, slices, dots).
_MAIN = {
    Kind.STRATEGIC: ("#2563eb", "#60a5fa"),
    Kind.OPERATIONAL: ("#d97706", "#fbbf24"),
}
# kind -> (light, dark): text on a tinted badge, dark enough (or light enough) to read.
_TEXT = {
    Kind.STRATEGIC: ("#1e40af", "#bfdbfe"),
    Kind.OPERATIONAL: ("#92400e", "#fde68a"),
}
_WORDS = {Kind.STRATEGIC: "Strategic", Kind.OPERATIONAL: "Operational"}


def is_dark(palette: QPalette | None = None) -> bool:
    """Return True when the window is drawn light-on-dark.

    The palette's window colour is what is actually painted, so it decides; the platform's
    colour scheme only breaks a tie for a mid-grey window.
    """
    if palette is None:
        palette = QGuiApplication.palette()
    lightness = palette.color(QPalette.ColorRole.Window).lightness()
    if lightness != 128:
        return lightness < 128
    hints = QGuiApplication.styleHints() if QGuiApplication.instance() else None
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def _pick(table: dict[Kind, tuple[str, str]], kind: Kind | str, dark: bool | None) -> QColor:
    light_name, dark_name = table[Kind(kind)]
    return QColor(dark_name if (is_dark() if dark is None else dark) else light_name)


def kind_color(kind: Kind | str, dark: bool | None = None) -> QColor:
    """Return the kind's colour for bars, slices and dots (for the current palette by default)."""
    return _pick(_MAIN, kind, dark)


def kind_text_color(kind: Kind | str, dark: bool | None = None) -> QColor:
    """Return a colour for the kind's word, readable on the window background."""
    return _pick(_TEXT, kind, dark)


def kind_word(kind: Kind | str | None) -> str:
    """Return 'Strategic', 'Operational', or '' when the kind is unknown."""
    return _WORDS[Kind(kind)] if kind else ""


def kind_badge_css(kind: Kind | str, dark: bool | None = None) -> str:
    """Return a style sheet that draws a label as a small tinted pill in the kind's colour."""
    dark = is_dark() if dark is None else dark
    main = kind_color(kind, dark)
    text = kind_text_color(kind, dark)
    tint = f"rgba({main.red()}, {main.green()}, {main.blue()}, {0.28 if dark else 0.14})"
    return (f"QLabel {{ color: {text.name()}; background: {tint}; border-radius: 8px; "
            f"padding: 1px 8px; font-weight: 600; }}")


def dark_palette() -> QPalette:
    """Return a dark palette (for screenshots and for testing the dark colours)."""
    palette = QPalette()
    # Fields a shade lighter than the window: Fusion outlines check boxes with a darker
    # window colour, which vanishes on a field darker than the window.
    base, window, text = QColor("#35373c"), QColor("#2b2d31"), QColor("#e6e6e6")
    disabled_text = QColor("#7a7d85")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#3a3c42"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: disabled_text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#40434a"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#4a4d55"),
        QPalette.ColorRole.Midlight: QColor("#40434a"),
        QPalette.ColorRole.Mid: QColor("#33353a"),
        QPalette.ColorRole.Dark: QColor("#17181a"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#3b6fd6"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#7aa7ff"),
        QPalette.ColorRole.LinkVisited: QColor("#b197fc"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled_text)
    return palette


def apply_dark_palette(app: QGuiApplication) -> None:
    """Switch the whole application to the dark palette (Fusion style draws it best)."""
    app.setPalette(dark_palette())


def apply_light_palette(app: QGuiApplication) -> None:
    """Switch back to the style's own (light) palette."""
    from PySide6.QtWidgets import QApplication

    style = QApplication.style() if isinstance(app, QApplication) else None
    app.setPalette(style.standardPalette() if style is not None else QPalette())


# -- toggle buttons -----------------------------------------------------------------------
class _CheckedLook(QObject):
    """Keeps the checked look of a group's buttons in step with the application's palette."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Light / dark switched. A child hears it as PaletteChange; setting the same colours
        # again changes nothing and sends no event, so this ends there.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            show_checked(watched)  # only buttons are watched
        return False


def show_checked(button: QAbstractButton) -> None:
    """Draw a checked button in the palette's Highlight colours, an unchecked one as usual."""
    from PySide6.QtWidgets import QApplication

    if not button.isChecked():
        button.setPalette(QPalette())  # nothing of its own: the application's palette
        return
    colours, roles = QApplication.palette(button), QPalette.ColorRole
    palette = QPalette()  # only these two roles its own: the rest follows the application's
    palette.setColor(roles.Button, colours.color(roles.Highlight))
    palette.setColor(roles.ButtonText, colours.color(roles.HighlightedText))
    button.setPalette(palette)


def mark_checked(group: QButtonGroup) -> None:
    """Make the group's checked button plainly visible, on a light palette and a dark one.

    Fusion draws a checked button only a tenth darker than the others, which does not show
    on a dark palette. A palette, not a style sheet: a style sheet's palette() colours stay
    those of when it was set, and it changes how Fusion draws and sizes the button.
    """
    look = _CheckedLook(group)
    for button in group.buttons():
        button.toggled.connect(lambda _checked, b=button: show_checked(b))
        button.installEventFilter(look)
        show_checked(button)
