"""WorkloadService: the app's one object over an open database, with the feature modules on it.

Every read and write the window and the command line make goes through one of its modules:

    service.entries     parsing a quick-add line; logging, editing, deleting entries
    service.tasks       tasks, their usage, autocomplete and the PM's judgement
    service.categories  the categories
    service.settings    the settings
    service.timer       the running timer
    service.rules       the PM's rules that classify new titles

Each module gets the core (the store, the clock and the change channel) and the sibling
modules it needs; a write validates first, runs in one transaction, then notifies
``service.changes`` once.
"""

from __future__ import annotations

from datetime import date

from app.changes import EVERYTHING, Change
from app.clock import Clock
from app.core import Core
from app.log.categories import CategoryService
from app.log.entries import EntryService
from app.log.rules import RuleService
from app.log.tasks import TaskService
from app.log.timer import TimerService
from app.settings import SettingsService
from app.weeks import week_days, week_start
from storage import Store


class WorkloadService(Core):
    """The core of one open Store with its modules; the clock is injectable for tests."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        super().__init__(store, clock)
        self.settings = SettingsService(self)
        self.categories = CategoryService(self)
        self.tasks = TaskService(self)
        self.rules = RuleService(self, self.categories)
        self.entries = EntryService(self, self.categories, self.rules, self.settings)
        self.timer = TimerService(self, self.entries, self.categories)
        self._data_version = store.data_version()

    def refresh(self) -> None:
        """Forget cached categories and settings (another connection may have changed them)."""
        self.categories.forget()
        self.settings.forget()

    def changed_elsewhere(self, *changes: Change) -> None:
        """Forget caches and notify changes another connection committed.

        For long work done off the GUI thread with its own Store (CSV import): call it on
        this service's thread once the work is done.
        """
        self.refresh()
        self.changes.notify(*changes)

    def check_for_changes_elsewhere(self) -> bool:
        """Notice commits of other programs (the command line) and notify them; cheap.

        Returns True when something changed since the last call.
        """
        version = self.store.data_version()
        seen, self._data_version = self._data_version, version
        if version == seen:
            return False
        self.changed_elsewhere(*EVERYTHING)
        return True

    def week_of(self, day: date | None = None) -> tuple[date, date]:
        """Return the first and last day of the week holding ``day`` (default today)."""
        return week_days(week_start(day or self.clock.today(), self.settings.get().week_start))
