"""Logging a line whose #category doesn't exist yet: the category and the entry in one call,
one transaction (issue #16: no trip to Settings, and no half left on a failure)."""

from __future__ import annotations

import pytest

from app.domain import Kind
from app.errors import ValidationError


def _category(service, name):
    return next((c for c in service.categories.list() if c.name == name), None)


def test_the_category_gets_the_kind_asked_and_the_entry_it_too(service):
    entry = service.entries.log_line("Pricing study 1h #Pricing research", create_category=True,
                                     new_category_kind=Kind.STRATEGIC)
    category = _category(service, "Pricing research")
    assert category is not None and category.kind is Kind.STRATEGIC
    assert (entry.category, entry.kind) == ("Pricing research", Kind.STRATEGIC)


def test_the_lines_own_kind_stays_the_entrys(service):
    entry = service.entries.log_line("Vendor call 30m o #Vendors", create_category=True,
                                     new_category_kind=Kind.STRATEGIC)
    assert entry.kind is Kind.OPERATIONAL
    assert _category(service, "Vendors").kind is Kind.STRATEGIC


def test_a_refused_entry_leaves_no_category_behind(service):
    service.entries.log_line("Offsite 20h s")
    with pytest.raises(ValidationError, match="a day has 24 h"):
        service.entries.log_line("Offsite prep 5h #Offsites", create_category=True,
                                 new_category_kind=Kind.STRATEGIC)
    assert _category(service, "Offsites") is None
    assert service.entries.count() == 1


def test_without_a_kind_anywhere_the_line_is_still_refused(service):
    with pytest.raises(ValidationError, match="strategic or operational"):
        service.entries.log_line("Something 30m #Brand new", create_category=True)
    assert _category(service, "Brand new") is None
