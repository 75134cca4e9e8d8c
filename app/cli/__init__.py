"""The command line: `pm-workload` alone starts the window; subcommands work without it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import ValidationError

EPILOG = """\
examples:
  pm-workload add "Weekly status deck 45m ops #status"
  pm-workload add "Customer interview with Acme 1h30 strategic #discovery yesterday 14:00"
  pm-workload add "Roadmap review" --minutes 60 --kind strategic --category roadmap
  pm-workload list --week 2026-W48
  pm-workload timer start "Competitor teardown #market"
  pm-workload timer stop
  pm-workload demo --weeks 26 --data-dir /tmp/pm-demo

The data lives in the user data dir (see `pm-workload where`); --data-dir DIR or the
PM_WORKLOAD_DATA_DIR environment variable points elsewhere.
Exit codes: 0 done, 1 the database could not be used, 2 bad input (nothing was written).
"""


def _modules():
    # Each command group registers its own subcommands.
    from app.cli import demo, entries, timer

    return (entries, timer, demo)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR",
        help="folder holding the database (default: the user data dir, or $PM_WORKLOAD_DATA_DIR)",
    )
    parser = argparse.ArgumentParser(
        prog="pm-workload",
        description="Log work as strategic or operational and see what to hand to ProductOps. "
        "Without a command, opens the window.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"pm-workload {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the window on a fresh demo database in a temporary folder")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _modules():
        module.register(commands, common)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line and return the exit code."""
    from storage import StorageError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.main import start_gui

        return start_gui(data_dir=args.data_dir, demo=args.demo)
    try:
        return int(args.func(args) or 0)
    except ValidationError as error:
        print(f"pm-workload: {error}", file=sys.stderr)
        return 2
    except StorageError as error:
        print(f"pm-workload: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `pm-workload list | head` closed the pipe: not an error.
        sys.stderr.close()
        return 0
