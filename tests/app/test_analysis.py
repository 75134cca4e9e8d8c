"""The weekly review's figures, on small hand-made data with the expected numbers written out.

The clock stands on Tue 2026-11-24 (ISO week 2026-W48: Mon 23 – Sun 29 Nov).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.clock import FixedClock
from app.domain import EntryDraft, HandoffStatus, Kind, Needed
from app.review.analysis import (
    CategoryHours,
    HandoffRules,
    LookBack,
    Route,
    WeekSplit,
    daily_hours,
    hours_by_category,
    make_headline,
    pooled_share,
    score_task,
    weekly_split,
)
from app.review.service import ReviewService
from app.workload import WorkloadService

STRAT, OPS = Kind.STRATEGIC, Kind.OPERATIONAL
RULES = HandoffRules()  # 4 weeks, score >= 1 h, P >= 3, R >= 0.5
W48 = date(2026, 11, 24)


def log(service, title, minutes, kind, category, day):
    service.entries.log(EntryDraft(title, minutes, kind, category, day))


def review_of(service, day=None, weeks=8):
    return ReviewService(service).review(day, weeks)


# -- score_task: the formula, the thresholds, the routes, the reason ----------------------
def test_the_issue_example_hand_to_productops():
    # 720 min in 4 of 4 weeks: H = 3.0 h, R = 1, P = 4: 3.0 x 1 x 4/5 = 2.4
    t = score_task(1, "Weekly status deck", 720, 4, 4, "needed", "unreviewed", RULES)
    assert t.hours_per_week == 3.0
    assert t.recurrence == 1.0
    assert t.score == pytest.approx(2.4)
    assert t.route is Route.PRODUCT_OPS
    assert t.reason == ("3.0 h a week, 4 of 4 weeks, checklist 4/5 -> hand to ProductOps: "
                        "2.4 h a week back")


def test_h_is_the_average_of_the_weeks_it_appeared_so_h_times_r_is_per_week():
    # 240 min in 2 of 4 weeks: 2.0 h in the weeks it appears, 1.0 h a week overall.
    t = score_task(1, "Release notes", 240, 2, 5, None, "unreviewed", RULES)
    assert t.hours_per_week == 2.0
    assert t.recurrence == 0.5
    assert t.score == pytest.approx(1.0)          # 2.0 x 0.5 x 5/5
    assert t.route is Route.PRODUCT_OPS           # P = 5 but R = 0.5, not ≈ 1
    assert t.reason.endswith("-> hand to ProductOps: 1.0 h a week back")


def test_automate_when_p_is_5_and_it_happens_every_week():
    t = score_task(1, "Pull weekly metrics", 300, 4, 5, None, "unreviewed", RULES)
    assert t.score == pytest.approx(1.25)
    assert t.route is Route.AUTOMATE
    assert t.reason == ("1.2 h a week, 4 of 4 weeks, checklist 5/5 -> automate: "
                        "1.2 h a week back")


def test_automate_needs_r_close_to_1_not_just_p_5():
    assert score_task(1, "x", 600, 3, 5, None, "unreviewed", RULES).route is Route.PRODUCT_OPS
    twelve = HandoffRules(weeks=12)
    assert score_task(1, "x", 1100, 11, 5, None, "unreviewed", twelve).route is Route.AUTOMATE
    assert score_task(1, "x", 1000, 10, 5, None, "unreviewed", twelve).route is Route.PRODUCT_OPS


def test_drop_when_nothing_happens_without_it_reclaims_all_of_it():
    # 360 min in 3 of 4 weeks: H = 2.0, R = 0.75, dropped whole: 1.5 h a week, whatever P.
    t = score_task(1, "Leadership update", 360, 3, 2, Needed.NOTHING, "unreviewed", RULES)
    assert t.score == pytest.approx(1.5)
    assert t.route is Route.DROP
    assert t.reason == ("2.0 h a week, 3 of 4 weeks, nothing happens without it -> drop: "
                        "1.5 h a week back")
    unrated = score_task(1, "Leadership update", 360, 3, None, "nothing", "unreviewed", RULES)
    assert unrated.route is Route.DROP
    assert not unrated.needs_rating


def test_redesign_when_p_is_low_but_hours_are_high():
    # 960 min in 4 of 4 weeks: H = 4.0, P = 2: 4.0 x 1 x 2/5 = 1.6
    t = score_task(1, "Sprint admin", 960, 4, 2, "needed", "unreviewed", RULES)
    assert t.route is Route.REDESIGN
    assert t.score == pytest.approx(1.6)
    assert t.reason == ("4.0 h a week, 4 of 4 weeks, checklist 2/5 -> redesign: "
                        "1.6 h a week back")
    small = score_task(1, "Sprint admin", 480, 4, 2, "needed", "unreviewed", RULES)
    assert small.route is None
    assert small.reason == ("2.0 h a week, 4 of 4 weeks, checklist 2/5: hard to hand off, "
                            "and under 3 h a week to redesign")


def test_thresholds_are_inclusive():
    # Exactly 1.0 h a week back (300 min, 4 of 4, P 4: 1.25 x 1 x 0.8) and exactly R = 0.5.
    assert score_task(1, "x", 300, 4, 4, None, "unreviewed", RULES).is_candidate
    # 300 min in 2 of 4 weeks: H 2.5, R 0.5, P 4: 2.5 x 0.5 x 0.8 = 1.0
    assert score_task(1, "x", 300, 2, 4, None, "unreviewed", RULES).is_candidate
    assert score_task(1, "x", 295, 2, 4, None, "unreviewed", RULES).route is None  # 0.98 h


def test_a_score_just_under_the_bar_never_reads_as_the_bar():
    # 293 min in 4 of 4 weeks, P 4: 1.2208 x 1 x 0.8 = 0.9767 h a week back, under the
    # 1 h bar: "0.97", not "1.0".
    under = score_task(1, "x", 293, 4, 4, None, "unreviewed", RULES)
    assert under.route is None and under.score == pytest.approx(0.97667, abs=1e-5)
    assert under.score_text == "0.97"
    assert under.reason == ("1.2 h a week, 4 of 4 weeks, checklist 4/5: too small to hand off "
                            "(0.97 h a week back, needs 1.0)")
    # Far from the bar, one decimal as before.
    assert score_task(1, "x", 240, 4, 4, None, "unreviewed", RULES).score_text == "0.8"


def test_a_score_just_over_the_bar_never_reads_below_it():
    # A 1.25 h bar; 375 min, 4 of 4, P 4: 1.5625 x 0.8 = 1.25 exactly, which "%.1f" makes 1.2.
    rules = HandoffRules(min_score=1.25)
    over = score_task(1, "x", 375, 4, 4, None, "unreviewed", rules)
    assert over.is_candidate and over.score_text == "1.25"
    assert over.reason.endswith("-> hand to ProductOps: 1.25 h a week back")
    short = score_task(1, "x", 370, 4, 4, None, "unreviewed", rules)   # 1.233
    assert short.reason.endswith("too small to hand off (1.2 h a week back, needs 1.25)")


def test_hours_just_under_the_redesign_bar_never_read_as_it():
    # P 2: redesign needs H >= 3 h. 710 min in 4 of 4 weeks: H 2.958, shown "2.95", not "3.0".
    t = score_task(1, "x", 710, 4, 2, None, "unreviewed", RULES)
    assert t.route is None and t.hours_text == "2.95"
    assert t.reason == ("2.95 h a week, 4 of 4 weeks, checklist 2/5: hard to hand off, and "
                        "under 3 h a week to redesign")
    # Where no bar is held against H, one decimal.
    assert score_task(1, "x", 710, 4, 4, None, "unreviewed", RULES).hours_text == "3.0"


@pytest.mark.parametrize(("value", "bar", "text"), [
    (0.975, 1.0, "0.97"), (0.9999, 1.0, "0.99"), (1.0, 1.0, "1.0"), (0.95, 1.0, "0.9"),
    (0.94, 1.0, "0.9"), (1.04, 1.0, "1.0"), (1.25, 1.25, "1.25"), (1.2499999999, 1.25, "1.25"),
    (0.29, 0.3, "0.29"), (2.96, None, "3.0"),
])
def test_hours_text_keeps_each_value_on_its_side_of_the_bar(value, bar, text):
    from app.review.analysis import hours_text

    assert hours_text(value, bar) == text


def test_each_missed_threshold_is_named():
    rare = score_task(1, "x", 600, 1, 5, None, "unreviewed", RULES)   # R = 0.25
    assert rare.route is None
    assert rare.reason == ("10.0 h a week, 1 of 4 weeks, checklist 5/5: not recurring enough "
                           "(needs 2 of 4 weeks)")
    small = score_task(1, "x", 240, 4, 4, None, "unreviewed", RULES)  # 1.0 x 1 x 0.8 = 0.8
    assert small.reason == ("1.0 h a week, 4 of 4 weeks, checklist 4/5: too small to hand off "
                            "(0.8 h a week back, needs 1.0)")
    strict = HandoffRules(min_checklist=4)
    p3 = score_task(1, "x", 900, 4, 3, None, "unreviewed", strict)
    assert p3.route is None
    assert p3.reason.endswith("hard to hand off (checklist needs 4/5)")


def test_thresholds_come_from_the_rules():
    loose = HandoffRules(weeks=4, min_score=0.5, min_checklist=3, min_recurrence=0.25)
    assert score_task(1, "x", 240, 1, 3, None, "unreviewed", loose).route is Route.PRODUCT_OPS
    assert score_task(1, "x", 240, 1, 3, None, "unreviewed", RULES).route is None


def test_unrated_tasks_have_no_score_and_need_rating():
    t = score_task(1, "Answer questions", 150, 2, None, None, "unreviewed", RULES)
    assert t.score is None and t.route is None
    assert t.needs_rating
    assert t.reason == "1.2 h a week, 2 of 4 weeks: not rated yet"


def test_the_pm_decision_overrides_the_thresholds():
    kept = score_task(1, "x", 720, 4, 4, None, HandoffStatus.KEEP, RULES)
    assert kept.route is None and kept.score == pytest.approx(2.4)
    assert kept.reason.endswith(": you keep it")
    gone = score_task(1, "x", 720, 4, 4, None, "handed_off", RULES)
    assert gone.route is None and gone.reason.endswith(": handed off")
    marked = score_task(1, "x", 60, 1, 3, None, "candidate", RULES)   # 0.15 h a week
    assert marked.route is Route.PRODUCT_OPS
    assert marked.score == pytest.approx(0.15)


# -- the split, categories, days: pure functions ------------------------------------------
def test_weekly_split_fills_empty_weeks_and_ignores_rows_outside():
    rows = [(0, "strategic", 120), (0, "operational", 60), (2, "operational", 30), (5, "strategic", 9)]
    weeks = weekly_split(rows, date(2026, 11, 9), 3)
    assert weeks == [
        WeekSplit(date(2026, 11, 9), 120, 60),
        WeekSplit(date(2026, 11, 16), 0, 0),
        WeekSplit(date(2026, 11, 23), 0, 30),
    ]
    assert [w.label for w in weeks] == ["2026-W46", "2026-W47", "2026-W48"]
    assert weeks[0].share == pytest.approx(2 / 3)
    assert weeks[1].share is None          # an empty week has no share, not 0 %
    assert weeks[2].share == 0.0           # a week of one kind only
    assert pooled_share(weeks) == pytest.approx(120 / 210)
    assert pooled_share([weeks[1]]) is None


def test_hours_by_category_most_first_split_by_entry_kind():
    rows = [
        ("Tool admin", "operational", "operational", 30),
        ("Vision, strategy & roadmap", "strategic", "strategic", 90),
        (None, None, "strategic", 45),
        ("Tool admin", "operational", "strategic", 75),
        ("Data pulls & dashboards", "operational", "operational", 45),
    ]
    assert hours_by_category(rows) == [
        CategoryHours("Tool admin", OPS, 75, 30),
        CategoryHours("Vision, strategy & roadmap", STRAT, 90, 0),
        CategoryHours("Data pulls & dashboards", OPS, 0, 45),
        CategoryHours("No category", None, 45, 0),
    ]


def test_daily_hours_has_every_day_of_the_range():
    assert daily_hours([("2026-11-24", 90)], date(2026, 11, 23), date(2026, 11, 25)) == [
        (date(2026, 11, 23), 0.0), (date(2026, 11, 24), 1.5), (date(2026, 11, 25), 0.0)]


def test_headline_share_after_assumes_hours_given_back_go_to_strategy():
    week = WeekSplit(date(2026, 11, 23), 300, 600)
    window = [WeekSplit(date(2026, 11, 16), 600, 600), week]   # 900 of 2100 min strategic
    scores = [score_task(1, "deck", 720, 2, 4, None, "unreviewed", HandoffRules(weeks=2))]
    # H 6.0, R 1, P 4: 4.8 h a week; over 2 weeks that is 576 min more strategy.
    headline = make_headline(week, 2, LookBack(date(2026, 11, 16), 2, 2), window, scores, [], 50)
    assert headline.reclaimable == pytest.approx(4.8)
    assert headline.lookback_share == pytest.approx(900 / 2100)
    assert headline.share_after == pytest.approx(1476 / 2100)
    assert headline.lines()[1:3] == [
        "Strategic share: 33 % (target 50 %; 43 % over the 2 completed weeks 16 – 29 Nov)",
        "Reclaimable: 4.8 h a week from 1 hand-off candidate: 43 % -> 70 % strategic "
        "over the 2 completed weeks 16 – 29 Nov"]


def test_share_after_counts_only_the_weeks_worked():
    # A holiday week in a 2-week look-back: the deck's 720 min over the 1 week worked is
    # 12 h a week x P 4/5 = 9.6 h a week back, 576 min in all, not 9.6 h x 2 weeks.
    holiday = WeekSplit(date(2026, 11, 16))
    week = WeekSplit(date(2026, 11, 23), 300, 1200)
    scores = [score_task(1, "deck", 720, 1, 4, None, "unreviewed", HandoffRules(weeks=1))]
    headline = make_headline(week, 2, LookBack(date(2026, 11, 16), 2, 1), [holiday, week],
                             scores, [], 50)
    assert headline.reclaimable == pytest.approx(9.6)
    assert headline.share_after == pytest.approx((300 + 576) / 1500)


# -- through the service: SQL aggregates over real entries --------------------------------
@pytest.fixture
def five_weeks(service, clock):
    """W44–W48 of a PM's work, reviewed once W48 is over (see the figures in each test)."""
    for monday in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        log(service, "Weekly status deck", 180, OPS, "Status reports & decks", monday)
        log(service, "Pull weekly metrics", 75, OPS, "Data pulls & dashboards", monday)
        log(service, "Sprint admin", 240, OPS, "Delivery coordination & backlog admin", monday)
    for day in (date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)):
        log(service, "Roadmap review", 600, STRAT, "Vision, strategy & roadmap", day)
    log(service, "Roadmap review", 300, STRAT, "Vision, strategy & roadmap", date(2026, 11, 24))
    log(service, "Leadership update", 120, OPS, "Status reports & decks", date(2026, 11, 11))
    log(service, "Leadership update", 120, OPS, "Status reports & decks", date(2026, 11, 18))
    log(service, "Answer support questions", 100, OPS, "Feedback triage & internal Q&A",
        date(2026, 11, 19))
    log(service, "Answer support questions", 50, OPS, "Feedback triage & internal Q&A",
        date(2026, 11, 24))
    log(service, "Book the offsite", 30, OPS, "Research ops & meeting logistics", date(2026, 11, 24))
    # W44, before the look-back: counts for "previous 4 weeks" only.
    log(service, "Weekly status deck", 300, OPS, "Status reports & decks", date(2026, 10, 29))
    log(service, "Roadmap review", 300, STRAT, "Vision, strategy & roadmap", date(2026, 10, 28))
    service.tasks.set_judgement("Weekly status deck", checklist=4, needed="needed")
    service.tasks.set_judgement("Pull weekly metrics", checklist=5)
    service.tasks.set_judgement("Sprint admin", checklist=2)
    service.tasks.set_judgement("Leadership update", needed="nothing")
    clock.moment = datetime(2026, 11, 30, 9, 0).astimezone()   # Monday of W49
    return service


