"""The first-run hint and the separate demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.workload import WorkloadService
from storage import open_store
from ui.log.first_run import EXAMPLE, FirstRunHint, create_demo_database, remove_demo_database


@pytest.fixture
def hint(qtbot):
    widget = FirstRunHint()
    qtbot.addWidget(widget)
    return widget


def test_the_hint_says_how_to_log(hint):
    text = hint.how.text()
    assert EXAMPLE == "Weekly status deck 45m ops #status"
    assert f"Type what you did and how long: <code style='font-size: large'><b>{EXAMPLE}</b>" in text
    assert "<b>Enter</b> saves" in text


def test_the_example_parses_as_the_hint_says(service):
    parsed = service.entries.parse(EXAMPLE)
    assert (parsed.title, parsed.minutes, parsed.kind.value, parsed.category) == \
        ("Weekly status deck", 45, "operational", "Status reports & decks")


def test_demo_button_asks_for_demo_data(qtbot, hint):
    with qtbot.waitSignal(hint.demoRequested):
        qtbot.mouseClick(hint.demo_button, Qt.MouseButton.LeftButton)


def test_try_this_line_offers_the_example(qtbot, hint):
    with qtbot.waitSignal(hint.exampleRequested) as offered:
        hint.how.linkActivated.emit("example")
    assert offered.args == [EXAMPLE]


def test_demo_database_is_separate_from_the_users(service, clock, tmp_path):
    path = create_demo_database(clock.today(), tmp_path / "demo")
    assert path != service.store.path
    assert service.entries.count() == 0  # the user's own database is untouched
    with open_store(path) as store:
        demo = WorkloadService(store, FixedClock(clock.now()))
        assert demo.entries.count() > 500
        first, last = demo.week_of(clock.today())
        assert demo.entries.between(first, last)  # demo weeks end in the current week
        assert demo.tasks.get("Weekly status deck").checklist == 4


def test_demo_database_refuses_an_existing_file(service, clock):
    with pytest.raises(FileExistsError):
        create_demo_database(clock.today(), service.store.path.parent)
    assert service.entries.count() == 0


def test_default_demo_goes_to_a_new_temporary_folder_and_can_be_removed(clock):
    path = create_demo_database(clock.today(), weeks=2)
    other = create_demo_database(clock.today(), weeks=1)
    try:
        assert path.exists() and path.parent.name.startswith("pm-workload-demo-")
        assert other.parent != path.parent
    finally:
        remove_demo_database(path)
        remove_demo_database(other)
    assert not path.parent.exists() and not other.parent.exists()


def test_remove_leaves_other_folders_alone(service):
    remove_demo_database(service.store.path)
    assert service.store.path.exists()
