"""The queries the app runs. Rows come back as sqlite3.Row; writes expect an open transaction."""

from __future__ import annotations

import sqlite3
from typing import Any

from storage.database import Store, inserted_id

_ENTRY_SELECT = """
SELECT e.id, e.task_id, t.title, e.day, e.start, e.minutes, e.kind, e.category_id,
       c.name AS category, e.note, e.created_at, e.updated_at, t.handoff
FROM entries e
JOIN tasks t ON t.id = e.task_id
LEFT JOIN categories c ON c.id = e.category_id
"""

ENTRY_COLUMNS = (
    "task_id", "day", "start", "minutes", "kind", "category_id", "note", "created_at", "updated_at",
)


# -- entries ------------------------------------------------------------------------------
def insert_entry(store: Store, values: dict[str, Any], entry_id: int | None = None) -> int:
    """Insert one entry (with a given id when restoring it) and return its id."""
    columns = ("id",) + ENTRY_COLUMNS if entry_id is not None else ENTRY_COLUMNS
    params = ([entry_id] if entry_id is not None else []) + [values[c] for c in ENTRY_COLUMNS]
    cursor = store.conn.execute(
        f"INSERT INTO entries ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        params,
    )
    return inserted_id(cursor)


def insert_entries(store: Store, rows: list[tuple]) -> None:
    """Insert many entries given as tuples in ENTRY_COLUMNS order (bulk path: no per-row checks)."""
    store.conn.executemany(
        f"INSERT INTO entries ({', '.join(ENTRY_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
        rows,
    )


def update_entry(store: Store, entry_id: int, values: dict[str, Any]) -> None:
    """Change the given columns of one entry."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    store.conn.execute(
        f"UPDATE entries SET {assignments} WHERE id = ?", [*values.values(), entry_id]
    )


def delete_entry(store: Store, entry_id: int) -> None:
    """Delete one entry."""
    store.conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))


def entry_by_id(store: Store, entry_id: int) -> sqlite3.Row | None:
    """Return one entry with its task title and category name."""
    return store.one(_ENTRY_SELECT + "WHERE e.id = ?", (entry_id,))


def last_entry_id(store: Store) -> int | None:
    """Return the id of the entry saved last, or None when there is none."""
    row = store.one("SELECT MAX(id) AS id FROM entries")
    return row["id"] if row else None


def entries_between(store: Store, first: str, last: str) -> list[sqlite3.Row]:
    """Return the entries from day ``first`` to ``last`` inclusive, in time order."""
    return store.all(
        _ENTRY_SELECT
        + "WHERE e.day BETWEEN ? AND ? ORDER BY e.day, e.start IS NULL, e.start, e.id",
        (first, last),
    )


def minutes_by_kind(store: Store, first: str, last: str) -> dict[str, int]:
    """Return total minutes per kind from ``first`` to ``last`` inclusive."""
    rows = store.all(
        "SELECT kind, SUM(minutes) FROM entries WHERE day BETWEEN ? AND ? GROUP BY kind",
        (first, last),
    )
    return {row[0]: row[1] for row in rows}


def minutes_per_day(store: Store, first: str, last: str,
                    leaving_out: int | None = None) -> dict[str, int]:
    """Return the minutes logged on each day from ``first`` to ``last`` inclusive, leaving out
    the entry ``leaving_out`` (one being edited); days without entries are missing."""
    rows = store.all(
        "SELECT day, SUM(minutes) FROM entries WHERE day BETWEEN ? AND ? AND id IS NOT ? "
        "GROUP BY day",
        (first, last, leaving_out),
    )
    return {row[0]: row[1] for row in rows}


def count_entries(store: Store) -> int:
    """Return how many entries there are."""
    return int(store.scalar("SELECT count(*) FROM entries"))


_TASK_COLUMNS = "id, title, title_key, kind, category_id, checklist, needed, handoff, " \
    "handoff_changed_on, note"


def task_by_key(store: Store, key: str) -> sqlite3.Row | None:
    """Return the task whose normalised title is ``key``."""
    return store.one(f"SELECT {_TASK_COLUMNS} FROM tasks WHERE title_key = ?", (key,))


def task_with_last_entry(store: Store, key: str) -> sqlite3.Row | None:
    """Return the task whose normalised title is ``key`` with the kind and category of its
    most recent entry (``last_kind``, ``last_category_id``; NULL without entries): what
    resolving a new entry needs, in one statement."""
    return store.one(
        f"SELECT {', '.join('t.' + c.strip() for c in _TASK_COLUMNS.split(','))}, "
        "e.kind AS last_kind, e.category_id AS last_category_id FROM tasks t "
        "LEFT JOIN entries e ON e.id = (SELECT id FROM entries WHERE task_id = t.id "
        "ORDER BY day DESC, id DESC LIMIT 1) WHERE t.title_key = ?", (key,))



def insert_task(store: Store, title: str, key: str, kind: str | None, category_id: int | None) -> int:
    """Insert a task and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO tasks (title, title_key, kind, category_id) VALUES (?, ?, ?, ?)",
        (title, key, kind, category_id),
    )
    return inserted_id(cursor)


