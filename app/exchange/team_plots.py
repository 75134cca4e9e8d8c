"""The team report's two charts, drawn on any matplotlib Axes, and the report as PDF.

Here rather than in ui/ so that `pm-workload team report --pdf` and the window's Team report
page draw the very same charts; no Qt, and matplotlib is imported only inside the functions
that draw (importing this module costs nothing). The window passes its own ChartPalette
(ui/review/plots.py), which has the attributes TeamPalette names.
"""

from __future__ import annotations

import os
import textwrap
from typing import TYPE_CHECKING, NamedTuple

from app.exchange.team import SURVEY_WISH, TeamReport
from app.review.analysis import SURVEY_BASELINE

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# One colour per PM in the stacked bars (cycled); readable on light and dark backgrounds.
PM_COLOURS = ("#2563eb", "#d97706", "#0d9488", "#7c3aed", "#db2777", "#65a30d", "#0891b2",
              "#dc2626", "#9333ea", "#ca8a04")
MAX_CATEGORIES = 8
EMPTY = "No summary could be counted."


class TeamPalette(NamedTuple):
    background: str = "#ffffff"
    text: str = "#1f2328"
    muted: str = "#6b7280"
    grid: str = "#e5e7eb"
    strategic: str = "#2563eb"
    operational: str = "#d97706"
    target: str = "#15803d"


PRINT = TeamPalette()


def _style(ax: Axes, palette: TeamPalette, title: str) -> None:
    ax.set_facecolor(palette.background)
    ax.set_title(title, loc="left", fontsize=10, color=palette.text)
    ax.tick_params(colors=palette.muted, labelsize=8.5)
    for name, spine in ax.spines.items():
        spine.set_visible(name == "left")
        spine.set_color(palette.grid)
    ax.grid(axis="x", color=palette.grid, linewidth=0.8)
    ax.set_axisbelow(True)


def draw_shares(ax: Axes, report: TeamReport, palette: TeamPalette = PRINT) -> None:
    """Draw each PM's strategic share as a bar, against the target and the survey's figures."""
    ax.clear()
    _style(ax, palette, "Strategic share per PM")
    if not report.pms:
        ax.text(0.5, 0.5, EMPTY, ha="center", va="center", color=palette.muted,
                transform=ax.transAxes)
        return
    labels = [p.label for p in report.pms][::-1]
    shares = [100 * (p.share or 0) for p in report.pms][::-1]
    ax.barh(range(len(labels)), shares, height=0.6, color=palette.strategic)
    ax.set_yticks(range(len(labels)), [textwrap.shorten(label, 18) for label in labels],
                  color=palette.text)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{value:.0f} %")
    ax.axvline(report.target, color=palette.target, linewidth=1.6)
    for value in (SURVEY_BASELINE, SURVEY_WISH):
        ax.axvline(value, color=palette.muted, linewidth=1, linestyle=":")
    ax.set_xlabel(f"green: target {report.target} % · dotted: survey {SURVEY_BASELINE} % "
                  f"reported, {SURVEY_WISH} % wanted", fontsize=8, color=palette.muted)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    for y, share in enumerate(shares):
        ax.text(min(share, 92) + 1, y, f"{share:.0f} %", va="center", fontsize=8.5,
                color=palette.text)


def draw_reclaimable(ax: Axes, report: TeamReport, palette: TeamPalette = PRINT) -> None:
    """Draw reclaimable hours a week by category, stacked by PM, most first."""
    ax.clear()
    _style(ax, palette, "Reclaimable h a week, by category")
    shown = [c for c in report.categories if c.reclaimable > 0][:MAX_CATEGORIES]
    if not shown:
        ax.text(0.5, 0.5, "No hand-off candidates across the team yet.", ha="center",
                va="center", color=palette.muted, transform=ax.transAxes)
        ax.set_yticks([])
        return
    names = [c.name for c in shown][::-1]
    left = [0.0] * len(names)
    for i, pm in enumerate(report.pms):
        values = [pm.by_category.get(name, 0.0) for name in names]
        if not any(values):
            continue
        ax.barh(range(len(names)), values, left=left, height=0.6,
                color=PM_COLOURS[i % len(PM_COLOURS)], label=pm.label)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(names)), [textwrap.shorten(n, 30) for n in names], color=palette.text)
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{value:g} h")
    for y, (total, category) in enumerate(zip(left, shown[::-1], strict=True)):
        ax.text(total, y, f" {total:.1f} h, {category.pms} PM{'' if category.pms == 1 else 's'}",
                va="center", fontsize=8.5, color=palette.text)
    ax.set_xlim(0, max(left) * 1.35)
    if len(report.pms) <= 10:  # below the axis: the bars keep their room
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=min(len(report.pms), 5),
                  fontsize=8, frameon=False, labelcolor=palette.text)


def write_team_pdf(report: TeamReport, path: str | os.PathLike[str]) -> None:
    """Write the team report as one A4 landscape page: the figures, the paragraph, both charts."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from app.errors import ValidationError

    palette = PRINT
    page = Figure(figsize=(11.69, 8.27))
    page.text(0.05, 0.95, f"Team report · {report.lookback.words}", fontsize=16, weight="bold",
              va="top", color=palette.text)
    page.text(0.05, 0.895, textwrap.fill(report.paragraph(), 150), fontsize=10, va="top",
              linespacing=1.5, color=palette.text)
    draw_shares(page.add_axes((0.12, 0.08, 0.33, 0.62)), report, palette)
    draw_reclaimable(page.add_axes((0.62, 0.08, 0.35, 0.62)), report, palette)
    try:
        with PdfPages(path, metadata={"Title": "PM Workload: team report",
                                      "Creator": "PM Workload"}) as pdf:
            pdf.savefig(page)
    except OSError as error:
        raise ValidationError(f"Could not write {path}: {error.strerror or error}.",
                              "pdf") from None
