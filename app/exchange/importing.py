"""Importing entries from CSV: our own export, a Toggl Track or a Clockify detailed report.

Two steps, so that a dialog can show what would happen before anything is written:

    plan = read_import(service, path, mapping=..., progress=..., cancelled=...)
    result = apply_import(service, plan, skip_bad_rows=..., progress=..., cancelled=...)

``read_import`` reads and checks the whole file (nothing is written); ``apply_import`` takes a
backup copy of the database, then writes every good row in one transaction, as one import
batch that app.exchange.batches can undo. Both may run off the GUI thread with their own Store
(``open_store(service.store.path)``); the window then calls
``service.changed_elsewhere(*result.changed)`` on its own thread.

Duplicates (same day, start, minutes, title and kind) are skipped and counted. A row with a
start time is one stretch of time: a second such row, in the database or earlier in the file
(a Toggl report that lists a row twice), is a duplicate. Rows without a start time are
counted as a multiset against the database, so that two identical untimed entries (two
15-minute e-mail sessions on one day) both come back from our own export.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.changes import Change
from app.errors import ValidationError
from app.exchange.batches import backed_up_write
from app.exchange.csv_file import (
    MAX_IMPORT_BYTES,
    CancelFlag,
    Cancelled,
    CsvSource,
    Progress,
    check_cancel,
    refuse_database_file,
)
from app.exchange.formats import Columns, DateOrder, DayReader, Format, detect_format
from app.exchange.mapping import (
    MAPPING_KEY,
    ImportMapping,
    KindRule,
    kind_finder,
    load_mapping,
    mapping_json,
    parse_rule,
)
from app.exchange.rows import (
    CATEGORY,
    DAY,
    HANDOFF,
    KIND,
    MINUTES,
    NOTE,
    ROW,
    START,
    TITLE,
    CheckedRows,
    Problems,
    RowProblem,
    RowReader,
)
from app.validation import check_day
from storage import csv_queries, queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.workload import WorkloadService

__all__ = ["MAPPING_KEY", "Cancelled", "DateOrder", "Format", "ImportMapping", "ImportPlan",
           "ImportRejected", "ImportResult", "KindRule", "PlannedRow", "RowProblem", "SummaryNotEntries",
           "apply_import",
           "load_mapping", "parse_rule", "read_import"]

_BATCH = 5000
# How many of a file's first good rows a preview can show (``ImportPlan.first_rows``).
PREVIEW_ROWS = 500


class PlannedRow(NamedTuple):
    """A good row of the file as it would be saved; ``duplicate``: already there, skipped."""

    row: int
    day: date
    start: str | None
    minutes: int
    kind: str
    title: str
    category: str | None
    note: str
    duplicate: bool


class ImportPlan:
    """What importing a file would do; holds the checked rows until ``apply_import``."""

    def __init__(self, path: Path, fmt: Format, mapping: ImportMapping, name: str = "") -> None:
        self.path = path
        self.name = name or path.name     # the file's name ("standard input" for -)
        self.format = fmt
        self.mapping = mapping
        self.rows_read = 0                 # data rows in the file (blank rows left out)
        self.problems: list[RowProblem] = []   # the first MAX_PROBLEMS, by row
        self.problem_count = 0
        self.bad_rows = 0                  # rows with at least one problem
        self.duplicates = 0                # good rows already in the database
        self.new_tasks = 0
        self.new_categories: list[str] = []
        self.first_day: date | None = None
        self.last_day: date | None = None
        self.projects: Counter[str] = Counter()  # Toggl/Clockify: rows per project …
        self.tags: Counter[str] = Counter()      # … and per tag, for a mapping table
        self.unmapped: Counter[str] = Counter()  # rows per project that got no kind
        self.date_order: DateOrder | None = None
        self._rows = CheckedRows()
        self._tasks: dict[str, list] = {}
        self._categories: dict[str, tuple[str, str]] = {}
        self._duplicate_rows: set[int] = set()  # among the first PREVIEW_ROWS good rows

    def first_rows(self, limit: int = 100) -> list[PlannedRow]:
        """Return the file's first good rows (up to PREVIEW_ROWS) as they would be saved."""
        out: list[PlannedRow] = []
        for draft in self._rows:
            if len(out) >= min(limit, PREVIEW_ROWS):
                break
            out.append(PlannedRow(draft[ROW], date.fromisoformat(draft[DAY]), draft[START],
                                  draft[MINUTES], draft[KIND], draft[TITLE], draft[CATEGORY],
                                  draft[NOTE], draft[ROW] in self._duplicate_rows))
        return out

    @property
    def good_rows(self) -> int:
        """Return how many rows passed every check."""
        return len(self._rows)

    @property
    def to_import(self) -> int:
        """Return how many entries an import would add (good rows that are not duplicates)."""
        return len(self._rows) - self.duplicates