def test_split_per_week(five_weeks):
    review = review_of(five_weeks, W48, weeks=5)
    assert [(w.label, w.strategic_minutes, w.operational_minutes) for w in review.split] == [
        ("2026-W44", 300, 300),
        ("2026-W45", 600, 495),
        ("2026-W46", 600, 615),
        ("2026-W47", 600, 715),
        ("2026-W48", 300, 575),
    ]


def test_headline(five_weeks):
    headline = review_of(five_weeks, W48).headline
    assert headline.hours == pytest.approx(875 / 60)
    assert headline.days_logged == 2
    assert headline.share == pytest.approx(300 / 875)
    # W48 is over, so the look-back is W45–W48, and the share compares with those weeks.
    assert headline.lookback == LookBack(date(2026, 11, 2), 4, 4)
    assert headline.lookback_share == pytest.approx(2100 / 4500)
    assert headline.reclaimable == pytest.approx(2.4 + 1.6 + 1.25 + 1.0)
    assert headline.share_after == pytest.approx(3600 / 4500)       # + 6.25 h x 4 weeks
    assert headline.lines() == [
        "2026-W48 (Mon 23 Nov – Sun 29 Nov 2026): 14.6 h logged on 2 days",
        "Strategic share: 34 % (target 50 %; 47 % over the 4 completed weeks 2 – 29 Nov)",
        "Reclaimable: 6.2 h a week from 4 hand-off candidates: 47 % -> 80 % strategic "
        "over the 4 completed weeks 2 – 29 Nov",
    ]


