"""What the day timeline shows, in minutes from midnight: the entries' blocks laid side by side
where they overlap, the gaps in the working hours and the calendar's suggestions as ghosts.

Plain values (no painting), so the layout and what an edge drag gives are tested without
pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING

from app.display import day_words, format_minutes, plural, shorten
from app.domain import Entry
from app.log.day import DayView

if TYPE_CHECKING:
    from app.exchange.calendar_import import Suggestion

DAY_END = 24 * 60
SNAP = 5  # minutes: drags and keys move times in steps of five
DEFAULT_HOURS = (time(9, 0), time(17, 30))


class ItemKind(Enum):
    BLOCK = "block"
    GAP = "gap"
    GHOST = "ghost"


@dataclass
class Item:
    """One thing on the timeline: ``start``/``end`` in minutes from the day's midnight."""

    kind: ItemKind
    start: int
    end: int
    entry: Entry | None = None
    suggestion: Suggestion | None = None
    overlaps: list[str] = field(default_factory=list)  # titles of the blocks it shares time with
    column: int = 0
    columns: int = 1
    shift: int = 0  # a block on a clock-change day: its wall-clock end less start + minutes

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def true_end(self) -> int:
        """Where a block's work ends on the wall clock, past 24:00 if it goes on after
        midnight (``end`` stops at 24:00)."""
        return self.start + self.entry.minutes + self.shift if self.entry else self.end

    @property
    def past_midnight(self) -> bool:
        return self.true_end > DAY_END

    def describe(self) -> str:
        """Return the item in words (its tooltip and its accessible description)."""
        span = f"{clock_text(self.start)}–{clock_text(self.true_end)}"
        if self.kind is ItemKind.GAP:
            return (f"Not logged {span}, {format_minutes(self.minutes)}. "
                    "Enter or a drag across it logs into it.")
        if self.kind is ItemKind.GHOST:
            s = self.suggestion
            kind = s.kind.value if s.kind else "kind to choose"
            return (f"From your calendar: {s.title}, {span}, {format_minutes(s.minutes)}, {kind}. "
                    "Click or Enter logs it.")
        e = self.entry
        words = [f"{span}", e.title, format_minutes(e.minutes), e.kind.value]
        if e.category:
            words.append(e.category)
        text = ", ".join(words)
        if self.overlaps:
            text += f". Overlaps {', '.join(shorten(t, 30) for t in self.overlaps)}"
        return text


def minute_of(at: time) -> int:
    """Return a wall-clock time as minutes from midnight."""
    return at.hour * 60 + at.minute


def clock_text(minute: int) -> str:
    """Return minutes from midnight as '9:30' (24:00 for the day's end, '0:50 the next day'
    past it)."""
    if minute > DAY_END:
        return f"{clock_text(minute - DAY_END)} the next day"
    return f"{minute // 60}:{minute % 60:02d}"


def snap(minute: float) -> int:
    """Return ``minute`` rounded to the nearest step of five minutes."""
    return int(round(minute / SNAP)) * SNAP


def _minute_on(day: date, moment: datetime) -> int:
    """Return a local moment as minutes from ``day``'s midnight (24:00 once it is the next day)."""
    local = moment.astimezone().replace(tzinfo=None)
    return DAY_END if local.date() > day else minute_of(local.time())


def build_items(view: DayView, ghosts: list[Suggestion], least_minutes: int = 0) -> list[Item]:
    """Return the day's blocks, gaps and ghosts in time order, blocks and ghosts in columns.

    ``least_minutes`` is how long the shortest item is drawn (one line of text): items that
    close together would be drawn over each other, so they get columns side by side too.
    """
    items = []
    for block in view.blocks:
        start = minute_of(block.entry.start)
        # Drawn to its wall-clock end (an hour more or less on a clock-change day), cut at
        # midnight when the work goes on into the next day.
        end = _minute_on(view.day, block.end)
        shift = end - start - block.entry.minutes if end < DAY_END else 0
        items.append(Item(ItemKind.BLOCK, start, max(end, start), entry=block.entry, shift=shift))
    for ghost in ghosts:
        start = minute_of(ghost.start)
        items.append(Item(ItemKind.GHOST, start, min(DAY_END, start + ghost.minutes),
                          suggestion=ghost))
    _flag_overlaps([i for i in items if i.kind is ItemKind.BLOCK])
    _place_in_columns(items, least_minutes)
    items += [Item(ItemKind.GAP, _minute_on(view.day, g.start), _minute_on(view.day, g.end))
              for g in view.gaps]
    items.sort(key=lambda i: (i.start, i.kind is not ItemKind.GAP, i.column))
    return items


