"""Reading .ics files: occurrences in local time, what is left out and why, bad input."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.exchange.calendar import LeftOut, parse_calendar, read_calendar

FILES = Path(__file__).parent / "calendars"
W47 = (date(2026, 11, 16), date(2026, 11, 22))


def _summary(found):
    return [(o.day.isoformat(), f"{o.start_time:%H:%M}", o.minutes, o.title) for o in found.occurrences]


def test_a_google_export_in_berlin_time_with_its_moves_exceptions_and_left_outs(berlin):
    found = read_calendar(FILES / "google.ics").occurrences(*W47)
    assert _summary(found) == [
        ("2026-11-16", "09:00", 15, "Team stand-up"),
        ("2026-11-17", "09:00", 15, "Team stand-up"),
        ("2026-11-17", "10:00", 60, "QBR prep"),
        ("2026-11-17", "23:00", 150, "Release night"),   # across midnight: the day it started
        ("2026-11-18", "15:00", 45, "Backlog grooming"),  # floating time, DURATION
        ("2026-11-19", "14:00", 15, "Team stand-up"),     # moved by RECURRENCE-ID; 18th EXDATE
    ]
    assert [(s.title, s.reason) for s in found.skipped] == [
        ("ProductCon", LeftOut.TOO_LONG), ("Team offsite", LeftOut.ALL_DAY),
        ("Status sync with Sales", LeftOut.DECLINED),  # the owner is X-WR-CALNAME
        ("Focus time", LeftOut.FREE), ("Team stand-up", LeftOut.CANCELLED)]
    qbr = next(o for o in found.occurrences if o.title == "QBR prep")
    assert qbr.tentative
    standups = [o for o in found.occurrences if o.title == "Team stand-up"]
    assert {o.uid for o in standups} == {"standup0001@google.com"}
    assert [o.recurrence_id for o in standups] == ["20261116T080000Z", "20261117T080000Z",
                                                   "20261119T080000Z"]
    assert qbr.recurrence_id == ""  # a one-off event


def test_times_become_the_machines_local_time(monkeypatch):
    import time as time_module

    monkeypatch.setenv("TZ", "America/New_York")
    time_module.tzset()
    try:
        found = read_calendar(FILES / "google.ics").occurrences(*W47)
        assert _summary(found)[0] == ("2026-11-16", "03:00", 15, "Team stand-up")
        # Release night (22:00Z) is 17:00 in New York
        assert ("2026-11-17", "17:00", 150, "Release night") in _summary(found)
    finally:
        monkeypatch.undo()
        time_module.tzset()


def test_another_owner_sees_the_declined_sync(berlin):
    found = read_calendar(FILES / "google.ics").occurrences(*W47, me="lead@example.com")
    assert "Status sync with Sales" in [o.title for o in found.occurrences]


def test_outlook_windows_zone_names_and_busy_status(berlin):
    found = read_calendar(FILES / "outlook.ics").occurrences(*W47)
    assert _summary(found) == [("2026-11-16", "11:00", 30, "Sprint review"),
                               ("2026-11-17", "17:00", 60, "Customer call with Acme")]
    assert [(s.title, s.reason) for s in found.skipped] == [
        ("Lunch and learn (optional)", LeftOut.FREE)]
    assert found.occurrences[0].uid.startswith("040000008200E00074C5B7101A82E008")  # unfolded


def test_rfc_5545_examples_count_exdate_and_a_rule_that_never_ends(berlin):
    calendar = read_calendar(FILES / "rfc5545.ics")
    found = calendar.occurrences(date(1997, 9, 1), date(1997, 12, 31))
    titles = [o.title for o in found.occurrences]
    assert titles.count("Daily for 10 occurrences") == 10
    # Never ends: expanded over the asked range only (2 Sep - 31 Dec, less the EXDATE)
    assert titles.count("Daily forever") == 121 - 1
    assert found.occurrences[0].start_time == time(15, 0)  # 09:00 New York (EDT)
    assert [s.reason for s in found.skipped] == [LeftOut.ALL_DAY]
    assert calendar.first_day == date(1997, 9, 2)


@pytest.mark.parametrize("data, words", [
    (b"\x00\x01PK\x03\x04binary", "binary"),
    (b"Date,Title\n2026-11-17,Stand-up\n", "not an iCalendar"),
    (b"", "empty"),
    (b"\xff\xfeB\x00E\x00", "binary"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\xe9t\xe9:x\r\n", "line 3: not UTF-8"),
])
def test_files_that_are_not_calendars_get_a_clear_message(data, words):
    with pytest.raises(ValidationError, match=words):
        parse_calendar(data, "work.ics")


def test_a_truncated_file_says_where_it_breaks_off():
    text = (FILES / "google.ics").read_bytes()
    with pytest.raises(ValidationError, match=r"ends inside VEVENT \(opened on line \d+\).*cut short"):
        parse_calendar(text[: len(text) // 2], "work.ics")


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.ics"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    with pytest.raises(ValidationError, match="big.ics is 52 MB; a calendar file can be up to 21 MB"):
        read_calendar(big)


BAD_AMONG_GOOD = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:good-1
SUMMARY:Roadmap review
DTSTART:20261117T090000Z
DTEND:20261117T100000Z
END:VEVENT
BEGIN:VEVENT
UID:bad-date
SUMMARY:Broken date
DTSTART:2026-11-17 09:00
DTEND:20261117T100000Z
END:VEVENT
BEGIN:VEVENT
UID:bad-line
SUMMARY:Broken line
this line has no colon
DTSTART:20261117T090000Z
END:VEVENT
BEGIN:VEVENT
UID:bad-rule
SUMMARY:Every minute
DTSTART:20261117T090000Z
DURATION:PT1M
RRULE:FREQ=MINUTELY
END:VEVENT
BEGIN:VEVENT
UID:backwards
SUMMARY:Ends before it starts
DTSTART:20261117T090000Z
DTEND:20261117T080000Z
END:VEVENT
END:VCALENDAR
"""


