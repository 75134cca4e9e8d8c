"""Errors the user can fix by changing what they typed."""

from __future__ import annotations

from typing import TYPE_CHECKING


class ValidationError(ValueError):
    """Input that cannot be saved; ``str()`` is the message for the user, ``field`` names where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ValidationError):
    """The thing the user named does not exist."""


# The storage failures the window and the command line catch, re-exported so that ui/ reaches
# storage only through app/ (an import-linter contract). Loaded on first use: importing
# storage costs ~14 ms, and much of app/ needs only the errors above.
_FROM_STORAGE = ("StorageError", "NotOurDatabaseError", "SchemaTooNewError", "UNUSABLE_FILE_ERRORS")

if TYPE_CHECKING:  # what __getattr__ returns, for the type checker
    from storage.errors import UNUSABLE_FILE_ERRORS as UNUSABLE_FILE_ERRORS
    from storage.errors import NotOurDatabaseError as NotOurDatabaseError
    from storage.errors import SchemaTooNewError as SchemaTooNewError
    from storage.errors import StorageError as StorageError


def __getattr__(name: str) -> object:
    """Return one of storage's errors, importing storage the first time one is asked for."""
    if name in _FROM_STORAGE:
        import storage.errors

        return getattr(storage.errors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
