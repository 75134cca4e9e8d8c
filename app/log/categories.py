"""CategoryService: the categories (add, rename keeping history, re-kind, archive), cached
until one changes; reached as ``service.categories``."""

from __future__ import annotations

from typing import Any

from app.changes import Change
from app.core import Core
from app.display import shorten
from app.domain import Category, Kind
from app.errors import NotFoundError, ValidationError
from app.validation import check_kind, clean_category_name
from storage import queries
from storage.schema import normalise_key


class CategoryService:
    """The categories of one database, in display order."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._cached: list[Category] | None = None

    def forget(self) -> None:
        """Drop the cached list (another connection may have changed it)."""
        self._cached = None

    def list(self, include_archived: bool = False) -> list[Category]:
        """Return the categories in display order (the archived too, if asked)."""
        if self._cached is None:
            self._cached = [
                Category(r["id"], r["name"], Kind(r["kind"]), bool(r["archived"]))
                for r in queries.categories(self._core.store)
            ]
        return [c for c in self._cached if include_archived or not c.archived]

    def get(self, category_id: int | None) -> Category | None:
        """Return a category by id (archived included), or None."""
        return next((c for c in self.list(True) if c.id == category_id), None)

    def find(self, text: str) -> Category:
        """Return the one active category that ``text`` names (exactly or by a unique prefix)."""
        from app.log.quickadd import match_categories  # not on the path of report, list, export

        active = self.list()
        found = match_categories(text, [c.name for c in active])
        if len(found) == 1:
            return next(c for c in active if c.name == found[0])
        if found:
            raise ValidationError(
                f"'{shorten(text)}' matches more than one category ({', '.join(sorted(found)[:5])}).",
                "category",
            )
        archived = [c for c in self.list(True) if c.archived]
        if any(normalise_key(c.name) == normalise_key(text) for c in archived):
            raise ValidationError(
                f"The category '{shorten(text)}' is archived; restore it in Settings to use it.", "category"
            )
        raise NotFoundError(f"There is no category '{shorten(text)}'.", "category")

    def add(self, name: str, kind: Kind | str) -> Category:
        """Create a category and return it."""
        name, kind = clean_category_name(name), check_kind(kind)
        key = normalise_key(name)
        if any(normalise_key(c.name) == key for c in self.list(True)):
            raise ValidationError(f"There is already a category called '{name}'.", "category")
        store = self._core.store
        with store.transaction():
            new_id = queries.insert_category(store, name, key, kind.value)
        self._cached = None
        self._core.changes.notify(Change.CATEGORIES)
        return Category(new_id, name, kind)

    def update(
        self, category_id: int, *, name: str | None = None, kind: Kind | str | None = None,
        archived: bool | None = None,
    ) -> Category:
        """Rename, re-kind or (un)archive a category; entries keep pointing at it."""
        current = self.get(category_id)
        if current is None:
            raise NotFoundError("That category no longer exists.", "category")
        values: dict[str, Any] = {}
        if name is not None:
            name = clean_category_name(name)
            key = normalise_key(name)
            if any(normalise_key(c.name) == key and c.id != category_id
                   for c in self.list(True)):
                raise ValidationError(f"There is already a category called '{name}'.", "category")
            values.update(name=name, name_key=key)
        if kind is not None:
            values["kind"] = check_kind(kind).value
        if archived is not None:
            values["archived"] = int(archived)
        if values:
            store = self._core.store
            with store.transaction():
                queries.update_category(store, category_id, values)
            self._cached = None
            self._core.changes.notify(Change.CATEGORIES, Change.ENTRIES)
        updated = self.get(category_id)
        assert updated is not None  # it was there before, and categories are never deleted
        return updated
