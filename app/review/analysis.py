"""The weekly review's arithmetic: the split, hours by category, hand-off scores, the headline.

Pure functions over the aggregates storage/analysis_queries.py returns (no I/O, no Qt), so
each figure the review shows can be checked by hand on a few rows. Records are NamedTuples,
as in app/domain.py (`pm-workload report` imports this module; start-up time counts).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple, cast

from app.display import percent
from app.domain import HandoffStatus, Kind, Needed
from app.settings import Settings
from app.weeks import week_name, week_start

# Pragmatic Institute (2019): PMs report about 27 % of their time on strategic work.
SURVEY_BASELINE = 27
# "R ≈ 1" for the automate route: with a 4-week look-back only 4 of 4 weeks; with 12, 11 of 12.
AUTOMATE_MIN_RECURRENCE = 0.9
# "Hours are high" for the redesign route: a task this big is worth restructuring even when
# nobody could follow a checklist for it yet.
REDESIGN_MIN_HOURS = 3.0
NO_CATEGORY = "No category"
# Scores are sums of float products; compare against thresholds with a little slack.
_EPSILON = 1e-9


class Route(StrEnum):
    """What to do with a hand-off candidate."""

    DROP = "drop"
    AUTOMATE = "automate"
    PRODUCT_OPS = "product_ops"
    REDESIGN = "redesign"

    @property
    def label(self) -> str:
        return "hand to ProductOps" if self is Route.PRODUCT_OPS else self.value


def hours(minutes: float) -> float:
    """Return minutes as hours."""
    return minutes / 60


def hours_text(value: float, threshold: float | None = None) -> str:
    """Return hours to one decimal, or to two where one would land on the other side of ``threshold``.

    A task is judged on the exact figure: 0.975 h a week is under a 1 h bar, so it must not
    read "1.0", and a task that passed the bar must not read below it.
    """
    text = f"{value:.1f}"
    if threshold is None:
        return text
    above = value >= threshold - _EPSILON
    if (float(text) >= threshold - _EPSILON) == above:
        return text
    # Two decimals, rounded away from the bar: floor below it, ceiling above it.
    cents = round(value * 100, 6)
    cents = math.ceil(cents) if above else math.floor(cents)
    if above and cents / 100 < threshold - _EPSILON:
        cents += 1
    elif not above and cents / 100 >= threshold - _EPSILON:
        cents -= 1
    return f"{cents / 100:.2f}"


def threshold_text(threshold: float) -> str:
    """Return a threshold as '1.0' or '1.25': never rounded, so never beside a figure it is not."""
    return f"{threshold:.1f}" if round(threshold, 1) == threshold else f"{threshold:g}"


def days_text(first: date, last: date) -> str:
    """Return '2 – 29 Nov', '26 Oct – 22 Nov' or '28 Dec 2026 – 24 Jan 2027'."""
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b}"
    return f"{first.day} – {last.day} {last:%b}"


# -- the weekly split ---------------------------------------------------------------------
class WeekSplit(NamedTuple):
    """Strategic and operational minutes logged in one week."""

    start: date
    strategic_minutes: int = 0
    operational_minutes: int = 0

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def is_iso(self) -> bool:
        """True when the week is an ISO week (it starts on Monday)."""
        return self.start.weekday() == 0

    @property
    def label(self) -> str:
        """The ISO week, e.g. 2026-W48, or for a week not starting on Monday 'Week of Sun 22 Nov 2026'."""
        return week_name(self.start)

    @property
    def days(self) -> str:
        """Its first and last day, e.g. 'Mon 23 Nov – Sun 29 Nov 2026'."""
        return f"{self.start:%a %d %b} – {self.end:%a %d %b %Y}"

    @property
    def minutes(self) -> int:
        return self.strategic_minutes + self.operational_minutes

    @property
    def share(self) -> float | None:
        """Strategic share of the hours logged (0-1), or None for an empty week."""
        return self.strategic_minutes / self.minutes if self.minutes else None


def weekly_split(rows: Iterable[Sequence], first: date, weeks: int) -> list[WeekSplit]:
    """Return one WeekSplit per week from ``first``, oldest first, empty weeks included.

    ``rows`` are (week index from ``first``, kind, minutes); rows outside the weeks are ignored.
    """
    strategic = [0] * weeks
    operational = [0] * weeks
    for index, kind, minutes in rows:
        if 0 <= index < weeks:
            (strategic if kind == Kind.STRATEGIC else operational)[index] += minutes
    return [
        WeekSplit(first + timedelta(weeks=i), strategic[i], operational[i]) for i in range(weeks)
    ]


def pooled_share(weeks: Iterable[WeekSplit]) -> float | None:
    """Return the strategic share of all the hours of these weeks together, or None if none."""
    strategic = total = 0
    for week in weeks:
        strategic += week.strategic_minutes
        total += week.minutes
    return strategic / total if total else None


class LookBack(NamedTuple):
    """The completed weeks the hand-off table and the headline's comparisons are over.

    The week under review counts once it is over; while it runs, the look-back is the weeks
    before it, so a weekly chore not done yet this week does not read as "3 of 4 weeks".
    """

    first: date                     # the first day of its first week
    weeks: int
    worked: int = 0                 # weeks with anything logged (R and H count only those)

    @property
    def last(self) -> date:
        """The last day of its last week."""
        return self.first + timedelta(weeks=self.weeks, days=-1)

    @property
    def count_words(self) -> str:
        """Return 'the 4 completed weeks' (or 'the completed week')."""
        return "the completed week" if self.weeks == 1 else f"the {self.weeks} completed weeks"

    @property
    def days(self) -> str:
        """Return its days, '26 Oct – 22 Nov'."""
        return days_text(self.first, self.last)

    @property
    def words(self) -> str:
        """Return 'the 4 completed weeks 26 Oct – 22 Nov'."""
        return f"{self.count_words} {self.days}"


# -- hours by category --------------------------------------------------------------------
class CategoryHours(NamedTuple):
    """Minutes logged in one category, split by the kind of each entry."""

    name: str
    kind: Kind | None          # the category's own kind; None for entries without a category
    strategic_minutes: int = 0
    operational_minutes: int = 0

    @property
    def minutes(self) -> int:
        return self.strategic_minutes + self.operational_minutes


def hours_by_category(rows: Iterable[Sequence]) -> list[CategoryHours]:
    """Return the categories with time logged, most time first (ties by name).

    ``rows`` are (category name or None, the category's kind or None, entry kind, minutes).
    """
    found: dict[str | None, list] = {}
    for name, category_kind, kind, minutes in rows:
        item = found.setdefault(name, [Kind(category_kind) if category_kind else None, 0, 0])
        item[1 if kind == Kind.STRATEGIC else 2] += minutes
    out = [CategoryHours(name or NO_CATEGORY, kind, s, o) for name, (kind, s, o) in found.items()]
    out.sort(key=lambda c: (-c.minutes, c.name.casefold()))
    return out


# -- hand-off candidates ------------------------------------------------------------------
class HandoffRules(NamedTuple):
    """The look-back and the thresholds a task must pass to be a hand-off candidate."""

    weeks: int = 4
    min_score: float = 1.0          # reclaimable hours a week
    min_checklist: int = 3
    min_recurrence: float = 0.5

    @classmethod
    def from_settings(cls, settings: Settings) -> HandoffRules:
        return cls(settings.handoff_weeks, settings.handoff_min_score,
                   settings.handoff_min_checklist, settings.handoff_min_recurrence)


class TaskScore(NamedTuple):
    """An operational task over the look-back: H, R, P, its score, route and reason."""

    task_id: int
    title: str
    minutes: int                    # operational minutes in the look-back
    weeks_seen: int
    weeks: int
    checklist: int | None           # P
    needed: Needed | None
    status: HandoffStatus
    score: float | None             # reclaimable hours a week; None until rated
    route: Route | None             # None: not a candidate
    reason: str
    min_score: float = HandoffRules().min_score   # the bar the score was held against

    @property
    def score_text(self) -> str:
        """The score as shown: '1.6', or '' until rated; never rounded across the bar."""
        return "" if self.score is None else hours_text(self.score, self.min_score)

    @property
    def hours_text(self) -> str:
        """H as shown: never rounded across the redesign bar when that bar decides."""
        return hours_text(self.hours_per_week, _hours_bar(self.checklist, self.needed))

    @property
    def hours_per_week(self) -> float:
        """H: average hours in the weeks the task appeared (so H x R is per week overall)."""
        return hours(self.minutes) / self.weeks_seen if self.weeks_seen else 0.0

    @property
    def recurrence(self) -> float:
        """R: the share of the look-back's weeks in which the task appeared."""
        return self.weeks_seen / self.weeks

    @property
    def is_candidate(self) -> bool:
        return self.route is not None

    @property
    def needs_rating(self) -> bool:
        """True when the PM has not said enough to score it (and has not decided already)."""
        return (self.checklist is None and self.needed is not Needed.NOTHING
                and self.status in (HandoffStatus.UNREVIEWED, HandoffStatus.CANDIDATE))


def score_task(task_id: int, title: str, minutes: int, weeks_seen: int,
               checklist: int | None, needed: Needed | str | None,
               status: HandoffStatus | str, rules: HandoffRules) -> TaskScore:
    """Return the task's score, route and one-line reason under ``rules``.

    Score = H x R x P/5, where H is the average in the weeks the task appeared, so that
    H x R is its average hours a week over the whole look-back and the score is in hours a
    week. A task the PM said nothing would happen without is dropped whole, so its score is
    H x R whatever P is. A task the PM marked as a candidate stays one whatever the
    thresholds; one they keep or handed off is never one.
    """
    needed = Needed(needed) if needed else None
    status = HandoffStatus(status)
    weeks = rules.weeks
    h = hours(minutes) / weeks_seen if weeks_seen else 0.0
    r = weeks_seen / weeks
    facts = (f"{hours_text(h, _hours_bar(checklist, needed))} h a week, "
             f"{weeks_seen} of {weeks} week{'' if weeks == 1 else 's'}")
    marked = status is HandoffStatus.CANDIDATE
    often = r >= rules.min_recurrence - _EPSILON
    score: float | None = None
    route: Route | None = None
    if needed is Needed.NOTHING:
        score = h * r
        facts += ", nothing happens without it"
        if marked or (often and score >= rules.min_score - _EPSILON):
            route = Route.DROP
    elif checklist is not None:
        score = h * r * checklist / 5
        facts += f", checklist {checklist}/5"
        if checklist <= 2:
            if marked or (often and h >= REDESIGN_MIN_HOURS - _EPSILON):
                route = Route.REDESIGN
        elif marked or (often and checklist >= rules.min_checklist
                        and score >= rules.min_score - _EPSILON):
            automate = checklist == 5 and r >= AUTOMATE_MIN_RECURRENCE - _EPSILON
            route = Route.AUTOMATE if automate else Route.PRODUCT_OPS
    if status is HandoffStatus.KEEP:
        route, reason = None, f"{facts}: you keep it"
    elif status is HandoffStatus.HANDED_OFF:
        route, reason = None, f"{facts}: handed off"
    elif route is not None:
        reason = f"{facts} -> {route.label}: {hours_text(cast(float, score), rules.min_score)} h a week back"
    elif score is None:
        reason = f"{facts}: not rated yet"
    else:
        reason = f"{facts}: {_short_of(r, checklist, score, rules)}"
    return TaskScore(task_id, title, minutes, weeks_seen, weeks, checklist, needed, status,
                     score, route, reason, rules.min_score)


def _hours_bar(checklist: int | None, needed: Needed | None) -> float | None:
    """Return the bar H is held against (only the redesign route has one), or None."""
    if needed is not Needed.NOTHING and checklist is not None and checklist <= 2:
        return REDESIGN_MIN_HOURS
    return None


def _short_of(r: float, checklist: int | None, score: float, rules: HandoffRules) -> str:
    """Say which threshold a rated task misses."""
    if r < rules.min_recurrence - _EPSILON:
        needed = math.ceil(rules.min_recurrence * rules.weeks - _EPSILON)
        return f"not recurring enough (needs {needed} of {rules.weeks} weeks)"
    if checklist is not None and checklist <= 2:
        return f"hard to hand off, and under {REDESIGN_MIN_HOURS:.0f} h a week to redesign"
    if checklist is not None and checklist < rules.min_checklist:
        return f"hard to hand off (checklist needs {rules.min_checklist}/5)"
    return (f"too small to hand off ({hours_text(score, rules.min_score)} h a week back, "
            f"needs {threshold_text(rules.min_score)})")


def score_tasks(rows: Iterable[Sequence], rules: HandoffRules) -> list[TaskScore]:
    """Return every task scored: candidates by score, then the rest by hours.

    ``rows`` are (task_id, title, minutes, weeks_seen, checklist, needed, handoff).
    """
    # Each row is score_task's seven fields before ``rules``, which mypy cannot see in a Sequence.
    scored = [score_task(*row, rules=rules) for row in rows]  # type: ignore[misc]
    scored.sort(key=lambda t: (not t.is_candidate, -(t.score or 0) if t.is_candidate else 0,
                               -t.minutes, t.title.casefold()))
    return scored


# -- tasks already handed off -------------------------------------------------------------
class HandedOff(NamedTuple):
    """A handed-off task: hours a week before the hand-off, and after it."""

    task_id: int
    title: str
    changed_on: date
    weeks_before: int
    minutes_before: int
    weeks_after: int                # full weeks after the week of the hand-off, up to the review
    minutes_after: int

    @property
    def hours_before(self) -> float:
        return hours(self.minutes_before) / self.weeks_before

    @property
    def hours_after(self) -> float | None:
        return hours(self.minutes_after) / self.weeks_after if self.weeks_after else None

    @property
    def given_back_per_week(self) -> float:
        """Hours a week no longer spent on it (0 until a full week has passed)."""
        after = self.hours_after
        return 0.0 if after is None else max(0.0, self.hours_before - after)

    @property
    def given_back(self) -> float:
        """Hours given back since the hand-off."""
        return self.given_back_per_week * self.weeks_after


def handoff_windows(tasks: Iterable[Sequence], first_weekday: int,
                    weeks: int) -> list[tuple[int, str, str, str]]:
    """Return (task_id, before_first, before_end, after_first) for each (task_id, _, changed_on).

    Before: the ``weeks`` full weeks before the week of the hand-off. After: from the week
    following it.
    """
    out = []
    for task_id, _title, changed_on in tasks:
        changed_week = week_start(date.fromisoformat(changed_on), first_weekday)
        out.append((task_id, (changed_week - timedelta(weeks=weeks)).isoformat(),
                    changed_week.isoformat(), (changed_week + timedelta(weeks=1)).isoformat()))
    return out


def handed_off(tasks: Iterable[Sequence], sums: Iterable[Sequence], first_weekday: int,
               weeks: int, review_start: date) -> list[HandedOff]:
    """Return the handed-off tasks with their before / after minutes.

    ``tasks`` are (task_id, title, changed_on); ``sums`` are (task_id, before, after) minutes.
    """
    totals = {task_id: (before, after) for task_id, before, after in sums}
    out = []
    for task_id, title, changed_on in tasks:
        changed = date.fromisoformat(changed_on)
        weeks_after = max(0, (review_start - week_start(changed, first_weekday)).days // 7)
        before, after = totals.get(task_id, (0, 0))
        out.append(HandedOff(task_id, title, changed, weeks, before, weeks_after, after))
    return out


# -- the logging habit --------------------------------------------------------------------
def daily_hours(rows: Iterable[Sequence], first: date, last: date) -> list[tuple[date, float]]:
    """Return (day, hours) for every day from ``first`` to ``last``, days without entries as 0."""
    logged = {day: minutes for day, minutes in rows}
    count = (last - first).days + 1
    days = (first + timedelta(days=i) for i in range(max(count, 0)))
    return [(d, hours(logged.get(d.isoformat(), 0))) for d in days]


# -- the headline -------------------------------------------------------------------------
class Headline(NamedTuple):
    """The figures at the top of the review; every comparison is over the one look-back."""

    week: WeekSplit
    days_logged: int
    target: int                      # strategic target, percent
    lookback: LookBack               # the completed weeks the hand-off table is over
    lookback_share: float | None     # pooled over the look-back
    reclaimable: float               # hours a week, if every candidate were handed off
    share_after: float | None        # the look-back's share with those hours spent on strategy
    candidates: int
    handed_off: int
    given_back: float                # hours given back by tasks already handed off

    @property
    def hours(self) -> float:
        return hours(self.week.minutes)

    @property
    def share(self) -> float | None:
        return self.week.share

    def lines(self) -> list[str]:
        """Return the headline as plain sentences (for the command line and the PDF)."""
        week = self.week
        logged = (f"{self.hours:.1f} h logged on {self.days_logged} "
                  f"day{'' if self.days_logged == 1 else 's'}")
        out = [f"{week.label} ({week.days}): {logged}" if week.is_iso else f"{week.days}: {logged}"]
        over = self.lookback.words
        if self.share is None:
            out.append(f"Strategic share: nothing logged this week (target {self.target} %)")
        else:
            compared = (f"nothing logged in {over}" if self.lookback_share is None
                        else f"{percent(self.lookback_share)} over {over}")
            out.append(f"Strategic share: {percent(self.share)} (target {self.target} %; "
                       f"{compared})")
        if self.candidates:
            out.append(
                f"Reclaimable: {self.reclaimable:.1f} h a week from {self.candidates} "
                f"hand-off candidate{'' if self.candidates == 1 else 's'}: "
                f"{percent(self.lookback_share)} -> {percent(self.share_after)} strategic "
                f"over {over}")
        else:
            out.append("Reclaimable: no hand-off candidates yet (rate the operational tasks)")
        if self.handed_off:
            out.append(f"Handed off: {self.handed_off} task{'' if self.handed_off == 1 else 's'}, "
                       f"{self.given_back:.1f} h given back so far")
        return out


def make_headline(week: WeekSplit, days_logged: int, lookback: LookBack,
                  window: Sequence[WeekSplit], scores: Iterable[TaskScore],
                  done: Sequence[HandedOff], target: int) -> Headline:
    """Return the headline for ``week``.

    ``window`` are the look-back's weeks, the ones ``scores`` were scored over. The share
    after hand-off assumes the hours given back go to strategic work: a score is hours a
    week of the weeks worked, so over the look-back it gives back score x those weeks.
    """
    candidates = [t for t in scores if t.is_candidate]
    reclaimable = sum((t.score or 0.0 for t in candidates), 0.0)
    given = sum((60 * (t.score or 0.0) * t.weeks for t in candidates), 0.0)
    share_after = None
    total = sum(w.minutes for w in window)
    if total:
        strategic = sum(w.strategic_minutes for w in window)
        share_after = min(1.0, (strategic + given) / total)
    return Headline(
        week=week, days_logged=days_logged, target=target, lookback=lookback,
        lookback_share=pooled_share(window), reclaimable=reclaimable, share_after=share_after,
        candidates=len(candidates), handed_off=len(done),
        given_back=sum(d.given_back for d in done),
    )


# -- the whole review ---------------------------------------------------------------------
class Review(NamedTuple):
    """Everything the review page and `pm-workload report` show for one week and range."""

    week: WeekSplit                  # the week under review
    split: list[WeekSplit]           # the range, oldest first, ending with ``week``
    categories: list[CategoryHours]  # of ``week``
    scores: list[TaskScore]          # operational tasks of the look-back
    lookback: LookBack               # the completed weeks ``scores`` are over
    handed_off: list[HandedOff]
    daily: list[tuple[date, float]]  # over the range, up to today
    headline: Headline
    rules: HandoffRules
    target: int
    today: date | None = None        # days after it are not gaps in the logging habit
    baseline: int = SURVEY_BASELINE

    @property
    def candidates(self) -> list[TaskScore]:
        """The hand-off candidates, highest score first."""
        return [t for t in self.scores if t.is_candidate]

    @property
    def to_rate(self) -> list[TaskScore]:
        """The operational tasks still to rate, most hours first."""
        return sorted((t for t in self.scores if t.needs_rating),
                      key=lambda t: (-t.minutes, t.title.casefold()))
