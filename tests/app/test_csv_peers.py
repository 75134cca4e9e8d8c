"""Peers: their summary CSVs kept apart from your entries, and strategic shares side by side."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.changes import Change
from app.cli import run
from app.clock import Clock
from app.domain import EntryDraft, Kind
from app.errors import NotFoundError, ValidationError
from app.exchange.peers import import_peer_summary, peers, remove_peer, strategic_share_comparison
from storage import queries

HEADER = "week,week_start,category,kind,hours\r\n"
PEER_A = (HEADER
          + "2026-W47,2026-11-16,Customer discovery & interviews,strategic,6.00\r\n"
          + "2026-W47,2026-11-16,Status reports & decks,operational,4.00\r\n"
          + "2026-W48,2026-11-23,Vision,strategic,1.50\r\n"
          + "2026-W48,2026-11-23,'=Odd name,operational,4.50\r\n")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


def _file(tmp_path, text, name="peer.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _mine(service):
    service.entries.log(EntryDraft("Roadmap review", 120, Kind.STRATEGIC, None, date(2026, 11, 17)))
    service.entries.log(EntryDraft("Status deck", 360, Kind.OPERATIONAL, None, date(2026, 11, 18)))
    service.entries.log(EntryDraft("Interviews", 180, Kind.STRATEGIC, None, date(2026, 11, 9)))


def test_import_keeps_peers_apart_and_compares_shares(service, tmp_path):
    _mine(service)
    heard: list[str] = []
    service.changes.subscribe(heard.append)
    done = import_peer_summary(service, _file(tmp_path, PEER_A), "  Peer   A ")
    assert done == (("Peer A", True, 2, 0, 4))
    assert heard == [Change.PEERS]
    assert queries.count_entries(service.store) == 3  # your entries are untouched
    [peer] = peers(service)
    assert (peer.label, peer.weeks, peer.first_week, peer.last_week) == ("Peer A", 2, "2026-W47", "2026-W48")
    shares = strategic_share_comparison(service)
    assert shares.labels == ("Peer A",)
    assert [(r.week, r.start, r.mine, r.peers["Peer A"]) for r in shares.weeks] == [
        ("2026-W47", date(2026, 11, 16), 0.25, 0.6),
        ("2026-W48", date(2026, 11, 23), None, 0.25),
    ]
    assert shares.mine == 0.25 and shares.peers["Peer A"] == pytest.approx(7.5 / 16)
    wide = strategic_share_comparison(service, date(2026, 11, 2), date(2026, 11, 29))
    assert [r.week for r in wide.weeks] == ["2026-W46", "2026-W47", "2026-W48"]
    assert wide.mine == pytest.approx(300 / 660)
    narrow = strategic_share_comparison(service, date(2026, 11, 23), date(2026, 11, 29))
    assert [r.week for r in narrow.weeks] == ["2026-W48"] and narrow.mine is None


def test_reimport_under_the_same_label_replaces_the_weeks_it_holds(service, tmp_path):
    import_peer_summary(service, _file(tmp_path, PEER_A), "Peer A")
    update = HEADER + "2026-W48,2026-11-23,,strategic,3\r\n2026-W49,2026-11-30,,operational,1\r\n"
    done = import_peer_summary(service, _file(tmp_path, update, "b.csv"), "peer a")
    assert (done.label, done.new_peer, done.weeks, done.replaced) == ("Peer A", False, 2, 1)
    shares = strategic_share_comparison(service)
    assert {r.week: r.peers["Peer A"] for r in shares.weeks} == {
        "2026-W47": 0.6, "2026-W48": 1.0, "2026-W49": 0.0}


def test_bad_summary_rows_are_all_reported_and_nothing_is_stored(service, tmp_path):
    bad = HEADER + "2026-W99,,,strategic,1\r\nlast week,,,strategic,1\r\n2026-W47,,,both,x\r\n"
    with pytest.raises(ValidationError) as caught:
        import_peer_summary(service, _file(tmp_path, bad), "Peer A")
    message = str(caught.value)
    assert message.startswith("3 rows of peer.csv have problems; nothing was imported: ")
    assert "row 2, week: 2026 has no week 99" in message
    assert "row 3, week: 'last week' is not a week like 2026-W48" in message
    assert "row 4, kind: 'both' is not a kind of work" in message
    assert "row 4, hours: 'x' is not a number of hours" in message
    assert peers(service) == []


def test_an_entries_csv_is_not_a_summary(service, tmp_path):
    entries = "date,start,minutes,hours,title,kind,category,handoff,note\r\n2026-11-16,,45,,X,o,,,\r\n"
    with pytest.raises(ValidationError, match="is a PM Workload entries CSV, not a summary"):
        import_peer_summary(service, _file(tmp_path, entries), "Peer A")
    with pytest.raises(ValidationError, match="Give the peer a label"):
        import_peer_summary(service, _file(tmp_path, PEER_A), "  ")


def test_remove(service, tmp_path):
    import_peer_summary(service, _file(tmp_path, PEER_A), "Peer A")
    with pytest.raises(NotFoundError, match=r"There is no peer 'Peer B' \(peers: Peer A\)"):
        remove_peer(service, "Peer B")
    assert remove_peer(service, "PEER A").label == "Peer A"
    assert peers(service) == [] and strategic_share_comparison(service).weeks == []
    assert service.store.scalar("SELECT count(*) FROM peer_weeks") == 0


def test_cli_peers(service, tmp_path, data_dir, capsys):
    _mine(service)
    where = ["--data-dir", str(data_dir)]
    assert run(["peers", *where]) == 0
    assert "No peers yet" in capsys.readouterr().out
    assert run(["peers", "import", str(_file(tmp_path, PEER_A)), "--label", "Peer A", *where]) == 0
    assert capsys.readouterr().out == "Added Peer A: 2 weeks.\n"
    assert run(["peers", "list", *where]) == 0
    out = capsys.readouterr().out
    assert "Peer A      2  2026-W47 – 2026-W48       47 %" in out
    assert "You over the same weeks: 25 % strategic." in out
    assert run(["peers", "compare", *where]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Week       You  Peer A",
        "--------  ----  ------",
        "2026-W47  25 %    60 %",
        "2026-W48     –    25 %",
        "Average   25 %    47 %",
    ]
    assert run(["peers", "remove", "Nobody", *where]) == 2
    assert "There is no peer 'Nobody'" in capsys.readouterr().err
    assert run(["peers", "remove", "Peer A", *where]) == 0
    assert capsys.readouterr().out == "Removed Peer A and their 2 weeks.\n"


def test_export_summary_then_import_as_a_peer(service, tmp_path, data_dir, capsys):
    _mine(service)
    where = ["--data-dir", str(data_dir)]
    summary = tmp_path / "mine.csv"
    assert run(["export", "--summary", "--output", str(summary), *where]) == 0
    assert run(["peers", "import", str(summary), "--label", "Me again", *where]) == 0
    shares = strategic_share_comparison(service)
    assert all(row.mine == row.peers["Me again"] for row in shares.weeks)
