"""WorkloadService: every read and write the window and the command line make.

Each write validates first, then runs in one transaction, then tells subscribers what changed.
Entries, parsing and notifications are here; categories and settings come from
app/categories.py, tasks and their judgement from app/tasks.py, the timer is ``service.timer``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from app.categories import CategoryOperations
from app.clock import Clock
from app.domain import (
    CATEGORIES,
    ENTRIES,
    SETTINGS,
    TASKS,
    TIMER,
    Category,
    Entry,
    EntryDraft,
    HandoffStatus,
    Kind,
)
from app.errors import NotFoundError, ValidationError
from app.settings import Settings
from app.tasks import TaskOperations
from app.text import shorten
from app.validation import (
    check_day,
    check_kind,
    check_minutes,
    check_note,
    check_start,
    clean_category_name,
    clean_title,
)
from app.weeks import week_days, week_start
from storage import Store, queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.quickadd import QuickAdd


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def entry_from_row(row: Any) -> Entry:
    """Return an Entry from a row of queries.entries_between / entry_by_id."""
    return Entry(
        id=row["id"], task_id=row["task_id"], title=row["title"],
        day=date.fromisoformat(row["day"]),
        start=time.fromisoformat(row["start"]) if row["start"] else None,
        minutes=row["minutes"], kind=Kind(row["kind"]), category_id=row["category_id"],
        category=row["category"], note=row["note"], created_at=row["created_at"],
        updated_at=row["updated_at"], handoff=HandoffStatus(row["handoff"]),
    )


class WorkloadService(CategoryOperations, TaskOperations):
    """The app's operations over one open Store; the clock is injectable for tests."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        self._listeners: list[Callable[[str], None]] = []
        self._categories: list[Category] | None = None
        self._settings: Settings | None = None
        self._data_version = store.data_version()
        from app.timer import TimerService

        self.timer = TimerService(self)

    # -- notifications ------------------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(what)`` after every committed change (what: ENTRIES, TIMER, …)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str], None]) -> None:
        """Stop calling ``listener``; a listener that was never subscribed is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, *what: str) -> None:
        for item in what:
            for listener in list(self._listeners):
                listener(item)

    def refresh(self) -> None:
        """Forget cached categories and settings (another process may have changed them)."""
        self._categories = None
        self._settings = None

    def changed_elsewhere(self, *what: str) -> None:
        """Forget caches and tell subscribers about changes another connection committed.

        For long work done off the GUI thread with its own Store (CSV import): call it on
        this service's thread once the work is done.
        """
        self.refresh()
        self._changed(*what)

    def check_for_changes_elsewhere(self) -> bool:
        """Notice commits of other programs (the command line) and tell subscribers; cheap.

        Returns True when something changed since the last call.
        """
        version = self.store.data_version()
        seen, self._data_version = self._data_version, version
        if version == seen:
            return False
        self.changed_elsewhere(ENTRIES, TASKS, CATEGORIES, SETTINGS, TIMER)
        return True

    # -- weeks --------------------------------------------------------------------------
    def week_of(self, day: date | None = None) -> tuple[date, date]:
        """Return the first and last day of the week holding ``day`` (default today)."""
        return week_days(week_start(day or self.clock.today(), self.settings().week_start))

    # -- parsing and resolving ----------------------------------------------------------
    def parse(self, line: str, *, allow_new_category: bool = False) -> QuickAdd:
        """Return the parsed quick-add line (raises ValidationError naming what is wrong)."""
        from app.quickadd import parse_quick_add

        return parse_quick_add(
            line,
            [c.name for c in self.categories()],
            self.clock.today(),
            allow_new_category=allow_new_category,
            archived=[c.name for c in self.categories(True) if c.archived],
        )

    @staticmethod
    def parse_duration(text: str) -> int:
        """Return the minutes of a duration written as on the quick-add line (45, 45m, 1h30, 1.5h)."""
        from app.quickadd import _duration

        token = "".join((text or "").split())
        minutes = _duration(token) if token else None  # raises on 0 or more than a day
        if minutes is None:
            raise ValidationError(
                f"'{shorten(text or '')}' is not a duration; write e.g. 45m, 1h30 or 1.5h.",
                "minutes")
        return minutes

    def draft_from_line(self, line: str, *, allow_new_category: bool = False,
                        note: str = "") -> EntryDraft:
        """Return the draft a quick-add line describes."""
        parsed = self.parse(line, allow_new_category=allow_new_category)
        return EntryDraft(parsed.title, parsed.minutes, parsed.kind, parsed.category,
                          parsed.day, parsed.start, note)

    def resolve(self, draft: EntryDraft, *, create_category: bool = False,
                need_minutes: bool = True) -> dict[str, Any]:
        """Return the checked values an entry would be saved with; raise before any write.

        Kind and category missing from the draft come from the task's last entry, then the
        task's defaults, then the category's default kind.
        """
        title = clean_title(draft.title)
        task = queries.task_by_key(self.store, normalise_key(title))
        last = queries.last_entry_of_task(self.store, task["id"]) if task else None
        category: Category | None = None
        new_category: str | None = None
        if draft.category:
            try:
                category = self.find_category(draft.category)
            except NotFoundError:
                if not create_category:
                    raise
                new_category = clean_category_name(draft.category)
        else:
            category_id = (last["category_id"] if last else None) or (
                task["category_id"] if task else None)
            category = self.category(category_id)
        kind_text = (draft.kind.value if draft.kind else None) or (last["kind"] if last else None) \
            or (task["kind"] if task else None)
        kind = check_kind(kind_text or (category.kind if category else None))
        today = self.clock.today()
        return {
            "title": title,
            "task_id": task["id"] if task else None,
            "minutes": check_minutes(draft.minutes) if need_minutes else draft.minutes,
            "kind": kind,
            "category": category,
            "new_category": new_category,
            "day": check_day(draft.day or today, today),
            "start": check_start(draft.start),
            "note": check_note(draft.note),
        }

    # -- entries ------------------------------------------------------------------------
    def log(self, draft: EntryDraft, *, create_category: bool = False) -> Entry:
        """Save one entry and return it as saved."""
        values = self.resolve(draft, create_category=create_category)
        with self.store.transaction():
            entry_id = self._insert(values)
        self._changed(ENTRIES)
        return self.entry(entry_id)

    def log_line(self, line: str, *, create_category: bool = False, note: str = "") -> Entry:
        """Parse a quick-add line and save it."""
        draft = self.draft_from_line(line, allow_new_category=create_category, note=note)
        return self.log(draft, create_category=create_category)

    def _insert(self, values: dict[str, Any], entry_id: int | None = None,
                stamps: tuple[str, str] | None = None) -> int:
        """Write an entry (inside the caller's transaction), creating task and category."""
        category_id = values["category"].id if values["category"] else None
        if values["new_category"]:
            name = values["new_category"]
            category_id = queries.insert_category(
                self.store, name, normalise_key(name), values["kind"].value)
            self._categories = None
        task_id = values["task_id"]
        if task_id is None:
            task_id = queries.insert_task(
                self.store, values["title"], normalise_key(values["title"]),
                values["kind"].value, category_id)
        now = _stamp()
        created, updated = stamps or (now, now)
        return queries.insert_entry(self.store, {
            "task_id": task_id, "day": values["day"].isoformat(),
            "start": values["start"].strftime("%H:%M") if values["start"] else None,
            "minutes": values["minutes"], "kind": values["kind"].value,
            "category_id": category_id, "note": values["note"],
            "created_at": created, "updated_at": updated,
        }, entry_id)

    def entry(self, entry_id: int) -> Entry:
        """Return one saved entry."""
        row = queries.entry_by_id(self.store, entry_id)
        if row is None:
            raise NotFoundError("That entry no longer exists (it may have been deleted).", "entry")
        return entry_from_row(row)

    def entries_between(self, first: date, last: date) -> list[Entry]:
        """Return the entries from ``first`` to ``last`` inclusive, in time order."""
        rows = queries.entries_between(self.store, first.isoformat(), last.isoformat())
        return [entry_from_row(r) for r in rows]

    def minutes_by_kind(self, first: date, last: date) -> dict[Kind, int]:
        """Return the minutes logged per kind in a range of days."""
        totals = queries.minutes_by_kind(self.store, first.isoformat(), last.isoformat())
        return {kind: totals.get(kind.value, 0) for kind in Kind}

    def entry_count(self) -> int:
        """Return how many entries are saved (0 on a first run)."""
        return queries.count_entries(self.store)

    def edit(self, entry_id: int, **changes: Any) -> tuple[Entry, Entry]:
        """Change an entry's fields (title, minutes, kind, category, day, start, note).

        Returns (before, after) so the change can be undone. ``category=""`` clears it.
        """
        before = self.entry(entry_id)
        unknown = set(changes) - {"title", "minutes", "kind", "category", "day", "start", "note"}
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        if "title" in changes:
            title = clean_title(changes["title"])
            task = queries.task_by_key(self.store, normalise_key(title))
            values["task_id"] = task["id"] if task else None
            values["_title"] = title
        if "minutes" in changes:
            values["minutes"] = check_minutes(changes["minutes"])
        if "kind" in changes:
            values["kind"] = check_kind(changes["kind"]).value
        if "category" in changes:
            text = changes["category"]
            values["category_id"] = self.find_category(text).id if text else None
        if "day" in changes:
            values["day"] = check_day(changes["day"], self.clock.today()).isoformat()
        if "start" in changes:
            start = check_start(changes["start"])
            values["start"] = start.strftime("%H:%M") if start else None
        if "note" in changes:
            values["note"] = check_note(changes["note"])
        with self.store.transaction():
            if "_title" in values:
                title = values.pop("_title")
                if values["task_id"] is None:
                    values["task_id"] = queries.insert_task(
                        self.store, title, normalise_key(title),
                        values.get("kind", before.kind.value),
                        values.get("category_id", before.category_id))
            values["updated_at"] = _stamp()
            queries.update_entry(self.store, entry_id, values)
        self._changed(ENTRIES)
        return before, self.entry(entry_id)

    def delete(self, entry_id: int) -> Entry:
        """Delete an entry and return it as it was, so it can be restored."""
        before = self.entry(entry_id)
        with self.store.transaction():
            queries.delete_entry(self.store, entry_id)
        self._changed(ENTRIES)
        return before

    def delete_many(self, entry_ids: list[int]) -> list[Entry]:
        """Delete several entries in one transaction; return them as they were."""
        before = [self.entry(i) for i in entry_ids]
        with self.store.transaction():
            for entry_id in entry_ids:
                queries.delete_entry(self.store, entry_id)
        self._changed(ENTRIES)
        return before

    def restore(self, entries: list[Entry]) -> None:
        """Put deleted entries back with their ids, or an edited entry back as it was."""
        with self.store.transaction():
            for entry in entries:
                if queries.entry_by_id(self.store, entry.id) is not None:
                    queries.update_entry(self.store, entry.id, _columns(entry))
                else:
                    values = _columns(entry)
                    queries.insert_entry(self.store, values, entry.id)
        self._changed(ENTRIES)


def _columns(entry: Entry) -> dict[str, Any]:
    return {
        "task_id": entry.task_id, "day": entry.day.isoformat(),
        "start": entry.start.strftime("%H:%M") if entry.start else None,
        "minutes": entry.minutes, "kind": entry.kind.value, "category_id": entry.category_id,
        "note": entry.note, "created_at": entry.created_at, "updated_at": entry.updated_at,
    }
