"""ServiceBridge: the service's change notifications as a Qt signal, so models refresh."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.workload import WorkloadService
from ui.common.service_events import listen


class ServiceBridge(QObject):
    """Emit ``changed(what)`` (ENTRIES, TIMER, SETTINGS, …) after every committed change."""

    changed = Signal(str)

    def __init__(self, service: WorkloadService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        # Weakly held by the service: a closed window is not kept alive, nor called when gone.
        listen(service, self, self._relay)

    def _relay(self, what: str) -> None:
        self.changed.emit(what)
