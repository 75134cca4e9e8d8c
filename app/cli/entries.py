"""`add` and `list`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import time
from typing import TYPE_CHECKING, Any

from app.cli.common import day_arg, open_service, range_args, table
from app.display import format_minutes, plural, shorten
from app.domain import Entry, EntryDraft
from app.errors import NotFoundError, ValidationError
from app.grammar import read_duration, read_time_of_day
from app.validation import check_kind

if TYPE_CHECKING:
    from app.log.quickadd import QuickAdd
    from app.workload import WorkloadService


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = commands.add_parser(
        "add", parents=[common], help="log a piece of work",
        description="Log a piece of work from a quick-add line. The line is always read as one "
        "(title, then duration, kind, #category, date, start in any order); the options fill in "
        "what it leaves out. An option that says something else than the line is an error and "
        "nothing is saved. To keep a number or a kind word at the end of the title, put the "
        'title in double quotes: \'"Sprint 12" --minutes 30\'.',
        epilog='e.g. pm-workload add "Weekly status deck 45m ops #status"\n'
               '     pm-workload add "Roadmap review" --minutes 60 --kind strategic\n'
               '     pm-workload add "Weekly status deck 45m ops #status" --start 09:00',
    )
    add.add_argument("line", nargs="+", metavar="LINE",
                     help="a quick-add line; may be just the title when the options give the rest")
    add.add_argument("--minutes", type=_minutes, help="duration: 45, 45m, 1h30 or 1.5h")
    add.add_argument("--kind", help="strategic or operational (s, strat / o, op, ops)")
    add.add_argument("--category", help="category name or a unique part of it")
    add.add_argument("--date", help="2026-11-24, today, yesterday or a weekday (default today)")
    add.add_argument("--start", type=_clock, help="start time: 09:30, 9:30 or 1:30 PM")
    add.add_argument("--note", default="", help="a note kept with the entry")
    add.add_argument("--create-category", action="store_true",
                     help="create the category if it does not exist yet")
    add.set_defaults(func=cmd_add)

    lst = commands.add_parser(
        "list", parents=[common], help="list entries (default: this week)",
        description="List entries of a week or a range of days.",
    )
    lst.add_argument("--from", dest="from_", metavar="DATE", help="first day")
    lst.add_argument("--to", metavar="DATE", help="last day")
    lst.add_argument("--week", metavar="YYYY-Www", help="one week, e.g. 2026-W48")
    lst.add_argument("--format", choices=("table", "csv", "json"), default="table")
    lst.set_defaults(func=cmd_list)


def _minutes(text: str) -> int:
    try:
        return read_duration(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _clock(text: str) -> time:
    try:
        return read_time_of_day(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def describe(entry: Entry) -> str:
    """Return one line saying how an entry was saved."""
    when = entry.day.strftime("%a %d %b %Y") + (f" {entry.start:%H:%M}" if entry.start else "")
    parts = [entry.title, format_minutes(entry.minutes), entry.kind.value,
             entry.category or "no category", when]
    return " · ".join(parts)


def cmd_add(args: argparse.Namespace) -> int:
    service = open_service(args)
    try:
        parsed = service.entries.parse(" ".join(args.line), allow_new_category=args.create_category)
        draft = _completed(service, parsed, args)
    except ValidationError as error:
        if error.field == "category" and str(error).startswith("There is no category"):
            raise ValidationError(f"{error} To create it, add --create-category.",
                                  "category") from None
        if error.field in _OPTION_OF and getattr(args, _OPTION_OF[error.field]) is not None \
                and _QUOTE_HINT not in str(error):
            # "Sprint 2027" --minutes 30: the end of the title read as a (bad) duration.
            raise ValidationError(f"{error}{_QUOTE_HINT}", error.field) from None
        raise
    entry = service.entries.log(draft, create_category=args.create_category)
    print(f"Saved: {describe(entry)}")
    return 0


_QUOTE_HINT = " (To keep such a word at the end of the title, put the title in double quotes.)"
_OPTION_OF = {"minutes": "minutes", "kind": "kind", "day": "date", "start": "start"}


def _completed(service: WorkloadService, parsed: QuickAdd, args: argparse.Namespace) -> EntryDraft:
    """Return the draft of the parsed line with the options' fields filled in; raise when an
    option says something else than the line (which of the two was meant is a guess)."""
    from app.validation import clean_category_name
    from storage.schema import normalise_key

    today = service.clock.today()
    category = None
    if args.category is not None:
        try:
            category = service.categories.find(args.category).name
        except NotFoundError:
            if not args.create_category:
                raise
            category = clean_category_name(args.category)
    # field: (the option's value, its name, how a value is shown)
    given: dict[str, tuple[Any, str, Callable[[Any], str]]] = {
        "minutes": (args.minutes, "--minutes", format_minutes),
        "kind": (check_kind(args.kind) if args.kind is not None else None, "--kind",
                 lambda kind: kind.value),
        "category": (category, "--category", str),
        "day": (day_arg(args.date, today, order=service.settings.date_order())
                if args.date is not None else None, "--date",
                lambda day: day.isoformat()),
        "start": (args.start, "--start", lambda start: f"{start:%H:%M}"),
    }
    values = parsed._asdict()
    for field, (value, option, shown) in given.items():
        if value is None:
            continue
        line = values[field]
        if line is not None and (normalise_key(line) != normalise_key(value) if field == "category"
                                 else line != value):
            hint = "" if field == "category" else _QUOTE_HINT
            raise ValidationError(
                f"The line says {shown(line)} but {option} says {shown(value)}; give it once.{hint}",
                field)
        values[field] = value
    return EntryDraft(parsed.title, values["minutes"], values["kind"], values["category"],
                      values["day"], values["start"], args.note)


def cmd_list(args: argparse.Namespace) -> int:
    service = open_service(args, readonly=True)
    first, last = range_args(service, args)
    entries = service.entries.between(first, last)
    out = sys.stdout
    if args.format == "json":
        import json

        json.dump([_as_dict(e) for e in entries], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "date", "start", "minutes", "kind", "category", "title", "note"])
        for e in entries:
            d = _as_dict(e)
            writer.writerow([d[k] or "" for k in
                             ("id", "date", "start", "minutes", "kind", "category", "title", "note")])
    else:
        rows = [
            [e.day.strftime("%a %Y-%m-%d"), f"{e.start:%H:%M}" if e.start else "",
             format_minutes(e.minutes), e.kind.value, shorten(e.category or "", 28),
             shorten(e.title, 40), shorten(e.note, 30)]
            for e in entries
        ]
        print(f"{first:%a %d %b %Y} – {last:%a %d %b %Y}")
        if rows:
            print(table(["Date", "Start", "Time", "Kind", "Category", "Title", "Note"], rows,
                        right=(2,)))
        else:
            print("No entries logged in this period.")
        totals = service.entries.minutes_by_kind(first, last)
        total = sum(totals.values())
        if total:
            strategic = next(m for k, m in totals.items() if k.value == "strategic")
            target = service.settings.get().strategic_target
            print(f"\n{plural(len(entries), 'entry', 'entries')} · {format_minutes(total)} · strategic "
                  f"{round(100 * strategic / total)} % (target {target} %)")
    return 0


def _as_dict(entry: Entry) -> dict:
    return {
        "id": entry.id, "date": entry.day.isoformat(),
        "start": entry.start.strftime("%H:%M") if entry.start else None,
        "minutes": entry.minutes, "kind": entry.kind.value, "category": entry.category,
        "title": entry.title, "note": entry.note,
    }
