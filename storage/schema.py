"""The schema, as step-wise migrations recorded by sqlite-utils.

``PRAGMA user_version`` mirrors the number of applied steps so that opening an up-to-date
database needs nothing but the standard library; sqlite-utils is imported only to migrate.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# "PMWL": tells our files apart from any other SQLite database.
APPLICATION_ID = 0x504D574C

# (name, strategic?) in display order; see ARCHITECTURE.md.
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Customer discovery & interviews", "strategic"),
    ("Market & competitive analysis", "strategic"),
    ("Vision, strategy & roadmap", "strategic"),
    ("Prioritisation & trade-offs", "strategic"),
    ("Outcomes, metrics & data interpretation", "strategic"),
    ("Experiment & solution design", "strategic"),
    ("Stakeholder alignment on direction", "strategic"),
    ("Status reports & decks", "operational"),
    ("Data pulls & dashboards", "operational"),
    ("Tool admin", "operational"),
    ("Delivery coordination & backlog admin", "operational"),
    ("Release notes & enablement", "operational"),
    ("Feedback triage & internal Q&A", "operational"),
    ("Research ops & meeting logistics", "operational"),
    ("Process, templates & onboarding docs", "operational"),
)

_V1 = """
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('strategic', 'operational')),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL UNIQUE,
    kind TEXT CHECK (kind IN ('strategic', 'operational')),
    category_id INTEGER REFERENCES categories(id),
    checklist INTEGER CHECK (checklist BETWEEN 1 AND 5),
    needed TEXT CHECK (needed IN ('needed', 'nothing')),
    handoff TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (handoff IN ('unreviewed', 'keep', 'candidate', 'handed_off')),
    handoff_changed_on TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    day TEXT NOT NULL CHECK (length(day) = 10),
    start TEXT CHECK (start IS NULL OR length(start) = 5),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    kind TEXT NOT NULL CHECK (kind IN ('strategic', 'operational')),
    category_id INTEGER REFERENCES categories(id),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX entries_by_day ON entries(day, kind, minutes);
CREATE INDEX entries_by_task ON entries(task_id, day);
CREATE INDEX entries_by_kind ON entries(kind, day);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE timer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('strategic', 'operational')),
    category_id INTEGER REFERENCES categories(id),
    note TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL
);
"""


def _v1_initial(db: Database) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)
    db.table("categories").insert_all(
        (
            {"name": name, "name_key": normalise_key(name), "kind": kind, "position": i}
            for i, (name, kind) in enumerate(DEFAULT_CATEGORIES)
        )
    )


_V2_PEERS = """
CREATE TABLE peers (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    label_key TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL
);
CREATE TABLE peer_weeks (
    peer_id INTEGER NOT NULL REFERENCES peers(id) ON DELETE CASCADE,
    week TEXT NOT NULL CHECK (length(week) = 8),
    kind TEXT NOT NULL CHECK (kind IN ('strategic', 'operational')),
    category TEXT NOT NULL DEFAULT '',
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (peer_id, week, kind, category)
) WITHOUT ROWID;
"""


def _v2_peers(db: Database) -> None:
    """Peers' weekly summaries (imported from their summary CSV), kept apart from entries."""
    for statement in _V2_PEERS.split(";"):
        if statement.strip():
            db.execute(statement)


def _v3_task_usage_index(db: Database) -> None:
    """A covering index for per-task usage (autocomplete, the task list): 115 ms -> 28 ms at
    100,000 entries. It starts with (task_id, day), so it replaces entries_by_task."""
    db.execute("CREATE INDEX entries_by_task_usage ON entries(task_id, day, minutes)")
    db.execute("DROP INDEX entries_by_task")


_V4_IMPORT_BATCHES = """
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    entries INTEGER NOT NULL DEFAULT 0 CHECK (entries >= 0),
    undone_at TEXT
);
ALTER TABLE entries ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
ALTER TABLE tasks ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
ALTER TABLE categories ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
CREATE INDEX entries_by_batch ON entries(batch_id) WHERE batch_id IS NOT NULL;
"""


def _v4_import_batches(db: Database) -> None:
    """Every import is a batch, so that it can be undone as one: the batch's entries, and the
    tasks and categories it created (``batch_id`` on each; NULL for what the PM logged)."""
    for statement in _V4_IMPORT_BATCHES.split(";"):
        if statement.strip():
            db.execute(statement)


_V5_CALENDAR = """
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    pattern TEXT NOT NULL CHECK (length(pattern) BETWEEN 1 AND 200),
    is_regex INTEGER NOT NULL DEFAULT 0 CHECK (is_regex IN (0, 1)),
    kind TEXT NOT NULL CHECK (kind IN ('strategic', 'operational')),
    category_id INTEGER REFERENCES categories(id)
);
CREATE INDEX rules_by_position ON rules(position, id);
CREATE TABLE calendar_series (
    uid TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('strategic', 'operational')),
    category_id INTEGER REFERENCES categories(id)
) WITHOUT ROWID;
CREATE TABLE calendar_occurrences (
    uid TEXT NOT NULL,
    recurrence_id TEXT NOT NULL,
    entry_id INTEGER,
    dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    batch_id INTEGER REFERENCES import_batches(id),
    handled_at TEXT NOT NULL,
    PRIMARY KEY (uid, recurrence_id)
) WITHOUT ROWID;
CREATE INDEX calendar_occurrences_by_entry ON calendar_occurrences(entry_id);
"""


def _v5_calendar(db: Database) -> None:
    """Title rules, and what the calendar import remembers: per event series (UID) the kind
    the PM chose, per occurrence (UID + recurrence date) whether it was logged or dismissed,
    so a re-import adds nothing. No descriptions, locations, attendees or links are kept.

    entry_id is not a foreign key: an entry deleted and restored by undo keeps its id, and
    an occurrence whose entry was deleted stays handled (a re-import must not bring it back).
    A calendar import is an import batch like a CSV one, so it can be undone as one.
    """
    for statement in _V5_CALENDAR.split(";"):
        if statement.strip():
            db.execute(statement)


# Each step runs in its own transaction; its index + 1 is the schema version it leads to.
STEPS = (_v1_initial, _v2_peers, _v3_task_usage_index, _v4_import_batches, _v5_calendar)
SCHEMA_VERSION = len(STEPS)


def normalise_key(text: str) -> str:
    """Return the key two titles share when they name the same thing (trimmed, case-folded)."""
    return " ".join(text.split()).casefold()


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply every step after ``from_version``, each with its record in one transaction."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("pm_workload")
    for version, step in enumerate(STEPS, start=1):
        if version <= from_version:
            continue

        def run(db: Database, step=step, version=version) -> None:
            step(db)
            # user_version is written in the same transaction as the step itself.
            db.execute(f"PRAGMA user_version = {version}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

        migrations(name=f"{version:04d}_{step.__name__.lstrip('_')}")(run)
    if from_version == 0:
        # sqlite-utils creates its record table outside the steps' transactions: mark a new
        # file as ours first, or a failed first step would leave it looking like a foreign one.
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(Database(conn, execute_plugins=False))
