"""`team report`: several PMs' summaries read together, for a head of product's hand-off case."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.common import open_service, table
from app.display import percent
from app.exchange.team import SURVEY_WISH, TeamReport
from app.review.analysis import SURVEY_BASELINE


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    team = commands.add_parser(
        "team", parents=[common], help="the team report over several PMs' summaries",
        description="Read several PMs' summaries (pm-workload export --summary) together.",
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    report = actions.add_parser(
        "report", parents=[common], help="per PM, per category and the team: reclaimable hours",
        description="Over the completed weeks of the look-back: each PM's strategic share and "
        "reclaimable hours a week (as their own report shows), the team's pooled share against "
        "the target and the survey's 27 % / 51 %, the operational categories ranked by "
        "reclaimable hours and how many PMs they touch, the total in FTE (setting fte_hours), "
        "and a paragraph to paste into a proposal. Files that cannot be counted are named and "
        "left out (exit 2); the others still count.",
        epilog="e.g. pm-workload team report anna.csv ben.csv chloe.csv\n"
               "     pm-workload team report summaries/ --week 2026-W48 --weeks 8\n"
               "     pm-workload team report summaries/ --format json --pdf team.pdf",
    )
    report.add_argument("file", nargs="+", metavar="FILE",
                        help="a summary CSV, or a folder of them")
    report.add_argument("--week", metavar="YYYY-Www",
                        help="the last week of the look-back (default: last week)")
    report.add_argument("--weeks", type=_weeks, metavar="N",
                        help="how many completed weeks to look back (default: the hand-off "
                        "look-back setting)")
    report.add_argument("--format", choices=("table", "json"), default="table")
    report.add_argument("--pdf", metavar="OUT", help="also write the report with charts as PDF")
    report.set_defaults(func=cmd_team_report)


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not 1 <= value <= 52:
        raise argparse.ArgumentTypeError("--weeks must be from 1 to 52")
    return value


def cmd_team_report(args: argparse.Namespace) -> int:
    from app.exchange.team import lookback_of, team_report
    from app.review.analysis import HandoffRules
    from app.weeks import parse_week, week_start

    service = open_service(args, readonly=True)
    settings = service.settings.get()
    this_week = week_start(service.clock.today(), settings.week_start)
    week = parse_week(args.week, settings.week_start) if args.week else this_week
    lookback = lookback_of(week, this_week, args.weeks or settings.handoff_weeks)
    report = team_report(args.file, lookback, HandoffRules.from_settings(settings),
                         settings.strategic_target, settings.fte_hours)
    for left in report.left_out:
        print(f"pm-workload: left out: {left.reason}", file=sys.stderr)
    if not report.pms:
        print("pm-workload: no summary could be counted.", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(report_as_dict(report), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(report_text(report))
    if args.pdf:
        from app.exchange.team_plots import write_team_pdf

        write_team_pdf(report, args.pdf)
        if args.format != "json":
            print(f"\nWrote {args.pdf}.")
    return 2 if report.left_out else 0


def _h(value: float | None) -> str:
    return "missing" if value is None else f"{value:.1f}"


def report_text(report: TeamReport) -> str:
    """Return the team report as the plain text `pm-workload team report` prints."""
    count = len(report.pms)
    out = [f"Team report: {count} PM{'' if count == 1 else 's'}, {report.lookback.words}", ""]
    out.append(table(
        ["PM", "Strategic", "Hours", "Weeks", "Reclaimable h/wk"],
        [[p.label, percent(p.share), f"{p.hours:.1f}", str(p.weeks_with_data), _h(p.reclaimable)]
         for p in report.pms], right=(1, 2, 3, 4)))
    spread = report.spread
    out += ["", f"Team strategic share: {percent(report.share)} (target {report.target} %; "
            f"survey: PMs report {SURVEY_BASELINE} %, want {SURVEY_WISH} %); median "
            f"{percent(report.median_share)}, from {percent(spread[0] if spread else None)} to "
            f"{percent(spread[1] if spread else None)}"]
    out += ["", "Operational categories (hours a week across the team):"]
    out.append(table(
        ["Category", "Operational h/wk", "Reclaimable h/wk", "PMs"],
        [[c.name, f"{c.operational:.1f}", f"{c.reclaimable:.1f}",
          f"{c.pms} of {c.logged_by}"] for c in report.categories], right=(1, 2, 3)))
    out += ["", f"Reclaimable: {report.reclaimable:.1f} h a week = {report.fte:.2f} FTE "
            f"(at {report.fte_hours:g} h a week); strategic share {percent(report.share)} -> "
            f"{percent(report.share_after)} if handed off"]
    out += ["", report.paragraph()]
    if report.left_out:
        out += ["", "Left out:"] + [f"  {left.reason}" for left in report.left_out]
    return "\n".join(out)


def report_as_dict(report: TeamReport) -> dict[str, Any]:
    """Return the team report as plain JSON values."""
    return {
        "lookback": {"first": report.lookback.first.isoformat(),
                     "last": report.lookback.last.isoformat(), "weeks": report.lookback.weeks},
        "pms": [{"label": p.label, "file": p.file, "strategic_share": p.share,
                 "hours": round(p.hours, 2), "weeks_with_data": p.weeks_with_data,
                 "reclaimable_hours_per_week": p.reclaimable, "candidates": p.candidates}
                for p in report.pms],
        "team": {"strategic_share": report.share, "target": report.target / 100,
                 "survey_reported": SURVEY_BASELINE / 100, "survey_wanted": SURVEY_WISH / 100,
                 "median_share": report.median_share,
                 "spread": list(report.spread) if report.spread else None,
                 "reclaimable_hours_per_week": report.reclaimable, "fte": report.fte,
                 "fte_hours": report.fte_hours, "share_after": report.share_after},
        "categories": [{"name": c.name, "operational_hours_per_week": c.operational,
                        "reclaimable_hours_per_week": c.reclaimable, "pms": c.pms,
                        "logged_by": c.logged_by} for c in report.categories],
        "paragraph": report.paragraph(),
        "left_out": [{"file": left.file, "reason": left.reason} for left in report.left_out],
        "missing_tasks": report.missing_tasks,
    }
