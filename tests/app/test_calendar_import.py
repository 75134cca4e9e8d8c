"""Classifying calendar occurrences, accepting them once, rules, privacy."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.exchange.calendar import LeftOut, read_calendar
from app.exchange.calendar_import import (
    Source,
    accept,
    dismiss,
    plan_calendar,
    undismiss,
    undo_accept,
)

FILES = Path(__file__).parent / "calendars"
W47 = (date(2026, 11, 16), date(2026, 11, 22))


def _plan(service, name="google.ics", default=None, first_last=W47):
    return plan_calendar(service, read_calendar(FILES / name).occurrences(*first_last),
                         default_kind=default)


def test_classified_by_series_then_history_then_rules_then_default(service, berlin):
    service.entries.log(EntryDraft("QBR prep", 30, Kind.STRATEGIC, "Vision"))   # history
    service.rules.add("stand-up", "operational", "Delivery")             # a rule
    service.rules.add("grooming", "strategic")
    plan = _plan(service, default="operational")
    got = {s.title: (s.kind, s.category, s.source) for s in plan.suggestions}
    assert got["QBR prep"] == (Kind.STRATEGIC, "Vision, strategy & roadmap", Source.HISTORY)
    assert got["Team stand-up"] == (Kind.OPERATIONAL, "Delivery coordination & backlog admin",
                                    Source.RULE)
    assert got["Backlog grooming"] == (Kind.STRATEGIC, None, Source.RULE)
    assert got["Release night"] == (Kind.OPERATIONAL, None, Source.DEFAULT)
    # The PM changes one stand-up: the choice is remembered for the whole series.
    standup = next(s for s in plan.suggestions if s.title == "Team stand-up")
    accept(service, [standup.changed(kind="strategic", category="Stakeholder")])
    again = {(s.title, s.day): (s.kind, s.source) for s in _plan(service).suggestions}
    assert again[("Team stand-up", date(2026, 11, 17))] == (Kind.STRATEGIC, Source.SERIES)
    assert ("Team stand-up", standup.day) not in again  # logged once


def test_without_a_default_nothing_classifies_a_new_title(service, berlin):
    plan = _plan(service)
    assert {s.title for s in plan.unclassified} == {
        "Team stand-up", "QBR prep", "Release night", "Backlog grooming"}
    with pytest.raises(ValidationError, match="has no kind yet"):
        accept(service, plan.suggestions)
    assert service.entries.count() == 0


def test_a_reimport_adds_nothing_and_leaves_edited_entries_alone(service, berlin):
    done = accept(service, _plan(service, default="operational").ready)
    assert len(done.entries) == 6
    night = next(e for e in done.entries if e.title == "Release night")
    assert (night.day, f"{night.start:%H:%M}", night.minutes) == (date(2026, 11, 17), "23:00", 150)
    service.entries.edit(night.id, minutes=90, kind="strategic")
    plan = _plan(service, default="operational")
    assert plan.suggestions == [] and plan.handled == 6
    assert accept(service, plan.ready).entries == []
    assert service.entries.get(night.id).minutes == 90 and service.entries.count() == 6
    # An edited entry also teaches the series its kind, for the next occurrence.
    later = plan_calendar(service, read_calendar(FILES / "google.ics").occurrences(
        date(2026, 11, 16), date(2026, 11, 23)), default_kind="operational")
    assert [(s.title, s.source) for s in later.suggestions] == [("Team stand-up", Source.SERIES)]


def test_accepting_twice_the_same_plan_logs_once(service, berlin):
    plan = _plan(service, default="operational")
    accept(service, plan.ready)
    second = accept(service, plan.ready)  # e.g. a second window with the old plan
    assert second.entries == [] and second.already == 6 and service.entries.count() == 6


def test_undo_of_an_accept_brings_the_suggestions_back(service, berlin):
    done = accept(service, _plan(service, default="operational").ready[:2])
    undo_accept(service, done.entry_ids)
    assert service.entries.count() == 0
    assert len(_plan(service, default="operational").suggestions) == 6


def test_dismissed_ones_are_not_suggested_until_undismissed(service, berlin):
    plan = _plan(service, default="operational")
    dismiss(service, plan.suggestions[:1])
    assert len(_plan(service, default="operational").suggestions) == 5
    undismiss(service, plan.suggestions[0])
    assert len(_plan(service, default="operational").suggestions) == 6


def test_occurrences_not_begun_by_now_are_left_out(service, clock, berlin):
    # Now is Tue 2026-11-24 10:30: Monday's and this morning's stand-ups have begun.
    plan = _plan(service, default="operational", first_last=(date(2026, 11, 23), date(2026, 11, 27)))
    assert [(s.title, s.day.day) for s in plan.suggestions] == [("Team stand-up", 23),
                                                                 ("Team stand-up", 24)]
    assert [(s.day.day, s.reason) for s in plan.skipped] == [
        (d, LeftOut.NOT_BEGUN) for d in (25, 26, 27)]


def test_nothing_but_titles_and_times_is_stored(service, store, berlin):
    accept(service, _plan(service, default="operational").ready)
    for name in ("outlook.ics", "rfc5545.ics"):
        found = read_calendar(FILES / name).occurrences(date(1997, 1, 1), date(2026, 11, 22))
        accept(service, plan_calendar(service, found, default_kind="operational").ready)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dump = "\n".join(sqlite3.connect(store.path).iterdump())
    for secret in ("meet.google.com", "merger", "Confidential-7", "secret.colleague", "mailto:",
                   "teams.microsoft.com", "Microsoft Teams Meeting", "HUMAN RESOURCES", "Lead"):
        assert secret not in dump
    assert "Team stand-up" in dump and "standup0001@google.com" in dump


def test_rules_in_order_whole_words_and_their_crud(service):
    service.rules.add("sync", "operational")
    service.rules.add("roadmap|strategy", "strategic", regex=True)
    service.rules.add("status sync", "strategic", number=1)
    rules = service.rules.compiled()
    assert rules.match("Status  SYNC with sales").pattern == "status sync"
    assert rules.match("Team sync").pattern == "sync"
    assert rules.match("async review") is None
    assert rules.match("Q3 Roadmap").is_regex
    moved = service.rules.move(service.rules.list()[0].id, 3)
    assert [r.pattern for r in moved] == ["sync", "roadmap|strategy", "status sync"]
    service.rules.remove(moved[0].id)
    assert [(r.number, r.pattern) for r in service.rules.list()] == [
        (1, "roadmap|strategy"), (2, "status sync")]


@pytest.mark.parametrize("pattern, regex, words", [
    ("   ", False, "Give the rule a word"),
    ("(a+)+$", True, "repeats a group that itself repeats"),
    ("(stand", True, "is not a regular expression"),
    ("x" * 201, False, "keep it to 200"),
])
def test_bad_rules_are_refused_with_a_reason(service, pattern, regex, words):
    with pytest.raises(ValidationError, match=words):
        service.rules.add(pattern, "operational", regex=regex)
    assert service.rules.list() == []


def test_rules_classify_new_quick_log_titles_only(service):
    service.rules.add("stand-up", "operational", "Delivery")
    entry = service.entries.log_line("Daily stand-up 15m")
    assert (entry.kind, entry.category) == (Kind.OPERATIONAL, "Delivery coordination & backlog admin")
    service.entries.log_line("Stand-up notes 20m strategic")          # the PM's kind wins
    assert service.entries.log_line("Stand-up notes 20m").kind is Kind.STRATEGIC  # then history


def test_rules_classify_toggl_rows_after_the_mapping_and_history(service, tmp_path):
    from app.exchange.importing import read_import

    service.rules.add("interview", "strategic", "Customer")
    path = tmp_path / "toggl.csv"
    path.write_text("Project,Description,Start date,Start time,Duration\n"
                    ",Customer interview Acme,2026-11-17,09:00:00,01:00:00\n")
    plan = read_import(service, path)
    row = plan.first_rows()[0]
    assert (row.kind, row.category) == ("strategic", "Customer discovery & interviews")
