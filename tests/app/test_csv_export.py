"""CSV export: entries (RFC 4180, UTF-8, Excel BOM, formula-safe) and the peers' summary."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import stat
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli import run
from app.clock import Clock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.exchange.csv_file import ENTRY_COLUMNS, SUMMARY_COLUMNS, Cancelled, safe_cell, unsafe_cell
from app.exchange.exporting import export_entries, export_summary
from storage import csv_queries

ALL = (date(1970, 1, 1), date(2026, 11, 25))


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The command line reads the system clock; stand it on Tue 2026-11-24 like the fixtures.
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


def _log(service, title, minutes, kind, category=None, day=date(2026, 11, 23), start=None, note=""):
    return service.entries.log(EntryDraft(title, minutes, kind, category, day, start, note),
                       create_category=True)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_entries_csv_has_a_header_and_one_row_per_entry(service, tmp_path):
    _log(service, "Weekly status deck", 90, Kind.OPERATIONAL, "Status reports & decks",
         date(2026, 11, 23), time(9, 0))
    _log(service, "Roadmap review", 45, Kind.STRATEGIC, None, date(2026, 11, 24))
    service.tasks.set_judgement("Weekly status deck", handoff="candidate")
    target = tmp_path / "out.csv"
    assert export_entries(service, target, *ALL) == 2
    data = target.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3  # RFC 4180: CRLF after every record
    assert _rows(data.decode()) == [
        list(ENTRY_COLUMNS),
        ["2026-11-23", "09:00", "90", "1.50", "Weekly status deck", "operational",
         "Status reports & decks", "candidate", ""],
        ["2026-11-24", "", "45", "0.75", "Roadmap review", "strategic", "", "unreviewed", ""],
    ]


def test_quoting_unicode_and_excel_bom(service, tmp_path):
    note = 'Asked "why now?", then:\r\nline two\nand a comma, here'
    _log(service, "Café, Müller & 東京", 30, Kind.STRATEGIC, note=note)
    target = tmp_path / "excel.csv"
    export_entries(service, target, *ALL, excel=True)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert '"Café, Müller & 東京"' in text
    assert '"Asked ""why now?"", then:\r\nline two\nand a comma, here"' in text
    [_, row] = _rows(text)
    assert row[4] == "Café, Müller & 東京" and row[8] == note


def test_formula_like_cells_show_as_text(service, tmp_path):
    service.categories.add("=Ops sum", "operational")
    _log(service, "=SUM(A1:A9)", 30, Kind.OPERATIONAL, "=Ops sum", note="+1 from the team")
    _log(service, "-5 % churn review", 30, Kind.STRATEGIC, note="@channel ping")
    _log(service, "'=already quoted", 30, Kind.STRATEGIC, note="plain 'quote'")
    target = tmp_path / "out.csv"
    export_entries(service, target, *ALL)
    cells = {c for row in _rows(target.read_text("utf-8")) for c in row}
    assert {"'=SUM(A1:A9)", "'=Ops sum", "'+1 from the team", "'-5 % churn review",
            "'@channel ping", "''=already quoted", "plain 'quote'"} <= cells
    assert not {c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")}


@pytest.mark.parametrize("text, safe", [
    ("=1+2", "'=1+2"), ("+44 20", "'+44 20"), ("-x", "'-x"), ("@sum", "'@sum"),
    ("\tindent", "'\tindent"), ("\rx", "'\rx"), ("'=x", "''=x"), ("''-x", "'''-x"),
    ("'plain", "'plain"), ("plain", "plain"), ("", ""), ("a=b", "a=b"),
])
def test_safe_cell(text, safe):
    assert safe_cell(text) == safe
    assert unsafe_cell(safe) == text


@given(st.text())
def test_safe_cell_round_trips_any_text(text):
    safe = safe_cell(text)
    assert unsafe_cell(safe) == text
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")


_MEMORY = sqlite3.connect(":memory:")


@given(st.text())
def test_sqlite_writes_each_cell_as_safe_cell_and_the_csv_module_do(text):
    # The export has SQLite write its lines; the cells must be the bytes Python would write.
    made = _MEMORY.execute(f"WITH v(x) AS (SELECT ?) SELECT {csv_queries._cell('x')} FROM v",
                           (text,)).fetchone()[0]
    out = io.StringIO(newline="")
    csv.writer(out).writerow([safe_cell(text), "end"])
    assert made + ",end\r\n" == out.getvalue()


def test_export_is_the_csv_module_writing_the_rows(service, tmp_path):
    service.categories.add("=Ops, \"sum\"", "operational")
    _log(service, "=SUM(A1:A9), \"x\"", 7, Kind.OPERATIONAL, "=Ops, \"sum\"", note="a\r\nb, c",
         start=time(8, 5))
    _log(service, "'-quoted", 1, Kind.STRATEGIC, day=date(2026, 11, 22), note="'plain")
    for day, minutes in enumerate((1, 2, 5, 59, 61, 125, 1439, 1440), start=10):
        # One a day: a day holds at most 24 h.
        _log(service, "Roadmap review", minutes, Kind.STRATEGIC, day=date(2026, 11, day))
    target = tmp_path / "out.csv"
    assert export_entries(service, target, *ALL) == 10
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(ENTRY_COLUMNS)
    writer.writerows((d, s or "", m, f"{m / 60:.2f}", safe_cell(t), k, safe_cell(c or ""), h,
                      safe_cell(n)) for d, s, m, t, k, c, h, n in csv_queries.export_rows(
                          service.store, ALL[0].isoformat(), ALL[1].isoformat()))
    assert target.read_bytes() == out.getvalue().encode()


def test_range_and_week(service, tmp_path, capsys):
    for day in (date(2026, 11, 15), date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 23)):
        _log(service, f"Work on {day}", 30, Kind.STRATEGIC, day=day)
    assert export_entries(service, tmp_path / "a.csv", date(2026, 11, 16), date(2026, 11, 22)) == 2
    data_dir = str(service.store.path.parent)
    assert run(["export", "--output", str(tmp_path / "w.csv"), "--week", "2026-W47",
                "--data-dir", data_dir]) == 0
    assert "Exported 2 entries (2026-11-16 – 2026-11-22)" in capsys.readouterr().out
    assert [r[0] for r in _rows((tmp_path / "w.csv").read_text())[1:]] == ["2026-11-16", "2026-11-22"]
    assert run(["export", "-o", str(tmp_path / "all.csv"), "--data-dir", data_dir]) == 0
    assert "Exported 4 entries (everything logged)" in capsys.readouterr().out


def test_summary_has_hours_per_week_category_and_kind_and_no_detail(service, tmp_path):
    _log(service, "Secret customer call", 60, Kind.STRATEGIC, "Customer discovery & interviews",
         date(2026, 11, 16), note="confidential")
    _log(service, "Secret customer call", 30, Kind.STRATEGIC, "Customer discovery & interviews",
         date(2026, 11, 20))
    _log(service, "Status deck", 45, Kind.OPERATIONAL, "Status reports & decks", date(2026, 11, 17))
    _log(service, "Uncategorised", 15, Kind.OPERATIONAL, None, date(2026, 11, 17))
    _log(service, "Status deck", 90, Kind.OPERATIONAL, "Status reports & decks", date(2026, 11, 23))
    target = tmp_path / "summary.csv"
    assert export_summary(service, target, *ALL) == 4
    text = target.read_text("utf-8")
    assert "Secret" not in text and "confidential" not in text
    rows = _rows(text)
    assert rows[0] == ["# PM Workload summary format 2: 1970-01-01 to 2026-11-24"]
    assert rows[1][0].startswith("# Holds hours per week") and "No titles" in rows[1][0]
    assert rows[2] == list(SUMMARY_COLUMNS)
    assert [r[:5] + r[6:] for r in rows[3:]] == [
        ["2026-W47", "2026-11-16", "Customer discovery & interviews", "strategic", "1.50",
         "", "", "unreviewed"],
        ["2026-W47", "2026-11-16", "Status reports & decks", "operational", "0.75",
         "", "", "unreviewed"],
        ["2026-W47", "2026-11-16", "", "operational", "0.25", "", "", "unreviewed"],
        ["2026-W48", "2026-11-23", "Status reports & decks", "operational", "1.50",
         "", "", "unreviewed"],
    ]
    # Per task an opaque key: the same task has the same key in the file, titles never.
    keys = [r[5] for r in rows[3:]]
    assert keys[1] == keys[3] and len(set(keys)) == 3
    assert all(len(key) == 12 for key in keys)


def test_summary_keys_differ_between_files_and_a_label_is_written(service, tmp_path):
    _log(service, "Status deck", 45, Kind.OPERATIONAL, "Status reports & decks", date(2026, 11, 17))
    export_summary(service, tmp_path / "a.csv", *ALL, label="  Anna  ")
    export_summary(service, tmp_path / "b.csv", *ALL)
    a, b = _rows((tmp_path / "a.csv").read_text()), _rows((tmp_path / "b.csv").read_text())
    assert a[2] == ["# label: Anna"] and not any(r[0] == "# label:" for r in b)
    assert a[-1][5] != b[-1][5]  # a salt per file: keys cannot be matched across files


def test_summary_weeks_follow_the_week_start_setting(service, tmp_path):
    service.settings.update(week_start="Sunday")
    _log(service, "Sunday planning", 60, Kind.STRATEGIC, day=date(2026, 11, 22))  # a Sunday
    _log(service, "Saturday catch-up", 30, Kind.STRATEGIC, day=date(2026, 11, 21))
    export_summary(service, tmp_path / "s.csv", *ALL)
    rows = _rows((tmp_path / "s.csv").read_text())[3:]
    # Sun 22 Nov starts the week holding Mon 23 Nov (2026-W48); Sat 21 belongs to the one before.
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("2026-W47", "2026-11-15", "0.50"), ("2026-W48", "2026-11-22", "1.00")]


def test_output_dash_writes_to_stdout(service, capsysbinary):
    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    data_dir = str(service.store.path.parent)
    assert run(["export", "--output", "-", "--excel", "--data-dir", data_dir]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbfdate,start,minutes") and out.count(b"\r\n") == 2
    assert run(["export", "--output", "-", "--summary", "--data-dir", data_dir]) == 0
    assert capsysbinary.readouterr().out.startswith(b"# PM Workload summary format 2: ")


def test_progress_and_cancel_leave_no_file(service, tmp_path):
    from app import demo

    demo.fill(service.store, demo.generate(60, end=date(2026, 11, 20)))
    calls: list[tuple[int, int]] = []
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "big.csv"
    count = export_entries(service, target, *ALL, progress=lambda d, t: calls.append((d, t)))
    assert count > 1000 and calls[0] == (1000, count) and calls[-1] == (count, count)
    target.unlink()
    calls.clear()
    with pytest.raises(Cancelled):
        export_entries(service, target, *ALL, progress=lambda d, t: calls.append((d, t)),
                       cancelled=lambda: bool(calls))
    assert calls == [(1000, count)]
    assert list(folder.iterdir()) == []


def test_existing_file_is_replaced_whole_and_a_folder_is_refused(service, tmp_path):
    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "out.csv"
    target.write_text("old content")
    export_entries(service, target, *ALL)
    assert target.read_text().startswith("date,")
    with pytest.raises(ValidationError, match="is a folder"):
        export_entries(service, tmp_path, *ALL)
    with pytest.raises(ValidationError, match="Could not write into"):
        export_entries(service, tmp_path / "missing" / "out.csv", *ALL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_written_into_not_replaced(service, tmp_path, capsys):
    import threading

    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert run(["export", "--output", str(fifo), "--data-dir", str(service.store.path.parent)]) == 0
    reader.join()
    assert got[0].startswith(b"date,start,minutes") and b"Roadmap review" in got[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["pipe"]


def test_a_symlink_stays_a_link_and_its_target_is_written(service, tmp_path):
    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    real = tmp_path / "shared"
    real.mkdir()
    target = real / "week.csv"
    target.write_text("old content")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    export_entries(service, link, *ALL)
    assert link.is_symlink() and target.read_text().startswith("date,")
    # A link to a file not there yet: the file is made where the link points.
    dangling = tmp_path / "new.csv"
    dangling.symlink_to(real / "new.csv")
    export_entries(service, dangling, *ALL)
    assert dangling.is_symlink() and (real / "new.csv").read_text().startswith("date,")
    assert sorted(p.name for p in real.iterdir()) == ["new.csv", "week.csv"]


def test_a_full_disk_is_a_storage_failure_and_leaves_no_partial_file(service, tmp_path, monkeypatch,
                                                                      capsys):
    import errno

    from app.exchange import exporting as csv_export
    from storage import StorageError

    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    folder = tmp_path / "out"
    folder.mkdir()
    real_lines = csv_export.csv_queries.export_lines

    def lines_then_full_disk(*args, **kwargs):
        yield from real_lines(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(csv_export.csv_queries, "export_lines", lines_then_full_disk)
    with pytest.raises(StorageError, match="the disk is full"):
        export_entries(service, folder / "out.csv", *ALL)
    assert list(folder.iterdir()) == []
    # The command line: the exit code of storage failures, not of bad input.
    data_dir = str(service.store.path.parent)
    assert run(["export", "--output", str(folder / "out.csv"), "--data-dir", data_dir]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux's /dev/full")
def test_dev_full_says_the_disk_is_full(service):
    from storage import StorageError

    _log(service, "Roadmap review", 45, Kind.STRATEGIC)
    with pytest.raises(StorageError, match="the disk is full"):
        export_entries(service, "/dev/full", *ALL)


def test_export_never_writes_over_the_database(service, tmp_path):
    _log(service, "Weekly status deck", 45, Kind.OPERATIONAL)
    before = service.store.path.stat().st_size
    link = tmp_path / "entries.csv"
    link.symlink_to(service.store.path)
    for target in (service.store.path, link):
        with pytest.raises(ValidationError, match="own database, not a CSV file"):
            export_entries(service, target, date(2026, 11, 1), date(2026, 11, 30))
    assert service.store.path.stat().st_size == before
    assert len(service.entries.between(date(2026, 11, 1), date(2026, 11, 30))) == 1
