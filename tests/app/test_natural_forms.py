"""The forms people type (issue #16): '45 min', '1 h 30', '9am', '20/11', 'tomorrow', and a
message naming the word that can't be read rather than blaming the kind."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from app.errors import ValidationError
from app.grammar import match_day, match_time_of_day, read_day, read_duration, system_date_order
from app.log.quickadd import format_quick_add, parse_quick_add
from storage.schema import DEFAULT_CATEGORIES

TODAY = date(2026, 11, 24)  # a Tuesday
NAMES = [name for name, _ in DEFAULT_CATEGORIES]


def parse(line: str, **kwargs):
    return parse_quick_add(line, NAMES, TODAY, **kwargs)


@pytest.mark.parametrize(("text", "minutes"), [
    ("45 min", 45), ("45 mins", 45), ("45 minutes", 45), ("1 h 30", 90), ("1h 30", 90),
    ("1 h 30 min", 90), ("1h 30m", 90), ("1.5 h", 90), ("1 hour", 60), ("2 hours", 120),
    ("1:30h", 90), ("1:30 h", 90), ("1h30min", 90),
])
def test_spoken_durations_read_in_a_field_and_on_the_line(text, minutes):
    assert read_duration(text) == minutes
    parsed = parse(f"Weekly status deck {text} ops")
    assert (parsed.title, parsed.minutes) == ("Weekly status deck", minutes)


def test_the_apps_own_display_format_reads_back():
    # '45 min' is how the table shows a duration: typed back, it is no part of the title.
    parsed = parse("Weekly status deck 45 min ops #status")
    assert (parsed.title, parsed.minutes, parsed.category) == (
        "Weekly status deck", 45, "Status reports & decks")
    assert parse("45 min Weekly status deck o").title == "Weekly status deck"


def test_a_bare_pair_of_numbers_is_no_duration():
    with pytest.raises(ValidationError, match="'1 30' is not a duration"):
        read_duration("1 30")


@pytest.mark.parametrize(("text", "at"), [
    ("9am", time(9)), ("9 am", time(9)), ("9AM", time(9)), ("9 a.m.", time(9)), ("12am", time(0)),
    ("12pm", time(12)), ("9:30pm", time(21, 30)), ("9:30 pm", time(21, 30)), ("9.30", time(9, 30)),
    ("9.30pm", time(21, 30)), ("noon", time(12)), ("midnight", time(0)),
])
def test_twelve_hour_and_dotted_times(text, at):
    assert match_time_of_day(text) == at
    assert parse(f"Standup 15m o {text}").start == at


def test_a_dotted_number_that_is_no_time_stays_in_the_title():
    # A version or a score in a title ("Release 2.75") is not read as 02:75.
    assert match_time_of_day("2.75") is None
    assert parse("Release notes 2.75 30m o").title == "Release notes 2.75"


@pytest.mark.parametrize(("word", "order", "day"), [
    ("tomorrow", "dmy", date(2026, 11, 25)), ("20/11", "dmy", date(2026, 11, 20)),
    ("20.11.", "dmy", date(2026, 11, 20)), ("11/20", "mdy", date(2026, 11, 20)),
    ("5/6", "dmy", date(2026, 6, 5)), ("5/6", "mdy", date(2026, 5, 6)),
    ("20/11/2025", "dmy", date(2025, 11, 20)), ("20.11.25", "dmy", date(2025, 11, 20)),
    ("25/11", "dmy", date(2026, 11, 25)),   # tomorrow: still this year
    ("20/12", "dmy", date(2025, 12, 20)),   # later than tomorrow: the last one, a year ago
    ("2026-11-20", "mdy", date(2026, 11, 20)),
])
def test_short_dates_in_the_users_order_and_tomorrow(word, order, day):
    assert read_day(word, TODAY, order) == day
    assert parse(f"Deck 30m s {word}", date_order=order).day == day


def test_tomorrow_where_no_future_day_fits_says_so():
    with pytest.raises(ValidationError, match="'tomorrow' is in the future") as raised:
        read_day("tomorrow", TODAY, future=False)
    assert raised.value.field == "day"
    assert match_day("yesterday", TODAY, future=False) == date(2026, 11, 23)


@pytest.mark.parametrize("word", ["9am", "20/11", "tomorrow"])
def test_the_issues_lines_keep_their_kind(word):
    # Before: the word was taken into the title, 's' with it, and the kind was missing.
    parsed = parse(f"Planning 1h s {word}")
    assert (parsed.title, parsed.kind.value) == ("Planning", "strategic")


@pytest.mark.parametrize(("word", "says"), [
    ("25:70", "'25:70' is not a time of day"),
    ("32/13", "Can't read '32/13' as a date (day/month)"),
    ("9xm", "Can't read '9xm' as a time of day"),
    ("31/02", "Can't read '31/02' as a date"),
])
def test_a_word_that_cant_be_read_is_named(word, says):
    with pytest.raises(ValidationError, match=re.escape(says)) as raised:
        parse(f"Planning 1h s {word}")
    assert "strategic or operational" not in str(raised.value)
    assert raised.value.field in ("day", "start")


def test_the_month_first_order_names_itself():
    with pytest.raises(ValidationError, match=r"'20/11' as a date \(month/day\)"):
        parse("Deck 30m s 20/11", date_order="mdy")


@pytest.mark.parametrize(("title", "minutes"), [
    ("Meeting 9 am", 30), ("Sprint 5/6", 30), ("Top 10 hours", 15), ("Call 45 min", None),
])
def test_titles_ending_in_a_spoken_field_are_quoted_and_read_back(title, minutes):
    line = format_quick_add(title, minutes, today=TODAY)
    assert line.startswith('"')
    assert parse(line).title == title


@pytest.mark.parametrize(("environ", "order"), [
    ({"LANG": "en_US.UTF-8"}, "mdy"), ({"LANG": "de_DE.UTF-8"}, "dmy"),
    ({"LANG": "en_GB.UTF-8", "LC_TIME": "en_US.UTF-8"}, "mdy"),
    ({"LC_ALL": "fr_FR.UTF-8", "LC_TIME": "en_US.UTF-8"}, "dmy"), ({}, "dmy"), ({"LANG": "C"}, "dmy"),
])
def test_the_systems_date_order_comes_from_its_locale(environ, order):
    assert system_date_order(environ) == order


def test_the_date_order_setting_decides_for_the_line(service):
    service.settings.update(date_order="mdy")
    assert service.entries.parse("Deck 30m s 11/20").day == date(2026, 11, 20)
    service.settings.update(date_order="dmy")
    assert service.entries.parse("Deck 30m s 20/11").day == date(2026, 11, 20)
    with pytest.raises(ValidationError, match="'ymd' is no date order"):
        service.settings.update(date_order="ymd")


def test_the_command_line_reads_short_dates_in_the_setting(tmp_path, capsys):
    from app.cli import run
    from app.clock import Clock
    from app.workload import WorkloadService
    from storage import open_store

    store = open_store(tmp_path / "cli" / "pm-workload.db")
    WorkloadService(store, Clock()).settings.update(date_order="mdy")
    store.close()
    data = ["--data-dir", str(tmp_path / "cli")]
    assert run(["add", "Deck", "--kind", "o", "--minutes", "30", "--date", "11/2", *data]) == 0
    capsys.readouterr()
    assert run(["list", "--from", "1/1/2000", "--format", "csv", *data]) == 0
    assert "-11-02," in capsys.readouterr().out


def test_spoken_fields_after_the_category():
    parsed = parse("Deck o #Status reports 1 h 30 9 am")
    assert (parsed.category, parsed.minutes, parsed.start) == ("Status reports & decks", 90, time(9))
    new = parse("Deck #Newcat 45 min o 20/11", allow_new_category=True)
    assert (new.category, new.new_category, new.minutes, new.day) == (
        "Newcat", True, 45, date(2026, 11, 20))


@pytest.mark.parametrize("line", ["Plan 1h ops 1.5", "Plan ops 1.5", "Plan 1h ops 2,5"])
def test_a_number_without_a_unit_among_the_fields_is_named(line):
    # It used to end the title there, and the fields before it went into the title.
    number = line.split()[-1]
    with pytest.raises(ValidationError, match=re.escape(f"Can't read '{number}' without a unit")):
        parse(line)


@pytest.mark.parametrize(("line", "title"), [("Release 2.75", "Release 2.75"),
                                              ("Release 2.75 1h ops", "Release 2.75"),
                                              ("Plan 1h ops 2.5 release", "Plan 1h ops 2.5 release")])
def test_a_number_in_the_title_stays_there(line, title):
    assert parse(line).title == title


@pytest.mark.parametrize(("line", "start", "day"), [
    ("Sync 30m s at 14:00", time(14, 0), None), ("Call at 3pm 30m ops", time(15, 0), None),
    ("Stand-up 15m ops on mon", None, date(2026, 11, 23))])
def test_at_before_a_time_and_on_before_a_day_belong_to_the_field(line, start, day):
    parsed = parse(line)
    assert (parsed.title, parsed.start, parsed.day) == (line.split()[0], start, day)


def test_at_or_on_without_a_field_after_them_stay_in_the_title():
    assert parse("Lunch at home 1h ops").title == "Lunch at home"
    assert parse("Work on roadmap 1h s").title == "Work on roadmap"


def test_a_word_that_ends_the_fields_after_a_duration_is_named_not_the_missing_kind():
    with pytest.raises(ValidationError, match="Can't read 'tmrw' after '30m s'"):
        parse("Sync 30m s tmrw")
    # Kind words or bare numbers inside a title are no such sign.
    assert parse("Review ops docs 1h s").title == "Review ops docs"
    assert parse("Book 2 rooms 1h ops").title == "Book 2 rooms"