def test_reviewing_the_current_week_looks_back_over_the_completed_weeks_before_it(
        five_weeks, clock):
    clock.moment = datetime(2026, 11, 24, 10, 30).astimezone()     # Tue of W48
    review = review_of(five_weeks)
    # W48 is not over: the look-back is W44–W47, and nothing of W48 enters it.
    assert review.lookback == LookBack(date(2026, 10, 26), 4, 4)
    assert review.lookback.words == "the 4 completed weeks 26 Oct – 22 Nov"
    # Deck: 300 + 3 x 180 = 840 min in 4 of 4 weeks: 3.5 x 1 x 4/5 = 2.8. Sprint admin:
    # 3 x 240 in 3 of 4, P 2, H 4.0: redesign, 4.0 x 0.75 x 2/5 = 1.2. Leadership: 240 in
    # 2 of 4, not needed: 1.0. Metrics: 3 x 75 in 3 of 4, P 5: 1.25 x 0.75 = 0.94, too small.
    assert [(t.title, t.route, round(t.score, 4)) for t in review.candidates] == [
        ("Weekly status deck", Route.PRODUCT_OPS, 2.8),
        ("Sprint admin", Route.REDESIGN, 1.2),
        ("Leadership update", Route.DROP, 1.0),
    ]
    metrics = next(t for t in review.scores if t.title == "Pull weekly metrics")
    assert (metrics.weeks_seen, metrics.weeks, metrics.route) == (3, 4, None)
    assert [t.title for t in review.to_rate] == ["Answer support questions"]  # W48's left out
    headline = review.headline
    # W44–W47: 2100 strategic of 600 + 1095 + 1215 + 1315 = 4225 min; + 5.0 h x 4 weeks.
    assert headline.lookback_share == pytest.approx(2100 / 4225)
    assert headline.share_after == pytest.approx(3300 / 4225)
    assert headline.lines()[1:] == [
        "Strategic share: 34 % (target 50 %; 50 % over the 4 completed weeks 26 Oct – 22 Nov)",
        "Reclaimable: 5.0 h a week from 3 hand-off candidates: 50 % -> 78 % strategic "
        "over the 4 completed weeks 26 Oct – 22 Nov",
    ]
    assert ReviewService(five_weeks).scores() == review.scores


