"""Reading the rows of an entries CSV (ours, Toggl Track's or Clockify's) into checked drafts.

Each row becomes a compact tuple (see ``Draft``) or, when a cell is wrong, one problem per
wrong cell naming the row, the column and what is wrong. Checks are cached per distinct cell
text: a file repeats its titles, days and durations, so 100,000 rows cost few real checks.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import compress
from typing import Any, NamedTuple, cast

from app.domain import HandoffStatus, Kind
from app.errors import ValidationError
from app.exchange.csv_file import unsafe_cell
from app.exchange.formats import Columns, DayReader, Format, read_elapsed, read_hours
from app.grammar import match_duration, read_time_of_day
from app.text import strip_controls
from app.validation import MAX_NOTE, check_kind, check_minutes, clean_category_name, clean_title

# A draft row: (row number, date text, start HH:MM or None, minutes, kind value, title,
# category name or None, note, hand-off status value or None).
Draft = tuple
ROW, DAY, START, MINUTES, KIND, TITLE, CATEGORY, NOTE, HANDOFF = range(9)

# Problems kept in detail; beyond this only their number is kept.
MAX_PROBLEMS = 1000


class RowProblem(NamedTuple):
    """What is wrong with one cell of an imported file (row 1 is the header)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}" if self.column \
            else f"row {self.row}: {self.message}"


class Problems:
    """The problems found in a file: the first MAX_PROBLEMS in detail, and every bad row."""

    def __init__(self) -> None:
        self.items: list[RowProblem] = []
        self.rows: set[int] = set()
        self.count = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        self.rows.add(row)
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(RowProblem(row, column, message))


_KINDS = ("strategic", "operational")
_STATUSES = (None, *(status.value for status in HandoffStatus))


class CheckedRows:
    """The drafts of a file, kept column by column in arrays: some 30 bytes a row rather than
    a tuple each, so that checking a whole file before writing keeps memory nearly flat.

    Iterating gives the drafts back as tuples (see ``Draft``).
    """

    def __init__(self) -> None:
        self.rows, self.days, self.titles, self.categories = (array("I") for _ in range(4))
        self.starts, self.minutes = array("H"), array("H")
        self.kinds, self.handoffs = array("B"), array("B")
        self.notes: list[str] = []
        self.day_values: list[str] = []
        self.start_values: list[str | None] = [None]
        self.title_values: list[str] = []
        self.category_values: list[str | None] = [None]
        self._day_at: dict[str, int] = {}
        self._start_at: dict[str | None, int] = {None: 0}
        self._title_at: dict[str, int] = {}
        self._category_at: dict[str | None, int] = {None: 0}

    def add(self, draft: Draft) -> None:
        """Keep one draft."""
        self.rows.append(draft[ROW])
        self.days.append(_index(self._day_at, self.day_values, draft[DAY]))
        self.starts.append(_index(self._start_at, self.start_values, draft[START]))
        self.minutes.append(draft[MINUTES])
        self.kinds.append(_KINDS.index(draft[KIND]))
        self.titles.append(_index(self._title_at, self.title_values, draft[TITLE]))
        self.categories.append(_index(self._category_at, self.category_values, draft[CATEGORY]))
        self.notes.append(draft[NOTE])
        self.handoffs.append(_STATUSES.index(draft[HANDOFF]))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Draft]:
        days, starts, titles, categories = (self.day_values, self.start_values, self.title_values,
                                            self.category_values)
        for row, day, start, minutes, kind, title, category, note, handoff in zip(
                self.rows, self.days, self.starts, self.minutes, self.kinds, self.titles,
                self.categories, self.notes, self.handoffs, strict=True):
            yield (row, days[day], starts[start], minutes, _KINDS[kind], titles[title],
                   categories[category], note, _STATUSES[handoff])

    def rows_on(self, day_texts: set[str]) -> list[tuple[int, str]]:
        """Return (row, day text) of the rows whose day text is one of ``day_texts``."""
        wanted = {i for i, text in enumerate(self.day_values) if text in day_texts}
        return [(row, self.day_values[day]) for row, day in zip(self.rows, self.days, strict=True)
                if day in wanted]

    def drop_days(self, day_texts: set[str]) -> None:
        """Forget the rows whose day text is one of ``day_texts``."""
        unwanted = {i for i, text in enumerate(self.day_values) if text in day_texts}
        if not unwanted:
            return
        keep = [day not in unwanted for day in self.days]
        for name in ("rows", "days", "titles", "categories", "starts", "minutes", "kinds", "handoffs"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, compress(column, keep)))
        self.notes = list(compress(self.notes, keep))

    def rename_days(self, names: dict[str, str]) -> None:
        """Replace each day text by its name in ``names`` (the ISO date, once read)."""
        self.day_values = [names.get(text, text) for text in self.day_values]

    def used_days(self) -> list[str]:
        """Return the day values that some row still has."""
        return [self.day_values[i] for i in set(self.days)]


