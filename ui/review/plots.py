"""The review's four plots, drawn on any matplotlib Axes and updated in place.

A week switch must redraw every chart in well under a tenth of a second, and matplotlib's
costs are clearing axes, making ticks and patches, and laying out text. So each plot builds
its artists once (again only when the palette or the range changes) and afterwards only
moves them: bars are one PolyCollection per series, labels come from a reused pool, and
ticks are reused. Text is kept to what a reader needs, and placed without measuring.

No Qt here, and matplotlib is imported inside the methods that draw, so importing this module
costs nothing; the page and the PDF export share these plots.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from app.display import shorten
from app.review.analysis import Review, Route, WeekSplit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.text import Text

EMPTY_LOG = "Log a few days to see this."
TICK_SIZE = 8.5
LABEL_SIZE = 9
TITLE_SIZE = 11
CATEGORY_ROWS = 8       # rows the category chart always has room for (bars stay thin)
CANDIDATE_ROWS = 6
MAX_CANDIDATE_ROWS = 10
_POINTS = 72


class ChartPalette(NamedTuple):
    """The colours of one light or dark palette, as matplotlib colour strings."""

    dark: bool
    background: str
    text: str
    muted: str
    grid: str
    strategic: str
    operational: str
    share: str
    target: str
    routes: dict[Route, str]
    handed_off: str


class Margins(NamedTuple):
    """Room around the axes, in inches (left, right, top, bottom)."""

    left: float = 0.7
    right: float = 0.25
    top: float = 0.45
    bottom: float = 0.55

    def apply(self, figure: Figure) -> None:
        """Place the figure's only axes inside these margins."""
        width, height = figure.get_size_inches()
        left = min(self.left / width, 0.6)
        right = max(1 - self.right / width, left + 0.05)
        bottom = min(self.bottom / height, 0.6)
        top = max(1 - self.top / height, bottom + 0.05)
        figure.subplots_adjust(left=left, right=right, top=top, bottom=bottom)


EMPTY_MARGINS = Margins(left=0.25, right=0.25, bottom=0.25)


# -- helpers ------------------------------------------------------------------------------
def wrap(text: str, width: int, lines: int = 2) -> str:
    """Return text wrapped to ``width`` characters on at most ``lines`` lines (then '…')."""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def hours_label(minutes: float) -> str:
    """Return minutes as hours to one decimal; a few minutes read '<0.1', never '0.0'."""
    text = f"{minutes / 60:.1f}"
    return "<0.1" if minutes > 0 and text == "0.0" else text


def text_inches(lines: list[str], size: float = TICK_SIZE) -> float:
    """Return a generous estimate of the width of the longest line, in inches."""
    longest = max((len(line) for text in lines for line in text.split("\n")), default=0)
    return longest * size * 0.56 / _POINTS


def week_tick(week: WeekSplit) -> str:
    """Return a week's tick label: 'W48' for an ISO week, else its first day, '22 Nov'."""
    return week.label.split("-", 1)[1] if week.is_iso else f"{week.start.day} {week.start:%b}"


def week_axis(weeks: list[WeekSplit]) -> str:
    """Return the week axis's label: 'ISO week, 2026', or 'Week starting, 2026' when not ISO."""
    if all(w.is_iso for w in weeks):
        years = sorted({w.label[:4] for w in weeks})
        return f"ISO week, {'–'.join(years)}"
    years = sorted({str(w.start.year) for w in weeks})
    return f"Week starting, {'–'.join(years)}"


def columns(bottoms: list[float], heights: list[float], width: float) -> list[list]:
    """Return the corners of vertical bars centred on 0, 1, 2…"""
    half = width / 2
    return [[(i - half, b), (i - half, b + h), (i + half, b + h), (i + half, b)]
            for i, (b, h) in enumerate(zip(bottoms, heights, strict=True))]


def rows(lefts: list[float], widths: list[float], height: float) -> list[list]:
    """Return the corners of horizontal bars centred on rows 0, 1, 2…"""
    half = height / 2
    return [[(a, i - half), (a + w, i - half), (a + w, i + half), (a, i + half)]
            for i, (a, w) in enumerate(zip(lefts, widths, strict=True))]


def bar_lengths(bars: PolyCollection, horizontal: bool = False) -> list[float]:
    """Return the length of each bar of a collection (what a reader sees; for tests)."""
    axis = 0 if horizontal else 1
    return [round(float(p.vertices[:, axis].max() - p.vertices[:, axis].min()), 6)
            for p in bars.get_paths()]


