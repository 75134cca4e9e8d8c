"""SQLite storage for PM Workload: where the file lives, its schema, and the queries.

Plain Python and the standard library's sqlite3 on the read path; no Qt, no matplotlib.
"""

from storage.database import Store, open_store
from storage.errors import NotOurDatabaseError, SchemaTooNewError, StorageError
from storage.paths import database_path, resolve_data_dir

__all__ = [
    "NotOurDatabaseError",
    "SchemaTooNewError",
    "StorageError",
    "Store",
    "database_path",
    "open_store",
    "resolve_data_dir",
]
