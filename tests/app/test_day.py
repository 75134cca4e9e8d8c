"""The day as a timeline: blocks, overlaps, untimed entries, gaps in the working hours;
`pm-workload day`."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest

from app.cli import run
from app.clock import FixedClock
from app.domain import Entry, HandoffStatus, Kind
from app.errors import ValidationError
from app.log.day import day_of, day_view
from app.workload import WorkloadService
from tests.helpers import snapshot

DAY = date(2026, 11, 23)  # a Monday, before the tests' today
WORK = (time(9, 0), time(17, 30))
LATER = datetime(2026, 11, 24, 10, 30).astimezone()


def _entry(entry_id: int, start: str | None, minutes: int, day: date = DAY) -> Entry:
    return Entry(entry_id, 1, f"Task {entry_id}", day, time.fromisoformat(start) if start else None,
                 minutes, Kind.OPERATIONAL, None, None, "", "", "", HandoffStatus.UNREVIEWED)


def _spans(items) -> list[tuple[str, str]]:
    return [(f"{i.start:%H:%M}", f"{i.end:%H:%M}") for i in items]


def test_blocks_in_time_order_and_the_gaps_between_them():
    entries = [_entry(1, "13:00", 60), _entry(2, "09:30", 90), _entry(3, None, 20)]
    view = day_view(DAY, entries, WORK, LATER)
    assert _spans(view.blocks) == [("09:30", "11:00"), ("13:00", "14:00")]
    assert [b.overlaps for b in view.blocks] == [False, False]
    assert [e.id for e in view.untimed] == [3]
    assert [(*span, g.minutes) for span, g in zip(_spans(view.gaps), view.gaps, strict=True)] == [
        ("09:00", "09:30", 30), ("11:00", "13:00", 120), ("14:00", "17:30", 210)]


def test_overlapping_blocks_are_flagged_and_leave_no_gap_between_them():
    entries = [_entry(1, "09:00", 60), _entry(2, "09:45", 30), _entry(3, "10:15", 15),
               _entry(4, "11:00", 30)]
    view = day_view(DAY, entries, WORK, LATER)
    assert [b.overlaps for b in view.blocks] == [True, True, False, False]
    assert _spans(view.gaps) == [("10:30", "11:00"), ("11:30", "17:30")]


def test_blocks_outside_the_working_hours_are_shown_but_make_no_gap():
    entries = [_entry(1, "07:00", 150), _entry(2, "17:00", 120)]
    view = day_view(DAY, entries, WORK, LATER)
    assert _spans(view.blocks) == [("07:00", "09:30"), ("17:00", "19:00")]
    assert _spans(view.gaps) == [("09:30", "17:00")]


def test_today_has_gaps_only_up_to_now_and_a_day_to_come_none():
    today = LATER.date()
    view = day_view(today, [_entry(1, "09:15", 30, today)], WORK, LATER)
    assert _spans(view.gaps) == [("09:00", "09:15"), ("09:45", "10:30")]
    assert f"{view.work_end:%H:%M}" == "10:30"
    tomorrow = date(2026, 11, 25)
    assert day_view(tomorrow, [], WORK, LATER).gaps == []


def test_a_day_off_or_hours_that_end_before_they_start_have_no_gaps():
    assert day_view(DAY, [], WORK, LATER, working_day=False).gaps == []
    view = day_view(DAY, [_entry(1, "10:00", 30)], (time(18, 0), time(9, 0)), LATER)
    assert (view.gaps, len(view.blocks)) == ([], 1)


def test_a_block_across_the_clock_change_ends_in_real_minutes(berlin):
    # Sun 25 Oct 2026: 03:00 CEST becomes 02:00 CET, so two hours from 01:30 end at 02:30.
    block, = day_view(date(2026, 10, 25), [_entry(1, "01:30", 120, date(2026, 10, 25))],
                      WORK, LATER).blocks
    assert f"{block.end:%H:%M}" == "02:30"


def test_day_of_reads_the_entries_and_the_working_hours(service):
    service.settings.update(work_start="08:00", work_end="12:00")
    service.entries.log_line("Deck review 45m ops #status yesterday 08:30")
    view = day_of(service.entries, service.settings, service.clock, DAY)
    assert [b.entry.title for b in view.blocks] == ["Deck review"]
    assert _spans(view.gaps) == [("08:00", "08:30"), ("09:15", "12:00")]


@pytest.mark.parametrize(("name", "text"), [("work_start", "25:00"), ("work_end", "soon")])
def test_a_bad_working_hour_is_refused_naming_it(service, name, text):
    with pytest.raises(ValidationError, match="working hours"):
        service.settings.update(**{name: text})
    assert service.settings.get().work_start == time(9, 0)


# -- the command line ---------------------------------------------------------------------------
@pytest.fixture
def cli(data_dir, capsys):
    def call(*args: str):
        code = run([*args, "--data-dir", str(data_dir)], clock=FixedClock(datetime(2026, 11, 24, 15, 0)))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_day_as_json_has_entries_untimed_and_gaps(cli):
    cli("add", "Deck review 45m ops #status 09:30")
    cli("add", "Call 1h s #discovery 10:00")
    cli("add", "Triage 20m ops")
    code, out, _ = cli("day", "--format", "json")
    assert code == 0
    shown = json.loads(out)
    assert [(e["title"], e["start"][11:16], e["end"][11:16], e["overlaps"])
            for e in shown["entries"]] == [("Deck review", "09:30", "10:15", True),
                                           ("Call", "10:00", "11:00", True)]
    assert [e["title"] for e in shown["untimed"]] == ["Triage"]
    assert [(g["start"][11:16], g["end"][11:16], g["minutes"]) for g in shown["gaps"]] == [
        ("09:00", "09:30", 30), ("11:00", "15:00", 240)]


def test_day_as_a_table_interleaves_blocks_and_gaps(cli):
    cli("add", "Deck review 45m ops #status yesterday 09:30")
    code, out, _ = cli("day", "yesterday")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Mon 23 Nov 2026 · working hours 09:00–17:30"
    assert [line.split()[:2] for line in lines[3:5]] == [["09:00", "09:30"], ["09:30", "10:15"]]
    assert "— gap —" in lines[3] and "Deck review" in lines[4]
    assert lines[-1] == "Gaps: 7 h 45 min in 2 gaps"


def test_day_is_read_only_and_a_bad_date_exits_2(cli, data_dir):
    cli("add", "Deck review 45m ops #status")
    before = snapshot(data_dir / "pm-workload.db")
    assert cli("day")[0] == 0
    code, _, err = cli("day", "someday")
    assert code == 2 and "'someday' is not a date" in err
    assert snapshot(data_dir / "pm-workload.db") == before


def test_day_opens_the_database_read_only(cli, data_dir, monkeypatch):
    cli("add", "Deck review 45m ops #status")
    opened = []
    import app.cli.day as module

    real = module.open_service
    monkeypatch.setattr(module, "open_service",
                        lambda args, readonly=False: opened.append(readonly) or real(args, readonly))
    cli("day")
    assert opened == [True]


def test_a_new_service_has_the_default_working_hours(store, clock):
    settings = WorkloadService(store, clock).settings.get()
    assert (settings.work_start, settings.work_end) == WORK


def test_working_hours_that_end_before_they_start_are_refused_and_nothing_is_saved(service):
    service.settings.update(work_start="08:00", work_end="12:00")
    with pytest.raises(ValidationError, match=r"end \(07:00\) before they start \(08:00\)"):
        service.settings.update(work_end="07:00")
    with pytest.raises(ValidationError, match="before they start"):
        service.settings.update(work_start="13:00", strategic_target=70)
    settings = service.settings.get()
    assert (settings.work_start, settings.work_end, settings.strategic_target) == (
        time(8, 0), time(12, 0), 50)