def test_candidates_routes_and_order(five_weeks):
    review = review_of(five_weeks, W48)
    assert [(t.title, t.route, round(t.score, 2)) for t in review.candidates] == [
        ("Weekly status deck", Route.PRODUCT_OPS, 2.4),
        ("Sprint admin", Route.REDESIGN, 1.6),
        ("Pull weekly metrics", Route.AUTOMATE, 1.25),
        ("Leadership update", Route.DROP, 1.0),
    ]
    assert review.candidates[0].reason == (
        "3.0 h a week, 4 of 4 weeks, checklist 4/5 -> hand to ProductOps: 2.4 h a week back")
    assert review.candidates[3].reason == (
        "2.0 h a week, 2 of 4 weeks, nothing happens without it -> drop: 1.0 h a week back")


def test_tasks_to_rate_by_hours(five_weeks):
    review = review_of(five_weeks, W48)
    assert [(t.title, t.minutes, t.weeks_seen) for t in review.to_rate] == [
        ("Answer support questions", 150, 2),
        ("Book the offsite", 30, 1),
    ]


def test_hours_by_category_for_a_week_and_a_range(five_weeks):
    week = review_of(five_weeks, W48).categories
    assert [(c.name, c.minutes) for c in week] == [
        ("Vision, strategy & roadmap", 300),
        ("Delivery coordination & backlog admin", 240),
        ("Status reports & decks", 180),
        ("Data pulls & dashboards", 75),
        ("Feedback triage & internal Q&A", 50),
        ("Research ops & meeting logistics", 30),
    ]
    assert week[0].kind is STRAT and week[1].kind is OPS
    # W46–W47: the deck 360 + leadership 240 = 600 min of status reports.
    both = ReviewService(five_weeks).categories(date(2026, 11, 9), date(2026, 11, 22))
    assert [(c.name, c.minutes) for c in both] == [
        ("Vision, strategy & roadmap", 1200),
        ("Status reports & decks", 600),
        ("Delivery coordination & backlog admin", 480),
        ("Data pulls & dashboards", 150),
        ("Feedback triage & internal Q&A", 100),
    ]


