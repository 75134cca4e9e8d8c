"""The review's charts on FigureCanvasQTAgg, their colours, and their export to PNG, SVG and PDF.

matplotlib is imported inside the functions that first need it (never when this module is
imported), so the window starts without it; ``start_warm_up()`` can load it in the
background once the window is up. The drawing itself is in ui/review/plots.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from app.domain import Kind
from app.review.analysis import Review, Route
from ui.common import theme
from ui.review.plots import PLOTS, ChartPalette, Margins, Plot, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# route -> (light palette, dark palette); the route's word is always drawn beside its bar.
_ROUTES = {
    Route.PRODUCT_OPS: ("#7c3aed", "#a78bfa"),
    Route.AUTOMATE: ("#0d9488", "#2dd4bf"),
    Route.DROP: ("#dc2626", "#f87171"),
    Route.REDESIGN: ("#db2777", "#f472b6"),
}
_HANDED_OFF = ("#9ca3af", "#6b7280")
_TARGET = ("#15803d", "#4ade80")


def chart_palette(palette: QPalette) -> ChartPalette:
    """Return the chart colours that match a widget's palette."""
    dark = theme.is_dark(palette)
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    pick = 1 if dark else 0
    return ChartPalette(
        dark=dark, background=background.name(), text=text.name(),
        muted=_mix(text, background, 0.6), grid=_mix(text, background, 0.18),
        strategic=theme.kind_color(Kind.STRATEGIC, dark).name(),
        operational=theme.kind_color(Kind.OPERATIONAL, dark).name(),
        share=text.name(), target=_TARGET[pick],
        routes={route: pair[pick] for route, pair in _ROUTES.items()},
        handed_off=_HANDED_OFF[pick],
    )


def print_palette() -> ChartPalette:
    """Return the palette of the PDF: print is light, whatever the screen."""
    return ChartPalette(
        dark=False, background="#ffffff", text="#1f2328", muted="#6b7280", grid="#e5e7eb",
        strategic=theme.kind_color(Kind.STRATEGIC, False).name(),
        operational=theme.kind_color(Kind.OPERATIONAL, False).name(), share="#1f2328",
        target=_TARGET[0], routes={route: pair[0] for route, pair in _ROUTES.items()},
        handed_off=_HANDED_OFF[0],
    )


def _mix(a: QColor, b: QColor, amount: float) -> str:
    """Return ``amount`` of colour a over colour b."""
    def channel(x: int, y: int) -> int:
        return round(x * amount + y * (1 - amount))

    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()),
                  channel(a.blue(), b.blue())).name()


def warm_up() -> None:
    """Import matplotlib and its Qt canvas and load the font, so the first chart is quick.

    Safe on a worker thread: it creates no Qt object and touches no figure.
    """
    import matplotlib

    matplotlib.use("QtAgg")
    from matplotlib import font_manager
    from matplotlib.backends import backend_qtagg  # noqa: F401
    from matplotlib.collections import PolyCollection  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401

    font_manager.get_font(font_manager.findfont("DejaVu Sans"))


def start_warm_up() -> None:
    """Run ``warm_up`` on a daemon thread; call it once the main window is shown."""
    import threading

    threading.Thread(target=warm_up, name="matplotlib-warm-up", daemon=True).start()


_CANVAS: type | None = None


def _canvas_class() -> type:
    """Return FigureCanvasQTAgg drawing text unhinted, each text in one piece.

    Text is most of a redraw's cost. FreeType's hinting was a third of it; at screen sizes
    the glyphs look the same without. matplotlib 3.11 draws text glyph by glyph in Python,
    a third of a week switch: this canvas's renderer draws each string as one bitmap, as
    matplotlib did up to 3.10 (the same glyphs, placed within a pixel).
    """
    global _CANVAS
    if _CANVAS is None:
        from matplotlib import rcParams
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.ft2font import FT2Font

        whole = _whole_text_renderer(RendererAgg) if hasattr(FT2Font, "draw_glyphs_to_bitmap") else None

        class ReviewCanvas(FigureCanvasQTAgg):
            def get_renderer(self):
                renderer = super().get_renderer()
                if whole is not None and type(renderer) is RendererAgg:  # a new one: resized
                    renderer.__class__ = whole
                return renderer

            def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
                # The charts do not zoom: the wheel scrolls the page they are on.
                event.ignore()

            def draw(self) -> None:
                # Not rc_context: it copies every rcParam, a millisecond a draw.
                hinting = rcParams["text.hinting"]
                rcParams["text.hinting"] = "no_hinting"
                try:
                    super().draw()
                finally:
                    rcParams["text.hinting"] = hinting

        _CANVAS = ReviewCanvas
    return _CANVAS


def _whole_text_renderer(base: type) -> type:
    """Return a RendererAgg that draws plain (not math) text a string at a time."""
    import math

    from matplotlib.backends.backend_agg import get_hinting_flag

    class WholeTextRenderer(base):
        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath:
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            font = self._prepare_font(prop)
            font.set_text(s, 0, flags=get_hinting_flag())  # rotated below, as a bitmap
            font.draw_glyphs_to_bitmap(antialiased=gc.get_antialiased())
            descent = font.get_descent() / 64
            left, top = (offset / 64 for offset in font.get_bitmap_offset())
            x = round(x + left + descent * math.sin(math.radians(angle)))
            y = round(y + top + descent * math.cos(math.radians(angle)))
            self._renderer.draw_text_image(font.get_image(), x, y + 1, angle, gc)

    return WholeTextRenderer


