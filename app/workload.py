"""WorkloadService: every read and write the window and the command line make.

Each write validates first, then runs in one transaction, then tells subscribers what changed.
Entries, parsing and notifications are here; categories and settings come from
app/log/categories.py, tasks and their judgement from app/log/tasks.py, the timer is ``service.timer``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time
from typing import TYPE_CHECKING, Any

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
from app.log.categories import CategoryOperations
from app.log.tasks import TaskOperations
from app.settings import Settings
from app.validation import (
    check_day,
    check_day_total,
    check_kind,
    check_minutes,
    check_note,
    check_start,
    clean_category_name,
    clean_title,
    local_moment,
)
from app.weeks import week_days, week_start
from storage import Store, queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.log.quickadd import QuickAdd


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
        from app.log.timer import TimerService

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
        from app.log.quickadd import parse_quick_add

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
        from app.grammar import read_duration

        return read_duration(text or "")

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
        day = check_day(draft.day or today, today)
        start = check_start(draft.start)
        if start is not None:
            self._check_start(day, start)
        return {
            "title": title,
            "task_id": task["id"] if task else None,
            "minutes": check_minutes(draft.minutes) if need_minutes else draft.minutes,
            "kind": kind,
            "category": category,
            "new_category": new_category,
            "day": day,
            "start": start,
            "note": check_note(draft.note),
        }

    def _check_start(self, day: date, start: time) -> None:
        """Refuse a start time the clocks skip on ``day``, or one later than now today.

        Tomorrow stays open (check_day allows it, so a PM can pre-log a meeting); today is what
        the status bar totals as done, so it holds only work already begun.
        """
        now = self.clock.now()
        moment, _ = local_moment(day, start, before=now)
        if day == now.date() and moment > now:
            raise ValidationError(
                f"The start {start:%H:%M} is later than now ({now:%H:%M}); today can only hold "
                "work already begun.", "start")

    # -- entries ------------------------------------------------------------------------
    def log(self, draft: EntryDraft, *, create_category: bool = False) -> Entry:
        """Save one entry and return it as saved."""
        with self.store.transaction():
            # Resolved under the write lock, so the task and its history are as they are now.
            values = self.resolve(draft, create_category=create_category)
            entry_id = self._insert(values)
        self._changed(ENTRIES)
        return self.entry(entry_id)

    def log_line(self, line: str, *, create_category: bool = False, note: str = "") -> Entry:
        """Parse a quick-add line and save it."""
        draft = self.draft_from_line(line, allow_new_category=create_category, note=note)
        return self.log(draft, create_category=create_category)

    def check_day_totals(self, added: Mapping[date | str, int], *,
                         replacing: int | None = None) -> None:
        """Refuse (ValidationError) minutes per day that would put a day over 24 hours.

        Call it inside the write transaction that saves them, before writing, so the count is
        of what is saved then; days may be dates or ISO text (bulk imports can pass a Counter).
        ``replacing`` is an entry being edited: its saved minutes don't count.
        """
        if not added:
            return
        minutes = {d if isinstance(d, str) else d.isoformat(): m for d, m in added.items()}
        days = sorted(minutes)
        logged = queries.minutes_per_day(self.store, days[0], days[-1], replacing)
        today = self.clock.today()
        for day in days:
            check_day_total(date.fromisoformat(day), logged.get(day, 0) + minutes[day], today)

    def _insert(self, values: dict[str, Any], entry_id: int | None = None,
                stamps: tuple[str, str] | None = None) -> int:
        """Write an entry (inside the caller's transaction), creating task and category.

        Refuses one that would put its day over 24 hours before writing anything.
        """
        self.check_day_totals({values["day"]: values["minutes"]})
        category_id = values["category"].id if values["category"] else None
        if values["new_category"]:
            name, key = values["new_category"], normalise_key(values["new_category"])
            # As with tasks: another process may have created it since resolve() looked.
            found = [c["id"] for c in queries.categories(self.store) if c["name_key"] == key]
            category_id = found[0] if found else queries.insert_category(
                self.store, name, key, values["kind"].value)
            self._categories = None
        task_id = values["task_id"]
        if task_id is None:
            task_id = self._task_id_for(values["title"], values["kind"].value, category_id)
        now = self.clock.stamp()
        created, updated = stamps or (now, now)
        return queries.insert_entry(self.store, {
            "task_id": task_id, "day": values["day"].isoformat(),
            "start": values["start"].strftime("%H:%M") if values["start"] else None,
            "minutes": values["minutes"], "kind": values["kind"].value,
            "category_id": category_id, "note": values["note"],
            "created_at": created, "updated_at": updated,
        }, entry_id)

    def _task_id_for(self, title: str, kind: str, category_id: int | None) -> int:
        """Return the id of the task titled ``title``, adding it (inside the caller's transaction).

        Looked up again under the write lock: another process may have added the same new
        title since the caller last looked, and inserting it twice would break the unique key.
        """
        key = normalise_key(title)
        task = queries.task_by_key(self.store, key)
        if task is not None:
            return int(task["id"])
        return queries.insert_task(self.store, title, key, kind, category_id)

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
            values["_title"] = clean_title(changes["title"])
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
        if "start" in changes or "day" in changes:
            start = check_start(changes["start"]) if "start" in changes else before.start
            if start is not None:
                self._check_start(changes.get("day", before.day), start)
        if "note" in changes:
            values["note"] = check_note(changes["note"])
        with self.store.transaction():
            if "minutes" in changes or "day" in changes:
                # Counted under the write lock, without the entry's own saved minutes.
                self.check_day_totals(
                    {values.get("day", before.day.isoformat()):
                     values.get("minutes", before.minutes)}, replacing=entry_id)
            if "_title" in values:
                values["task_id"] = self._task_id_for(
                    values.pop("_title"), values.get("kind", before.kind.value),
                    values.get("category_id", before.category_id))
            values["updated_at"] = self.clock.stamp()
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