def test_changing_the_rating_moves_the_figures(five_weeks):
    five_weeks.tasks.set_judgement("Weekly status deck", handoff="keep")
    review = review_of(five_weeks, W48)
    assert [t.title for t in review.candidates] == [
        "Sprint admin", "Pull weekly metrics", "Leadership update"]
    assert review.headline.reclaimable == pytest.approx(3.85)
    five_weeks.tasks.set_judgement("Answer support questions", checklist=4, handoff="candidate")
    review = review_of(five_weeks, W48)
    # 150 min in 2 of 4 weeks, P 4: 1.25 x 0.5 x 0.8 = 0.5, a candidate because the PM said so.
    assert review.candidates[-1].title == "Answer support questions"
    assert review.candidates[-1].score == pytest.approx(0.5)
    assert [t.title for t in review.to_rate] == ["Book the offsite"]


def test_an_empty_week(service):
    review = review_of(service)
    assert review.week == WeekSplit(date(2026, 11, 23), 0, 0)
    assert len(review.split) == 8 and all(w.minutes == 0 for w in review.split)
    assert review.categories == [] and review.scores == [] and review.handed_off == []
    assert len(review.daily) == 56 and all(h == 0 for _, h in review.daily)
    assert review.headline.lines() == [
        "2026-W48 (Mon 23 Nov – Sun 29 Nov 2026): 0.0 h logged on 0 days",
        "Strategic share: nothing logged this week (target 50 %)",
        "Reclaimable: no hand-off candidates yet (rate the operational tasks)",
    ]
    assert review.headline.share_after is None