class Chart(QWidget):
    """One plot on its own figure and canvas; ``show_review`` redraws it in place.

    Margins are kept in inches and re-applied on resize, so labels keep their room without
    a layout engine running on every draw.
    """

    def __init__(self, name: str, title: str, plot: type[Plot], parent: QWidget | None = None,
                 min_height: int = 280) -> None:
        super().__init__(parent)
        warm_up()
        from matplotlib.figure import Figure

        self.name = name
        self.title = title
        self.figure: Figure = Figure(figsize=(6, 3.2), dpi=100)
        self.axes: Axes = self.figure.add_subplot()
        self.plot = plot(self.axes)
        self.canvas = _canvas_class()(self.figure)
        self.canvas.setParent(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName(title)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to type into: Tab passes by
        self.setMinimumSize(360, min_height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self._margins = Margins()
        self.canvas.mpl_connect("resize_event", self._resized)
        self.canvas.mpl_connect("motion_notify_event", self._hovered)
        self._shown: tuple[Review, ChartPalette] | None = None
        # Counters that tests and benchmarks read: data shown, and renders of the figure.
        self.draws = 0
        self.rendered = 0
        self.canvas.mpl_connect("draw_event", self._count_render)

    def show_review(self, review: Review, palette: ChartPalette) -> None:
        """Redraw from ``review``; the canvas renders once, when Qt is next idle."""
        self.figure.set_facecolor(palette.background)
        self._shown = (review, palette)
        self._margins = self.plot.update(review, palette)
        self._margins.apply(self.figure)
        self.canvas.setAccessibleDescription(self.plot.empty_message or self.axes.get_title())
        self.draws += 1
        self.canvas.draw_idle()

    def _resized(self, _event) -> None:
        # Labels are shortened and keys laid out for the width: fill them in for the new one.
        if self._shown is not None:
            self._margins = self.plot.update(*self._shown)
        self._margins.apply(self.figure)

    def _hovered(self, event) -> None:
        """Show the full text of a shortened label under the mouse as the canvas's tooltip."""
        self.canvas.setToolTip(self.plot.tooltip_at(event.x, event.y))

    def _count_render(self, _event) -> None:
        self.rendered += 1


# -- export -------------------------------------------------------------------------------
EXPORT_SIZE = (10, 5.6)  # inches: a slide's width, room for the labels whatever the window


def save_chart(chart: Chart, path: str, review: Review) -> None:
    """Save one chart as PNG or SVG (by the file's extension), drawn like the PDF: on white,
    whatever the screen's theme (the window's grey, or a dark chart, looks wrong on a slide)."""
    from matplotlib.figure import Figure

    palette = print_palette()
    figure = Figure(figsize=EXPORT_SIZE)
    figure.set_facecolor(palette.background)
    _pdf_chart(figure, (0, 0, 1, 1), type(chart.plot), review, palette)
    figure.savefig(path, dpi=150, facecolor=palette.background)


def save_pdf(path: str, review: Review, headline_lines: list[str]) -> None:
    """Write the review as a two-page A4 landscape PDF: the headline and all four charts."""
    warm_up()
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    palette = print_palette()
    plots = {name: plot for name, _title, plot in PLOTS}
    first = Figure(figsize=(11.69, 8.27))
    first.text(0.05, 0.95, f"Weekly review · {review.week.label}", fontsize=18, weight="bold",
               va="top", color=palette.text)
    first.text(0.05, 0.895, "\n".join(headline_lines), fontsize=10.5, va="top", linespacing=1.7,
               color=palette.text)
    _pdf_chart(first, (0.03, 0.04, 0.45, 0.62), plots["split"], review, palette)
    _pdf_chart(first, (0.50, 0.04, 0.48, 0.62), plots["categories"], review, palette)

    second = Figure(figsize=(11.69, 8.27))
    second.text(0.05, 0.95, f"Hand-off candidates · {review.lookback.words}",
                fontsize=14, weight="bold", va="top", color=palette.text)
    second.text(0.05, 0.905, "\n".join(wrap(line, 150, 2) for line in _reasons(review)),
                fontsize=9, va="top", linespacing=1.5, color=palette.text)
    _pdf_chart(second, (0.03, 0.30, 0.95, 0.44), plots["candidates"], review, palette)
    _pdf_chart(second, (0.03, 0.02, 0.95, 0.27), plots["habit"], review, palette)
    with PdfPages(path, metadata={"Title": f"PM Workload: weekly review {review.week.label}",
                                  "Creator": "PM Workload"}) as pdf:
        for page in (first, second):
            pdf.savefig(page)


def _reasons(review: Review, most: int = 8) -> list[str]:
    """Return the candidates' one-line reasons and the tasks still to rate, for the PDF."""
    out = [f"{t.title}: {t.reason}" for t in review.candidates[:most]] or [
        "No hand-off candidates yet: rate the operational tasks (checklist 1-5)."]
    if len(review.candidates) > most:
        out.append(f"… and {len(review.candidates) - most} more")
    if review.to_rate:
        count = len(review.to_rate)
        out.append(f"Still to rate: {count} operational task{'' if count == 1 else 's'}, most "
                   "hours first: " + ", ".join(t.title for t in review.to_rate[:4])
                   + ("…" if count > 4 else ""))
    return out


def _pdf_chart(figure: Figure, region: tuple[float, float, float, float], plot: type[Plot],
               review: Review, palette: ChartPalette) -> None:
    """Draw a plot in a region of the page (figure fractions), its margins inside the region."""
    ax = figure.add_axes(region)
    margins = plot(ax).update(review, palette)
    width, height = figure.get_size_inches()
    x, y, w, h = region
    left, bottom = margins.left / width, margins.bottom / height
    ax.set_position((x + left, y + bottom, w - left - margins.right / width,
                     h - bottom - margins.top / height))
