"""`calendar import`: meetings from an .ics file as entries, classified, logged once."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.cli.common import open_service, range_args, table
from app.display import plural, shorten
from app.errors import ValidationError

_SHOWN = 50


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    calendar = commands.add_parser(
        "calendar", parents=[common], help="log meetings from a calendar (.ics) file",
        description="Import the meetings of an .ics file (Google Calendar, Outlook/Exchange, "
        "Apple Calendar, Thunderbird) as entries, in local time, for a week, a range or "
        "everything up to now. Left out, and said why: all-day, cancelled and free events, "
        "those you declined, those longer than a day, those not begun yet. Each event gets "
        "the kind and category you chose for its series before, else those of the task of "
        "the same title, else your rules (pm-workload rules), else --default-kind. An "
        "occurrence is logged once: importing again adds nothing. Only titles and times are "
        "kept: no descriptions, locations, attendees or links.",
    )
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import", parents=[common], help="import the events of an .ics file as entries",
        description="Import the events of an .ics file as entries. Nothing is written when an "
        "event has no kind (give --default-kind, or add rules) or an event is unreadable "
        "(unless --skip-bad-events). Exit 2 then, with the events listed.",
        epilog="e.g. pm-workload calendar import work.ics --week 2026-W48 --dry-run\n"
               "     pm-workload calendar import work.ics --from 2026-09-01 --default-kind "
               "operational --me pm@example.com",
    )
    imp.add_argument("file", metavar="FILE.ics", help="the calendar file")
    imp.add_argument("--week", metavar="YYYY-Www", help="one week, e.g. 2026-W48")
    imp.add_argument("--from", dest="from_", metavar="DATE", help="first day")
    imp.add_argument("--to", metavar="DATE", help="last day (default: today)")
    imp.add_argument("--default-kind", choices=("strategic", "operational"),
                     help="kind for events nothing else classifies")
    imp.add_argument("--me", metavar="ADDRESS",
                     help="your address in the calendar, so events you declined are left out "
                     "(remembered; default: Google's calendar name when it is an address)")
    imp.add_argument("--skip-bad-events", action="store_true",
                     help="import the readable events even if some are unreadable")
    imp.add_argument("--dry-run", action="store_true", help="say what would be imported; write nothing")
    imp.add_argument("--format", choices=("table", "json"), default="table")
    imp.set_defaults(func=cmd_calendar_import)


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from app.exchange.calendar import read_calendar
    from app.exchange.calendar_import import accept, plan_calendar

    service = open_service(args, readonly=args.dry_run)
    calendar = read_calendar(args.file)
    me = args.me
    if me is not None and not args.dry_run:
        me = service.settings.update(calendar_me=me).calendar_me
    elif me is not None:
        from app.settings import parse_setting

        me = parse_setting("calendar_me", me)
    else:
        me = service.settings.get().calendar_me or None
    first, last = _range(service, args, calendar.first_day)
    plan = plan_calendar(service, calendar.occurrences(first, last, me=me),
                         default_kind=args.default_kind)
    refused = _refusal(plan, args)
    if args.format == "json":
        _print_json(plan, calendar.name, refused)
    else:
        _print_table(plan, calendar.name, first, last)
    if refused:
        raise ValidationError(refused, "file")
    if args.dry_run or not plan.ready:
        if args.format == "table":
            verb = "would import" if args.dry_run else "Nothing to import:"
            print(f"{'Dry run, nothing written: ' if args.dry_run else ''}{verb} "
                  f"{plural(len(plan.ready), 'entry', 'entries')}; "
                  f"{plural(plan.handled, 'occurrence')} logged or dismissed before.")
        return 0
    done = accept(service, plan.ready, source=calendar.name)
    if args.format == "table":
        print(f"Imported {plural(len(done.entries), 'entry', 'entries')} from {calendar.name}; "
              f"{plural(plan.handled + done.already, 'occurrence')} logged or dismissed before.")
    return 0


def _range(service, args: argparse.Namespace, first_day: date | None) -> tuple[date, date]:
    """Return the days asked for: --week, --from/--to, or everything from the first event to today."""
    today = service.clock.today()
    if args.week or args.from_ or args.to:
        first, last = range_args(service, args)
        if not args.to and not args.week:
            last = today  # an open range stops at today, as "everything" does
        return first, last
    # Everything: a recurrence that never ends stops at today (nothing later has begun).
    first = max(first_day or today, date(1970, 1, 1))
    return min(first, today), today


def _refusal(plan, args: argparse.Namespace) -> str | None:
    """Return why nothing may be written (unclassified or unreadable events), or None."""
    if plan.problems and not args.skip_bad_events:
        return (f"Nothing was imported: {plural(len(plan.problems), 'event is', 'events are')} "
                "unreadable (listed above). Fix the file, or import the rest with --skip-bad-events.")
    if plan.unclassified:
        return (f"Nothing was imported: {plural(len(plan.unclassified), 'event has', 'events have')} "
                "no kind (listed above). Give --default-kind, or add rules "
                "(pm-workload rules add WORD --kind operational).")
    return None


def _print_table(plan, name: str, first: date, last: date) -> None:
    print(f"{name}, {first.isoformat()} – {last.isoformat()}:")
    if plan.ready:
        rows = [[s.day.isoformat(), f"{s.start:%H:%M}", str(s.minutes), shorten(s.title, 40),
                 s.kind.value, shorten(s.category or "", 28), s.source.value]
                for s in plan.ready[:_SHOWN]]
        print(table(["Date", "Start", "Min", "Title", "Kind", "Category", "From"], rows, right=(2,)))
        _more(len(plan.ready))
    if plan.unclassified:
        print(f"\nTo classify ({plural(len(plan.unclassified), 'event')} with no kind):")
        for s in plan.unclassified[:_SHOWN]:
            print(f"  {s.day.isoformat()} {s.start:%H:%M}  {shorten(s.title, 60)}")
        _more(len(plan.unclassified))
    if plan.skipped:
        print(f"\nLeft out ({plural(len(plan.skipped), 'event')}):")
        rows = [[s.day.isoformat() if s.day else "", shorten(s.title, 50), s.reason.value]
                for s in plan.skipped[:_SHOWN]]
        print(table(["Date", "Title", "Why"], rows))
        _more(len(plan.skipped))
    if plan.problems:
        print(f"\nUnreadable ({plural(len(plan.problems), 'event')}):")
        for problem in plan.problems[:_SHOWN]:
            print(f"  {problem}")
        _more(len(plan.problems))
    print()


def _more(count: int) -> None:
    if count > _SHOWN:
        print(f"  … and {plural(count - _SHOWN, 'more')}")


def _print_json(plan, name: str, refused: str | None) -> None:
    import json

    from app.exchange.calendar import LeftOut

    def entry(s) -> dict:
        return {"title": s.title, "date": s.day.isoformat(), "start": f"{s.start:%H:%M}",
                "minutes": s.minutes, "kind": s.kind.value if s.kind else None,
                "category": s.category, "classified_by": s.source.value}

    document = {
        "file": name, "from": plan.first.isoformat(), "to": plan.last.isoformat(),
        "entries": [entry(s) for s in plan.ready],
        "unclassified": [entry(s) for s in plan.unclassified],
        "skipped": [{"title": s.title, "date": s.day.isoformat() if s.day else None,
                     "reason": s.reason.value} for s in plan.skipped]
        + [{"title": p.title, "date": None, "reason": LeftOut.UNREADABLE.value, "line": p.line,
            "uid": p.uid, "problem": p.message} for p in plan.problems],
        "already_handled": plan.handled,
        "error": refused,
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    print()