def test_an_empty_week_between_full_ones(service):
    log(service, "Roadmap review", 60, STRAT, "Vision, strategy & roadmap", date(2026, 11, 10))
    log(service, "Status deck", 30, OPS, "Status reports & decks", date(2026, 11, 24))
    review = review_of(service, date(2026, 11, 18), weeks=3)
    assert [(w.label, w.minutes, w.share) for w in review.split] == [
        ("2026-W45", 0, None), ("2026-W46", 60, 1.0), ("2026-W47", 0, None)]
    assert review.headline.days_logged == 0 and review.categories == []
    assert review.headline.lookback_share == 1.0
    assert [w.share for w in review_of(service, weeks=3).split] == [1.0, None, 0.0]


def test_a_week_of_one_kind_only(service):
    log(service, "Roadmap review", 90, STRAT, "Vision, strategy & roadmap", date(2026, 11, 23))
    log(service, "Roadmap review", 60, STRAT, "Vision, strategy & roadmap", date(2026, 11, 24))
    review = review_of(service)
    assert review.headline.share == 1.0
    assert review.headline.lines()[1] == (
        "Strategic share: 100 % (target 50 %; nothing logged in the 4 completed weeks "
        "26 Oct – 22 Nov)")
    assert review.scores == []
    log(service, "Status deck", 45, OPS, "Status reports & decks", date(2026, 11, 17))
    assert review_of(service, date(2026, 11, 17)).headline.share == 0.0


