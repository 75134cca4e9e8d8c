"""WorkloadService: logging, editing, undo, categories, settings, tasks — and refusals before writes."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.changes import Change
from app.domain import EntryDraft, HandoffStatus, Kind, Needed
from app.errors import NotFoundError, ValidationError
from app.workload import WorkloadService
from tests.helpers import snapshot

STRAT, OPS = Kind.STRATEGIC, Kind.OPERATIONAL
TODAY = date(2026, 11, 24)


@pytest.fixture
def changes(service):
    seen: list[str] = []
    service.changes.subscribe(seen.append)
    return seen


@pytest.fixture
def unchanged(service):
    """Assert at the end of the test that the database holds what it held at its start."""
    before = snapshot(service.store.path)
    yield
    assert snapshot(service.store.path) == before


# -- logging ---------------------------------------------------------------------------------
def test_log_a_line_saves_everything_it_says(service, changes):
    entry = service.entries.log_line("Customer interview with Acme 1h30 strategic #discovery yesterday 14:00",
                             note="asked about SSO")
    assert entry.title == "Customer interview with Acme"
    assert (entry.minutes, entry.kind, entry.category) == (90, STRAT, "Customer discovery & interviews")
    assert (entry.day, entry.start, entry.note) == (date(2026, 11, 23), time(14, 0), "asked about SSO")
    assert changes == [Change.ENTRIES]
    assert service.entries.get(entry.id) == entry


def test_day_defaults_to_today(service):
    assert service.entries.log_line("Weekly status deck 45m ops #status").day == TODAY


def test_kind_and_category_come_from_the_tasks_history(service):
    service.entries.log_line("Weekly status deck 45m ops #status")
    again = service.entries.log_line("weekly  STATUS deck 50m")
    assert (again.kind, again.category) == (OPS, "Status reports & decks")
    assert again.task_id == service.tasks.get("Weekly status deck").id
    assert len(service.tasks.usage()) == 1


def test_the_latest_entry_of_a_task_wins_over_older_ones(service):
    service.entries.log_line("Pricing review 30m ops #tool")
    service.entries.log_line("Pricing review 30m strat #prioritisation")
    latest = service.entries.log_line("Pricing review 20m")
    assert (latest.kind, latest.category) == (STRAT, "Prioritisation & trade-offs")


def test_kind_comes_from_the_categorys_default_for_a_new_task(service):
    assert service.entries.log_line("Competitor teardown 1h #market").kind == STRAT
    assert service.entries.log_line("Jira cleanup 20m #tool").kind == OPS


def test_an_explicit_kind_beats_the_category_default(service):
    entry = service.entries.log_line("Dashboard for the exec review 1h strategic #data pulls")
    assert (entry.kind, entry.category) == (STRAT, "Data pulls & dashboards")


def test_log_a_draft_without_category(service):
    entry = service.entries.log(EntryDraft("Think", 25, STRAT))
    assert entry.category is None and entry.category_id is None


def test_create_a_category_only_when_asked(service):
    with pytest.raises(NotFoundError):
        service.entries.log(EntryDraft("Budget", 30, OPS, "Budget planning"))
    entry = service.entries.log(EntryDraft("Budget", 30, OPS, "Budget planning"), create_category=True)
    assert entry.category == "Budget planning"
    assert service.categories.find("budget").kind == OPS
    via_line = service.entries.log_line("Offsite 30m s #Offsite planning", create_category=True)
    assert via_line.category == "Offsite planning"


@pytest.mark.parametrize(("draft", "field"), [
    (EntryDraft("", 30, STRAT), "title"),
    (EntryDraft("   ", 30, STRAT), "title"),
    (EntryDraft("t" * 201, 30, STRAT), "title"),
    (EntryDraft("Deck", None, STRAT), "minutes"),
    (EntryDraft("Deck", 0, STRAT), "minutes"),
    (EntryDraft("Deck", 1441, STRAT), "minutes"),
    (EntryDraft("Deck", 30, None), "kind"),
    (EntryDraft("Deck", 30, STRAT, "No such category"), "category"),
    (EntryDraft("Deck", 30, STRAT, "s"), "category"),  # ambiguous
    (EntryDraft("Deck", 30, STRAT, None, date(2026, 11, 26)), "day"),
    (EntryDraft("Deck", 30, STRAT, None, None, None, "n" * 10_001), "note"),
])
def test_bad_drafts_are_refused_and_nothing_is_written(service, changes, unchanged, draft, field):
    with pytest.raises(ValidationError) as raised:
        service.entries.log(draft)
    assert raised.value.field == field
    assert str(raised.value)
    assert changes == []


@pytest.mark.parametrize("line", [
    "", "45m", "Deck", "Deck 45m", "Deck 0m ops", "Deck 45m ops #nosuch", "Deck 45m ops 2030-01-01",
    "Deck 25:00 45m ops", "Deck 45m ops #s",
])
def test_bad_lines_are_refused_and_nothing_is_written(service, unchanged, line):
    with pytest.raises(ValidationError):
        service.entries.log_line(line)


def test_a_new_category_with_a_bad_entry_is_not_created(service, unchanged):
    with pytest.raises(ValidationError):
        service.entries.log(EntryDraft("Budget", 0, OPS, "Budget planning"), create_category=True)


def test_a_line_with_a_bad_note_is_refused(service, unchanged):
    with pytest.raises(ValidationError) as raised:
        service.entries.log_line("Deck 45m ops", note="n" * 10_001)
    assert raised.value.field == "note"


# -- reading -------------------------------------------------------------------------------
def test_entries_in_a_range_in_time_order(service):
    service.entries.log_line("Late 30m s 2026-11-20 16:00")
    service.entries.log_line("No start 30m s 2026-11-20")
    service.entries.log_line("Early 30m s 2026-11-20 09:00")
    service.entries.log_line("Before 30m o 2026-11-19")
    service.entries.log_line("After 30m o 2026-11-21")
    entries = service.entries.between(date(2026, 11, 20), date(2026, 11, 20))
    assert [e.title for e in entries] == ["Early", "Late", "No start"]
    assert len(service.entries.between(date(2026, 11, 19), date(2026, 11, 21))) == 5
    totals = service.entries.minutes_by_kind(date(2026, 11, 19), date(2026, 11, 21))
    assert totals == {STRAT: 90, OPS: 60}
    assert service.entries.minutes_by_kind(date(2020, 1, 1), date(2020, 1, 7)) == {STRAT: 0, OPS: 0}


def test_entry_that_does_not_exist(service):
    with pytest.raises(NotFoundError):
        service.entries.get(12345)


# -- edit, delete, undo ----------------------------------------------------------------------
def test_edit_returns_before_and_after_and_restore_undoes_it(service, changes):
    entry = service.entries.log_line("Weekly status deck 45m ops #status")
    before, after = service.entries.edit(entry.id, minutes=60, kind="strategic", category="roadmap",
                                 day=date(2026, 11, 23), start=time(9, 5), note="v2")
    assert before == entry
    assert (after.minutes, after.kind, after.category) == (60, STRAT, "Vision, strategy & roadmap")
    assert (after.day, after.start, after.note) == (date(2026, 11, 23), time(9, 5), "v2")
    assert after.created_at == entry.created_at
    service.entries.restore([before])
    assert service.entries.get(entry.id) == entry
    assert changes == [Change.ENTRIES, Change.ENTRIES, Change.ENTRIES]


def test_edit_the_title_moves_the_entry_to_another_task(service):
    deck = service.entries.log_line("Weekly status deck 45m ops #status")
    other = service.entries.log_line("Leadership update 30m ops #status")
    _, after = service.entries.edit(deck.id, title="leadership   UPDATE")
    assert after.task_id == other.task_id and after.title == "Leadership update"
    _, renamed = service.entries.edit(deck.id, title="Brand new task")
    assert renamed.title == "Brand new task" and renamed.kind == OPS
    assert service.tasks.get("Brand new task").category_id == deck.category_id


def test_edit_clears_category_and_start(service):
    entry = service.entries.log_line("Deck 45m ops #status 09:00")
    _, after = service.entries.edit(entry.id, category="", start=None)
    assert after.category is None and after.start is None


@pytest.mark.parametrize("change", [
    {"title": ""}, {"minutes": 0}, {"minutes": 2000}, {"kind": "both"}, {"category": "nosuch"},
    {"day": date(2027, 1, 1)}, {"note": "n" * 10_001},
])
def test_bad_edits_change_nothing(service, change):
    entry = service.entries.log_line("Deck 45m ops #status")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError):
        service.entries.edit(entry.id, **change)
    assert snapshot(service.store.path) == before


def test_edit_refuses_an_unknown_field(service):
    entry = service.entries.log_line("Deck 45m ops")
    with pytest.raises(ValueError, match="colour"):
        service.entries.edit(entry.id, colour="red")


def test_delete_returns_what_restore_needs(service):
    kept = service.entries.log_line("Keep 30m s")
    entry = service.entries.log_line("Deck 45m ops #status 09:00", note="draft")
    deleted = service.entries.delete(entry.id)
    assert deleted == entry
    assert [e.id for e in service.entries.between(TODAY, TODAY)] == [kept.id]
    service.entries.restore([deleted])
    assert service.entries.get(entry.id) == entry


def test_delete_many_and_restore_them(service):
    ids = [service.entries.log_line(f"Task {i} 30m s").id for i in range(3)]
    deleted = service.entries.delete_many(ids[:2])
    assert [e.id for e in deleted] == ids[:2]
    assert service.entries.count() == 1
    service.entries.restore(deleted)
    assert [e.id for e in service.entries.between(TODAY, TODAY)] == ids


def test_delete_something_already_gone(service, unchanged):
    with pytest.raises(NotFoundError):
        service.entries.delete(999)


# -- autocomplete -----------------------------------------------------------------------------
def test_autocomplete_most_used_first_prefix_then_words(service):
    for _ in range(3):
        service.entries.log_line("Weekly status deck 45m ops #status")
    service.entries.log_line("Status page update 20m ops #tool")
    for _ in range(2):
        service.entries.log_line("Statistics review 30m s #outcomes")
    service.entries.log_line("Leadership status update 30m ops #status")
    titles = [u.task.title for u in service.tasks.autocomplete("stat")]
    # Titles that start with it come first, each group by use; then titles with a word starting so.
    assert titles == ["Statistics review", "Status page update", "Weekly status deck",
                      "Leadership status update"]
    assert [u.task.title for u in service.tasks.autocomplete("st de")] == ["Weekly status deck"]
    assert [u.task.title for u in service.tasks.autocomplete("WEEKLY")] == ["Weekly status deck"]
    assert service.tasks.autocomplete("   ") == []
    assert service.tasks.autocomplete("zzz") == []
    assert len(service.tasks.autocomplete("s", limit=2)) == 2
    usage = {u.task.title: u for u in service.tasks.usage()}
    assert (usage["Weekly status deck"].uses, usage["Weekly status deck"].total_minutes) == (3, 135)
    assert usage["Weekly status deck"].last_day == TODAY


# -- categories ---------------------------------------------------------------------------------
def test_add_a_category(service, changes):
    added = service.categories.add("  Budget   planning ", "o")
    assert (added.name, added.kind, added.archived) == ("Budget planning", OPS, False)
    assert service.categories.list()[-1] == added
    assert len(service.categories.list()) == 16
    assert changes == [Change.CATEGORIES]


@pytest.mark.parametrize(("name", "kind"), [
    ("", "s"), ("c" * 81, "s"), ("Tool admin", "o"), ("tool  ADMIN", "s"), ("Budget", "x"),
    ("Budget #2026", "s"),
])
def test_bad_categories_are_refused(service, unchanged, name, kind):
    with pytest.raises(ValidationError):
        service.categories.add(name, kind)


def test_rename_a_category_keeps_its_entries(service):
    entry = service.entries.log_line("Deck 45m #status")
    status = service.categories.find("status reports")
    renamed = service.categories.update(status.id, name="Status updates & decks")
    assert renamed.id == status.id
    assert service.entries.get(entry.id).category == "Status updates & decks"
    assert service.entries.log_line("Deck 30m #status upd").category_id == status.id


def test_rename_a_category_onto_another_is_refused(service, unchanged):
    status = service.categories.find("status reports")
    with pytest.raises(ValidationError, match="already"):
        service.categories.update(status.id, name="tool admin")


def test_rename_a_category_refuses_a_hash_word_as_add_does(service, unchanged):
    status = service.categories.find("status reports")
    with pytest.raises(ValidationError):
        service.categories.update(status.id, name="Status #decks")


def test_archive_a_category(service):
    entry = service.entries.log_line("Tool tidy 20m #tool admin")
    tool = service.categories.find("tool admin")
    archived = service.categories.update(tool.id, archived=True)
    assert archived.archived
    assert tool not in service.categories.list()
    assert archived in service.categories.list(include_archived=True)
    assert service.entries.get(entry.id).category == "Tool admin"  # history keeps its name
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="archived"):
        service.entries.log_line("Tool tidy 20m #tool admin")
    with pytest.raises(ValidationError, match="archived"):
        service.entries.log(EntryDraft("Tool tidy", 20, OPS, "Tool admin"))
    assert snapshot(service.store.path) == before
    # Without a category the task's history still points at the archived one.
    service.categories.update(tool.id, archived=False)
    assert service.entries.log_line("Tool tidy 20m #tool").category == "Tool admin"


def test_change_a_categorys_kind(service):
    tool = service.categories.find("tool")
    assert service.categories.update(tool.id, kind="strategic").kind == STRAT
    with pytest.raises(ValidationError):
        service.categories.update(tool.id, kind="maybe")
    with pytest.raises(NotFoundError):
        service.categories.update(9999, name="x")


def test_find_category(service):
    assert service.categories.find("Discovery").name == "Customer discovery & interviews"
    with pytest.raises(ValidationError, match="more than one"):
        service.categories.find("re")
    with pytest.raises(NotFoundError):
        service.categories.find("nope")


# -- settings ---------------------------------------------------------------------------------------
def test_settings_have_defaults_and_are_stored(service, store, clock, changes):
    settings = service.settings.get()
    assert (settings.strategic_target, settings.week_start, settings.reminder_time) == (50, 0, time(17))
    updated = service.settings.update(strategic_target="60", week_start="sun", reminder_time="off",
                                      working_days="mon, tue, wed")
    assert (updated.strategic_target, updated.week_start, updated.reminder_time) == (60, 6, None)
    assert updated.working_days == (0, 1, 2)
    assert changes == [Change.SETTINGS]
    from app.workload import WorkloadService

    assert WorkloadService(store, clock).settings.get() == updated


@pytest.mark.parametrize("change", [
    {"strategic_target": "101"}, {"strategic_target": "lots"}, {"week_start": "someday"},
    {"reminder_time": "25:00"}, {"working_days": ""}, {"no_such_setting": "1"},
    {"usual_hours": "0"}, {"handoff_min_checklist": "6"},
])
def test_bad_settings_are_refused_all_or_nothing(service, unchanged, change):
    with pytest.raises(ValidationError):
        service.settings.update(**{"handoff_weeks": "8", **change})
    assert service.settings.get().handoff_weeks == 4


def test_a_damaged_stored_setting_falls_back_to_its_default(service, store, clock):
    with store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('strategic_target', 'garbage')")
    service.refresh()
    assert service.settings.get().strategic_target == 50


# -- tasks and their judgement ------------------------------------------------------------------------
def test_set_judgement(service, changes):
    service.entries.log_line("Weekly status deck 45m ops #status")
    task = service.tasks.set_judgement("weekly status deck", checklist=4, needed="needed",
                                 handoff="candidate", note="could be a template")
    assert (task.checklist, task.needed, task.handoff, task.note) == (
        4, Needed.NEEDED, HandoffStatus.CANDIDATE, "could be a template")
    changed_on = service.store.scalar("SELECT handoff_changed_on FROM tasks WHERE id = ?", (task.id,))
    assert changed_on == TODAY.isoformat()
    assert changes == [Change.ENTRIES, Change.TASKS]
    assert service.entries.log_line("Weekly status deck 45m").handoff == HandoffStatus.CANDIDATE


@pytest.mark.parametrize("judgement", [
    {"checklist": 0}, {"checklist": 6}, {"checklist": True}, {"checklist": 2.5},
    {"needed": "maybe"}, {"handoff": "later"}, {"note": "n" * 10_001},
    {"checklist": 3, "handoff": "later"},
])
def test_bad_judgements_change_nothing(service, judgement):
    service.entries.log_line("Weekly status deck 45m ops #status")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError):
        service.tasks.set_judgement("Weekly status deck", **judgement)
    assert snapshot(service.store.path) == before


def test_judge_a_task_that_does_not_exist(service):
    with pytest.raises(NotFoundError):
        service.tasks.set_judgement("Nothing like it", checklist=3)


def test_rename_a_task_keeps_entries_and_judgement(service):
    entry = service.entries.log_line("Weekly status deck 45m ops #status")
    service.tasks.set_judgement("Weekly status deck", checklist=5)
    renamed = service.tasks.rename("Weekly status deck", "  Weekly   status report ")
    assert (renamed.title, renamed.checklist) == ("Weekly status report", 5)
    assert service.entries.get(entry.id).title == "Weekly status report"
    with pytest.raises(NotFoundError):
        service.tasks.get("Weekly status deck")
    renamed = service.tasks.rename("weekly status report", "WEEKLY status report")
    assert renamed.title == "WEEKLY status report"


def test_rename_a_task_onto_another_or_to_nothing_is_refused(service):
    service.entries.log_line("Deck 45m ops")
    service.entries.log_line("Report 45m ops")
    before = snapshot(service.store.path)
    with pytest.raises(ValidationError, match="already"):
        service.tasks.rename("Deck", "report")
    with pytest.raises(ValidationError):
        service.tasks.rename("Deck", "  ")
    assert snapshot(service.store.path) == before


def test_commits_of_another_program_are_noticed(service):
    from storage import open_store

    seen: list[str] = []
    service.changes.subscribe(seen.append)
    assert service.check_for_changes_elsewhere() is False
    service.entries.log_line("Own entry 30m ops")  # our own commit is not "elsewhere"
    seen.clear()
    assert service.check_for_changes_elsewhere() is False

    other = WorkloadService(open_store(service.store.path), service.clock)
    other.entries.log_line("From the command line 15m ops")
    other.store.close()

    assert service.check_for_changes_elsewhere() is True
    assert "entries" in seen
    assert service.check_for_changes_elsewhere() is False


def test_edit_many_is_one_transaction_and_one_notification_all_or_nothing(service):
    first = service.entries.log_line("Weekly status deck 45m ops #status mon")
    second = service.entries.log_line("Roadmap review 1h strat #roadmap mon")
    heard: list[str] = []
    service.changes.subscribe(heard.append)
    statements: list[str] = []
    service.store.conn.set_trace_callback(statements.append)
    done = service.entries.edit_many([(first.id, {"kind": "strategic"}), (second.id, {"minutes": 30})])
    service.store.conn.set_trace_callback(None)
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == ["BEGIN IMMEDIATE", "COMMIT"]
    assert heard == ["entries"]
    assert [(after.kind.value, after.minutes) for _, after in done] == [("strategic", 45), ("strategic", 30)]
    # A change refused for one entry (a day over 24 hours) leaves every entry as it was.
    with pytest.raises(ValidationError, match="24 h"):
        service.entries.edit_many([(first.id, {"minutes": 60}), (second.id, {"minutes": 1440})])
    assert [e.minutes for e in service.entries.between(first.day, first.day)] == [45, 30]
