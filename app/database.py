"""The database file, for the window: where it lives and opening it.

storage's own functions, re-exported so that ui/ reaches storage only through app/ (an
import-linter contract); the errors are in app.errors.
"""

from __future__ import annotations

from storage import Store, database_path, open_store, resolve_data_dir
from storage.paths import ensure_private_dir

__all__ = ["Store", "database_path", "ensure_private_dir", "open_store", "resolve_data_dir"]
