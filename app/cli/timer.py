"""`timer start | continue | stop | status | discard`."""

from __future__ import annotations

import argparse

from app.cli.common import open_service
from app.cli.entries import _clock, describe
from app.display import format_minutes
from app.domain import Entry, RunningTimer
from app.errors import ValidationError
from app.log.timer import TimerNeedsConfirmation


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    timer = commands.add_parser(
        "timer", parents=[common], help="a live timer that becomes an entry when stopped",
        description="Start a timer, then stop it to save the time as an entry.",
    )
    actions = timer.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser(
        "start", parents=[common], help="start timing a task (a running timer is saved first)")
    start.add_argument("line", nargs="*", metavar="LINE",
                       help='a quick-add line without duration, e.g. "Deck review #status"; '
                            "none starts an untitled timer, named when stopped")
    start.add_argument("--note", default="")
    start.set_defaults(func=cmd_start)
    resume = actions.add_parser(
        "continue", parents=[common], help="start timing an entry's task again")
    resume.add_argument("entry_id", nargs="?", type=int, metavar="ENTRY_ID",
                        help="the entry to continue (see `pm-workload list`); default: the last saved")
    resume.set_defaults(func=cmd_continue)
    stop = actions.add_parser("stop", parents=[common], help="stop and save as an entry")
    stop.add_argument("--at", type=_clock, metavar="HH:MM",
                      help="when you stopped working (today, or the day the timer started)")
    stop.add_argument("--yes", action="store_true",
                      help="save a timer that ran over 12 hours or past midnight")
    stop.add_argument("--title", default="", metavar="LINE",
                      help='what you worked on (needed for an untitled timer), e.g. "Deck s #status"')
    stop.set_defaults(func=cmd_stop)
    status = actions.add_parser("status", parents=[common], help="show the running timer")
    status.set_defaults(func=cmd_status)
    discard = actions.add_parser("discard", parents=[common], help="throw the timer away")
    discard.set_defaults(func=cmd_discard)


def cmd_start(args: argparse.Namespace) -> int:
    service = open_service(args)
    stopped, timer = service.timer.switch(" ".join(args.line), note=args.note)
    _print_started(service.timer.notice, stopped, timer)
    return 0


def cmd_continue(args: argparse.Namespace) -> int:
    service = open_service(args)
    stopped, timer = service.timer.continue_entry(args.entry_id)
    _print_started("", stopped, timer)
    return 0


def _print_started(notice: str, stopped: Entry | None, timer: RunningTimer) -> None:
    if stopped is not None:
        print(f"Stopped the running timer and saved: {describe(stopped)}")
    if notice:
        print(notice)
    if not timer.title:
        print(f"Untitled timer started at {timer.started_at:%H:%M}; name it when you stop "
              "(`pm-workload timer stop --title ...`).")
        return
    print(f"Timer started at {timer.started_at:%H:%M}: {timer.title} · "
          f"{timer.kind.value if timer.kind else ''} · {timer.category or 'no category'}")


def cmd_stop(args: argparse.Namespace) -> int:
    service = open_service(args)
    at, notice = service.timer.stop_moment(args.at) if args.at else (None, "")
    try:
        entry = service.timer.stop(at, confirmed=args.yes, title=args.title)
    except TimerNeedsConfirmation as error:
        raise ValidationError(
            f"{error} Say when you stopped with --at HH:MM, save it anyway with --yes, "
            "or throw it away with `pm-workload timer discard`.", "timer") from None
    if notice:
        print(notice)
    print(f"Saved: {describe(entry)}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    service = open_service(args, readonly=True)
    timer = service.timer.running()
    if timer is None:
        print("No timer is running.")
        return 0
    print(f"Running since {timer.started_at:%a %d %b %H:%M} "
          f"({format_minutes(service.timer.minutes(timer))}): {timer.title or 'untitled'}")
    return 0


def cmd_discard(args: argparse.Namespace) -> int:
    service = open_service(args)
    timer = service.timer.discard()
    print(f"Discarded the timer for '{timer.title or 'untitled'}' (started {timer.started_at:%H:%M}).")
    return 0
