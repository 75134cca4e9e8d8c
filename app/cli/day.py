"""`day [DATE]`: the day's blocks and the gaps in the working hours."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import day_arg, open_service, table
from app.display import format_minutes, shorten
from app.log.day import DayView, day_of


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    day = commands.add_parser(
        "day", parents=[common], help="the day's timed entries and the gaps between them",
        description="Show a day's timed entries in order, the untimed ones, and the gaps in "
                    "the working hours (settings work_start, work_end; up to now on today).",
    )
    day.add_argument("date", nargs="?", default="", metavar="DATE",
                     help="2026-11-24, 'yesterday', 'fri', 20/11 (default: today)")
    day.add_argument("--format", choices=("table", "json"), default="table")
    day.set_defaults(func=cmd_day)


def cmd_day(args: argparse.Namespace) -> int:
    service = open_service(args, readonly=True)
    today = service.clock.today()
    day = day_arg(args.date, today, order=service.settings.date_order()) if args.date else today
    view = day_of(service.entries, service.settings, service.clock, day)
    if args.format == "json":
        import json

        json.dump(_as_dict(view), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_table(view, so_far=day == today)
    return 0


def _as_dict(view: DayView) -> dict[str, Any]:
    def moment(at: Any) -> str | None:
        return at.isoformat(timespec="minutes") if at is not None else None

    return {
        "day": view.day.isoformat(),
        "work_start": moment(view.work_start), "work_end": moment(view.work_end),
        "entries": [
            {"id": b.entry.id, "title": b.entry.title, "kind": b.entry.kind.value,
             "category": b.entry.category, "start": moment(b.start), "end": moment(b.end),
             "minutes": b.entry.minutes, "overlaps": b.overlaps}
            for b in view.blocks
        ],
        "untimed": [
            {"id": e.id, "title": e.title, "kind": e.kind.value, "category": e.category,
             "minutes": e.minutes}
            for e in view.untimed
        ],
        "gaps": [{"start": moment(g.start), "end": moment(g.end), "minutes": g.minutes}
                 for g in view.gaps],
    }


def _print_table(view: DayView, so_far: bool) -> None:
    if not (view.work_start and view.work_end):
        hours = "not a working day"
    elif view.work_end <= view.work_start:  # a day to come, or today before work starts
        hours = f"working hours from {view.work_start:%H:%M}, not begun yet"
    else:
        hours = (f"working hours {view.work_start:%H:%M}–{view.work_end:%H:%M}"
                 + (" (so far)" if so_far else ""))
    print(f"{view.day:%a %d %b %Y} · {hours}")
    # Blocks and gaps interleaved in time order: the day read top to bottom.
    rows: list[tuple[Any, list[str]]] = [
        (b.start, [f"{b.start:%H:%M}", f"{b.end:%H:%M}", format_minutes(b.entry.minutes),
                   b.entry.kind.value, shorten(b.entry.category or "", 28),
                   shorten(b.entry.title, 40) + (" (overlaps)" if b.overlaps else "")])
        for b in view.blocks
    ] + [
        (g.start, [f"{g.start:%H:%M}", f"{g.end:%H:%M}", format_minutes(g.minutes), "", "",
                   "— gap —"])
        for g in view.gaps
    ]
    rows.sort(key=lambda row: row[0])
    if rows:
        print(table(["Start", "End", "Time", "Kind", "Category", "Title"],
                    [cells for _, cells in rows], right=(2,)))
    else:
        print("No timed entries.")
    for entry in view.untimed:
        print(f"Untimed: {entry.title} · {format_minutes(entry.minutes)} · {entry.kind.value}")
    if view.gaps:
        total = sum(g.minutes for g in view.gaps)
        print(f"Gaps: {format_minutes(total)} in {len(view.gaps)} "
              f"{'gap' if len(view.gaps) == 1 else 'gaps'}")