def test_bad_events_are_named_by_line_uid_and_title_and_the_rest_is_read(berlin):
    calendar = parse_calendar(BAD_AMONG_GOOD.encode(), "work.ics")
    found = calendar.occurrences(*W47)
    assert [o.title for o in found.occurrences] == ["Roadmap review"]
    problems = {p.uid: p for p in found.problems}
    assert set(problems) == {"bad-date", "bad-line", "bad-rule", "backwards"}
    assert str(problems["bad-date"]).startswith(
        "line 9: event 'Broken date' (UID bad-date): unreadable DTSTART")
    assert problems["bad-line"].line == 15
    assert "line 18 is not an iCalendar line" in problems["bad-line"].message
    assert "minutely" in problems["bad-rule"].message
    assert problems["backwards"].line == 28


def test_text_after_the_calendar_is_refused():
    text = (FILES / "outlook.ics").read_text() + "BEGIN:VCALENDAR\nEND:VCALENDAR\n"
    with pytest.raises(ValidationError, match="after END:VCALENDAR"):
        parse_calendar(text.encode())


def test_the_window_source_reads_again_only_when_the_file_changed(tmp_path, berlin):
    from app.exchange.calendar import CalendarSource

    path = tmp_path / "work.ics"
    path.write_bytes((FILES / "outlook.ics").read_bytes())
    source = CalendarSource(path)
    first = source.occurrences(*W47)
    assert source.occurrences(*W47) is first  # kept
    path.write_bytes((FILES / "google.ics").read_bytes())
    assert "Team stand-up" in [o.title for o in source.occurrences(*W47).occurrences]


def test_two_threads_asking_for_one_week_expand_it_once(tmp_path, berlin, monkeypatch):
    # The panel asks from the GUI thread while a worker reads the next week ahead.
    import threading

    from app.exchange import calendar as calendar_module

    path = tmp_path / "work.ics"
    path.write_bytes((FILES / "google.ics").read_bytes())
    source = calendar_module.CalendarSource(path)
    source.calendar()
    both_inside = threading.Barrier(2)
    expanded = []
    real = calendar_module.Calendar.occurrences

    def counting(self, *args, **kwargs):
        expanded.append(threading.current_thread().name)
        try:
            both_inside.wait(timeout=1)  # passes only if the other thread got in as well
        except threading.BrokenBarrierError:
            pass
        return real(self, *args, **kwargs)

    monkeypatch.setattr(calendar_module.Calendar, "occurrences", counting)
    found = []
    threads = [threading.Thread(target=lambda: found.append(source.occurrences(*W47)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(expanded) == 1 and len(found) == 2 and found[0] is found[1]


def test_the_calendar_libraries_are_not_imported_at_start_up():
    import subprocess
    import sys

    code = ("import sys, app.cli, app.main, app.workload, app.exchange.calendar, app.log.rules; "
            "print(sorted(m for m in ('icalendar', 'recurring_ical_events', 'dateutil') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
