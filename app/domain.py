"""Domain values: kinds of work, tasks, entries, categories, the running timer.

Records are NamedTuples rather than dataclasses: every command starts by importing them, and
dataclasses (with the `inspect` module they pull in) cost ~15 ms of a ~50 ms start. They are
immutable; change one with ``record._replace(field=value)``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import NamedTuple

# The longest entry, in minutes: one entry is at most a day.
MAX_MINUTES = 24 * 60


class Kind(StrEnum):
    """Whether a piece of work moves the product forward or keeps the machine running."""

    STRATEGIC = "strategic"
    OPERATIONAL = "operational"

    @property
    def label(self) -> str:
        return self.value


class HandoffStatus(StrEnum):
    """The PM's decision about handing a task off."""

    UNREVIEWED = "unreviewed"
    KEEP = "keep"
    CANDIDATE = "candidate"
    HANDED_OFF = "handed_off"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Needed(StrEnum):
    """The answer to "what would happen if this were not done at all?"."""

    NEEDED = "needed"
    NOTHING = "nothing"


class Category(NamedTuple):
    id: int
    name: str
    kind: Kind
    archived: bool = False


class Task(NamedTuple):
    id: int
    title: str
    kind: Kind | None
    category_id: int | None
    checklist: int | None = None
    needed: Needed | None = None
    handoff: HandoffStatus = HandoffStatus.UNREVIEWED
    note: str = ""


class TaskUsage(NamedTuple):
    """A task with how much it has been used; what autocomplete and the task list show."""

    task: Task
    uses: int
    total_minutes: int
    last_day: date | None


class Entry(NamedTuple):
    """One logged stretch of work, as saved."""

    id: int
    task_id: int
    title: str
    day: date
    start: time | None
    minutes: int
    kind: Kind
    category_id: int | None
    category: str | None
    note: str
    created_at: str
    updated_at: str
    handoff: HandoffStatus = HandoffStatus.UNREVIEWED


class EntryDraft(NamedTuple):
    """What the user asked to save, before it is validated and resolved against history."""

    title: str
    minutes: int | None = None
    kind: Kind | None = None
    category: str | None = None
    day: date | None = None
    start: time | None = None
    note: str = ""


class RunningTimer(NamedTuple):
    title: str
    kind: Kind | None
    category_id: int | None
    category: str | None
    note: str
    started_at: datetime
