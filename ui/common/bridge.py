"""ServiceBridge: the service's change channel as a Qt signal, the one way the window hears of
changes.

The application makes one bridge for its service and gives it to the main window, which hands
it to every page, bar and dialog it builds; each connects ``changed`` to its own slot, and Qt
drops the connection when the widget goes. A widget built on its own (a test, a dialog opened
by itself) makes a bridge of its own.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

from app.changes import Change
from app.workload import WorkloadService


class ServiceBridge(QObject):
    """Emit ``changed(change)`` (a Change) after every committed change of ``service``."""

    changed = Signal(str)

    def __init__(self, service: WorkloadService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        # The service holds the bridge weakly: a closed window is neither kept alive nor
        # called once gone.
        relay = weakref.WeakMethod(self._relay)

        def listener(change: Change) -> None:
            method = relay()
            if method is None:
                service.changes.unsubscribe(listener)
            else:
                method(change)

        service.changes.subscribe(listener)
        self.destroyed.connect(lambda *_: service.changes.unsubscribe(listener))

    def _relay(self, change: Change) -> None:
        self.changed.emit(change)


def bridge_for(service: WorkloadService, bridge: ServiceBridge | None, owner: QObject) -> ServiceBridge:
    """Return ``bridge``, or a new one owned by ``owner`` when none was given."""
    return bridge if bridge is not None else ServiceBridge(service, owner)
