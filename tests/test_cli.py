"""The command line: add, list, timer, demo, --version, --help; exit codes 0 / 1 / 2.

Most cases run in-process through app.cli.run (fast); a few run `python -m app` for real.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.cli import run
from app.clock import FixedClock
from storage.paths import DB_FILENAME
from storage.schema import SCHEMA_VERSION
from tests.helpers import snapshot

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 24, 10, 30)  # Tuesday of 2026-W48


def _stand_at(clock: FixedClock, *moment: int) -> None:
    """Move the command line's clock (conftest's: Tue 2026-11-24 10:30) to a local moment."""
    clock.moment = datetime(*moment).astimezone()


@pytest.fixture
def data(tmp_path):
    return tmp_path / "cli-data"


@pytest.fixture
def cli(data, clock, capsys):
    """Run a command against the test data dir; return (exit code, stdout, stderr)."""

    def call(*args: str, data_dir: Path | None = data):
        argv = [*args, "--data-dir", str(data_dir)] if data_dir is not None else list(args)
        try:
            code = run(argv, clock=clock)
        except SystemExit as exit_:  # argparse: usage errors, --help, --version
            code = exit_.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return call


def _rows(data: Path) -> dict:
    return snapshot(data / DB_FILENAME)


# -- add --------------------------------------------------------------------------------------
def test_add_a_quick_add_line(cli, data):
    code, out, err = cli("add", "Customer interview with Acme 1h30 strategic #discovery yesterday 14:00")
    assert (code, err) == (0, "")
    assert out.startswith("Saved: Customer interview with Acme · 1 h 30 min · strategic")
    assert "Mon 23 Nov 2026 14:00" in out
    (entry,) = _rows(data)["entries"]
    assert entry[2:6] == ("2026-11-23", "14:00", 90, "strategic")


def test_add_a_line_given_as_several_words(cli, data):
    code, out, _ = cli("add", "Weekly", "status", "deck", "45m", "ops", "#status")
    assert code == 0 and "Weekly status deck · 45 min · operational · Status reports & decks" in out


def test_add_a_title_with_options(cli, data):
    # The line is read as a quick-add line even beside options: quotes keep "2027" in the title.
    code, out, _ = cli("add", '"Roadmap review 2027"', "--minutes", "1h30", "--kind", "s",
                       "--category", "roadmap", "--date", "mon", "--start", "09:00", "--note", "Q1")
    assert code == 0
    assert "Roadmap review 2027 · 1 h 30 min · strategic · Vision, strategy & roadmap" in out
    (entry,) = _rows(data)["entries"]
    assert entry[2:8] == ("2026-11-23", "09:00", 90, "strategic", 3, "Q1")


def test_add_creates_a_category_only_when_asked(cli, data):
    assert cli("add", "Budget 30m o #Budget planning")[0] == 2
    code, out, _ = cli("add", "Budget 30m o #Budget planning", "--create-category")
    assert code == 0 and "Budget planning" in out


@pytest.mark.parametrize(("args", "says"), [
    (["   "], "Type what you worked on"),
    (["Deck 45m"], "strategic or operational"),
    (["Deck ops #status"], "how long"),
    (["Deck 0m ops"], "0m"),
    (["Deck 1441 ops"], "1441"),
    (["Deck 45m ops #nosuch"], "#nosuch"),
    (["Deck 45m ops #s"], "more than one"),
    (["Deck 45m ops 2026-11-26"], "future"),
    (["Deck 45m ops 2026-02-30"], "2026-02-30"),
    (["Deck 45m ops 24:30"], "24:30"),
    (["t" * 201 + " 45m ops"], "200"),
    (["Deck 45m ops", "--note", "n" * 10_001], "10,000"),
    (["Deck", "--minutes", "0", "--kind", "s"], "--minutes"),
    (["Deck", "--minutes", "forever", "--kind", "s"], "forever"),
    (["Deck", "--minutes", "30", "--kind", "tactical"], "tactical"),
    (["Deck", "--minutes", "30", "--kind", "s", "--category", "nope"], "nope"),
    (["Deck", "--minutes", "30", "--kind", "s", "--date", "someday"], "someday"),
    (["Deck", "--minutes", "30", "--kind", "s", "--date", "2027-01-01"], "future"),
    (["Deck", "--minutes", "30", "--kind", "s", "--start", "25:00"], "25:00"),
    (["Deck", "--minutes", "30", "--kind", "s", "--start", "soon"], "soon"),
    (["Deck", "--kind", "s"], "how long"),
    ([], "LINE"),
])
def test_bad_input_exits_2_names_the_problem_and_writes_nothing(cli, data, args, says):
    assert cli("add", "Seed entry 30m s")[0] == 0
    before = _rows(data)
    code, out, err = cli("add", *args)
    assert code == 2
    assert says in err
    assert out == ""
    assert _rows(data) == before


# -- list -----------------------------------------------------------------------------------------
@pytest.fixture
def logged(cli):
    for line in ("Weekly status deck 45m ops #status", "Customer interview 1h30 s #discovery mon 14:00",
                 'Notes, "quoted" 20m o #tool 2026-11-20', "Roadmap 1h s #roadmap 2026-11-16"):
        assert cli("add", line)[0] == 0


def test_list_shows_this_week_by_default(cli, logged):
    code, out, _ = cli("list")
    assert code == 0
    assert "Mon 23 Nov 2026 – Sun 29 Nov 2026" in out
    assert "Customer interview" in out and "Weekly status deck" in out
    assert "Roadmap" not in out and "Notes" not in out
    assert "2 entries · 2 h 15 min · strategic 67 % (target 50 %)" in out
    assert out.index("Customer interview") < out.index("Weekly status deck")


def test_list_an_empty_week(cli, logged):
    code, out, _ = cli("list", "--week", "2026-W40")
    assert code == 0 and "No entries" in out


def test_list_as_json(cli, logged):
    code, out, _ = cli("list", "--from", "2026-11-16", "--to", "today", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["Roadmap", 'Notes, "quoted"', "Customer interview",
                                          "Weekly status deck"]
    assert rows[2] == {"id": 2, "date": "2026-11-23", "start": "14:00", "minutes": 90,
                       "kind": "strategic", "category": "Customer discovery & interviews",
                       "title": "Customer interview", "note": ""}


def test_list_as_csv_quotes_what_needs_it(cli, logged):
    code, out, _ = cli("list", "--week", "2026-W47", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["date"], r["title"], r["minutes"]) for r in rows] == [
        ("2026-11-16", "Roadmap", "60"), ("2026-11-20", 'Notes, "quoted"', "20")]


def test_list_weeks_follow_the_week_start_setting(cli, logged, service):
    service.settings.update(week_start="sunday")
    code, out, _ = cli("list", "--week", "2026-W47", "--format", "json")
    assert code == 0
    # The Sunday-start week holding Mon 16 Nov runs Sun 15 – Sat 21.
    assert [r["date"] for r in json.loads(out)] == ["2026-11-16", "2026-11-20"]


@pytest.mark.parametrize(("args", "says"), [
    (["--week", "48"], "2026-W48"),
    (["--week", "2026-W54"], "no week 54"),
    (["--from", "2026-13-01"], "2026-13-01"),
    (["--from", "last spring"], "last spring"),
    (["--from", "2026-11-20", "--to", "2026-11-01"], "after"),
    (["--week", "2026-W48", "--from", "2026-11-01"], "either"),
    (["--format", "xml"], "xml"),
])
def test_list_bad_input_exits_2(cli, logged, data, args, says):
    before = _rows(data)
    code, out, err = cli("list", *args)
    assert code == 2 and says in err and out == ""
    assert _rows(data) == before


# -- timer ----------------------------------------------------------------------------------------
def test_timer_start_status_stop(cli, data, clock):
    assert cli("timer", "status")[1] == "No timer is running.\n"
    code, out, _ = cli("timer", "start", "Competitor teardown #market")
    assert code == 0 and "Timer started at 10:30: Competitor teardown · strategic" in out
    _stand_at(clock, 2026, 11, 24, 11, 15)
    code, out, _ = cli("timer", "status")
    assert code == 0 and "(45 min): Competitor teardown" in out
    code, out, _ = cli("timer", "stop")
    assert code == 0 and "Saved: Competitor teardown · 45 min · strategic" in out
    assert _rows(data)["timer"] == []
    assert len(_rows(data)["entries"]) == 1


def test_timer_stop_at_a_given_time(cli, data, clock):
    cli("timer", "start", "Deck ops 09:00")
    code, out, _ = cli("timer", "stop", "--at", "10:00")
    assert code == 0 and "1 h" in out and "09:00" in out


def test_timer_past_midnight_needs_yes(cli, data, clock):
    _stand_at(clock, 2026, 11, 23, 23, 0)
    assert cli("timer", "start", "Incident write-up ops")[0] == 0
    _stand_at(clock, 2026, 11, 24, 0, 40)
    before = _rows(data)
    code, out, err = cli("timer", "stop")
    assert code == 2 and "midnight" in err and "--yes" in err and "--at" in err
    assert _rows(data) == before
    code, out, _ = cli("timer", "stop", "--yes")
    assert code == 0 and "1 h 40 min" in out and "Mon 23 Nov 2026 23:00" in out


def test_timer_stop_at_a_time_before_midnight_after_midnight(cli, data, clock):
    _stand_at(clock, 2026, 11, 23, 23, 0)
    cli("timer", "start", "Incident write-up ops")
    _stand_at(clock, 2026, 11, 24, 0, 40)
    code, out, err = cli("timer", "stop", "--at", "23:30")  # last night, not tonight
    assert (code, err) == (0, "")
    assert "30 min" in out and "Mon 23 Nov 2026 23:00" in out


def test_timer_stop_at_a_time_still_to_come_is_refused(cli, data, clock):
    cli("timer", "start", "Deck ops 09:00")
    before = _rows(data)
    code, _, err = cli("timer", "stop", "--at", "11:00")
    assert code == 2 and "still to come" in err
    assert _rows(data) == before


def test_timer_over_12_hours_can_be_stopped_earlier(cli, data, clock):
    _stand_at(clock, 2026, 11, 24, 7, 0)
    cli("timer", "start", "Deck ops")
    _stand_at(clock, 2026, 11, 24, 20, 0)
    code, _, err = cli("timer", "stop")
    assert code == 2 and "12 hours" in err
    code, out, _ = cli("timer", "stop", "--at", "12:00")
    assert code == 0 and "5 h" in out


def test_timer_discard(cli, data):
    cli("timer", "start", "Deck ops")
    code, out, _ = cli("timer", "discard")
    assert code == 0 and "Discarded the timer for 'Deck'" in out
    assert _rows(data)["timer"] == [] and _rows(data)["entries"] == []


@pytest.mark.parametrize("args", [
    ["stop"], ["discard"], ["start", "Deck"], ["start", "Deck ops #nosuch"], ["start", "Deck s 23:00"],
    ["stop", "--at", "25:00"], ["launch"], [],
])
def test_timer_bad_input_exits_2(cli, data, args):
    cli("list")  # create the database
    before = _rows(data)
    code, out, err = cli("timer", *args)
    assert code == 2 and err.strip()
    assert _rows(data) == before


def test_timer_start_while_one_runs_switches_and_says_so(cli, data, clock):
    cli("timer", "start", "Deck ops")
    clock.advance(minutes=20)
    code, out, err = cli("timer", "start", "Other ops")
    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first.startswith("Stopped the running timer and saved: Deck · 20 min · operational")
    assert second.startswith("Timer started at 10:50: Other")
    assert [row[2:5] for row in _rows(data)["entries"]] == [("2026-11-24", "10:30", 20)]
    assert _rows(data)["timer"][0][1] == "Other"


def test_timer_continue_an_entry_or_the_last_one(cli, data, clock):
    cli("add", "Customer call 30m s #discovery yesterday")
    cli("add", "Deck review 20m ops #status")
    code, out, _ = cli("timer", "continue", "1")
    assert code == 0 and out.startswith("Timer started at 10:30: Customer call · strategic")
    clock.advance(minutes=5)
    code, out, _ = cli("timer", "continue")
    assert code == 0
    assert "saved: Customer call · 5 min" in out
    assert "Timer started at 10:35: Deck review · operational · Status reports" in out


def test_timer_continue_without_entries_exits_2(cli, data):
    code, _, err = cli("timer", "continue")
    assert code == 2 and "no entry to continue" in err


def test_an_untitled_timer_is_named_with_stop_title(cli, data, clock):
    code, out, _ = cli("timer", "start")
    assert code == 0 and out.startswith("Untitled timer started at 10:30")
    clock.advance(minutes=45)
    assert "untitled" in cli("timer", "status")[1]
    before = _rows(data)
    code, _, err = cli("timer", "stop")
    assert code == 2 and "no title yet" in err
    assert _rows(data) == before
    code, out, _ = cli("timer", "stop", "--title", "Pricing memo s #vision")
    assert code == 0 and out.startswith("Saved: Pricing memo · 45 min · strategic")


# -- demo -----------------------------------------------------------------------------------------
def test_demo_fills_an_empty_data_dir_deterministically(cli, data, tmp_path):
    code, out, _ = cli("demo", "--weeks", "3", "--seed", "5")
    assert code == 0 and "demo entries over 3 weeks" in out
    other = tmp_path / "other"
    assert cli("demo", "--weeks", "3", "--seed", "5", data_dir=other)[0] == 0
    assert _rows(data)["entries"] != []

    def content(where):  # everything but the write time stamps
        return [row[:8] for row in _rows(where)["entries"]]

    assert content(data) == content(other)


def test_demo_refuses_a_data_dir_with_entries_unless_forced(cli, data):
    cli("add", "My real work 30m s")
    before = (data / DB_FILENAME).read_bytes()
    rows = _rows(data)
    code, out, err = cli("demo", "--weeks", "2")
    assert code == 2 and "--force" in err and "1 entr" in err
    assert _rows(data) == rows
    assert (data / DB_FILENAME).read_bytes() == before

    code, out, _ = cli("demo", "--weeks", "2", "--force")
    assert code == 0 and "kept in" in out
    copies = [p for p in data.rglob("*.db") if p != data / DB_FILENAME]
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    conn.close()
    titles = {row[1] for row in _rows(data)["tasks"]}
    assert "My real work" not in titles and len(titles) > 5  # replaced by demo tasks


@pytest.mark.parametrize("args", [["--weeks", "0"], ["--weeks", "many"], ["--seed", "x"]])
def test_demo_bad_input_exits_2(cli, data, args):
    code, _, err = cli("demo", *args)
    assert code == 2 and err.strip()
    assert not (data / DB_FILENAME).exists()


# -- the data dir ------------------------------------------------------------------------------------
def test_the_environment_variable_names_the_data_dir(cli, monkeypatch, tmp_path):
    env_dir = tmp_path / "from-env"
    monkeypatch.setenv("PM_WORKLOAD_DATA_DIR", str(env_dir))
    assert cli("add", "Deck 30m s", data_dir=None)[0] == 0
    assert (env_dir / DB_FILENAME).exists()
    flag_dir = tmp_path / "from-flag"
    assert cli("add", "Deck 30m s", data_dir=flag_dir)[0] == 0  # --data-dir wins over the env
    assert len(_rows(env_dir)["entries"]) == 1 and len(_rows(flag_dir)["entries"]) == 1


def test_without_override_the_data_lives_in_the_user_data_dir(cli, monkeypatch):
    monkeypatch.delenv("PM_WORKLOAD_DATA_DIR")
    assert cli("add", "Deck 30m s", data_dir=None)[0] == 0
    # The autouse fixture points XDG_DATA_HOME (what platformdirs reads on Linux) at a temp dir.
    if sys.platform.startswith("linux"):
        assert (Path(os.environ["XDG_DATA_HOME"]) / "pm-workload" / DB_FILENAME).exists()


def test_data_dir_may_come_before_the_command(cli, data):
    code, _, _ = cli("--data-dir", str(data), "add", "Deck 30m s", data_dir=None)
    assert code == 0 and len(_rows(data)["entries"]) == 1


# -- storage failures exit 1 --------------------------------------------------------------------------
def test_a_file_that_is_not_a_database_exits_1_untouched(cli, data):
    data.mkdir()
    (data / DB_FILENAME).write_text("not a database\n")
    code, out, err = cli("list")
    assert code == 1
    assert "not a PM Workload database" in err and "untouched" in err
    assert (data / DB_FILENAME).read_text() == "not a database\n"


def test_a_newer_database_exits_1_untouched(cli, data):
    cli("add", "Deck 30m s")
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = (data / DB_FILENAME).read_bytes()
    code, _, err = cli("add", "Deck 30m s")
    assert code == 1 and "newer version" in err
    assert (data / DB_FILENAME).read_bytes() == before


@pytest.mark.parametrize("command", [["list"], ["add", "Deck 30m ops"], ["backup"]])
@pytest.mark.parametrize("inside", [False, True])
def test_a_data_dir_that_is_a_file_exits_2_and_creates_nothing(cli, tmp_path, command, inside):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    before = sorted(os.listdir(tmp_path))
    code, _, err = cli(*command, data_dir=blocker / "sub" if inside else blocker)
    assert code == 2 and f"{blocker} is a file" in err and "not a folder" in err
    assert sorted(os.listdir(tmp_path)) == before and blocker.read_text() == "x"


# -- --version, --help ----------------------------------------------------------------------------------
def test_version(cli):
    from app import __version__

    code, out, _ = cli("--version", data_dir=None)
    assert code == 0 and out.strip() == f"pm-workload {__version__}"


def test_help_lists_every_command_with_examples_and_exit_codes(cli):
    from app.cli import COMMAND_MODULES

    code, out, _ = cli("--help", data_dir=None)
    assert code == 0
    assert "examples:" in out and "Exit codes" in out
    for command in COMMAND_MODULES:
        assert re.search(rf"^\s+{command}\s", out, re.MULTILINE), command
    # Every command the help mentions must exist.
    for mentioned in re.findall(r"^\s+pm-workload (\w[\w-]*)", out, re.MULTILINE):
        assert mentioned in COMMAND_MODULES, f"the help mentions `pm-workload {mentioned}`"


@pytest.mark.parametrize("command", ["add", "list", "timer", "demo"])
def test_each_command_has_help(cli, command):
    code, out, _ = cli(command, "--help", data_dir=None)
    assert code == 0 and "--data-dir" in out


def test_main_is_the_entry_point(data, capsys):
    from app.main import main

    assert main(["add", "Deck 30m s", "--data-dir", str(data)], clock=FixedClock(NOW)) == 0
    assert "Saved: Deck · 30 min · strategic · no category · Tue 24 Nov 2026" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--smoke-test", "--data-dir", "/tmp/x"], ["--data-dir=/tmp/é x", "--demo"],
    ["--data-dir", "a", "--data-dir", "b"], ["--data-dir", ""],
])
def test_the_window_options_are_read_as_the_parser_reads_them(argv):
    """`pm-workload` without a command skips building the parser; it must agree with it."""
    from app.cli import build_parser
    from app.main import window_options

    quick = window_options(argv)
    assert quick is not None
    args = build_parser(argv).parse_args(argv)
    assert args.command is None
    assert quick == {"data_dir": getattr(args, "data_dir", None), "demo": args.demo,
                     "smoke_test": args.smoke_test}


def test_anything_but_the_window_options_goes_to_the_parser():
    from app.main import window_options

    # commands, help, abbreviations, missing values, unknown options
    for argv in (["list"], ["--help"], ["-h"], ["--version"], ["--dem"], ["--data", "x"],
                 ["--data-dir"], ["--data-dir", "--demo"], ["--demo", "add", "x 5m"], ["--nosuch"],
                 ["--", "x"]):
        assert window_options(argv) is None, argv


# -- for real, in a subprocess ---------------------------------------------------------------------------
def _python_m_app(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=60, env={**os.environ, **(env or {})},
    )


@pytest.mark.slow
def test_end_to_end_add_then_list(data):
    added = _python_m_app("add", "Weekly status deck 45m ops #status", "--data-dir", str(data))
    assert added.returncode == 0, added.stderr
    assert "Saved: Weekly status deck" in added.stdout
    listed = _python_m_app("list", "--from", "2000-01-01", "--format", "json", "--data-dir", str(data))
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert (row["title"], row["minutes"], row["kind"]) == ("Weekly status deck", 45, "operational")


@pytest.mark.slow
def test_end_to_end_user_errors_are_messages_not_tracebacks(data, tmp_path):
    bad = _python_m_app("add", "Deck 45m ops #nosuch", "--data-dir", str(data))
    assert bad.returncode == 2
    assert bad.stderr.startswith("pm-workload: ") and "#nosuch" in bad.stderr
    assert "Traceback" not in bad.stderr and bad.stdout == ""

    not_ours = tmp_path / "not-ours"
    not_ours.mkdir()
    (not_ours / DB_FILENAME).write_bytes(b"\x00\x01 binary junk")
    broken = _python_m_app("list", "--data-dir", str(not_ours))
    assert broken.returncode == 1
    assert "not a PM Workload database" in broken.stderr and "Traceback" not in broken.stderr
    assert (not_ours / DB_FILENAME).read_bytes() == b"\x00\x01 binary junk"


@pytest.mark.slow
def test_start_up_leaves_qt_matplotlib_and_sqlite_utils_out(data):
    assert _python_m_app("add", "Deck 30m s", "--data-dir", str(data)).returncode == 0
    script = f"""
import sys
import app, app.workload, app.cli, storage
from app.cli import run
code = run(["list", "--data-dir", {str(data)!r}])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "matplotlib", "sqlite_utils"))
print("HEAVY", heavy, code)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Deck" in done.stdout
    assert "HEAVY [] 0" in done.stdout, done.stdout
