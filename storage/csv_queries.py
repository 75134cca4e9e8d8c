"""Queries behind CSV export and import and the peers' summaries.

Exports stream from a cursor (rows as plain tuples); imports write with executemany inside
the caller's transaction. Writes expect an open transaction, like storage.queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from storage.database import Store, inserted_id

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


# The entries CSV written by SQLite itself, one text per row, so that Python handles one object
# a row instead of nine (most of the export's time went on those objects). Each text cell is
# made spreadsheet-safe as app.exchange.csv_file.safe_cell does (an apostrophe before a leading
# = + - @ tab or CR, or before leading apostrophes followed by one of those) and quoted as the
# csv module's QUOTE_MINIMAL does (when it holds a comma, a quote, CR or LF; quotes doubled).
# Titles and categories are made once per task and category. tests/app/test_csv_export.py
# checks that both ways give the same bytes.
_FORMULA = "('=', '+', '-', '@', char(9), char(13))"
_APOSTROPHE = "''''"   # the SQL literal holding one apostrophe


def _safe(x: str) -> str:
    return (f"CASE WHEN substr({x}, 1, 1) IN {_FORMULA} OR (substr({x}, 1, 1) = {_APOSTROPHE} "
            f"AND substr(ltrim({x}, {_APOSTROPHE}), 1, 1) IN {_FORMULA}) "
            f"THEN {_APOSTROPHE} || {x} ELSE {x} END")


def _cell(x: str) -> str:
    quote = "'\"'"
    return (f"CASE WHEN instr({x}, ',') OR instr({x}, {quote}) OR instr({x}, char(10)) "
            f"OR instr({x}, char(13)) THEN {quote} || replace({_safe(x)}, {quote}, '\"\"') || {quote} "
            f"ELSE {_safe(x)} END")


_EXPORT_LINES = f"""
WITH tc AS MATERIALIZED (SELECT id, {_cell('title')} AS title, handoff FROM tasks),
     cc AS MATERIALIZED (SELECT id, {_cell('name')} AS name FROM categories)
SELECT e.day || ',' || ifnull(e.start, '') || ',' || e.minutes || ','
       || printf('%.2f', e.minutes / 60.0) || ',' || t.title || ',' || e.kind || ','
       || ifnull(c.name, '') || ',' || t.handoff || ','
       || CASE WHEN e.note = '' THEN '' ELSE {_cell('e.note')} END || char(13, 10)
FROM entries e JOIN tc t ON t.id = e.task_id LEFT JOIN cc c ON c.id = e.category_id
WHERE e.day BETWEEN ? AND ? ORDER BY e.day, e.start IS NULL, e.start, e.id
"""


def export_lines(store: Store, first: str, last: str, batch: int = 1000) -> Iterator[tuple[str, int]]:
    """Yield the entries CSV's lines in time order: (``batch`` lines as one text, their count).

    The columns of export_rows with the hours after the minutes; CRLF ends each line.
    """
    with store.guard():
        cursor = _cursor(store).execute(_EXPORT_LINES, (first, last))
    while True:
        with store.guard():
            rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield "".join([row[0] for row in rows]), len(rows)


def summary_task_rows(store: Store, first: str, last: str, week_start: int) -> list[sqlite3.Row]:
    """Return (week's first day, task id, category or '', kind, minutes, checklist, needed,
    handoff) per week x task x category x kind: the summary's rows, titles left out."""
    return store.all(
        f"SELECT {_WEEK_START} AS week, e.task_id, COALESCE(c.name, ''), e.kind, SUM(e.minutes), "
        "t.checklist, t.needed, t.handoff "
        "FROM entries e JOIN tasks t ON t.id = e.task_id "
        "LEFT JOIN categories c ON c.id = e.category_id "
        "WHERE e.day BETWEEN ?2 AND ?3 "
        "GROUP BY week, e.task_id, e.category_id, e.kind "
        "ORDER BY week, c.id IS NULL, c.position, c.id, e.kind, e.task_id",
        (week_start, first, last),
    )


