"""From calendar occurrences to entries: classified as the PM would, logged once, as one batch.

API for the command line and the window's "From your calendar" panel:

    found = read_calendar(path).occurrences(first, last, me=...)   # app/exchange/calendar.py
    plan = plan_calendar(service, found, default_kind=None)
    plan.suggestions   # [Suggestion]: not yet logged nor dismissed, classified (kind may be None)
    plan.unclassified  # those of them nothing classified (no kind)
    plan.handled       # how many were logged or dismissed before (a re-import adds nothing)
    plan.skipped, plan.problems                                    # left out, unreadable

    changed = suggestion.changed(kind=..., category=..., minutes=...)   # the PM's choice
    done = accept(service, [suggestions], source="work.ics")  # one transaction, one batch
    undo_accept(service, done.entry_ids)      # the undo of an accept: entries and marks go
    dismiss(service, [suggestions]); undismiss(service, suggestion)

Classification, first that applies: the kind and category the PM chose for the event series
before (by UID: a changed suggestion, or the entry last logged from the series as it is now);
the task of the same title (its last entry, else its defaults); the title rules
(app/log/rules.py); the default kind; else none ("to classify": not accepted until given a kind).

Logged once: accepting records each occurrence (UID + recurrence date) with its entry, so a
later import of the same file, or of a newer export, adds nothing; the entry is never changed
by an import, so what the PM edited after importing stays as edited. Occurrences that have not
begun by the clock's now are left out (today holds only work already begun).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, time
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, cast

from app.changes import Change
from app.domain import Entry, EntryDraft, Kind
from app.errors import ValidationError
from app.exchange.calendar import CalendarProblem, CalendarRange, LeftOut, Occurrence, Skipped
from app.validation import check_kind, check_minutes
from storage import calendar_queries, csv_queries, queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.workload import WorkloadService



class Source(StrEnum):
    """What decided a suggestion's kind and category."""

    CHOSEN = "chosen"        # the PM, for this suggestion (remembered for the series)
    SERIES = "series"        # the PM's choice for the event series before
    HISTORY = "history"      # the task of the same title
    RULE = "rule"
    DEFAULT = "default"
    NONE = "to classify"


class Suggestion(NamedTuple):
    """An occurrence not yet logged, as the entry it would become."""

    occurrence: Occurrence
    title: str
    minutes: int
    kind: Kind | None
    category: str | None
    source: Source

    @property
    def day(self) -> date:
        return self.occurrence.day

    @property
    def start(self) -> time:
        return self.occurrence.start_time

    @property
    def key(self) -> tuple[str, str]:
        return self.occurrence.key

    def changed(self, *, kind: Kind | str | None = None, category: str | None = None,
                minutes: int | None = None) -> Suggestion:
        """Return the suggestion as the PM changed it (``category=""`` clears it); a changed kind
        or category is remembered for the whole event series when it is accepted."""
        values: dict = {}
        if kind is not None:
            values["kind"] = check_kind(kind)
        if category is not None:
            values["category"] = category.strip() or None
        if values:
            values["source"] = Source.CHOSEN
        if minutes is not None:
            values["minutes"] = check_minutes(minutes)
        return self._replace(**values)


class CalendarPlan(NamedTuple):
    """What importing a range of a calendar would do."""

    first: date
    last: date
    suggestions: list[Suggestion]
    handled: int
    skipped: list[Skipped]
    problems: list[CalendarProblem]

    @property
    def unclassified(self) -> list[Suggestion]:
        """Return the suggestions without a kind (listed, not imported)."""
        return [s for s in self.suggestions if s.kind is None]

    @property
    def ready(self) -> list[Suggestion]:
        """Return the suggestions that have a kind (what an import would write)."""
        return [s for s in self.suggestions if s.kind is not None]


class Accepted(NamedTuple):
    """What an accept wrote: the entries (in the order given), and the batch they form."""

    entries: list[Entry]
    batch_id: int | None
    already: int            # suggestions logged or dismissed meanwhile, left alone

    @property
    def entry_ids(self) -> list[int]:
        return [e.id for e in self.entries]


# -- planning -----------------------------------------------------------------------------
def plan_calendar(service: WorkloadService, found: CalendarRange, *,
                  default_kind: Kind | str | None = None) -> CalendarPlan:
    """Return the suggestions of a calendar range: what is not yet logged, classified."""
    default = check_kind(default_kind) if default_kind else None
    now = service.clock.now()
    skipped = list(found.skipped)
    begun = []
    for occurrence in found.occurrences:
        if occurrence.start > now:
            skipped.append(Skipped(occurrence.title, occurrence.day, LeftOut.NOT_BEGUN,
                                   occurrence.uid))
        else:
            begun.append(occurrence)
    handled = calendar_queries.handled_occurrences(service.store, [o.key for o in begun])
    fresh = [o for o in begun if o.key not in handled]
    classify = _classifier(service, fresh, default)
    suggestions = [Suggestion(o, o.title, o.minutes, *classify(o)) for o in fresh]
    skipped.sort(key=lambda s: (s.day or date.min, s.title))
    return CalendarPlan(found.first, found.last, suggestions, len(begun) - len(fresh), skipped,
                        list(found.problems))


