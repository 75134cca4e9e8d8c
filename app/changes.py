"""The change channel: what a write changed, told to whoever listens (the window's models).

One channel for the whole app: every service module notifies through the Changes of the core
it works on, after its transaction has committed. A leaf module, so any room can import it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Change(StrEnum):
    """What a committed write changed."""

    ENTRIES = "entries"
    TASKS = "tasks"
    CATEGORIES = "categories"
    SETTINGS = "settings"
    TIMER = "timer"
    PEERS = "peers"
    RULES = "rules"
    CALENDAR = "calendar"   # what was logged or dismissed from a calendar, or a series' choice
    IMPORTS = "imports"     # an import batch written or undone (what File > Undo last import… undoes)


# Everything at once: a restore, or another program's commits seen by the window.
EVERYTHING = (Change.ENTRIES, Change.TASKS, Change.CATEGORIES, Change.SETTINGS, Change.TIMER,
              Change.IMPORTS)

Listener = Callable[[Change], None]


class Changes:
    """The listeners of one open database, told about each committed change in order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(change)`` after every committed change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``; a listener that was never subscribed is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, *changes: Change) -> None:
        """Tell every listener about each change, in order (call after the commit)."""
        for change in changes:
            for listener in list(self._listeners):
                listener(change)
