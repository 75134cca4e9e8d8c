"""The command line against hostile input: bytes that are not UTF-8, weeks and dates at the
ends of the calendar, control characters, options beside a quick-add line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.cli import run
from app.clock import Clock
from storage.paths import DB_FILENAME
from tests.helpers import snapshot

NOW = datetime(2026, 11, 24, 10, 30)  # Tuesday of 2026-W48


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    monkeypatch.setattr(Clock, "now", lambda self: NOW.astimezone())


@pytest.fixture
def data(tmp_path):
    return tmp_path / "cli-data"


@pytest.fixture
def cli(data, capsys):
    """Run a command against the test data dir; return (exit code, stdout, stderr)."""

    def call(*args: str):
        try:
            code = run([*args, "--data-dir", str(data)])
        except SystemExit as exit_:  # argparse: usage errors
            code = exit_.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "not your fault" not in err
        return code, out, err

    return call


def _entries(data: Path) -> list[tuple]:
    return snapshot(data / DB_FILENAME)["entries"] if (data / DB_FILENAME).exists() else []


# -- bytes that are not UTF-8 (POSIX argv decoded with surrogateescape) -----------------------
CAFE = "Caf\udce9"  # b"Caf\xe9" (Latin-1) as Python hands it over


@pytest.mark.parametrize(("args", "named"), [
    (("add", f"{CAFE} 30m ops"), "LINE"),
    (("add", "Deck 30m ops", "--note", f"for {CAFE}"), "--note"),
    (("add", "Deck 30m ops", f"--category={CAFE}"), "--category"),
    (("timer", "start", "Deck ops", "--note", CAFE), "--note"),
    (("peers", "import", "peer.csv", "--label", CAFE), "--label"),
    (("tasks", "set", CAFE, "--checklist", "3"), "TITLE"),
    (("list", "--week", f"2026-W4{CAFE}"), "--week"),
])
def test_an_argument_that_is_not_utf8_is_named_and_nothing_is_written(cli, data, args, named):
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert err.startswith(f"pm-workload: {named} is not UTF-8 text (")
    assert "Caf\\xe9" in err  # the byte shown as it was, not a surrogate
    assert _entries(data) == []


def test_a_file_name_that_is_not_utf8_is_a_file_name(cli):
    code, _, err = cli("import", f"/nonexistent/{CAFE}.csv")
    assert code == 2 and "is not UTF-8 text" not in err


# -- weeks and days at the ends of the calendar ---------------------------------------------
@pytest.mark.parametrize("week", ["9999-W52", "0001-W01"])
@pytest.mark.parametrize("command", [
    ("list",), ("report",), ("export", "--output", "-"), ("export", "--output", "-", "--summary"),
    ("peers", "compare"),
])
def test_a_week_out_of_range_is_named_exit_2(cli, command, week):
    code, out, err = cli(*command, "--week", week)
    assert (code, out) == (2, "")
    assert f"'{week}' is out of range" in err


def test_a_peers_summary_with_weeks_out_of_range_is_refused(cli, tmp_path):
    summary = tmp_path / "peer.csv"
    summary.write_text("week,week_start,category,kind,hours\n"
                       "2026-W47,2026-11-16,Tool admin,operational,2\n"
                       "9999-W52,9999-12-27,Tool admin,operational,2\n", encoding="utf-8")
    code, _, err = cli("peers", "import", str(summary), "--label", "Peer A")
    assert code == 2 and "row 3, week: '9999-W52' is out of range" in err
    assert cli("peers", "compare")[1].startswith("No weeks to compare")


@pytest.mark.parametrize("args", [("--from", "9999-12-31", "--to", "9999-12-31"),
                                  ("--from", "0001-01-01", "--to", "0001-01-07")])
def test_days_at_the_ends_of_the_calendar_list_nothing(cli, args):
    assert cli("list", *args)[0] == 0
    assert cli("export", "--output", "-", "--summary", *args)[0] == 0


# -- control characters ----------------------------------------------------------------------
def test_controls_typed_on_the_command_line_are_not_saved(cli, data):
    code, out, _ = cli("add", "Deck\x1b[2J\x07 30m ops #status", "--note", "a\x00b")
    assert code == 0 and "\x1b" not in out
    (entry,) = _entries(data)
    assert "\x1b" not in str(entry) and "\x00" not in str(entry)


def test_controls_stored_before_are_printed_escaped(cli, data):
    import sqlite3

    assert cli("add", "Deck 30m ops #status", "--note", "n")[0] == 0
    conn = sqlite3.connect(data / DB_FILENAME)
    with conn:
        conn.execute("UPDATE tasks SET title = 'Deck' || char(27) || '[2J' || char(8238) || 'x'")
        conn.execute("UPDATE categories SET name = name || char(7) WHERE name LIKE 'Status%'")
    conn.close()
    for command in (("list",), ("list", "--format", "csv"), ("list", "--format", "json"),
                    ("report",), ("tasks",)):
        code, out, _ = cli(*command)
        assert code == 0, command
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, command
    assert "Deck\\u001b[2J\\u202ex" in cli("list", "--format", "csv")[1]
    import json

    assert json.loads(cli("list", "--format", "json")[1])[0]["title"] == "Deck\x1b[2J\u202ex"
