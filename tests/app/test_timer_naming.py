"""Naming an untitled timer: while it runs, or when it is stopped, with the kind asked apart."""

from __future__ import annotations

import pytest

from app.domain import Kind
from app.errors import ValidationError


def test_an_untitled_timer_is_named_while_it_runs_and_keeps_its_start(service, clock):
    started = service.timer.start("")
    clock.advance(minutes=25)
    named = service.timer.name("Roadmap review s #roadmap")
    assert (named.title, named.kind, named.category) == (
        "Roadmap review", Kind.STRATEGIC, "Vision, strategy & roadmap")
    assert service.timer.running() == named
    assert named.started_at == started.started_at
    entry = service.timer.stop()
    assert (entry.title, entry.minutes, entry.kind) == ("Roadmap review", 25, Kind.STRATEGIC)


def test_the_kind_given_apart_counts_only_where_the_line_leaves_it_open(service, clock):
    service.entries.log_line("Weekly status deck 45m ops #status mon")
    service.timer.start("")
    clock.advance(minutes=10)
    # The task's history says operational: the kind given apart does not override it.
    assert service.timer.name("Weekly status deck", Kind.STRATEGIC).kind == Kind.OPERATIONAL
    with pytest.raises(ValidationError) as error:
        service.timer.name("Brand new thing")
    assert error.value.field == "kind"
    entry = service.timer.stop(title="Brand new thing", kind=Kind.STRATEGIC)
    assert (entry.title, entry.kind) == ("Brand new thing", Kind.STRATEGIC)


def test_a_naming_line_with_a_duration_or_nothing_is_refused(service):
    service.timer.start("")
    with pytest.raises(ValidationError, match="give only a title"):
        service.timer.name("Deck 45m ops")
    with pytest.raises(ValidationError, match="Say what you worked on"):
        service.timer.name("  ")
    assert service.timer.running().title == ""