class ImportResult(NamedTuple):
    imported: int
    duplicates: int
    rejected: int
    new_tasks: int
    new_categories: tuple[str, ...]
    backup: Path | None
    changed: tuple[str, ...]
    batch_id: int | None = None    # the import batch, for undoing it (None: nothing written)


class SummaryNotEntries(ValidationError):
    """The file is a summary CSV (a peer's hours per week), to import as a peer, not as entries."""


class ImportRejected(ValidationError):
    """Some rows have problems and the user did not choose to import only the good ones."""

    def __init__(self, plan: ImportPlan) -> None:
        first = plan.problems[0] if plan.problems else ""
        super().__init__(
            f"{plan.bad_rows:,} of {plan.rows_read:,} rows have problems (first: {first}); "
            f"nothing was imported. Fix them{skip_offer(plan, 'import only the {good}')}.", "file")
        self.plan = plan


def skip_offer(plan: ImportPlan, offer: str) -> str:
    """Return what follows "Fix them": ", or <offer>" when importing only the good rows would
    import something, else why there is nothing to import (so that is not offered)."""
    if plan.to_import:
        return f", or {offer.format(good=_rows(plan.to_import, 'good row'))}"
    if plan.good_rows:
        return ": the other rows are all in the database already, so there is nothing else to import"
    return ": no row is good, so there is nothing to import"


def _rows(count: int, what: str) -> str:
    return f"{count:,} {what}{'' if count == 1 else 's'}"


# -- reading --------------------------------------------------------------------------------
def read_import(
    service: WorkloadService, path: str | os.PathLike[str], *, format: str = "auto",
    mapping: ImportMapping | None = None, date_order: DateOrder | str | None = None,
    progress: Progress | None = None, cancelled: CancelFlag | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
) -> ImportPlan:
    """Read and check a whole file; return the plan of what importing it would do.

    Raises ValidationError for a file that cannot be read as a whole (encoding, separator,
    header, size, ambiguous dates); problems with single rows are listed in the plan.
    ``mapping`` defaults to the one remembered from the last import.
    """
    refuse_database_file(path, service.store.path, "import")
    with CsvSource(path, max_bytes) as source:
        fmt = detect_format(source.header, format, source.name)
        if fmt is Format.SUMMARY:
            raise SummaryNotEntries(
                f"{source.name} is a PM Workload summary (hours per week, no entries); import it "
                "as a peer's summary instead (pm-workload peers import FILE --label NAME).", "file")
        if mapping is None:
            mapping = load_mapping(service)
        plan = ImportPlan(Path(path), fmt, mapping, source.name)
        columns = Columns(source.header)
        days = DayReader(date_order)
        problems = Problems()
        finder = None if fmt is Format.NATIVE else kind_finder(service, mapping)
        reader = RowReader(fmt, columns, days, problems, finder)
        read = reader.read
        checked = CheckedRows()
        keep = checked.add
        dropped: list[tuple[int, str]] = []   # (row, date text) of rows with other problems
        day_at = columns.at("date", "Start date")
        for number, cells in source.rows():
            draft = read(number, cells)
            if draft is not None:
                keep(draft)
            elif day_at is not None and day_at < len(cells):
                dropped.append((number, days.add(cells[day_at].strip() if fmt is not Format.NATIVE
                                                  else cells[day_at])))
            if not number % 2000:
                if progress:
                    progress(source.bytes_read, source.size)
                check_cancel(cancelled)
        plan.rows_read = len(checked) + len(problems.rows)
        if not plan.rows_read:
            raise ValidationError(f"{source.name} has a header but no rows to import.", "file")
        if progress:
            progress(source.size, source.size)
    plan.projects, plan.tags, plan.unmapped = reader.projects, reader.tags, reader.unmapped
    day_column = columns.name(day_at) if day_at is not None else "date"
    _check_days(service, plan, days, checked, dropped, problems, day_column)
    plan.problems = sorted(problems.items, key=lambda p: p.row)
    plan.problem_count, plan.bad_rows = problems.count, len(problems.rows)
    _plan_writes(service, plan)
    return plan


