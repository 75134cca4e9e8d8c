"""Bad input everywhere: arbitrary files and cells for every importer, arbitrary settings text.

Each case must end in a clear ValidationError or a correct result, never another exception.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.exchange.formats import Format
from app.exchange.importing import apply_import, read_import
from app.settings import SETTING_NAMES, format_setting, parse_setting

FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HEADERS = {
    Format.TOGGL: ["User", "Email", "Client", "Project", "Task", "Description", "Billable",
                   "Start date", "Start time", "End date", "End time", "Duration", "Tags",
                   "Amount (EUR)"],
    Format.CLOCKIFY: ["Project", "Client", "Description", "Task", "User", "Group", "Email", "Tags",
                      "Billable", "Start Date", "Start Time", "End Date", "End Time",
                      "Duration (h)", "Duration (decimal)"],
    Format.NATIVE: ["date", "start", "minutes", "hours", "title", "kind", "category", "handoff",
                    "note"],
}

# Cells that look almost right: the shapes the parsers branch on, plus anything at all.
_CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "2026-11-20", "20/11/2026", "11/20/2026", "31/02/2026", "09:00",
                     "01:26:00 PM", "25:61", "1:30:00", "-0:10:00", "99:99:99", "1.5", "-3",
                     "1e309", "nan", "strategic", "operational", "ops", "=SUM(A1)", "'+1",
                     "Status reports & decks", "\x00", "\r\n"]),
)


def _check_file(service, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_bytes(data)
        before = service.entries.count()
        try:
            plan = read_import(service, path)
        except ValidationError as error:
            assert str(error)  # a message a person can read
            return
        assert plan.rows_read >= 0 and plan.good_rows <= plan.rows_read
        for problem in plan.problems:
            assert problem.message
        try:
            apply_import(service, plan, skip_bad_rows=True)
        except ValidationError as error:
            assert str(error)
            assert service.entries.count() == before  # refused: nothing written
            return
        assert service.entries.count() <= before + plan.good_rows


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_file(service, data):
    _check_file(service, data)


def _rows_for(fmt: Format):
    width = len(HEADERS[fmt])
    return st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=1, max_size=6)


def _as_csv(fmt: Format, rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS[fmt])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@FUZZ
@given(rows=_rows_for(Format.TOGGL))
def test_toggl_rows_of_anything(service, rows):
    _check_file(service, _as_csv(Format.TOGGL, rows))


@FUZZ
@given(rows=_rows_for(Format.CLOCKIFY))
def test_clockify_rows_of_anything(service, rows):
    _check_file(service, _as_csv(Format.CLOCKIFY, rows))


@FUZZ
@given(rows=_rows_for(Format.NATIVE))
def test_native_rows_of_anything(service, rows):
    _check_file(service, _as_csv(Format.NATIVE, rows))


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(SETTING_NAMES), text=st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "100", "101", "-1", "Monday", "sun", "mon, fri", "17:00", "24:00",
                     "off", "8", "0.4", "1,5", "nan", "inf", "52", "53", "1e3"])))
def test_settings_text_is_a_value_or_a_clear_error(name, text):
    try:
        value = parse_setting(name, text)
    except ValidationError as error:
        assert str(error)
        return
    # A value that was accepted is stored and read back as the same value.
    assert parse_setting(name, format_setting(name, value)) == value
