"""`rules`: title rules that give new titles a kind and category (calendar, imports, quick-log)."""

from __future__ import annotations

import argparse

from app.cli.common import open_service, table
from app.display import shorten


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rules = commands.add_parser(
        "rules", parents=[common], help="title rules: a word or pattern -> kind, category",
        description="Rules classify titles nothing else classifies: calendar events, Toggl and "
        "Clockify rows, new titles typed in the quick-log line. They are tried in order; the "
        "first whose word (matched as a whole word, in any case) or --regex pattern is in the "
        "title gives its kind and category.",
        epilog='e.g. pm-workload rules add standup --kind operational --category "Delivery"\n'
               '     pm-workload rules add "QBR|roadmap" --regex --kind strategic\n'
               "     pm-workload rules remove 2",
    )
    rules.set_defaults(func=cmd_rules_list)
    actions = rules.add_subparsers(dest="action", metavar="ACTION")
    lst = actions.add_parser("list", parents=[common], help="list the rules in order (the default)")
    lst.set_defaults(func=cmd_rules_list)
    add = actions.add_parser("add", parents=[common], help="add a rule (last, or --at N)")
    add.add_argument("pattern", metavar="PATTERN", help="a word (or words) to find in titles")
    add.add_argument("--kind", required=True, choices=("strategic", "operational"))
    add.add_argument("--category", metavar="NAME", help="a category (a unique prefix will do)")
    add.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    add.add_argument("--at", type=int, metavar="N", help="put the rule at place N (1 = first)")
    add.set_defaults(func=cmd_rules_add)
    remove = actions.add_parser("remove", parents=[common], help="remove rule N (see rules list)")
    remove.add_argument("number", type=int, metavar="N")
    remove.set_defaults(func=cmd_rules_remove)


def cmd_rules_list(args: argparse.Namespace) -> int:
    found = open_service(args, readonly=True).rules.list()
    if not found:
        print("No rules yet. Add one with: pm-workload rules add standup --kind operational")
        return 0
    rows = [[str(r.number), shorten(r.pattern, 40), "regex" if r.is_regex else "word", r.kind.value,
             r.category or ""] for r in found]
    print(table(["N", "Pattern", "Type", "Kind", "Category"], rows, right=(0,)))
    return 0


def cmd_rules_add(args: argparse.Namespace) -> int:
    rule = open_service(args).rules.add(args.pattern, args.kind, args.category, regex=args.regex,
                                        number=args.at)
    print(f"Added rule {rule.number}: {rule}.")
    return 0


def cmd_rules_remove(args: argparse.Namespace) -> int:
    service = open_service(args)
    rule = service.rules.remove(service.rules.by_number(args.number).id)
    print(f"Removed rule {args.number}: {rule}.")
    return 0
