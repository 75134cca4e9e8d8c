"""Realistic demo weeks of a product manager, reproducible from a seed.

Recurring operational chores (the weekly status deck, sprint admin, metric pulls, release
notes) sit beside strategic discovery and planning; there are holidays, the odd day off and
the occasional long day. Used by demo mode, the tests and the benchmarks.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from storage import Store, queries
from storage.schema import normalise_key

# (title, kind, category, minutes range, days of week it happens on, chance it happens)
_RECURRING = (
    ("Weekly status deck", "operational", "Status reports & decks", (90, 150), (4,), 0.95),
    ("Sprint admin & Jira grooming", "operational", "Delivery coordination & backlog admin",
     (40, 90), (0, 2), 0.9),
    ("Pull weekly metrics", "operational", "Data pulls & dashboards", (60, 105), (0,), 0.95),
    ("Release notes", "operational", "Release notes & enablement", (45, 90), (3,), 0.55),
    ("Stand-up and follow-ups", "operational", "Delivery coordination & backlog admin",
     (15, 30), (0, 1, 2, 3, 4), 0.85),
    ("Answer sales & support questions", "operational", "Feedback triage & internal Q&A",
     (20, 60), (1, 3), 0.8),
    ("Schedule customer interviews", "operational", "Research ops & meeting logistics",
     (20, 45), (1,), 0.7),
    ("Jira and Confluence housekeeping", "operational", "Tool admin", (20, 40), (2,), 0.5),
    ("Leadership status update", "operational", "Status reports & decks", (60, 90), (0,), 0.85),
    ("Roadmap review with engineering", "strategic", "Vision, strategy & roadmap",
     (45, 90), (2,), 0.7),
    ("Prioritisation session", "strategic", "Prioritisation & trade-offs", (45, 90), (3,), 0.6),
    ("Read the experiment results", "strategic", "Outcomes, metrics & data interpretation",
     (30, 75), (1, 4), 0.6),
)
_CUSTOMERS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Corp",
              "Wonka", "Tyrell", "Soylent", "Cyberdyne", "Gringotts")
_OCCASIONAL = (
    ("Customer interview with {c}", "strategic", "Customer discovery & interviews", (45, 75)),
    ("Competitor teardown: {c}", "strategic", "Market & competitive analysis", (60, 120)),
    ("Write PRD for {f}", "strategic", "Experiment & solution design", (60, 150)),
    ("Align with sales leadership on {f}", "strategic", "Stakeholder alignment on direction",
     (30, 60)),
    ("Vision doc: {f}", "strategic", "Vision, strategy & roadmap", (60, 120)),
    ("Update the onboarding doc: {f}", "operational", "Process, templates & onboarding docs",
     (45, 90)),
    ("Ad-hoc data pull for {c}", "operational", "Data pulls & dashboards", (30, 90)),
    ("Fix the {f} dashboard", "operational", "Tool admin", (30, 60)),
    ("Book rooms for the {f} review", "operational", "Research ops & meeting logistics", (30, 60)),
)
_FEATURES = ("onboarding", "billing v2", "search", "mobile sync", "SSO", "usage analytics",
             "notifications", "API limits")


class DemoEntry(NamedTuple):
    title: str
    kind: str
    category: str
    day: date
    start: time
    minutes: int


def generate(weeks: int, seed: int = 7, *, end: date, until: time | None = None) -> list[DemoEntry]:
    """Return demo entries for the ``weeks`` weeks ending on ``end``'s week (the caller's
    clock.today(), so the demo ends on the day the app stands on); with ``until`` (the time
    now), none on ``end`` that ends later, as the app refuses work not done yet."""
    rng = random.Random(seed)
    first_monday = end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)
    out: list[DemoEntry] = []
    # The strategic share drifts up over the months, as it would once a PM starts handing off.
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        on_holiday = rng.random() < 0.06
        drift = week / max(weeks - 1, 1)
        this_week: set[str] = set()
        for weekday in range(5):
            day = monday + timedelta(days=weekday)
            if day > end or on_holiday or rng.random() < 0.04:
                continue
            out.extend(_day(rng, day, weekday, drift, this_week))
    if until is not None:
        out = [e for e in out if e.day != end or _ends_by(e, until)]
    return out


def _ends_by(entry: DemoEntry, at: time) -> bool:
    end = datetime.combine(entry.day, entry.start) + timedelta(minutes=entry.minutes)
    return end <= datetime.combine(entry.day, at)


def _day(rng: random.Random, day: date, weekday: int, drift: float,
         this_week: set[str]) -> list[DemoEntry]:
    items: list[tuple[str, str, str, int]] = []
    for title, kind, category, (low, high), days, chance in _RECURRING:
        if weekday in days and rng.random() < chance:
            items.append((title, kind, category, rng.randint(low, high)))
    long_day = rng.random() < 0.08
    budget = rng.randint(400, 520) + (150 if long_day else 0)
    used = sum(m for *_, m in items)
    while used < budget - 30:
        title, kind, category, (low, high) = rng.choice(_OCCASIONAL)
        # Early weeks look like the surveys (~30 % strategic); later ones carry less ad-hoc
        # operational work, as they would once a PM starts handing chores off.
        if rng.random() < (0.7 - 0.4 * drift if kind == "strategic" else 0.2 * drift):
            continue
        title = title.format(c=rng.choice(_CUSTOMERS), f=rng.choice(_FEATURES))
        if title in this_week:
            continue  # an ad-hoc piece of work comes once a week, not every day
        this_week.add(title)
        minutes = min(rng.randint(low, high), budget - used)
        items.append((title, kind, category, minutes))
        used += minutes
    rng.shuffle(items)
    clock = datetime.combine(day, time(8, rng.choice((30, 45, 0, 15))))
    out = []
    for title, kind, category, minutes in items:
        minutes = max(5, round(minutes / 5) * 5)
        out.append(DemoEntry(title, kind, category, day, clock.time(), minutes))
        clock += timedelta(minutes=minutes + rng.choice((0, 0, 5, 10, 15)))
        if clock.time() >= time(23, 0):
            break
    return out


def fill(store: Store, entries: list[DemoEntry]) -> int:
    """Write demo entries in one transaction (the bulk path); return how many were written.

    Each entry is stamped as saved when its work ended, as if the PM had logged it then.
    """
    names = {normalise_key(r["name"]): r["id"] for r in queries.categories(store)}
    with store.transaction():
        tasks: dict[str, int] = {}
        rows = []
        for e in entries:
            key = normalise_key(e.title)
            category_id = names[normalise_key(e.category)]
            if key not in tasks:
                found = queries.task_by_key(store, key)
                tasks[key] = found["id"] if found else queries.insert_task(
                    store, e.title, key, e.kind, category_id)
            ended = datetime.combine(e.day, e.start) + timedelta(minutes=e.minutes)
            stamp = ended.astimezone(UTC).isoformat(timespec="seconds")
            rows.append((tasks[key], e.day.isoformat(), e.start.strftime("%H:%M"), e.minutes,
                         e.kind, category_id, "", stamp, stamp))
        queries.insert_entries(store, rows)
        _seed_judgement(store)
    return len(rows)


def _seed_judgement(store: Store) -> None:
    """Rate a few recurring chores, as a PM would after a first review."""
    for title, checklist, needed in (
        ("Weekly status deck", 4, "needed"),
        ("Pull weekly metrics", 5, "needed"),
        ("Sprint admin & Jira grooming", 3, "needed"),
        ("Leadership status update", 4, "nothing"),
        ("Release notes", 4, "needed"),
    ):
        row = queries.task_by_key(store, normalise_key(title))
        if row is not None and row["checklist"] is None:
            queries.update_task(store, row["id"], {"checklist": checklist, "needed": needed})


def weeks_for(entries_wanted: int) -> int:
    """Return how many demo weeks give about ``entries_wanted`` entries (for benchmarks)."""
    per_week = len(generate(8, seed=1, end=date(2026, 1, 2))) / 8
    return max(1, round(entries_wanted / per_week))
