"""The Log page: the quick-log line, the week's entries, the timer, their dialogs and undo."""
