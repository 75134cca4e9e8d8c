"""A bug on the command line: a plain message, exit 1, the details in the log."""

from __future__ import annotations

import app.cli.entries
from app.cli import run
from app.logs import log_file


def test_a_bug_is_reported_plainly_and_logged(monkeypatch, data_dir, capsys):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(app.cli.entries, "cmd_list", broken)
    assert run(["list", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "not your fault" in err and str(log_file()) in err
    assert "Traceback" not in err
    text = log_file().read_text()
    assert "RuntimeError: boom" in text and "Traceback" in text


def test_user_errors_do_not_go_to_the_log(data_dir, capsys):
    assert run(["add", "Secret project 0m", "--data-dir", str(data_dir)]) == 2
    assert not log_file().exists()
