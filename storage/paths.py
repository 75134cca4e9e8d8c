"""Where the data lives: platformdirs' user data dir, or an override."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "pm-workload"
DB_FILENAME = "pm-workload.db"
DATA_DIR_ENV = "PM_WORKLOAD_DATA_DIR"


def default_data_dir() -> Path:
    """Return the platform's user data dir for the app (not created)."""
    import platformdirs  # only when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data dir: the explicit override, then $PM_WORKLOAD_DATA_DIR, then the default."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    """Return the database file's path inside a data dir."""
    return data_dir / DB_FILENAME


def ensure_private_dir(path: Path) -> None:
    """Create a data dir readable by its owner only (0700 on POSIX); keep an existing one as is."""
    if path.is_dir():
        return
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)


def is_database_file(candidate: str | os.PathLike[str], db_path: Path) -> bool:
    """Return True when ``candidate`` names the database file or its -wal / -shm.

    Only stat() by name, never open(): opening and closing the database file in a process
    that holds a connection to it would drop that connection's locks.
    """
    try:
        seen = os.stat(candidate)
    except (OSError, ValueError):
        return False
    for name in (str(db_path), f"{db_path}-wal", f"{db_path}-shm"):
        try:
            info = os.stat(name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (seen.st_dev, seen.st_ino):
            return True
    return False
