"""Controls kept out of what is saved (typed, imported, from a peer), and escaped when shown."""

from __future__ import annotations

from datetime import date

import pytest

from app.display import shorten
from app.domain import EntryDraft, Kind
from app.exchange.importing import apply_import, read_import
from app.exchange.peers import clean_label, import_peer_summary
from app.text import escape_controls, shown_bytes, strip_controls

ALL = (date(1970, 1, 1), date(2026, 11, 25))
HOSTILE = "\x1b[2J\x1b]0;pwned\x07Deck\x00 \u202egnp.exe\u2066x\u2069 \x9b31m"


@pytest.mark.parametrize(("text", "line", "lines"), [
    ("Deck\x1b[31m red", "Deck[31m red", "Deck[31m red"),
    ("a\x07\x00\x7f\x9bb", "ab", "ab"),
    ("left\u202aright\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "leftright", "leftright"),
    ("one\ttwo\nthree\r\nfour\rfive", "one two three  four five", "one\ttwo\nthree\r\nfour\nfive"),
    ("form\x0cfeed\x1fsep", "form feed sep", "form feed sep"),
    ("Café – “ok” 日本 \u200d", "Café – “ok” 日本 \u200d", "Café – “ok” 日本 \u200d"),
])
def test_strip_controls(text, line, lines):
    assert strip_controls(text) == line
    assert strip_controls(text, keep_lines=True) == lines


def test_escape_controls_writes_them_visibly_and_keeps_lines():
    assert escape_controls("a\x1b[2Jb\nc\td\u202e") == "a\\u001b[2Jb\nc\td\\u202e"
    assert escape_controls("a\nb", keep_lines=False) == "a\\u000ab"
    assert escape_controls("a\r\nb\rc") == "a\r\nb\\u000dc"  # CR LF is a line break
    assert escape_controls("plain") == "plain"
    assert shown_bytes("Caf\udce9 " + "x" * 60) == "Caf\\xe9 " + "x" * 31 + "…"
    assert shorten("a  b\nc", 40) == "a b c" and shorten("x" * 50, 10) == "x" * 9 + "…"


def test_what_the_service_saves_holds_no_controls(service):
    entry = service.entries.log_line(f"{HOSTILE} 30m ops #stat\x1bus", note="first\x1b[1m\r\nsecond\x07")
    assert entry.title == "[2J]0;pwnedDeck gnp.exex 31m"
    assert entry.category == "Status reports & decks"
    assert entry.note == "first[1m\r\nsecond"
    edited = service.entries.edit(entry.id, title="Deck\x1b[0m", note="n\x00")[1]
    assert (edited.title, edited.note) == ("Deck[0m", "n")
    made = service.categories.add("Vendor\u202e calls\x07", Kind.OPERATIONAL)
    assert made.name == "Vendor calls"
    logged = service.entries.log(EntryDraft("Call\x1b", 5, Kind.OPERATIONAL, "New\x1b one"),
                                 create_category=True)
    assert (logged.title, logged.category) == ("Call", "New one")
    assert clean_label("Peer\x1b[5m A\u202e") == "Peer[5m A"


def test_an_import_saves_titles_and_categories_without_controls(service, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("date,start,minutes,hours,title,kind,category,handoff,note\r\n"
                    "2026-11-16,,45,,Deck\x1b[31m\x07,operational,Tool\u202e admin,,\r\n",
                    encoding="utf-8")
    apply_import(service, read_import(service, path))
    (entry,) = service.entries.between(*ALL)
    assert (entry.title, entry.category) == ("Deck[31m", "Tool admin")


def test_a_peers_summary_saves_categories_without_controls(service, tmp_path):
    path = tmp_path / "peer.csv"
    path.write_text("week,week_start,category,kind,hours\r\n"
                    "2026-W47,2026-11-16,Tool\x1b[8m admin,operational,2\r\n", encoding="utf-8")
    import_peer_summary(service, path, "Peer\x07 A")
    conn = service.store.conn
    assert [tuple(r) for r in conn.execute("SELECT label FROM peers")] == [("Peer A",)]
    assert [tuple(r) for r in conn.execute("SELECT category FROM peer_weeks")] == [("Tool[8m admin",)]
