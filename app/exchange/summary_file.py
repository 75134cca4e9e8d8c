"""Reading one summary CSV whole for the team report: its format, days, label and rows.

Format 2 (SUMMARY_VERSION) starts with comment lines saying what it holds and for which days,
and has per-task rows (an opaque key, checklist, needed, hand-off status). Format 1 had
neither: it is still read, its tasks marked as missing (``has_tasks`` False).
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from typing import NamedTuple, cast

from app.domain import HandoffStatus, Needed
from app.errors import ValidationError
from app.exchange.csv_file import SUMMARY_MARK, SUMMARY_VERSION, CsvSource, unsafe_cell
from app.exchange.formats import Columns, Format, detect_format
from app.exchange.peers import clean_label, read_summary_row
from app.exchange.rows import Problems
from app.weeks import week_label, week_start

_VERSION = re.compile(r"(\d+)\s*:\s*(\d{4}-\d{2}-\d{2})\s+to\s+(\d{4}-\d{2}-\d{2})")
_KEY = re.compile(r"[0-9a-f]{6,64}")
_NEEDED = frozenset(n.value for n in Needed)
_STATUSES = frozenset(s.value for s in HandoffStatus)


class SummaryRow(NamedTuple):
    week: str
    kind: str
    category: str
    minutes: int
    task: str | None          # the opaque key; None in a format 1 file
    checklist: int | None
    needed: str | None
    handoff: str


class Summary(NamedTuple):
    name: str
    version: int
    first: date | None        # the days the export covered (format 2)
    last: date | None
    label: str | None
    rows: list[SummaryRow]
    has_tasks: bool
    digest: str               # of the figures, keys left out: the same PM's data twice

    def misses(self, weeks: list[str]) -> str | None:
        """Return why the summary cannot speak for ``weeks`` (ISO labels), or None."""
        if self.first is not None and self.last is not None:
            first, last = _iso_week(self.first), _iso_week(self.last)
            held = f"{first} to {last}"
            if first > weeks[0] or last < weeks[-1]:
                return (f"{self.name} holds {held}, not the weeks asked ({weeks[0]} to "
                        f"{weeks[-1]}); export the summary again over those weeks.")
            return None
        found = {row.week for row in self.rows}
        if not found & set(weeks):
            return (f"{self.name} holds {min(found)} to {max(found)}, none of the weeks asked "
                    f"({weeks[0]} to {weeks[-1]}).")
        return None


def _iso_week(day: date) -> str:
    """Return the ISO week holding ``day`` (2026-W48)."""
    return week_label(week_start(day))


def read_summary(path: str | os.PathLike[str]) -> Summary:
    """Return the summary at ``path``, or raise ValidationError naming the file and the fault."""
    with CsvSource(path) as source:
        name = str(path)
        version, first, last, label = _preamble(source.preamble, name)
        try:
            fmt = detect_format(source.header, "auto", name)
        except ValidationError as error:
            raise ValidationError(f"{error} It is not a summary.", "file") from None
        if fmt is not Format.SUMMARY:
            raise ValidationError(f"{name} is a {fmt.label}, not a summary "
                                  "(pm-workload export --summary).", "file")
        columns = Columns(source.header)
        at_week, at_kind, at_hours = columns.at("week"), columns.at("kind"), columns.at("hours")
        at_category = columns.at("category")
        at_task, at_checklist = columns.at("task"), columns.at("checklist")
        at_needed, at_handoff = columns.at("needed"), columns.at("handoff")
        problems = Problems()
        digest = hashlib.sha256()
        rows = []
        for number, cells in source.rows():
            # week, kind and hours are required columns, known present for a summary.
            row = read_summary_row(number, cells, columns, cast(int, at_week), cast(int, at_kind),
                                   cast(int, at_hours), at_category, problems)
            if row is None:
                continue
            task = checklist = needed = None
            handoff = HandoffStatus.UNREVIEWED.value
            if at_task is not None:
                task = cells[at_task].strip() or None
                if task is not None and not _KEY.fullmatch(task):
                    problems.add(number, "task", f"'{task}' is not a task key")
                    continue
            if at_checklist is not None and cells[at_checklist].strip():
                text = cells[at_checklist].strip()
                if text not in ("1", "2", "3", "4", "5"):
                    problems.add(number, "checklist", f"'{text}' is not a rating from 1 to 5")
                    continue
                checklist = int(text)
            if at_needed is not None and cells[at_needed].strip():
                needed = cells[at_needed].strip().casefold()
                if needed not in _NEEDED:
                    problems.add(number, "needed", f"'{needed}' is not needed or nothing")
                    continue
            if at_handoff is not None and cells[at_handoff].strip():
                handoff = cells[at_handoff].strip().casefold()
                if handoff not in _STATUSES:
                    problems.add(number, "handoff", f"'{handoff}' is not a hand-off status")
                    continue
            rows.append(SummaryRow(*row[:2], unsafe_cell(row[2]), row[3], task, checklist,
                                   needed, handoff))
            # The figures without the task keys (salted anew by each export): the same PM's
            # data exported twice has the same digest.
            digest.update(repr((*row, checklist, needed, handoff)).encode("utf-8", "replace"))
    if problems.count:
        shown = "; ".join(str(p) for p in sorted(problems.items, key=lambda p: p.row)[:3])
        more = f" (and {problems.count - 3:,} more)" if problems.count > 3 else ""
        raise ValidationError(f"{len(problems.rows):,} rows of {name} have problems: "
                              f"{shown}{more}.", "file")
    if not rows:
        raise ValidationError(f"{name} is an empty summary: it has a header but no rows.", "file")
    return Summary(name, version, first, last, label, rows, at_task is not None,
                   digest.hexdigest())


def _preamble(lines: list[str], name: str) -> tuple[int, date | None, date | None, str | None]:
    """Return (format, first day, last day, label) from a summary's comment lines."""
    if not lines or not lines[0].startswith(SUMMARY_MARK):
        return 1, None, None, None
    match = _VERSION.match(lines[0][len(SUMMARY_MARK):])
    if not match:
        raise ValidationError(f"{name} starts like a summary but its first line does not say "
                              "which format and days it holds.", "file")
    version = int(match.group(1))
    if version > SUMMARY_VERSION:
        raise ValidationError(
            f"{name} is a summary in format {version}, from a newer PM Workload (this one reads "
            f"up to format {SUMMARY_VERSION}); update PM Workload to read it.", "file")
    try:
        first, last = date.fromisoformat(match.group(2)), date.fromisoformat(match.group(3))
    except ValueError:
        raise ValidationError(f"{name}: its first line names a day that does not exist.",
                              "file") from None
    label = None
    for line in lines[1:]:
        if line.casefold().startswith("# label:"):
            try:
                label = clean_label(line.split(":", 1)[1])
            except ValidationError as error:
                raise ValidationError(f"{name}: its label is not usable ({error})", "file") from None
    return version, first, last, label
