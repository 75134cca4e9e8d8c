"""The aggregates behind the weekly review; each is one GROUP BY over an indexed range of days.

Days are ISO dates, so a week index is a whole number of days from the first week's start
divided by seven: no time zone (and so no DST change) enters the sums.
"""

from __future__ import annotations

import sqlite3

from storage.database import Store

# Whole weeks from :first (a week's first day) to an entry's day.
_WEEK_INDEX = "CAST((julianday(e.day) - julianday(:first)) / 7 AS INTEGER)"


def minutes_by_week_and_kind(store: Store, first: str, last: str) -> list[sqlite3.Row]:
    """Return (week, kind, minutes) rows from ``first`` (a week start) to ``last`` inclusive."""
    return store.all(
        f"SELECT {_WEEK_INDEX} AS week, e.kind AS kind, SUM(e.minutes) AS minutes "
        "FROM entries e WHERE e.day BETWEEN :first AND :last GROUP BY week, e.kind",
        {"first": first, "last": last},
    )


def first_day(store: Store) -> str | None:
    """Return the day of the earliest entry, or None when there is none."""
    return store.scalar("SELECT MIN(day) FROM entries")


def minutes_by_day(store: Store, first: str, last: str) -> list[sqlite3.Row]:
    """Return (day, minutes) for each day with entries from ``first`` to ``last`` inclusive."""
    return store.all(
        "SELECT day, SUM(minutes) AS minutes FROM entries WHERE day BETWEEN ? AND ? GROUP BY day",
        (first, last),
    )


def minutes_by_category(store: Store, first: str, last: str) -> list[sqlite3.Row]:
    """Return (category, category kind, entry kind, minutes) from ``first`` to ``last``.

    ``category`` is None for entries without one.
    """
    return store.all(
        "SELECT c.name AS category, c.kind AS category_kind, e.kind AS kind, "
        "SUM(e.minutes) AS minutes "
        "FROM entries e LEFT JOIN categories c ON c.id = e.category_id "
        "WHERE e.day BETWEEN ? AND ? GROUP BY e.category_id, e.kind",
        (first, last),
    )


def operational_task_weeks(store: Store, first: str, last: str) -> list[sqlite3.Row]:
    """Return each task with operational work from ``first`` (a week start) to ``last``.

    Columns: task_id, title, minutes, weeks_seen (weeks with at least one entry), checklist,
    needed, handoff.
    """
    return store.all(
        f"""
        SELECT t.id AS task_id, t.title, w.minutes, w.weeks_seen, t.checklist, t.needed, t.handoff
        FROM (
            SELECT e.task_id, SUM(e.minutes) AS minutes, COUNT(DISTINCT {_WEEK_INDEX}) AS weeks_seen
            FROM entries e
            WHERE e.kind = 'operational' AND e.day BETWEEN :first AND :last
            GROUP BY e.task_id
        ) w JOIN tasks t ON t.id = w.task_id
        """,
        {"first": first, "last": last},
    )


def handed_off_tasks(store: Store, last: str) -> list[sqlite3.Row]:
    """Return (task_id, title, changed_on) of the tasks handed off on or before ``last``."""
    return store.all(
        "SELECT id AS task_id, title, handoff_changed_on AS changed_on FROM tasks "
        "WHERE handoff = 'handed_off' AND handoff_changed_on IS NOT NULL "
        "AND handoff_changed_on <= ? ORDER BY handoff_changed_on, title",
        (last,),
    )


def minutes_before_and_after(
    store: Store, windows: list[tuple[int, str, str, str]], last: str
) -> list[sqlite3.Row]:
    """Return (task_id, before, after) minutes for tasks given as windows.

    Each window is (task_id, before_first, before_end, after_first): ``before`` sums the days
    from before_first up to (not including) before_end, ``after`` the days from after_first
    to ``last``.
    """
    if not windows:
        return []
    values = ", ".join("(?, ?, ?, ?)" for _ in windows)
    params = [value for window in windows for value in window]
    return store.all(
        f"""
        WITH w(task_id, before_first, before_end, after_first) AS (VALUES {values})
        SELECT w.task_id,
               SUM(CASE WHEN e.day < w.before_end THEN e.minutes ELSE 0 END) AS before,
               SUM(CASE WHEN e.day >= w.after_first THEN e.minutes ELSE 0 END) AS after
        FROM w JOIN entries e ON e.task_id = w.task_id AND e.day BETWEEN w.before_first AND ?
        GROUP BY w.task_id
        """,
        (*params, last),
    )