def _check_days(service: WorkloadService, plan: ImportPlan, days: DayReader, checked: CheckedRows,
                dropped: list[tuple[int, str]], problems: Problems, column: str) -> None:
    """Read every date with one order for the whole file; keep the rows whose day is good."""
    today = service.clock.today()
    iso: dict[str, str] = {}
    wrong: dict[str, str] = {}
    for text, value in days.resolve().items():
        if isinstance(value, str):
            wrong[text] = value
            continue
        try:
            iso[text] = check_day(value, today).isoformat()
        except ValidationError as error:
            wrong[text] = str(error)
    plan.date_order = days.used
    if wrong:
        for row, text in dropped + checked.rows_on(set(wrong)):
            if text in wrong:
                problems.add(row, column, wrong[text])
        checked.drop_days(set(wrong))
    checked.rename_days(iso)
    plan._rows = checked
    used = checked.used_days()
    if used:
        plan.first_day, plan.last_day = date.fromisoformat(min(used)), date.fromisoformat(max(used))


def _key(titles: dict[str, str], draft: tuple) -> tuple:
    """Return the duplicate key of a draft: (day, start, minutes, title key, kind)."""
    title = draft[TITLE]
    key = titles.get(title)
    if key is None:
        key = titles[title] = normalise_key(title)
    return draft[DAY], draft[START], draft[MINUTES], key, draft[KIND]


class _Duplicates:
    """Tells the rows to skip: timed rows seen before (in the database or the file), and
    untimed rows while the database holds more of the same than the file has used up."""

    def __init__(self, service: WorkloadService, plan: ImportPlan) -> None:
        self._seen: Counter = Counter()
        if plan.first_day is not None:
            self._seen.update(csv_queries.entry_keys_between(
                service.store, plan.first_day.isoformat(), plan.last_day.isoformat()))  # type: ignore[union-attr]  # set with first_day

    def skip(self, key: tuple) -> bool:
        """Return True when the row with this key is a duplicate; note it as seen otherwise."""
        seen = self._seen
        timed = key[1] is not None
        if seen[key] > 0:
            if not timed:
                seen[key] -= 1
            return True
        if timed:
            seen[key] = 1
        return False


def _plan_writes(service: WorkloadService, plan: ImportPlan) -> None:
    """Count duplicates, new tasks and new categories; note each new task's first values."""
    skip = _Duplicates(service, plan).skip
    titles: dict[str, str] = {}
    tasks: dict[str, list] = {}
    categories: dict[str, tuple[str, str]] = {}
    duplicates = 0
    for index, draft in enumerate(plan._rows):
        key = _key(titles, draft)
        if skip(key):
            duplicates += 1
            if index < PREVIEW_ROWS:
                plan._duplicate_rows.add(draft[ROW])
        info = tasks.get(key[3])
        if info is None:
            tasks[key[3]] = [draft[TITLE], draft[KIND], draft[CATEGORY], draft[HANDOFF]]
        elif info[3] is None and draft[HANDOFF] is not None:
            info[3] = draft[HANDOFF]
        category = draft[CATEGORY]
        if category is not None:
            category_key = normalise_key(category)
            if category_key not in categories:
                categories[category_key] = (category, draft[KIND])
    plan.duplicates = duplicates
    known_tasks = csv_queries.task_ids_by_key(service.store)
    known_categories = csv_queries.category_ids_by_key(service.store)
    plan._tasks, plan._categories = tasks, categories
    plan.new_tasks = sum(1 for key in tasks if key not in known_tasks)
    plan.new_categories = [name for key, (name, _) in categories.items() if key not in known_categories]


