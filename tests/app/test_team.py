"""The team report: summaries read together, scored as each PM's own review scores them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app import demo
from app.clock import FixedClock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.exchange.exporting import export_entries, export_summary
from app.exchange.peers import import_peer_summary, strategic_share_comparison
from app.exchange.summary_file import read_summary
from app.exchange.team import lookback_of, team_report
from app.review.analysis import HandoffRules
from app.review.service import ReviewService
from app.workload import WorkloadService
from storage import open_store
from tests.conftest import TODAY

THIS_WEEK = date(2026, 11, 23)   # TODAY is Tue 24 Nov 2026
EVERYTHING = (date(1970, 1, 1), date(2026, 11, 29))
HEADER = "week,week_start,category,kind,hours,task,checklist,needed,handoff\r\n"
MARK = "# PM Workload summary format 2: 2026-10-01 to 2026-11-29\r\n"


@pytest.fixture
def pm(tmp_path):
    """Return a maker of a PM's database filled with demo weeks: (service, summary path)."""
    stores = []

    def make(name: str, seed: int, weeks: int = 12, label: str | None = None,
             **settings) -> tuple[WorkloadService, object]:
        store = open_store(tmp_path / name / "pm-workload.db")
        stores.append(store)
        service = WorkloadService(store, FixedClock(TODAY))
        demo.fill(store, demo.generate(weeks, seed, end=TODAY.date()))
        if settings:
            service.settings.update(**settings)
        path = tmp_path / f"{name}.csv"
        export_summary(service, path, *EVERYTHING, label=label)
        return service, path

    yield make
    for store in stores:
        store.close()


def _report(paths, weeks: int = 4, week: date = THIS_WEEK, **rules):
    return team_report(paths, lookback_of(week, THIS_WEEK, weeks), HandoffRules(**rules), 50, 40)


@pytest.mark.parametrize("weeks", [4, 8])
def test_each_pm_gets_the_reclaimable_hours_of_their_own_review(pm, weeks):
    made = [pm(f"pm{seed}", seed, handoff_weeks=weeks) for seed in (1, 2, 3)]
    report = _report([path for _, path in made], weeks=weeks)
    assert [p.label for p in report.pms] == ["PM 1", "PM 2", "PM 3"]
    for (service, _), figures in zip(made, report.pms, strict=True):
        review = ReviewService(service).review(THIS_WEEK, weeks + 1)
        assert figures.reclaimable == pytest.approx(review.headline.reclaimable)
        assert figures.reclaimable > 0
        assert figures.share == pytest.approx(review.headline.lookback_share)
        assert figures.share_after == pytest.approx(review.headline.share_after)
        assert figures.candidates == review.headline.candidates
        assert figures.weeks_with_data == review.lookback.worked == weeks
        assert figures.minutes == sum(w.minutes for w in review.split[-weeks - 1:-1])
    assert report.reclaimable == pytest.approx(sum(p.reclaimable for p in report.pms))
    assert report.left_out == []


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _rows(label: str | None, rows: list[str]) -> str:
    head = MARK + (f"# label: {label}\r\n" if label else "") + HEADER
    return head + "".join(row + "\r\n" for row in rows)


def _weeks(first: str, line: str) -> list[str]:
    """Return ``line`` (after the week cells) for each of W44-W47, or from ``first`` on."""
    weeks = [("2026-W44", "2026-10-26"), ("2026-W45", "2026-11-02"), ("2026-W46", "2026-11-09"),
             ("2026-W47", "2026-11-16")]
    return [f"{w},{d},{line}" for w, d in weeks if w >= first]


