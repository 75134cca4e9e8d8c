"""Display text: shares, counts, durations and days as the app writes them for people.

Plain functions with no Qt, used by the window, the command line and the messages alike, so
a figure reads the same wherever it is shown.
"""

from __future__ import annotations

from datetime import date


def timer_words(title: str) -> str:
    """Return how a sentence names a running timer: 'the timer for “Roadmap review”', or
    'the untitled timer' (one started without a line, named when stopped)."""
    return f"the timer for “{title}”" if title else "the untitled timer"


def percent(share: float | None) -> str:
    """Return a share (0–1) as '42 %', or '–' when there is none."""
    return "–" if share is None else f"{round(100 * share)} %"


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return '1 entry', '3 entries', '1,234 rows': the count with thousands separators."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def format_minutes(minutes: int) -> str:
    """Return minutes as '45 min', '1 h' or '1 h 30 min': for reading (tables, totals, messages)."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d} min"


def format_duration(minutes: int) -> str:
    """Return minutes as the quick-add line writes them: '45m', '1h', '1h30'.

    For text the user may edit and that is read back by app.grammar.read_duration (the line,
    the duration cell being edited, the entry dialog); format_minutes is for reading only.
    """
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h" if not rest else f"{hours}h{rest:02d}"


def day_words(day: date, today: date | None = None) -> str:
    """Return a day for people.

    With ``today`` (what the quick-log line is about to save): 'today', 'yesterday',
    'tomorrow', else 'Mon 23 Nov', the year added when it is not this one. Without it (the
    ranges of an export or of a file being imported, which must not be misread): always
    'Mon 23 Nov 2026'.
    """
    if today is not None:
        offset = (day - today).days
        if offset in (-1, 0, 1):
            return ("yesterday", "today", "tomorrow")[offset + 1]
    text = f"{day:%a} {day.day} {day:%b}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def shorten(text: str, width: int = 40) -> str:
    """Return text on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
