"""The window and the command line on one database: what either reports saved is kept."""

from __future__ import annotations

import pytest

from tests.window_writer import WindowProcess, cli, titles_in


@pytest.mark.slow
def test_window_and_command_line_writers_lose_nothing_when_the_window_is_killed(tmp_path):
    data_dir = tmp_path / "data"
    window = WindowProcess(data_dir)
    cli_saved = []
    try:
        window.wait_ready()  # its start-up backup opened a second connection in its process
        for i in range(4):
            done = cli(data_dir, "add", f"Command line {i} 5m ops #status")
            assert done.returncode == 0, done.stderr
            cli_saved.append(f"Command line {i}")
            window.wait_saved(3)  # the window logs after the command line wrote
            window.check_files()
    finally:
        window.kill()
    titles, integrity = titles_in(data_dir / "pm-workload.db")
    assert len(window.saved) >= 12, window.stderr()  # the window really was logging
    assert set(cli_saved) - titles == set()
    assert set(window.saved) - titles == set()
    assert integrity == "ok"
    assert window.deleted == set()  # it never wrote into a -wal another process had removed
