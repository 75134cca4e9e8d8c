"""app.grammar: one reading of kind words, durations, times of day and day words, and the line,
the command line and a CSV cell accepting the same forms."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from app.cli import run
from app.clock import Clock
from app.domain import Kind
from app.errors import ValidationError
from app.exchange.importing import apply_import, read_import
from app.grammar import (
    match_duration,
    match_time_of_day,
    read_day,
    read_duration,
    read_kind,
    read_time_of_day,
)
from app.log.quickadd import parse_quick_add
from app.validation import check_kind

TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(("word", "kind"), [
    ("strategic", Kind.STRATEGIC), ("strat", Kind.STRATEGIC), ("s", Kind.STRATEGIC),
    ("STRAT", Kind.STRATEGIC), ("operational", Kind.OPERATIONAL), ("ops", Kind.OPERATIONAL),
    ("op", Kind.OPERATIONAL), ("o", Kind.OPERATIONAL), (" Op ", Kind.OPERATIONAL),
])
def test_kind_words_are_one_table_for_the_line_and_check_kind(word, kind):
    assert read_kind(word) is kind
    assert check_kind(word) is kind
    assert parse_quick_add(f"Deck 30m {word.strip()}", [], TODAY).kind is kind


@pytest.mark.parametrize("word", ["opera", "strateg", "tactical", ""])
def test_other_words_are_no_kind(word):
    with pytest.raises(ValidationError, match="is not a kind of work") as raised:
        read_kind(word)
    assert raised.value.field == "kind"


@pytest.mark.parametrize(("text", "minutes"), [
    ("45", 45), ("45m", 45), ("45min", 45), ("45 minutes", 45), ("1h", 60), ("1h30", 90),
    ("1h30m", 90), ("1.5h", 90), ("1,5h", 90), ("2hrs", 120), ("1 h 30", 90), ("1440", 1440),
])
def test_durations(text, minutes):
    assert read_duration(text) == minutes


@pytest.mark.parametrize(("text", "says"), [
    ("0", "no time at all"), ("25h", "more than a day"), ("1h75", "under 60"),
    ("soon", "not a duration"), ("", "not a duration"), ("4\u00b2m", "not a duration"),
])
def test_bad_durations_name_the_text(text, says):
    with pytest.raises(ValidationError, match=says) as raised:
        read_duration(text)
    assert raised.value.field == "minutes"
    assert f"'{text}'" in str(raised.value)


def test_a_token_not_shaped_like_a_duration_is_none_not_an_error():
    assert match_duration("PRDs") is None and match_duration("9:30") is None


@pytest.mark.parametrize(("text", "at"), [
    ("09:30", time(9, 30)), ("9:30", time(9, 30)), ("23:59", time(23, 59)), ("00:00", time(0, 0)),
    ("13:26:45", time(13, 26)), ("01:26:00 PM", time(13, 26)), ("1:26pm", time(13, 26)),
    ("12:05 a.m.", time(0, 5)), ("12:00 PM", time(12, 0)), ("1:26\u202fPM", time(13, 26)),
])
def test_times_of_day(text, at):
    assert read_time_of_day(text) == at


@pytest.mark.parametrize(("text", "says"), [
    ("25:00", "use 00:00 to 23:59"), ("9:60", "use 00:00 to 23:59"),
    ("13:00 PM", "12-hour clock runs from 1 to 12"), ("soon", "write it like 09:30"),
    ("0930", "write it like 09:30"), ("9:5", "write it like 09:30"), ("\u0669:30", "write it like"),
])
def test_bad_times_name_the_text(text, says):
    with pytest.raises(ValidationError, match=says) as raised:
        read_time_of_day(text)
    assert raised.value.field == "start" and f"'{text}'" in str(raised.value)


def test_a_long_text_is_quoted_shortened():
    with pytest.raises(ValidationError) as raised:
        read_time_of_day("x" * 5_000)
    assert "…'" in str(raised.value) and len(str(raised.value)) < 100
    assert match_time_of_day("x" * 5_000) is None


@pytest.mark.parametrize(("word", "day"), [
    ("today", TODAY), ("Yesterday", date(2026, 11, 23)), ("tue", TODAY), ("mon", date(2026, 11, 23)),
    ("wednesday", date(2026, 11, 18)), ("sun", date(2026, 11, 22)), ("2026-11-02", date(2026, 11, 2)),
    ("2026-1-5", date(2026, 1, 5)),
])
def test_day_words(word, day):
    assert read_day(word, TODAY) == day


@pytest.mark.parametrize(("word", "says"), [
    ("2026-02-30", "not a real date"), ("someday", "is not a date; write it like 2026-11-24"),
])
def test_bad_days_name_the_word(word, says):
    with pytest.raises(ValidationError, match=says) as raised:
        read_day(word, TODAY)
    assert raised.value.field == "day" and f"'{word}'" in str(raised.value)


def test_a_day_before_the_calendar_says_so():
    with pytest.raises(ValidationError, match="'yesterday' falls before the first date"):
        read_day("yesterday", date.min)


# -- the line, the command line and a CSV cell accept the same forms --------------------------
@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())

    def call(*args: str) -> tuple[int, str]:
        try:
            code = run([*args, "--data-dir", str(tmp_path / "cli-data")])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out + err

    return call


def _through_line(service, start: str, minutes: str) -> tuple[time | None, int | None]:
    parsed = parse_quick_add(f"Deck {minutes} ops {start}", [], service.clock.today())
    return parsed.start, parsed.minutes


def _through_cli(service, cli, start: str, minutes: str) -> tuple[time | None, int | None]:
    code, out = cli("add", "Deck", "--kind", "op", "--date", "yesterday", "--start", start,
                    "--minutes", minutes)
    assert code == 0, out
    code, out = cli("list", "--format", "csv")
    cells = out.splitlines()[1].split(",")
    return time.fromisoformat(cells[2]), int(cells[3])


def _through_csv(service, path: Path, start: str, minutes: str) -> tuple[time | None, int | None]:
    path.write_text("date,start,minutes,title,kind\n" f"2026-11-23,{start},{minutes},Deck,op\n",
                    encoding="utf-8")
    apply_import(service, read_import(service, path))
    (entry,) = service.entries.between(date(2026, 11, 23), date(2026, 11, 23))
    return entry.start, entry.minutes


@pytest.mark.parametrize("through", ["line", "cli", "csv"])
@pytest.mark.parametrize(("start", "minutes", "expected"), [
    ("09:30", "45", (time(9, 30), 45)),
    ("9:30", "45m", (time(9, 30), 45)),
    ("13:26:00", "1h30", (time(13, 26), 90)),
    ("1:26pm", "1.5h", (time(13, 26), 90)),
    ("11:05am", "2hrs", (time(11, 5), 120)),
])
def test_the_line_the_command_line_and_a_csv_cell_read_the_same_forms(
        through, start, minutes, expected, service, cli, tmp_path):
    if through == "line":
        got = _through_line(service, start, minutes)
    elif through == "cli":
        got = _through_cli(service, cli, start, minutes)
    else:
        got = _through_csv(service, tmp_path / "in.csv", start, minutes)
    assert got == expected


@pytest.mark.parametrize("through", ["line", "cli", "csv"])
@pytest.mark.parametrize(("start", "minutes", "says"), [
    ("25:00", "45", "'25:00' is not a time of day; use 00:00 to 23:59"),
    ("09:30", "1h75", "'1h75': minutes after the hours must be under 60."),
])
def test_the_three_refuse_the_same_forms_with_the_same_message(
        through, start, minutes, says, service, cli, tmp_path):
    if through == "line":
        with pytest.raises(ValidationError) as raised:
            _through_line(service, start, minutes)
        message = str(raised.value)
    elif through == "cli":
        code, message = cli("add", "Deck", "--kind", "o", "--start", start, "--minutes", minutes)
        assert code == 2
    else:
        path = tmp_path / "in.csv"
        path.write_text(f"date,start,minutes,title,kind\n2026-11-23,{start},{minutes},Deck,o\n",
                        encoding="utf-8")
        message = "\n".join(str(p) for p in read_import(service, path).problems)
    assert says in message


def test_kind_op_works_on_the_command_line(cli):
    code, out = cli("add", "Weekly status deck", "--minutes", "30", "--kind", "op")
    assert code == 0 and "operational" in out
    code, out = cli("list", "--format", "csv")
    assert out.splitlines()[1].split(",")[4] == "operational"
