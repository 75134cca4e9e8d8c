"""The tasks the quick-log line suggests: a task whose entries were all deleted is left out."""

from __future__ import annotations


def test_a_task_with_no_entries_left_is_no_suggestion(service):
    kept = service.entries.log_line("Weekly status deck 45m ops")
    gone = service.entries.log_line("One-off offsite planning 2h s")
    service.entries.delete(gone.id)

    assert [u.task.title for u in service.tasks.usage(logged_only=True)] == ["Weekly status deck"]
    assert [u.task.title for u in service.tasks.autocomplete("o")] == []
    assert [u.task.title for u in service.tasks.autocomplete("w")] == ["Weekly status deck"]
    # The task itself (and any judgement of it) is kept: the review still lists it.
    assert {u.task.title for u in service.tasks.usage()} == {
        "Weekly status deck", "One-off offsite planning"}
    assert kept.task_id in {u.task.id for u in service.tasks.usage(logged_only=True)}
