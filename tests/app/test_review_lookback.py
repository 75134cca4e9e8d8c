"""A week with nothing logged at all (a holiday) does not count against how often a task recurs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain import EntryDraft, Kind
from app.review.service import ReviewService

W45, W46, W47, W48 = (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23))


def _deck(service, monday):
    service.entries.log(EntryDraft("Weekly status deck", 120, Kind.OPERATIONAL, "Status reports & decks",
                           monday))


@pytest.fixture
def deck_three_weeks(service, clock):
    for monday in (W45, W46, W48):
        _deck(service, monday)
    service.tasks.set_judgement("Weekly status deck", checklist=4, needed="needed")
    clock.moment = datetime(2026, 12, 1, 9, 0).astimezone()   # W48 is over
    return service


def test_a_holiday_week_is_left_out_of_the_look_back(deck_three_weeks):
    # W47 empty: 360 min over 3 weeks seen, of 3 weeks worked -> H 2.0, R 1, P 4: 1.6 h back.
    [deck] = [t for t in ReviewService(deck_three_weeks).scores(W48) if t.title == "Weekly status deck"]
    assert deck.reason == ("2.0 h a week, 3 of 3 weeks, checklist 4/5 -> hand to ProductOps: "
                           "1.6 h a week back")


def test_a_worked_week_without_the_task_counts(deck_three_weeks):
    deck_three_weeks.entries.log(EntryDraft("Roadmap review", 60, Kind.STRATEGIC,
                                    "Vision, strategy & roadmap", W47))
    # W47 worked, no deck: H 2.0, R 3/4, P 4 -> 2.0 x 0.75 x 0.8 = 1.2 h back.
    [deck] = [t for t in ReviewService(deck_three_weeks).scores(W48) if t.title == "Weekly status deck"]
    assert deck.reason == ("2.0 h a week, 3 of 4 weeks, checklist 4/5 -> hand to ProductOps: "
                           "1.2 h a week back")


def test_midweek_the_look_back_is_the_completed_weeks(service):
    # A deck every Thursday of W44–W47; on Tue 24 Nov (W48) it is not due yet this week.
    for thursday in (date(2026, 10, 29), date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19)):
        _deck(service, thursday)
    service.entries.log(EntryDraft("Roadmap review", 60, Kind.STRATEGIC, "Vision, strategy & roadmap", W48))
    service.tasks.set_judgement("Weekly status deck", checklist=4, needed="needed")
    reviews = ReviewService(service)
    assert reviews.lookback().words == "the 4 completed weeks 26 Oct – 22 Nov"
    [deck] = reviews.scores()
    # Not "3 of 4 weeks": W48 is not over, so it is not in the look-back.
    assert deck.reason == ("2.0 h a week, 4 of 4 weeks, checklist 4/5 -> hand to ProductOps: "
                           "1.6 h a week back")
    # Reviewing a past week, that week ends its look-back.
    assert reviews.lookback(date(2026, 11, 12)).words == "the 4 completed weeks 19 Oct – 15 Nov"
