"""Checks on what the user typed, with messages a PM understands; all run before any write."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from app.display import format_minutes
from app.domain import MAX_MINUTES, Kind
from app.errors import ValidationError
from app.grammar import read_kind
from app.text import strip_controls

MAX_TITLE = 200
MAX_NOTE = 10_000
MAX_CATEGORY_NAME = 80


def clean_title(title: str | None) -> str:
    """Return the title trimmed with inner runs of spaces collapsed and controls left out;
    refuse empty or too long."""
    cleaned = " ".join(strip_controls(title or "").split())
    if not cleaned:
        raise ValidationError("Give the task a title, e.g. 'Weekly status deck'.", "title")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError(
            f"The title is {len(cleaned)} characters long; keep it to {MAX_TITLE}.", "title"
        )
    return cleaned


def check_minutes(minutes: int | None) -> int:
    """Return minutes if they are a whole number from 1 to 1440."""
    if minutes is None:
        raise ValidationError("Say how long it took, e.g. 45m, 1h30 or 1.5h.", "minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValidationError("The duration must be a whole number of minutes.", "minutes")
    if minutes < 1:
        raise ValidationError("The duration must be at least 1 minute.", "minutes")
    if minutes > MAX_MINUTES:
        raise ValidationError(
            f"{format_minutes(minutes)} is more than a day; one entry can be at most 24 h.",
            "minutes",
        )
    return minutes


def check_day(day: date, today: date) -> date:
    """Return the day if it is no more than one day in the future."""
    if day > today + timedelta(days=1):
        raise ValidationError(
            f"{day.isoformat()} is in the future; you can log up to tomorrow "
            f"({(today + timedelta(days=1)).isoformat()}).",
            "day",
        )
    if day.year < 1970:
        raise ValidationError(f"{day.isoformat()} is too far in the past.", "day")
    return day


def check_day_total(day: date, minutes: int, today: date) -> int:
    """Return a day's total minutes if they fit in a day; refuse more than 24 h."""
    if minutes > MAX_MINUTES:
        name = f"{day:%a %d %b}" + (f" {day.year}" if day.year != today.year else "")
        raise ValidationError(
            f"{name} would have {format_minutes(minutes)} logged; a day has 24 h.", "minutes")
    return minutes


def check_kind(kind: Kind | str | None) -> Kind:
    """Return the kind as a Kind, accepting the kind words of the quick-add line (strategic,
    strat, s, operational, ops, op, o) in any case."""
    if isinstance(kind, Kind):
        return kind
    if isinstance(kind, str):
        return read_kind(kind)
    raise ValidationError(
        "Say whether the work is strategic or operational (add 's' or 'o').", "kind"
    )


def check_note(note: str | None) -> str:
    """Return the note trimmed, controls left out (line breaks kept); refuse one over 10,000
    characters."""
    note = strip_controls(note or "", keep_lines=True).strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            f"The note is {len(note):,} characters long; keep it to {MAX_NOTE:,}.", "note"
        )
    return note


def check_start(start: time | None) -> time | None:
    """Return the start time truncated to the minute."""
    return None if start is None else start.replace(second=0, microsecond=0)


def local_moment(day: date, at: time, *, after: datetime | None = None,
                 before: datetime | None = None, prefer_later: bool = False) -> tuple[datetime, str]:
    """Return ``at`` on ``day`` as an aware local datetime, and a note ('' unless it came twice).

    A time the clocks skip that day (02:30 as they go forward) is refused, naming the change.
    A time that comes twice (as they go back) is the one between ``after`` and ``before``; when
    both are, the earlier (the later with ``prefer_later``), so a guess never adds time; the
    note says which one was used.
    """
    wall = datetime.combine(day, at)
    first, second = wall.replace(fold=0).astimezone(), wall.replace(fold=1).astimezone()
    if first == second:
        return first, ""
    if first.replace(tzinfo=None) != wall:
        # A time in a gap reads as two instants an hour apart, with the change between them.
        old, new = _clock_change(min(first, second), max(first, second))
        raise ValidationError(
            f"{at:%H:%M} does not exist on {day:%a %d %b %Y}: clocks go forward from "
            f"{old:%H:%M} to {new:%H:%M}.", "start")
    first, second = min(first, second), max(first, second)
    old, new = _clock_change(first, second)
    fitting = [m for m in (first, second)
               if (after is None or m >= after) and (before is None or m <= before)]
    candidates = fitting or [first, second]
    moment = candidates[-1] if prefer_later else candidates[0]
    which = "first" if moment is first else "second"
    return moment, (
        f"{at:%H:%M} came twice on {day:%a %d %b %Y} (clocks go back from {old:%H:%M} to "
        f"{new:%H:%M}); used the {which} one, {moment:%H:%M %Z}.")


def _clock_change(earlier: datetime, later: datetime) -> tuple[datetime, datetime]:
    """Return the wall-clock times just before and just after the change between two instants."""
    def local(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, UTC).astimezone()

    low, high = int(earlier.timestamp()), int(later.timestamp())
    offset = local(low).utcoffset()
    while high - low > 1:  # about a dozen steps for an hour's change
        middle = (low + high) // 2
        if local(middle).utcoffset() == offset:
            low = middle
        else:
            high = middle
    changed = local(high)
    assert offset is not None
    return (changed.astimezone(UTC) + offset).replace(tzinfo=None), changed.replace(tzinfo=None)


def clean_category_name(name: str | None) -> str:
    """Return a category name trimmed, controls left out; refuse empty or too long."""
    cleaned = " ".join(strip_controls(name or "").split())
    if not cleaned:
        raise ValidationError("Give the category a name.", "category")
    if len(cleaned) > MAX_CATEGORY_NAME:
        raise ValidationError(
            f"The category name is {len(cleaned)} characters; keep it to {MAX_CATEGORY_NAME}.",
            "category",
        )
    if any(word.startswith("#") for word in cleaned.split()):
        # The quick-add line could not tell such a word from the start of the #category.
        raise ValidationError("A category name cannot hold a word starting with '#'.", "category")
    return cleaned
