"""Against the peers: the same demo entries in Watson (its JSON frames) and Timewarrior (its
data files), the same three pieces of work, each a whole process timed in the same run.

row               ours                          Watson                      Timewarrior
one-week summary  report --week 2026-W48        report --from … --to …      summary 2026-11-23 - 2026-11-30
all-time summary  report --week 2026-W48 --all  report --all                summary :all
full export       export --output - (CSV)       log --all --csv (frames)    export (JSON intervals)

Each entry becomes a Watson frame (project = title, tags = [kind, category]) and a Timewarrior
interval (tags: title, kind, category), in UTC; every process runs with TZ=UTC so days agree.
Watson is installed from PyPI into its own virtual environment in the bench cache, Timewarrior
from Debian's `timewarrior` package (installed with apt-get when missing and run as root); a
peer that cannot be installed or fails shows as "not available".

Run: .venv/bin/python -m tests.bench.bench_peers [--runs N] [--entries 25000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.bench.common import (
    CACHE,
    PYTHON,
    Figure,
    copy_data_dir,
    demo_data_dir,
    ms,
    print_figures,
    time_processes,
)

SECTION = "peers"
WEEK, MONDAY = "2026-W48", date(2026, 11, 23)
ENV = {"TZ": "UTC"}
NOT_AVAILABLE = "not available"

# (row, ours, Watson's, Timewarrior's) arguments; {first}/{last}/{next} are the week's days.
ROWS = (
    ("one-week summary", ["report", "--week", WEEK],
     ["report", "-G", "--from", "{first}", "--to", "{last}"], ["summary", "{first}", "-", "{next}"]),
    ("all-time summary", ["report", "--week", WEEK, "--all"], ["report", "-G", "--all"],
     ["summary", ":all"]),
    ("full export", ["export", "--output", "-"], ["log", "-G", "--all", "--csv"], ["export"]),
)
FOOTNOTE = ("peers: ours `report --week`, `report --all`, `export --output -` (entries CSV); Watson "
            "`report --from/--to`, `report --all`, `log --all --csv` (one row per frame: the closest "
            "to our entries CSV; `report --json` holds totals only); Timewarrior `summary <week>`, "
            "`summary :all`, `export` (JSON, one object per interval).")


# -- the peers, installed -------------------------------------------------------------------
def watson_command() -> list[str] | None:
    """Return the command that runs Watson from its own venv (made on first use), or None."""
    venv = CACHE / "watson-venv"
    exe = venv / "bin" / "watson"
    if not exe.exists():
        print("Installing td-watson into its own virtual environment…", file=sys.stderr)
        try:
            subprocess.run([PYTHON, "-m", "venv", "--clear", str(venv)], check=True,
                           capture_output=True, timeout=300)
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "td-watson"],
                           check=True, capture_output=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as error:
            print(f"Watson is not available: {error}", file=sys.stderr)
            return None
    return [str(exe)] if exe.exists() else None


def timew_command() -> list[str] | None:
    """Return the command that runs Timewarrior (apt-get installs it when root), or None."""
    exe = shutil.which("timew")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing timewarrior with apt-get…", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "timewarrior"]
        for steps in ([install], [["apt-get", "update", "-q"], install]):
            try:
                for step in steps:
                    subprocess.run(step, check=True, capture_output=True, env=env, timeout=600)
                break
            except (OSError, subprocess.SubprocessError):
                continue
        exe = shutil.which("timew")
    if exe is None:
        print("Timewarrior is not available: no `timew` and it could not be installed.",
              file=sys.stderr)
        return None
    return [exe]


# -- the same entries, in each peer's format ----------------------------------------------------
def entries_of(data: Path) -> list[tuple[int, datetime, datetime, str, str, str]]:
    """Return (id, start, stop, title, kind, category) of every entry, as UTC datetimes."""
    conn = sqlite3.connect(f"file:{data / 'pm-workload.db'}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT e.id, e.day, e.start, e.minutes, t.title, e.kind, COALESCE(c.name, '') "
            "FROM entries e JOIN tasks t ON t.id = e.task_id "
            "LEFT JOIN categories c ON c.id = e.category_id ORDER BY e.day, e.start, e.id").fetchall()
    finally:
        conn.close()
    out = []
    for entry_id, day, start, minutes, title, kind, category in rows:
        begin = datetime.fromisoformat(f"{day}T{start or '09:00'}").replace(tzinfo=UTC)
        out.append((entry_id, begin, begin + timedelta(minutes=minutes), title, kind, category))
    return out


def write_watson(entries, folder: Path) -> None:
    """Write ``entries`` as Watson's `frames` file: [start, stop, project, id, tags, updated_at]."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = [[int(begin.timestamp()), int(end.timestamp()), title,
               f"{entry_id * 0x9E3779B97F4A7C15 % 2**128:032x}", [kind, category], int(end.timestamp())]
              for entry_id, begin, end, title, kind, category in entries]
    (folder / "frames").write_text(json.dumps(frames), encoding="utf-8")


def _timew_tag(text: str) -> str:
    return text if re.fullmatch(r"[^\s\"#]+", text) else '"' + text.replace('"', '\\"') + '"'


