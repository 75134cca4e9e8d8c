"""The process's start-up, shared by the window and the command line (a leaf module: both
reach it without reaching each other)."""

from __future__ import annotations


def start_up_done() -> None:
    """Turn the cycle collector back on if run() turned it off for the start-up, leaving out
    what the start-up made (gc.freeze): it lives as long as the process, and a first
    collection over all of it would cost what the start-up saved."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()