@pytest.fixture
def team_files(tmp_path):
    """Three PMs over the look-back W44-W47, figures small enough to check by hand."""
    anna = _rows("Anna", [
        *_weeks("2026-W44", "Data pulls & dashboards,operational,3.00,aaaa01,5,needed,unreviewed"),
        *_weeks("2026-W44", "Status reports & decks,operational,2.00,aaaa02,4,needed,unreviewed"),
        *_weeks("2026-W44", "Vision & roadmap,strategic,5.00,aaaa03,,,unreviewed"),
    ])
    ben = _rows(None, [
        # 2.0 h x 3 of 4 weeks x 4/5 = 1.2 h a week back (on the Data pulls rows)
        *_weeks("2026-W45", "Data pulls & dashboards,operational,2.00,bbbb01,4,needed,unreviewed"),
        *_weeks("2026-W44", "Status reports & decks,operational,2.50,bbbb02,4,needed,unreviewed"),
        *_weeks("2026-W44", "Tool admin,operational,1.00,bbbb03,2,needed,unreviewed"),
        *_weeks("2026-W44", "Customer discovery,strategic,2.00,bbbb04,,,unreviewed"),
    ])
    chloe = _rows(None, [
        *_weeks("2026-W44", "Tool admin,operational,4.00,cccc01,,,unreviewed"),   # not rated
        *_weeks("2026-W44", "Customer discovery,strategic,8.00,cccc02,,,unreviewed"),
    ])
    return [_write(tmp_path, "anna.csv", anna), _write(tmp_path, "ben.csv", ben),
            _write(tmp_path, "chloe.csv", chloe)]


def test_figures_per_pm_per_category_and_for_the_team(team_files):
    report = _report(team_files)
    anna, ben, chloe = report.pms
    assert [p.label for p in report.pms] == ["Anna", "PM 1", "PM 2"]
    # Anna: 3 x 1 x 5/5 + 2 x 1 x 4/5 = 4.6; Ben: 2 x 0.75 x 0.8 + 2.5 x 0.8 = 1.2 + 2.0.
    assert anna.reclaimable == pytest.approx(4.6)
    assert ben.reclaimable == pytest.approx(3.2)
    assert chloe.reclaimable == 0
    assert anna.share == pytest.approx(0.5) and chloe.share == pytest.approx(8 / 12)
    assert anna.hours == 40 and anna.weeks_with_data == 4
    assert report.median_share == pytest.approx(0.5)
    assert report.spread == pytest.approx((8 / 28, 8 / 12))
    data, status, tool = report.categories[:3]
    assert (data.name, data.reclaimable, data.pms) == ("Data pulls & dashboards",
                                                       pytest.approx(4.2), 2)
    assert (status.name, status.reclaimable, status.pms) == ("Status reports & decks",
                                                             pytest.approx(3.6), 2)
    assert data.operational == pytest.approx(3 + 2 * 3 / 4)
    assert (tool.name, tool.reclaimable, tool.pms, tool.logged_by) == (
        "Tool admin", 0, 0, 2)
    assert tool.operational == pytest.approx(5.0)
    assert report.reclaimable == pytest.approx(7.8)
    assert report.fte == pytest.approx(7.8 / 40)
    total = 40 + 28 + 48
    strategic = 20 + 8 + 32
    assert report.share == pytest.approx(strategic / total)
    # Each PM's reclaimed hours spent on strategy: 4.6 x 4 and 3.2 x 4 hours more.
    assert report.share_after == pytest.approx((strategic + 4.6 * 4 + 3.2 * 4) / total)
    assert report.paragraph() == (
        "Across 3 PMs, 7.8 h a week of checklist-able operational work (0.20 FTE), most in "
        "Data pulls & dashboards (4.2 h, 2 PMs) and Status reports & decks (3.6 h, 2 PMs). "
        "Handing it off would move the team's strategic share from 52 % to 79 % "
        "(target 50 %; PMs report 27 % and want 51 %).")


def test_a_summary_of_format_1_still_counts_with_its_tasks_marked_missing(tmp_path, team_files):
    old = _write(tmp_path, "old.csv", "week,week_start,category,kind,hours\r\n"
                 + "".join(f"{row}\r\n" for row in _weeks("2026-W44", "Tool admin,operational,2.00")
                           + _weeks("2026-W44", ",strategic,2.00")))
    report = _report([*team_files, old])
    assert report.left_out == []
    last = report.pms[-1]
    assert last.label == "PM 3" and last.share == pytest.approx(0.5)
    assert last.reclaimable is None
    assert report.missing_tasks == ["PM 3"]
    assert "older summaries without tasks): PM 3." in report.paragraph()
    assert read_summary(old).version == 1


