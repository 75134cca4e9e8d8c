"""Shared fixtures: every test gets its own data dir, config dir and a fresh database."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

# Before any Qt import: no display is needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.clock import FixedClock  # noqa: E402
from app.workload import WorkloadService  # noqa: E402
from storage import open_store  # noqa: E402

# A Tuesday, mid-morning: most tests stand here.
TODAY = datetime(2026, 11, 24, 10, 30)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Point every place the app could write (data, config, logs) at a temp dir."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("PM_WORKLOAD_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PM_WORKLOAD_LOG_DIR", str(home / "log"))
    monkeypatch.setenv("HOME", str(home))


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    return path


@pytest.fixture
def store(data_dir):
    db = open_store(data_dir / "pm-workload.db")
    yield db
    db.close()


@pytest.fixture
def clock():
    return FixedClock(TODAY)


@pytest.fixture
def service(store, clock):
    return WorkloadService(store, clock)


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
