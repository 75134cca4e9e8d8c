"""Time away while the timer runs: sleep and idle detection, clamps, and keep / discard / log."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from app.changes import Change
from app.clock import FixedClock
from app.domain import Kind
from app.errors import ValidationError
from app.log.away import (
    AwayCause,
    AwayResolution,
    AwayStretch,
    IdleWatch,
    clamp_idle,
    heartbeat_stretch,
    sleep_stretch,
    wall_jump,
)
from app.log.timer import AwayAlreadySettled
from storage import open_store

T0 = datetime(2026, 11, 24, 10, 0).astimezone()


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 24, hour, minute, second).astimezone()


# -- detection (pure) ---------------------------------------------------------------------
def test_a_wall_clock_ahead_of_the_monotonic_one_is_a_jump():
    assert wall_jump(T0, 1.0, T0 + timedelta(seconds=1)) is None
    # A late tick: the wall and the monotonic clock moved together.
    assert wall_jump(T0, 300.0, T0 + timedelta(seconds=300)) is None
    assert wall_jump(T0, 1.0, T0 + timedelta(minutes=2)) is None  # within the tolerance
    assert wall_jump(T0, 1.0, T0 + timedelta(minutes=48, seconds=1)) == timedelta(minutes=48)


def test_a_sleep_stretch_starts_where_the_monotonic_time_ran_out():
    stretch = sleep_stretch(at(9, 0), at(10, 42), 1.0, at(11, 30, 1))
    assert stretch == AwayStretch(at(9, 0), at(10, 42, 1), at(11, 30, 1), AwayCause.SLEEP)
    assert stretch.minutes == 48
    assert sleep_stretch(at(9, 0), at(10, 42), 1.0, at(10, 42, 1)) is None
    # A sleep that began before the timer (the bar's first tick after a resume) starts with it.
    assert sleep_stretch(at(10, 50), at(10, 0), 1.0, at(11, 0)).start == at(10, 50)


@pytest.mark.parametrize("report", [-1, -0.5, float("nan"), None, "12", True, object()])
def test_nonsense_idle_reports_are_ignored(report):
    assert clamp_idle(report, at(9, 0), at(10, 0)) is None


@pytest.mark.parametrize("report", [3601, 10**12, float("inf"), 2**64])
def test_idle_longer_than_the_timer_ran_is_clamped_to_its_run_time(report):
    assert clamp_idle(report, at(9, 0), at(10, 0)) == 3600.0


def test_idle_within_the_run_is_believed():
    assert clamp_idle(90, at(9, 0), at(10, 0)) == 90.0
    assert clamp_idle(0, at(9, 0), at(10, 0)) == 0.0


def test_idle_watch_gives_the_stretch_once_the_user_is_back():
    watch = IdleWatch(10)
    started = at(10, 0)
    assert watch.report(started, at(10, 30), 9 * 60) is None       # under the threshold
    assert watch.away_since() is None
    assert watch.report(started, at(10, 52, 30), 10 * 60 + 30) is None  # away since 10:42
    assert watch.away_since() == at(10, 42)
    assert watch.report(started, at(11, 10), 28 * 60) is None       # still away
    stretch = watch.report(started, at(11, 30, 20), 20)               # input at 11:30
    assert stretch == AwayStretch(started, at(10, 42), at(11, 30), AwayCause.IDLE)
    assert stretch.minutes == 48
    assert watch.away_since() is None
    assert watch.report(started, at(11, 31), 10) is None             # given once


def test_idle_watch_ignores_nonsense_and_clamps_to_the_timer():
    watch = IdleWatch(10)
    started = at(10, 0)
    assert watch.report(started, at(10, 30), -5) is None
    assert watch.report(started, at(10, 30), float("nan")) is None
    assert watch.away_since() is None
    # "Idle for a year" while the timer ran 30 min: away since the timer started, no earlier.
    assert watch.report(started, at(10, 30), 365 * 86400) is None
    assert watch.away_since() == started
    stretch = watch.report(started, at(10, 45), 5)
    assert (stretch.start, stretch.end) == (started, at(10, 44, 55))


def test_idle_watch_threshold_zero_never_asks_and_a_new_timer_starts_afresh():
    never = IdleWatch(0)
    assert never.report(at(10, 0), at(11, 0), 3000) is None and never.away_since() is None
    watch = IdleWatch(10)
    watch.report(at(10, 0), at(10, 30), 15 * 60)
    assert watch.away_since() == at(10, 15)
    assert watch.report(at(10, 31), at(10, 32), 5) is None  # another timer: nothing carried
    assert watch.away_since() is None


def test_joined_stretches_run_from_the_first_start_to_the_last_end():
    first = AwayStretch(at(9, 0), at(10, 0), at(10, 30), AwayCause.IDLE)
    again = AwayStretch(at(9, 0), at(10, 40), at(11, 0), AwayCause.SLEEP)
    assert first.joined(again) == AwayStretch(at(9, 0), at(10, 0), at(11, 0), AwayCause.IDLE)


def test_heartbeat_stretch_only_for_a_gap_after_the_timer_started():
    assert heartbeat_stretch(at(9, 0), None, at(12, 0)) is None
    assert heartbeat_stretch(at(9, 0), at(8, 0), at(12, 0)) is None       # an older timer's
    assert heartbeat_stretch(at(9, 0), at(11, 59), at(12, 0)) is None     # ran till just now
    assert heartbeat_stretch(at(9, 0), at(10, 15), at(12, 0)) == AwayStretch(
        at(9, 0), at(10, 15), at(12, 0), AwayCause.CLOSED)


# -- settling a stretch (the service) -------------------------------------------------------
@pytest.fixture
def away(service, clock):
    """A timer for 'Roadmap review' from 10:30; away 10:42–11:30; now 11:31."""
    timer = service.timer.start("Roadmap review strat #vision")
    clock.moment = at(11, 31)
    return AwayStretch(timer.started_at, at(10, 42), at(11, 30), AwayCause.IDLE)


def test_keep_changes_nothing_but_is_remembered(service, away):
    seen: list[str] = []
    service.changes.subscribe(seen.append)
    settled = service.timer.settle_away(away, AwayResolution.KEEP)
    assert settled.worked is None and settled.away is None
    assert settled.timer.started_at == away.timer_started
    assert service.entries.count() == 0 and seen == []


def test_discard_saves_the_part_before_and_runs_on_from_the_return(service, away):
    seen: list[str] = []
    service.changes.subscribe(seen.append)
    settled = service.timer.settle_away(away, AwayResolution.DISCARD)
    worked = settled.worked
    assert (worked.title, worked.minutes, worked.start, worked.kind, worked.category) == (
        "Roadmap review", 12, time(10, 30), Kind.STRATEGIC, "Vision, strategy & roadmap")
    assert settled.away is None
    running = service.timer.running()
    assert running == settled.timer
    assert (running.title, running.started_at, running.category) == (
        "Roadmap review", at(11, 30), "Vision, strategy & roadmap")
    assert service.entries.count() == 1
    assert seen == [Change.ENTRIES, Change.TIMER]


def test_log_saves_the_time_away_as_its_own_entry(service, away):
    settled = service.timer.settle_away(away, AwayResolution.LOG, "Hallway chat with design ops")
    assert settled.worked.minutes == 12
    entry = settled.away
    assert (entry.title, entry.minutes, entry.start, entry.kind) == (
        "Hallway chat with design", 48, time(10, 42), Kind.OPERATIONAL)
    assert service.timer.running().started_at == at(11, 30)
    assert sorted(e.minutes for e in service.entries.between(entry.day, entry.day)) == [12, 48]


def test_log_with_an_empty_line_logs_nothing_for_the_time_away(service, away):
    settled = service.timer.settle_away(away, AwayResolution.LOG, "  ")
    assert settled.away is None and settled.worked.minutes == 12
    assert service.entries.count() == 1


@pytest.mark.parametrize("resolution", list(AwayResolution))
@pytest.mark.parametrize("second", list(AwayResolution))
def test_settling_the_same_stretch_twice_is_refused(service, away, resolution, second):
    service.timer.settle_away(away, resolution, "Lunch walk ops")
    count = service.entries.count()
    with pytest.raises(AwayAlreadySettled, match="settled already"):
        service.timer.settle_away(away, second, "Lunch walk ops")
    assert service.entries.count() == count  # nothing saved twice


def test_a_stretch_of_a_stopped_timer_is_refused(service, away):
    service.timer.stop()
    with pytest.raises(AwayAlreadySettled, match="timer was stopped or started again"):
        service.timer.settle_away(away, AwayResolution.DISCARD)
    assert service.entries.count() == 1


def test_a_later_stretch_of_a_kept_timer_can_still_be_settled(service, clock, away):
    service.timer.settle_away(away, AwayResolution.KEEP)
    clock.moment = at(12, 30)
    later = AwayStretch(away.timer_started, at(11, 50), at(12, 20), AwayCause.SLEEP)
    settled = service.timer.settle_away(later, AwayResolution.DISCARD)
    assert settled.worked.minutes == 80 and service.timer.running().started_at == at(12, 20)


def test_two_connections_settle_one_stretch_once(data_dir, service, away, clock):
    from app.workload import WorkloadService

    other_store = open_store(data_dir / "pm-workload.db")
    try:
        other = WorkloadService(other_store, FixedClock(clock.now()))
        other.timer.settle_away(away, AwayResolution.LOG, "Lunch walk ops")
        with pytest.raises(AwayAlreadySettled):
            service.timer.settle_away(away, AwayResolution.DISCARD)
    finally:
        other_store.close()
    assert service.entries.count() == 2


def test_a_bad_line_is_refused_before_any_write(service, away):
    with pytest.raises(ValidationError, match="give only a title"):
        service.timer.settle_away(away, AwayResolution.LOG, "Lunch 30m ops")
    with pytest.raises(ValidationError):
        service.timer.settle_away(away, AwayResolution.LOG, "Lunch #no-such-category")
    assert service.entries.count() == 0
    assert service.timer.running().started_at == away.timer_started
    service.timer.settle_away(away, AwayResolution.DISCARD)  # not marked settled by a failure


def test_an_untitled_timer_cannot_lose_its_part_before(service, clock):
    timer = service.timer.start("")
    clock.advance(hours=1)
    stretch = AwayStretch(timer.started_at, at(10, 50), at(11, 20), AwayCause.SLEEP)
    with pytest.raises(ValidationError, match="no title yet"):
        service.timer.settle_away(stretch, AwayResolution.DISCARD)
    assert service.timer.running().started_at == timer.started_at


def test_away_from_the_timer_start_saves_no_part_before(service, clock):
    timer = service.timer.start("Roadmap review strat")
    clock.advance(minutes=40)
    stretch = AwayStretch(timer.started_at, timer.started_at, at(11, 0), AwayCause.IDLE)
    settled = service.timer.settle_away(stretch, AwayResolution.DISCARD)
    assert settled.worked is None and service.entries.count() == 0
    assert service.timer.running().started_at == at(11, 0)


def test_a_stretch_is_clamped_to_the_run_and_an_empty_one_refused(service, clock):
    timer = service.timer.start("Roadmap review strat")
    clock.advance(minutes=40)
    reaching = AwayStretch(timer.started_at, at(9, 0), at(12, 0), AwayCause.IDLE)
    with pytest.raises(ValidationError, match="ends"):
        # Clamped to the run (10:30–11:10) it still holds time; from the future it holds none.
        service.timer.settle_away(AwayStretch(timer.started_at, at(11, 20), at(12, 0),
                                              AwayCause.IDLE), AwayResolution.DISCARD)
    settled = service.timer.settle_away(reaching, AwayResolution.LOG, "Offsite ops")
    assert settled.worked is None and settled.away.minutes == 40
    assert service.timer.running().started_at == at(11, 10)


def test_the_heartbeat_is_kept_and_read_back(service, clock):
    assert service.timer.last_beat() is None
    service.timer.beat()
    assert service.timer.last_beat() == clock.now()
    assert service.settings.get().away_after_minutes == 10  # not a setting, no damage


def test_the_idle_threshold_setting_reads_blank_as_never(service):
    assert service.settings.update(away_after_minutes="").away_after_minutes == 0
    assert service.settings.update(away_after_minutes="25").away_after_minutes == 25
    with pytest.raises(ValidationError, match="Minutes idle before asking about time away"):
        service.settings.update(away_after_minutes="-3")
    with pytest.raises(ValidationError, match="whole number"):
        service.settings.update(away_after_minutes="soon")


def test_unsettled_gives_what_is_left_to_ask_about(service, clock, away):
    assert service.timer.unsettled(away) == away
    service.timer.settle_away(away, AwayResolution.KEEP)
    assert service.timer.unsettled(away) is None
    longer = AwayStretch(away.timer_started, at(10, 42), at(11, 31), AwayCause.CLOSED)
    assert service.timer.unsettled(longer) == AwayStretch(
        away.timer_started, at(11, 30), at(11, 31), AwayCause.CLOSED)
    service.timer.stop()
    assert service.timer.unsettled(longer) is None
