"""Errors the user can fix by changing what they typed."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that cannot be saved; ``str()`` is the message for the user, ``field`` names where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ValidationError):
    """The thing the user named does not exist."""