def test_files_that_cannot_count_are_named_and_left_out(tmp_path, team_files, service):
    anna, ben, _chloe = team_files
    service.entries.log(EntryDraft("Weekly status deck", 60, Kind.OPERATIONAL, None,
                                   date(2026, 11, 17)))
    entries = tmp_path / "entries.csv"
    export_entries(service, entries, *EVERYTHING)
    spring = _rows("Dora", ["2026-W12,2026-03-16,,strategic,1.00,dddd01,,,unreviewed"])
    other_weeks = _write(tmp_path, "spring.csv", spring.replace(
        "2026-10-01 to 2026-11-29", "2026-03-02 to 2026-05-31"))
    newer = _rows(None, _weeks("2026-W44", ",strategic,1.00,eeee01,,,unreviewed"))
    newer = _write(tmp_path, "newer.csv", newer.replace("format 2", "format 3"))
    empty = _write(tmp_path, "empty.csv", _rows("Emma", []))
    again = _write(tmp_path, "anna-again.csv", anna.read_text().replace("aaaa", "ffff"))
    copy = _write(tmp_path, "anna-renamed.csv",
                  anna.read_text().replace("# label: Anna", "# label: Annabel").replace("aaaa", "9999"))
    garbage = _write(tmp_path, "notes.csv", "hello,world\r\n1,2\r\n")
    report = _report([anna, ben, entries, other_weeks, newer, empty, again, copy, garbage, ben])
    assert [p.label for p in report.pms] == ["Anna", "PM 1"]
    reasons = {str(left.file).rsplit("/", 1)[-1]: left.reason for left in report.left_out}
    assert "entries.csv is a PM Workload entries CSV, not a summary" in reasons["entries.csv"]
    assert "spring.csv holds 2026-W10 to 2026-W22, not the weeks asked (2026-W44 to 2026-W47)" \
        in reasons["spring.csv"]
    assert "newer.csv is a summary in format 3, from a newer PM Workload" in reasons["newer.csv"]
    assert "empty.csv is an empty summary" in reasons["empty.csv"]
    assert "anna-again.csv holds the same figures as" in reasons["anna-again.csv"]
    assert "the same PM twice" in reasons["anna-renamed.csv"]
    assert "notes.csv" in reasons["notes.csv"] and "not a summary" in reasons["notes.csv"]
    assert reasons["ben.csv"].endswith("ben.csv is named twice.")


def test_the_same_label_twice_is_the_same_pm(tmp_path, team_files):
    other = _write(tmp_path, "anna2.csv",
                   _rows("anna", _weeks("2026-W44", ",strategic,1.00,abab01,,,unreviewed")))
    report = _report([team_files[0], other])
    assert [p.label for p in report.pms] == ["Anna"]
    assert "anna2.csv is labelled anna, as" in report.left_out[0].reason


def test_a_folder_stands_for_its_csv_files(tmp_path, team_files):
    (tmp_path / "readme.txt").write_text("not a summary")
    report = _report([tmp_path])
    assert len(report.pms) == 3 and report.left_out == []
    (tmp_path / "none").mkdir()
    with pytest.raises(ValidationError, match="holds no .csv files"):
        _report([tmp_path / "none"])


def test_the_lookback_is_of_completed_weeks():
    # This week is not over: asking for it looks back from the week before, as the review does.
    assert lookback_of(THIS_WEEK, THIS_WEEK, 4).first == date(2026, 10, 26)
    assert lookback_of(date(2026, 11, 9), THIS_WEEK, 2).first == date(2026, 11, 2)
    assert lookback_of(THIS_WEEK, THIS_WEEK, 4).last == THIS_WEEK - timedelta(days=1)


def test_peers_import_reads_a_summary_of_format_2(pm, service):
    theirs, path = pm("pm1", 1, label="Anna")
    assert read_summary(path).label == "Anna"
    done = import_peer_summary(service, path, "Anna")
    shares = strategic_share_comparison(service)
    split = ReviewService(theirs).split(shares.weeks[0].start, len(shares.weeks))
    assert done.weeks == len(shares.weeks) >= 12
    # The per-task rows add up to the figures per week x category x kind, to the minute.
    assert [r.peers["Anna"] for r in shares.weeks] == pytest.approx([w.share for w in split])
