"""app.display: the one place shares, counts, durations and days are written for people."""

from __future__ import annotations

from datetime import date

import pytest

from app.display import day_words, format_duration, format_minutes, percent, plural, shorten
from app.grammar import read_duration

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(("share", "text"), [(None, "–"), (0, "0 %"), (0.384, "38 %"), (1, "100 %")])
def test_percent(share, text):
    assert percent(share) == text


def test_plural():
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(0, "row") == "0 rows" and plural(1234, "entry", "entries") == "1,234 entries"


@pytest.mark.parametrize(("minutes", "reading", "typed"), [
    (45, "45 min", "45m"), (60, "1 h", "1h"), (90, "1 h 30 min", "1h30"), (605, "10 h 05 min", "10h05"),
])
def test_two_duration_texts_one_to_read_one_to_read_back(minutes, reading, typed):
    assert format_minutes(minutes) == reading
    assert format_duration(minutes) == typed
    assert read_duration(typed) == minutes


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 11, 24), "today"), (date(2026, 11, 23), "yesterday"), (date(2026, 11, 25), "tomorrow"),
    (date(2026, 11, 2), "Mon 2 Nov"), (date(2025, 12, 29), "Mon 29 Dec 2025"),
])
def test_day_words_near_today(day, text):
    assert day_words(day, TODAY) == text


def test_day_words_without_today_are_always_in_full():
    # An export's or an imported file's range: never 'yesterday', always with the year.
    assert day_words(date(2026, 11, 23)) == "Mon 23 Nov 2026"
    assert day_words(date(2026, 11, 2)) == "Mon 2 Nov 2026"


def test_shorten():
    assert shorten("a  b\nc", 40) == "a b c" and shorten("x" * 50, 10) == "x" * 9 + "…"