def _bars(ax: Axes, colour: str, zorder: float = 2, **kwargs: Any) -> PolyCollection:
    from matplotlib.collections import PolyCollection

    bars = PolyCollection([], facecolors=colour, edgecolors="none", zorder=zorder, **kwargs)
    ax.add_collection(bars, autolim=False)
    return bars


def _at(ax: Axes, x: float, y: float):
    """Return a transform in inches from the point (x, y) of the axes (0-1 each way)."""
    from matplotlib.transforms import ScaledTranslation

    return ax.figure.dpi_scale_trans + ScaledTranslation(x, y, ax.transAxes)


def _few_ticks(axis, bins: int = 4, integer: bool = True) -> None:
    """Put a few round ticks on an axis: each tick label costs as much to draw as a bar."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10], integer=integer))


def _style(ax: Axes, title: str, palette: ChartPalette) -> Text:
    """Clear the axes and style them for the palette.

    Title and axis labels get fixed places (in inches from the axes): left to themselves,
    matplotlib would measure every tick label on each draw to place them.
    """
    ax.clear()
    ax.set_axis_on()
    ax.set_facecolor(palette.background)
    heading = ax.set_title(title, color=palette.text, fontsize=TITLE_SIZE, loc="left", y=1.0)
    heading.set_transform(_at(ax, 0, 1))     # placed in inches by Plot.update
    heading.set_verticalalignment("bottom")
    ax.tick_params(colors=palette.text, labelsize=TICK_SIZE, length=3)
    for side, spine in ax.spines.items():
        spine.set_visible(side in ("left", "bottom"))
        spine.set_color(palette.muted)
    ax.xaxis.label.set_color(palette.text)
    ax.yaxis.label.set_color(palette.text)
    ax.xaxis.set_label_coords(0, -0.27, _at(ax, 0.5, 0))
    ax.yaxis.set_label_coords(-0.42, 0, _at(ax, 0, 0.5))
    return heading


def _set_xlabel(ax: Axes, text: str) -> None:
    """Set the x axis's label, kept centred under the axes.

    set_xlabel puts the label at x=0.5 of its transform, which _style made inches from the
    axes' middle: the label sat half an inch right of centre, past a narrow chart's edge.
    """
    ax.set_xlabel(text, fontsize=LABEL_SIZE)
    ax.xaxis.label.set_x(0)


def _key(ax: Axes, entries: list[tuple[str, dict, str]], palette: ChartPalette, anchor: tuple,
         origin: tuple[float, float], per_row: int, column: float) -> list:
    """Draw a legend: ('patch' | 'line', style, label) entries, ``per_row`` to a row.

    ``origin`` is where the first entry starts, in inches from ``anchor`` (axes fraction).
    matplotlib's Legend lays itself out on every draw; this is placed once.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    where = _at(ax, *anchor)
    artists: list = []
    for i, (shape, style, label) in enumerate(entries):
        row, col = divmod(i, per_row)
        x, y = origin[0] + col * column, origin[1] - row * 0.2
        if shape == "patch":
            mark = Rectangle((x, y - 0.055), 0.2, 0.11, transform=where, clip_on=False, **style)
        else:
            mark = Line2D([x, x + 0.1, x + 0.2], [y, y, y], transform=where, clip_on=False,
                          markevery=[1], **style)
        text = ax.text(x + 0.27, y, label, transform=where, va="center", ha="left",
                       fontsize=TICK_SIZE, color=palette.text, clip_on=False)
        ax.add_artist(mark)
        artists += [mark, text]
    return artists


class TextPool:
    """Labels made once and reused: each update only moves and re-words them."""

    def __init__(self, ax: Axes, **style: Any) -> None:
        self._ax = ax
        self._style = style
        self._texts: list[Text] = []

    def show(self, items: list[tuple[float, float, str]]) -> None:
        """Show a label at each (x, y, text) and hide the rest."""
        while len(self._texts) < len(items):
            self._texts.append(self._ax.text(0, 0, "", **self._style))
        for text, (x, y, words) in zip(self._texts, items, strict=False):
            text.set_position((x, y))
            text.set_text(words)
            text.set_visible(True)
        for text in self._texts[len(items):]:
            text.set_visible(False)

    def texts(self) -> list[str]:
        return [t.get_text() for t in self._texts if t.get_visible()]


