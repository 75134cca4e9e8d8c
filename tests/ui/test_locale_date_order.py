"""The window reads short dates (20/11) in the order of the desktop's locale, as Qt knows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from app import grammar
from ui.shell.application import locale_date_order, make_application


@pytest.mark.parametrize(("name", "order"), [("en_US", "mdy"), ("en_GB", "dmy"), ("de_DE", "dmy"),
                                             ("ja_JP", "mdy"), ("C", "dmy")])
def test_the_order_follows_the_locales_short_date(name, order):
    assert locale_date_order(QLocale(name)) == order


def test_the_application_tells_the_grammar_the_desktops_order(qapp, monkeypatch):
    monkeypatch.setattr(grammar, "_told_order", None)
    monkeypatch.setattr("ui.shell.application.locale_date_order", lambda: "mdy")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # the environment alone would say day first
    assert grammar.system_date_order() == "dmy"
    make_application()
    assert grammar.system_date_order() == "mdy"
    assert grammar.system_date_order({"LANG": "en_GB.UTF-8"}) == "dmy"  # asked about an env
