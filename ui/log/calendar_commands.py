"""Undoable calendar changes for the Log page's "From your calendar" panel: accepting
suggestions (undo deletes the entries and they are suggested again) and dismissing them
(undo forgets the dismissal). They follow ui/log/commands.py: the change is done once in
``first()``, which raises ValidationError or StorageError, so a failed change is never pushed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.workload import WorkloadService
from ui.log.commands import EntryCommand, Reporter, _quoted

if TYPE_CHECKING:  # the calendar core is imported when a suggestion is first acted on
    from app.exchange.calendar_import import Suggestion


def _what(suggestions: list[Suggestion], many: str) -> str:
    return _quoted(suggestions[0].title) if len(suggestions) == 1 else f"{len(suggestions)} {many}"


class AcceptSuggestionsCommand(EntryCommand):
    """Log calendar suggestions as entries (one batch); undo deletes them (suggested again)."""

    def __init__(self, service: WorkloadService, suggestions: list[Suggestion], source: str,
                 report: Reporter) -> None:
        super().__init__(service, report)
        self.suggestions = list(suggestions)
        self.source = source
        self.entry_ids: list[int] = []
        self.already = 0

    def _accept(self) -> None:
        from app.exchange.calendar_import import accept

        done = accept(self.service, self.suggestions, source=self.source)
        self.entry_ids, self.already = done.entry_ids, done.already

    def _first(self) -> None:
        self._accept()
        self.setText(f"Log {_what(self.suggestions, 'calendar events')} from the calendar")

    def _redo(self) -> None:
        self._accept()

    def _undo(self) -> None:
        from app.exchange.calendar_import import undo_accept

        undo_accept(self.service, self.entry_ids)
        self.entry_ids = []


class DismissSuggestionsCommand(EntryCommand):
    """Remember that calendar suggestions are not to be logged; undo suggests them again."""

    def __init__(self, service: WorkloadService, suggestions: list[Suggestion],
                 report: Reporter) -> None:
        super().__init__(service, report)
        self.suggestions = list(suggestions)

    def _first(self) -> None:
        self._redo()
        self.setText(f"Dismiss {_what(self.suggestions, 'calendar events')}")

    def _redo(self) -> None:
        from app.exchange.calendar_import import dismiss

        dismiss(self.service, self.suggestions)

    def _undo(self) -> None:
        from app.exchange.calendar_import import undismiss

        for suggestion in self.suggestions:
            undismiss(self.service, suggestion)
