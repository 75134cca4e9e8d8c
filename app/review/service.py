"""ReviewService: the weekly review the Review page and `pm-workload report` both show."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from app.domain import TaskUsage
from app.errors import ValidationError
from app.review.analysis import (
    CategoryHours,
    HandoffRules,
    LookBack,
    Review,
    TaskScore,
    WeekSplit,
    daily_hours,
    handed_off,
    handoff_windows,
    hours_by_category,
    make_headline,
    score_tasks,
    weekly_split,
)
from app.weeks import week_start
from app.workload import WorkloadService
from storage import analysis_queries as aq

RANGES = (4, 8, 12, 26)     # the ranges the page offers, in weeks
DEFAULT_RANGE = 8
MAX_RANGE = 520


class TaskLine(NamedTuple):
    """A task as `pm-workload tasks` lists it: its usage and, if operational lately, its score."""

    usage: TaskUsage
    score: TaskScore | None


class ReviewService:
    """Reads the review's aggregates through one WorkloadService and turns them into figures."""

    def __init__(self, service: WorkloadService) -> None:
        self.service = service

    def week_start(self, day: date | None = None) -> date:
        """Return the first day of the week holding ``day`` (default today) under the settings."""
        return week_start(day or self.service.clock.today(), self.service.settings.get().week_start)

    def split(self, first_week: date, weeks: int) -> list[WeekSplit]:
        """Return the strategic / operational split of ``weeks`` weeks from the one holding ``first_week``."""
        first = self.week_start(first_week)
        last = first + timedelta(weeks=weeks, days=-1)
        rows = aq.minutes_by_week_and_kind(self.service.store, first.isoformat(), last.isoformat())
        return weekly_split(rows, first, weeks)

    def categories(self, first: date, last: date) -> list[CategoryHours]:
        """Return the hours by category from ``first`` to ``last`` inclusive, most first."""
        return hours_by_category(
            aq.minutes_by_category(self.service.store, first.isoformat(), last.isoformat()))

    def lookback(self, week: date | None = None) -> LookBack:
        """Return the completed weeks the hand-off look-back of ``week``'s review is over.

        A week is completed once its last day is past: reviewing an earlier week, the
        look-back ends with it; reviewing this week, with the week before.
        """
        lookback = self._lookback_weeks(self.week_start(week))
        worked = {row[0] for row in aq.minutes_by_week_and_kind(
            self.service.store, lookback.first.isoformat(), lookback.last.isoformat()) if row[2]}
        return lookback._replace(worked=len(worked))

    def _lookback_weeks(self, start: date) -> LookBack:
        """Return the look-back of the week starting on ``start``, its worked weeks not counted."""
        weeks = self.service.settings.get().handoff_weeks
        last_week = min(start, self.week_start() - timedelta(weeks=1))
        return LookBack(last_week - timedelta(weeks=weeks - 1), weeks)

    def scores(self, week: date | None = None) -> list[TaskScore]:
        """Return the operational tasks of ``week``'s hand-off look-back, scored."""
        return self.scores_over(self.lookback(week))

    def scores_over(self, lookback: LookBack) -> list[TaskScore]:
        """Return the operational tasks of ``lookback``, scored (candidates first)."""
        rules = HandoffRules.from_settings(self.service.settings.get())
        # A week with nothing logged at all (a holiday) says nothing about how often a task
        # recurs: R and H count the weeks of the look-back in which work was logged.
        if 0 < lookback.worked < rules.weeks:
            rules = rules._replace(weeks=lookback.worked)
        rows = aq.operational_task_weeks(self.service.store, lookback.first.isoformat(),
                                         lookback.last.isoformat())
        return score_tasks(rows, rules)

    def weeks_logged(self, week: date | None = None) -> int:
        """Return how many weeks run from the first entry's week to ``week``'s (at least 1)."""
        first = aq.first_day(self.service.store)
        if first is None:
            return 1
        start = self.week_start(week)
        return max(1, (start - self.week_start(date.fromisoformat(first))).days // 7 + 1)

    def review(self, week: date | None = None, weeks: int | None = DEFAULT_RANGE) -> Review:
        """Return the review of the week holding ``week`` (default today) over ``weeks`` weeks.

        ``weeks=None``: every week from the first entry's on (no upper limit).
        """
        if weeks is None:
            weeks = self.weeks_logged(week)
        elif isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_RANGE:
            raise ValidationError(f"The range must be from 1 to {MAX_RANGE} weeks.", "weeks")
        store = self.service.store
        settings = self.service.settings.get()
        rules = HandoffRules.from_settings(settings)
        start = self.week_start(week)
        end = start + timedelta(days=6)
        lookback = self._lookback_weeks(start)
        # One query covers the range and the look-back (which may end a week before it).
        first = min(start - timedelta(weeks=weeks - 1), lookback.first)
        span = (start - first).days // 7 + 1
        every = weekly_split(
            aq.minutes_by_week_and_kind(store, first.isoformat(), end.isoformat()), first, span)
        split = every[-weeks:]
        begin = (lookback.first - first).days // 7
        window = every[begin:begin + lookback.weeks]
        lookback = lookback._replace(worked=sum(1 for w in window if w.minutes))
        daily = daily_hours(aq.minutes_by_day(store, split[0].start.isoformat(), end.isoformat()),
                            split[0].start, end)
        days_logged = sum(1 for day, logged in daily[-7:] if logged)
        scores = self.scores_over(lookback)
        tasks = aq.handed_off_tasks(store, end.isoformat())
        sums = aq.minutes_before_and_after(
            store, handoff_windows(tasks, settings.week_start, rules.weeks), end.isoformat())
        done = handed_off(tasks, sums, settings.week_start, rules.weeks, start)
        headline = make_headline(every[-1], days_logged, lookback, window, scores, done,
                                 settings.strategic_target)
        return Review(
            week=every[-1], split=split, categories=self.categories(start, end), scores=scores,
            lookback=lookback, handed_off=done, daily=daily, headline=headline, rules=rules,
            target=settings.strategic_target, today=self.service.clock.today(),
        )

    def task_lines(self, week: date | None = None) -> list[TaskLine]:
        """Return every task with its usage and, when it had operational work lately, its score."""
        scores = {s.task_id: s for s in self.scores(week)}
        return [TaskLine(u, scores.get(u.task.id)) for u in self.service.tasks.usage()]
