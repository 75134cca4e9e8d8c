"""`report` and `tasks`: the weekly review and the PM's judgement of tasks, as on the Review page."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from app.cli.common import open_service, table
from app.display import format_minutes, percent, shorten
from app.domain import HandoffStatus, Needed
from app.review.analysis import Review, TaskScore, threshold_text
from app.review.service import DEFAULT_RANGE, MAX_RANGE, ReviewService


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report", parents=[common], help="the weekly review: split, candidates, headline",
        description="Print the weekly review: the headline, the strategic / operational split "
        "per week and the hand-off candidates, as the Review page shows them.",
        epilog="e.g. pm-workload report --week 2026-W48 --weeks 12\n"
               "     pm-workload report --all\n"
               "     pm-workload report --format json",
    )
    report.add_argument("--week", metavar="YYYY-Www", help="the week to review (default: this week)")
    span = report.add_mutually_exclusive_group()
    span.add_argument("--weeks", type=_weeks, default=DEFAULT_RANGE, metavar="N",
                      help=f"how many weeks the split covers, ending with --week "
                      f"(default {DEFAULT_RANGE})")
    span.add_argument("--all", action="store_true",
                      help="the split covers every week from the first entry's to --week")
    report.add_argument("--format", choices=("text", "json"), default="text")
    report.set_defaults(func=cmd_report)

    tasks = commands.add_parser(
        "tasks", parents=[common], help="list tasks with hours and judgement, or set a judgement",
        description="List every task with its hours and the judgement behind the hand-off "
        "analysis; `tasks set` records that judgement.",
        epilog='e.g. pm-workload tasks\n'
               '     pm-workload tasks set "Weekly status deck" --checklist 4 --needed yes\n'
               '     pm-workload tasks set "Leadership status update" --status handed_off',
    )
    tasks.add_argument("--format", choices=("table", "json"), default="table")
    tasks.set_defaults(func=cmd_tasks)
    actions = tasks.add_subparsers(dest="tasks_command", metavar="ACTION")
    judge = actions.add_parser(
        "set", help="record the judgement of one task",
        description="Record the PM's judgement of a task. The hand-off score uses the checklist "
        "rating; 'needed no' means nothing would happen if it were not done at all.",
    )
    # Its own --data-dir, left out of the namespace unless given here, so that one given
    # before `set` is kept (a subparser's defaults would overwrite it).
    judge.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                       help="folder holding the database")
    judge.add_argument("title", metavar="TITLE", help="the task's title (case and spaces ignored)")
    judge.add_argument("--checklist", type=int, choices=range(1, 6), metavar="1-5",
                       help="could someone follow a checklist for it? 1 no … 5 yes")
    judge.add_argument("--needed", choices=("yes", "no"),
                       help="would anything suffer if it were not done at all?")
    judge.add_argument("--status", choices=[s.value for s in HandoffStatus],
                       help="the hand-off decision")
    judge.set_defaults(func=cmd_tasks_set)


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not 1 <= value <= MAX_RANGE:
        raise argparse.ArgumentTypeError(f"--weeks must be from 1 to {MAX_RANGE}")
    return value


def _h(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


# -- report -------------------------------------------------------------------------------
def cmd_report(args: argparse.Namespace) -> int:
    from app.weeks import parse_week

    service = open_service(args, readonly=True)
    week = parse_week(args.week, service.settings.get().week_start) if args.week else None
    review = ReviewService(service).review(week, None if args.all else args.weeks)
    if args.format == "json":
        _dump(review_as_dict(review))
    else:
        print(report_text(review))
    return 0


def report_text(review: Review) -> str:
    """Return the review as the plain text `pm-workload report` prints."""
    week = review.week
    out = [f"Weekly review {week.label}" if week.is_iso else f"Weekly review: {week.label}", ""]
    out += review.headline.lines()
    count = len(review.split)
    out += ["", f"Strategic vs operational, {count} week{'' if count == 1 else 's'} "
            f"(target {review.target} %):"]
    # Only Monday-first weeks are ISO weeks; others go by their first day alone.
    weeks = ((["Week", "Starts"], lambda w: [w.label, f"{w.start:%a %d %b}"]) if week.is_iso
             else (["Week starting"], lambda w: [f"{w.start:%a %d %b %Y}"]))
    out.append(table(
        [*weeks[0], "Strategic h", "Operational h", "Total h", "Strategic"],
        [[*weeks[1](w), _h(w.strategic_minutes / 60), _h(w.operational_minutes / 60),
          _h(w.minutes / 60), percent(w.share)] for w in review.split],
        right=tuple(range(len(weeks[0]), len(weeks[0]) + 4)),
    ))
    rules = review.rules
    out += ["", f"Hand-off candidates, over {review.lookback.words} (score = H x R x P/5 in "
            f"hours a week back; needs >= {threshold_text(rules.min_score)} h, "
            f"P >= {rules.min_checklist}, R >= {rules.min_recurrence:g}):"]
    if review.candidates:
        out.append(table(
            ["Task", "H h/wk", "Weeks", "P", "Route", "Back h/wk"],
            [_score_row(t) for t in review.candidates], right=(1, 2, 3, 5),
        ))
        out += [f"  {t.title}: {t.reason}" for t in review.candidates]
    else:
        out.append("  None yet. Rate the operational tasks: pm-workload tasks set TITLE --checklist N")
    if review.to_rate:
        out += ["", "To rate first (operational, most hours first):"]
        out += [f"  {shorten(t.title, 50)}: {t.hours_per_week:.1f} h a week, "
                f"{t.weeks_seen} of {t.weeks} weeks" for t in review.to_rate[:10]]
        if len(review.to_rate) > 10:
            out.append(f"  … and {len(review.to_rate) - 10} more")
    if review.handed_off:
        out += ["", "Handed off:"]
        out += [f"  {shorten(d.title, 50)}: on {d.changed_on:%d %b %Y}, "
                f"{d.hours_before:.1f} h a week before, "
                + (f"{d.hours_after:.1f} after: {d.given_back:.1f} h given back"
                   if d.hours_after is not None else "figures from the week after")
                for d in review.handed_off]
    return "\n".join(out)


def _score_row(t: TaskScore) -> list[str]:
    return [shorten(t.title, 40), t.hours_text, f"{t.weeks_seen}/{t.weeks}",
            str(t.checklist or ""), t.route.label if t.route else "", t.score_text]


def review_as_dict(review: Review) -> dict[str, Any]:
    """Return the review as plain JSON-ready values (shares as fractions, times in hours)."""
    headline = review.headline
    return {
        "week": review.week.label,
        "first_day": review.week.start,
        "last_day": review.week.end,
        "headline": {
            "hours": round(headline.hours, 2), "days_logged": headline.days_logged,
            "strategic_share": headline.share, "target": review.target / 100,
            # Both over the look-back (the two names are kept for existing readers).
            "previous_share": headline.lookback_share, "window_share": headline.lookback_share,
            "reclaimable_hours_per_week": round(headline.reclaimable, 2),
            "share_after_handoff": headline.share_after, "candidates": headline.candidates,
            "handed_off": headline.handed_off, "given_back_hours": round(headline.given_back, 2),
            "text": headline.lines(),
        },
        "split": [
            {"week": w.label, "first_day": w.start, "strategic_hours": w.strategic_minutes / 60,
             "operational_hours": w.operational_minutes / 60, "strategic_share": w.share}
            for w in review.split
        ],
        "categories": [
            {"category": c.name, "kind": c.kind, "strategic_hours": c.strategic_minutes / 60,
             "operational_hours": c.operational_minutes / 60} for c in review.categories
        ],
        "lookback": {"first_day": review.lookback.first, "last_day": review.lookback.last,
                     "weeks": review.lookback.weeks, "weeks_worked": review.lookback.worked},
        "rules": review.rules._asdict(),
        "candidates": [_score_dict(t) for t in review.candidates],
        "to_rate": [_score_dict(t) for t in review.to_rate],
        "handed_off": [
            {"task": d.title, "handed_off_on": d.changed_on, "hours_per_week_before": d.hours_before,
             "hours_per_week_after": d.hours_after, "given_back_hours": d.given_back}
            for d in review.handed_off
        ],
    }


def _score_dict(t: TaskScore) -> dict[str, Any]:
    return {
        "task": t.title, "hours_per_week": round(t.hours_per_week, 3),
        "weeks_seen": t.weeks_seen, "weeks": t.weeks, "recurrence": t.recurrence,
        "checklist": t.checklist, "needed": t.needed, "status": t.status,
        "score": None if t.score is None else round(t.score, 3), "route": t.route,
        "reason": t.reason,
    }


def _dump(value: Any) -> None:
    import json

    json.dump(value, sys.stdout, ensure_ascii=False, indent=1, default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# -- tasks --------------------------------------------------------------------------------
def cmd_tasks(args: argparse.Namespace) -> int:
    service = open_service(args, readonly=True)
    lines = ReviewService(service).task_lines()
    if args.format == "json":
        _dump([
            {"task": line.usage.task.title,
             "kind": line.usage.task.kind, "entries": line.usage.uses,
             "hours": round(line.usage.total_minutes / 60, 2), "last_day": line.usage.last_day,
             "checklist": line.usage.task.checklist, "needed": line.usage.task.needed,
             "status": line.usage.task.handoff,
             "recent": _score_dict(line.score) if line.score else None}
            for line in lines
        ])
        return 0
    if not lines:
        print("No tasks yet. Log some work first: pm-workload add \"Weekly status deck 45m ops\"")
        return 0
    weeks = service.settings.get().handoff_weeks
    print(table(
        ["Task", "Kind", "Total", "Last day", "P", "Without it", "Status",
         f"h/wk ({weeks} completed wks)", "Back h/wk", "Route"],
        [[shorten(line.usage.task.title, 40),
          line.usage.task.kind.value if line.usage.task.kind else "",
          format_minutes(line.usage.total_minutes),
          line.usage.last_day.isoformat() if line.usage.last_day else "",
          str(line.usage.task.checklist or ""), _needed_text(line.usage.task.needed),
          line.usage.task.handoff.label,
          line.score.hours_text if line.score else "",
          line.score.score_text if line.score else "",
          line.score.route.label if line.score and line.score.route else ""]
         for line in lines],
        right=(2, 4, 7, 8),
    ))
    return 0


def _needed_text(needed: Needed | None) -> str:
    if needed is None:
        return ""
    return "nothing" if needed is Needed.NOTHING else "would suffer"


def cmd_tasks_set(args: argparse.Namespace) -> int:
    service = open_service(args)
    needed = {"yes": Needed.NEEDED, "no": Needed.NOTHING}.get(args.needed or "")
    if args.checklist is None and needed is None and args.status is None:
        task = service.tasks.get(args.title)  # an unknown title still exits 2
    else:
        task = service.tasks.set_judgement(args.title, checklist=args.checklist, needed=needed,
                                     handoff=args.status)
    print(f"{task.title}: checklist {task.checklist or '–'}/5 · without it: "
          f"{_needed_text(task.needed) or 'not answered'} · status {task.handoff.label}")
    reviews = ReviewService(service)
    lookback = reviews.lookback()
    score = next((s for s in reviews.scores_over(lookback) if s.task_id == task.id), None)
    if score is not None:
        print(f"Over {lookback.words}: {score.reason}")
    return 0
