"""EntryService: parsing a quick-add line, and every read and write of entries; reached as
``service.entries``.

Each write validates first, then runs in one transaction, then notifies Change.ENTRIES once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import TYPE_CHECKING, Any

from app.changes import Change
from app.core import Core
from app.domain import Category, Entry, EntryDraft, HandoffStatus, Kind
from app.errors import NotFoundError, ValidationError
from app.log.categories import CategoryService
from app.log.rules import RuleService
from app.settings import SettingsService
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
from storage import queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.log.quickadd import QuickAdd

EDITABLE = frozenset({"title", "minutes", "kind", "category", "day", "start", "note"})


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


class EntryService:
    """The entries of one database; categories are looked up through ``categories``."""

    def __init__(self, core: Core, categories: CategoryService, rules: RuleService,
                 settings: SettingsService | None = None) -> None:
        self._core = core
        self._categories = categories
        self._rules = rules
        self._settings = settings or SettingsService(core)

    # -- parsing and resolving ----------------------------------------------------------
    def parse(self, line: str, *, allow_new_category: bool = False) -> QuickAdd:
        """Return the parsed quick-add line (raises ValidationError naming what is wrong)."""
        from app.log.quickadd import parse_quick_add

        return parse_quick_add(
            line,
            [c.name for c in self._categories.list()],
            self._core.clock.today(),
            allow_new_category=allow_new_category,
            archived=[c.name for c in self._categories.list(True) if c.archived],
            date_order=self._settings.date_order(),
        )

    @staticmethod
    def parse_duration(text: str) -> int:
        """Return the minutes of a duration written as on the quick-add line (45, 45m, 1h30, 1.5h)."""
        from app.grammar import read_duration

        return read_duration(text or "")

    def draft_from_line(self, line: str, *, allow_new_category: bool = False,
                        note: str = "", default_day: date | None = None) -> EntryDraft:
        """Return the draft a quick-add line describes; a line naming no day is on
        ``default_day`` (None: today, as resolve() decides)."""
        parsed = self.parse(line, allow_new_category=allow_new_category)
        return EntryDraft(parsed.title, parsed.minutes, parsed.kind, parsed.category,
                          parsed.day or default_day, parsed.start, note)

    def resolve(self, draft: EntryDraft, *, create_category: bool = False,
                need_minutes: bool = True, new_category_kind: Kind | None = None) -> dict[str, Any]:
        """Return the checked values an entry would be saved with; raise before any write.

        Kind and category missing from the draft come from the task's last entry, then the
        task's defaults, then the category's default kind. A category created on the way gets
        ``new_category_kind`` (default: the entry's kind).
        """
        title = clean_title(draft.title)
        task = queries.task_with_last_entry(self._core.store, normalise_key(title))
        category: Category | None = None
        new_category: str | None = None
        category_kind: Kind | None = None
        if draft.category:
            try:
                category = self._categories.find(draft.category)
            except NotFoundError:
                if not create_category:
                    raise
                new_category = clean_category_name(draft.category)
                category_kind = new_category_kind
        else:
            category_id = (task["last_category_id"] or task["category_id"]) if task else None
            category = self._categories.get(category_id)
        kind_text = (draft.kind.value if draft.kind else None) or (
            (task["last_kind"] or task["kind"]) if task else None)
        if task is None and not kind_text and category is None and new_category is None:
            # A title never logged, typed without kind or category: the PM's rules decide.
            rule = self._rules.match(title)
            if rule is not None:
                kind_text = rule.kind.value
                found = self._categories.get(rule.category_id)
                category = found if found and not found.archived else None
        kind = check_kind(kind_text or (category.kind if category else category_kind))
        today = self._core.clock.today()
        day = check_day(draft.day or today, today)
        start = check_start(draft.start)
        if start is not None:
            self._check_start(day, start)
        return {
            "title": title,
            "task_id": task["id"] if task else None,
            "task_title": task["title"] if task else title,
            "handoff": HandoffStatus(task["handoff"]) if task else HandoffStatus.UNREVIEWED,
            "minutes": check_minutes(draft.minutes) if need_minutes else draft.minutes,
            "kind": kind,
            "category": category,
            "new_category": new_category,
            "new_category_kind": category_kind or kind,
            "day": day,
            "start": start,
            "note": check_note(draft.note),
        }

    def _check_start(self, day: date, start: time) -> None:
        """Refuse a start time the clocks skip on ``day``, or one later than now today.

        Tomorrow stays open (check_day allows it, so a PM can pre-log a meeting); today is what
        the status bar totals as done, so it holds only work already begun.
        """
        now = self._core.clock.now()
        moment, _ = local_moment(day, start, before=now)
        if day == now.date() and moment > now:
            raise ValidationError(
                f"The start {start:%H:%M} is later than now ({now:%H:%M}); today can only hold "
                "work already begun.", "start")

    # -- entries ------------------------------------------------------------------------
    def log(self, draft: EntryDraft, *, create_category: bool = False,
            new_category_kind: Kind | None = None) -> Entry:
        """Save one entry and return it as saved (built from what was written, not read back).

        With ``create_category``, an unknown category is created in the same transaction, of
        ``new_category_kind`` (default: the entry's kind): both are saved, or neither.
        """
        with self._core.store.transaction():
            # Resolved under the write lock, so the task and its history are as they are now.
            values = self.resolve(draft, create_category=create_category,
                                  new_category_kind=new_category_kind)
            entry = self.insert(values)
        self._core.changes.notify(Change.ENTRIES)
        return entry

    def log_line(self, line: str, *, create_category: bool = False, note: str = "",
                 default_day: date | None = None, new_category_kind: Kind | None = None) -> Entry:
        """Parse a quick-add line and save it, on ``default_day`` when it names no day (see
        log() for ``create_category``)."""
        draft = self.draft_from_line(line, allow_new_category=create_category, note=note,
                                     default_day=default_day)
        return self.log(draft, create_category=create_category,
                        new_category_kind=new_category_kind)

    def copy(self, entry_ids: Sequence[int], day: date | None = None) -> list[Entry]:
        """Save copies of entries (task, kind, category, minutes) in one transaction and
        return them: on ``day`` at the same start when that slot is free and begun by now,
        else with no start; without ``day``, each on its own day, note too, started where it
        ends when that is free (else no start)."""
        copies: list[Entry] = []
        with self._core.store.transaction():
            originals = [self.get(i) for i in entry_ids]
            added: dict[date | str, int] = {}
            for entry in originals:  # all the copies at once, so a refusal gives their total
                added[day or entry.day] = added.get(day or entry.day, 0) + entry.minutes
            self.check_day_totals(added)
            for entry in sorted(originals, key=lambda e: (e.day, e.start or time.max, e.id)):
                on = day or entry.day
                start = self._free_start(on, entry.start, entry.minutes)
                if entry.start is not None and day is None:
                    # A duplicate follows its original, else the day's last timed entry
                    # (duplicating back-to-back entries puts the copies after them, in order).
                    start = self._free_start(on, self._end_of(entry), entry.minutes) or \
                        self._free_start(on, self._day_end(on), entry.minutes)
                copies.append(self.insert({
                    "title": entry.title, "task_id": entry.task_id, "task_title": entry.title,
                    "handoff": entry.handoff, "minutes": entry.minutes, "kind": entry.kind,
                    "category": self._categories.get(entry.category_id), "new_category": None,
                    "day": on, "start": start, "note": entry.note if day is None else ""}))
        self._core.changes.notify(Change.ENTRIES)
        return copies

    @staticmethod
    def _end_of(entry: Entry) -> time | None:
        """Return the wall-clock time a timed entry ends, None past its day."""
        if entry.start is None:
            return None
        end = entry.start.hour * 60 + entry.start.minute + entry.minutes
        return time(end // 60, end % 60) if end < 24 * 60 else None

    def _day_end(self, day: date) -> time | None:
        """Return where the day's last timed entry ends (None: none, or past midnight)."""
        ends = [self._end_of(e) for e in self.between(day, day) if e.start is not None]
        known = [end for end in ends if end is not None]
        return max(known) if known and len(known) == len(ends) else None

    def _free_start(self, day: date, start: time | None, minutes: int) -> time | None:
        """Return ``start`` when ``minutes`` from it overlap no timed entry of ``day`` and it
        is no later than now, else None (read inside the caller's transaction)."""
        if start is None:
            return None
        try:
            self._check_start(day, start)
        except ValidationError:
            return None
        begin = start.hour * 60 + start.minute
        for other in self.between(day, day):
            if other.start is not None:
                other_begin = other.start.hour * 60 + other.start.minute
                if begin < other_begin + other.minutes and other_begin < begin + minutes:
                    return None
        return start

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
        logged = queries.minutes_per_day(self._core.store, days[0], days[-1], replacing)
        today = self._core.clock.today()
        for day in days:
            check_day_total(date.fromisoformat(day), logged.get(day, 0) + minutes[day], today)

    def insert(self, values: dict[str, Any], entry_id: int | None = None,
               stamps: tuple[str, str] | None = None) -> Entry:
        """Write an entry of resolve()'s values inside the caller's transaction, creating its
        task and category; return it as saved.

        Refuses one that would put its day over 24 hours before writing anything.
        """
        store = self._core.store
        self.check_day_totals({values["day"]: values["minutes"]})
        category: Category | None = values["category"]
        if values["new_category"]:
            name, key = values["new_category"], normalise_key(values["new_category"])
            # As with tasks: another process may have created it since resolve() looked.
            found = [c["id"] for c in queries.categories(store) if c["name_key"] == key]
            kind = values.get("new_category_kind") or values["kind"]
            category = Category(found[0] if found else queries.insert_category(
                store, name, key, kind.value), name, kind)
            self._categories.forget()
        category_id = category.id if category else None
        task_id = values["task_id"]
        if task_id is None:
            task_id = self._task_id_for(values["title"], values["kind"].value, category_id)
        now = self._core.clock.stamp()
        created, updated = stamps or (now, now)
        start = values["start"].strftime("%H:%M") if values["start"] else None
        new_id = queries.insert_entry(store, {
            "task_id": task_id, "day": values["day"].isoformat(), "start": start,
            "minutes": values["minutes"], "kind": values["kind"].value,
            "category_id": category_id, "note": values["note"],
            "created_at": created, "updated_at": updated,
        }, entry_id)
        return Entry(new_id, task_id, values.get("task_title", values["title"]), values["day"],
                     values["start"], values["minutes"], values["kind"], category_id,
                     category.name if category else None, values["note"], created, updated,
                     values.get("handoff", HandoffStatus.UNREVIEWED))

    def _task_id_for(self, title: str, kind: str, category_id: int | None) -> int:
        """Return the id of the task titled ``title``, adding it (inside the caller's transaction).

        Looked up again under the write lock: another process may have added the same new
        title since the caller last looked, and inserting it twice would break the unique key.
        """
        key = normalise_key(title)
        task = queries.task_by_key(self._core.store, key)
        if task is not None:
            return int(task["id"])
        return queries.insert_task(self._core.store, title, key, kind, category_id)

    def get(self, entry_id: int) -> Entry:
        """Return one saved entry."""
        row = queries.entry_by_id(self._core.store, entry_id)
        if row is None:
            raise NotFoundError("That entry no longer exists (it may have been deleted).", "entry")
        return entry_from_row(row)

    def between(self, first: date, last: date) -> list[Entry]:
        """Return the entries from ``first`` to ``last`` inclusive, in time order."""
        rows = queries.entries_between(self._core.store, first.isoformat(), last.isoformat())
        return [entry_from_row(r) for r in rows]

    def minutes_by_kind(self, first: date, last: date) -> dict[Kind, int]:
        """Return the minutes logged per kind in a range of days."""
        totals = queries.minutes_by_kind(self._core.store, first.isoformat(), last.isoformat())
        return {kind: totals.get(kind.value, 0) for kind in Kind}

    def count(self) -> int:
        """Return how many entries are saved (0 on a first run)."""
        return queries.count_entries(self._core.store)

    def edit(self, entry_id: int, **changes: Any) -> tuple[Entry, Entry]:
        """Change an entry's fields (title, minutes, kind, category, day, start, note).

        Returns (before, after) so the change can be undone. ``category=""`` clears it.
        """
        [(before, after)] = self.edit_many([(entry_id, changes)])
        return before, after

    def edit_many(self, edits: Sequence[tuple[int, Mapping[str, Any]]]) -> list[tuple[Entry, Entry]]:
        """Apply several entries' changes in one transaction, with one notification.

        All or nothing: a change that is refused leaves every entry as it was. Returns
        (before, after) per entry, in order.
        """
        checked = [(self.get(entry_id), self._edit_values(entry_id, changes))
                   for entry_id, changes in edits]
        with self._core.store.transaction():
            for before, values in checked:
                self._write_edit(before, values)
        self._core.changes.notify(Change.ENTRIES)
        return [(before, self.get(before.id)) for before, _ in checked]

    def _edit_values(self, entry_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Return the checked column values an edit writes; raise before any write."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
        before = self.get(entry_id)
        values: dict[str, Any] = {}
        if "title" in changes:
            values["_title"] = clean_title(changes["title"])
        if "minutes" in changes:
            values["minutes"] = check_minutes(changes["minutes"])
        if "kind" in changes:
            values["kind"] = check_kind(changes["kind"]).value
        if "category" in changes:
            text = changes["category"]
            values["category_id"] = self._categories.find(text).id if text else None
        if "day" in changes:
            values["day"] = check_day(changes["day"], self._core.clock.today()).isoformat()
        if "start" in changes:
            start = check_start(changes["start"])
            values["start"] = start.strftime("%H:%M") if start else None
        if "start" in changes or "day" in changes:
            start = check_start(changes["start"]) if "start" in changes else before.start
            if start is not None:
                self._check_start(changes.get("day", before.day), start)
        if "note" in changes:
            values["note"] = check_note(changes["note"])
        return values

    def _write_edit(self, before: Entry, values: dict[str, Any]) -> None:
        """Write one checked edit inside the caller's transaction."""
        values = dict(values)
        if "minutes" in values or "day" in values:
            # Counted under the write lock, without the entry's own saved minutes.
            self.check_day_totals(
                {values.get("day", before.day.isoformat()): values.get("minutes", before.minutes)},
                replacing=before.id)
        if "_title" in values:
            values["task_id"] = self._task_id_for(
                values.pop("_title"), values.get("kind", before.kind.value),
                values.get("category_id", before.category_id))
        values["updated_at"] = self._core.clock.stamp()
        queries.update_entry(self._core.store, before.id, values)

    def delete(self, entry_id: int) -> Entry:
        """Delete an entry and return it as it was, so it can be restored."""
        before = self.get(entry_id)
        with self._core.store.transaction():
            queries.delete_entry(self._core.store, entry_id)
        self._core.changes.notify(Change.ENTRIES)
        return before

    def delete_many(self, entry_ids: list[int]) -> list[Entry]:
        """Delete several entries in one transaction; return them as they were."""
        before = [self.get(i) for i in entry_ids]
        with self._core.store.transaction():
            for entry_id in entry_ids:
                queries.delete_entry(self._core.store, entry_id)
        self._core.changes.notify(Change.ENTRIES)
        return before

    def restore(self, entries: list[Entry]) -> None:
        """Put deleted entries back with their ids, or an edited entry back as it was."""
        with self._core.store.transaction():
            for entry in entries:
                if queries.entry_by_id(self._core.store, entry.id) is not None:
                    queries.update_entry(self._core.store, entry.id, _columns(entry))
                else:
                    values = _columns(entry)
                    queries.insert_entry(self._core.store, values, entry.id)
        self._core.changes.notify(Change.ENTRIES)


def _columns(entry: Entry) -> dict[str, Any]:
    return {
        "task_id": entry.task_id, "day": entry.day.isoformat(),
        "start": entry.start.strftime("%H:%M") if entry.start else None,
        "minutes": entry.minutes, "kind": entry.kind.value, "category_id": entry.category_id,
        "note": entry.note, "created_at": entry.created_at, "updated_at": entry.updated_at,
    }
