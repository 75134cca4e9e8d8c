"""Checks on what the user typed: each refusal is a ValidationError with a message and a field."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.domain import Kind
from app.errors import ValidationError
from app.validation import (
    check_day,
    check_kind,
    check_minutes,
    check_note,
    check_start,
    clean_category_name,
    clean_title,
    format_minutes,
)

TODAY = date(2026, 11, 24)


def test_title_is_trimmed_and_collapsed():
    assert clean_title("  Weekly \t status\n deck ") == "Weekly status deck"
    assert clean_title("x" * 200) == "x" * 200


@pytest.mark.parametrize("title", [None, "", "   ", "\t\n", "x" * 201, " " + "y" * 201 + " "])
def test_bad_titles(title):
    with pytest.raises(ValidationError) as raised:
        clean_title(title)
    assert raised.value.field == "title" and str(raised.value)


@pytest.mark.parametrize("minutes", [1, 45, 1440])
def test_good_minutes(minutes):
    assert check_minutes(minutes) == minutes


@pytest.mark.parametrize(("minutes", "says"), [
    (None, "how long"), (0, "at least 1"), (-5, "at least 1"), (1441, "24 h"),
    (1.5, "whole number"), ("45", "whole number"), (True, "whole number"),
])
def test_bad_minutes(minutes, says):
    with pytest.raises(ValidationError, match=says) as raised:
        check_minutes(minutes)
    assert raised.value.field == "minutes"


def test_day_may_be_at_most_tomorrow():
    assert check_day(date(2026, 11, 25), TODAY) == date(2026, 11, 25)
    assert check_day(date(2020, 1, 1), TODAY) == date(2020, 1, 1)
    with pytest.raises(ValidationError, match="2026-11-26 is in the future") as raised:
        check_day(date(2026, 11, 26), TODAY)
    assert raised.value.field == "day"
    with pytest.raises(ValidationError, match="too far in the past"):
        check_day(date(1969, 12, 31), TODAY)


@pytest.mark.parametrize(("text", "kind"), [
    ("strategic", Kind.STRATEGIC), (" Strategic ", Kind.STRATEGIC), ("s", Kind.STRATEGIC),
    ("strat", Kind.STRATEGIC), (Kind.OPERATIONAL, Kind.OPERATIONAL), ("OPERATIONAL", Kind.OPERATIONAL),
    ("o", Kind.OPERATIONAL), ("ops", Kind.OPERATIONAL),
])
def test_kinds(text, kind):
    assert check_kind(text) is kind


@pytest.mark.parametrize("text", [None, "", "both", "tactical", "x"])
def test_bad_kinds(text):
    with pytest.raises(ValidationError, match="strategic or operational") as raised:
        check_kind(text)
    assert raised.value.field == "kind"


def test_note_is_trimmed_and_limited():
    assert check_note(None) == ""
    assert check_note("  thanks  ") == "thanks"
    assert check_note("n" * 10_000) == "n" * 10_000
    with pytest.raises(ValidationError, match="10,001 characters") as raised:
        check_note("n" * 10_001)
    assert raised.value.field == "note"


def test_start_is_cut_to_the_minute():
    assert check_start(time(9, 15, 42, 7)) == time(9, 15)
    assert check_start(None) is None


def test_category_name():
    assert clean_category_name("  Budget   planning ") == "Budget planning"
    for bad in ("", "  ", "c" * 81, "#status", "Status #2"):
        with pytest.raises(ValidationError):
            clean_category_name(bad)


@pytest.mark.parametrize(
    ("minutes", "text"), [(5, "5 min"), (60, "1 h"), (90, "1 h 30 min"), (605, "10 h 05 min")]
)
def test_format_minutes(minutes, text):
    assert format_minutes(minutes) == text