def _flag_overlaps(blocks: list[Item]) -> None:
    for block in blocks:
        block.overlaps = [other.entry.title for other in blocks
                          if other is not block and other.start < block.end and block.start < other.end]


def _place_in_columns(items: list[Item], least_minutes: int = 0) -> None:
    """Give items that share time columns side by side: each cluster of overlapping items is
    as many columns wide as it needs at its busiest, each item in the first free column.
    An item counts as lasting at least ``least_minutes``, the time its drawn height covers."""
    cluster: list[Item] = []
    cluster_end = 0
    ends: list[int] = []  # per column, where its last item ends (as drawn)
    for item in sorted(items, key=lambda i: (i.start, -i.end)):
        drawn_end = max(item.end, item.start + least_minutes)
        if cluster and item.start >= cluster_end:
            for member in cluster:
                member.columns = len(ends)
            cluster, ends = [], []
        column = next((n for n, end in enumerate(ends) if end <= item.start), len(ends))
        if column == len(ends):
            ends.append(drawn_end)
        else:
            ends[column] = drawn_end
        item.column = column
        cluster.append(item)
        cluster_end = max(cluster_end, drawn_end) if len(cluster) > 1 else drawn_end
    for member in cluster:
        member.columns = len(ends)


def resized(what: str, item: Item, to: int, by_key: bool = False) -> tuple[int, int, int, str]:
    """Return the start, the drawn end and the minutes a move of ``item``'s edge to minute
    ``to`` gives, and why it was clamped or kept (or '')."""
    start, minutes = item.start, item.entry.minutes
    if what == "bottom":
        note = ""
        if item.past_midnight and to == DAY_END and not by_key:  # dragged to where it is
            return start, item.end, minutes, (
                f"'{shorten(item.entry.title, 40)}' goes on past midnight; Enter opens it to "
                "change its length.")
        if to > DAY_END and not item.past_midnight:
            to, note = DAY_END, "An entry ends on its day: stopped at 24:00 (midnight)."
        if to - start < 5:
            to, note = start + 5, "An entry lasts at least 5 min."
        return start, min(to, DAY_END), to - start - item.shift, note
    end = item.true_end  # the top edge moves; the end stays where it is
    if to < 0:
        return 0, item.end, end - item.shift, "An entry starts on its day: stopped at 0:00."
    if end - to < 5:
        return end - 5, item.end, 5, "An entry lasts at least 5 min."
    return to, item.end, end - to - item.shift, ""


def hour_range(items: list[Item], work: tuple[time, time]) -> tuple[int, int]:
    """Return the first and last minute the axis shows: the working hours in whole hours,
    widened to every item (at least an hour, within the day)."""
    first, last = minute_of(work[0]), minute_of(work[1])
    if last <= first:
        first, last = minute_of(DEFAULT_HOURS[0]), minute_of(DEFAULT_HOURS[1])
    for item in items:
        first, last = min(first, item.start), max(last, item.end)
    first = first // 60 * 60
    last = min(DAY_END, -(-last // 60) * 60)
    return first, max(last, first + 60)


def summary(view: DayView, today: date) -> str:
    """Return the header line: what is logged and what is not, e.g.
    '5 h 20 min logged · 2 h 40 min not logged today'."""
    logged = sum(b.entry.minutes for b in view.blocks) + sum(e.minutes for e in view.untimed)
    when = day_word(view.day, today)
    missing = sum(g.minutes for g in view.gaps)
    parts = [f"{format_minutes(logged)} logged"] if logged else \
        [] if missing else [f"Nothing logged {when}"]
    if missing:
        parts.append(f"{format_minutes(missing)} not logged {when}")
    elif view.work_start is None:
        parts.append("not a working day")
    elif logged:
        parts.append("the working hours are covered")
    overlapping = sum(1 for b in view.blocks if b.overlaps)
    if overlapping:
        parts.append(f"{plural(overlapping, 'entry', 'entries')} overlap")
    return " · ".join(parts)


def day_word(day: date, today: date) -> str:
    """Return 'today', 'yesterday' or 'on Mon 23 Nov' (for 'not logged …')."""
    words = day_words(day, today)
    return words if words in ("today", "yesterday", "tomorrow") else f"on {words}"
