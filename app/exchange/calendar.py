"""Reading an .ics calendar: the occurrences of its events in a range of days, in local time,
and what is left out and why. Nothing here writes; classification and saving are in
app/exchange/calendar_import.py.

    calendar = read_calendar(path)            # ValidationError if the file cannot be used
    found = calendar.occurrences(first, last, me="pm@example.com")
    found.occurrences  # [Occurrence]: uid, recurrence_id, title, start (local), minutes, tentative
    found.skipped      # [Skipped]: title, day, reason (LeftOut), for every event left out
    found.problems     # [CalendarProblem]: unreadable events, by line, UID and title

    source = CalendarSource(path)             # the window's remembered file
    source.occurrences(first, last, me)       # re-reads the file only when it changed

Exports of Google Calendar, Outlook/Exchange, Apple Calendar and Thunderbird are read with
icalendar and recurring-ical-events (imported here, inside functions only, so start-up never
pays for them): RRULE, RDATE, EXDATE, moved instances (RECURRENCE-ID), DURATION instead of
DTEND, VTIMEZONE and Windows zone names, Google's X-WR-TIMEZONE for floating and UTC times.
Times become the machine's local time; an event belongs to the day it started.

Left out, each with its reason: all-day events, cancelled ones (recurring-ical-events returns
cancelled occurrences), those the calendar's owner declined (the owner's address is ``me``,
else Google's X-WR-CALNAME when it is one), those shown as free (TRANSP:TRANSPARENT, or
Outlook's X-MICROSOFT-CDO-BUSYSTATUS:FREE), those longer than a day and those of no length.
Tentative ones are kept (``tentative`` is set).

Bad input: a file over MAX_CALENDAR_BYTES (20 MB, some ten years of a busy calendar), one that
is binary, not UTF-8, not iCalendar or truncated is refused with a ValidationError naming the
line. An unreadable event among good ones (a broken line, an unreadable date, a bad rule) is
a CalendarProblem naming its line, UID and title, and the others are read. A recurrence that
never ends is only expanded over the asked range; rules repeating more often than hourly are
refused, so a range never holds more than 24 occurrences a day per series. Reading is one
linear pass over the lines before icalendar parses what passed.

Privacy: an Occurrence holds only the title, the times and the series key (UID, recurrence
date); descriptions, locations, attendees and links are never copied out of the parsed file.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from app.errors import ValidationError
from app.validation import MAX_TITLE

if TYPE_CHECKING:
    from icalendar import Component, Event

MAX_CALENDAR_BYTES = 20 * 1024 * 1024
DAY_MINUTES = 24 * 60
_NO_TITLE = "(no title)"
# A content line: a property name, then parameters or the value.
_CONTENT_LINE = re.compile(r"[A-Za-z0-9-]+[;:]")
_ADDRESS = re.compile(r"[^@\s:]+@[^@\s]+")
# Properties whose broken value makes an event unreadable (others are not used).
_NEEDED = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}


class LeftOut(StrEnum):
    """Why an event of the calendar is not suggested."""

    ALL_DAY = "all-day"
    CANCELLED = "cancelled"
    DECLINED = "declined"
    FREE = "shown as free"
    TOO_LONG = "longer than a day"
    NO_LENGTH = "no length"
    UNREADABLE = "unreadable"
    NOT_BEGUN = "not begun yet"       # (set by the import: a calendar has no "now")


class Occurrence(NamedTuple):
    """One occurrence of a calendar event that could be logged."""

    uid: str                 # the series key (the event's UID)
    recurrence_id: str       # which occurrence of the series ("" for a one-off event)
    title: str
    start: datetime          # local, time-zone aware
    minutes: int             # 1 to 1440
    tentative: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """Return what tells this occurrence apart from every other: (uid, recurrence_id)."""
        return self.uid, self.recurrence_id

    @property
    def day(self) -> date:
        """Return the local day it starts on (the day it belongs to)."""
        return self.start.date()

    @property
    def start_time(self) -> time:
        """Return the local start time, to the minute."""
        return self.start.time().replace(second=0, microsecond=0, tzinfo=None)


class Skipped(NamedTuple):
    """An event (occurrence) left out, and why."""

    title: str
    day: date | None
    reason: LeftOut
    uid: str = ""


class CalendarProblem(NamedTuple):
    """An event that could not be read; the rest of the file can still be used."""

    line: int | None
    uid: str
    title: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        what = f"event '{self.title}'" if self.title else "an event"
        uid = f" (UID {self.uid})" if self.uid else ""
        return f"{where}{what}{uid}: {self.message}"


class CalendarRange(NamedTuple):
    """What a calendar holds from ``first`` to ``last`` (inclusive), in start order."""

    first: date
    last: date
    occurrences: list[Occurrence]
    skipped: list[Skipped]
    problems: list[CalendarProblem]


class _Series(NamedTuple):
    uid: str
    title: str
    line: int | None
    recurs: bool
    first_day: date | None
    query: Any                         # a recurring_ical_events CalendarQuery


class Calendar:
    """A calendar file read and checked, ready to give the occurrences of any range of days."""

    def __init__(self, name: str, owner: str | None, series: list[_Series],
                 problems: list[CalendarProblem], events: int) -> None:
        self.name = name
        self.owner = owner                  # X-WR-CALNAME when it is an address
        self.problems = problems            # events that could not be read at all
        self.events = events                # VEVENTs in the file
        self._series = series

    @property
    def first_day(self) -> date | None:
        """Return the day the earliest event starts (None for a calendar without events)."""
        days = [s.first_day for s in self._series if s.first_day]
        return min(days) if days else None

    def occurrences(self, first: date, last: date, *, me: str | None = None) -> CalendarRange:
        """Return the occurrences starting from ``first`` to ``last`` (local days), and those
        left out, each with its reason; ``me`` is the owner's address (default: the owner)."""
        if first > last:
            raise ValidationError(f"{first.isoformat()} is after {last.isoformat()}.", "from")
        owner = _clean_address(me) or self.owner
        start, stop = _local_midnight(first), _local_midnight(last + timedelta(days=1))
        found: list[Occurrence] = []
        skipped: list[Skipped] = []
        problems = list(self.problems)
        early, late = first - timedelta(days=1), last + timedelta(days=1)
        for series in self._series:
            if not series.recurs and series.first_day and not early <= series.first_day <= late:
                continue  # a one-off event elsewhere in time (a day's margin for zone changes)
            try:
                components = series.query.between(start, stop)
                for component in components:
                    _sort(component, series, owner, first, last, found, skipped)
            except (ValueError, TypeError, KeyError, OverflowError) as error:
                # recurring-ical-events' InvalidCalendar is a ValueError
                problems.append(CalendarProblem(series.line, series.uid, series.title,
                                                f"cannot be expanded ({_reason(error)})"))
        found.sort(key=lambda o: (o.start, o.title, o.key))
        skipped.sort(key=lambda s: (s.day or date.min, s.title))
        return CalendarRange(first, last, found, skipped, problems)


