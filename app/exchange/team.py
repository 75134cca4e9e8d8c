"""The team report: several PMs' title-free summaries read together, ranked for a hand-off case.

Each file is read whole (app.exchange.summary_file), then scored with the review's own
arithmetic (app.review.analysis: score_tasks and make_headline over the completed weeks of
the look-back), so a PM's reclaimable hours here are the figure their own `report` shows.
Pure: no database, no Qt; the caller passes the settings and the look-back.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from statistics import median
from typing import NamedTuple

from app.display import percent
from app.domain import Kind
from app.errors import ValidationError
from app.exchange.summary_file import Summary, read_summary
from app.review.analysis import (
    NO_CATEGORY,
    SURVEY_BASELINE,
    HandoffRules,
    LookBack,
    WeekSplit,
    make_headline,
    score_tasks,
)
from app.weeks import week_label

# Pragmatic Institute (2019): PMs want about 51 % of their time on strategic work.
SURVEY_WISH = 51


class PmFigures(NamedTuple):
    """One PM over the look-back."""

    label: str
    file: str
    share: float | None             # strategic share, pooled over the weeks
    minutes: int                    # logged in the look-back
    strategic_minutes: int
    weeks_with_data: int
    reclaimable: float | None       # hours a week; None when the file holds no per-task rows
    share_after: float | None
    candidates: int
    by_category: dict[str, float]   # reclaimable hours a week per category
    operational: dict[str, float]   # operational hours a week per category
    numbered: bool = False          # no label in the file: called "PM n"

    @property
    def hours(self) -> float:
        return self.minutes / 60


class CategoryFigures(NamedTuple):
    """One category across the team: hours a week, reclaimable hours a week, PMs it touches."""

    name: str
    operational: float      # hours a week, all PMs together
    reclaimable: float      # hours a week, all PMs together
    pms: int                # PMs with reclaimable hours in it
    logged_by: int          # PMs with operational hours in it


class LeftOut(NamedTuple):
    """A file the report did not count, and why."""

    file: str
    reason: str


class TeamReport(NamedTuple):
    lookback: LookBack
    pms: list[PmFigures]
    categories: list[CategoryFigures]   # most reclaimable first
    left_out: list[LeftOut]
    target: int
    fte_hours: float
    missing_tasks: list[str]            # labels whose files hold no per-task rows (format 1)

    @property
    def share(self) -> float | None:
        """The team's strategic share: all strategic hours over all hours."""
        total = sum(p.minutes for p in self.pms)
        return sum(p.strategic_minutes for p in self.pms) / total if total else None

    @property
    def shares(self) -> list[float]:
        return [p.share for p in self.pms if p.share is not None]

    @property
    def median_share(self) -> float | None:
        return median(self.shares) if self.shares else None

    @property
    def spread(self) -> tuple[float, float] | None:
        """The lowest and highest PM's share."""
        return (min(self.shares), max(self.shares)) if self.shares else None

    @property
    def reclaimable(self) -> float:
        """Hours a week across the team, if every candidate were handed off."""
        return sum(p.reclaimable or 0.0 for p in self.pms)

    @property
    def fte(self) -> float:
        return self.reclaimable / self.fte_hours

    @property
    def share_after(self) -> float | None:
        """The team's strategic share with the reclaimed hours spent on strategic work."""
        total = sum(p.minutes for p in self.pms)
        if not total:
            return None
        return sum((p.share_after if p.share_after is not None else p.share or 0) * p.minutes
                   for p in self.pms) / total

    def paragraph(self) -> str:
        """Return the case in plain words, to paste into a proposal."""
        count = len(self.pms)
        people = f"{count} PM{'' if count == 1 else 's'}"
        if not count:
            return "No PM's summary could be counted."
        if not self.reclaimable:
            text = (f"Across {people}, no checklist-able operational work passes the hand-off "
                    f"bar over {self.lookback.words}.")
        else:
            top = [c for c in self.categories if c.reclaimable][:2]
            most = " and ".join(f"{c.name} ({c.reclaimable:.1f} h, {c.pms} "
                                f"PM{'' if c.pms == 1 else 's'})" for c in top)
            text = (f"Across {people}, {self.reclaimable:.1f} h a week of checklist-able "
                    f"operational work ({self.fte:.2f} FTE), most in {most}.")
            if self.share is not None and self.share_after is not None:
                text += (f" Handing it off would move the team's strategic share from "
                         f"{percent(self.share)} to {percent(self.share_after)}")
                text += (f" (target {self.target} %; PMs report {SURVEY_BASELINE} % and want "
                         f"{SURVEY_WISH} %).")
        if self.missing_tasks:
            text += (f" Not counted for reclaimable hours (older summaries without tasks): "
                     f"{', '.join(self.missing_tasks)}.")
        return text


def lookback_of(week: date, this_week: date, weeks: int) -> LookBack:
    """Return the ``weeks`` completed weeks ending with ``week`` (or last week, if that is later).

    As the PM's own review counts them (ReviewService.lookback): a running week is not over.
    """
    last_week = min(week, this_week - timedelta(weeks=1))
    return LookBack(last_week - timedelta(weeks=weeks - 1), weeks)


def summary_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Return the files named, a folder standing for the .csv files in it (by name)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.casefold() == ".csv" and p.is_file())
            if not found:
                raise ValidationError(f"The folder {path} holds no .csv files.", "file")
            out.extend(found)
        else:
            out.append(path)
    return out


