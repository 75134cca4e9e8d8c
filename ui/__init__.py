"""The PySide6 window. Talks to app/ services only; matplotlib is imported at first chart."""