def _index(positions: dict, values: list, value: object) -> int:
    at = positions.get(value)
    if at is None:
        at = positions[value] = len(values)
        values.append(value)
    return at


class _Bad(NamedTuple):
    message: str


_BAD = object()
# (kind, category name or None) for a row's project/tags and title key, or None if unknown.
KindFinder = Callable[[tuple[str, ...], str], tuple[Kind, str | None] | None]


class RowReader:
    """Turns the rows of one file into drafts, collecting problems and the days it names."""

    def __init__(self, fmt: Format, columns: Columns, days: DayReader, problems: Problems,
                 find_kind: KindFinder | None = None) -> None:
        self.fmt = fmt
        self.columns = columns
        self.days = days
        self.problems = problems
        self.find_kind = find_kind
        self.projects: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.unmapped: Counter[str] = Counter()  # projects of rows that got no kind
        self._caches: dict[int, dict[str, object]] = {}
        at = columns.at
        # Each column's position, None for an optional one the file lacks; the required ones are
        # known present (the header was checked against the format before any row is read).
        self._pos: tuple[Any, ...]
        if fmt is Format.NATIVE:
            self._pos = (at("date"), at("start"), at("minutes"), at("hours"), at("title"),
                         at("kind"), at("category"), at("handoff"), at("note"))
            self.read = self._native
        else:
            duration = ("Duration",) if fmt is Format.TOGGL else ("Duration (h)", "Duration (decimal)")
            self._pos = (at("Start date"), at("Start time"), at(*duration), at("Description"),
                         at("Task"), at("Project"), at("Client"), at("Tags"))
            self.read = self._tracker

    def _cell(self, row: int, index: int, text: str, check: Callable[[str], object]) -> object:
        """Return the checked value of a cell, or _BAD after recording what is wrong."""
        cache = self._caches.setdefault(index, {})
        try:
            value = cache[text]
        except KeyError:
            try:
                value = check(text)
            except ValueError as error:  # ValidationError included
                value = _Bad(str(error))
            if len(cache) < 50_000:
                cache[text] = value
        if type(value) is _Bad:
            self.problems.add(row, self.columns.name(index), value.message)
            return _BAD
        return value

    def _width_ok(self, row: int, cells: list[str]) -> bool:
        if len(cells) == self.columns.width:
            return True
        if len(cells) > self.columns.width and not any(c.strip() for c in cells[self.columns.width:]):
            return True  # a spreadsheet's trailing empty cells
        self.problems.add(row, "", f"the row has {len(cells)} cells but the header has "
                          f"{self.columns.width}; a comma or a line break may need quoting")
        return False

    # -- ours -------------------------------------------------------------------------------
    def _native(self, row: int, cells: list[str]) -> Draft | None:
        if len(cells) != self.columns.width and not self._width_ok(row, cells):
            return None
        p_day, p_start, p_minutes, p_hours, p_title, p_kind, p_category, p_handoff, p_note = self._pos
        cell = self._cell
        day = self.days.add(cells[p_day])
        start = cell(row, p_start, cells[p_start], _start) if p_start is not None else None
        text = cells[p_minutes] if p_minutes is not None else ""
        if text.strip() or p_hours is None:
            minutes = cell(row, p_minutes, text, _minutes)
        else:
            minutes = cell(row, p_hours, cells[p_hours], _hours)
        title = cell(row, p_title, cells[p_title], _title)
        kind = cell(row, p_kind, cells[p_kind], _kind)
        category = cell(row, p_category, cells[p_category], _category) \
            if p_category is not None else None
        handoff = cell(row, p_handoff, cells[p_handoff], _handoff) if p_handoff is not None else None
        note: object = ""  # or _BAD
        if p_note is not None and cells[p_note]:
            # Notes are mostly distinct: checked here rather than cached.
            note = strip_controls(unsafe_cell(cells[p_note]), keep_lines=True).strip()
            if len(note) > MAX_NOTE:
                self.problems.add(row, self.columns.name(p_note), f"the note is {len(note):,} "
                                  f"characters long; keep it to {MAX_NOTE:,}")
                note = _BAD
        if _BAD in (start, minutes, title, kind, category, handoff, note):
            return None
        return (row, day, start, minutes, kind, title, category, note, handoff)

    # -- Toggl Track and Clockify -----------------------------------------------------------
    def _tracker(self, row: int, cells: list[str]) -> Draft | None:
        if not self._width_ok(row, cells):
            return None
        p_day, p_start, p_duration, p_description, p_task, p_project, p_client, p_tags = self._pos
        cell = self._cell

        def text(index: int | None) -> str:
            return " ".join(cells[index].split()) if index is not None else ""

        description, task, project, client = (text(p_description), text(p_task), text(p_project),
                                              text(p_client))
        tags = tuple(t for t in (" ".join(t.split()) for t in text(p_tags).split(",")) if t)
        if project:
            self.projects[project] += 1
        for tag in tags:
            self.tags[tag] += 1
        day = self.days.add(cells[p_day].strip())
        start = cell(row, p_start, cells[p_start], _start)
        minutes = cell(row, p_duration, cells[p_duration], _duration)
        source = p_description if description else p_task if task else p_project
        title = cell(row, source, description or task or project, _tracker_title)
        found = self.find_kind(tags + (project,), cast(str, title) if title is not _BAD else "") \
            if self.find_kind else None
        if found is None:
            self.unmapped[project] += 1
            where = f"project '{project}'" if project else "no project"
            if tags:
                where += f" (tags: {', '.join(tags)})"
            self.problems.add(row, self.columns.name(p_project), f"no kind for {where}: map the "
                              "project or a tag to a kind, or choose a default kind")
            return None
        if _BAD in (start, minutes, title):
            return None
        kind, category = found
        parts = [f"project: {project}" if project and source != p_project else "",
                 f"client: {client}" if client else "",
                 f"task: {task}" if task and source != p_task else "",
                 f"tags: {', '.join(tags)}" if tags else ""]
        note = "; ".join(p for p in parts if p)[:10_000]
        return (row, day, start, minutes, kind.value, title, category, note, None)


