"""Backups, restore and recovery of an unusable database."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from app import backup
from app.cli import run
from app.clock import FixedClock
from app.errors import ValidationError
from app.workload import WorkloadService
from storage import open_store
from storage.backups import list_backups, make_backup


def _log(service, line="Weekly status deck 45m ops #status"):
    return service.entries.log_line(line)


def test_a_backup_holds_what_was_saved_and_restore_brings_it_back(service):
    _log(service)
    taken = backup.backup_now(service)
    assert taken.parent.name == "backups"
    _log(service, "Sprint admin 30m ops #delivery")
    assert service.entries.count() == 2

    done = backup.restore(service, taken)

    assert service.entries.count() == 1
    # the file as it was before the restore is kept, with both entries
    conn = sqlite3.connect(done.previous)
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    conn.close()


def test_restore_tells_subscribers_everything_changed(service):
    _log(service)
    taken = backup.backup_now(service)
    seen = []
    service.changes.subscribe(seen.append)
    backup.restore(service, taken)
    assert {"entries", "tasks", "categories", "settings", "timer"} <= set(seen)


def test_only_the_newest_backups_are_kept(service):
    service.settings.update(backup_keep="3")
    _log(service)
    for _ in range(5):
        backup.backup_now(service)
    assert len(list_backups(service.store.path)) == 3


def test_the_daily_backup_is_taken_only_when_the_last_is_a_day_old(service):
    assert backup.auto_backup(service) is None  # an empty database is not worth a copy
    _log(service)
    first = backup.auto_backup(service)
    assert first is not None
    assert backup.auto_backup(service) is None
    # Due by the service's clock, whatever the date outside.
    assert backup.auto_backup(service, now=service.clock.now() + timedelta(hours=23)) is None
    service.clock.advance(days=1, minutes=1)
    assert backup.auto_backup(service) is not None


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(service, tmp_path):
    _log(service)
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    with pytest.raises(ValidationError, match="not a PM Workload database"):
        backup.restore(service, bogus)
    assert service.entries.count() == 1
    assert list_backups(service.store.path) == []


def test_a_backup_from_a_newer_version_is_refused(service, tmp_path):
    _log(service)
    newer = make_backup(service.store.conn, service.store.path, "x", service.clock.now())
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(ValidationError, match="newer version"):
        backup.restore(service, newer)
    assert service.entries.count() == 1


def test_an_unusable_database_is_set_aside_untouched_and_the_backup_restored(store, clock, data_dir):
    service = WorkloadService(store, clock)
    _log(service)
    taken = backup.backup_now(service)
    path = store.path
    store.close()
    path.write_bytes(b"garbage that is not SQLite")
    for side in ("-wal", "-shm"):
        (data_dir / f"pm-workload.db{side}").unlink(missing_ok=True)

    done = backup.restore_file(path, taken, clock.now())

    assert done.previous.read_bytes() == b"garbage that is not SQLite"
    with open_store(path) as reopened:
        assert WorkloadService(reopened, clock).entries.count() == 1


def test_cli_restore_asks_first_and_without_a_terminal_needs_yes(service, clock, data_dir, capsys):
    _log(service)
    backup.backup_now(service)
    _log(service, "Sprint admin 30m ops #delivery")
    service.store.close()

    # The command line stands on the service's day, so `list` shows this week's entries.
    assert run(["restore", "--data-dir", str(data_dir)], clock=clock) == 2
    assert "--yes" in capsys.readouterr().err
    assert run(["list", "--format", "csv", "--data-dir", str(data_dir)], clock=clock) == 0
    assert capsys.readouterr().out.count("\n") == 3  # header + the two entries: nothing restored

    assert run(["restore", "--yes", "--data-dir", str(data_dir)], clock=clock) == 0
    assert "before-restore" in capsys.readouterr().out
    run(["list", "--format", "csv", "--data-dir", str(data_dir)], clock=clock)
    assert capsys.readouterr().out.count("\n") == 2


def test_the_command_line_reads_the_clock_it_is_given(service, clock, data_dir, capsys):
    _log(service)
    service.store.close()
    later = FixedClock(datetime(2027, 3, 28, 12, 0))

    run(["backup", "--data-dir", str(data_dir)], clock=later)
    run(["add", "Roadmap review 1h s", "--data-dir", str(data_dir)], clock=later)
    capsys.readouterr()

    (taken,) = list_backups(data_dir / "pm-workload.db")
    assert taken.taken_at == later.now().astimezone(UTC)
    assert run(["list", "--format", "json", "--data-dir", str(data_dir)], clock=later) == 0
    (added,) = json.loads(capsys.readouterr().out)  # this week of the given clock: one entry
    assert added["date"] == "2027-03-28"
    conn = sqlite3.connect(data_dir / "pm-workload.db")
    stamps = conn.execute("SELECT created_at FROM entries WHERE id = ?", (added["id"],)).fetchone()
    conn.close()
    assert stamps == (later.stamp(),)


def test_cli_restore_with_no_backups_says_so(data_dir, capsys):
    assert run(["restore", "--yes", "--data-dir", str(data_dir)]) == 2
    assert "no backups" in capsys.readouterr().err