class Plot:
    """One chart on one Axes. ``update(review, palette)`` redraws it and returns its margins.

    ``build`` makes the artists when the layout changes (first use, palette, range);
    ``fill`` runs on every update and only moves them. With nothing to show, the artists
    are hidden and a message says what to do.
    """

    title = ""
    grid_axis = "y"
    title_over_labels = False   # start the title above long row labels, not at the axes

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self._layout: Any = None
        self.empty_message = ""
        self.artists: list = []         # hidden while the chart is empty
        self._message: Text | None = None
        self._shown: str | None = None  # the message on screen ('' for the chart itself)

    def layout(self, review: Review, palette: ChartPalette) -> Any:
        """Return what, when it changes, needs the artists built again."""
        return palette

    def width(self) -> float:
        """Return the figure's width in inches: what the labels and the key have to fit in."""
        return float(self.ax.figure.get_size_inches()[0])

    def tooltip_at(self, x: float, y: float) -> str:
        """Return the full text of what is at (x, y), in pixels of the figure ('' for none)."""
        return ""

    def empty(self, review: Review) -> str:
        """Return the message to show instead of the chart, or '' when there is data."""
        return ""

    def update(self, review: Review, palette: ChartPalette) -> Margins:
        layout = self.layout(review, palette)
        if layout != self._layout:
            self._layout = layout
            self.heading: Text = _style(self.ax, self.title, palette)
            self.artists = []
            self.build(review, palette)
            self._message = self.ax.text(0.5, 0.5, "", transform=self.ax.transAxes, ha="center",
                                         va="center", color=palette.muted,
                                         fontsize=LABEL_SIZE + 1, linespacing=1.6)
            self._shown = None
        message = self.empty(review)
        if message != self._shown:
            self._show_empty(message)
        margins = EMPTY_MARGINS if message else self.fill(review, palette)
        # The title sits a little above the axes, from their left edge or from the labels'.
        left = -(margins.left - 0.15) if self.title_over_labels and not message else 0.0
        self.heading.set_position((left, 0.1))
        return margins

    def _show_empty(self, message: str) -> None:
        self._shown = self.empty_message = message
        assert self._message is not None
        self._message.set_text(message)
        self._message.set_visible(bool(message))
        for artist in self.artists:
            artist.set_visible(not message)
        for side in ("left", "bottom"):
            self.ax.spines[side].set_visible(not message)
        self.ax.xaxis.label.set_visible(not message)
        self.ax.yaxis.label.set_visible(not message)
        shown = not message
        self.ax.tick_params(bottom=shown, labelbottom=shown, left=shown, labelleft=shown)
        self.ax.grid(shown, axis=self.grid_axis)  # keeps the style given in build

    def build(self, review: Review, palette: ChartPalette) -> None:
        raise NotImplementedError

    def fill(self, review: Review, palette: ChartPalette) -> Margins:
        raise NotImplementedError