def update_task(store: Store, task_id: int, values: dict[str, Any]) -> None:
    """Change the given columns of one task."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    store.conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", [*values.values(), task_id])


def tasks_with_usage(store: Store) -> list[sqlite3.Row]:
    """Return every task with its number of entries, total minutes and last day, most used first."""
    return store.all(
        f"""
        SELECT {', '.join('t.' + c.strip() for c in _TASK_COLUMNS.split(','))},
               COALESCE(u.uses, 0) AS uses, COALESCE(u.minutes, 0) AS total_minutes, u.last_day
        FROM tasks t
        LEFT JOIN (
            SELECT task_id, count(*) AS uses, SUM(minutes) AS minutes, MAX(day) AS last_day
            FROM entries GROUP BY task_id
        ) u ON u.task_id = t.id
        ORDER BY uses DESC, u.last_day DESC, t.title
        """
    )


# -- categories ---------------------------------------------------------------------------
def categories(store: Store) -> list[sqlite3.Row]:
    """Return every category, archived ones included, in display order."""
    return store.all(
        "SELECT id, name, name_key, kind, archived, position FROM categories ORDER BY position, id"
    )


def insert_category(store: Store, name: str, key: str, kind: str) -> int:
    """Insert a category at the end of the list and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO categories (name, name_key, kind, position) "
        "VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM categories))",
        (name, key, kind),
    )
    return inserted_id(cursor)


def update_category(store: Store, category_id: int, values: dict[str, Any]) -> None:
    """Change the given columns of one category."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    store.conn.execute(
        f"UPDATE categories SET {assignments} WHERE id = ?", [*values.values(), category_id]
    )


# -- settings -----------------------------------------------------------------------------
def settings(store: Store) -> dict[str, str]:
    """Return every stored setting as text."""
    return {row[0]: row[1] for row in store.all("SELECT key, value FROM settings")}


def put_setting(store: Store, key: str, value: str) -> None:
    """Store one setting."""
    store.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


# -- the running timer --------------------------------------------------------------------
def running_timer(store: Store) -> sqlite3.Row | None:
    """Return the running timer joined with its category name, or None."""
    return store.one(
        "SELECT t.title, t.kind, t.category_id, c.name AS category, t.note, t.started_at "
        "FROM timer t LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = 1"
    )


def put_timer(store: Store, values: dict[str, Any]) -> None:
    """Store the running timer, replacing any other."""
    store.conn.execute(
        "INSERT OR REPLACE INTO timer (id, title, kind, category_id, note, started_at) "
        "VALUES (1, :title, :kind, :category_id, :note, :started_at)",
        values,
    )


def clear_timer(store: Store) -> None:
    """Remove the running timer."""
    store.conn.execute("DELETE FROM timer WHERE id = 1")


def clear_all_work(store: Store) -> None:
    """Delete every entry, task and the timer (categories and settings stay)."""
    store.conn.execute("DELETE FROM timer")
    store.conn.execute("DELETE FROM entries")
    store.conn.execute("DELETE FROM tasks")
