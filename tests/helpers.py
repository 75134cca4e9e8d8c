"""Helpers shared by the foundation tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TABLES = ("tasks", "entries", "categories", "settings", "timer")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Return every row of the app's tables, read through a separate connection."""
    conn = sqlite3.connect(str(path))
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        conn.close()