def team_report(paths: Sequence[str | os.PathLike[str]], lookback: LookBack, rules: HandoffRules,
                target: int, fte_hours: float) -> TeamReport:
    """Return the team report over ``lookback`` of the summaries at ``paths``.

    A file that cannot be counted (not a summary, other weeks, the same file or label twice,
    a newer format, empty) is left out with its reason; the others still count.
    """
    rules = rules._replace(weeks=lookback.weeks)
    labels = [week_label(lookback.first + timedelta(weeks=i)) for i in range(lookback.weeks)]
    left: list[LeftOut] = []
    pms: list[PmFigures] = []
    seen_files: dict[str, str] = {}
    seen_labels: dict[str, str] = {}
    for path in summary_paths(paths):
        name = str(path)
        try:
            summary = read_summary(path)
        except ValidationError as error:
            left.append(LeftOut(name, str(error)))
            continue
        real = os.path.realpath(path)
        if real in seen_files:
            left.append(LeftOut(name, f"{name} is named twice."))
            continue
        if summary.digest in seen_files:
            left.append(LeftOut(name, f"{name} holds the same figures as "
                                      f"{seen_files[summary.digest]}: the same PM twice."))
            continue
        if summary.label and summary.label.casefold() in seen_labels:
            left.append(LeftOut(name, f"{name} is labelled {summary.label}, as "
                                      f"{seen_labels[summary.label.casefold()]} is: the same "
                                      "PM twice."))
            continue
        why = summary.misses(labels)
        if why:
            left.append(LeftOut(name, why))
            continue
        seen_files[real] = seen_files[summary.digest] = name
        if summary.label:
            seen_labels[summary.label.casefold()] = name
        # Figures now, rows dropped: memory stays flat however many files there are.
        label = summary.label or f"PM {sum(1 for p in pms if p.numbered) + 1}"
        pms.append(_pm_figures(summary, label, lookback, labels, rules, target))
    missing = [p.label for p in pms if p.reclaimable is None]
    return TeamReport(lookback, pms, _categories(pms), left, target, fte_hours, missing)


def _pm_figures(summary: Summary, label: str, lookback: LookBack, labels: list[str],
                rules: HandoffRules, target: int) -> PmFigures:
    """Return one PM's figures: the split, and the review's scores over the look-back."""
    at = {week: i for i, week in enumerate(labels)}
    strategic = [0] * len(labels)
    operational = [0] * len(labels)
    task_minutes: dict[str, int] = defaultdict(int)
    task_weeks: dict[str, set[int]] = defaultdict(set)
    task_category: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    category_minutes: dict[str, int] = defaultdict(int)
    judgement: dict[str, tuple] = {}
    for row in summary.rows:
        index = at.get(row.week)
        if index is None:
            continue
        if row.kind == Kind.STRATEGIC:
            strategic[index] += row.minutes
            continue
        operational[index] += row.minutes
        category = row.category or NO_CATEGORY
        category_minutes[category] += row.minutes
        if row.task:
            task_minutes[row.task] += row.minutes
            task_weeks[row.task].add(index)
            task_category[row.task][category] += row.minutes
            judgement[row.task] = (row.checklist, row.needed, row.handoff)
    window = [WeekSplit(lookback.first + timedelta(weeks=i), strategic[i], operational[i])
              for i in range(len(labels))]
    worked = sum(1 for w in window if w.minutes)
    # As ReviewService.scores_over: R and H count only the weeks in which work was logged.
    if 0 < worked < rules.weeks:
        rules = rules._replace(weeks=worked)
    scores = score_tasks(
        [(i, key, task_minutes[key], len(task_weeks[key]), *judgement[key])
         for i, key in enumerate(sorted(task_minutes))], rules)
    headline = make_headline(window[-1], 0, lookback._replace(worked=worked), window, scores, [],
                             target)
    by_category: dict[str, float] = defaultdict(float)
    for task in scores:
        if task.is_candidate:
            shares = task_category[task.title]
            # A task is filed under the category most of its operational time went to.
            by_category[max(shares, key=lambda c: (shares[c], c))] += task.score or 0.0
    weeks = rules.weeks
    has_tasks = summary.has_tasks
    return PmFigures(
        label, summary.name, headline.lookback_share, sum(w.minutes for w in window),
        sum(strategic), worked, headline.reclaimable if has_tasks else None,
        headline.share_after if has_tasks else None, headline.candidates, dict(by_category),
        {c: m / 60 / weeks for c, m in category_minutes.items()}, not summary.label)


def _categories(pms: Sequence[PmFigures]) -> list[CategoryFigures]:
    """Return the categories across the team, most reclaimable first, then most PMs."""
    operational: dict[str, float] = defaultdict(float)
    reclaimable: dict[str, float] = defaultdict(float)
    touched: dict[str, int] = defaultdict(int)
    logged: dict[str, int] = defaultdict(int)
    for pm in pms:
        for name, value in pm.operational.items():
            operational[name] += value
            logged[name] += 1
        for name, value in pm.by_category.items():
            reclaimable[name] += value
            if value:
                touched[name] += 1
    out = [CategoryFigures(name, operational[name], reclaimable[name], touched[name], logged[name])
           for name in operational]
    out.sort(key=lambda c: (-round(c.reclaimable, 6), -c.pms, -c.operational, c.name.casefold()))
    return out
