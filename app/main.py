"""Entry point: `pm-workload` with a command runs the command line, without one the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run PM Workload and return the exit code."""
    from app.cli import run

    return run(list(sys.argv[1:] if argv is None else argv))


def start_gui(data_dir: str | None = None, demo: bool = False, smoke_test: bool = False) -> int:
    """Open the window (the only place app/ reaches into ui/)."""
    from ui.application import run_gui

    return run_gui(data_dir=data_dir, demo=demo, smoke_test=smoke_test)


if __name__ == "__main__":
    sys.exit(main())
