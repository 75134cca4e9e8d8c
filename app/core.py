"""Core: what every service module works on — the open database, the clock, the change channel.

The modules (entries, tasks, categories, settings, the timer) each get the core, and the
sibling modules they need, in their constructor; WorkloadService is the core with the modules
hung on it (app/workload.py).
"""

from __future__ import annotations

from app.changes import Changes
from app.clock import Clock
from storage import Store


class Core:
    """One open Store, the clock its writes are stamped with, and its change channel."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.changes = Changes()
