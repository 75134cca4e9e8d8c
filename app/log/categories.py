"""Categories and settings of a WorkloadService (a mixin: it uses the service's store,
caches and notifications)."""

from __future__ import annotations

from typing import Any

from app.display import shorten
from app.domain import CATEGORIES, ENTRIES, SETTINGS, Category, Kind
from app.errors import NotFoundError, ValidationError
from app.settings import Settings, format_setting, parse_setting, settings_from_rows
from app.validation import check_kind, clean_category_name
from storage import queries
from storage.schema import normalise_key


class CategoryOperations:
    """The categories (add, rename keeping history, archive) and the settings."""

    # -- categories ---------------------------------------------------------------------
    def categories(self, include_archived: bool = False) -> list[Category]:
        """Return the categories in display order."""
        if self._categories is None:
            self._categories = [
                Category(r["id"], r["name"], Kind(r["kind"]), bool(r["archived"]))
                for r in queries.categories(self.store)
            ]
        return [c for c in self._categories if include_archived or not c.archived]

    def category(self, category_id: int | None) -> Category | None:
        """Return a category by id (archived included), or None."""
        return next((c for c in self.categories(True) if c.id == category_id), None)

    def find_category(self, text: str) -> Category:
        """Return the one active category that ``text`` names (exactly or by a unique prefix)."""
        from app.log.quickadd import match_categories  # not on the path of report, list, export

        active = self.categories()
        found = match_categories(text, [c.name for c in active])
        if len(found) == 1:
            return next(c for c in active if c.name == found[0])
        if found:
            raise ValidationError(
                f"'{shorten(text)}' matches more than one category ({', '.join(sorted(found)[:5])}).",
                "category",
            )
        archived = [c for c in self.categories(True) if c.archived]
        if any(normalise_key(c.name) == normalise_key(text) for c in archived):
            raise ValidationError(
                f"The category '{shorten(text)}' is archived; restore it in Settings to use it.", "category"
            )
        raise NotFoundError(f"There is no category '{shorten(text)}'.", "category")

    def add_category(self, name: str, kind: Kind | str) -> Category:
        """Create a category and return it."""
        name, kind = clean_category_name(name), check_kind(kind)
        key = normalise_key(name)
        if any(normalise_key(c.name) == key for c in self.categories(True)):
            raise ValidationError(f"There is already a category called '{name}'.", "category")
        with self.store.transaction():
            new_id = queries.insert_category(self.store, name, key, kind.value)
        self._categories = None
        self._changed(CATEGORIES)
        return Category(new_id, name, kind)

    def update_category(
        self, category_id: int, *, name: str | None = None, kind: Kind | str | None = None,
        archived: bool | None = None,
    ) -> Category:
        """Rename, re-kind or (un)archive a category; entries keep pointing at it."""
        current = self.category(category_id)
        if current is None:
            raise NotFoundError("That category no longer exists.", "category")
        values: dict[str, Any] = {}
        if name is not None:
            name = clean_category_name(name)
            key = normalise_key(name)
            if any(normalise_key(c.name) == key and c.id != category_id
                   for c in self.categories(True)):
                raise ValidationError(f"There is already a category called '{name}'.", "category")
            values.update(name=name, name_key=key)
        if kind is not None:
            values["kind"] = check_kind(kind).value
        if archived is not None:
            values["archived"] = int(archived)
        if values:
            with self.store.transaction():
                queries.update_category(self.store, category_id, values)
            self._categories = None
            self._changed(CATEGORIES, ENTRIES)
        return self.category(category_id)  # type: ignore[return-value]

    # -- settings -----------------------------------------------------------------------
    def settings(self) -> Settings:
        """Return the settings, defaults filled in."""
        if self._settings is None:
            self._settings = settings_from_rows(queries.settings(self.store))
        return self._settings

    def update_settings(self, **texts_or_values: Any) -> Settings:
        """Check and store settings given as text or values; all or nothing."""
        parsed = {}
        for name, value in texts_or_values.items():
            text = value if isinstance(value, str) else format_setting(name, value)
            parsed[name] = parse_setting(name, text)
        with self.store.transaction():
            for name, value in parsed.items():
                queries.put_setting(self.store, name, format_setting(name, value))
        self._settings = None
        self._changed(SETTINGS)
        return self.settings()
