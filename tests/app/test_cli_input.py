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


# -- add: the options complete the quick-add line -------------------------------------------
def test_an_option_completes_the_line_instead_of_replacing_its_parsing(cli, data):
    code, out, err = cli("add", "Weekly status deck 45m ops #status", "--start", "09:00")
    assert (code, err) == (0, "")
    assert out == ("Saved: Weekly status deck · 45 min · operational · Status reports & decks · "
                   "Tue 24 Nov 2026 09:00\n")
    (entry,) = _entries(data)
    assert entry[2:6] == ("2026-11-24", "09:00", 45, "operational")


def test_options_fill_what_the_line_leaves_out(cli):
    code, out, _ = cli("add", "Roadmap review", "--minutes", "60", "--kind", "strategic",
                       "--category", "vision", "--date", "yesterday")
    assert code == 0
    assert "Roadmap review · 1 h · strategic · Vision, strategy & roadmap · Mon 23 Nov" in out
    code, out, _ = cli("add", "Deck 30m", "--kind", "o", "--category", "Budget", "--create-category")
    assert code == 0 and "Deck · 30 min · operational · Budget" in out


def test_an_option_that_agrees_with_the_line_is_fine(cli):
    code, out, _ = cli("add", "Deck 45m ops #status yesterday 14:00", "--minutes", "45m",
                       "--kind", "operational", "--category", "Status reports",
                       "--date", "2026-11-23", "--start", "14:00")
    assert code == 0 and "Deck · 45 min · operational · Status reports & decks · Mon 23 Nov" in out


@pytest.mark.parametrize(("line", "option", "says"), [
    ("Deck 45m ops", ("--minutes", "30"), "The line says 45 min but --minutes says 30 min"),
    ("Plan Q3 ops 5m", ("--kind", "strategic"), "The line says operational but --kind says strategic"),
    ("Deck 5m o #tool", ("--category", "status"),
     "The line says Tool admin but --category says Status reports & decks"),
    ("Deck 5m o yesterday", ("--date", "today"), "The line says 2026-11-23 but --date says 2026-11-24"),
    ("Deck 5m o 14:00", ("--start", "09:00"), "The line says 14:00 but --start says 09:00"),
])
def test_an_option_that_disagrees_with_the_line_is_an_error_and_nothing_is_saved(
        cli, data, line, option, says):
    code, out, err = cli("add", line, *option)
    assert (code, out) == (2, "")
    assert says in err
    assert _entries(data) == []


def test_a_quoted_title_keeps_its_field_words_beside_options(cli):
    code, out, _ = cli("add", '"Plan Q3 ops"', "--kind", "strategic", "--minutes", "5")
    assert code == 0 and "Saved: Plan Q3 ops · 5 min · strategic" in out


def test_a_bad_field_at_the_end_of_a_title_beside_its_option_says_to_quote(cli, data):
    code, _, err = cli("add", "Roadmap review 2027", "--minutes", "1h30", "--kind", "s")
    assert code == 2 and "'2027' is more than a day" in err and "double quotes" in err
    assert _entries(data) == []
