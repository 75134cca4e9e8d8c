"""The app's log: a small rotating file in the user log dir, for bugs and storage failures.

It records what went wrong and where in the code, not what the user logged: entry titles and
notes never go into it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from storage.paths import APP_NAME

if TYPE_CHECKING:
    # Imported when the log is first written: logging.handlers brings socket, queue and
    # threading, a few milliseconds of the window's start-up.
    from logging.handlers import RotatingFileHandler

LOG_DIR_ENV = "PM_WORKLOAD_LOG_DIR"
_handler: RotatingFileHandler | None = None


def log_dir() -> Path:
    """Return the folder of the log file ($PM_WORKLOAD_LOG_DIR, else the user log dir)."""
    if os.environ.get(LOG_DIR_ENV):
        return Path(os.environ[LOG_DIR_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / f"{APP_NAME}.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to the rotating file (once); return the file's path."""
    global _handler
    path = log_file()
    root = logging.getLogger("pm_workload")
    if _handler is not None and Path(_handler.baseFilename) != path.resolve():
        root.removeHandler(_handler)  # the log dir was pointed elsewhere (tests do)
        _handler.close()
        _handler = None
    if _handler is None:
        from logging.handlers import RotatingFileHandler

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _handler = RotatingFileHandler(path, maxBytes=512 * 1024, backupCount=3,
                                           encoding="utf-8", delay=True)
        except OSError:
            return path  # no log is no reason not to run
        _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(_handler)
        root.setLevel(level)
    return path


def log_crash(error: BaseException) -> Path:
    """Write an unexpected error with its traceback to the log; return the log's path."""
    import traceback

    path = setup_logging()
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    logging.getLogger("pm_workload").error("Unexpected error (a bug):\n%s", text)
    return path
