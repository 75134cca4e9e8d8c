"""Hearing a WorkloadService's change notifications for as long as a Qt object lives."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.workload import WorkloadService


def listen(service: WorkloadService, receiver: QObject, callback: Callable[[str], None]) -> None:
    """Call ``callback(what)`` after each service change until ``receiver`` is destroyed.

    The service holds only a weak reference to the callback's owner, so a closed dialog is
    not kept alive by the service, and nothing is called on a deleted widget.
    """
    if hasattr(callback, "__self__"):
        method = weakref.WeakMethod(callback)  # type: ignore[arg-type]
    else:
        method = lambda: callback  # noqa: E731  (a plain function may be held strongly)

    def listener(what: str) -> None:
        target = method()
        if target is None:
            service.changes.unsubscribe(listener)
            return
        target(what)

    service.changes.subscribe(listener)
    receiver.destroyed.connect(lambda *_: service.changes.unsubscribe(listener))
