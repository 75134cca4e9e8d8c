"""The Review page: the weekly split, where the time went, and what to hand off."""
