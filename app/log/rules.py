"""Title rules: "a title containing this word (or matching this pattern) is this kind, in this
category", in the PM's order; the first rule that matches decides.

The rules classify calendar events (app/exchange/calendar_import.py), Toggl/Clockify rows
(app/exchange/mapping.kind_finder) and new titles typed in the quick-log line
(EntryService.resolve), each after what the PM chose before for the same thing.

RuleService, reached as ``service.rules``, for the command line and the Settings editor:

    service.rules.list() -> [Rule]             # numbered 1, 2, … in order
    service.rules.add(pattern, kind, category=None, regex=False, number=None) -> Rule
    service.rules.update(rule_id, pattern=, kind=, category=, regex=) -> Rule
    service.rules.move(rule_id, number) -> [Rule]
    service.rules.remove(rule_id) -> Rule      # service.rules.by_number(n) finds the id
    service.rules.compiled().match(title) -> Rule | None   # service.rules.match(title) for one

Every write is one transaction and notifies Change.RULES.
A word rule matches the word (or words) as a whole, in any case: "sync" matches "Team sync"
and "SYNC-up", not "async". A regex rule is Python's ``re.search``, ignoring case; patterns
that could take exponential time (a quantified group holding a quantifier, back-references)
are refused, and titles are at most 200 characters, so matching stays linear in the title.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from app.changes import Change
from app.domain import Kind
from app.errors import NotFoundError, ValidationError
from app.validation import check_kind
from storage import calendar_queries

if TYPE_CHECKING:
    from app.core import Core
    from app.log.categories import CategoryService

MAX_PATTERN = 200

# A group followed by a quantifier that itself holds one: (a+)+, (\w*)*, (x{2,})+ …
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)\s*[*+{]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


class Rule(NamedTuple):
    """One rule as saved; ``number`` is its place in the order, from 1."""

    id: int
    number: int
    pattern: str
    is_regex: bool
    kind: Kind
    category_id: int | None
    category: str | None

    def __str__(self) -> str:
        shown = f"/{self.pattern}/" if self.is_regex else f"'{self.pattern}'"
        return f"{shown} → {self.kind.value}" + (f", {self.category}" if self.category else "")


class RuleSet:
    """Rules compiled once, to match many titles (one pass over the rules per title)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        self._compiled = [(compile_pattern(r.pattern, r.is_regex), r) for r in self.rules]

    def match(self, title: str) -> Rule | None:
        """Return the first rule whose pattern is in ``title``, or None."""
        for pattern, rule in self._compiled:
            if pattern.search(title):
                return rule
        return None

    def __bool__(self) -> bool:
        return bool(self.rules)


def compile_pattern(pattern: str, is_regex: bool) -> re.Pattern[str]:
    """Return the compiled pattern, or raise a ValidationError saying what is wrong with it."""
    text = pattern if is_regex else " ".join(pattern.split())
    if not text.strip():
        raise ValidationError("Give the rule a word or a pattern to look for in titles.", "pattern")
    if len(text) > MAX_PATTERN:
        raise ValidationError(
            f"The pattern is {len(text)} characters long; keep it to {MAX_PATTERN}.", "pattern")
    if not is_regex:
        # Whole words: no word character may touch the match on either side.
        body = re.escape(text).replace(r"\ ", r"\s+")
        return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    if _NESTED_QUANTIFIER.search(text) or _BACKREFERENCE.search(text):
        raise ValidationError(
            f"The pattern '{text}' repeats a group that itself repeats (or refers back), which can "
            "take very long to match; write it more simply, e.g. 'stand-?up' or 'sync|standup'.",
            "pattern")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as error:
        raise ValidationError(f"'{text}' is not a regular expression: {error}.", "pattern") from None


def _clean_pattern(pattern: str, regex: bool) -> str:
    text = (pattern or "").strip() if regex else " ".join((pattern or "").split())
    compile_pattern(text, regex)
    return text


