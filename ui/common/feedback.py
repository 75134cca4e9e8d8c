"""MessageLine: one line under a field that says what will happen, or what is wrong with it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from ui.common import theme
from ui.common.richtext import escape

OK, PROBLEM, HINT = "ok", "problem", "hint"


def problem_css() -> str:
    """Return the style of a problem message: a red that reads on the window background."""
    colour = "#fca5a5" if theme.is_dark() else "#b91c1c"
    return f"color: {colour}; font-weight: 600;"


class MessageLine(QWidget):
    """An icon and a message. A problem has a warning icon and the word 'Not saved' as well as
    its colour, so colour is never the only sign."""

    _ICONS = {OK: QStyle.StandardPixmap.SP_DialogApplyButton,
              PROBLEM: QStyle.StandardPixmap.SP_MessageBoxWarning,
              HINT: QStyle.StandardPixmap.SP_MessageBoxInformation}

    def __init__(self, parent: QWidget | None = None, accessible_name: str = "Message") -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)  # always: problems are escaped text
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.setAccessibleName(accessible_name)
        self.state = ""

    def text(self) -> str:
        """Return the message as plain text (what a screen reader says)."""
        return self.accessibleDescription()

    def show_ok(self, rich_text: str, plain_text: str) -> None:
        """Show what will happen; ``rich_text`` may colour words, ``plain_text`` says the same."""
        self._show(OK, rich_text, plain_text, "")

    def show_problem(self, message: str, prefix: str = "Not saved: ") -> None:
        self._show(PROBLEM, escape(prefix + message), prefix + message, problem_css())

    def show_hint(self, message: str) -> None:
        self._show(HINT, escape(message), message, "color: palette(placeholder-text);")

    def clear(self) -> None:
        self.state = ""
        self.label.clear()
        self.icon.clear()
        self.setAccessibleDescription("")

    def _show(self, state: str, rich_text: str, plain_text: str, css: str) -> None:
        self.state = state
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(self._ICONS[state]).pixmap(size, size))
        self.label.setStyleSheet(css)
        self.label.setText(rich_text)
        self.setAccessibleDescription(plain_text)
