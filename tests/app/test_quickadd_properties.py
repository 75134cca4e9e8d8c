"""Property tests of the quick-add line: it never crashes, and what is formatted parses back."""

from __future__ import annotations

from datetime import date, time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import Kind
from app.errors import ValidationError
from app.log.quickadd import format_quick_add, parse_quick_add
from app.text import strip_controls
from app.validation import MAX_TITLE
from storage.schema import DEFAULT_CATEGORIES

TODAY = date(2026, 11, 24)
NAMES = [name for name, _ in DEFAULT_CATEGORIES]
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words a title may hold that look like the fields around it.
FIELD_WORDS = [
    "45m", "1h", "1h30", "1.5h", "90", "0", "0m", "9999h", "1h75", "strategic", "strat", "s",
    "operational", "ops", "o", "op", "today", "yesterday", "mon", "Friday", "2026-11-20",
    "2026-02-30", "14:00", "25:00", "#status", "#", '"', '""', "&", "min", "h", "2hrs",
]

title_words = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(FIELD_WORDS),
    st.from_regex(r"[0-9]{1,6}[hm]?", fullmatch=True),
)
titles = (
    st.lists(title_words, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda t: strip_controls(t).split() and len(" ".join(t.split())) <= MAX_TITLE)
)


@PROPERTY
@given(st.text(max_size=120))
@example('"unterminated')
@example('"a"b 5m')
@example("x #")
@example("x # 45m")
@example("#")
@example("x 1h99")
@example("x 99999h")
@example("x 1,5h")
@example("x 2026-13-01")
@example("x #s")
def test_parser_never_crashes_on_arbitrary_text(line):
    try:
        parse_quick_add(line, NAMES, TODAY, archived=["Old stuff"])
    except ValidationError as error:
        assert str(error)  # a message for the user, never empty


@PROPERTY
@given(st.lists(st.sampled_from(FIELD_WORDS + ["Deck", "#data", "#status reports", "x"]), max_size=10))
def test_parser_never_crashes_on_field_soup(words):
    try:
        parse_quick_add(" ".join(words), NAMES, TODAY, allow_new_category=True)
    except ValidationError as error:
        assert str(error)


@PROPERTY
@given(
    title=titles,
    minutes=st.one_of(st.none(), st.integers(1, 1440)),
    kind=st.one_of(st.none(), st.sampled_from(list(Kind))),
    category=st.one_of(st.none(), st.sampled_from(NAMES)),
    day=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 12, 31))),
    start=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
)
@example(title='Say "hi"', minutes=5, kind=None, category=None, day=None, start=None)
@example(title="Fix #123", minutes=30, kind=Kind.OPERATIONAL, category=None, day=None, start=None)
@example(title="45m", minutes=None, kind=None, category=None, day=None, start=None)
@example(title="45m deck", minutes=None, kind=None, category=None, day=None, start=None)
@example(title="Review 2", minutes=None, kind=None, category=None, day=None, start=None)
@example(title='"', minutes=None, kind=None, category=None, day=None, start=None)
@example(title="ops", minutes=10, kind=Kind.STRATEGIC, category="Tool admin", day=None,
         start=time(9, 0))
def test_format_then_parse_gives_the_same_values(title, minutes, kind, category, day, start):
    line = format_quick_add(title, minutes, kind, category, day, start, today=TODAY)
    parsed = parse_quick_add(line, NAMES, TODAY)
    assert parsed.title == " ".join(strip_controls(title).split()), line  # controls left out
    assert parsed.minutes == minutes, line
    assert parsed.kind == kind, line
    assert parsed.category == category, line
    assert parsed.day == day, line
    assert parsed.start == start, line
    assert parsed.new_category is False
