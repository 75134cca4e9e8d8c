"""`pm-workload calendar import` and `pm-workload rules`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import run
from app.clock import FixedClock
from tests.conftest import TODAY

FILES = Path(__file__).parent / "app" / "calendars"
GOOGLE = str(FILES / "google.ics")


@pytest.fixture
def cli(tmp_path, capsys, berlin):
    clock = FixedClock(TODAY)

    def call(*args: str):
        try:
            code = run([*args, "--data-dir", str(tmp_path / "data")], clock=clock)
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return call


def test_import_a_week_as_json_then_again_adds_nothing(cli):
    code, out, _ = cli("calendar", "import", GOOGLE, "--week", "2026-W47",
                       "--default-kind", "operational", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["entries"][0] == {
        "title": "Team stand-up", "date": "2026-11-16", "start": "09:00", "minutes": 15,
        "kind": "operational", "category": None, "classified_by": "default"}
    assert len(document["entries"]) == 6
    assert {(s["title"], s["reason"]) for s in document["skipped"]} >= {
        ("Team offsite", "all-day"), ("Status sync with Sales", "declined"),
        ("Focus time", "shown as free"), ("Team stand-up", "cancelled"),
        ("ProductCon", "longer than a day")}
    code, out, _ = cli("list", "--week", "2026-W47", "--format", "json")
    assert len(json.loads(out)) == 6
    code, out, _ = cli("calendar", "import", GOOGLE, "--week", "2026-W47", "--default-kind", "operational")
    assert code == 0 and "Nothing to import: 0 entries; 6 occurrences logged or dismissed before" in out


def test_unclassified_events_are_listed_and_nothing_is_written(cli):
    code, out, err = cli("calendar", "import", GOOGLE, "--week", "2026-W47")
    assert code == 2
    assert "To classify (6 events with no kind)" in out and "Release night" in out
    assert "no kind" in err and "--default-kind" in err
    assert cli("list", "--week", "2026-W47", "--format", "json")[1].strip() == "[]"


def test_rules_classify_the_import(cli):
    assert cli("rules", "add", "stand-up", "--kind", "operational", "--category", "Delivery")[0] == 0
    assert cli("rules", "add", "release|grooming|qbr", "--regex", "--kind", "strategic")[0] == 0
    code, out, _ = cli("rules", "list")
    assert "stand-up" in out and "regex" in out and "Delivery coordination" in out
    code, out, _ = cli("calendar", "import", GOOGLE, "--week", "2026-W47", "--dry-run")
    assert code == 0 and "Dry run, nothing written: would import 6 entries" in out
    assert cli("rules", "remove", "2")[0] == 0
    code, _, err = cli("rules", "remove", "2")
    assert code == 2 and "no rule 2; rules are numbered 1 to 1" in err


def test_me_is_remembered_and_changes_what_is_declined(cli):
    code, out, _ = cli("calendar", "import", GOOGLE, "--week", "2026-W47", "--default-kind",
                       "operational", "--me", "Lead@Example.com", "--format", "json")
    assert code == 0
    assert "Status sync with Sales" in [e["title"] for e in json.loads(out)["entries"]]


@pytest.mark.parametrize("content, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", "cut short"),
])
def test_bad_files_exit_2_with_a_message(cli, tmp_path, content, words):
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    code, _, err = cli("calendar", "import", str(path), "--default-kind", "operational")
    assert code == 2 and words in err


def test_a_bad_event_blocks_the_import_unless_skipped(cli, tmp_path):
    from tests.app.test_calendar import BAD_AMONG_GOOD

    path = tmp_path / "work.ics"
    path.write_text(BAD_AMONG_GOOD)
    code, out, err = cli("calendar", "import", str(path), "--week", "2026-W47", "--default-kind",
                         "strategic")
    assert code == 2 and "line 9: event 'Broken date' (UID bad-date)" in out
    assert "--skip-bad-events" in err
    code, out, _ = cli("calendar", "import", str(path), "--week", "2026-W47", "--default-kind",
                       "strategic", "--skip-bad-events")
    assert code == 0 and "Imported 1 entry" in out


def test_everything_stops_at_today_for_a_rule_that_never_ends(cli):
    code, out, _ = cli("calendar", "import", GOOGLE, "--default-kind", "operational", "--format", "json")
    document = json.loads(out)
    assert (document["from"], document["to"]) == ("2026-11-02", "2026-11-24")
    assert max(e["date"] for e in document["entries"]) == "2026-11-24"
