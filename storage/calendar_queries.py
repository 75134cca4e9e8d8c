"""The queries of the calendar import and of title rules. Writes expect an open transaction.

Only titles (as tasks), times, event UIDs and recurrence dates are ever written here: no
description, location, attendee or link of a calendar event.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from storage.database import Store, inserted_id


# -- rules --------------------------------------------------------------------------------
def rules(store: Store) -> list[sqlite3.Row]:
    """Return every rule in the PM's order, with its category's name."""
    return store.all(
        "SELECT r.id, r.position, r.pattern, r.is_regex, r.kind, r.category_id, "
        "c.name AS category FROM rules r LEFT JOIN categories c ON c.id = r.category_id "
        "ORDER BY r.position, r.id")


def insert_rule(store: Store, position: int, pattern: str, is_regex: bool, kind: str,
                category_id: int | None) -> int:
    """Insert a rule at ``position``, moving the rules from there one place down; return its id."""
    store.conn.execute("UPDATE rules SET position = position + 1 WHERE position >= ?", (position,))
    cursor = store.conn.execute(
        "INSERT INTO rules (position, pattern, is_regex, kind, category_id) VALUES (?, ?, ?, ?, ?)",
        (position, pattern, int(is_regex), kind, category_id))
    return inserted_id(cursor)


def update_rule(store: Store, rule_id: int, values: dict) -> None:
    """Change the given columns of one rule."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    store.conn.execute(f"UPDATE rules SET {assignments} WHERE id = ?", [*values.values(), rule_id])


def delete_rule(store: Store, rule_id: int) -> None:
    """Delete one rule."""
    store.conn.execute("DELETE FROM rules WHERE id = ?", (rule_id,))


def renumber_rules(store: Store, ids_in_order: Iterable[int]) -> None:
    """Give the rules positions 1, 2, … in the order of ``ids_in_order``."""
    store.conn.executemany("UPDATE rules SET position = ? WHERE id = ?",
                           [(i, rule_id) for i, rule_id in enumerate(ids_in_order, start=1)])


# -- what the calendar import remembers ---------------------------------------------------
def series_choices(store: Store, uids: Iterable[str]) -> dict[str, tuple[str, int | None]]:
    """Return (kind, category_id) per event series the PM chose for before, for ``uids``.

    The PM's explicit choice (calendar_series) wins; else the entry last logged from an
    occurrence of the series, as it is now (so an edit of an imported entry is remembered).
    """
    wanted = sorted(set(uids))
    found: dict[str, tuple[str, int | None]] = {}
    for chunk in _chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        for row in store.all(
                f"SELECT o.uid, e.kind, e.category_id FROM calendar_occurrences o "
                f"JOIN entries e ON e.id = o.entry_id WHERE o.uid IN ({marks}) "
                f"ORDER BY e.day, e.id", chunk):
            found[row[0]] = (row[1], row[2])  # the latest wins
        for row in store.all(
                f"SELECT uid, kind, category_id FROM calendar_series WHERE uid IN ({marks})", chunk):
            found[row[0]] = (row[1], row[2])
    return found


def put_series_choice(store: Store, uid: str, kind: str, category_id: int | None) -> None:
    """Remember the kind and category the PM chose for an event series."""
    store.conn.execute(
        "INSERT INTO calendar_series (uid, kind, category_id) VALUES (?, ?, ?) "
        "ON CONFLICT(uid) DO UPDATE SET kind = excluded.kind, category_id = excluded.category_id",
        (uid, kind, category_id))


def handled_occurrences(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], bool]:
    """Return, of the (uid, recurrence_id) ``keys``, those logged or dismissed: key -> dismissed."""
    found: dict[tuple[str, str], bool] = {}
    for chunk in _chunks(sorted(set(keys)), 400):
        pairs = ", ".join("(?, ?)" for _ in chunk)
        # Row values look each key up in the primary key: as fast for a week as for a year.
        for row in store.all(
                f"SELECT uid, recurrence_id, dismissed FROM calendar_occurrences "
                f"WHERE (uid, recurrence_id) IN (VALUES {pairs})",
                tuple(value for key in chunk for value in key)):
            found[(row[0], row[1])] = bool(row[2])
    return found


def insert_occurrences(store: Store, rows: list[tuple[str, str, int | None, int, int | None, str]]) -> None:
    """Record occurrences as handled: (uid, recurrence_id, entry_id, dismissed, batch_id, at).

    One already recorded is left as it is (INSERT OR IGNORE): logged once, never twice.
    """
    store.conn.executemany(
        "INSERT OR IGNORE INTO calendar_occurrences "
        "(uid, recurrence_id, entry_id, dismissed, batch_id, handled_at) VALUES (?, ?, ?, ?, ?, ?)",
        rows)


def forget_occurrences_of_entries(store: Store, entry_ids: Iterable[int]) -> None:
    """Forget the occurrences logged as these entries (an accept being undone)."""
    store.conn.executemany("DELETE FROM calendar_occurrences WHERE entry_id = ?",
                           [(i,) for i in entry_ids])


def forget_dismissal(store: Store, uid: str, recurrence_id: str) -> None:
    """Forget that an occurrence was dismissed (a dismissal being undone)."""
    store.conn.execute(
        "DELETE FROM calendar_occurrences WHERE uid = ? AND recurrence_id = ? AND dismissed = 1",
        (uid, recurrence_id))


def mark_batch_entries(store: Store, batch_id: int, entry_ids: list[int]) -> None:
    """Put entries a calendar import wrote into its import batch, so undoing it removes them."""
    for chunk in _chunks(entry_ids):
        store.conn.execute(
            f"UPDATE entries SET batch_id = ? WHERE id IN ({', '.join('?' * len(chunk))})",
            (batch_id, *chunk))


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    """Yield lists of at most ``size`` items (SQLite caps the parameters of one statement)."""
    for at in range(0, len(items), size):
        yield items[at:at + size]
