"""TotalsStrip: today's and the week's hours and the strategic share against the target."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.display import format_minutes
from app.domain import Kind
from ui.common import theme
from ui.common.richtext import escape


def strategic_share(minutes: dict[Kind, int]) -> int | None:
    """Return the strategic share in whole percent, or None when nothing is logged."""
    total = sum(minutes.values())
    return round(100 * minutes[Kind.STRATEGIC] / total) if total else None


def totals_text(today: dict[Kind, int], week: dict[Kind, int], target: int) -> str:
    """Return 'Today 2 h · Week 21 h 30 min · Strategic 38 % · target 50 %'."""
    share = strategic_share(week)
    return (f"Today {format_minutes(sum(today.values()))} · Week {format_minutes(sum(week.values()))}"
            f" · Strategic {'–' if share is None else share} % · target {target} %")


class ShareBar(QWidget):
    """The week as one bar: strategic, then operational, with a tick at the target.

    Decoration only: the label beside it says the same in words.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minutes = {kind: 0 for kind in Kind}
        self._target = 50
        self.setFixedSize(QSize(180, 12))

    def set_values(self, minutes: dict[Kind, int], target: int) -> None:
        self._minutes, self._target = dict(minutes), target
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 1.5, -0.5, -1.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(rect, 3, 3)
        total = sum(self._minutes.values())
        if total:
            width = rect.width() * self._minutes[Kind.STRATEGIC] / total
            painter.setBrush(theme.kind_color(Kind.OPERATIONAL))
            painter.drawRoundedRect(rect, 3, 3)
            if width:
                painter.setBrush(theme.kind_color(Kind.STRATEGIC))
                painter.drawRoundedRect(QRectF(rect.left(), rect.top(), width, rect.height()), 3, 3)
        x = rect.left() + rect.width() * self._target / 100
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 2))
        painter.drawLine(int(x), 0, int(x), self.height())
        painter.end()


class TotalsStrip(QWidget):
    """'Today 2 h · Week 21 h 30 min · Strategic 38 % · target 50 %' and the share bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.bar = ShareBar(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addSpacing(8)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        self.setAccessibleName("Totals")
        self._text = ""

    def text(self) -> str:
        """Return the totals in words (what a screen reader says)."""
        return self._text

    def show_totals(self, today: dict[Kind, int], week: dict[Kind, int], target: int) -> None:
        self._text = totals_text(today, week, target)
        share = strategic_share(week)
        values = [format_minutes(sum(today.values())), format_minutes(sum(week.values())),
                  "–" if share is None else str(share)]
        rich = [f"<b>{escape(v)}</b>" for v in values]
        self.label.setText(f"Today {rich[0]} · Week {rich[1]} · Strategic {rich[2]} % "
                           f"· target {target} %")
        self.setAccessibleDescription(self._text)
        self.bar.set_values(week, target)
        self.bar.setToolTip(self._text)
