"""The weekly review: the split, where the time went, and what to hand off."""
