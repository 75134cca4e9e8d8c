"""The quick-log line's suggestion popups: a task as its title over a dim line of what it
usually is ('operational · #Status reports & decks · usually 45 min'), and where they open."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.common import theme

_Index = QModelIndex | QPersistentModelIndex
_PAD = 4


class SuggestionDelegate(QStyledItemDelegate):
    """Paints a suggestion in two lines: the title, and under it the model's ``detail_role``
    in a smaller, dimmer type, with a dot in the kind's colour (the word says it too)."""

    def __init__(self, detail_role: int, kind_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail_role = detail_role
        self.kind_role = kind_role

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.88, 7.0))
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        lines = QFontMetrics(option.font).height() + QFontMetrics(self._small(option.font)).height()
        return QSize(option.rect.width(), lines + 3 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        title, detail = option.text, index.data(self.detail_role) or ""
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        rect = option.rect.adjusted(2 * _PAD, _PAD, -2 * _PAD, -_PAD)
        height = QFontMetrics(option.font).height()
        painter.save()
        painter.setFont(option.font)
        painter.setPen(text)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(option.font).elidedText(title, Qt.TextElideMode.ElideRight,
                                                              rect.width()))
        small = self._small(option.font)
        metrics = QFontMetrics(small)
        top = rect.top() + height + _PAD // 2
        left = rect.left()
        kind = index.data(self.kind_role)
        if kind is not None:
            dot = metrics.height() // 2
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.kind_color(kind))
            painter.drawEllipse(left, top + (metrics.height() - dot) // 2, dot, dot)
            left += dot + _PAD + 2
        painter.setFont(small)
        colour = option.palette.color(group, dim)
        if selected:
            colour.setAlphaF(0.8)
        painter.setPen(colour)
        painter.drawText(QRect(left, top, rect.right() - left, metrics.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.right() - left))
        painter.restore()


def popup_rect(line: QWidget, keep_visible: QWidget) -> QRect:
    """Return the rectangle (in ``line``'s coordinates) a completer opens its popup under: the
    line and ``keep_visible`` below it (the preview, the error line), so the popup leaves them
    in view instead of covering them."""
    top = keep_visible.mapTo(line.window(), keep_visible.rect().topLeft()).y()
    # The height it is about to have: a message that just grew a line is not laid out yet.
    wanted = keep_visible.heightForWidth(keep_visible.width())
    bottom = top + max(keep_visible.height(), wanted if wanted > 0 else keep_visible.sizeHint().height())
    line_top = line.mapTo(line.window(), line.rect().topLeft()).y()
    # The completer opens the popup at the rectangle's last row: a small gap below it.
    height = max(line.height(), bottom - line_top + 2) if keep_visible.isVisible() else line.height()
    return QRect(0, 0, line.width(), height)
