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


def _hours_colon_minutes(match: re.Match[str], token: str) -> int:
    return _hours_and_minutes(match, token)


_MINUTE_UNIT = r"(?:m|min|mins|minutes?)"
_HOUR_UNIT = r"(?:h|hrs?|hours?)"
# Spaces may stand between a number and its unit ("45 min", "1 h 30"): the quick-add line joins
# such words into one token before reading them (app.log.quickadd), a form field comes whole.
_DURATION_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], int]], ...] = (
    # 1h30, 1h30m, 1 h 30, 1h 30 min
    (re.compile(rf"(\d{{1,2}}) ?{_HOUR_UNIT} ?(\d{{1,2}}) ?{_MINUTE_UNIT}?", _A), _hours_and_minutes),
    # 1:30h, 1:30 h (the unit makes it a duration, not a time of day)
    (re.compile(rf"(\d{{1,2}}):(\d{{2}}) ?{_HOUR_UNIT}", _A), _hours_colon_minutes),
    # 1h, 1.5h, 1,5 h, 2hrs, 1 hour, 2 hours
    (re.compile(rf"(\d{{1,3}}(?:[.,]\d{{1,2}})?) ?{_HOUR_UNIT}", _A), _decimal_hours),
    (re.compile(rf"(\d{{1,5}}) ?{_MINUTE_UNIT}", _A), _whole_minutes),   # 45m, 45 min, 45 minutes
    (re.compile(r"(\d{1,5})", _A), _whole_minutes),                      # 90 (minutes)
)


# Durations said in words: a phrase of a few words, looked up whole (the quick-add line joins
# its words into one token, as it does "45 min").
DURATION_PHRASES: dict[str, int] = {
    "an hour": 60, "one hour": 60, "half an hour": 30, "half hour": 30, "a half hour": 30,
    "a quarter of an hour": 15, "quarter of an hour": 15, "quarter hour": 15,
    "a quarter hour": 15, "an hour and a half": 90,
}
MOST_PHRASE_WORDS = max(len(phrase.split()) for phrase in DURATION_PHRASES)


def match_duration(token: str) -> int | None:
    """Return the minutes of a duration token (45, 45m, 45 min, 1h30, 1 h 30, 1.5h, 2 hours,
    1:30h, half an hour, an hour), or None when the token is not shaped like one; raise when it
    is but is under a minute or over a day."""
    if (said := DURATION_PHRASES.get(" ".join(token.split()).casefold())) is not None:
        return said
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
    """Return the minutes of a duration as the quick-add line writes it (45, 45m, 45 min, 1h30,
    1 h 30, 1.5h); raise a ValidationError naming the text otherwise."""
    token = " ".join(text.split())  # the forms allow one space between a number and its unit
    minutes = match_duration(token) if token else None
    if minutes is None:
        raise ValidationError(
            f"'{shorten(text)}' is not a duration; write e.g. 45m, 45 min, 1h30 or 1.5h.",
            "minutes")
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


def _hour_only(match: re.Match[str], token: str) -> time:
    hour, meridiem = int(match.group(1)), match.group(2)
    if not 1 <= hour <= 12:
        raise ValidationError(
            f"'{shorten(token)}' is not a time of day: a 12-hour clock runs from 1 to 12", "start")
    return time(hour % 12 + (12 if meridiem in "Pp" else 0))


def _dotted(match: re.Match[str], token: str) -> time | None:
    hour, minute = int(match.group(1)), int(match.group(2))
    # "9.30" is a time, "2.75" a number in a title (a version, a score): only a real time reads.
    return time(hour, minute) if hour <= 23 and minute <= 59 else None


def _named(match: re.Match[str], token: str) -> time:
    return time(12) if match.group(0).casefold() == "noon" else time(0)


def _misread_time(match: re.Match[str], token: str) -> time:
    raise ValidationError(
        f"Can't read '{shorten(token)}' as a time of day; write it like 9am, 9:30pm or 14:00.",
        "start")


# [0-9], not re.ASCII: \s must still take the narrow no-break space some locales put before PM.
_MERIDIEM = r"([AaPp])\.?[Mm]\.?"
_TIME_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], time | None]], ...] = (
    # 9:30, 09:30, 09:30:15 (seconds dropped), 01:26:00 PM, 1:26pm, 9.30pm
    (re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2}(?:\.[0-9]{1,9})?)?\s*(?:"
                + _MERIDIEM + ")"), _clock),
    (re.compile(r"([0-9]{1,2}):([0-9]{2})(?::[0-9]{2}(?:\.[0-9]{1,9})?)?()"), _clock),
    (re.compile(r"([0-9]{1,2})\s*" + _MERIDIEM), _hour_only),                  # 9am, 9 pm, 9 a.m.
    (re.compile(r"([0-9]{1,2})\.([0-9]{2})"), _dotted),                         # 9.30
    (re.compile(r"noon|midnight", re.IGNORECASE), _named),
    # Shaped like a 12-hour time with a slip of the finger ("9xm", "9:30qm"); not km, cm, mm.
    (re.compile(r"[0-9]{1,2}(?:[:.][0-9]{2})?\s*[abd-jlo-z]\.?m\.?", re.IGNORECASE),
     _misread_time),
)


