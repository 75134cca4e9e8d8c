"""CSV import: our own export, Toggl Track and Clockify reports; checks before any write."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import run
from app.clock import Clock, FixedClock
from app.domain import EntryDraft, HandoffStatus, Kind
from app.errors import ValidationError
from app.exchange.csv_file import Cancelled
from app.exchange.exporting import export_entries
from app.exchange.importing import (
    MAPPING_KEY,
    ImportMapping,
    ImportRejected,
    KindRule,
    apply_import,
    load_mapping,
    parse_rule,
    read_import,
)
from app.text import strip_controls
from app.workload import WorkloadService
from storage import open_store, queries
from storage.backups import backup_dir
from storage.schema import normalise_key
from tests.conftest import TODAY

ALL = (date(1970, 1, 1), date(2026, 11, 25))
NATIVE_HEADER = "date,start,minutes,hours,title,kind,category,handoff,note\r\n"
TOGGL_HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
                "End date,End time,Duration,Tags,Amount (USD)\r\n")
CLOCKIFY_HEADER = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,"
                   "Start Time,End Date,End Time,Duration (h),Duration (decimal),"
                   "Billable Rate (USD),Billable Amount (USD)\r\n")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The command line reads the system clock; stand it on Tue 2026-11-24 like the fixtures.
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


def _file(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _entries(service) -> Counter:
    return Counter((e.title, e.note, e.kind, e.category, e.day, e.start, e.minutes)
                   for e in service.entries.between(*ALL))


def _import(service, path, **options):
    skip = options.pop("skip_bad_rows", False)
    return apply_import(service, read_import(service, path, **options), skip_bad_rows=skip)


# -- our own format ---------------------------------------------------------------------------
_TITLE_STARTS = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''+", "\t", " ", '"', "#"])
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_CATEGORIES = (None, "Tool admin", "Vision, strategy & roadmap", '=Sums, "quoted"', "Ünïcode café")


@st.composite
def _draft(draw):
    title = draw(_TITLE_STARTS) + draw(_TEXT)
    if not strip_controls(title).split():  # a title of controls only is no title
        title += "x"
    start = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    day = draw(st.dates(date(1990, 1, 1), date(2026, 11, 25)))
    if day == TODAY.date() and start is not None and start > TODAY.time():
        start = None  # the service refuses a start later than now today
    return EntryDraft(
        title=title, minutes=draw(st.integers(1, 1440)), kind=draw(st.sampled_from(Kind)),
        category=draw(st.sampled_from(_CATEGORIES)), day=day, start=start,
        note=draw(st.sampled_from(["", "=", "-", "@", "'=", "a,b", '"q"', "l1\r\nl2\rl3\n"])) + draw(_TEXT),
    )


def _fresh_service(folder: Path) -> WorkloadService:
    service = WorkloadService(open_store(folder / "pm-workload.db"), FixedClock(TODAY))
    service.categories.add('=Sums, "quoted"', "operational")
    service.categories.add("Ünïcode café", "strategic")
    return service


def _timed_key(draft: EntryDraft) -> object:
    """Two entries of one stretch of time (same day, start, minutes, title, kind) are one."""
    if draft.start is None:
        return object()  # untimed entries may repeat: never equal
    return draft.day, draft.start, draft.minutes, normalise_key(draft.title), draft.kind


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# one entry a day (a day holds at most 24 h), each a distinct timed entry
@given(st.lists(_draft(), min_size=1, max_size=12, unique_by=(lambda d: d.day, _timed_key)))
def test_export_then_import_into_an_empty_database_gives_the_same_entries(drafts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = _fresh_service(root / "a")
        for draft in drafts:
            source.entries.log(draft)
        export_entries(source, root / "out.csv", *ALL)
        target = WorkloadService(open_store(root / "b" / "pm-workload.db"), FixedClock(TODAY))
        result = _import(target, root / "out.csv")
        assert result.imported == len(drafts) and result.duplicates == 0
        assert _entries(target) == _entries(source)
        again = _import(target, root / "out.csv")
        assert (again.imported, again.duplicates) == (0, len(drafts))
        source.store.close()
        target.store.close()


def test_reimport_skips_duplicates_and_says_how_many(service, tmp_path, data_dir, capsys):
    service.entries.log(EntryDraft("Weekly status deck", 60, Kind.OPERATIONAL, "Status reports & decks",
                           date(2026, 11, 20), time(9, 0)))
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-20,09:00,60,1.00,weekly  STATUS deck,operational,,,\r\n"
                 + "2026-11-20,,30,0.50,Stand-up,operational,,,\r\n"
                 + "2026-11-20,,30,0.50,Stand-up,operational,,,\r\n")
    args = ["import", str(path), "--data-dir", str(data_dir)]
    assert run(args) == 0
    out = capsys.readouterr().out
    assert "Read 3 rows of in.csv (PM Workload entries CSV)." in out
    assert ("Imported 2 entries (1 new task); skipped 1 duplicate (already in the database, or "
            "twice in the file)") in out
    assert "A copy of the database from before the import:" in out
    assert run(args) == 0
    assert "Imported 0 entries; skipped 3 duplicates" in capsys.readouterr().out
    assert queries.count_entries(service.store) == 3


def test_native_import_restores_handoff_categories_and_formula_cells(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-16,14:05,45,,'=Totals check,operational,'=New cat,candidate,'+1 idea\r\n"
                 + "2026-11-17,,,1.5,Roadmap review,S,vision,,\"multi\r\nline, note\"\r\n")
    result = _import(service, path)
    assert result.new_categories == ("=New cat", "vision") and result.new_tasks == 2
    totals = service.tasks.get("=Totals check")
    assert totals.handoff is HandoffStatus.CANDIDATE
    entries = service.entries.between(*ALL)
    assert [(e.title, e.start, e.minutes, e.category, e.note) for e in entries] == [
        ("=Totals check", time(14, 5), 45, "=New cat", "+1 idea"),
        ("Roadmap review", None, 90, "vision", "multi\r\nline, note"),
    ]
    assert entries[1].kind is Kind.STRATEGIC


def test_bad_rows_are_listed_with_row_column_and_reason_and_nothing_is_written(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-16,09:00,45,,Good one,operational,,,\r\n"
                 + "2026-02-30,25:00,0,,,sometimes,,maybe,\r\n"
                 + "2026-12-24,,30,,From the future,strategic,,,\r\n"
                 + "\r\n"
                 + "2026-11-16,,30,,Too,many,cells,,,,extra\r\n"
                 + "2026-11-16,,abc,,Bad minutes,operational,,,\r\n")
    plan = read_import(service, path)
    assert (plan.rows_read, plan.good_rows, plan.bad_rows) == (5, 1, 4)
    problems = [str(p) for p in plan.problems]
    assert problems == [
        "row 3, start: '25:00' is not a time of day; use 00:00 to 23:59",
        "row 3, minutes: The duration must be at least 1 minute.",
        "row 3, title: Give the task a title, e.g. 'Weekly status deck'.",
        "row 3, kind: 'sometimes' is not a kind of work; use strategic or operational.",
        "row 3, handoff: 'maybe' is not a hand-off status; use unreviewed, keep, candidate or "
        "handed_off.",
        "row 3, date: '2026-02-30' is not a real date",
        "row 4, date: 2026-12-24 is in the future; you can log up to tomorrow (2026-11-25).",
        "row 6: the row has 11 cells but the header has 9; a comma or a line break may need quoting",
        "row 7, minutes: 'abc' is not a whole number of minutes",
    ]
    with pytest.raises(ImportRejected, match="4 of 5 rows have problems"):
        apply_import(service, plan)
    assert queries.count_entries(service.store) == 0
    assert not backup_dir(service.store.path).exists()
    result = apply_import(service, plan, skip_bad_rows=True)
    assert (result.imported, result.rejected) == (1, 4)


def test_cli_bad_rows_exit_2_unless_skip_bad_rows(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,Good,o,,,\r\n2026-11-16,,45,,Bad,x,,,\r\n")
    args = ["import", str(path), "--data-dir", str(data_dir)]
    assert run(args) == 2
    captured = capsys.readouterr()
    assert "row 3, kind: 'x' is not a kind of work" in captured.out
    assert "Nothing was imported: 1 row is bad" in captured.err and "--skip-bad-rows" in captured.err
    assert queries.count_entries(service.store) == 0
    assert run([*args, "--skip-bad-rows"]) == 0
    assert "Imported 1 entry (1 new task); skipped 0 duplicates" in capsys.readouterr().out
    assert queries.count_entries(service.store) == 1


def test_dry_run_writes_nothing(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,New thing,o,Brand new,,\r\n")
    assert run(["import", str(path), "--dry-run", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert ("Dry run, nothing written: would import 1 entry (1 new task; new category: "
            "Brand new); would skip 0 duplicates") in out
    assert queries.count_entries(service.store) == 0
    assert not any(c.name == "Brand new" for c in service.categories.list())
    assert not backup_dir(service.store.path).exists()


def test_dry_run_with_bad_rows_exits_2(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,Good,o,,,\r\n2026-11-16,,0,,Bad,o,,,\r\n")
    args = ["import", str(path), "--dry-run", "--data-dir", str(data_dir)]
    assert run(args) == 2
    captured = capsys.readouterr()
    assert "would import 1 entry (1 new task); would skip 0 duplicates" in captured.out
    assert "1 bad row would be rejected" in captured.out
    assert "would write nothing: fix the 1 bad row, or import with --skip-bad-rows." in captured.err
    assert run([*args, "--skip-bad-rows"]) == 0
    assert queries.count_entries(service.store) == 0


def test_an_export_resaved_by_a_spreadsheet_still_imports(service, tmp_path):
    # Excel turns ISO dates into the locale's, drops leading zeros of times and may drop
    # the minutes column's neighbours; our columns are found by name in any order.
    path = _file(tmp_path, "\ufefftitle,kind,date,start,hours,note\r\n"
                 "Roadmap review,strategic,24/11/2026,9:05,1.5,\r\n"
                 "Status deck,operational,02/11/2026,14:00:00,\"0,75\",'=kept\r\n", "resaved.csv")
    plan = read_import(service, path)
    assert plan.date_order == "dmy" and plan.bad_rows == 0
    apply_import(service, plan)
    assert [(e.title, e.day, e.start, e.minutes, e.note) for e in service.entries.between(*ALL)] == [
        ("Status deck", date(2026, 11, 2), time(14, 0), 45, "=kept"),
        ("Roadmap review", date(2026, 11, 24), time(9, 5), 90, ""),
    ]


# -- whole-file problems ----------------------------------------------------------------------
@pytest.mark.parametrize("content, encoding, message", [
    ("", "utf-8", "in.csv is empty"),
    ("\r\n\r\n", "utf-8", "in.csv is empty"),
    (NATIVE_HEADER, "utf-8", "has a header but no rows"),
    ("date;start;minutes;title;kind\r\n2026-11-16;;45;X;o\r\n", "utf-8", "separated by semicolons"),
    ("date\tstart\tminutes\ttitle\tkind\r\n2026-11-16\t\t45\tX\to\r\n", "utf-8", "separated by tabs"),
    (NATIVE_HEADER + "2026-11-16,,45,,Café,o,,,\r\n", "latin-1",
     r"not UTF-8 text \(it looks like Latin-1 / Windows-1252, first odd byte in row 2\)"),
    (NATIVE_HEADER + "2026-11-16,,45,,Café,o,,,\r\n", "utf-16", r"not UTF-8 text \(it looks like UTF-16\)"),
    ("date,minutes,kind\r\n2026-11-16,45,o\r\n", "utf-8",
     r"missing the columns title \(it looks like a PM Workload entries CSV\)"),
    ("2026-11-16,,45,,X,o,,,\r\n", "utf-8", "has no header row"),
    ("name,age\r\nAna,3\r\n", "utf-8", "is not a CSV PM Workload knows"),
    ("week,week_start,category,kind,hours\r\n2026-W47,2026-11-16,,strategic,1.5\r\n", "utf-8",
     "is a PM Workload summary"),
    ('date,minutes,title,kind\r\n2026-11-16,45,"never closed\r\n', "utf-8",
     r"row 2: this is not valid CSV \(a quoted cell is never closed\)"),
    ('date,minutes,title,kind\r\n2026-11-16,45,"a"b,o\r\n', "utf-8",
     "a closing quote is followed by more text; a quote inside a cell must be doubled"),
    ('date,minutes,title,kind\r\n2026-11-16,45,"' + "x" * 140_000 + ',o\r\n', "utf-8",
     "a cell is over 131,072 characters long; perhaps a quote is never closed"),
])
def test_whole_file_problems_have_clear_messages(service, tmp_path, content, encoding, message):
    path = _file(tmp_path, content, encoding=encoding)
    with pytest.raises(ValidationError, match=message):
        read_import(service, path)


def test_bad_encoding_late_in_the_file_is_caught_before_writing(service, tmp_path):
    good = "2026-11-16,,45,,Plain,o,,,\r\n" * 5000
    path = tmp_path / "in.csv"
    path.write_bytes((NATIVE_HEADER + good).encode() + "2026-11-16,,45,,Café,o,,,\r\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="not UTF-8 text from row 5002 on"):
        read_import(service, path)
    assert queries.count_entries(service.store) == 0


@pytest.mark.parametrize("before", ["", "\r\n", '"a quoted\r\nnote"'])
def test_the_row_where_the_encoding_changes_is_named_exactly(service, tmp_path, before):
    # Rows of differing lengths and a quoted line break: the row is counted, not estimated.
    good = "".join(f"2026-11-16,,{1 + i % 90},,{'Plain ' * (i % 7)}x,o,,,\r\n" for i in range(4000))
    middle = "2026-11-16,,45,,Quoted,o,,,\"line one\r\nline two\"\r\n" * 3
    path = tmp_path / "in.csv"
    path.write_bytes((NATIVE_HEADER + good + middle + before).encode()
                     + "2026-11-16,,45,,Café,o,,,\r\n".encode("latin-1"))
    row = 1 + 4000 + 3 + 1 + (1 if before == "\r\n" else 0)
    assert path.stat().st_size > 2 * 64 * 1024  # past the first block, checked on its own
    with pytest.raises(ValidationError, match=f"not UTF-8 text from row {row} on"):
        read_import(service, path)
    # Within the first block, the same count.
    path.write_bytes((NATIVE_HEADER + middle + before).encode() + "Café\r\n".encode("latin-1"))
    with pytest.raises(ValidationError, match=f"first odd byte in row {row - 4000}\\)"):
        read_import(service, path)


def test_a_superscript_minutes_cell_names_the_row_and_the_cell(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,Good,o,,,\r\n2026-11-16,,²,,Odd,o,,,\r\n"
                 + "2026-11-16,,٤٥,,Arabic digits,o,,,\r\n")
    plan = read_import(service, path)
    assert [str(p) for p in plan.problems] == [
        "row 3, minutes: '²' is not a whole number of minutes",
        "row 4, minutes: '٤٥' is not a whole number of minutes",
    ]


def test_nothing_to_import_is_said_instead_of_offering_0_good_rows(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,0,,Bad,o,,,\r\n2026-11-16,,x,,Bad,o,,,\r\n")
    for extra in ([], ["--skip-bad-rows"], ["--dry-run"]):
        assert run(["import", str(path), "--data-dir", str(data_dir), *extra]) == 2
        err = capsys.readouterr().err
        assert "no row is good, so there is nothing to import" in err
        assert "0 good" not in err and "--skip-bad-rows" not in err
    plan = read_import(service, path)
    assert "nothing to import" in str(ImportRejected(plan)) and "0 good" not in str(ImportRejected(plan))
    # Good rows that are all in the database already: nothing else to import either.
    service.entries.log(EntryDraft("Good", 45, Kind.OPERATIONAL, None, date(2026, 11, 16)))
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,Good,o,,,\r\n2026-11-16,,0,,Bad,o,,,\r\n")
    assert run(["import", str(path), "--skip-bad-rows", "--data-dir", str(data_dir)]) == 2
    assert "all in the database already, so there is nothing else to import" in capsys.readouterr().err


def test_import_from_standard_input(service, tmp_path, data_dir, capsys, monkeypatch):
    import io
    import sys

    data = (NATIVE_HEADER + "2026-11-16,,45,,Piped,o,,,\r\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(["import", "-", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Read 1 row of standard input" in out and "Imported 1 entry" in out
    assert [e.title for e in service.entries.between(*ALL)] == ["Piped"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
def test_import_from_a_pipe_such_as_dev_stdin(service, tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    data = (NATIVE_HEADER + "2026-11-16,,45,,Through a pipe,o,,,\r\n").encode()
    writer = threading.Thread(target=fifo.write_bytes, args=(data,))
    writer.start()
    plan = read_import(service, fifo)
    writer.join()
    assert plan.good_rows == 1 and plan.name == "pipe.csv"


def test_standard_input_on_a_terminal_is_refused(service, monkeypatch):
    import sys

    class Terminal:
        buffer = None

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    with pytest.raises(ValidationError, match="Standard input is a terminal: pipe the CSV in"):
        read_import(service, "-")


def test_too_big_a_file_is_refused_before_reading(service, tmp_path, data_dir, capsys):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB of nothing
    assert run(["import", str(path), "--data-dir", str(data_dir)]) == 2
    assert "huge.csv is 100.0 MB; PM Workload imports CSV files up to 64 MB" in capsys.readouterr().err
    with pytest.raises(ValidationError, match="up to 0 MB"):
        read_import(service, _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,X,o,,,\r\n"),
                    max_bytes=10)


def test_missing_file_and_folder(service, tmp_path):
    with pytest.raises(ValidationError, match="There is no file"):
        read_import(service, tmp_path / "nope.csv")
    with pytest.raises(ValidationError, match="is a folder"):
        read_import(service, tmp_path)


def test_forced_format_names_missing_columns(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,X,o,,,\r\n")
    with pytest.raises(ValidationError, match=r"missing the columns Project, Description, Start date, "
                       r"Start time, Duration \(needed in a Toggl Track detailed report\)"):
        read_import(service, path, format="toggl")


# -- Toggl Track --------------------------------------------------------------------------------
TOGGL = ("\ufeff" + TOGGL_HEADER
         + "Ana,ana@example.com,Acme,Discovery,,Interview with Acme,No,2026-11-16,09:00:00,"
           "2026-11-16,10:00:00,01:00:00,research,\r\n"
         + "Ana,ana@example.com,,Internal,,Weekly status deck,No,2026-11-20,14:00:00,2026-11-20,"
           "15:30:00,01:29:45,\"status, admin\",\r\n"
         + "Ana,ana@example.com,,Internal,Jira grooming,,No,2026-11-17,11:00:00,2026-11-17,"
           "11:20:30,00:20:30,,\r\n"
         + "Ana,ana@example.com,,Misc,,,No,2026-11-18,08:00:00,2026-11-18,08:10:00,00:10:00,,\r\n")


def test_toggl_report_with_bom_and_mapping(service, tmp_path):
    path = _file(tmp_path, TOGGL, "toggl.csv")
    mapping = ImportMapping({"Discovery": KindRule(Kind.STRATEGIC, "Customer discovery"),
                             "status": KindRule(Kind.OPERATIONAL, "Status reports")},
                            Kind.OPERATIONAL)
    plan = read_import(service, path, mapping=mapping)
    assert plan.format.value == "toggl" and plan.bad_rows == 0
    assert plan.projects == {"Discovery": 1, "Internal": 2, "Misc": 1}
    assert plan.tags == {"research": 1, "status": 1, "admin": 1}
    apply_import(service, plan)
    got = [(e.title, e.day, e.start, e.minutes, e.kind.value, e.category, e.note)
           for e in service.entries.between(*ALL)]
    assert got == [
        ("Interview with Acme", date(2026, 11, 16), time(9, 0), 60, "strategic",
         "Customer discovery & interviews", "project: Discovery; client: Acme; tags: research"),
        ("Jira grooming", date(2026, 11, 17), time(11, 0), 21, "operational", None,
         "project: Internal"),
        ("Misc", date(2026, 11, 18), time(8, 0), 10, "operational", None, ""),
        ("Weekly status deck", date(2026, 11, 20), time(14, 0), 90, "operational",
         "Status reports & decks", "project: Internal; tags: status, admin"),
    ]
    assert load_mapping(service) == mapping


def test_toggl_rows_without_a_kind_are_reported(service, tmp_path):
    path = _file(tmp_path, TOGGL, "toggl.csv")
    plan = read_import(service, path, mapping=ImportMapping({"Internal": KindRule(Kind.OPERATIONAL)}))
    assert plan.unmapped == {"Discovery": 1, "Misc": 1}
    assert [str(p) for p in plan.problems] == [
        "row 2, Project: no kind for project 'Discovery' (tags: research): map the project or a "
        "tag to a kind, or choose a default kind",
        "row 5, Project: no kind for project 'Misc': map the project or a tag to a kind, or choose "
        "a default kind",
    ]


def test_cli_names_the_projects_without_a_kind(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, TOGGL, "toggl.csv")
    assert run(["import", str(path), "--map", "Discovery=s", "--data-dir", str(data_dir)]) == 2
    captured = capsys.readouterr()
    assert ("No kind for the projects Internal (2 rows), Misc (1 row): map them (or their tags) "
            'with --map "PROJECT=strategic", or give --default-kind.') in captured.out
    assert "Nothing was imported: 3 rows are bad" in captured.err
    assert MAPPING_KEY not in queries.settings(service.store)


def test_existing_task_gives_the_kind_before_the_default(service, tmp_path):
    service.entries.log(EntryDraft("Interview with Acme", 30, Kind.STRATEGIC,
                                   "Customer discovery & interviews", date(2026, 11, 2)))
    plan = read_import(service, _file(tmp_path, TOGGL), mapping=ImportMapping({}, Kind.OPERATIONAL))
    apply_import(service, plan)
    interview = [e for e in service.entries.between(*ALL) if e.day == date(2026, 11, 16)]
    assert [(e.kind, e.category) for e in interview] == [
        (Kind.STRATEGIC, "Customer discovery & interviews")]


def test_short_and_bad_toggl_durations(service, tmp_path):
    path = _file(tmp_path, TOGGL_HEADER
                 + "A,a@x,,P,,Blip,No,2026-11-16,09:00:00,2026-11-16,09:00:20,00:00:20,,\r\n"
                 + "A,a@x,,P,,Marathon,No,2026-11-16,09:00:00,2026-11-17,10:00:00,25:00:00,,\r\n"
                 + "A,a@x,,P,,Odd,No,2026-11-16,9xm,2026-11-16,10:00:00,soon,,\r\n")
    plan = read_import(service, path, mapping=ImportMapping({}, Kind.OPERATIONAL))
    assert [str(p) for p in plan.problems] == [
        "row 2, Duration: '00:00:20' is shorter than a minute; an entry is at least 1 minute",
        "row 3, Duration: 25 h is more than a day; one entry can be at most 24 h.",
        "row 4, Start time: Can't read '9xm' as a time of day; write it like 9am, 9:30pm or 14:00.",
        "row 4, Duration: 'soon' is not a duration; write it like 01:30:00 or 1.5",
    ]


# -- Clockify -----------------------------------------------------------------------------------
def _clockify(rows: list[str], group: bool = True) -> str:
    header = CLOCKIFY_HEADER if group else CLOCKIFY_HEADER.replace("Group,", "")
    if not group:
        rows = [",".join(c for i, c in enumerate(r.split(",")) if i != 5) for r in rows]
    return header + "".join(r + "\r\n" for r in rows)


CLOCKIFY_US = [
    "Discovery,Acme,Interview with Acme,,Ana,PMs,ana@x,research,No,11/02/2026,09:00:00 AM,"
    "11/02/2026,10:00:00 AM,01:00:00,1.00,0.00,0.00",
    "Internal,,Weekly status deck,,Ana,PMs,ana@x,,No,11/16/2026,01:26:00 PM,11/16/2026,"
    "02:56:00 PM,01:30:00,1.50,0.00,0.00",
    "Internal,,Midnight call,,Ana,PMs,ana@x,,No,11/17/2026,12:15:00 AM,11/17/2026,"
    "12:45:00 AM,00:30:00,0.50,0.00,0.00",
]


@pytest.mark.parametrize("group", [True, False])
def test_clockify_month_first_dates_and_12_hour_times(service, tmp_path, group):
    path = _file(tmp_path, _clockify(CLOCKIFY_US, group), "clockify.csv")
    plan = read_import(service, path, mapping=ImportMapping(
        {"Discovery": KindRule(Kind.STRATEGIC)}, Kind.OPERATIONAL))
    assert plan.format.value == "clockify" and plan.date_order == "mdy" and plan.bad_rows == 0
    apply_import(service, plan)
    assert [(e.title, e.day, e.start, e.minutes, e.kind.value)
            for e in service.entries.between(*ALL)] == [
        ("Interview with Acme", date(2026, 11, 2), time(9, 0), 60, "strategic"),
        ("Weekly status deck", date(2026, 11, 16), time(13, 26), 90, "operational"),
        ("Midnight call", date(2026, 11, 17), time(0, 15), 30, "operational"),
    ]


def test_clockify_day_first_dates_are_told_from_the_whole_file(service, tmp_path):
    rows = [r.replace("11/02/2026", "02/11/2026").replace("11/16/2026", "16/11/2026")
            .replace("11/17/2026", "17/11/2026") for r in CLOCKIFY_US]
    plan = read_import(service, _file(tmp_path, _clockify(rows, group=False)),
                       mapping=ImportMapping({}, Kind.OPERATIONAL))
    assert plan.date_order == "dmy" and plan.first_day == date(2026, 11, 2)


def test_clockify_dotted_and_iso_dates_and_decimal_duration(service, tmp_path):
    rows = [CLOCKIFY_US[0].replace("11/02/2026", "02.11.2026").replace(",01:00:00,", ",1.25,"),
            CLOCKIFY_US[1].replace("11/16/2026", "2026-11-16").replace("01:26:00 PM", "13:26")]
    plan = read_import(service, _file(tmp_path, _clockify(rows)),
                       mapping=ImportMapping({}, Kind.OPERATIONAL))
    assert plan.bad_rows == 0 and plan.date_order is None
    apply_import(service, plan)
    assert [(e.day, e.start, e.minutes) for e in service.entries.between(*ALL)] == [
        (date(2026, 11, 2), time(9, 0), 75), (date(2026, 11, 16), time(13, 26), 90)]


def test_ambiguous_dates_need_a_date_order(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, _clockify([CLOCKIFY_US[0]]))
    mapping = ImportMapping({}, Kind.OPERATIONAL)
    with pytest.raises(ValidationError, match=r"such as '11/02/2026'\) could be day/month or "
                       "month/day; say which with --date-order dmy or --date-order mdy"):
        read_import(service, path, mapping=mapping)
    assert read_import(service, path, mapping=mapping, date_order="dmy").first_day == date(2026, 2, 11)
    args = ["import", str(path), "--default-kind", "operational", "--data-dir", str(data_dir)]
    assert run(args) == 2
    assert "--date-order" in capsys.readouterr().err
    assert run([*args, "--date-order", "mdy"]) == 0
    assert service.entries.between(*ALL)[0].day == date(2026, 11, 2)


def test_dates_that_disagree_are_refused(service, tmp_path):
    rows = [CLOCKIFY_US[1], CLOCKIFY_US[1].replace("11/16/2026", "16/11/2026")]
    with pytest.raises(ValidationError, match="'16/11/2026' reads only as day/month and "
                       "'11/16/2026' only as month/day"):
        read_import(service, _file(tmp_path, _clockify(rows)), mapping=ImportMapping({}, Kind.STRATEGIC))


# -- the mapping and the command line -----------------------------------------------------------
@pytest.mark.parametrize("text, name, rule", [
    ("Acme=strategic", "Acme", KindRule(Kind.STRATEGIC)),
    ("Support = o:Feedback triage", "Support", KindRule(Kind.OPERATIONAL, "Feedback triage")),
    ("a=b=ops", "a=b", KindRule(Kind.OPERATIONAL)),
    ("x=s:Cat: with colon", "x", KindRule(Kind.STRATEGIC, "Cat: with colon")),
])
def test_parse_rule(text, name, rule):
    assert parse_rule(text) == (name, rule)


@pytest.mark.parametrize("text", ["Acme", "Acme=", "=strategic", "Acme=sometimes"])
def test_parse_rule_refuses(text):
    with pytest.raises(ValidationError, match="is not a mapping"):
        parse_rule(text)


def test_cli_toggl_import_remembers_the_mapping(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, TOGGL, "toggl.csv")
    base = ["import", str(path), "--data-dir", str(data_dir)]
    assert run([*base, "--map", "Discovery=strategic:Customer discovery", "--map",
                "status=operational", "--default-kind", "operational"]) == 0
    out = capsys.readouterr().out
    assert "Read 4 rows of toggl.csv (Toggl Track detailed report)." in out
    assert ("Mapping: Discovery=strategic:Customer discovery & interviews, status=operational; "
            "default operational.") not in out  # the category is resolved when read, not shown
    assert "Mapping: Discovery=strategic:Customer discovery, status=operational; default operational." in out
    assert "Imported 4 entries (4 new tasks)" in out
    assert "csv_import_mapping" not in out
    service.refresh()
    assert MAPPING_KEY in queries.settings(service.store)
    # Next time the mapping is remembered: the same file again is all duplicates, not bad rows.
    assert run(base) == 0
    out = capsys.readouterr().out
    assert "Mapping: Discovery=strategic:Customer discovery, status=operational; default operational." in out
    assert "Imported 0 entries; skipped 4 duplicates" in out


def test_cancelled_import_writes_nothing(service, tmp_path):
    # 24 rows a day over 500 days, at most 20 h a day (a day holds at most 24 h)
    rows = "".join(f"{date(2025, 1, 1) + timedelta(days=i % 500)},,{1 + i % 50},,Task {i % 50},o,,,\r\n"
                   for i in range(12_000))
    path = _file(tmp_path, NATIVE_HEADER + rows)
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        read_import(service, path, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: bool(seen))
    plan = read_import(service, path)
    writes: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        apply_import(service, plan, progress=lambda d, t: writes.append((d, t)),
                     cancelled=lambda: bool(writes))
    assert writes == [(5000, 12_000)]
    assert queries.count_entries(service.store) == 0
    assert service.tasks.usage() == []
    result = apply_import(service, plan)
    assert result.imported == 12_000 and result.backup is not None and result.backup.exists()


def test_import_notifies_once_per_kind_of_change(service, tmp_path):
    heard: list[str] = []
    service.changes.subscribe(heard.append)
    _import(service, _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,X,o,New cat,,\r\n"))
    assert heard == ["entries", "tasks", "categories", "imports"]


def test_a_worker_thread_imports_with_its_own_store(service, tmp_path):
    """How the window's dialog runs it: off the GUI thread, then notify on the GUI thread."""
    import threading

    path = _file(tmp_path, NATIVE_HEADER + "2026-11-16,,45,,From the worker,o,New cat,,\r\n")
    heard: list[str] = []
    service.changes.subscribe(heard.append)
    service.categories.list()  # cached before the worker adds one
    outcome: dict = {}

    def work() -> None:
        worker = WorkloadService(open_store(service.store.path), service.clock)
        try:
            progress: list[tuple[int, int]] = []
            plan = read_import(worker, path, progress=lambda d, t: progress.append((d, t)),
                               cancelled=threading.Event().is_set)
            outcome["result"] = apply_import(worker, plan, progress=lambda d, t: progress.append((d, t)))
            outcome["progress"] = progress
        finally:
            worker.store.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    result = outcome["result"]
    assert outcome["progress"][-1] == (1, 1)
    service.changed_elsewhere(*result.changed)
    assert heard == ["entries", "tasks", "categories", "imports"]
    assert [e.title for e in service.entries.between(*ALL)] == ["From the worker"]
    assert any(c.name == "New cat" for c in service.categories.list())


def test_the_database_itself_is_refused_as_an_import(service, tmp_path):
    from app.exchange.peers import import_peer_summary

    service.entries.log(EntryDraft("Roadmap review", 60, Kind.STRATEGIC, None, date(2026, 11, 23)))
    for path in (service.store.path, Path(f"{service.store.path}-wal")):
        with pytest.raises(ValidationError, match="own database, not a CSV file"):
            read_import(service, path)
        with pytest.raises(ValidationError, match="own database"):
            import_peer_summary(service, path, "Anna")
    link = tmp_path / "looks-like.csv"
    link.symlink_to(service.store.path)
    with pytest.raises(ValidationError, match="own database"):
        read_import(service, link)


def test_imported_notes_lose_control_characters_but_keep_line_breaks(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER
                 + '2026-11-17,09:00,30,,Vendor call,strategic,,,"line one\x1b[31m\r\nline two\u202e"\r\n')
    _import(service, path)
    (entry,) = service.entries.between(date(2026, 11, 1), date(2026, 11, 30))
    assert entry.note == "line one[31m\r\nline two"