# -- 1. strategic vs operational per week -------------------------------------------------
class SplitPlot(Plot):
    """Stacked hours per week, the strategic share on a second axis, the target and baseline."""

    title = "Strategic vs operational hours per week"

    def layout(self, review: Review, palette: ChartPalette) -> Any:
        return (palette, len(review.split), review.target, review.baseline, self.key_columns())

    def key_columns(self) -> int:
        """Return how many key entries fit in a row, from the figure's left edge."""
        return 3 if self.width() >= 5.1 else 2 if self.width() >= 3.5 else 1

    def empty(self, review: Review) -> str:
        if any(w.minutes for w in review.split):
            return ""
        return f"Nothing logged in these weeks yet.\n{EMPTY_LOG}"

    def build(self, review: Review, palette: ChartPalette) -> None:
        ax = self.ax
        share_ax = getattr(self, "share_ax", None) or ax.twinx()
        self.share_ax = share_ax
        share_ax.clear()
        count = len(review.split)
        self.strategic = _bars(ax, palette.strategic)
        self.operational = _bars(ax, palette.operational)
        ax.set_ylabel("Hours per week", fontsize=LABEL_SIZE)
        ax.grid(axis="y", color=palette.grid, linewidth=0.6, zorder=0)
        _few_ticks(ax.yaxis, bins=5)
        ax.set_xlim(-0.6, count - 0.4)
        self.step = 1 if count <= 9 else 2 if count <= 16 else 4

        share_ax.patch.set_visible(False)
        share_style = dict(color=palette.share, marker="o", markersize=3.5, linewidth=1.6)
        target_style = dict(color=palette.target, linestyle="--", linewidth=1.2)
        baseline_style = dict(color=palette.muted, linestyle=":", linewidth=1, alpha=0.6)
        (self.share,) = share_ax.plot([], [], zorder=4, **share_style)
        share_ax.axhline(review.target, zorder=3, **target_style)
        share_ax.axhline(review.baseline, zorder=3, **baseline_style)
        share_ax.set_ylim(0, 105)
        share_ax.set_yticks([0, 50, 100], ["0 %", "50 %", "100 %"])
        share_ax.yaxis.tick_right()
        share_ax.set_ylabel("Strategic share", fontsize=LABEL_SIZE, color=palette.text,
                            rotation=90, va="top")
        share_ax.yaxis.set_label_coords(0.42, 0, _at(share_ax, 1, 0.5))
        share_ax.tick_params(colors=palette.text, labelsize=TICK_SIZE, length=3)
        for side, spine in share_ax.spines.items():
            spine.set_visible(side == "right")
            spine.set_color(palette.muted)
        # The key goes under the week axis, from the figure's left edge, in as many columns
        # as the width holds: centred in three it ran off both sides of a small window.
        entries = [
            ("patch", {"facecolor": palette.strategic}, "Strategic hours"),
            ("line", share_style, "Strategic share"),
            ("line", baseline_style, f"PM survey average {review.baseline} %"),
            ("patch", {"facecolor": palette.operational}, "Operational hours"),
            ("line", target_style, f"Target {review.target} %"),
        ]
        per_row = self.key_columns()
        if per_row < 3:  # the kinds of hours first, then the lines
            entries = [entries[0], entries[3], entries[1], entries[4], entries[2]]
        self.key_rows = -(-len(entries) // per_row)
        self.artists = [self.strategic, self.operational, share_ax, *_key(
            ax, entries, palette, anchor=(0, 0), origin=(-0.55, -0.62), per_row=per_row,
            column=1.55)]

    def fill(self, review: Review, palette: ChartPalette) -> Margins:
        weeks = review.split
        strategic = [w.strategic_minutes / 60 for w in weeks]
        operational = [w.operational_minutes / 60 for w in weeks]
        self.strategic.set_verts(columns([0.0] * len(weeks), strategic, 0.7))
        self.operational.set_verts(columns(strategic, operational, 0.7))
        self.ax.set_ylim(0, max(s + o for s, o in zip(strategic, operational, strict=True)) * 1.12)
        shown = range(0, len(weeks), self.step)
        self.ax.set_xticks(list(shown), [week_tick(weeks[i]) for i in shown])
        _set_xlabel(self.ax, week_axis(weeks))
        self.share.set_data(range(len(weeks)),
                            [100 * w.share if w.share is not None else float("nan") for w in weeks])
        return Margins(left=0.7, right=0.75, top=0.4, bottom=0.75 + 0.2 * self.key_rows)


# -- 2. hours by category -----------------------------------------------------------------
class CategoriesPlot(Plot):
    """This week's hours by category, biggest first, each bar split by the entries' kind."""

    title = "Where this week's time went"
    grid_axis = "x"
    title_over_labels = True

    def empty(self, review: Review) -> str:
        return "" if review.categories else f"Nothing logged this week yet.\n{EMPTY_LOG}"

    def build(self, review: Review, palette: ChartPalette) -> None:
        ax = self.ax
        self.strategic = _bars(ax, palette.strategic)
        self.operational = _bars(ax, palette.operational)
        _set_xlabel(ax, "Hours this week")
        ax.grid(axis="x", color=palette.grid, linewidth=0.6, zorder=0)
        _few_ticks(ax.xaxis)
        # Under the hours axis, at its right end: inside the axes it covered the last bars.
        self.artists = [self.strategic, self.operational, *_key(ax, [
            ("patch", {"facecolor": palette.strategic}, "Strategic"),
            ("patch", {"facecolor": palette.operational}, "Operational"),
        ], palette, anchor=(1, 0), origin=(-2.05, -0.55), per_row=2, column=1.05)]
        self.full_labels: list[str] = []

    def labels(self, review: Review) -> list[str]:
        """Return each row's label: the category and its hours, on one line, the name
        shortened so that the labels take at most about half of the figure's width.

        One line a row, the hours beside the bar's start: every line of text costs about
        as much to draw as the rest of the chart's row, and a week can have 15 categories.
        A narrow chart gives the names more of its width (its bars still read), and the
        names get what the longest hours leave, not room for "00.0 h" always.
        """
        hours = [f"   {hours_label(c.minutes)} h" for c in review.categories]
        share = 0.55 if self.width() < 5 else 0.45
        longest = max(map(len, hours), default=0)
        room = max(12, int(self.width() * share / text_inches(["x"])) - longest)
        return [f"{shorten(c.name, room)}{h}" for c, h in zip(review.categories, hours, strict=True)]

    def tooltip_at(self, x: float, y: float) -> str:
        """Return the full name and hours of the row at (x, y), left of the bars' end."""
        if not self.full_labels or self._shown or x > self.ax.bbox.x1:
            return ""
        _, row = self.ax.transData.inverted().transform((x, y))
        index = round(row)
        if not 0 <= index < len(self.full_labels) or abs(row - index) > 0.45:
            return ""
        return self.full_labels[index]

    def fill(self, review: Review, palette: ChartPalette) -> Margins:
        ax, items = self.ax, review.categories
        labels = self.labels(review)
        self.full_labels = [f"{c.name}: {hours_label(c.minutes)} h "
                            f"({hours_label(c.strategic_minutes)} h strategic, "
                            f"{hours_label(c.operational_minutes)} h operational)"
                            for c in items]
        strategic = [c.strategic_minutes / 60 for c in items]
        self.strategic.set_verts(rows([0.0] * len(items), strategic, 0.7))
        self.operational.set_verts(
            rows(strategic, [c.operational_minutes / 60 for c in items], 0.7))
        ax.set_yticks(range(len(items)), labels)
        ax.set_ylim(max(len(items), CATEGORY_ROWS) - 0.5, -0.5)
        ax.set_xlim(0, max(c.minutes for c in items) / 60 * 1.05)
        week = review.week
        name = week.label if week.is_iso else f"week of {week.start:%a} {week.start.day} {week.start:%b}"
        left = text_inches(labels) + 0.2
        heading = f"{self.title} · {name}"
        # The heading starts over the labels; the week goes on a line of its own rather than
        # past the figure's edge.
        fits = text_inches([heading], TITLE_SIZE) <= self.width() - 0.3
        self.heading.set_text(heading if fits else f"{self.title}\n{name}")
        return Margins(left=left, right=0.2, top=0.4 if fits else 0.62, bottom=0.8)


# -- 3. hand-off candidates ---------------------------------------------------------------
class CandidatesPlot(Plot):
    """Reclaimable hours a week per candidate, coloured by route, with the reason beside it."""

    title = "Hand-off candidates: hours a week back"
    grid_axis = "x"
    title_over_labels = True

    def empty(self, review: Review) -> str:
        if review.candidates or review.handed_off:
            return ""
        if review.scores:
            return ("No hand-off candidates yet.\nRate the tasks in the table: "
                    "could someone follow a checklist for them?")
        return (f"No operational work in {review.lookback.words}.\n"
                "A week counts once it is over: log a few weeks to see this.")

    def build(self, review: Review, palette: ChartPalette) -> None:
        ax = self.ax
        self.bars = _bars(ax, palette.muted)
        self.threshold = ax.axvline(review.rules.min_score, color=palette.muted, linestyle=":",
                                    linewidth=1.2, zorder=3)
        self.labels = TextPool(ax, va="center", fontsize=TICK_SIZE, color=palette.text)
        ax.grid(axis="x", color=palette.grid, linewidth=0.6, zorder=0)
        _few_ticks(ax.xaxis, integer=False)
        self.artists = [self.bars, self.threshold]

    def lines(self, review: Review, palette: ChartPalette) -> list[tuple[str, float, str, str]]:
        """Return (label, hours a week, colour, text beside the bar), candidates first."""
        out = []
        for t in review.candidates:
            facts = f"{t.hours_text} h/wk · {t.weeks_seen} of {t.weeks} wks · " + (
                "not needed" if t.route is Route.DROP else f"checklist {t.checklist}/5")
            out.append((f"{wrap(t.title, 34, 1)}\n{facts}", t.score or 0.0,
                        palette.routes[t.route], f"{t.route.label}: {t.score_text} h"))
        for d in review.handed_off:
            after = (f"{d.given_back_per_week:.1f} h/wk given back" if d.hours_after is not None
                     else "given back from next week")
            out.append((f"{wrap(d.title, 34, 1)}\nhanded off {d.changed_on:%d %b}",
                        d.given_back_per_week, palette.handed_off, after))
        return out

    def fill(self, review: Review, palette: ChartPalette) -> Margins:
        ax, every = self.ax, self.lines(review, palette)
        shown = every[:MAX_CANDIDATE_ROWS]
        values = [line[1] for line in shown]
        self.bars.set_verts(rows([0.0] * len(shown), values, 0.6))
        self.bars.set_facecolors([line[2] for line in shown])
        ax.set_yticks(range(len(shown)), [line[0] for line in shown])
        ax.set_ylim(max(len(shown), CANDIDATE_ROWS) - 0.5, -0.5)
        top = max(max(values), review.rules.min_score)
        ax.set_xlim(0, top * 1.9)
        self.labels.show([(value + top * 0.02, row, text)
                          for row, (_label, value, _colour, text) in enumerate(shown)])
        self.threshold.set_xdata([review.rules.min_score] * 2)
        lookback = review.lookback
        label = [f"Hours a week back over {lookback.count_words}",
                 f"{lookback.days}; dotted line: the {review.rules.min_score:g} h bar"]
        if len(every) > len(shown):
            label.append(f"{len(every) - len(shown)} more in the table")
        _set_xlabel(ax, "\n".join(label))
        return Margins(left=text_inches([line[0] for line in shown]) + 0.2, right=0.2, top=0.4,
                       bottom=0.75 + 0.2 * (len(label) - 2))

    def _show_empty(self, message: str) -> None:
        super()._show_empty(message)
        if message:
            self.labels.show([])


# -- 4. the logging habit -----------------------------------------------------------------
class HabitPlot(Plot):
    """Hours logged per day over the range, weekends shaded, so the gaps show."""

    title = "Your logging habit: hours logged per day"

    @staticmethod
    def days(review: Review) -> list[tuple[date, float]]:
        """The days shown: the range up to today (later days are not gaps yet)."""
        return [(d, h) for d, h in review.daily if review.today is None or d <= review.today or h]

    def empty(self, review: Review) -> str:
        if any(h for _, h in review.daily):
            return ""
        return f"Nothing logged in these weeks yet.\n{EMPTY_LOG}"

    def build(self, review: Review, palette: ChartPalette) -> None:
        ax = self.ax
        self.weekends = _bars(ax, palette.grid, zorder=0, alpha=0.45,
                              transform=ax.get_xaxis_transform())
        self.bars = _bars(ax, palette.muted)
        ax.set_ylabel("Hours logged", fontsize=LABEL_SIZE)
        _set_xlabel(ax, "Day (shaded: weekends)")
        ax.grid(axis="y", color=palette.grid, linewidth=0.6, zorder=1)
        _few_ticks(ax.yaxis, bins=5)
        self.artists = [self.weekends, self.bars]

    def fill(self, review: Review, palette: ChartPalette) -> Margins:
        ax, days = self.ax, self.days(review)
        hours = [h for _, h in days]
        self.bars.set_verts(columns([0.0] * len(days), hours, 0.8))
        self.weekends.set_verts([[(i - 0.5, 0), (i - 0.5, 1), (i + 0.5, 1), (i + 0.5, 0)]
                                 for i, (d, _) in enumerate(days) if d.weekday() >= 5])
        ax.set_xlim(-0.5, len(days) - 0.5)
        ax.set_ylim(0, max(hours) * 1.15)
        first = days[0][0]
        starts = [i for i, (d, _) in enumerate(days) if d.weekday() == first.weekday()]
        ticks = starts[::max(1, -(-len(starts) // 7))]
        ax.set_xticks(ticks, [_short_day(first + timedelta(days=i)) for i in ticks])
        return Margins(left=0.6, right=0.2, top=0.4, bottom=0.55)


def _short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


# (name, title, plot) in page order.
PLOTS: tuple[tuple[str, str, type[Plot]], ...] = (
    ("split", SplitPlot.title, SplitPlot),
    ("categories", CategoriesPlot.title, CategoriesPlot),
    ("candidates", "Hand-off candidates", CandidatesPlot),
    ("habit", "Logging habit", HabitPlot),
)
