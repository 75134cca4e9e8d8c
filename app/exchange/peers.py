"""Peers: other PMs' weekly summaries (their summary CSV), kept apart from your own entries,
and your strategic share beside theirs.

A peer is known by a label ("Peer A"). Importing a summary again under the same label
replaces the weeks the new file holds and keeps the others.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple, cast

from app.changes import Change
from app.domain import Kind
from app.errors import NotFoundError, ValidationError
from app.exchange.csv_file import (
    MAX_IMPORT_BYTES,
    CancelFlag,
    CsvSource,
    Progress,
    check_cancel,
    refuse_database_file,
    unsafe_cell,
)
from app.exchange.formats import Columns, Format, detect_format, read_hours
from app.exchange.rows import Problems
from app.text import strip_controls
from app.validation import check_kind
from app.weeks import parse_week, week_days, week_label
from storage import csv_queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.workload import WorkloadService

MAX_LABEL = 80
_WEEK = re.compile(r"\d{4}-W\d{2}")


class Peer(NamedTuple):
    label: str
    weeks: int
    first_week: str | None
    last_week: str | None
    imported_at: str


class PeerImport(NamedTuple):
    """What importing a peer's summary did."""

    label: str
    new_peer: bool
    weeks: int        # weeks in the file
    replaced: int     # of those, weeks the peer already had (now replaced)
    rows: int


class ShareRow(NamedTuple):
    """One week: your strategic share and each peer's (0-1; None when no hours were logged)."""

    week: str
    start: date
    mine: float | None
    peers: dict[str, float | None]


class ShareComparison(NamedTuple):
    """Strategic shares by week, and over the whole range (strategic hours / all hours)."""

    labels: tuple[str, ...]
    weeks: list[ShareRow]
    mine: float | None
    peers: dict[str, float | None]


def clean_label(label: str | None) -> str:
    """Return a peer's label trimmed, controls left out; refuse an empty or too long one."""
    cleaned = " ".join(strip_controls(label or "").split())
    if not cleaned:
        raise ValidationError("Give the peer a label, e.g. 'Peer A'.", "label")
    if len(cleaned) > MAX_LABEL:
        raise ValidationError(f"The label is {len(cleaned)} characters; keep it to {MAX_LABEL}.",
                              "label")
    return cleaned


def peers(service: WorkloadService) -> list[Peer]:
    """Return every peer with the weeks held for them, by label."""
    return [Peer(r["label"], r["weeks"], r["first_week"], r["last_week"], r["imported_at"])
            for r in csv_queries.peers(service.store)]


def import_peer_summary(
    service: WorkloadService, path: str | os.PathLike[str], label: str, *,
    progress: Progress | None = None, cancelled: CancelFlag | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
) -> PeerImport:
    """Check a peer's summary CSV as a whole, then store it under ``label`` in one transaction."""
    label = clean_label(label)
    refuse_database_file(path, service.store.path, "import")
    with CsvSource(path, max_bytes) as source:
        fmt = detect_format(source.header, "auto", source.name)
        if fmt is not Format.SUMMARY:
            raise ValidationError(
                f"{source.name} is a {fmt.label}, not a summary. A peer shares a summary "
                "(pm-workload export --summary), which holds hours per week and no titles.", "file")
        columns = Columns(source.header)
        at_week, at_kind, at_hours = columns.at("week"), columns.at("kind"), columns.at("hours")
        at_category = columns.at("category")
        problems = Problems()
        minutes: dict[tuple[str, str, str], int] = defaultdict(int)
        for number, cells in source.rows():
            # week, kind and hours are required columns, known present for a summary.
            row = read_summary_row(number, cells, columns, cast(int, at_week), cast(int, at_kind),
                                   cast(int, at_hours), at_category, problems)
            if row is not None:
                minutes[row[:3]] += row[3]
            if not number % 2000:
                if progress:
                    progress(source.bytes_read, source.size)
                check_cancel(cancelled)
    if problems.count:
        shown = "; ".join(str(p) for p in sorted(problems.items, key=lambda p: p.row)[:10])
        more = f" (and {problems.count - 10:,} more)" if problems.count > 10 else ""
        raise ValidationError(
            f"{len(problems.rows):,} rows of {source.name} have problems; nothing was imported: "
            f"{shown}{more}.", "file")
    if not minutes:
        raise ValidationError(f"{source.name} has a header but no rows to import.", "file")
    weeks = sorted({week for week, _, _ in minutes})
    store = service.store
    stamp = service.clock.stamp()
    with store.transaction():
        found = csv_queries.peer_by_key(store, normalise_key(label))
        if found is None:
            peer_id = csv_queries.insert_peer(store, label, normalise_key(label), stamp)
            held: set[str] = set()
        else:
            peer_id, label = found["id"], found["label"]
            held = {w for w in _peer_weeks(service).get(label, {})}
            csv_queries.touch_peer(store, peer_id, stamp)
        csv_queries.replace_peer_weeks(
            store, peer_id, weeks, ((w, k, c, m) for (w, k, c), m in sorted(minutes.items())))
    if progress:
        progress(source.size, source.size)
    service.changes.notify(Change.PEERS)
    return PeerImport(label, found is None, len(weeks), len(held & set(weeks)), len(minutes))


_KIND_WORDS = {kind.value: kind.value for kind in Kind}


@functools.lru_cache(maxsize=4096)
def _week_fault(week: str) -> str | None:
    """Return why ``week`` is not a week the review can reach, or None (a file repeats each
    week on many rows: checked once)."""
    try:
        parse_week(week)
    except ValidationError as error:
        return str(error).rstrip(".")
    return None