def read_calendar(path: str | os.PathLike[str], *, max_bytes: int = MAX_CALENDAR_BYTES) -> Calendar:
    """Return the calendar in the .ics file at ``path`` (ValidationError if it cannot be used)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValidationError(
                f"{path.name} is {size / 1e6:.0f} MB; a calendar file can be up to "
                f"{max_bytes / 1e6:.0f} MB. Export a shorter range of dates from the calendar.",
                "file")
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"Cannot read {path}: {error.strerror or error}.", "file") from None
    return parse_calendar(data, path.name, max_bytes=max_bytes)


def parse_calendar(data: bytes, name: str = "the calendar", *,
                   max_bytes: int = MAX_CALENDAR_BYTES) -> Calendar:
    """Return the calendar in ``data`` (the bytes of an .ics file)."""
    if len(data) > max_bytes:
        raise ValidationError(f"{name} is over {max_bytes / 1e6:.0f} MB.", "file")
    if b"\0" in data[:65536]:
        raise ValidationError(f"{name} is a binary file, not an iCalendar (.ics) file.", "file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValidationError(f"{name}, line {line}: not UTF-8 text, so not an iCalendar file "
                              "as calendars export them.", "file") from None
    kept, blocks, problems = _scan(text, name)
    cut_out = len(problems)
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(kept)
    except ValueError as error:
        raise ValidationError(f"{name} cannot be read as iCalendar: {_reason(error)}.", "file") from None
    # VEVENT components are Events (icalendar makes each component its own class).
    components = [cast("Event", c) for c in calendar.subcomponents if c.name == "VEVENT"]
    if len(components) != len(blocks):  # our scan and icalendar disagree: lines are unknown
        blocks = [(None, "", "")] * len(components)
    series = _group(calendar, components, blocks, problems)
    owner = _clean_address(str(calendar.get("X-WR-CALNAME", "")))
    return Calendar(name, owner or None, series, problems, len(components) + cut_out)


class CalendarSource:
    """A calendar file the window remembers: read again only when it changed on disk, with
    the last few ranges asked for kept (switching back and forth between weeks is instant)."""

    _KEEP = 8

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._calendar: Calendar | None = None
        self._ranges: dict[tuple[date, date, str | None], CalendarRange] = {}
        # The window's panel asks from its own thread and from a worker reading weeks ahead:
        # one at a time, so the file is read and a week expanded once, never side by side.
        self._lock = threading.Lock()

    def calendar(self) -> Calendar:
        """Return the calendar, read again if the file changed since last time."""
        try:
            stat = self.path.stat()
        except OSError as error:
            raise ValidationError(f"Cannot read {self.path}: {error.strerror or error}.", "file") from None
        stamp = (stat.st_mtime_ns, stat.st_size)
        if self._calendar is None or stamp != self._stamp:
            self._calendar = read_calendar(self.path)
            self._stamp = stamp
            self._ranges.clear()
        return self._calendar

    def occurrences(self, first: date, last: date, *, me: str | None = None) -> CalendarRange:
        """Return Calendar.occurrences of the file as it is now (safe from several threads)."""
        with self._lock:
            calendar = self.calendar()
            key = (first, last, me)
            if key not in self._ranges:
                if len(self._ranges) >= self._KEEP:
                    self._ranges.pop(next(iter(self._ranges)))
                self._ranges[key] = calendar.occurrences(first, last, me=me)
            return self._ranges[key]


# -- reading ------------------------------------------------------------------------------
def _scan(text: str, name: str) -> tuple[str, list[tuple[int | None, str, str]], list[CalendarProblem]]:
    """Check the file's structure in one pass over its lines; return the text to parse (events
    with broken lines cut out), each kept VEVENT's (line, uid, summary), and the cut events."""
    lines = text.splitlines()
    logical: list[tuple[int, str]] = []   # (first physical line, unfolded text)
    for number, line in enumerate(lines, start=1):
        if line[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + line[1:])
        elif line.strip():
            logical.append((number, line))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        first = logical[0][1][:40] if logical else ""
        raise ValidationError(
            f"{name} is not an iCalendar (.ics) file: it should start with BEGIN:VCALENDAR"
            + (f", not '{first}'." if first else ", and it is empty."), "file")
    kept: list[str] = []
    blocks: list[tuple[int | None, str, str]] = []  # None: the line is not known
    problems: list[CalendarProblem] = []
    stack: list[tuple[str, int]] = []
    event: list[str] | None = None
    event_line, event_uid, event_title, event_bad = 0, "", "", ""
    closed = False
    for number, line in logical:
        if closed:
            raise ValidationError(f"{name}, line {number}: text after END:VCALENDAR (two calendars "
                                  "in one file?); export one calendar per file.", "file")
        upper = line[:16].upper()
        if not _CONTENT_LINE.match(line) or ":" not in line:
            if event is None:
                raise ValidationError(
                    f"{name}, line {number}: '{line[:60]}' is not an iCalendar line "
                    "(NAME:value).", "file")
            event_bad = event_bad or f"line {number} is not an iCalendar line ('{line[:40]}')"
            continue
        if upper.startswith("BEGIN:"):
            component = line.split(":", 1)[1].strip().upper()
            stack.append((component, number))
            if component == "VEVENT" and len(stack) == 2:
                event, event_line, event_uid, event_title, event_bad = [], number, "", "", ""
        elif upper.startswith("END:"):
            component = line.split(":", 1)[1].strip().upper()
            if not stack or stack[-1][0] != component:
                opened = f"{stack[-1][0]} (line {stack[-1][1]})" if stack else "nothing"
                if event is not None:
                    raise ValidationError(
                        f"{name}, line {number}: END:{component} closes {opened}; the event "
                        f"'{event_title}' from line {event_line} is broken.", "file")
                raise ValidationError(f"{name}, line {number}: END:{component} closes {opened}.",
                                      "file")
            stack.pop()
            if not stack:
                closed = True
            if event is not None and len(stack) == 1:
                event.append(line)
                if event_bad:
                    problems.append(CalendarProblem(event_line, event_uid, event_title, event_bad))
                else:
                    kept.extend(event)
                    blocks.append((event_line, event_uid, event_title))
                event = None
                continue
        elif event is not None and len(stack) == 2:
            key = line.split(":", 1)[0].split(";", 1)[0].upper()
            if key == "UID":
                event_uid = line.split(":", 1)[1].strip()
            elif key == "SUMMARY":
                event_title = _unescape(line.split(":", 1)[1])
        (event if event is not None else kept).append(line)
    if stack:
        open_name, open_line = stack[-1]
        raise ValidationError(
            f"{name} ends inside {open_name} (opened on line {open_line}) without END:{open_name}: "
            "the file is cut short; export it again.", "file")
    return "\r\n".join(kept) + "\r\n", blocks, problems


