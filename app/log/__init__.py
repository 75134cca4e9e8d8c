"""Logging work: the quick-add line, tasks, categories, the timer and the daily reminder."""
