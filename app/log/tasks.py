"""TaskService: tasks with their usage, autocomplete, the PM's judgement and renaming;
reached as ``service.tasks``."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.changes import Change
from app.core import Core
from app.domain import HandoffStatus, Kind, Needed, Task, TaskUsage
from app.errors import NotFoundError, ValidationError
from app.validation import check_note, clean_title
from storage import queries
from storage.schema import normalise_key


def _task_from_row(row: Any) -> Task:
    return Task(
        id=row["id"], title=row["title"], kind=Kind(row["kind"]) if row["kind"] else None,
        category_id=row["category_id"], checklist=row["checklist"],
        needed=Needed(row["needed"]) if row["needed"] else None,
        handoff=HandoffStatus(row["handoff"]), note=row["note"],
    )


class TaskService:
    """The tasks of one database."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def usage(self, *, logged_only: bool = False) -> list[TaskUsage]:
        """Return every task with its usage, most used first; with ``logged_only``, only the
        tasks that still have entries (what the quick-log line suggests: a task whose entries
        were all deleted is no longer something the PM does)."""
        return [
            TaskUsage(_task_from_row(r), r["uses"], r["total_minutes"],
                      date.fromisoformat(r["last_day"]) if r["last_day"] else None)
            for r in queries.tasks_with_usage(self._core.store)
            if r["uses"] or not logged_only
        ]

    def autocomplete(self, text: str, limit: int = 10,
                     usage: list[TaskUsage] | None = None) -> list[TaskUsage]:
        """Return tasks whose title starts with, or has words starting with, ``text``."""
        query = text.casefold().split()
        if not query:
            return []
        starts, words = [], []
        for item in usage if usage is not None else self.usage(logged_only=True):
            title = item.task.title.casefold()
            if title.startswith(" ".join(query)):
                starts.append(item)
            elif all(any(w.startswith(q) for w in title.split()) for q in query):
                words.append(item)
        return (starts + words)[:limit]

    def get(self, title: str) -> Task:
        """Return the task with this title (compared trimmed and case-folded)."""
        row = queries.task_by_key(self._core.store, normalise_key(title or ""))
        if row is None:
            raise NotFoundError(f"There is no task called '{' '.join((title or '').split())}'.",
                                "title")
        return _task_from_row(row)

    def set_judgement(self, title: str, *, checklist: int | None = None,
                      needed: Needed | str | None = None,
                      handoff: HandoffStatus | str | None = None,
                      note: str | None = None) -> Task:
        """Record the PM's judgement of a task: checklist 1-5, needed, hand-off status, note."""
        task = self.get(title)
        values: dict[str, Any] = {}
        if checklist is not None:
            if isinstance(checklist, bool) or not isinstance(checklist, int) \
                    or not 1 <= checklist <= 5:
                raise ValidationError("The checklist rating must be from 1 to 5.", "checklist")
            values["checklist"] = checklist
        if needed is not None:
            try:
                values["needed"] = Needed(needed).value
            except ValueError:
                raise ValidationError("'needed' must be needed or nothing.", "needed") from None
        if handoff is not None:
            try:
                status = HandoffStatus(handoff)
            except ValueError:
                raise ValidationError(
                    "The status must be unreviewed, keep, candidate or handed_off.", "handoff"
                ) from None
            if status != task.handoff:
                values["handoff"] = status.value
                values["handoff_changed_on"] = self._core.clock.today().isoformat()
        if note is not None:
            values["note"] = check_note(note)
        if values:
            store = self._core.store
            with store.transaction():
                queries.update_task(store, task.id, values)
            self._core.changes.notify(Change.TASKS)
        return self.get(title)

    def rename(self, title: str, new_title: str) -> Task:
        """Rename a task; its entries and judgement follow it."""
        task = self.get(title)
        new_title = clean_title(new_title)
        store = self._core.store
        other = queries.task_by_key(store, normalise_key(new_title))
        if other is not None and other["id"] != task.id:
            raise ValidationError(f"There is already a task called '{new_title}'.", "title")
        with store.transaction():
            queries.update_task(store, task.id,
                                {"title": new_title, "title_key": normalise_key(new_title)})
        self._core.changes.notify(Change.TASKS, Change.ENTRIES)
        return self.get(new_title)
