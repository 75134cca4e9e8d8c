"""Helpers shared by the subcommands: opening the service, dates, tables."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from app.errors import ValidationError
from app.grammar import read_day, system_date_order
from app.workload import WorkloadService


def open_service(args: argparse.Namespace, readonly: bool = False) -> WorkloadService:
    """Open the database the arguments point at and return its service, on run()'s clock
    (run() closes it).

    ``readonly`` for commands that only read: the file is opened read-only (see open_store),
    so a database on read-only media can still be listed, reported and exported.
    """
    from storage import database_path, open_store, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    _check_data_dir(data_dir)
    store = open_store(database_path(data_dir), readonly=readonly, now=args.clock.now())
    args.__dict__.setdefault("opened_stores", []).append(store)
    return WorkloadService(store, args.clock)


def _check_data_dir(data_dir: Path) -> None:
    """Refuse a data dir that is a file (or inside one) before anything is created."""
    for folder in (data_dir, *data_dir.parents):
        if folder.exists():
            if not folder.is_dir():
                raise ValidationError(
                    f"The data dir {data_dir} is not a folder: {folder} is a file. Give "
                    "--data-dir a folder (it is created if missing).", "data-dir")
            return


def close_stores(args: argparse.Namespace) -> None:
    """Close the databases a command opened (the service's timer holds a cycle, so nothing
    would close them until the garbage collector ran)."""
    from storage import StorageError

    for store in args.__dict__.pop("opened_stores", []):
        try:
            store.close()
        except StorageError:
            pass  # what the command wrote is committed already


def day_arg(text: str, today: date, field: str = "date", order: str | None = None) -> date:
    """Return a date from ISO text or a word the quick-add line knows (today, yesterday, fri,
    20/11 in ``order``: the date_order setting, by default the system's)."""
    try:
        return read_day(text, today, order or system_date_order())
    except ValidationError as error:
        raise ValidationError(str(error), field) from None


def range_args(service: WorkloadService, args: argparse.Namespace) -> tuple[date, date]:
    """Return the (first, last) days named by --week or --from/--to (default: this week)."""
    from app.weeks import parse_week, week_days

    today = service.clock.today()
    if args.week and (args.from_ or args.to):
        raise ValidationError("Give either --week or --from/--to, not both.", "week")
    if args.week:
        return week_days(parse_week(args.week, service.settings.get().week_start))
    if args.from_ or args.to:
        order = service.settings.date_order()
        first = day_arg(args.from_, today, "from", order) if args.from_ else date(1970, 1, 1)
        last = day_arg(args.to, today, "to", order) if args.to else today + timedelta(days=1)
        if first > last:
            raise ValidationError(
                f"--from {first.isoformat()} is after --to {last.isoformat()}.", "from")
        return first, last
    return service.week_of(today)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Return rows as an aligned plain-text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()
    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
