"""Calendar figures, on a generated calendar of 5 years (2022-2026) with 300 recurring series
(daily stand-ups, weekly syncs, fortnightly reviews, monthly QBR prep; some with EXDATEs and
moved instances, most never ending) and 5,000 one-off events, in Europe/Berlin:

- reading the file (icalendar), once;
- expanding one week and a whole year (goals: <= 300 ms, <= 2 s), each beside the bare
  library (recurring_ical_events.of(calendar).between) on the same parsed file, measured in
  the same run: our per-series queries, left-out reasons and local times cost the ratio;
- memory: the peak Python allocation of expanding a week and a year (tracemalloc) beside the
  parsed calendar's own size: flat when a week adds little to what the file holds;
- the window's panel on a week switch with a remembered file (CalendarSource + plan_calendar
  on a database with the last week imported): a week seen before, and one not seen yet
  (goal: <= 50 ms; the first visit of a week expands it, so it costs what "expand one week"
  does: run it off the GUI thread, or prefetch the next week, where that is over 50 ms);
- the panel widget itself (ui/log/calendar_panel.py): a seen week's switch, and a new week's
  switch until "Reading your calendar…" is painted (the reading runs off the GUI thread).

Run: .venv/bin/python -m tests.bench.bench_calendar [--runs N]
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.bench.common import Figure, bounded, compared, ms, run_bench, time_call

SECTION = "calendar"
FIRST, LAST = date(2022, 1, 3), date(2026, 12, 27)
WEEK = (date(2026, 11, 16), date(2026, 11, 22))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
TITLES = ["Team stand-up", "Status sync", "Backlog grooming", "Sprint review", "QBR prep",
          "1:1 with lead", "Design critique", "Roadmap review", "Sales sync", "Support triage"]


def generated_calendar(seed: int = 13) -> bytes:
    """Return the text of the benchmark calendar (deterministic for a seed)."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "X-WR-CALNAME:pm@example.com", "X-WR-TIMEZONE:Europe/Berlin"]

    def stamp(moment: datetime) -> str:
        return moment.strftime("%Y%m%dT%H%M%S")

    for n in range(300):
        start = datetime.combine(FIRST + timedelta(days=rng.randrange(0, 900)),
                                 datetime.min.time()).replace(hour=rng.randrange(8, 18))
        rule = rng.choice(["FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY",
                           "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=1TU"])
        if rng.random() < 0.3:
            rule += f";UNTIL={stamp(start + timedelta(days=rng.randrange(200, 1500)))}Z"
        uid = f"series-{n}@bench"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{rng.choice(TITLES)} {n}",
                  f"DTSTART;TZID=Europe/Berlin:{stamp(start)}",
                  f"DTEND;TZID=Europe/Berlin:{stamp(start + timedelta(minutes=rng.choice([15, 30, 60])))}",
                  f"RRULE:{rule}", "DESCRIPTION:Join https://meet.example.com/abc",
                  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:pm@example.com", "END:VEVENT"]
        if rng.random() < 0.2:  # a moved instance, one week in
            moved = start + timedelta(days=7)
            lines += ["BEGIN:VEVENT", f"UID:{uid}", f"RECURRENCE-ID;TZID=Europe/Berlin:{stamp(moved)}",
                      f"SUMMARY:{TITLES[0]} {n} (moved)",
                      f"DTSTART;TZID=Europe/Berlin:{stamp(moved + timedelta(hours=1))}",
                      f"DTEND;TZID=Europe/Berlin:{stamp(moved + timedelta(hours=1, minutes=30))}",
                      "END:VEVENT"]
    span = (LAST - FIRST).days
    for n in range(5000):
        start = datetime.combine(FIRST + timedelta(days=rng.randrange(span)),
                                 datetime.min.time()).replace(hour=rng.randrange(7, 20),
                                                              minute=rng.choice([0, 15, 30, 45]))
        lines += ["BEGIN:VEVENT", f"UID:event-{n}@bench", f"SUMMARY:{rng.choice(TITLES)} one-off {n}",
                  f"DTSTART:{stamp(start - timedelta(hours=1))}Z",
                  f"DURATION:PT{rng.choice([15, 30, 60, 90])}M",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def figures(runs: int) -> list[Figure]:
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    import icalendar
    import recurring_ical_events

    from app.clock import FixedClock
    from app.exchange.calendar import CalendarSource, parse_calendar
    from app.exchange.calendar_import import accept, plan_calendar
    from app.workload import WorkloadService
    from storage import open_store

    data = generated_calendar()
    start = time.perf_counter()
    ours_calendar = parse_calendar(data, "bench.ics")
    read = time.perf_counter() - start
    bare_calendar = icalendar.Calendar.from_ical(data)
    query = recurring_ical_events.of(bare_calendar)

    def local(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time()).astimezone()

    def bare(first: date, last: date):
        return query.between(local(first), local(last + timedelta(days=1)))

    week = len(ours_calendar.occurrences(*WEEK).occurrences)
    year = len(ours_calendar.occurrences(*YEAR).occurrences)
    week_ours = statistics.median(time_call(lambda: ours_calendar.occurrences(*WEEK), runs))
    week_bare = statistics.median(time_call(lambda: bare(*WEEK), runs))
    year_runs = max(1, runs // 5)
    year_ours = statistics.median(time_call(lambda: ours_calendar.occurrences(*YEAR), year_runs))
    year_bare = statistics.median(time_call(lambda: bare(*YEAR), year_runs))

    tracemalloc.start()
    kept = parse_calendar(data, "bench.ics")
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    peaks = {}
    for name, span in (("week", WEEK), ("year", YEAR)):
        tracemalloc.start()
        ours_calendar.occurrences(*span)
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.ics"
        path.write_bytes(data)
        clock = FixedClock(datetime(2026, 11, 24, 10, 30))
        with open_store(Path(folder) / "pm-workload.db") as store:
            service = WorkloadService(store, clock)
            # Some of the week logged (all 300 series' stand-ups would not fit in 24 h a day).
            accept(service, plan_calendar(service, parse_calendar(data).occurrences(*WEEK),
                                          default_kind="operational").ready[:40])
            source = CalendarSource(path)
            weeks = [(WEEK[0] - timedelta(days=7 * k), WEEK[1] - timedelta(days=7 * k)) for k in range(2)]

            def switch(span):
                return plan_calendar(service, source.occurrences(*span), default_kind="operational")

            for span in weeks:
                switch(span)  # the file read and both weeks seen once
            seen = statistics.median(time_call(lambda: [switch(s) for s in weeks], runs)) / 2
            unseen_times = []
            for k in range(2, 2 + min(runs, 20)):
                span = (WEEK[0] - timedelta(days=7 * k), WEEK[1] - timedelta(days=7 * k))
                begin = time.perf_counter()
                switch(span)
                unseen_times.append(time.perf_counter() - begin)
            unseen = statistics.median(unseen_times)
            panel_seen, panel_reading = _panel_figures(service, path, weeks, runs)

    return [
        Figure(SECTION, f"read the file ({len(data) / 1e6:.1f} MB, {ours_calendar.events:,} events)",
               ms(read)),
        compared(SECTION, f"expand one week ({week} occurrences)", week_ours, week_bare,
                 "recurring-ical-events alone", 3),
        bounded(SECTION, "expand one week, goal", week_ours * 1000, 300),
        compared(SECTION, f"expand a whole year ({year:,} occurrences)", year_ours, year_bare,
                 "recurring-ical-events alone", 3),
        bounded(SECTION, "expand a whole year, goal", year_ours * 1000, 2000),
        Figure(SECTION, "peak allocation, expanding a week (memory flat)", f"{peaks['week'] / 1e6:.1f} MB",
               f"{held / 1e6:.1f} MB the parsed file", peaks["week"] / held, "<= 0.25x",
               peaks["week"] / held <= 0.25),
        Figure(SECTION, "peak allocation, expanding a year", f"{peaks['year'] / 1e6:.1f} MB",
               f"{held / 1e6:.1f} MB the parsed file", peaks["year"] / held),
        bounded(SECTION, "panel: switch to a week seen before", seen * 1000, 50),
        # The first visit of a week expands it: about the cost of "expand one week".
        bounded(SECTION, "panel: switch to a week not seen yet", unseen * 1000, 50),
        bounded(SECTION, "panel widget: switch to a week seen before", panel_seen * 1000, 50),
        bounded(SECTION, "panel widget: new week, until 'Reading…' shows (read off-thread)",
                panel_reading * 1000, 50),
    ]


def _panel_figures(service, path: Path, weeks, runs: int) -> tuple[float, float]:
    """Return the window panel's week switch: to a week seen before (planned on the GUI
    thread), and to a new week until "Reading your calendar…" is painted (read off-thread)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ui.log.calendar_panel import CalendarPanel

    app = QApplication.instance() or QApplication([])
    service.settings.update(calendar_file=str(path), calendar_me="pm@example.com")
    panel = CalendarPanel(service, QUndoStack())
    panel.show()

    def settle() -> None:
        while panel._task is not None:
            app.processEvents()
            time.sleep(0.001)

    for span in weeks:
        panel.show_week(*span)
        settle()
    seen = []
    for k in range(runs):
        begin = time.perf_counter()
        panel.show_week(*weeks[k % 2])
        app.processEvents()
        seen.append(time.perf_counter() - begin)
    reading = []
    for k in range(20, 20 + min(runs, 10)):
        settle()
        begin = time.perf_counter()
        panel.show_week(WEEK[0] - timedelta(days=7 * k), WEEK[1] - timedelta(days=7 * k))
        panel.repaint()
        reading.append(time.perf_counter() - begin)
    settle()
    panel.close()
    return statistics.median(seen), statistics.median(reading)


def main() -> None:
    run_bench(__doc__, "Calendar (median of {runs} runs)", figures, 10)


if __name__ == "__main__":
    main()
