"""Team report figures, whole processes measured in the same run:

- `pm-workload team report` over 50 PMs' summaries of 52 weeks each, looking back the whole
  52 weeks (goal: <= 1 s), with its peak RSS beside that of the report over 5 of those files
  (memory flat: goal <= 1.5x for ten times the files);
- `pm-workload export --summary` of a year of 25,000 demo entries against `pm-workload export`
  (the entries CSV) of the same range (goal: <= 2x).

The 50 PMs are demo databases (seeds 1-50) of 52 weeks ending on Tue 2026-11-24, exported
with our own summary export; they are built once and cached under the temp dir.

Run: .venv/bin/python -m tests.bench.bench_team [--runs N]
"""

from __future__ import annotations

import hashlib
import shutil
import statistics
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.bench.common import (
    CACHE,
    DEMO_END,
    PYTHON,
    Figure,
    bounded,
    compared,
    copy_data_dir,
    demo_data_dir,
    run_bench,
    run_measured,
    time_processes,
)

SECTION = "team"
PMS, WEEKS = 50, 52
YEAR = ("--from", "2025-11-25", "--to", DEMO_END.isoformat())


def summaries(count: int = PMS) -> Path:
    """Return a folder of ``count`` PMs' summaries of 52 weeks each (built once, cached)."""
    from app import demo
    from app.clock import FixedClock
    from app.exchange.exporting import export_summary
    from app.workload import WorkloadService
    from storage import open_store

    source = hashlib.sha1(Path(demo.__file__).read_bytes()).hexdigest()[:8]
    target = CACHE / f"team-{count}x{WEEKS}-{source}"
    if not (target / "done").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        clock = FixedClock(datetime.combine(DEMO_END, datetime.min.time()))
        for seed in range(1, count + 1):
            folder = Path(tempfile.mkdtemp(prefix="pmw-bench-team-"))
            with open_store(folder / "pm-workload.db") as store:
                demo.fill(store, demo.generate(WEEKS, seed, end=DEMO_END))
                export_summary(WorkloadService(store, clock), target / f"pm{seed:02}.csv",
                               DEMO_END - timedelta(weeks=WEEKS), date(2026, 11, 29),
                               label=f"PM {seed:02}")
            shutil.rmtree(folder, ignore_errors=True)
        (target / "done").write_text("")
    return target


def _team_run(cli: str, files: list[str], lead: Path, runs: int) -> tuple[float, int]:
    """Return the median wall time and the largest peak RSS of the team report."""
    times, peaks = [], []
    argv = [cli, "team", "report", *files, "--week", "2026-W47", "--weeks", str(WEEKS),
            "--data-dir", str(lead)]
    for i in range(runs + 1):
        elapsed, peak = run_measured(argv)
        if i:  # the first run warms the disk cache
            times.append(elapsed)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def figures(runs: int = 7) -> list[Figure]:
    """Return the team figures: the report over 50 x 52 weeks, and the summary export."""
    cli = str(Path(PYTHON).with_name("pm-workload"))
    folder = summaries()
    files = sorted(str(p) for p in folder.glob("*.csv"))
    lead = Path(tempfile.mkdtemp(prefix="pmw-bench-lead-"))
    all_time, all_rss = _team_run(cli, files, lead, runs)
    _few_time, few_rss = _team_run(cli, files[:5], lead, runs)
    shutil.rmtree(lead, ignore_errors=True)
    found = [
        bounded(SECTION, f"team report, {PMS} PMs x {WEEKS} weeks", all_time * 1000, 1000),
        Figure(SECTION, f"peak memory, team report of {PMS} files (memory flat)",
               f"{all_rss / 1024:.0f} MB", f"{few_rss / 1024:.0f} MB team report of 5 files",
               all_rss / few_rss, "<= 1.5x", all_rss / few_rss <= 1.5),
    ]
    data = copy_data_dir(demo_data_dir(25_000))
    work = Path(tempfile.mkdtemp(prefix="pmw-bench-team-"))
    entries, summary = time_processes([
        [cli, "export", "--output", str(work / "entries.csv"), *YEAR, "--data-dir", str(data)],
        [cli, "export", "--summary", "--output", str(work / "summary.csv"), *YEAR,
         "--data-dir", str(data)]], runs)
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    found.append(compared(SECTION, "export --summary of a year (25k-entry database)", summary,
                          entries, "export (entries) of the year", 2))
    return found


def main() -> None:
    run_bench(__doc__, "Team report (median of {runs} whole-process runs)", figures, 7)


if __name__ == "__main__":
    main()