def test_a_renamed_task_keeps_its_history(service):
    for monday in (date(2026, 10, 26), date(2026, 11, 2)):
        log(service, "Status deck", 180, OPS, "Status reports & decks", monday)
    service.tasks.rename("Status deck", "Weekly status deck")
    for monday in (date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        log(service, "weekly status DECK", 180, OPS, None, monday)
    service.tasks.set_judgement("Weekly status deck", checklist=4)
    [deck] = review_of(service).candidates
    assert (deck.title, deck.minutes, deck.weeks_seen) == ("Weekly status deck", 720, 4)
    assert deck.reason == ("3.0 h a week, 4 of 4 weeks, checklist 4/5 -> hand to ProductOps: "
                           "2.4 h a week back")
    # The category came from the task's last entry, so the week's hours stay in it.
    assert [(c.name, c.minutes) for c in review_of(service).categories] == [
        ("Status reports & decks", 180)]


def test_entries_on_week_boundaries(service):
    log(service, "Late Sunday admin", 60, OPS, "Tool admin", date(2026, 11, 22))   # last day of W47
    log(service, "Early Monday plan", 90, STRAT, "Vision, strategy & roadmap", date(2026, 11, 23))
    log(service, "Sunday before", 30, STRAT, "Vision, strategy & roadmap", date(2026, 11, 15))
    review = review_of(service, weeks=2)
    assert [(w.label, w.start, w.strategic_minutes, w.operational_minutes)
            for w in review.split] == [
        ("2026-W47", date(2026, 11, 16), 0, 60),
        ("2026-W48", date(2026, 11, 23), 90, 0),
    ]
    assert review.daily[0] == (date(2026, 11, 16), 0.0)
    assert review.daily[6] == (date(2026, 11, 22), 1.0)
    assert review.daily[7] == (date(2026, 11, 23), 1.5)


def test_a_week_starting_on_sunday(service):
    service.settings.update(week_start="Sunday")
    log(service, "Saturday reading", 60, STRAT, "Market & competitive analysis", date(2026, 11, 21))
    log(service, "Sunday admin", 120, OPS, "Tool admin", date(2026, 11, 22))
    log(service, "Monday plan", 90, STRAT, "Vision, strategy & roadmap", date(2026, 11, 23))
    review = review_of(service, weeks=2)
    assert review.week.start == date(2026, 11, 22)              # Sun 22 – Sat 28 Nov
    assert review.week.label == "Week of Sun 22 Nov 2026"       # not an ISO week
    assert not review.week.is_iso
    assert (review.week.strategic_minutes, review.week.operational_minutes) == (90, 120)
    assert review.split[0].start == date(2026, 11, 15)
    assert review.split[0].strategic_minutes == 60              # Saturday 21 Nov: the week before
    assert review.headline.days_logged == 2
    assert review.headline.lines()[0] == "Sun 22 Nov – Sat 28 Nov 2026: 3.5 h logged on 2 days"
    # Monday weeks again: Sunday's admin moves back to W47.
    service.settings.update(week_start="Monday")
    review = review_of(service, weeks=2)
    assert (review.week.start, review.week.strategic_minutes, review.week.operational_minutes) == (
        date(2026, 11, 23), 90, 0)
    assert review.split[0].minutes == 180


@pytest.mark.parametrize(("moment", "label", "monday"), [
    # Europe: clocks forward on Sun 29 March 2026 and back on Sun 25 October 2026.
    (datetime(2026, 3, 29, 3, 30, tzinfo=ZoneInfo("Europe/Berlin")), "2026-W13", date(2026, 3, 23)),
    (datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Berlin")), "2026-W43", date(2026, 10, 19)),
    # United States: Sun 8 March and Sun 1 November 2026.
    (datetime(2026, 3, 8, 3, 30, tzinfo=ZoneInfo("America/New_York")), "2026-W10", date(2026, 3, 2)),
    (datetime(2026, 11, 1, 1, 30, tzinfo=ZoneInfo("America/New_York")), "2026-W44",
     date(2026, 10, 26)),
])
def test_the_weeks_of_dst_changes_have_seven_whole_days(store, moment, label, monday):
    service = WorkloadService(store, FixedClock(moment))
    # An hour on each day of the week before, the week of the change (up to its Sunday), and
    # the Monday after.
    for offset in range(-7, 8):
        day = date.fromordinal(monday.toordinal() + offset)
        log(service, "Daily check-in", 60, OPS if offset % 2 else STRAT, "Tool admin", day)
    review = review_of(service, weeks=2)
    assert review.week.label == label and review.week.start == monday
    assert [w.minutes for w in review.split] == [420, 420]
    assert review.headline.days_logged == 7
    assert [d for d, h in review.daily if h] == [
        date.fromordinal(monday.toordinal() + i) for i in range(-7, 7)]
    after = review_of(service, date.fromordinal(monday.toordinal() + 7), weeks=3)
    assert [w.minutes for w in after.split] == [420, 420, 60]


def test_handed_off_tasks_show_hours_given_back(service, clock):
    for day in (date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2)):
        log(service, "Release notes", 120, OPS, "Release notes & enablement", day)
    clock.moment = datetime(2026, 11, 3, 9, 0).astimezone()
    service.tasks.set_judgement("Release notes", checklist=4, handoff="handed_off")
    clock.moment = datetime(2026, 11, 24, 10, 30).astimezone()
    log(service, "Release notes", 30, OPS, "Release notes & enablement", date(2026, 11, 18))
    review = review_of(service)
    [done] = review.handed_off
    # Before: the 4 weeks before W45 (12, 19, 26 Oct) = 360 min = 1.5 h a week.
    # After: W46–W48 = 3 weeks, 30 min = 1/6 h a week; given back 4/3 h a week, 4.0 h in all.
    assert (done.title, done.changed_on, done.minutes_before, done.weeks_after,
            done.minutes_after) == ("Release notes", date(2026, 11, 3), 360, 3, 30)
    assert done.hours_before == 1.5
    assert done.given_back_per_week == pytest.approx(4 / 3)
    assert done.given_back == pytest.approx(4.0)
    assert review.candidates == []
    assert review.headline.lines()[-1] == "Handed off: 1 task, 4.0 h given back so far"
    # In the week of the hand-off nothing is given back yet.
    [same_week] = review_of(service, date(2026, 11, 5)).handed_off
    assert same_week.weeks_after == 0 and same_week.given_back == 0.0
    # Before the hand-off, the task is not listed.
    assert review_of(service, date(2026, 10, 28)).handed_off == []


def test_the_range_must_be_sensible(service):
    from app.errors import ValidationError

    with pytest.raises(ValidationError):
        review_of(service, weeks=0)
    assert len(review_of(service, weeks=1).split) == 1
