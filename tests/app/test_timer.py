"""The running timer: start, stop into an entry, discard; survives a crash; asks past midnight or 12 h."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from app.changes import Change
from app.cli import run
from app.clock import Clock, FixedClock
from app.domain import Kind
from app.errors import ValidationError
from app.log.timer import TimerNeedsConfirmation
from app.workload import WorkloadService
from storage import Store, open_store
from tests.helpers import snapshot


def test_start_then_stop_saves_an_entry_on_the_start_day(service, clock):
    seen: list[str] = []
    service.changes.subscribe(seen.append)
    timer = service.timer.start("Competitor teardown #market", note="Globex")
    assert (timer.title, timer.kind, timer.category) == (
        "Competitor teardown", Kind.STRATEGIC, "Market & competitive analysis")
    assert timer.started_at == clock.now()
    assert service.timer.running() == timer
    clock.advance(minutes=47, seconds=10)
    entry = service.timer.stop()
    assert (entry.title, entry.minutes, entry.kind, entry.category, entry.note) == (
        "Competitor teardown", 47, Kind.STRATEGIC, "Market & competitive analysis", "Globex")
    assert (entry.day, entry.start) == (date(2026, 11, 24), time(10, 30))
    assert service.timer.running() is None
    assert seen == [Change.TIMER, Change.ENTRIES, Change.TIMER]


def test_a_timer_survives_a_crash(store, clock, data_dir):
    service = WorkloadService(store, clock)
    started = service.timer.start("Weekly status deck ops #status")
    store.close()  # the app dies without stopping the timer

    clock.advance(minutes=30)
    with open_store(data_dir / "pm-workload.db") as reopened:
        again = WorkloadService(reopened, clock)
        assert again.timer.running() == started
        entry = again.timer.stop()
        assert (entry.title, entry.minutes, entry.category) == (
            "Weekly status deck", 30, "Status reports & decks")
        assert again.timer.running() is None


def test_a_start_time_in_the_line_backdates_the_timer(service, clock):
    timer = service.timer.start("Roadmap review s 09:45")
    assert timer.started_at == datetime(2026, 11, 24, 9, 45).astimezone()
    assert service.timer.stop().minutes == 45


def test_kind_and_category_come_from_the_tasks_history(service):
    service.entries.log_line("Weekly status deck 45m ops #status")
    timer = service.timer.start("weekly status deck")
    assert (timer.kind, timer.category) == (Kind.OPERATIONAL, "Status reports & decks")


@pytest.mark.parametrize(("line", "field"), [
    ("s 09:00", "title"),     # a time without a title (an empty line is an untitled timer)
    ("Deck", "kind"),             # a new task without kind or category
    ("Deck s #nosuch", "category"),
    ("Deck s 14:00", "start"),    # later today: in the future
    ("Deck s 25:00", "start"),
])
def test_a_bad_start_writes_nothing(service, line, field):
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError) as raised:
        service.timer.start(line)
    assert raised.value.field == field
    assert snapshot(service.store.path) == before


def test_starting_a_timer_while_one_runs_switches_in_one_write(service, clock):
    seen: list[str] = []
    service.timer.start("Deck review #status", note="v2")
    service.changes.subscribe(seen.append)
    clock.advance(minutes=25)
    stopped, timer = service.timer.switch("Competitor teardown #market")
    assert (stopped.title, stopped.start, stopped.minutes, stopped.note) == (
        "Deck review", time(10, 30), 25, "v2")
    assert timer.title == "Competitor teardown"
    # The stopped entry ends where the new timer starts.
    assert timer.started_at == clock.now()
    assert service.entries.between(stopped.day, stopped.day) == [stopped]
    assert service.timer.running() == timer
    assert seen == [Change.ENTRIES, Change.TIMER]


def test_a_backdated_switch_ends_the_running_timer_at_the_new_start(service, clock):
    service.timer.start("Deck review #status s 09:00")
    stopped, timer = service.timer.switch("Roadmap review s 10:00")
    assert (stopped.start, stopped.minutes) == (time(9, 0), 60)
    assert timer.started_at == datetime(2026, 11, 24, 10, 0).astimezone()


def test_a_switch_to_before_the_running_timer_writes_nothing(service):
    service.timer.start("Deck review #status s 10:00")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="Cannot switch from the timer for 'Deck review'"):
        service.timer.start("Roadmap review s 09:00")
    assert snapshot(service.store.path) == before


def test_a_switch_from_a_timer_that_needs_a_yes_is_refused_with_why(store):
    clock = FixedClock(datetime(2026, 11, 24, 0, 30))
    service = WorkloadService(store, clock)
    service.timer.start("Incident write-up ops yesterday 23:00")
    before = snapshot(store.path)
    with pytest.raises(TimerNeedsConfirmation, match="past midnight.*Stop it first"):
        service.timer.start("Deck s")
    assert snapshot(store.path) == before
    assert service.timer.running().title == "Incident write-up"


def test_continue_starts_a_timer_like_an_entry(service, clock):
    first = service.entries.log_line("Customer call 30m s #discovery")
    service.entries.log_line("Deck review 20m ops #status")
    stopped, timer = service.timer.continue_entry(first.id)
    assert stopped is None
    assert (timer.title, timer.kind, timer.category, timer.started_at) == (
        "Customer call", Kind.STRATEGIC, "Customer discovery & interviews", clock.now())


def test_continue_without_an_entry_takes_the_one_saved_last(service, clock):
    service.entries.log_line("Customer call 30m s #discovery")
    service.entries.log_line("Deck review 20m ops #status yesterday")
    service.timer.start("Roadmap s")
    clock.advance(minutes=10)
    stopped, timer = service.timer.continue_entry()
    # The running timer was saved first, but the entry to continue was chosen before it.
    assert (stopped.title, stopped.minutes) == ("Roadmap", 10)
    assert (timer.title, timer.kind) == ("Deck review", Kind.OPERATIONAL)


def test_continue_with_nothing_to_continue_says_so(service):
    with pytest.raises(ValidationError, match="no entry to continue"):
        service.timer.continue_entry()
    with pytest.raises(ValidationError, match="no longer exists"):
        service.timer.continue_entry(99)
    assert service.timer.running() is None


def test_an_untitled_timer_is_named_when_stopped(service, clock):
    timer = service.timer.start("")
    assert (timer.title, timer.kind, timer.category) == ("", None, None)
    clock.advance(minutes=40)
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="no title yet") as raised:
        service.timer.stop()
    assert raised.value.field == "title"
    assert snapshot(service.store.path) == before
    entry = service.timer.stop(title="Pricing memo s #vision")
    assert (entry.title, entry.minutes, entry.kind, entry.category, entry.start) == (
        "Pricing memo", 40, Kind.STRATEGIC, "Vision, strategy & roadmap", time(10, 30))


def test_naming_a_timer_takes_kind_and_category_from_the_tasks_history(service, clock):
    service.entries.log_line("Weekly status deck 45m ops #status")
    service.timer.start("")
    clock.advance(minutes=15)
    entry = service.timer.stop(title="weekly status deck")
    assert (entry.kind, entry.category) == (Kind.OPERATIONAL, "Status reports & decks")


@pytest.mark.parametrize("title", ["Deck s 30m", "Deck s 09:00"])
def test_a_naming_line_with_a_time_is_refused(service, title):
    service.timer.start("")
    with pytest.raises(ValidationError, match="knows when it ran"):
        service.timer.stop(title=title)
    assert service.timer.running().title == ""


def test_an_untitled_timer_is_not_switched_away_from(service):
    service.timer.start("")
    with pytest.raises(ValidationError, match="no title yet"):
        service.timer.start("Deck s")
    assert service.timer.running().title == ""


def test_stop_or_discard_without_a_timer(service):
    with pytest.raises(ValidationError, match="No timer"):
        service.timer.stop()
    with pytest.raises(ValidationError, match="No timer"):
        service.timer.discard()


def test_discard_forgets_the_timer_and_saves_nothing(service, clock):
    service.timer.start("Deck s")
    clock.advance(minutes=20)
    discarded = service.timer.discard()
    assert discarded.title == "Deck"
    assert service.timer.running() is None
    assert service.entries.count() == 0


def test_a_timer_past_midnight_needs_confirmation(store):
    clock = FixedClock(datetime(2026, 11, 24, 0, 30))
    service = WorkloadService(store, clock)
    service.timer.start("Incident write-up ops yesterday 23:00")
    timer = service.timer.running()
    assert "midnight" in service.timer.needs_confirmation(timer)
    before = snapshot(store.path)
    with pytest.raises(TimerNeedsConfirmation, match="midnight"):
        service.timer.stop()
    assert snapshot(store.path) == before
    entry = service.timer.stop(confirmed=True)
    assert (entry.day, entry.start, entry.minutes) == (date(2026, 11, 23), time(23, 0), 90)


def test_a_timer_over_12_hours_needs_confirmation(service, clock):
    service.timer.start("Deck s 07:00")
    timer = service.timer.running()
    assert service.timer.needs_confirmation(timer, clock.now()) is None  # 3 h 30
    clock.advance(hours=8, minutes=31)  # 19:01: 12 h 01
    assert "12 hours" in service.timer.needs_confirmation(timer)
    with pytest.raises(TimerNeedsConfirmation, match="12 hours"):
        service.timer.stop()
    assert service.timer.running() is not None
    assert service.timer.stop(confirmed=True).minutes == 12 * 60 + 1


def test_stopping_at_an_earlier_moment_avoids_the_question(service, clock):
    service.timer.start("Deck s 07:00")
    clock.advance(hours=20)
    entry = service.timer.stop(datetime(2026, 11, 24, 12, 0).astimezone())
    assert entry.minutes == 5 * 60


def test_a_timer_over_24_hours_cannot_be_saved_even_if_confirmed(service, clock):
    service.timer.start("Deck s yesterday 09:00")
    clock.advance(hours=2)  # 26 h 30 later
    with pytest.raises(ValidationError, match="24 hours"):
        service.timer.stop(confirmed=True)
    assert service.timer.running() is not None


def test_a_stop_in_the_future_is_refused(service, clock):
    service.timer.start("Deck s 09:00")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="still to come"):
        service.timer.stop(clock.now() + timedelta(minutes=30))
    assert snapshot(service.store.path) == before


def test_a_stop_before_the_start_is_refused(service):
    service.timer.start("Deck s 10:00")
    with pytest.raises(ValidationError, match="before the timer started"):
        service.timer.stop(datetime(2026, 11, 24, 9, 0).astimezone())



@pytest.mark.parametrize(("day", "minutes"), [
    (date(2026, 10, 25), 180),  # clocks go back at 03:00: 01:30 to 03:30 is three hours
    (date(2026, 3, 29), 60),    # clocks go forward at 02:00: 01:30 to 03:30 is one hour
])
def test_a_timer_across_a_dst_change_counts_real_minutes(berlin, store, day, minutes):
    clock = FixedClock(datetime.combine(day, time(1, 30)))
    service = WorkloadService(store, clock)
    service.timer.start("Night release ops")
    clock.moment = datetime.combine(day, time(3, 30)).astimezone()
    assert clock.moment - service.timer.running().started_at == timedelta(minutes=minutes)
    entry = service.timer.stop()
    assert (entry.day, entry.start, entry.minutes) == (day, time(1, 30), minutes)


def test_a_duration_in_a_timer_line_is_refused(service):
    with pytest.raises(ValidationError, match="leave the duration out"):
        service.timer.start("Deck review 30m #status")
    assert service.timer.running() is None


def test_a_timer_started_elsewhere_meanwhile_is_switched_from(service, monkeypatch):
    service.timer.start("Deck review #status")
    # Another process's timer appeared after the first look: the look inside the write sees it.
    checks = iter([None])
    real = service.timer.running
    monkeypatch.setattr(service.timer, "running", lambda: next(checks, None) or real())
    stopped, timer = service.timer.switch("Other thing #status")
    assert (stopped.title, timer.title) == ("Deck review", "Other thing")


# -- several processes at the same moment ---------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]


def _race(data_dir: Path, *commands: list[str]) -> list[tuple[int, str, str]]:
    """Run each command in its own process, all let into their first write at once.

    Returns (exit code, stdout, stderr) per command, in order.
    """
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tests.race_runner", *command, "--data-dir", str(data_dir)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for command in commands]
    try:
        for proc in procs:
            # Every process has read what it needs and waits at its first write transaction.
            assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            results.append((proc.returncode, out, err))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()


def _start_for_the_race(store: Store, line: str) -> None:
    # The processes run on the real clock; the timer started half an hour before it.
    WorkloadService(store, FixedClock(Clock().now() - timedelta(minutes=30))).timer.start(line)


@pytest.mark.slow
def test_four_stops_at_once_save_the_timer_once(data_dir, store):
    for round_ in ("one", "two", "three"):
        # A new task each round: the losers used to fail on the task's UNIQUE title as well.
        _start_for_the_race(store, f"Race round {round_} ops #status")
        results = _race(data_dir, *[["timer", "stop", "--yes"]] * 4)
        won = [r for r in results if r[0] == 0]
        lost = [r for r in results if r[0] != 0]
        assert len(won) == 1, results
        assert f"Saved: Race round {round_}" in won[0][1]
        for code, out, err in lost:
            assert (code, out) == (2, ""), err
            assert err.startswith("pm-workload: No timer is running"), err
        rows = snapshot(store.path)
        assert rows["timer"] == []
        assert [e[1] for e in rows["entries"]] == [t[0] for t in rows["tasks"]]  # one entry a task
        assert len(rows["entries"]) == len(rows["tasks"])


@pytest.mark.slow
def test_stop_racing_discard_does_one_or_the_other(data_dir, store):
    for round_ in ("one", "two"):
        _start_for_the_race(store, f"Race round {round_} ops #status")
        before = len(snapshot(store.path)["entries"])
        results = _race(data_dir, ["timer", "stop", "--yes"], ["timer", "discard"],
                        ["timer", "stop", "--yes"], ["timer", "discard"])
        won = [r for r in results if r[0] == 0]
        assert len(won) == 1, results
        assert all(r[2].startswith("pm-workload: No timer is running") for r in results if r[0])
        rows = snapshot(store.path)
        saved = len(rows["entries"]) - before
        assert saved == (1 if won[0][1].startswith("Saved:") else 0), results
        assert rows["timer"] == []


@pytest.mark.slow
def test_two_first_entries_of_a_new_task_at_once_share_the_task(data_dir, store):
    categories = len(snapshot(store.path)["categories"])
    results = _race(data_dir, ["add", "Brand new task 30m ops #Launch prep", "--create-category"],
                    ["add", "brand  NEW task 15m ops #launch Prep", "--create-category"])
    assert [r[0] for r in results] == [0, 0], results
    rows = snapshot(store.path)
    assert len(rows["tasks"]) == 1
    assert len(rows["categories"]) == categories + 1
    assert sorted(e[4] for e in rows["entries"]) == [15, 30]


# -- local times on the days the clocks change (Europe/Berlin) --------------------------------------
SPRING = date(2027, 3, 28)  # 02:00 -> 03:00: 02:30 does not exist
AUTUMN = date(2026, 10, 25)  # 03:00 -> 02:00: 02:00-02:59 happen twice, CEST then CET


def _cest(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), timezone(timedelta(hours=2)))


def _cet(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), timezone(timedelta(hours=1)))


@pytest.fixture
def cli_at(monkeypatch, data_dir, capsys):
    """Run the command line at an aware moment; return (exit code, stdout, stderr)."""

    def call(moment: datetime, *args: str):
        monkeypatch.setattr(Clock, "now", lambda self: moment.astimezone())
        code = run([*args, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return call


def test_a_stop_time_the_clocks_skip_is_named(berlin, cli_at, data_dir):
    assert cli_at(_cet(SPRING, 1, 30), "timer", "start", "Night release ops")[0] == 0
    before = snapshot(data_dir / "pm-workload.db")
    code, out, err = cli_at(_cest(SPRING, 4, 0), "timer", "stop", "--at", "02:30")
    assert (code, out) == (2, "")
    assert err == ("pm-workload: 02:30 does not exist on Sun 28 Mar 2027: clocks go forward "
                   "from 02:00 to 03:00.\n")
    assert snapshot(data_dir / "pm-workload.db") == before
    code, out, _ = cli_at(_cest(SPRING, 4, 0), "timer", "stop", "--at", "03:10")
    assert code == 0 and "40 min" in out  # 01:30 CET to 03:10 CEST


def test_a_stop_time_that_came_twice_is_the_one_after_the_start(berlin, cli_at, store):
    # Started in the first 02:50 (CEST); "02:40" can only be the second one, 50 minutes later.
    assert cli_at(_cest(AUTUMN, 2, 50), "timer", "start", "Night release ops")[0] == 0
    code, out, err = cli_at(_cet(AUTUMN, 2, 45), "timer", "stop", "--at", "02:40")
    assert code == 0, err
    assert "02:40 came twice on Sun 25 Oct 2026" in out and "the second one, 02:40 CET" in out
    assert "50 min" in out
    (entry,) = WorkloadService(store).entries.between(AUTUMN, AUTUMN)
    assert (entry.start, entry.minutes) == (time(2, 50), 50)


def test_a_stop_time_that_could_be_either_takes_the_first_and_says_so(berlin, service, store):
    service.clock = FixedClock(_cest(AUTUMN, 1, 30))
    service.timer.start("Night release ops")
    service.clock = FixedClock(_cet(AUTUMN, 2, 45))
    at, notice = service.timer.stop_moment(time(2, 40))
    assert at == _cest(AUTUMN, 2, 40)
    assert "the first one, 02:40 CEST" in notice
    assert service.timer.stop(at).minutes == 70  # not 130: a guess never adds time


def test_a_start_time_that_came_twice_is_the_later_one(berlin, cli_at):
    code, out, err = cli_at(_cet(AUTUMN, 2, 45), "timer", "start", "Night release ops 02:30")
    assert code == 0, err
    assert "the second one, 02:30 CET" in out
    code, out, _ = cli_at(_cet(AUTUMN, 2, 45), "timer", "status")
    assert "(15 min)" in out


def test_a_start_time_the_clocks_skip_is_refused(berlin, store):
    service = WorkloadService(store, FixedClock(_cest(SPRING, 4, 0)))
    before = snapshot(store.path)
    with pytest.raises(ValidationError, match="02:30 does not exist on Sun 28 Mar 2027: clocks "
                                              "go forward from 02:00 to 03:00") as raised:
        service.timer.start("Night release ops 02:30")
    assert raised.value.field == "start"
    assert snapshot(store.path) == before


def test_a_clock_set_back_before_the_timers_start_is_named_when_stopping(service, clock):
    service.timer.start("Roadmap review strat")
    clock.advance(minutes=-30)  # the system clock corrected backwards
    with pytest.raises(ValidationError, match="it was set back"):
        service.timer.stop()
    assert service.timer.running() is not None and service.entries.count() == 0
    clock.advance(minutes=45)
    assert service.timer.stop().minutes == 15


def test_switches_in_quick_turns_never_overlap_the_entry_they_stop(service, clock):
    from app.log.day import day_of

    clock.advance(seconds=10)  # timers begin and end between whole minutes, as they do
    service.timer.start("Roadmap review strat")
    for title, seconds in (("Status deck ops", 160), ("Jira admin ops", 95), ("Roadmap s", 130)):
        clock.advance(seconds=seconds)
        service.timer.switch(title)
    clock.advance(seconds=100)
    service.timer.stop()
    view = day_of(service.entries, service.settings, service.clock, clock.today())
    assert len(view.blocks) == 4 and not any(block.overlaps for block in view.blocks)
    assert [b.entry.minutes for b in view.blocks] == [2, 2, 2, 2]  # hh:mm to hh:mm
