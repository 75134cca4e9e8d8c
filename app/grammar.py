"""The small grammars: kind words, durations, times of day and day words.

One reading of each, shared by the quick-add line, the command line's options, the CSV cells,
the settings and the entry dialog, so that they all accept the same input. Each grammar is a
table of forms; a new form (12-hour "2pm", "tomorrow", …) is one more row in its table.

``match_*`` take one token: they return its value, None when the token is not shaped like
that field at all (so the line can tell a title word from a field), and raise ValidationError
when it is shaped like one but out of range (25:00, 2026-02-30, 9999h). ``read_*`` take a
field's whole text and raise for anything that is not a value. Every pattern is matched with
``fullmatch`` on a bounded number of digits, so reading stays linear in the input length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta

from app.display import shorten
from app.domain import MAX_MINUTES, Kind
from app.errors import ValidationError

# re.ASCII: \d alone would take other scripts' digits too, which int() or a user would misread.
_A = re.ASCII | re.IGNORECASE

# -- kinds of work ---------------------------------------------------------------------------
KIND_WORDS: dict[str, Kind] = {
    "strategic": Kind.STRATEGIC, "strat": Kind.STRATEGIC, "s": Kind.STRATEGIC,
    "operational": Kind.OPERATIONAL, "ops": Kind.OPERATIONAL, "op": Kind.OPERATIONAL,
    "o": Kind.OPERATIONAL,
}


def match_kind(word: str) -> Kind | None:
    """Return the kind a word names (any case), or None when it is no kind word."""
    return KIND_WORDS.get(word.strip().casefold())


def read_kind(word: str) -> Kind:
    """Return the kind a word names; raise a ValidationError naming the word otherwise."""
    kind = match_kind(word)
    if kind is None:
        raise ValidationError(
            f"'{shorten(word)}' is not a kind of work; use strategic or operational.", "kind")
    return kind


# -- durations -------------------------------------------------------------------------------
def _hours_and_minutes(match: re.Match[str], token: str) -> int:
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59:
        raise ValidationError(
            f"'{shorten(token)}': minutes after the hours must be under 60.", "minutes")
    return hours * 60 + minutes


def _decimal_hours(match: re.Match[str], token: str) -> int:
    return round(float(match.group(1).replace(",", ".")) * 60)


def _whole_minutes(match: re.Match[str], token: str) -> int:
    return int(match.group(1))


_DURATION_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], int]], ...] = (
    (re.compile(r"(\d{1,2})h(\d{1,2})m?", _A), _hours_and_minutes),            # 1h30, 1h30m
    (re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)h(?:rs?|ours?)?", _A), _decimal_hours),  # 1h, 1.5h, 2hrs
    (re.compile(r"(\d{1,5})(?:m|min|mins|minutes?)", _A), _whole_minutes),     # 45m, 45min
    (re.compile(r"(\d{1,5})", _A), _whole_minutes),                           # 90 (minutes)
)


def match_duration(token: str) -> int | None:
    """Return the minutes of a duration token (45, 45m, 1h30, 1.5h, 2hrs), or None when the
    token is not shaped like one; raise when it is but is under a minute or over a day."""
    for pattern, minutes_of in _DURATION_FORMS:
        if match := pattern.fullmatch(token):
            return _checked_minutes(token, minutes_of(match, token))
    return None


def _checked_minutes(token: str, minutes: int) -> int:
    if minutes < 1:
        raise ValidationError(
            f"'{shorten(token)}' is no time at all; a duration is at least 1 minute.", "minutes")
    if minutes > MAX_MINUTES:
        raise ValidationError(
            f"'{shorten(token)}' is more than a day; one entry can be at most 24 h (1440 minutes).",
            "minutes")
    return minutes


def read_duration(text: str) -> int:
    """Return the minutes of a duration as the quick-add line writes it (45, 45m, 1h30, 1.5h);
    spaces inside are allowed ('1 h 30'). Raise a ValidationError naming the text otherwise."""
    token = "".join(text.split())
    minutes = match_duration(token) if token else None
    if minutes is None:
        raise ValidationError(
            f"'{shorten(text)}' is not a duration; write e.g. 45m, 1h30 or 1.5h.", "minutes")
    return minutes


# -- times of day ----------------------------------------------------------------------------
def _clock(match: re.Match[str], token: str) -> time:
    hour, minute, meridiem = int(match.group(1)), int(match.group(2)), match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValidationError(
                f"'{shorten(token)}' is not a time of day: a 12-hour clock runs from 1 to 12",
                "start")
        hour = hour % 12 + (12 if meridiem in "Pp" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(
            f"'{shorten(token)}' is not a time of day; use 00:00 to 23:59", "start")
    return time(hour, minute)


# [0-9], not re.ASCII: \s must still take the narrow no-break space some locales put before PM.
_TIME_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], time]], ...] = (
    # 9:30, 09:30, 09:30:15 (seconds dropped), 01:26:00 PM, 1:26pm
    (re.compile(r"([0-9]{1,2}):([0-9]{2})(?::[0-9]{2}(?:\.[0-9]{1,9})?)?\s*(?:([AaPp])\.?[Mm]\.?)?"),
     _clock),
)


def match_time_of_day(token: str) -> time | None:
    """Return the time of day a token names (09:30, 9:30, 13:26:00, 01:26 PM), or None when
    it is not shaped like one; raise when it is but out of range (25:00, 13:00 PM)."""
    for pattern, time_of in _TIME_FORMS:
        if match := pattern.fullmatch(token):
            return time_of(match, token)
    return None


def read_time_of_day(text: str) -> time:
    """Return the time of day ``text`` names; raise a ValidationError naming it otherwise."""
    found = match_time_of_day(text.strip())
    if found is None:
        raise ValidationError(
            f"'{shorten(text)}' is not a time of day; write it like 09:30", "start")
    return found


# -- days ------------------------------------------------------------------------------------
# Days back from today.
RELATIVE_DAYS = {"today": 0, "yesterday": 1}
WEEKDAY_WORDS = {
    name: index
    for index, names in enumerate((
        ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
        ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
        ("sun", "sunday"),
    ))
    for name in names
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", _A)


def match_day(word: str, today: date) -> date | None:
    """Return the day a word names — today, yesterday, a weekday (the last one, today included)
    or an ISO date (2026-11-24, 2026-1-5) — or None when it is no day word; raise when it is
    shaped like a date but is none (2026-02-30)."""
    key = word.strip().casefold()
    if key in RELATIVE_DAYS:
        back = RELATIVE_DAYS[key]
    elif key in WEEKDAY_WORDS:
        back = (today.weekday() - WEEKDAY_WORDS[key]) % 7
    elif match := _ISO_DATE.fullmatch(key):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValidationError(f"'{shorten(word)}' is not a real date.", "day") from None
    else:
        return None
    try:
        return today - timedelta(days=back)
    except OverflowError:  # only a clock standing at either end of the calendar
        edge = "before the first" if back > 0 else "after the last"
        raise ValidationError(f"'{shorten(word)}' falls {edge} date there is.", "day") from None


def read_day(word: str, today: date) -> date:
    """Return the day ``word`` names (see match_day); raise a ValidationError naming it otherwise."""
    found = match_day(word, today)
    if found is None:
        raise ValidationError(
            f"'{shorten(word)}' is not a date; write it like 2026-11-24, 'yesterday' or 'fri'.",
            "day")
    return found