def match_time_of_day(token: str) -> time | None:
    """Return the time of day a token names (09:30, 9:30, 9.30, 13:26:00, 01:26 PM, 9am,
    9 am, 9:30pm, noon), or None when it is not shaped like one; raise when it is but out of
    range or misspelt (25:00, 13:00 PM, 9xm)."""
    for pattern, time_of in _TIME_FORMS:
        if match := pattern.fullmatch(token):
            return time_of(match, token)
    return None


def read_time_of_day(text: str) -> time:
    """Return the time of day ``text`` names; raise a ValidationError naming it otherwise."""
    found = match_time_of_day(text.strip())
    if found is None:
        raise ValidationError(
            f"'{shorten(text)}' is not a time of day; write it like 09:30 or 9am", "start")
    return found


# -- days ------------------------------------------------------------------------------------
# Days back from today (tomorrow is one back into the future).
RELATIVE_DAYS = {"today": 0, "yesterday": 1, "tomorrow": -1}
WEEKDAY_WORDS = {
    name: index
    for index, names in enumerate((
        ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
        ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
        ("sun", "sunday"),
    ))
    for name in names
}
DATE_ORDERS = ("dmy", "mdy")  # how a short date (20/11, 11/20) is read: day first or month first
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", _A)
# 20/11, 20/11/2026, 20/11/26, 20.11., 20.11.2026 (not "20.11": that is a time of day).
_SHORT_DATE = re.compile(r"(\d{1,2})(?:/(\d{1,2})(?:/(\d{2}|\d{4}))?|\.(\d{1,2})\.(\d{2}|\d{4})?)", _A)
# Month-first countries; everywhere else a short date starts with the day. Countries that write
# the year first (CN, JP, KR, …) put the month before the day too.
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "CA", "CN", "JP", "KR", "TW", "HU", "MN", "LT"})


_told_order: str | None = None  # the desktop's order, when the window was told it


def tell_system_date_order(order: str | None) -> None:
    """Take the order the desktop's own locale settings give (the window reads them from Qt,
    which knows them on Windows and macOS too); None goes back to the environment."""
    global _told_order
    _told_order = order if order in DATE_ORDERS else None


def system_date_order(environ: dict[str, str] | None = None) -> str:
    """Return the order the desktop was said to use, else 'mdy' when the locale of the
    environment (LC_ALL, LC_TIME, LANG) writes the month first, else 'dmy'. Read from the
    environment, not Python's locale module: it reports "C" until a program calls setlocale,
    and setting it would change number formatting for the whole process."""
    import os

    if environ is None and _told_order is not None:
        return _told_order
    env = os.environ if environ is None else environ
    name = next((env[k] for k in ("LC_ALL", "LC_TIME", "LANG") if env.get(k)), "")
    match = re.match(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})", name)
    return "mdy" if match and match.group(1).upper() in _MONTH_FIRST else "dmy"


def _short_date(match: re.Match[str], word: str, today: date, order: str) -> date:
    first, slash_second, slash_year, dot_second, dot_year = match.groups()
    second, year_text = (slash_second, slash_year) if slash_second else (dot_second, dot_year)
    day, month = (int(first), int(second)) if order != "mdy" else (int(second), int(first))
    way = "month/day" if order == "mdy" else "day/month"
    try:
        if year_text:
            return date(int(year_text) + (2000 if len(year_text) == 2 else 0), month, day)
        # Without a year: the last such day up to tomorrow, as a weekday means the last one.
        found = date(today.year, month, day)
        return found if found <= today + timedelta(days=1) else found.replace(year=today.year - 1)
    except ValueError:
        pass
    raise ValidationError(
        f"Can't read '{shorten(word)}' as a date ({way}); write it like "
        f"{'11/20' if order == 'mdy' else '20/11'} or 2026-11-20.", "day")


def match_day(word: str, today: date, order: str = "dmy", *, future: bool = True) -> date | None:
    """Return the day a word names — today, yesterday, tomorrow, a weekday (the last one, today
    included), a short date in ``order`` (20/11, 20.11., 20/11/2026; the last such day) or an
    ISO date (2026-11-24, 2026-1-5) — or None when it is no day word; raise when it is shaped
    like a date but is none (2026-02-30, 32/13), or is 'tomorrow' where ``future`` is False."""
    key = word.strip().casefold()
    if key in RELATIVE_DAYS:
        back = RELATIVE_DAYS[key]
        if back < 0 and not future:
            raise ValidationError(
                f"'{shorten(word)}' is in the future; only today or an earlier day fits here.", "day")
    elif key in WEEKDAY_WORDS:
        back = (today.weekday() - WEEKDAY_WORDS[key]) % 7
    elif match := _ISO_DATE.fullmatch(key):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValidationError(f"'{shorten(word)}' is not a real date.", "day") from None
    elif match := _SHORT_DATE.fullmatch(key):
        return _short_date(match, word, today, order)
    else:
        return None
    try:
        return today - timedelta(days=back)
    except OverflowError:  # only a clock standing at either end of the calendar
        edge = "before the first" if back > 0 else "after the last"
        raise ValidationError(f"'{shorten(word)}' falls {edge} date there is.", "day") from None


def read_day(word: str, today: date, order: str = "dmy", *, future: bool = True) -> date:
    """Return the day ``word`` names (see match_day); raise a ValidationError naming it otherwise."""
    found = match_day(word, today, order, future=future)
    if found is None:
        raise ValidationError(
            f"'{shorten(word)}' is not a date; write it like 2026-11-24, 'yesterday' or 'fri'.",
            "day")
    return found
