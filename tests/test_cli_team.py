"""`pm-workload team report` and `export --summary --label`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from app.cli import run
from app.clock import Clock


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The command line reads the system clock; stand it on Tue 2026-11-24 like the fixtures.
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


@pytest.fixture
def summaries(tmp_path, capsys):
    """Two PMs' demo databases and their summaries: [(data dir args, summary path)]."""
    out = []
    for seed, label in ((1, "Anna"), (2, None)):
        d = ["--data-dir", str(tmp_path / f"pm{seed}")]
        assert run(["demo", "--weeks", "10", "--seed", str(seed), *d]) == 0
        path = tmp_path / f"pm{seed}.csv"
        labelled = ["--label", label] if label else []
        assert run(["export", "--summary", "--output", str(path), *labelled, *d]) == 0
        out.append((d, path))
    capsys.readouterr()
    return out


def test_team_report_agrees_with_each_pms_own_report(summaries, tmp_path, capsys):
    lead = ["--data-dir", str(tmp_path / "lead")]
    files = [str(path) for _, path in summaries]
    assert run(["team", "report", *files, "--week", "2026-W47", "--format", "json", *lead]) == 0
    team = json.loads(capsys.readouterr().out)
    assert [p["label"] for p in team["pms"]] == ["Anna", "PM 1"]
    for (d, _), figures in zip(summaries, team["pms"], strict=True):
        assert run(["report", "--week", "2026-W47", "--format", "json", *d]) == 0
        own = json.loads(capsys.readouterr().out)["headline"]
        assert round(figures["reclaimable_hours_per_week"], 2) == own["reclaimable_hours_per_week"]
        assert figures["strategic_share"] == pytest.approx(own["window_share"])
        assert figures["weeks_with_data"] == 4
    assert team["team"]["fte"] == pytest.approx(team["team"]["reclaimable_hours_per_week"] / 40)
    assert team["paragraph"].startswith("Across 2 PMs, ")
    assert team["left_out"] == []


def test_team_report_table_and_fte_setting(summaries, tmp_path, capsys):
    lead = tmp_path / "lead"
    from app.workload import WorkloadService
    from storage import open_store

    store = open_store(lead / "pm-workload.db")
    WorkloadService(store, Clock()).settings.update(fte_hours=32)
    store.close()
    assert run(["team", "report", str(tmp_path), "--weeks", "8", "--data-dir", str(lead)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Team report: 2 PMs, the 8 completed weeks 28 Sep – 22 Nov\n")
    assert "Anna " in out and "PM 1 " in out
    assert "Team strategic share: " in out and "survey: PMs report 27 %, want 51 %" in out
    assert "FTE (at 32 h a week)" in out
    assert "Across 2 PMs, " in out


def test_a_bad_file_is_named_exit_2_and_the_others_still_count(summaries, tmp_path, capsys):
    bad = tmp_path / "notes.csv"
    bad.write_text("hello,world\n1,2\n")
    files = [str(path) for _, path in summaries]
    assert run(["team", "report", *files, str(bad), "--data-dir", str(tmp_path / "lead")]) == 2
    captured = capsys.readouterr()
    assert f"pm-workload: left out: {bad}" in captured.err
    assert "Team report: 2 PMs" in captured.out
    assert f"Left out:\n  {bad}" in captured.out


def test_no_file_counts_exit_2(tmp_path, capsys):
    bad = tmp_path / "empty.csv"
    bad.write_text("week,week_start,category,kind,hours\n")
    assert run(["team", "report", str(bad), "--data-dir", str(tmp_path / "lead")]) == 2
    err = capsys.readouterr().err
    assert f"{bad} is an empty summary" in err and "no summary could be counted" in err
    assert run(["team", "report", str(tmp_path / "missing.csv"),
                "--data-dir", str(tmp_path / "lead")]) == 2
    assert "There is no file" in capsys.readouterr().err


def test_team_report_pdf(summaries, tmp_path, capsys):
    pdf = tmp_path / "team.pdf"
    files = [str(path) for _, path in summaries]
    assert run(["team", "report", *files, "--pdf", str(pdf),
                "--data-dir", str(tmp_path / "lead")]) == 0
    assert f"Wrote {pdf}." in capsys.readouterr().out
    assert pdf.read_bytes().startswith(b"%PDF")


def test_label_needs_summary(tmp_path, capsys):
    d = ["--data-dir", str(tmp_path / "pm")]
    assert run(["export", "--output", str(tmp_path / "x.csv"), "--label", "Anna", *d]) == 2
    assert "--label names the PM of a summary" in capsys.readouterr().err
