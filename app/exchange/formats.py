"""The CSV formats PM Workload reads, told apart by their header, and their cells' shapes.

Dates come as ISO (2026-11-24) or in a profile format (11/24/2026, 24/11/2026, 24.11.2026);
whether 01/07/2021 is 1 July or 7 January is decided from the whole file (see ``DayReader``).
Times of day are read by app.grammar (24-hour or 12-hour, 01:26:00 PM); the trackers'
durations are HH:MM:SS or decimal hours (``read_elapsed``).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from app.errors import ValidationError
from app.exchange.csv_file import ENTRY_COLUMNS, SUMMARY_COLUMNS


class Format(StrEnum):
    """A kind of CSV file the import understands."""

    NATIVE = "native"
    TOGGL = "toggl"
    CLOCKIFY = "clockify"
    SUMMARY = "summary"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Format.NATIVE: "PM Workload entries CSV", Format.TOGGL: "Toggl Track detailed report",
    Format.CLOCKIFY: "Clockify detailed report", Format.SUMMARY: "PM Workload summary CSV",
}

# Columns each format must have (compared case-insensitively); a tuple inside means "one of".
_REQUIRED: dict[Format, tuple[str | tuple[str, ...], ...]] = {
    Format.NATIVE: ("date", ("minutes", "hours"), "title", "kind"),
    Format.TOGGL: ("Project", "Description", "Start date", "Start time", "Duration"),
    Format.CLOCKIFY: ("Project", "Description", "Start Date", "Start Time",
                      ("Duration (h)", "Duration (decimal)")),
    Format.SUMMARY: ("week", "kind", "hours"),
}
# Every column a format is known to have: how close an unknown header is to each format.
_KNOWN: dict[Format, tuple[str, ...]] = {
    Format.NATIVE: ENTRY_COLUMNS,
    Format.TOGGL: ("User", "Email", "Client", "Project", "Task", "Description", "Billable",
                   "Start date", "Start time", "End date", "End time", "Duration", "Tags"),
    Format.CLOCKIFY: ("Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags",
                      "Billable", "Start Date", "Start Time", "End Date", "End Time",
                      "Duration (h)", "Duration (decimal)"),
    Format.SUMMARY: SUMMARY_COLUMNS,
}


class Columns:
    """Where each named column sits in a file's header (names compared case-insensitively)."""

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.width = len(header)
        self._at: dict[str, int] = {}
        for i, name in enumerate(header):
            self._at.setdefault(name.casefold(), i)

    def has(self, name: str) -> bool:
        return name.casefold() in self._at

    def at(self, *names: str) -> int | None:
        """Return the position of the first of ``names`` present, or None."""
        for name in names:
            if name.casefold() in self._at:
                return self._at[name.casefold()]
        return None

    def name(self, index: int) -> str:
        return self.header[index]

    def missing(self, fmt: Format) -> list[str]:
        """Return the required columns of ``fmt`` that the header lacks."""
        out = []
        for need in _REQUIRED[fmt]:
            options = need if isinstance(need, tuple) else (need,)
            if self.at(*options) is None:
                out.append(" or ".join(options))
        return out


def detect_format(header: list[str], wanted: str = "auto", file_name: str = "The file") -> Format:
    """Return the file's format from its header, or raise saying what the header lacks."""
    columns = Columns(header)
    if wanted != "auto":
        try:
            fmt = Format(wanted)
        except ValueError:
            raise ValidationError(
                f"'{wanted}' is not a format; use auto, native, toggl or clockify.", "format"
            ) from None
        missing = columns.missing(fmt)
        if missing:
            raise ValidationError(
                f"The header of {file_name} is missing the columns {', '.join(missing)} "
                f"(needed in a {fmt.label}).", "file")
        return fmt
    for fmt in (Format.NATIVE, Format.CLOCKIFY, Format.TOGGL, Format.SUMMARY):
        if not columns.missing(fmt):
            return fmt
    if header and (_DATE.fullmatch(header[0]) or header[0].isdigit()):
        raise ValidationError(
            f"{file_name} has no header row: its first line should name the columns "
            f"({', '.join(ENTRY_COLUMNS)} for a PM Workload entries CSV).", "file")
    known = {f: sum(columns.has(c) for c in names) for f, names in _KNOWN.items()}
    best = max(known, key=lambda f: known[f])
    if known[best] >= 2:
        raise ValidationError(
            f"The header of {file_name} is missing the columns {', '.join(columns.missing(best))} "
            f"(it looks like a {best.label}).", "file")
    raise ValidationError(
        f"{file_name} is not a CSV PM Workload knows: its first line should name the columns of a "
        "PM Workload entries CSV (date, minutes, title, kind, …), a Toggl Track or a Clockify "
        "detailed report.", "file")


