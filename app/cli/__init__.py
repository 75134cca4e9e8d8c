"""The command line: `pm-workload` alone starts the window; subcommands work without it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.clock import Clock
from app.errors import ValidationError

EPILOG = """\
examples:
  pm-workload add "Weekly status deck 45m ops #status"
  pm-workload add "Customer interview with Acme 1h30 strategic #discovery yesterday 14:00"
  pm-workload add "Roadmap review" --minutes 60 --kind strategic --category roadmap
  pm-workload list --week 2026-W48
  pm-workload timer start "Competitor teardown #market"
  pm-workload timer stop
  pm-workload report --weeks 8                # the review: split, candidates
  pm-workload tasks set "Weekly status deck" --checklist 4 --needed yes
  pm-workload export --output week.csv --week 2026-W48 [--summary] [--excel]
  pm-workload import toggl.csv --map "Admin=operational:Tool admin" --dry-run
  pm-workload calendar import work.ics --week 2026-W48 --default-kind operational
  pm-workload rules add standup --kind operational --category delivery
  pm-workload backup                          # restore [FILE] to go back
  pm-workload team report anna.csv ben.csv --weeks 8   # hand-off case across PMs
  pm-workload demo --weeks 26 --data-dir /tmp/pm-demo

The data lives in the user data dir (~/.local/share/pm-workload on Linux); --data-dir DIR
or the PM_WORKLOAD_DATA_DIR environment variable points elsewhere.
Exit codes: 0 done, 1 the database could not be used, 2 bad input (nothing was written).
"""


# Which module registers each subcommand. Only the module of the command being run is
# imported (start-up time is a goal); --help and a bare `pm-workload` load them all.
COMMAND_MODULES = {
    "add": "entries", "list": "entries",
    "timer": "timer",
    "demo": "demo",
    "backup": "backup", "restore": "backup",
    "report": "review", "tasks": "review",
    "export": "csvio", "import": "csvio", "peers": "csvio",
    "calendar": "calendar", "rules": "rules",
    "team": "team",
    "day": "day",
}


def _modules(argv: Sequence[str] = ()):
    import importlib

    names = list(dict.fromkeys(COMMAND_MODULES.values()))
    command = _command_in(argv)
    if command in COMMAND_MODULES:
        names = [COMMAND_MODULES[command]]
    elif command is None and not {"-h", "--help"} & set(argv):
        names = []  # opening the window: no subcommand needs registering
    return [importlib.import_module(f"app.cli.{name}") for name in names]


def _command_in(argv: Sequence[str]) -> str | None:
    """Return the first word of argv that is not an option or an option's value."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--data-dir":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _terminal_width() -> int:
    try:
        return max(40, min(int(os.environ.get("COLUMNS", "")) or 0, 120))
    except ValueError:
        pass
    try:
        return max(40, min(os.get_terminal_size(sys.stdout.fileno()).columns, 120))
    except (OSError, ValueError, AttributeError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose, keeps examples as written; sizes itself without importing shutil."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width())

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if any(line.startswith(" ") for line in lines[1:]) or paragraph.startswith(
                    ("e.g.", "examples:")):
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(textwrap.fill(" ".join(paragraph.split()), width,
                                                initial_indent=indent, subsequent_indent=indent))
        return "\n\n".join(paragraphs)


class Parser(argparse.ArgumentParser):
    """Every parser and subparser formats its help with HelpFormatter."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["formatter_class"] = HelpFormatter
        super().__init__(*args, **kwargs)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """Return the parser: for the command named in ``argv`` only, for every command (help, or
    an unknown command), or for none when ``argv`` opens the window."""
    common = Parser(add_help=False)
    # SUPPRESS: a subcommand's default would overwrite a --data-dir given before the command.
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="folder holding the database (default: the user data dir, or $PM_WORKLOAD_DATA_DIR)",
    )
    parser = Parser(
        prog="pm-workload",
        description="Log work as strategic or operational and see what to hand to ProductOps. "
        "Without a command, opens the window.",
        epilog=EPILOG,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"pm-workload {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the window on a fresh demo database in a temporary folder")
    # Start the window, quit once it is up and say what it opened (packaging checks).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in _modules(argv):
        module.register(subparsers, common)
    return parser


# Paths may hold any bytes on POSIX (Python keeps those that are not UTF-8 as lone surrogates
# and gives them back to the file system as they were); every other argument is text to save.
_PATH_ARGUMENTS = {"data_dir", "file", "output"}


def _undecodable_argument(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """Return a message naming the argument that holds bytes which are not UTF-8, or None.

    Caught here, before anything is read or written: deeper down such text cannot be saved
    nor printed, and would end as a crash.
    """
    from app.text import has_surrogates, shown_bytes

    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        bad = next((v for v in values if isinstance(v, str) and has_surrogates(v)), None)
        if bad is not None and dest not in _PATH_ARGUMENTS:
            return (f"{_argument_name(parser, dest)} is not UTF-8 text ('{shown_bytes(bad)}'): "
                    "set the terminal or the shell to UTF-8, or type it again.")
    return None


def _argument_name(parser: argparse.ArgumentParser, dest: str) -> str:
    """Return how the command line spells the argument stored in ``dest`` (--note, LINE)."""
    parsers = [parser]
    for each in parsers:
        for action in each._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            elif action.dest == dest:
                return "/".join(action.option_strings) or str(action.metavar or dest.upper())
    return dest


def run(argv: Sequence[str], clock: Clock | None = None,
        open_window: Callable[..., int] | None = None) -> int:
    """Run the command line and return the exit code.

    ``clock`` is the time every command reads (the system clock unless a test stands it on a
    day); open_service hands it to the service. ``open_window`` opens the window when no
    command is given (app.main passes it: the command line itself never reaches ui/).
    What it prints goes through EscapingWriter: a control character stored in a title (an
    ESC sequence, a bidi override) is shown escaped, never acted on by the terminal.
    """
    from app.text import EscapingWriter

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingWriter(sys.stdout), EscapingWriter(sys.stderr)
    try:
        return _run(argv, streams, clock, open_window)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: Sequence[str], streams: tuple, clock: Clock | None,
         open_window: Callable[..., int] | None) -> int:
    from storage import StorageError

    parser = build_parser(argv)
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    undecodable = _undecodable_argument(parser, args)
    if undecodable:
        print(f"pm-workload: {undecodable}", file=sys.stderr)
        return 2
    if args.command is None:
        if open_window is None:
            parser.print_usage(sys.stderr)
            print("pm-workload: give a command (see --help).", file=sys.stderr)
            return 2
        sys.stdout, sys.stderr = streams  # the window's own output is no user's text
        return open_window(data_dir=args.data_dir, demo=args.demo, smoke_test=args.smoke_test,
                           clock=clock)
    args.clock = clock or Clock()
    from app.process import start_up_done

    start_up_done()
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
    except KeyboardInterrupt:
        print("pm-workload: interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so plainly, keep the details in the log
        from app.logs import log_crash

        where = log_crash(error)
        print(f"pm-workload: something went wrong that is not your fault ({type(error).__name__}: "
              f"{error}). Details are in {where}.", file=sys.stderr)
        return 1
    finally:
        from app.cli.common import close_stores

        close_stores(args)
