"""The day as a timeline: the timed entries as blocks, the untimed ones, and the gaps in the
working hours. Pure functions over the entries of one day; ``day_of`` reads them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from app.domain import Entry

if TYPE_CHECKING:
    from app.clock import Clock
    from app.log.entries import EntryService
    from app.settings import SettingsService


class Block(NamedTuple):
    entry: Entry
    start: datetime
    end: datetime
    overlaps: bool  # shares time with another block of the day


class Gap(NamedTuple):
    start: datetime
    end: datetime
    minutes: int


class DayView(NamedTuple):
    day: date
    work_start: datetime | None  # None on a day that is not a working day
    work_end: datetime | None    # up to now on today
    blocks: list[Block]
    untimed: list[Entry]
    gaps: list[Gap]


def _local(day: date, at: time) -> datetime:
    """Return the aware local moment of a wall-clock time on a day."""
    return datetime.combine(day, at).astimezone()


def blocks_of(entries: list[Entry]) -> list[Block]:
    """Return the timed entries as blocks in time order, each flagged if it overlaps another."""
    spans = []
    for entry in entries:
        if entry.start is not None:
            start = _local(entry.day, entry.start)
            # Real minutes, so a block across a clock change ends where the work did.
            spans.append((start, (start + timedelta(minutes=entry.minutes)).astimezone(), entry))
    spans.sort(key=lambda span: (span[0], span[2].id))
    blocks = []
    for index, (start, end, entry) in enumerate(spans):
        overlaps = any(other_start < end and start < other_end
                       for other, (other_start, other_end, _) in enumerate(spans) if other != index)
        blocks.append(Block(entry, start, end, overlaps))
    return blocks


def gaps_between(blocks: list[Block], first: datetime, last: datetime) -> list[Gap]:
    """Return the stretches from ``first`` to ``last`` no block covers, a minute or longer."""
    gaps = []
    cursor = first
    for block in blocks:  # in time order
        if block.start > cursor:
            gaps.append((cursor, min(block.start, last)))
        cursor = max(cursor, block.end)
        if cursor >= last:
            break
    if cursor < last:
        gaps.append((cursor, last))
    found = []
    for start, end in gaps:
        minutes = int((end - start).total_seconds() // 60)
        if minutes >= 1:
            found.append(Gap(start, end, minutes))
    return found


def day_view(day: date, entries: list[Entry], work: tuple[time, time], now: datetime,
             working_day: bool = True) -> DayView:
    """Return the day's blocks, untimed entries and gaps in the working hours ``work``.

    Gaps are looked for only up to ``now`` (none on a day still to come), and none on a day
    that is not a working day or when the working hours end before they start.
    """
    blocks = blocks_of(entries)
    untimed = [e for e in entries if e.start is None]
    if not working_day or work[1] <= work[0]:
        return DayView(day, None, None, blocks, untimed, [])
    first, last = _local(day, work[0]), _local(day, work[1])
    last = min(last, max(first, now.astimezone()))
    return DayView(day, first, last, blocks, untimed, gaps_between(blocks, first, last))


def day_of(entries: EntryService, settings: SettingsService, clock: Clock, day: date) -> DayView:
    """Return the view of one day's saved entries in the working hours of the settings
    (called as ``day_of(service.entries, service.settings, service.clock, day)``)."""
    chosen = settings.get()
    return day_view(day, entries.between(day, day), (chosen.work_start, chosen.work_end),
                    clock.now(), day.weekday() in chosen.working_days)
