"""`export`, `import` and `peers`: CSV to share with peers and to bring history in."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from app.cli.common import open_service, range_args, table
from app.display import percent, plural
from app.errors import ValidationError

_SHOWN_PROBLEMS = 20
_DUPLICATES = " (already in the database, or twice in the file)"


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[common], help="write entries (or a summary) as CSV",
        description="Write the entries of a range as CSV, one row per entry (date, start, "
        "minutes, hours, title, kind, category, handoff, note), or with --summary the hours "
        "per week x category x kind without titles or notes, to share with peers. "
        "Default range: everything logged. See docs/csv-format.md.",
        epilog="e.g. pm-workload export --output week48.csv --week 2026-W48\n"
               "     pm-workload export --output - --summary --from 2026-09-01",
    )
    export.add_argument("--output", "-o", required=True, metavar="FILE",
                        help="the CSV file to write; - writes to standard output")
    export.add_argument("--from", dest="from_", metavar="DATE", help="first day")
    export.add_argument("--to", metavar="DATE", help="last day")
    export.add_argument("--week", metavar="YYYY-Www", help="one week, e.g. 2026-W48")
    export.add_argument("--summary", action="store_true",
                        help="hours per week x category x kind only: no titles, no notes")
    export.add_argument("--label", metavar="NAME",
                        help='with --summary: the name the team report shows (default "PM 1", …)')
    export.add_argument("--excel", action="store_true",
                        help="start the file with a UTF-8 BOM so Excel reads accents right")
    export.set_defaults(func=cmd_export)

    imp = commands.add_parser(
        "import", parents=[common], help="bring entries in from CSV (ours, Toggl, Clockify)",
        description="Import entries from a PM Workload entries CSV, a Toggl Track detailed "
        "report or a Clockify detailed report (told apart by the header). The whole file is "
        "checked first; nothing is written if a row is bad, unless --skip-bad-rows. Entries "
        "already in the database are skipped. A backup copy of the database is taken first. "
        "Toggl/Clockify rows get their kind and category from --map rules on their project "
        "or tags (remembered for next time), else from an existing task of the same title, "
        "else from --default-kind. Each import can be undone with --undo-last.",
        epilog='e.g. pm-workload import toggl.csv --map "Acme=strategic" --map '
               '"Support=operational:Feedback triage" --default-kind operational --dry-run\n'
               '     pm-workload import - < report.csv\n'
               '     pm-workload import --undo-last',
    )
    imp.add_argument("file", metavar="FILE", nargs="?",
                     help="the CSV file to import; - reads standard input")
    imp.add_argument("--undo-last", action="store_true",
                     help="undo the last import: remove its entries (those changed since are kept) "
                     "and the tasks and categories it created; a backup is taken first")
    imp.add_argument("--yes", action="store_true", help="with --undo-last: do not ask first")
    imp.add_argument("--format", choices=("auto", "native", "toggl", "clockify"), default="auto",
                     help="the file's format (default: told from its header)")
    imp.add_argument("--dry-run", action="store_true",
                     help="check the file and say what would be imported; write nothing")
    imp.add_argument("--default-kind", choices=("strategic", "operational"),
                     help="kind for Toggl/Clockify rows no mapping or existing task decides")
    imp.add_argument("--map", action="append", default=[], metavar="PROJECT_OR_TAG=KIND[:CATEGORY]",
                     help="kind (and category) for a Toggl/Clockify project or tag; repeatable")
    imp.add_argument("--skip-bad-rows", action="store_true",
                     help="import the good rows even if some rows are bad")
    imp.add_argument("--date-order", choices=("dmy", "mdy"),
                     help="how to read dates like 01/07/2021 when the file does not tell")
    imp.set_defaults(func=cmd_import)

    peers = commands.add_parser(
        "peers", parents=[common], help="peers' summaries: list, import, remove, compare",
        description="Keep peers' summary CSVs (from `pm-workload export --summary`) apart "
        "from your own entries, and compare strategic shares.",
    )
    peers.set_defaults(func=cmd_peers_list)
    actions = peers.add_subparsers(dest="action", metavar="ACTION")
    lst = actions.add_parser("list", parents=[common], help="list peers (the default)")
    lst.set_defaults(func=cmd_peers_list)
    add = actions.add_parser("import", parents=[common], help="import a peer's summary CSV")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--label", required=True, help='what to call the peer, e.g. "Peer A"')
    add.set_defaults(func=cmd_peers_import)
    remove = actions.add_parser("remove", parents=[common], help="forget a peer")
    remove.add_argument("label", metavar="LABEL")
    remove.set_defaults(func=cmd_peers_remove)
    compare = actions.add_parser(
        "compare", parents=[common], help="your strategic share beside each peer's, by week")
    compare.add_argument("--from", dest="from_", metavar="DATE", help="first day")
    compare.add_argument("--to", metavar="DATE", help="last day")
    compare.add_argument("--week", metavar="YYYY-Www", help="one week, e.g. 2026-W48")
    compare.set_defaults(func=cmd_peers_compare)


# -- export -------------------------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    from app.exchange.exporting import export_entries, export_summary

    service = open_service(args, readonly=True)
    if args.week or args.from_ or args.to:
        first, last = range_args(service, args)
    else:
        first, last = date(1970, 1, 1), service.clock.today() + timedelta(days=1)
    if args.label is not None and not args.summary:
        raise ValidationError("--label names the PM of a summary; use it with --summary.", "label")
    export: Callable[..., int] = (partial(export_summary, label=args.label) if args.summary
                                  else export_entries)
    what = ("summary row", None) if args.summary else ("entry", "entries")
    if args.output == "-":
        import io

        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            export(service, out, first, last, excel=args.excel)
        finally:
            out.flush()
            out.detach()
        return 0
    count = export(service, args.output, first, last, excel=args.excel)
    span = "everything logged" if first.year == 1970 else f"{first.isoformat()} – {last.isoformat()}"
    print(f"Exported {plural(count, *what)} ({span}) to {args.output}.")
    return 0


# -- import -------------------------------------------------------------------------------
def cmd_import(args: argparse.Namespace) -> int:
    from app.domain import Kind
    from app.exchange.importing import (
        ImportMapping,
        apply_import,
        load_mapping,
        parse_rule,
        read_import,
        skip_offer,
    )

    if args.undo_last:
        return _undo_last(args)
    if args.file is None:
        raise ValidationError("Say which CSV file to import (- for standard input), or give "
                              "--undo-last.", "file")
    service = open_service(args)
    given = ImportMapping(dict(parse_rule(text) for text in args.map),
                          Kind(args.default_kind) if args.default_kind else None)
    mapping = load_mapping(service).merged(given)
    plan = read_import(service, args.file, format=args.format, mapping=mapping,
                       date_order=args.date_order)
    print(f"Read {plural(plan.rows_read, 'row')} of {plan.name} ({plan.format.label}).")
    if plan.format.value != "native" and (mapping.rules or mapping.default_kind):
        rules = ", ".join(f"{name}={rule}" for name, rule in sorted(mapping.rules.items()))
        default = f"default {mapping.default_kind.value}" if mapping.default_kind else "no default"
        print(f"Mapping: {rules or 'no project or tag rules'}; {default}.")
    if plan.problems:
        print(f"{plural(plan.bad_rows, 'bad row')}:")
        for problem in plan.problems[:_SHOWN_PROBLEMS]:
            print(f"  {problem}")
        if plan.problem_count > _SHOWN_PROBLEMS:
            print(f"  … and {plural(plan.problem_count - _SHOWN_PROBLEMS, 'more problem')}")
    if plan.unmapped:
        listed = ", ".join(f"{name or '(no project)'} ({plural(count, 'row')})"
                           for name, count in plan.unmapped.most_common(10))
        print(f"No kind for the projects {listed}: map them (or their tags) with "
              "--map \"PROJECT=strategic\", or give --default-kind.")
    new = _new_things(plan.new_tasks, plan.new_categories)
    if args.dry_run:
        print(f"Dry run, nothing written: would import {plural(plan.to_import, 'entry', 'entries')}"
              f"{new}; would skip {plural(plan.duplicates, 'duplicate')}{_DUPLICATES}; "
              f"{plural(plan.bad_rows, 'bad row')} would be rejected.")
        if plan.bad_rows and not args.skip_bad_rows:
            raise ValidationError(
                f"The import would write nothing: fix the {plural(plan.bad_rows, 'bad row')}"
                f"{skip_offer(plan, 'import with --skip-bad-rows')}.", "file")
        return 0
    if plan.bad_rows and (not args.skip_bad_rows or not plan.to_import):
        # With nothing good to import, --skip-bad-rows is not offered (nor run).
        raise ValidationError(
            f"Nothing was imported: {plural(plan.bad_rows, 'row is', 'rows are')} bad. Fix them"
            f"{skip_offer(plan, 'run again with --skip-bad-rows to import the {good}')}.", "file")
    result = apply_import(service, plan, skip_bad_rows=args.skip_bad_rows)
    print(f"Imported {plural(result.imported, 'entry', 'entries')}"
          f"{_new_things(result.new_tasks, result.new_categories)}; skipped "
          f"{plural(result.duplicates, 'duplicate')}{_DUPLICATES}; rejected "
          f"{plural(result.rejected, 'bad row')}.")
    if result.backup:
        print(f"A copy of the database from before the import: {result.backup}")
    if result.batch_id is not None:
        print("To undo it: pm-workload import --undo-last")
    return 0


def _undo_last(args: argparse.Namespace) -> int:
    from app.exchange.batches import last_import, undo_last_import

    if args.file is not None:
        raise ValidationError(f"--undo-last takes no FILE (it undoes the last import); "
                              f"leave out {args.file}.", "file")
    service = open_service(args)
    batch = last_import(service)
    if batch is None:
        raise ValidationError("There is no import to undo.", "import")
    print(f"The last import: {batch.describe()}")
    if batch.edited:
        print(f"{plural(batch.edited, 'entry', 'entries')} of it changed since "
              f"{'is' if batch.edited == 1 else 'are'} kept.")
    if not args.yes:
        # Like `restore`: without a terminal to answer on, only --yes may go ahead.
        if not sys.stdin or not sys.stdin.isatty():
            raise ValidationError("Add --yes to undo it without asking.", "import")
        if input("Undo it? A backup is taken first. [y/N] ").strip().casefold() not in ("y", "yes"):
            raise ValidationError("Nothing was undone.", "import")
    done = undo_last_import(service, batch.id)
    print(done.summary())
    print(f"A copy of the database from before the undo: {done.backup}")
    return 0


def _new_things(tasks: int, categories) -> str:
    parts = [plural(tasks, "new task")] if tasks else []
    if categories:
        parts.append(f"new categor{'ies' if len(categories) > 1 else 'y'}: {', '.join(categories)}")
    return f" ({'; '.join(parts)})" if parts else ""


# -- peers --------------------------------------------------------------------------------
def cmd_peers_list(args: argparse.Namespace) -> int:
    from app.exchange.peers import peers, strategic_share_comparison

    service = open_service(args, readonly=True)
    found = peers(service)
    if not found:
        print("No peers yet. Import a peer's summary with: "
              "pm-workload peers import FILE --label \"Peer A\"")
        return 0
    shares = strategic_share_comparison(service)
    rows = [[p.label, str(p.weeks), f"{p.first_week or ''} – {p.last_week or ''}",
             percent(shares.peers.get(p.label)), p.imported_at[:10]] for p in found]
    print(table(["Peer", "Weeks", "From – to", "Strategic", "Imported"], rows, right=(1, 3)))
    print(f"\nYou over the same weeks: {percent(shares.mine)} strategic.")
    return 0


def cmd_peers_import(args: argparse.Namespace) -> int:
    from app.exchange.peers import import_peer_summary

    service = open_service(args)
    done = import_peer_summary(service, args.file, args.label)
    kept = f", replacing {plural(done.replaced, 'week')} held before" if done.replaced else ""
    print(f"{'Added' if done.new_peer else 'Updated'} {done.label}: {plural(done.weeks, 'week')}{kept}.")
    return 0


def cmd_peers_remove(args: argparse.Namespace) -> int:
    from app.exchange.peers import remove_peer

    removed = remove_peer(open_service(args), args.label)
    print(f"Removed {removed.label} and their {plural(removed.weeks, 'week')}.")
    return 0


def cmd_peers_compare(args: argparse.Namespace) -> int:
    from app.exchange.peers import strategic_share_comparison

    service = open_service(args, readonly=True)
    first = last = None
    if args.week or args.from_ or args.to:
        first, last = range_args(service, args)
    shares = strategic_share_comparison(service, first, last)
    if not shares.weeks:
        print("No weeks to compare: import a peer's summary first, or pick another range.")
        return 0
    rows = [[row.week, percent(row.mine), *(percent(row.peers[label]) for label in shares.labels)]
            for row in shares.weeks]
    rows.append(["Average", percent(shares.mine),
                 *(percent(shares.peers[label]) for label in shares.labels)])
    right = tuple(range(1, 2 + len(shares.labels)))
    print(table(["Week", "You", *shares.labels], rows, right=right))
    return 0