def minutes_by_week_and_kind(store: Store, first: str, last: str, week_start: int) -> list[sqlite3.Row]:
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
                         handoff: str, changed_on: str | None, batch_id: int | None = None) -> int:
    """Insert a task met for the first time in an import and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO tasks (title, title_key, kind, category_id, handoff, handoff_changed_on, "
        "batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (title, key, kind, category_id, handoff, changed_on, batch_id),
    )
    return inserted_id(cursor)


def mark_category_imported(store: Store, category_id: int, batch_id: int) -> None:
    """Record that an import batch created the category (so undoing it may remove it)."""
    store.conn.execute("UPDATE categories SET batch_id = ? WHERE id = ?", (batch_id, category_id))


_IMPORTED_ENTRY_COLUMNS = ("task_id", "day", "start", "minutes", "kind", "category_id", "note",
                           "created_at", "updated_at", "batch_id")


def insert_imported_entries(store: Store, rows: list[tuple]) -> None:
    """Insert entries as tuples of storage.queries.ENTRY_COLUMNS followed by the batch id."""
    store.conn.executemany(
        f"INSERT INTO entries ({', '.join(_IMPORTED_ENTRY_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_IMPORTED_ENTRY_COLUMNS))})",
        rows,
    )


# -- import batches -------------------------------------------------------------------------
def insert_batch(store: Store, source: str, fmt: str, stamp: str) -> int:
    """Start an import batch (its entry count is set once written) and return its id."""
    cursor = store.conn.execute(
        "INSERT INTO import_batches (source, format, imported_at) VALUES (?, ?, ?)",
        (source, fmt, stamp))
    return inserted_id(cursor)


def set_batch_entries(store: Store, batch_id: int, entries: int) -> None:
    """Record how many entries a batch wrote."""
    store.conn.execute("UPDATE import_batches SET entries = ? WHERE id = ?", (entries, batch_id))


def delete_batch(store: Store, batch_id: int) -> None:
    """Forget a batch that wrote no entries (nothing to undo); what it created stays, as logged."""
    for table in ("tasks", "categories"):
        store.conn.execute(f"UPDATE {table} SET batch_id = NULL WHERE batch_id = ?", (batch_id,))
    store.conn.execute("DELETE FROM import_batches WHERE id = ?", (batch_id,))


def last_batch(store: Store) -> sqlite3.Row | None:
    """Return the newest batch not undone, with how many of its entries remain and how many
    of those were changed since (updated_at moved on), or None."""
    return store.one(
        "SELECT b.id, b.source, b.format, b.imported_at, b.entries, "
        "(SELECT count(*) FROM entries e WHERE e.batch_id = b.id) AS remaining, "
        "(SELECT count(*) FROM entries e WHERE e.batch_id = b.id "
        " AND e.updated_at <> e.created_at) AS edited "
        "FROM import_batches b WHERE b.undone_at IS NULL ORDER BY b.id DESC LIMIT 1")


def has_batch_to_undo(store: Store) -> bool:
    """Return True when some import batch has not been undone."""
    return store.scalar("SELECT EXISTS (SELECT 1 FROM import_batches WHERE undone_at IS NULL)") == 1


def undo_batch(store: Store, batch_id: int, stamp: str) -> tuple[int, int, int]:
    """Delete the batch's entries not changed since, then the tasks and categories it created
    that nothing uses any more; mark it undone. Returns (entries, tasks, categories) removed.

    A task the PM has judged since (checklist, needed or a note) is kept: that is their work.
    """
    conn = store.conn
    entries = conn.execute(
        "DELETE FROM entries WHERE batch_id = ? AND updated_at = created_at", (batch_id,)).rowcount
    tasks = conn.execute(
        "DELETE FROM tasks WHERE batch_id = ?1 AND checklist IS NULL AND needed IS NULL "
        "AND note = '' AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.task_id = tasks.id)",
        (batch_id,)).rowcount
    categories = conn.execute(
        "DELETE FROM categories WHERE batch_id = ?1 "
        "AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.category_id = categories.id) "
        "AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.category_id = categories.id) "
        "AND NOT EXISTS (SELECT 1 FROM timer m WHERE m.category_id = categories.id)",
        (batch_id,)).rowcount
    # A calendar import's occurrences whose entries went are suggested again.
    conn.execute(
        "DELETE FROM calendar_occurrences WHERE batch_id = ? AND entry_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = calendar_occurrences.entry_id)",
        (batch_id,))
    conn.execute("UPDATE import_batches SET undone_at = ? WHERE id = ?", (stamp, batch_id))
    return entries, tasks, categories


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
    return inserted_id(cursor)


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


def peer_minutes_by_week_and_kind(store: Store) -> list[sqlite3.Row]:
    """Return (peer label, week, kind, minutes) for every peer's week."""
    return store.all(
        "SELECT p.label, w.week, w.kind, SUM(w.minutes) FROM peer_weeks w "
        "JOIN peers p ON p.id = w.peer_id GROUP BY p.id, w.week, w.kind ORDER BY p.label_key, w.week"
    )

