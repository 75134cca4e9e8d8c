"""`demo`: fill a data dir with realistic weeks."""

from __future__ import annotations

import argparse

from app.cli.common import open_service
from app.display import plural
from app.errors import ValidationError


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo", parents=[common], help="fill a data dir with demo weeks",
        description="Fill a data dir with realistic demo weeks of a PM's work. Refuses a "
        "database that already holds entries unless --force is given (the old file is kept "
        "as a copy beside it).",
    )
    demo.add_argument("--weeks", type=_weeks, default=26, help="how many weeks (default 26)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    demo.add_argument("--force", action="store_true",
                      help="replace a database that already has entries (a copy is kept)")
    demo.set_defaults(func=cmd_demo)


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not 1 <= value <= 2000:
        raise argparse.ArgumentTypeError("--weeks must be from 1 to 2000")
    return value


def cmd_demo(args: argparse.Namespace) -> int:
    from app import demo
    from storage import queries
    from storage.backups import make_backup

    service = open_service(args)
    store = service.store
    existing = queries.count_entries(store)
    kept = None
    if existing and not args.force:
        raise ValidationError(
            f"{store.path} already holds {plural(existing, 'entry', 'entries')}; demo data goes "
            "into an empty data dir. Use --data-dir for another folder, or --force to replace it "
            "(a copy is kept).", "data-dir")
    entries = demo.generate(args.weeks, args.seed, end=service.clock.today(),
                            until=service.clock.now().astimezone().time())
    if existing:
        kept = make_backup(store.conn, store.path, "before-demo", service.clock.now())
        with store.transaction():
            queries.clear_all_work(store)
    count = demo.fill(store, entries)
    print(f"Wrote {count:,} demo entries over {args.weeks} weeks to {store.path}.")
    if kept:
        print(f"What it held before ({plural(existing, 'entry', 'entries')}) is kept in {kept}.")
    return 0