def _classifier(service: WorkloadService, occurrences: list[Occurrence], default: Kind | None):
    """Return the function giving an occurrence's (kind, category, source)."""

    names = {c.id: c.name for c in _categories(service)}  # active ones: archived are not offered
    series = {uid: (Kind(kind), names.get(category_id))
              for uid, (kind, category_id) in calendar_queries.series_choices(
                  service.store, {o.uid for o in occurrences}).items()}
    history: dict[str, tuple[Kind, str | None] | None] = {}
    rules = service.rules.compiled()

    def from_history(title: str) -> tuple[Kind, str | None] | None:
        key = normalise_key(title)
        if key not in history:
            task = queries.task_with_last_entry(service.store, key)
            kind = (task["last_kind"] or task["kind"]) if task else None
            category_id = (task["last_category_id"] or task["category_id"]) if task else None
            history[key] = (Kind(kind), names.get(category_id)) if kind else None
        return history[key]

    def classify(occurrence: Occurrence) -> tuple[Kind | None, str | None, Source]:
        if occurrence.uid in series:
            return (*series[occurrence.uid], Source.SERIES)
        known = from_history(occurrence.title)
        if known:
            return (*known, Source.HISTORY)
        rule = rules.match(occurrence.title)
        if rule:
            return rule.kind, names.get(rule.category_id), Source.RULE
        if default:
            return default, None, Source.DEFAULT
        return None, None, Source.NONE

    return classify


# -- writing ------------------------------------------------------------------------------
def accept(service: WorkloadService, suggestions: list[Suggestion], *, source: str = "calendar") -> Accepted:
    """Log suggestions as entries in one transaction, as one import batch; return what was written.

    Every one needs a kind (ValidationError naming the first without, before any write).
    Occurrences logged or dismissed meanwhile (another window, the command line) are left alone.
    """
    for suggestion in suggestions:
        if suggestion.kind is None:
            raise ValidationError(
                f"'{suggestion.title}' on {suggestion.day.isoformat()} has no kind yet: choose "
                "strategic or operational (or add a rule, or give a default kind).", "kind")
    if len({s.key for s in suggestions}) != len(suggestions):
        raise ValidationError("The same calendar occurrence was given twice.", "calendar")
    stamp = service.clock.stamp()
    written: list[int] = []
    with service.store.transaction():
        # Looked up again under the write lock: logged once, even with two windows open.
        handled = calendar_queries.handled_occurrences(service.store, [s.key for s in suggestions])
        todo = [s for s in suggestions if s.key not in handled]
        batch_id = csv_queries.insert_batch(service.store, source, "iCalendar", stamp) if todo else None
        service.entries.check_day_totals(cast("Mapping[date | str, int]", _minutes_per_day(todo)))
        marks: list[tuple[str, str, int | None, int, int | None, str]] = []
        for suggestion in todo:
            entry_id = _log(service, suggestion)
            written.append(entry_id)
            marks.append((*suggestion.key, entry_id, 0, batch_id, stamp))
            if suggestion.source is Source.CHOSEN:
                category = _category(service, suggestion.category)
                calendar_queries.put_series_choice(
                    service.store, suggestion.occurrence.uid,
                    cast(Kind, suggestion.kind).value,  # a chosen suggestion has a kind
                    category.id if category else None)
        calendar_queries.insert_occurrences(service.store, marks)
        if batch_id is not None:
            calendar_queries.mark_batch_entries(service.store, batch_id, written)
            csv_queries.set_batch_entries(service.store, batch_id, len(written))
    if written:
        _notify(service, Change.ENTRIES, Change.TASKS, Change.CALENDAR, Change.IMPORTS)
    return Accepted([_entry(service, i) for i in written], batch_id, len(suggestions) - len(written))


def undo_accept(service: WorkloadService, entry_ids: list[int]) -> list[Entry]:
    """Delete entries an accept wrote and forget their occurrences were logged (one
    transaction), so they are suggested again; return the entries as they were."""
    before = [_entry(service, i) for i in entry_ids]
    with service.store.transaction():
        for entry_id in entry_ids:
            queries.delete_entry(service.store, entry_id)
        calendar_queries.forget_occurrences_of_entries(service.store, entry_ids)
    _notify(service, Change.ENTRIES, Change.CALENDAR)
    return before


def dismiss(service: WorkloadService, suggestions: list[Suggestion]) -> None:
    """Remember that these occurrences are not to be logged (they are not suggested again)."""
    stamp = service.clock.stamp()
    with service.store.transaction():
        calendar_queries.insert_occurrences(
            service.store, [(*s.key, None, 1, None, stamp) for s in suggestions])
    _notify(service, Change.CALENDAR)


def undismiss(service: WorkloadService, suggestion: Suggestion) -> None:
    """Forget a dismissal (its undo): the occurrence is suggested again."""
    with service.store.transaction():
        calendar_queries.forget_dismissal(service.store, *suggestion.key)
    _notify(service, Change.CALENDAR)


def remember_series(service: WorkloadService, uid: str, kind: Kind | str,
                    category: str | None = None) -> None:
    """Remember the kind (and category) the PM chose for an event series."""
    kind = check_kind(kind)
    found = _category(service, category)
    with service.store.transaction():
        calendar_queries.put_series_choice(service.store, uid, kind.value, found.id if found else None)
    _notify(service, Change.CALENDAR)


def _minutes_per_day(suggestions: list[Suggestion]) -> Counter[date]:
    total: Counter[date] = Counter()
    for suggestion in suggestions:
        total[suggestion.day] += suggestion.minutes
    return total


def _log(service: WorkloadService, suggestion: Suggestion) -> int:
    """Write one entry inside the caller's transaction, as the quick-log line would."""
    draft = EntryDraft(suggestion.title, suggestion.minutes, suggestion.kind, suggestion.category,
                       suggestion.day, suggestion.start)
    return service.entries.insert(service.entries.resolve(draft)).id


def _entry(service: WorkloadService, entry_id: int) -> Entry:
    return service.entries.get(entry_id)


def _categories(service: WorkloadService):
    return service.categories.list()


def _category(service: WorkloadService, text: str | None):
    return service.categories.find(text) if text else None


def _notify(service: WorkloadService, *what: Change) -> None:
    service.changes.notify(*what)
