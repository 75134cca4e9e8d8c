"""`pm-workload report` and `pm-workload tasks`: the review's figures on the command line."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from app.cli import run
from app.clock import Clock
from app.domain import EntryDraft, HandoffStatus, Kind, Needed


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The command line reads the system clock; stand it on Tue 2026-11-24 like the fixtures.
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


@pytest.fixture
def logged(service, data_dir):
    """Two weeks: W47 and W48 (Mon 23 – Sun 29 Nov 2026)."""
    for monday in (date(2026, 11, 16), date(2026, 11, 23)):
        service.entries.log(EntryDraft("Weekly status deck", 180, Kind.OPERATIONAL,
                               "Status reports & decks", monday))
        service.entries.log(EntryDraft("Roadmap review", 120, Kind.STRATEGIC,
                               "Vision, strategy & roadmap", monday))
    service.entries.log(EntryDraft("Answer support questions", 45, Kind.OPERATIONAL,
                           "Feedback triage & internal Q&A", date(2026, 11, 24)))
    service.tasks.set_judgement("Weekly status deck", checklist=4, needed="needed")
    return ["--data-dir", str(data_dir)]


def test_report_text(logged, capsys):
    assert run(["report", "--week", "2026-W48", "--weeks", "2", *logged]) == 0
    out = capsys.readouterr().out
    assert "2026-W48 (Mon 23 Nov – Sun 29 Nov 2026): 5.8 h logged on 2 days" in out
    # W48 is not over: the look-back is W44–W47, of which only W47 has anything logged.
    assert ("Strategic share: 35 % (target 50 %; 40 % over the 4 completed weeks "
            "26 Oct – 22 Nov)") in out
    assert "Hand-off candidates, over the 4 completed weeks 26 Oct – 22 Nov (score" in out
    # 180 min in the 1 week with anything logged (the 3 before it are empty, weeks before
    # the app was used): H 3.0, R 1/1, P 4: 3.0 x 1 x 0.8 = 2.4 h a week back.
    assert ("Weekly status deck: 3.0 h a week, 1 of 1 week, checklist 4/5 -> "
            "hand to ProductOps: 2.4 h a week back") in out
    assert "2026-W47  Mon 16 Nov          2.0            3.0      5.0       40 %" in out
    assert "2026-W48  Mon 23 Nov          2.0            3.8      5.8       35 %" in out
    # The support questions are of W48 alone: they come up to rate once W48 is over.
    assert "To rate first" not in out and "Answer support questions" not in out


def test_report_json(logged, capsys):
    assert run(["report", "--week", "2026-W48", "--weeks", "2", "--format", "json", *logged]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["week"] == "2026-W48" and data["first_day"] == "2026-11-23"
    assert data["headline"]["hours"] == 5.75
    assert data["headline"]["strategic_share"] == pytest.approx(120 / 345)
    assert data["headline"]["reclaimable_hours_per_week"] == 2.4
    assert [w["week"] for w in data["split"]] == ["2026-W47", "2026-W48"]
    assert data["split"][0]["operational_hours"] == 3.0
    [candidate] = data["candidates"]
    assert candidate["task"] == "Weekly status deck" and candidate["route"] == "product_ops"
    assert candidate["score"] == 2.4 and candidate["checklist"] == 4
    assert data["to_rate"] == []
    assert data["lookback"] == {"first_day": "2026-10-26", "last_day": "2026-11-22", "weeks": 4,
                                "weeks_worked": 1}
    assert data["headline"]["previous_share"] == data["headline"]["window_share"] == 0.4
    assert data["categories"][0] == {"category": "Status reports & decks", "kind": "operational",
                                     "strategic_hours": 0.0, "operational_hours": 3.0}


def test_report_all_covers_every_week_since_the_first_entry(logged, service, capsys):
    service.entries.log(EntryDraft("Roadmap review", 60, Kind.STRATEGIC, "Vision, strategy & roadmap",
                           date(2026, 9, 30)))   # a Wednesday of 2026-W40
    assert run(["report", "--week", "2026-W48", "--all", "--format", "json", *logged]) == 0
    split = json.loads(capsys.readouterr().out)["split"]
    assert split[0]["week"] == "2026-W40" and split[-1]["week"] == "2026-W48" and len(split) == 9
    assert split[0]["strategic_hours"] == 1.0 and split[1]["strategic_hours"] == 0
    with pytest.raises(SystemExit):
        run(["report", "--all", "--weeks", "4", *logged])


def test_report_all_on_an_empty_database_is_one_week(data_dir, capsys):
    assert run(["report", "--week", "2026-W48", "--all", "--data-dir", str(data_dir)]) == 0
    assert "Strategic vs operational, 1 week" in capsys.readouterr().out


def test_report_defaults_to_this_week(logged, capsys):
    assert run(["report", *logged]) == 0
    assert "Weekly review 2026-W48" in capsys.readouterr().out


def test_report_follows_a_sunday_week_start(logged, service, capsys):
    service.settings.update(week_start="Sunday")
    assert run(["report", "--week", "2026-W48", "--weeks", "1", *logged]) == 0
    out = capsys.readouterr().out
    # A Sunday-first week is not an ISO week: it goes by its days, not by "2026-W48".
    assert out.startswith("Weekly review: Week of Sun 22 Nov 2026\n")
    assert "Sun 22 Nov – Sat 28 Nov 2026: 5.8 h logged on 2 days" in out
    assert "W48" not in out
    lines = out.splitlines()
    assert any(line.split()[:3] == ["Week", "starting", "Strategic"] for line in lines)
    assert any(line.split()[:4] == ["Sun", "22", "Nov", "2026"] for line in lines)


def test_report_bad_week_is_exit_2(logged, capsys):
    assert run(["report", "--week", "2026-W60", *logged]) == 2
    assert "2026 has no week 60" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        run(["report", "--weeks", "0", *logged])
    assert exited.value.code == 2


def test_report_on_an_empty_database(data_dir, capsys):
    assert run(["report", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "0.0 h logged on 0 days" in out and "None yet." in out


def test_tasks_table(logged, capsys):
    assert run(["tasks", *logged]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Task", "Kind", "Total", "Last", "day", "P", "Without", "it",
                                "Status", "h/wk", "(4", "completed", "wks)", "Back", "h/wk", "Route"]
    deck = next(line for line in lines if line.startswith("Weekly status deck"))
    assert deck.split() == ["Weekly", "status", "deck", "operational", "6", "h", "2026-11-23",
                            "4", "would", "suffer", "unreviewed", "3.0", "2.4", "hand", "to",
                            "ProductOps"]


def test_tasks_json(logged, capsys):
    assert run(["tasks", "--format", "json", *logged]) == 0
    data = {t["task"]: t for t in json.loads(capsys.readouterr().out)}
    assert data["Weekly status deck"]["hours"] == 6.0
    assert data["Weekly status deck"]["checklist"] == 4
    assert data["Weekly status deck"]["recent"]["route"] == "product_ops"
    assert data["Roadmap review"]["recent"] is None
    assert data["Answer support questions"]["status"] == "unreviewed"


def test_tasks_set_records_the_judgement(logged, service, capsys):
    assert run(["tasks", "set", "answer SUPPORT  questions", "--checklist", "3", "--needed", "no",
                "--status", "candidate", *logged]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("Answer support questions: checklist 3/5 · without it: "
                                   "nothing · status candidate")
    task = service.tasks.get("Answer support questions")
    assert (task.checklist, task.needed, task.handoff) == (3, Needed.NOTHING, HandoffStatus.CANDIDATE)


def test_tasks_set_keeps_a_data_dir_given_before_set(logged, service, capsys):
    assert run(["tasks", *logged, "set", "Weekly status deck", "--needed", "yes"]) == 0
    assert service.tasks.get("Weekly status deck").needed is Needed.NEEDED


def test_tasks_set_unknown_title_is_exit_2(logged, capsys):
    assert run(["tasks", "set", "No such task", "--checklist", "4", *logged]) == 2
    assert "There is no task called 'No such task'." in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        run(["tasks", "set", "Weekly status deck", "--checklist", "6", *logged])
    assert exited.value.code == 2