class RuleService:
    """The PM's rules of one database, in the order they are tried; reached as ``service.rules``."""

    def __init__(self, core: Core, categories: CategoryService) -> None:
        self._core = core
        self._categories = categories

    # -- reading ------------------------------------------------------------------------------
    def list(self) -> list[Rule]:
        """Return every rule in order, numbered from 1."""
        return [Rule(row["id"], number, row["pattern"], bool(row["is_regex"]), Kind(row["kind"]),
                     row["category_id"], row["category"])
                for number, row in enumerate(calendar_queries.rules(self._core.store), start=1)]


    def compiled(self) -> RuleSet:
        """Return the rules compiled, to match titles with."""
        return RuleSet(self.list())


    def by_number(self, number: int) -> Rule:
        """Return the rule listed as ``number`` (NotFoundError naming the numbers there are)."""
        found = self.list()
        if not 1 <= number <= len(found):
            there = f"rules are numbered 1 to {len(found)}" if found else "there are no rules yet"
            raise NotFoundError(f"There is no rule {number}; {there} (see `rules list`).", "rule")
        return found[number - 1]


    def match(self, title: str) -> Rule | None:
        """Return the first rule that matches ``title``, or None."""
        return self.compiled().match(title)


    # -- writing ------------------------------------------------------------------------------
    def add(self, pattern: str, kind: Kind | str, category: str | None = None,
                 *, regex: bool = False, number: int | None = None) -> Rule:
        """Save a new rule, last or at place ``number``; return it as saved."""
        text = _clean_pattern(pattern, regex)
        kind = check_kind(kind)
        category_id = self._category_id(category)
        with self._core.store.transaction():
            count = len(calendar_queries.rules(self._core.store))
            position = count + 1 if number is None else max(1, min(number, count + 1))
            self._renumber()  # positions 1..n, so "place N" means what the list shows
            rule_id = calendar_queries.insert_rule(
                self._core.store, position, text, regex, kind.value, category_id)
        self._notify()
        return self._get(rule_id)


    def update(self, rule_id: int, *, pattern: str | None = None,
                    kind: Kind | str | None = None, category: str | None = None,
                    regex: bool | None = None) -> Rule:
        """Change a rule's pattern, kind, category (``""`` clears it) or type; return it as saved."""
        before = self._get(rule_id)
        is_regex = before.is_regex if regex is None else regex
        values: dict = {}
        if pattern is not None or regex is not None:
            values.update(pattern=_clean_pattern(before.pattern if pattern is None else pattern, is_regex),
                          is_regex=int(is_regex))
        if kind is not None:
            values["kind"] = check_kind(kind).value
        if category is not None:
            values["category_id"] = self._category_id(category)
        if values:
            with self._core.store.transaction():
                calendar_queries.update_rule(self._core.store, rule_id, values)
            self._notify()
        return self._get(rule_id)


    def move(self, rule_id: int, number: int) -> builtins.list[Rule]:  # list: the method above
        """Move a rule to place ``number`` (1 = first to be tried); return the rules in order."""
        with self._core.store.transaction():
            ids = [row["id"] for row in calendar_queries.rules(self._core.store)]
            if rule_id not in ids:
                raise NotFoundError("That rule no longer exists.", "rule")
            ids.remove(rule_id)
            ids.insert(max(0, min(number - 1, len(ids))), rule_id)
            calendar_queries.renumber_rules(self._core.store, ids)
        self._notify()
        return self.list()


    def remove(self, rule_id: int) -> Rule:
        """Delete a rule and return it as it was; the rules after it move up one place."""
        before = self._get(rule_id)
        with self._core.store.transaction():
            calendar_queries.delete_rule(self._core.store, rule_id)
            self._renumber()
        self._notify()
        return before


    def _get(self, rule_id: int) -> Rule:
        for rule in self.list():
            if rule.id == rule_id:
                return rule
        raise NotFoundError("That rule no longer exists.", "rule")


    def _renumber(self) -> None:
        calendar_queries.renumber_rules(
            self._core.store, [row["id"] for row in calendar_queries.rules(self._core.store)])


    def _category_id(self, text: str | None) -> int | None:
        """Return the id of the category ``text`` names (exactly or by a unique prefix), or None."""
        return self._categories.find(text).id if text and text.strip() else None


    def _notify(self) -> None:
        self._core.changes.notify(Change.RULES)