def _group(calendar: Component, components: list[Event], blocks: list[tuple[int | None, str, str]],
           problems: list[CalendarProblem]) -> list[_Series]:
    """Return the events grouped into series by UID, each with its own query, so a broken
    series is named and left out while the others are read."""
    import icalendar
    import recurring_ical_events

    groups: dict[str, list[tuple[Event, tuple[int | None, str, str]]]] = {}
    bad: dict[str, CalendarProblem] = {}
    for component, block in zip(components, blocks, strict=True):
        line, _, _ = block
        title = _title(component)
        uid = str(component.get("UID", "")).strip() or _made_uid(component)
        errors = [(prop, message) for prop, message in component.errors if prop in _NEEDED]
        if "DTSTART" not in component:
            errors.append(("DTSTART", "no start (DTSTART)"))
        if not errors and _ends_before_start(component):
            errors.append(("DTEND", "it ends before it starts"))
        freq = _frequency(component)
        if freq in ("SECONDLY", "MINUTELY"):
            errors.append(("RRULE", f"repeats {freq.lower()}, more often than any meeting"))
        if errors:
            prop, message = errors[0]
            bad.setdefault(uid, CalendarProblem(
                line, uid, title, f"unreadable {prop} ({message})" if prop != "DTSTART" or
                "DTSTART" in component else message))
        groups.setdefault(uid, []).append((component, block))
    series = []
    zone = calendar.get("X-WR-TIMEZONE")
    for uid, members in groups.items():
        line = members[0][1][0]
        title = _title(members[0][0])
        if uid in bad:
            problems.append(bad[uid])
            continue
        sub = icalendar.Calendar()
        if zone:
            sub.add("X-WR-TIMEZONE", zone)
        sub.subcomponents = [component for component, _ in members]
        try:
            query = recurring_ical_events.of(sub)
        except Exception as error:  # noqa: BLE001 - any failure of one series names it
            problems.append(CalendarProblem(line, uid, title, f"cannot be read ({_reason(error)})"))
            continue
        recurs = any(k in c for c, _ in members for k in ("RRULE", "RDATE", "RECURRENCE-ID"))
        series.append(_Series(uid, title, line, recurs, _first_day(members[0][0]), query))
    return series


