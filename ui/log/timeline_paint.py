"""Painting the day timeline: hour lines, hatched gaps, blocks in their kind's colour, dashed
ghosts, the overlap mark, 'now' and a drag's preview. Colours come from the widget's palette
(and the kinds' colours from ui/common/theme.py), so light and dark both read."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPalette, QPen

from app.display import format_minutes
from ui.common import theme
from ui.log.timeline_items import Item, ItemKind, clock_text

DayTimeline = Any  # ui.log.timeline.DayTimeline, which imports this module to paint

_ROLE = QPalette.ColorRole
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_MARK = 14  # the overlap mark's size


def _faint(colour: QColor, alpha: int) -> QColor:
    faint = QColor(colour)
    faint.setAlpha(alpha)
    return faint


def _brush(colour: QColor, pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern) -> QBrush:
    return QBrush(colour, pattern)


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)  # as thin on a high-DPI screen as on any other
    return pen


def _kind_colour(widget: DayTimeline, item: Item) -> QColor:
    """Return the colour of an item's kind (the window's text for a ghost without one)."""
    kind = item.entry.kind if item.entry else item.suggestion.kind
    if kind is None:
        return widget.palette().color(_ROLE.Text)
    return theme.kind_color(kind, theme.is_dark(widget.palette()))


def _block_text(item: Item) -> str:
    """Return a block's or a ghost's title and duration."""
    title = item.entry.title if item.entry else item.suggestion.title
    minutes = item.entry.minutes if item.entry else item.suggestion.minutes
    return f"{title} · {format_minutes(minutes)}"


def paint_timeline(widget: DayTimeline, painter: QPainter) -> None:
    """Paint the whole timeline with ``painter`` (antialiased, set up by the widget)."""
    palette = widget.palette()
    painter.fillRect(widget.rect(), palette.color(_ROLE.Base))
    _paint_hours(widget, painter, palette)
    for item in widget.items:
        if item.kind is ItemKind.GAP:
            _paint_gap(widget, painter, palette, item)
    preview = widget.drag_preview()
    dragged = preview[1] if preview else None
    for item in widget.items:
        if item.kind is ItemKind.BLOCK and item is not dragged:
            _paint_block(widget, painter, palette, item, widget.item_rect(item))
        elif item.kind is ItemKind.GHOST:
            _paint_ghost(widget, painter, palette, item)
    if dragged is not None:  # on top: the new length shows over the blocks it reaches into
        _paint_block(widget, painter, palette, dragged, widget.item_rect(dragged, *preview[2:]),
                     span=preview[2:])
    _paint_now(widget, painter, palette)
    if preview and preview[0] == "new":
        _paint_new(widget, painter, palette, preview[2], preview[3])
    if not widget.items:
        painter.setPen(palette.color(_ROLE.PlaceholderText))
        area = QRectF(widget.rect()).adjusted(widget._gutter(), 0, 0, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         "Nothing logged on this day.\nDrag across the hours to log into them.")


def _paint_hours(widget: DayTimeline, painter: QPainter, palette: QPalette) -> None:
    text = palette.color(_ROLE.Text)
    gutter = widget._gutter()
    metrics = widget.fontMetrics()
    for minute in range(widget.first, widget.last + 1, 30):
        y = round(widget.y_of(minute)) + 0.5
        whole = minute % 60 == 0
        painter.setPen(_pen(_faint(text, 60 if whole else 22)))
        painter.drawLine(QPointF(gutter if whole else gutter + 4, y), QPointF(widget.width(), y))
        if whole:
            painter.setPen(palette.color(_ROLE.PlaceholderText))
            label = QRectF(0, y - metrics.height() / 2, gutter - 6, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             clock_text(minute))


def _draw_words(painter: QPainter, box: QRectF, align: Qt.AlignmentFlag, text: str,
                font: QFont) -> None:
    """Draw ``text`` in ``font`` inside ``box`` only: cut with an ellipsis measured in that font
    (a bold title measured in the plain font ran past its box unmarked), clipped to the box."""
    painter.save()
    painter.setFont(font)
    painter.setClipRect(box, Qt.ClipOperation.IntersectClip)
    fitted = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                              max(0, int(box.width())))
    painter.drawText(box, align, fitted)
    painter.restore()


def _paint_gap(widget: DayTimeline, painter: QPainter, palette: QPalette, item: Item) -> None:
    rect = widget.item_rect(item)
    text = palette.color(_ROLE.Text)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_brush(_faint(text, 12)))
    painter.drawRect(rect)
    painter.setBrush(_brush(_faint(text, 34), Qt.BrushStyle.BDiagPattern))
    painter.drawRect(rect)
    if widget.selected is item:
        painter.setPen(_pen(palette.color(_ROLE.Highlight), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    # The words go below any ghost at the gap's top, or a short block drawn a line tall into
    # it, where there is a free line for them.
    line = widget.fontMetrics().height()
    top = rect.top()
    for other in widget.items:
        if other.kind is not ItemKind.GAP and other.start < item.end and item.start <= other.end:
            box = widget.item_rect(other)
            if box.top() <= top + line and box.bottom() >= top:
                top = max(top, box.bottom() + 1)
    if rect.bottom() - top >= line + 2:
        painter.setPen(_faint(text, 170))
        words = f"{format_minutes(item.minutes)} not logged · drag or press Enter to log"
        inner = QRectF(rect.left() + 8, top + 1, rect.width() - 16, line)
        _draw_words(painter, inner, _LEFT, words, widget.font())


def _paint_block(widget: DayTimeline, painter: QPainter, palette: QPalette, item: Item,
                 rect: QRectF, span: tuple[int, int] | None = None) -> None:
    """Paint a block; ``span`` (start, end) while its edge is being dragged."""
    dragged = span is not None
    colour = _kind_colour(widget, item)
    dark = palette.color(_ROLE.Base).lightness() < 128
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(_ROLE.Base))  # the hour lines stay behind the block
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(_pen(colour, 1))
    painter.setBrush(_brush(_faint(colour, 150 if dragged else (80 if dark else 48))))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_brush(colour))
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
    if widget.selected is item:
        painter.setPen(_pen(palette.color(_ROLE.Highlight), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    mark = bool(item.overlaps)
    _block_words(widget, painter, palette, item, rect, reserve=_MARK + 4 if mark else 0,
                 span=span or (item.start, item.true_end))
    if mark:
        _paint_overlap_mark(painter, palette, QRectF(rect.right() - _MARK - 3, rect.top() + 2,
                                                     _MARK, _MARK))


def _block_words(widget: DayTimeline, painter: QPainter, palette: QPalette, item: Item,
                 rect: QRectF, reserve: int, span: tuple[int, int]) -> None:
    metrics = widget.fontMetrics()
    inner = rect.adjusted(9, 1, -4 - reserve, -1)
    if inner.height() < metrics.height() * 0.7 or inner.width() < 8:
        return
    entry = item.entry
    minutes = span[1] - span[0]
    bold = QFont(widget.font())
    bold.setBold(True)
    painter.setPen(palette.color(_ROLE.Text))
    if inner.height() < 2 * metrics.height():  # one line: title · duration
        _draw_words(painter, inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{entry.title} · {format_minutes(minutes)}", bold)
        return
    _draw_words(painter, inner, _LEFT, entry.title, bold)
    second = inner.adjusted(0, metrics.height(), 0, 0)
    words = f"{clock_text(span[0])}–{clock_text(min(span[1], 24 * 60))} · {format_minutes(minutes)}"
    if entry.category:
        words += f" · {entry.category}"
    _draw_words(painter, second, _LEFT, words, widget.font())


def _paint_overlap_mark(painter: QPainter, palette: QPalette, box: QRectF) -> None:
    """A small warning triangle with '!': colour is never the only sign."""
    path = QPainterPath()
    path.moveTo(box.center().x(), box.top())
    path.lineTo(box.right(), box.bottom())
    path.lineTo(box.left(), box.bottom())
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(_ROLE.Text))
    painter.drawPath(path)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(int(box.height() * 0.7))
    painter.setFont(font)
    painter.setPen(palette.color(_ROLE.Base))
    painter.drawText(box.adjusted(0, box.height() * 0.2, 0, 0), Qt.AlignmentFlag.AlignCenter, "!")


def _paint_ghost(widget: DayTimeline, painter: QPainter, palette: QPalette, item: Item) -> None:
    rect = widget.item_rect(item)
    colour = _kind_colour(widget, item)
    selected = widget.selected is item
    painter.setPen(_pen(palette.color(_ROLE.Highlight) if selected else colour,
                              2 if selected else 1.4, Qt.PenStyle.DashLine))
    painter.setBrush(_brush(_faint(colour, 18)))
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    inner = rect.adjusted(8, 2, -4, -2)  # inside the dashed outline
    if inner.height() >= widget.fontMetrics().height() * 0.7:
        painter.setPen(_faint(palette.color(_ROLE.Text), 200))
        action = "click to log" if item.suggestion.kind else "click to choose its kind and log"
        words = f"{_block_text(item)} · from your calendar: {action}"
        align = _LEFT if inner.height() >= 2 * widget.fontMetrics().height() else \
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        _draw_words(painter, inner, align, words, widget.font())


def _paint_now(widget: DayTimeline, painter: QPainter, palette: QPalette) -> None:
    now = widget.now_minute
    if now is None or not widget.first <= now <= widget.last:
        return
    y = widget.y_of(now)
    painter.setPen(_pen(palette.color(_ROLE.Highlight), 1.5))
    painter.drawLine(QPointF(widget._gutter() - 4, y), QPointF(widget.width(), y))
    painter.setBrush(palette.color(_ROLE.Highlight))
    painter.drawEllipse(QPointF(widget._gutter() - 4, y), 3, 3)


def _paint_new(widget: DayTimeline, painter: QPainter, palette: QPalette, start: int, end: int) -> None:
    top, bottom = widget.y_of(start), widget.y_of(max(end, start))
    rect = QRectF(widget._gutter() + 2, top, widget.width() - widget._gutter() - 10, bottom - top)
    highlight = palette.color(_ROLE.Highlight)
    painter.setPen(_pen(highlight, 1.5))
    painter.setBrush(_brush(_faint(highlight, 60)))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(palette.color(_ROLE.Text))
    words = f"{clock_text(start)}–{clock_text(end)} · {format_minutes(end - start)}"
    _draw_words(painter, rect.adjusted(8, 1, -4, 0), _LEFT, words, widget.font())
