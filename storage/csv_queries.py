"""Queries behind CSV export and import and the peers' summaries.

Exports stream from a cursor (rows as plain tuples); imports write with executemany inside
the caller's transaction. Writes expect an open transaction, like storage.queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from storage.database import Store

# The week an entry falls in, as the ISO date of its first day under the week-start setting
# (?1: 0 = Monday … 6 = Sunday). strftime('%w') counts from Sunday = 0.
_WEEK_START = "date(e.day, '-' || ((CAST(strftime('%w', e.day) AS INTEGER) + 13 - ?1) % 7) || ' days')"


def _cursor(store: Store) -> sqlite3.Cursor:
    """Return a cursor giving plain tuples (cheaper than sqlite3.Row on long exports)."""
    cursor = store.conn.cursor()
    cursor.row_factory = None
    return cursor


def _stream(store: Store, sql: str, params: tuple) -> Iterator[tuple]:
    with store.guard():
        cursor = _cursor(store).execute(sql, params)
    while True:
        with store.guard():
            rows = cursor.fetchmany(2000)
        if not rows:
            return
        yield from rows


# -- export -------------------------------------------------------------------------------
def count_entries_between(store: Store, first: str, last: str) -> int:
    """Return how many entries fall from day ``first`` to ``last`` inclusive."""
    return int(store.scalar("SELECT count(*) FROM entries WHERE day BETWEEN ? AND ?", (first, last)))


def export_rows(store: Store, first: str, last: str) -> Iterator[tuple]:
    """Yield (day, start, minutes, title, kind, category, handoff, note) in time order."""
    return _stream(
        store,
        "SELECT e.day, e.start, e.minutes, t.title, e.kind, c.name, t.handoff, e.note "
        "FROM entries e JOIN tasks t ON t.id = e.task_id "
        "LEFT JOIN categories c ON c.id = e.category_id "
        "WHERE e.day BETWEEN ? AND ? ORDER BY e.day, e.start IS NULL, e.start, e.id",
        (first, last),
    )


def summary_rows(store: Store, first: str, last: str, week_start: int) -> list[tuple]:
    """Return (week's first day, category or '', kind, minutes) per week x category x kind."""
    return store.all(
        f"SELECT {_WEEK_START} AS week, COALESCE(c.name, ''), e.kind, SUM(e.minutes) "
        "FROM entries e LEFT JOIN categories c ON c.id = e.category_id "
        "WHERE e.day BETWEEN ?2 AND ?3 "
        "GROUP BY week, e.category_id, e.kind "
        "ORDER BY week, c.id IS NULL, c.position, c.id, e.kind",
        (week_start, first, last),
    )


def minutes_by_week_and_kind(store: Store, first: str, last: str, week_start: int) -> list[tuple]:
    """Return (week's first day, kind, minutes) for each week with entries in the range."""
    return store.all(
        f"SELECT {_WEEK_START} AS week, e.kind, SUM(e.minutes) FROM entries e "
        "WHERE e.day BETWEEN ?2 AND ?3 GROUP BY week, e.kind ORDER BY week",
        (week_start, first, last),
    )


# -- import -------------------------------------------------------------------------------
def entry_keys_between(store: Store, first: str, last: str) -> Iterator[tuple]:
    """Yield (day, start, minutes, task title key, kind) of every entry in the range."""
    return _stream(
        store,
        "SELECT e.day, e.start, e.minutes, t.title_key, e.kind "
        "FROM entries e JOIN tasks t ON t.id = e.task_id WHERE e.day BETWEEN ? AND ?",
        (first, last),
    )


def task_ids_by_key(store: Store) -> dict[str, int]:
    """Return every task's id by its normalised title."""
    with store.guard():
        return dict(_cursor(store).execute("SELECT title_key, id FROM tasks"))


def category_ids_by_key(store: Store) -> dict[str, int]:
    """Return every category's id (archived ones included) by its normalised name."""
    with store.guard():
        return dict(_cursor(store).execute("SELECT name_key, id FROM categories"))


def task_defaults(store: Store) -> dict[str, tuple[str | None, str | None]]:
    """Return every task's (kind, category name) by its normalised title."""
    with store.guard():
        return {key: (kind, category) for key, kind, category in _cursor(store).execute(
            "SELECT t.title_key, t.kind, c.name FROM tasks t "
            "LEFT JOIN categories c ON c.id = t.category_id")}


def insert_imported_task(store: Store, title: str, key: str, kind: str, category_id: int | None,
                         handoff: str, changed_on: str | None) -> int:
    """Insert a task met for the first time in an import and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO tasks (title, title_key, kind, category_id, handoff, handoff_changed_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (title, key, kind, category_id, handoff, changed_on),
    )
    return int(cursor.lastrowid)


# -- peers --------------------------------------------------------------------------------
def peers(store: Store) -> list[sqlite3.Row]:
    """Return every peer with its number of weeks, first and last week, in label order."""
    return store.all(
        "SELECT p.id, p.label, p.imported_at, count(DISTINCT w.week) AS weeks, "
        "MIN(w.week) AS first_week, MAX(w.week) AS last_week "
        "FROM peers p LEFT JOIN peer_weeks w ON w.peer_id = p.id "
        "GROUP BY p.id ORDER BY p.label_key"
    )


def peer_by_key(store: Store, key: str) -> sqlite3.Row | None:
    """Return the peer whose normalised label is ``key``."""
    return store.one("SELECT id, label FROM peers WHERE label_key = ?", (key,))


def insert_peer(store: Store, label: str, key: str, stamp: str) -> int:
    """Insert a peer and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO peers (label, label_key, imported_at) VALUES (?, ?, ?)", (label, key, stamp)
    )
    return int(cursor.lastrowid)


def touch_peer(store: Store, peer_id: int, stamp: str) -> None:
    """Record when a peer's summary was last imported."""
    store.conn.execute("UPDATE peers SET imported_at = ? WHERE id = ?", (stamp, peer_id))


def replace_peer_weeks(store: Store, peer_id: int, weeks: Iterable[str],
                       rows: Iterable[tuple[str, str, str, int]]) -> None:
    """Replace the peer's figures for ``weeks`` with rows of (week, kind, category, minutes)."""
    store.conn.executemany(
        "DELETE FROM peer_weeks WHERE peer_id = ? AND week = ?", ((peer_id, w) for w in weeks)
    )
    store.conn.executemany(
        "INSERT INTO peer_weeks (peer_id, week, kind, category, minutes) VALUES (?, ?, ?, ?, ?)",
        ((peer_id, *row) for row in rows),
    )


def delete_peer(store: Store, peer_id: int) -> None:
    """Delete a peer and its figures."""
    store.conn.execute("DELETE FROM peer_weeks WHERE peer_id = ?", (peer_id,))
    store.conn.execute("DELETE FROM peers WHERE id = ?", (peer_id,))


def peer_minutes_by_week_and_kind(store: Store) -> list[tuple]:
    """Return (peer label, week, kind, minutes) for every peer's week."""
    return store.all(
        "SELECT p.label, w.week, w.kind, SUM(w.minutes) FROM peer_weeks w "
        "JOIN peers p ON p.id = w.peer_id GROUP BY p.id, w.week, w.kind ORDER BY p.label_key, w.week"
    )