# -- writing --------------------------------------------------------------------------------
def apply_import(
    service: WorkloadService, plan: ImportPlan, *, skip_bad_rows: bool = False,
    remember_mapping: bool = True, backup: bool = True, progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> ImportResult:
    """Write the plan's good rows in one transaction and return what was done.

    Refuses (ImportRejected, nothing written) when some rows have problems, unless
    ``skip_bad_rows``. Takes a backup copy of the database first (removed again if the write
    fails, e.g. on a database busy in another program). Cancelling rolls back. The entries
    written, and the tasks and categories created, belong to one import batch.
    """
    if plan.bad_rows and not skip_bad_rows:
        raise ImportRejected(plan)
    remember = remember_mapping and plan.format is not Format.NATIVE and bool(
        plan.mapping.rules or plan.mapping.default_kind)
    if not plan.to_import and not remember:
        return ImportResult(0, plan.duplicates, plan.bad_rows, 0, (), None, ())
    if backup and plan.to_import:
        with backed_up_write(service, "before-import") as backup_path:
            done = _write(service, plan, remember, progress, cancelled)
    else:
        with service.store.transaction():
            done = _write(service, plan, remember, progress, cancelled)
        backup_path = None
    written, duplicates, new_tasks, new_categories, batch_id = done
    if progress:
        progress(len(plan._rows), len(plan._rows))
    changed = tuple(w for w, yes in (
        (Change.ENTRIES, written), (Change.TASKS, new_tasks), (Change.CATEGORIES, new_categories),
        (Change.SETTINGS, remember), (Change.IMPORTS, batch_id is not None)) if yes)
    service.refresh()
    service.changes.notify(*changed)
    return ImportResult(written, duplicates, plan.bad_rows, new_tasks, tuple(new_categories),
                        backup_path, changed, batch_id)


def _write(service: WorkloadService, plan: ImportPlan, remember: bool, progress: Progress | None,
           cancelled: CancelFlag | None) -> tuple[int, int, int, list[str], int | None]:
    """Write the plan inside the caller's transaction; return (entries written, duplicates,
    new tasks, new categories' names, batch id or None when no entry was written)."""
    store = service.store
    stamp = service.clock.stamp()
    batch_id = csv_queries.insert_batch(store, plan.name, plan.format.label, stamp) \
        if plan.to_import else None
    total = len(plan._rows)
    category_ids = csv_queries.category_ids_by_key(store)
    new_categories = []
    for key, (name, kind) in plan._categories.items():
        if key not in category_ids:
            category_ids[key] = queries.insert_category(store, name, key, kind)
            if batch_id is not None:
                csv_queries.mark_category_imported(store, category_ids[key], batch_id)
            new_categories.append(name)
    task_ids = csv_queries.task_ids_by_key(store)
    new_tasks = 0
    today = service.clock.today().isoformat()
    for key, (title, kind, category, handoff) in plan._tasks.items():
        if key not in task_ids:
            task_ids[key] = csv_queries.insert_imported_task(
                store, title, key, kind,
                category_ids[normalise_key(category)] if category else None,
                handoff or "unreviewed", today if handoff not in (None, "unreviewed") else None,
                batch_id)
            new_tasks += 1
    # Read again inside the write transaction: another program may have logged meanwhile.
    skip = _Duplicates(service, plan).skip
    titles: dict[str, str] = {}
    category_of: dict[str | None, int | None] = {None: None}
    rows: list[tuple] = []
    days: set[str] = set()
    written = duplicates = done = 0
    for draft in plan._rows:
        row_key = _key(titles, draft)
        done += 1
        if skip(row_key):
            duplicates += 1
            continue
        category = draft[CATEGORY]
        if category not in category_of:
            category_of[category] = category_ids[normalise_key(category)]
        rows.append((task_ids[row_key[3]], row_key[0], draft[START], draft[MINUTES], draft[KIND],
                     category_of[category], draft[NOTE], stamp, stamp, batch_id))
        days.add(row_key[0])
        if len(rows) >= _BATCH:
            csv_queries.insert_imported_entries(store, rows)
            written += len(rows)
            rows = []
            if progress:
                progress(done, total)
            check_cancel(cancelled)
    if rows:
        csv_queries.insert_imported_entries(store, rows)
        written += len(rows)
    # Counted with the rows just written, inside the same transaction: a day over 24 hours
    # refuses the whole import, naming the day, and nothing is kept.
    service.entries.check_day_totals(dict.fromkeys(days, 0))
    if batch_id is not None:
        if written:
            csv_queries.set_batch_entries(store, batch_id, written)
        else:
            csv_queries.delete_batch(store, batch_id)  # all duplicates by now: nothing to undo
            batch_id = None
    if remember:
        queries.put_setting(store, MAPPING_KEY, mapping_json(plan.mapping))
    return written, duplicates, new_tasks, new_categories, batch_id
