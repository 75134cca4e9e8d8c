"""The Settings dialog and its categories editor."""
