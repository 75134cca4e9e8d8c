"""Unexpected errors in the window: written to the log and shown in a dialog, not lost.

Anything that is not a validation or storage error is a bug. The app keeps running after
the dialog where it can; what was saved before stays saved (every write is a transaction).
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from app.logs import log_crash
from ui.common import messages

_showing = False


def report(error: BaseException) -> None:
    """Log an unexpected error and tell the user, once at a time."""
    global _showing
    where = log_crash(error)
    if _showing:
        return  # an error while the dialog is up: logged, not stacked
    _showing = True
    try:
        messages.show_error(
            None, "PM Workload hit an unexpected problem",
            f"Something went wrong that is not your fault:\n{type(error).__name__}: {error}\n\n"
            f"Everything you saved before is safe. The details were written to\n{where}\n"
            "Please include that file if you report the problem.")
    finally:
        _showing = False


def _excepthook(kind: type[BaseException], error: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if error.__traceback__ is None:
        error.__traceback__ = tb
    report(error)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    # Worker threads cannot open dialogs; their errors reach the window as signals. What
    # escapes them anyway is a bug: keep it in the log.
    if args.exc_value is not None:
        log_crash(args.exc_value)


def install() -> None:
    """Route unexpected errors of the GUI thread to the dialog and of workers to the log."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