def read_summary_row(number: int, cells: list[str], columns: Columns, at_week: int, at_kind: int,
                 at_hours: int, at_category: int | None,
                 problems: Problems) -> tuple[str, str, str, int] | None:
    """Return (week, kind, category, minutes) from one summary row, or None after noting its
    problems."""
    if len(cells) < columns.width:
        problems.add(number, "", f"the row has {len(cells)} cells but the header has {columns.width}")
        return None
    ok = True
    week = cells[at_week].strip().upper()
    if not _WEEK.fullmatch(week):
        problems.add(number, columns.name(at_week), f"'{cells[at_week]}' is not a week like 2026-W48")
        ok = False
    else:
        fault = _week_fault(week)  # a real week, inside the years the review can reach
        if fault:
            problems.add(number, columns.name(at_week), fault)
            ok = False
    kind = _KIND_WORDS.get(cells[at_kind])  # the file's own words, without the grammar
    if kind is None:
        try:
            kind = check_kind(cells[at_kind]).value if cells[at_kind].strip() else None
            if kind is None:
                raise ValidationError("the kind is empty; write strategic or operational")
        except ValidationError as error:
            problems.add(number, columns.name(at_kind), str(error))
            ok = False
    try:
        minutes = read_hours(cells[at_hours])
        if minutes > 7 * 24 * 60:
            raise ValueError(f"{cells[at_hours].strip()} hours is more than a week holds")
    except ValueError as error:
        problems.add(number, columns.name(at_hours), str(error))
        ok = False
    if not ok:
        return None
    category = " ".join(strip_controls(unsafe_cell(cells[at_category])).split()) \
        if at_category is not None else ""
    return week, kind, category[:200], minutes  # type: ignore[return-value]  # kind checked


def remove_peer(service: WorkloadService, label: str) -> Peer:
    """Delete a peer and the weeks held for them; return the peer as it was."""
    key = normalise_key(label or "")
    found = next((p for p in peers(service) if normalise_key(p.label) == key), None)
    if found is None:
        known = ", ".join(p.label for p in peers(service)) or "none yet"
        raise NotFoundError(f"There is no peer '{label}' (peers: {known}).", "label")
    with service.store.transaction():
        row = csv_queries.peer_by_key(service.store, key)
        csv_queries.delete_peer(service.store, row["id"])  # type: ignore[index]  # the peer exists
    service.changes.notify(Change.PEERS)
    return found


def _peer_weeks(service: WorkloadService) -> dict[str, dict[str, tuple[int, int]]]:
    """Return {label: {week: (strategic minutes, all minutes)}}."""
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for label, week, kind, minutes in csv_queries.peer_minutes_by_week_and_kind(service.store):
        cell = out[label][week]
        cell[1] += minutes
        if kind == Kind.STRATEGIC.value:
            cell[0] += minutes
    return {label: {w: (s, t) for w, (s, t) in weeks.items()} for label, weeks in out.items()}


def strategic_share_comparison(service: WorkloadService, first: date | None = None,
                               last: date | None = None) -> ShareComparison:
    """Return your strategic share beside each peer's, by week and over the range.

    Without a range: the weeks any peer has figures for. A week is listed when you or a
    peer logged hours in it; each average is over the weeks that person logged.
    """
    week_start = service.settings.get().week_start
    theirs = _peer_weeks(service)
    labels = tuple(p.label for p in peers(service))
    for label, weeks in theirs.items():  # imported before such weeks were refused
        for week in weeks:
            try:
                parse_week(week)
            except ValidationError as error:
                raise ValidationError(
                    f"{label}'s summary holds a week out of range ({str(error).rstrip('.')}); "
                    "remove the peer and import their summary again.", "week") from None
    if first is None or last is None:
        held = [w for weeks in theirs.values() for w in weeks]
        if not held:
            return ShareComparison(labels, [], None, {label: None for label in labels})
        first = first or parse_week(min(held), week_start)
        last = last or week_days(parse_week(max(held), week_start))[1]
    mine: dict[str, tuple[int, int]] = {}
    for start, kind, minutes in csv_queries.minutes_by_week_and_kind(
            service.store, first.isoformat(), last.isoformat(), week_start):
        label = week_label(date.fromisoformat(start))
        strategic, total = mine.get(label, (0, 0))
        mine[label] = (strategic + (minutes if kind == Kind.STRATEGIC.value else 0), total + minutes)
    starts: dict[str, date] = {}
    for weeks in [mine, *theirs.values()]:
        for week in weeks:
            if week not in starts:
                start = parse_week(week, week_start)
                if start <= last and start + timedelta(days=6) >= first:
                    starts[week] = start
    rows = [ShareRow(week, starts[week], _share(mine.get(week)),
                     {label: _share(theirs.get(label, {}).get(week)) for label in labels})
            for week in sorted(starts)]
    return ShareComparison(
        labels, rows, _share(_total(mine, starts)),
        {label: _share(_total(theirs.get(label, {}), starts)) for label in labels})


def _share(minutes: tuple[int, int] | None) -> float | None:
    return minutes[0] / minutes[1] if minutes and minutes[1] else None


def _total(weeks: dict[str, tuple[int, int]], within: dict[str, date]) -> tuple[int, int]:
    pairs = [v for w, v in weeks.items() if w in within]
    return sum(s for s, _ in pairs), sum(t for _, t in pairs)
