"""Fixtures shared by the app tests."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def berlin(monkeypatch):
    """Run the test in Europe/Berlin (DST starts Sun 2026-03-29, ends Sun 2026-10-25)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
