"""The project/tag mapping of a Toggl Track or Clockify import: which kind (and category) a
row gets, remembered in the settings table (as JSON) for the next import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from app.domain import Kind
from app.errors import ValidationError
from app.log.quickadd import match_categories
from app.validation import check_kind, clean_category_name
from storage import csv_queries, queries
from storage.schema import normalise_key

if TYPE_CHECKING:
    from app.workload import WorkloadService

# The settings key under which the last project/tag mapping is remembered (JSON).
MAPPING_KEY = "csv_import_mapping"


class KindRule(NamedTuple):
    """What a Toggl/Clockify project or tag stands for: a kind, and maybe a category."""

    kind: Kind
    category: str | None = None

    def __str__(self) -> str:
        return self.kind.value + (f":{self.category}" if self.category else "")


class ImportMapping(NamedTuple):
    """Kinds and categories for projects and tags (by name), and the kind for the rest."""

    # Read-only: a NamedTuple's default is one object shared by every instance.
    rules: Mapping[str, KindRule] = MappingProxyType({})
    default_kind: Kind | None = None

    def rule_for(self, name: str) -> KindRule | None:
        """Return the rule for a project or tag (names compared trimmed and case-folded)."""
        key = normalise_key(name)
        return next((rule for found, rule in self.rules.items() if normalise_key(found) == key), None)

    def without(self, names: Iterable[str]) -> ImportMapping:
        """Return this mapping without the rules for ``names`` (compared as ``rule_for`` does)."""
        keys = {normalise_key(name) for name in names}
        return ImportMapping({k: v for k, v in self.rules.items() if normalise_key(k) not in keys},
                             self.default_kind)

    def merged(self, other: ImportMapping) -> ImportMapping:
        """Return this mapping with ``other``'s rules and default kind taking precedence."""
        rules = {k: v for k, v in self.rules.items()
                 if normalise_key(k) not in {normalise_key(o) for o in other.rules}}
        return ImportMapping({**rules, **other.rules}, other.default_kind or self.default_kind)


def parse_rule(text: str) -> tuple[str, KindRule]:
    """Return (project or tag, rule) from "PROJECT_OR_TAG=KIND[:CATEGORY]"."""
    for at, char in enumerate(text):
        if char != "=":
            continue
        name, value = " ".join(text[:at].split()), text[at + 1:]
        kind_text, _, category = value.partition(":")
        try:
            kind = check_kind(kind_text)
        except ValidationError:
            continue  # the '=' may belong to the name
        if not name:
            break
        return name, KindRule(kind, clean_category_name(category) if category.strip() else None)
    raise ValidationError(
        f"'{text}' is not a mapping; write it like \"Acme=strategic\" or "
        "\"Support=operational:Feedback triage\".", "map")


def load_mapping(service: WorkloadService) -> ImportMapping:
    """Return the mapping remembered from the last import (empty if none or unreadable)."""
    text = queries.settings(service.store).get(MAPPING_KEY)
    if not text:
        return ImportMapping()
    try:
        stored = json.loads(text)
        rules = {name: KindRule(Kind(value["kind"]), value.get("category"))
                 for name, value in stored.get("rules", {}).items()}
        default = stored.get("default_kind")
        return ImportMapping(rules, Kind(default) if default else None)
    except (ValueError, TypeError, AttributeError, KeyError):
        return ImportMapping()  # a damaged value is forgotten rather than blocking imports


def mapping_json(mapping: ImportMapping) -> str:
    return json.dumps({
        "rules": {name: {"kind": r.kind.value, "category": r.category}
                  for name, r in sorted(mapping.rules.items())},
        "default_kind": mapping.default_kind.value if mapping.default_kind else None,
    }, ensure_ascii=False)


def kind_finder(service: WorkloadService, mapping: ImportMapping):
    """Return the function giving a Toggl/Clockify row's (kind, category), or None if unknown."""
    rules = {normalise_key(name): KindRule(rule.kind, _category_name(service, rule.category))
             for name, rule in mapping.rules.items()}
    tasks = csv_queries.task_defaults(service.store)
    default = mapping.default_kind

    title_rules = service.rules.compiled()

    def find(labels: tuple[str, ...], title: str) -> tuple[Kind, str | None] | None:
        for label in labels:
            rule = rules.get(normalise_key(label)) if label else None
            if rule is not None:
                return rule.kind, rule.category
        kind, category = tasks.get(normalise_key(title), (None, None))
        if kind:
            return Kind(kind), category
        title_rule = title_rules.match(title)
        if title_rule is not None:
            return title_rule.kind, title_rule.category
        return (default, None) if default else None

    return find


def _category_name(service: WorkloadService, text: str | None) -> str | None:
    """Return the category a mapping names: exactly, by a unique prefix, or a new one."""
    if not text:
        return None
    for category in service.categories.list(include_archived=True):
        if normalise_key(category.name) == normalise_key(text):
            return category.name
    found = match_categories(text, [c.name for c in service.categories.list()])
    if len(found) > 1:
        raise ValidationError(
            f"The mapping's category '{text}' matches more than one category "
            f"({', '.join(sorted(found)[:5])}); type more of the name.", "map")
    return found[0] if found else text