def write_timew(entries, folder: Path) -> None:
    """Write ``entries`` as Timewarrior data files: data/YYYY-MM.data, one `inc` line each."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "timewarrior.cfg").write_text("", encoding="utf-8")
    months: dict[str, list[str]] = {}
    for _id, begin, end, title, kind, category in entries:
        tags = " ".join(_timew_tag(tag) for tag in (title, kind, category) if tag)
        months.setdefault(f"{begin:%Y-%m}", []).append(
            f"inc {begin:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {tags}\n")
    for month, lines in months.items():
        (folder / "data" / f"{month}.data").write_text("".join(lines), encoding="utf-8")


def peer_data(entries: int) -> Path:
    """Return a folder with watson/ and timew/ holding the demo data dir's entries (cached)."""
    source = demo_data_dir(entries)
    target = CACHE / f"peers-{source.name}-v1"
    if not (target / "done").exists():
        shutil.rmtree(target, ignore_errors=True)
        rows = entries_of(source)
        write_watson(rows, target / "watson")
        write_timew(rows, target / "timew")
        (target / "done").write_text(str(len(rows)))
    return target


# -- the figures ---------------------------------------------------------------------------
def _week_args(args: list[str]) -> list[str]:
    days = {"first": MONDAY, "last": MONDAY + timedelta(days=6), "next": MONDAY + timedelta(days=7)}
    return [arg.format(**{k: v.isoformat() for k, v in days.items()}) for arg in args]


def week_minutes(ours: list[str], watson: list[str] | None, timew: list[str] | None, env: dict
                 ) -> dict[str, int | None]:
    """Return the week's logged minutes as each program reports them (to check the data agree)."""
    run = {**os.environ, **env}
    found: dict[str, int | None] = {}
    out = subprocess.run([*ours, "report", "--week", WEEK, "--format", "json"], env=run,
                         capture_output=True, text=True)
    found["ours"] = round(json.loads(out.stdout)["headline"]["hours"] * 60) if not out.returncode else None
    if watson:
        out = subprocess.run([*watson, "report", "-G", "--json", *_week_args(ROWS[0][2][2:])],
                             env=run, capture_output=True, text=True)
        found["Watson"] = round(json.loads(out.stdout)["time"] / 60) if not out.returncode else None
    if timew:
        out = subprocess.run([*timew, *_week_args(ROWS[0][3])], env=run, capture_output=True, text=True)
        total = re.findall(r"^\s+(\d+):(\d\d):\d\d\s*$", out.stdout, re.MULTILINE)
        found["Timewarrior"] = int(total[-1][0]) * 60 + int(total[-1][1]) if total else None
    return found


def _works(argv: list[str], env: dict) -> bool:
    """Return whether a command runs (and say why not when it does not)."""
    environment = {**os.environ, **env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        subprocess.run(argv, env=environment, check=True, capture_output=True, timeout=600)
        return True
    except (OSError, subprocess.SubprocessError) as error:
        print(f"{argv[0]} failed, shown as {NOT_AVAILABLE}: {error}", file=sys.stderr)
        return False


def figures(runs: int = 5, sizes: tuple[int, ...] = (25_000, 100_000)) -> list[Figure]:
    """Return ours against Watson and Timewarrior on each row and size (goal: ratio < 1).

    Ours and the peers run in turns (time_processes), so the ratios share the machine's load.
    """
    ours = [str(Path(PYTHON).with_name("pm-workload"))]
    peers = {"Watson": watson_command(), "Timewarrior": timew_command()}
    found = []
    for entries in sizes:
        folder = peer_data(entries)
        data = copy_data_dir(demo_data_dir(entries))
        env = {**ENV, "WATSON_DIR": str(folder / "watson"), "TIMEWARRIORDB": str(folder / "timew")}
        minutes = week_minutes([*ours, "--data-dir", str(data)], peers["Watson"], peers["Timewarrior"],
                               env)
        if len(set(minutes.values())) != 1:
            print(f"The week's minutes differ between the programs: {minutes}", file=sys.stderr)
        size = f"{entries // 1000}k"
        for row, mine, watson, timew in ROWS:
            commands = {name: [*peers[name], *_week_args(args)]
                        for name, args in (("Watson", watson), ("Timewarrior", timew)) if peers[name]}
            our_argv = [*ours, *mine, "--data-dir", str(data)]
            # The warm-up run of each, which also tells whether a peer works at all.
            if not _works(our_argv, env):
                raise RuntimeError(f"{' '.join(our_argv)} failed")
            commands = {name: argv for name, argv in commands.items() if _works(argv, env)}
            timed = time_processes([our_argv, *commands.values()], runs, env, warm_up=False)
            our_time, peer_times = timed[0], dict(zip(commands, timed[1:], strict=True))
            for name in ("Watson", "Timewarrior"):
                measure = f"{row} ({size}) vs {name}"
                if name not in peer_times:
                    found.append(Figure(SECTION, measure, ms(our_time), NOT_AVAILABLE, None, "< 1x"))
                    continue
                ratio = our_time / peer_times[name]
                found.append(Figure(SECTION, measure, ms(our_time), f"{ms(peer_times[name])} {name}",
                                    ratio, "< 1x", ratio < 1))
        shutil.rmtree(data, ignore_errors=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", type=int, nargs="+", default=[25_000, 100_000])
    args = parser.parse_args()
    print_figures(f"Peers (median of {args.runs} whole-process runs)",
                  figures(args.runs, tuple(args.entries)))
    print(FOOTNOTE)


if __name__ == "__main__":
    main()
