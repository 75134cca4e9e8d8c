"""Plain text put into Qt rich text (labels, previews) without being read as markup."""

from __future__ import annotations

# html.escape does the same, but importing html builds html.entities' table of 2,000 names
# (about 1.5 ms of the window's start-up) for unescaping, which the app never does.
_REPLACEMENTS = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape(text: str) -> str:
    """Return ``text`` with the characters that mean markup written as entities."""
    for character, entity in _REPLACEMENTS:
        text = text.replace(character, entity)
    return text


def action_text(text: str) -> str:
    """Return ``text`` for a menu item or button: '&' doubled, so "Q&A" shows as typed
    instead of underlining A as a keyboard mnemonic."""
    return text.replace("&", "&&")