def _sort(component: Event, series: _Series, owner: str | None, first: date, last: date,
          found: list[Occurrence], skipped: list[Skipped]) -> None:
    """Put one occurrence into ``found`` or ``skipped`` (if it starts within the range)."""
    title = _title(component) or series.title or _NO_TITLE
    start = component.start
    all_day = not isinstance(start, datetime)
    local = _local(start) if isinstance(start, datetime) else None
    day = local.date() if local else start
    if not first <= day <= last:
        return  # began before the range (it belongs to the day it started)
    reason = None
    status = str(component.get("STATUS", "")).upper()
    if status == "CANCELLED":
        reason = LeftOut.CANCELLED
    elif all_day:
        reason = LeftOut.ALL_DAY
    partstat = _owner_answer(component, owner)
    if reason is None and partstat == "DECLINED":
        reason = LeftOut.DECLINED
    if reason is None and (str(component.get("TRANSP", "")).upper() == "TRANSPARENT"
                           or str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"):
        reason = LeftOut.FREE
    minutes = 0
    if reason is None:
        end = component.end
        if not isinstance(end, datetime):  # a timed start with a date end: read as midnight
            end = datetime.combine(end, time())
        local = cast(datetime, local)  # timed: an all-day event was left out above
        minutes = round((_local(end) - local).total_seconds() / 60)
        if minutes > DAY_MINUTES:
            reason = LeftOut.TOO_LONG
        elif minutes <= 0:
            reason = LeftOut.NO_LENGTH
    if reason is not None:
        skipped.append(Skipped(title, day, reason, series.uid))
        return
    recurrence_id = _recurrence_key(component.get("RECURRENCE-ID")) if series.recurs else ""
    found.append(Occurrence(series.uid, recurrence_id, title, cast(datetime, local), minutes,
                            status == "TENTATIVE" or partstat == "TENTATIVE"))


# -- small readers ------------------------------------------------------------------------
def _local(moment: datetime) -> datetime:
    """Return ``moment`` in the machine's local zone (a floating time is local as it is)."""
    return moment.astimezone()


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def _recurrence_key(value: Any) -> str:
    """Return an occurrence's recurrence date as text that does not depend on the local zone."""
    moment = getattr(value, "dt", None)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.strftime("%Y%m%dT%H%M%S")
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%d")


def _owner_answer(component: Component, owner: str | None) -> str:
    """Return the owner's PARTSTAT among the attendees ("" if the owner is not one)."""
    if not owner:
        return ""
    attendees = component.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        if _clean_address(str(attendee)) == owner:
            return str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper()
    return ""


def _clean_address(text: str | None) -> str:
    """Return an e-mail address without mailto:, case-folded ("" if ``text`` is not one)."""
    address = (text or "").strip()
    if address[:7].casefold() == "mailto:":
        address = address[7:].strip()
    return address.casefold() if _ADDRESS.fullmatch(address) else ""


def _title(component: Component) -> str:
    title = " ".join(str(component.get("SUMMARY", "")).split())
    return title[:MAX_TITLE] if title else ""


def _made_uid(component: Component) -> str:
    """Return a stable key for an event without a UID (from its title and start)."""
    import hashlib

    start = component.get("DTSTART")
    raw = f"{component.get('SUMMARY', '')}|{start.to_ical().decode() if hasattr(start, 'to_ical') else ''}"
    return "no-uid-" + hashlib.sha1(raw.encode()).hexdigest()[:16]


def _ends_before_start(component: Component) -> bool:
    start, end = component.get("DTSTART"), component.get("DTEND")
    start, end = getattr(start, "dt", None), getattr(end, "dt", None)
    if start is None or end is None or isinstance(start, datetime) != isinstance(end, datetime):
        return False
    try:
        return end < start
    except TypeError:  # a floating start with a zoned end: left to the library
        return False


def _frequency(component: Component) -> str:
    rule = component.get("RRULE")
    if rule is None:
        return ""
    rules = rule if isinstance(rule, list) else [rule]
    found = ""
    for one in rules:
        try:
            value = one.get("FREQ")
        except AttributeError:
            continue
        if value:
            freq = str(value[0] if isinstance(value, list) else value).upper()
            found = freq if freq in ("SECONDLY", "MINUTELY") else found or freq
    return found


def _first_day(component: Event) -> date | None:
    try:
        start = component.start
    except Exception:  # noqa: BLE001 - an event without a readable start has no first day
        return None
    return _local(start).date() if isinstance(start, datetime) else start


def _unescape(value: str) -> str:
    return value.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").replace("\\\\", "\\")


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:160] or type(error).__name__


def occurrence_keys(occurrences: Iterable[Occurrence]) -> list[tuple[str, str]]:
    """Return the (uid, recurrence_id) keys of ``occurrences``."""
    return [o.key for o in occurrences]
