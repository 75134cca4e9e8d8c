"""The quick-add line, example by example."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.display import format_duration
from app.domain import Kind
from app.errors import ValidationError
from app.log.quickadd import format_quick_add, match_categories, parse_quick_add
from storage.schema import DEFAULT_CATEGORIES

TODAY = date(2026, 11, 24)  # a Tuesday
NAMES = [name for name, _ in DEFAULT_CATEGORIES]
STRAT, OPS = Kind.STRATEGIC, Kind.OPERATIONAL


def parse(line, **kwargs):
    return parse_quick_add(line, NAMES, TODAY, **kwargs)


def test_the_two_examples_from_the_brief():
    first = parse("Weekly status deck 45m ops #Status reports")
    assert (first.title, first.minutes, first.kind, first.category) == (
        "Weekly status deck", 45, OPS, "Status reports & decks")
    assert first.day is None and first.start is None

    second = parse("Customer interview with Acme 1h30 strategic #discovery yesterday 14:00")
    assert (second.title, second.minutes, second.kind, second.category, second.day, second.start) == (
        "Customer interview with Acme", 90, STRAT, "Customer discovery & interviews",
        date(2026, 11, 23), time(14, 0))


@pytest.mark.parametrize(("token", "minutes"), [
    ("45m", 45), ("45min", 45), ("1h", 60), ("1h30", 90), ("1h30m", 90), ("1.5h", 90),
    ("1,5h", 90), ("90", 90), ("2hrs", 120), ("0.25h", 15), ("24h", 1440), ("1440", 1440), ("1m", 1),
])
def test_durations(token, minutes):
    assert parse(f"Deck {token}").minutes == minutes


@pytest.mark.parametrize(("word", "kind"), [
    ("strategic", STRAT), ("strat", STRAT), ("s", STRAT), ("STRAT", STRAT),
    ("operational", OPS), ("ops", OPS), ("o", OPS), ("Ops", OPS),
])
def test_kind_words(word, kind):
    assert parse(f"Deck 30m {word}").kind == kind


@pytest.mark.parametrize(("text", "category"), [
    ("#status", "Status reports & decks"),
    ("#STATUS", "Status reports & decks"),
    ("#Status reports", "Status reports & decks"),
    ("#status reports & decks", "Status reports & decks"),
    ("#tool", "Tool admin"),
    ("#discovery", "Customer discovery & interviews"),     # a word inside the name
    ("#data pulls", "Data pulls & dashboards"),
    ("#interp", "Outcomes, metrics & data interpretation"),
])
def test_category_by_unique_prefix_case_insensitive_and_multi_word(text, category):
    assert parse(f"Deck 30m {text}").category == category


@pytest.mark.parametrize(("word", "day"), [
    ("today", date(2026, 11, 24)),
    ("yesterday", date(2026, 11, 23)),
    ("tue", date(2026, 11, 24)),       # today counts as the most recent Tuesday
    ("tuesday", date(2026, 11, 24)),
    ("mon", date(2026, 11, 23)),
    ("Wednesday", date(2026, 11, 18)),  # the most recent one is last week's
    ("sun", date(2026, 11, 22)),
    ("fri", date(2026, 11, 20)),
    ("2026-11-02", date(2026, 11, 2)),
    ("2026-1-5", date(2026, 1, 5)),
])
def test_dates(word, day):
    assert parse(f"Deck 30m {word}").day == day


def test_fields_come_in_any_order_and_around_the_category():
    a = parse("Deck yesterday 09:15 o 1h #status")
    b = parse("Deck #status 1h yesterday ops 09:15")
    assert a == b
    assert (a.minutes, a.kind, a.day, a.start) == (60, OPS, date(2026, 11, 23), time(9, 15))


def test_a_title_may_hold_numbers_and_field_like_words():
    assert parse("Review 2 PRDs 30m").title == "Review 2 PRDs"
    assert parse("Plan Q3 ops review 1h s").title == "Plan Q3 ops review"


def test_a_duration_may_stand_first():
    parsed = parse("45m Weekly status deck ops")
    assert (parsed.title, parsed.minutes, parsed.kind) == ("Weekly status deck", 45, OPS)


def test_a_quoted_title_is_taken_as_written():
    parsed = parse('"Fix #123 by 14:00 today" 30m')
    assert (parsed.title, parsed.minutes, parsed.day, parsed.start) == (
        "Fix #123 by 14:00 today", 30, None, None)
    assert parse('"Say ""hi"" to Acme" 5m').title == 'Say "hi" to Acme'


def test_title_is_trimmed_and_inner_spaces_collapsed():
    assert parse("   Weekly    status  deck   45m  ").title == "Weekly status deck"


def test_a_new_category_only_when_allowed():
    with pytest.raises(ValidationError) as raised:
        parse("Deck 30m #Budget planning")
    assert raised.value.field == "category" and "#Budget planning" in str(raised.value)
    parsed = parse("Deck 30m #Budget   planning yesterday", allow_new_category=True)
    assert (parsed.category, parsed.new_category, parsed.day) == (
        "Budget planning", True, date(2026, 11, 23))


def test_an_archived_category_is_named_as_archived():
    with pytest.raises(ValidationError, match="archived"):
        parse_quick_add("Deck 30m #Old stuff", NAMES, TODAY, archived=["Old stuff"])


# -- what is wrong, named --------------------------------------------------------------------
@pytest.mark.parametrize(("line", "field", "names"), [
    ("", "title", ""),
    ("   ", "title", ""),
    ("45m ops #status", "title", "title"),
    ("Deck 0m", "minutes", "0m"),
    ("Deck 0", "minutes", "'0'"),
    ("Deck 1441", "minutes", "1441"),
    ("Deck 25h", "minutes", "25h"),
    ("Deck 1h75", "minutes", "1h75"),
    ("Deck 25:00", "start", "25:00"),
    ("Deck 12:60", "start", "12:60"),
    ("Deck 2026-02-30", "day", "2026-02-30"),
    ("Deck #s", "category", "#s"),                    # Stakeholder… and Status…
    ("Deck #d", "category", "more than one"),
    ("Deck #nosuch", "category", "#nosuch"),
    ("Deck #", "category", "#"),
    ("Deck #status ops strat", "kind", "'ops' and 'strat'"),
    ("Deck #status 30m 1h", "minutes", "'30m' and '1h'"),
    ("Deck #status 25:00", "start", "25:00"),
    ("Deck #status 45m 2026-13-01", "day", "2026-13-01"),
    ('"Deck 30m', "title", "quote"),
    ('"Deck"30m', "title", "quote"),
    ('"Deck" weekly 30m', "title", "'weekly'"),
    ("x" * 201 + " 30m", "title", "200"),
])
def test_a_wrong_part_is_named(line, field, names):
    with pytest.raises(ValidationError) as raised:
        parse(line)
    assert raised.value.field == field
    assert names in str(raised.value)


# -- helpers --------------------------------------------------------------------------------
def test_match_categories_prefers_exact_then_prefix_then_words():
    names = ["Ops", "Ops review", "Design ops"]
    assert match_categories("ops", names) == ["Ops"]
    assert match_categories("ops r", names) == ["Ops review"]
    assert match_categories("des", names) == ["Design ops"]
    assert match_categories("", names) == []


@pytest.mark.parametrize(("minutes", "text"), [(45, "45m"), (60, "1h"), (90, "1h30"), (605, "10h05")])
def test_format_duration(minutes, text):
    assert format_duration(minutes) == text
    assert parse(f"Deck {text}").minutes == minutes


def test_format_quick_add_quotes_only_when_needed():
    plain = format_quick_add("Weekly status deck", 45, OPS, "Status reports & decks", today=TODAY)
    assert plain == "Weekly status deck 45m operational #Status reports & decks"
    quoted = format_quick_add('Fix "#123" today', 30, today=TODAY)
    assert quoted == '"Fix ""#123"" today" 30m'
    assert parse(quoted).title == 'Fix "#123" today'


def test_a_mistyped_category_gets_the_nearest_one_suggested():
    with pytest.raises(ValidationError, match=r"Did you mean #discovery \(Customer discovery"):
        parse("Call 1h strat #discvery")
    with pytest.raises(ValidationError, match="listed in Settings"):
        parse("Call 1h strat #zzz")


# -- linear in the line's length ---------------------------------------------------------------
def _work(line, monkeypatch):
    """Return how much the parser reads for ``line``: characters matched against the category
    names plus the tokens tried as fields (counting, not timing)."""
    import app.log.quickadd as quickadd

    work = [0]
    match, field = quickadd.match_categories, quickadd._field

    def counted_match(text, names):
        work[0] += len(text)
        return match(text, names)

    def counted_field(token, today):
        work[0] += 1
        return field(token, today)

    monkeypatch.setattr(quickadd, "match_categories", counted_match)
    monkeypatch.setattr(quickadd, "_field", counted_field)
    try:
        parse(line)
    except ValidationError as error:
        assert len(str(error)) < 300  # the message quotes the line shortened, not whole
    return work[0]


@pytest.mark.parametrize("head,word", [
    ("Deck 30m #status", "ab"),        # was quadratic: 8,000 words took seconds
    ("Deck #status", "45m"),
    ("Deck #zz", "ops"),
    ("Deck 30m #Status reports &", "-"),
    ("Deck", "45m"),
    ("Deck 30m", "#ab"),
])
def test_parsing_reads_a_line_twice_as_long_with_about_twice_the_work(head, word, monkeypatch):
    small, large = (_work(head + f" {word}" * n, monkeypatch) for n in (2_000, 4_000))
    assert large <= 2.2 * small + 100


def test_a_message_about_a_long_line_quotes_it_shortened():
    with pytest.raises(ValidationError) as raised:
        parse("Deck 30m #status " + "ab " * 5_000)
    assert "There is no category '#status ab ab" in str(raised.value)
    assert "…'" in str(raised.value) and len(str(raised.value)) < 200
    with pytest.raises(ValidationError, match=r"After the quoted title, 'xxxx+…' is not"):
        parse('"Deck" ' + "x" * 5_000)
