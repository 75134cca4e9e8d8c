"""A saved entry survives the process being killed at any moment."""

from __future__ import annotations

import pytest

from tests.crash_loop import crash_loop


@pytest.mark.slow
def test_entries_reported_saved_survive_sigkill(tmp_path):
    result = crash_loop(tmp_path / "pm-workload.db", kills=20, seed=5, max_delay=0.2)
    assert result.reported > 20  # the writer really was writing when killed
    assert result.missing == 0
    assert result.found == result.reported
    assert result.integrity_ok == result.kills