def _start(text: str) -> str | None:
    return f"{read_time_of_day(text):%H:%M}" if text.strip() else None


def _minutes(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        raise ValueError("the minutes are empty; say how long it took, e.g. 45")
    # isdigit() alone takes superscripts (²) and other scripts' digits, which int() refuses.
    if stripped.isascii() and stripped.isdigit():
        return check_minutes(int(stripped))
    # A duration as the quick-add line writes one (45m, 1h30, 1.5h) is read the same here.
    minutes = match_duration("".join(stripped.split()))
    if minutes is None:
        raise ValueError(f"'{text}' is not a whole number of minutes")
    return minutes


def _hours(text: str) -> int:
    return check_minutes(read_hours(text))


def _duration(text: str) -> int:
    minutes = read_elapsed(text)
    if minutes < 1:
        raise ValueError(f"'{text.strip()}' is shorter than a minute; an entry is at least 1 minute")
    return check_minutes(minutes)


def _title(text: str) -> str:
    return clean_title(unsafe_cell(text))


def _tracker_title(text: str) -> str:
    if not text:
        raise ValueError("no description, task or project to take the title from")
    return clean_title(text)


def _kind(text: str) -> str:
    if not text.strip():
        raise ValueError("the kind is empty; write strategic or operational")
    return check_kind(text).value


def _category(text: str) -> str | None:
    text = unsafe_cell(text)
    if not text.strip():
        return None
    name = clean_category_name(text)
    if any(word.startswith("#") for word in name.split()):
        raise ValueError("a category name cannot hold a word starting with '#'")
    return name


_HANDOFF = {status.value: status.value for status in HandoffStatus} | {
    status.label: status.value for status in HandoffStatus}


def _handoff(text: str) -> str | None:
    word = " ".join(text.split()).casefold()
    if not word:
        return None
    if word not in _HANDOFF:
        raise ValidationError(
            f"'{text}' is not a hand-off status; use unreviewed, keep, candidate or handed_off.")
    return _HANDOFF[word]