# -- dates ----------------------------------------------------------------------------------
class DateOrder(StrEnum):
    """How to read a date like 01/07/2021."""

    DMY = "dmy"
    MDY = "mdy"


# re.ASCII: \d alone would take other scripts' digits too, which no tracker writes.
_DATE = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})", re.ASCII)


class DayReader:
    """Collects the date texts of a file, then reads them all with one day/month order.

    Dates like 01/07/2021 (slash or dash, year last) are read day-first when some date in the
    file has a first number over 12, month-first when some has a second number over 12; the
    caller's ``order`` decides when the file does not say. ISO and dotted dates need no order.
    """

    def __init__(self, order: DateOrder | str | None = None) -> None:
        self.order = DateOrder(order) if order else None
        self.texts: dict[str, str] = {}
        self.used: DateOrder | None = None  # the order ``resolve`` read ambiguous dates with

    def add(self, text: str) -> str:
        """Remember a date text and return it (one string object per distinct text)."""
        return self.texts.setdefault(text, text)

    def resolve(self) -> dict[str, date | str]:
        """Return each date text's day, or the message saying why it is not a date."""
        order = self.used = self._order()
        return {text: _read_date(text, order) for text in self.texts}

    def _order(self) -> DateOrder | None:
        day_first = month_first = None
        for text in self.texts:
            match = _DATE.fullmatch(text.strip())
            if not match or match.group(2) == "." or len(match.group(1)) > 2:
                continue
            a, b = int(match.group(1)), int(match.group(3))
            if a > 12 >= b and day_first is None:
                day_first = text
            elif b > 12 >= a and month_first is None:
                month_first = text
        if day_first and month_first:
            if self.order:
                return self.order
            raise ValidationError(
                f"The dates in this file disagree: '{day_first}' reads only as day/month and "
                f"'{month_first}' only as month/day. Export the file again with one date format.",
                "date_order")
        found = DateOrder.DMY if day_first else DateOrder.MDY if month_first else None
        if self.order:
            return self.order
        if found is None and any(_ambiguous(t) for t in self.texts):
            example = next(t for t in self.texts if _ambiguous(t))
            raise ValidationError(
                f"The dates in this file (such as '{example}') could be day/month or month/day; "
                "say which with --date-order dmy or --date-order mdy.", "date_order")
        return found


def _ambiguous(text: str) -> bool:
    match = _DATE.fullmatch(text.strip())
    return bool(match and match.group(2) != "." and len(match.group(1)) <= 2
                and len(match.group(4)) == 4)


def _read_date(text: str, order: DateOrder | None) -> date | str:
    stripped = text.strip()
    if not stripped:
        return "the date is empty"
    if len(stripped) == 10 and stripped[4] == "-":
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            pass
    match = _DATE.fullmatch(stripped)
    if not match:
        return f"'{text}' is not a date; write it like 2026-11-24"
    first, separator, middle, last = match.groups()
    if len(first) == 4:
        year, month, day = int(first), int(middle), int(last)
    elif len(last) == 4:
        year = int(last)
        day_first = separator == "." or order == DateOrder.DMY
        day, month = (int(first), int(middle)) if day_first else (int(middle), int(first))
    else:
        return f"'{text}' is not a date with a four-digit year; write it like 2026-11-24"
    try:
        return date(year, month, day)
    except ValueError:
        return f"'{text}' is not a real date"


# -- times and durations --------------------------------------------------------------------
_HMS = re.compile(r"(\d{1,4}):(\d{2})(?::(\d{2}))?", re.ASCII)
_DECIMAL = re.compile(r"\d{1,4}(?:[.,]\d+)?", re.ASCII)


def read_elapsed(text: str) -> int:
    """Return minutes from a tracker's duration cell: HH:MM:SS, H:MM or decimal hours, rounded
    to the nearest minute. (Not the quick-add durations of app.grammar.read_duration: in a
    Toggl or Clockify file 1:30 is an hour and a half, and 1.5 is hours, not minutes.)"""
    stripped = text.strip()
    if match := _HMS.fullmatch(stripped):
        hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
        if minutes > 59 or seconds > 59:
            raise ValueError(f"'{text}' is not a duration; write it like 01:30:00")
        return hours * 60 + minutes + (1 if seconds >= 30 else 0)
    if _DECIMAL.fullmatch(stripped):
        return round(float(stripped.replace(",", ".")) * 60)
    raise ValueError(f"'{text}' is not a duration; write it like 01:30:00 or 1.5")


def read_hours(text: str) -> int:
    """Return minutes from decimal hours (1.5 or 1,5)."""
    stripped = text.strip()
    if not _DECIMAL.fullmatch(stripped):
        raise ValueError(f"'{text}' is not a number of hours; write it like 1.5")
    return round(float(stripped.replace(",", ".")) * 60)
