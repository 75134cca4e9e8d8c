"""Entry point: `pm-workload` with a command runs the command line, without one the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.clock import Clock

_exit_code: list[int] = []  # set by run() once main() has returned


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Run PM Workload and return the exit code (``clock``: the time it reads, default the
    system clock)."""
    args = list(sys.argv[1:] if argv is None else argv)
    window = window_options(args)
    if window is not None:  # the window starts without building the command line's parser
        return start_gui(**window, clock=clock)  # type: ignore[arg-type]  # window_options' values fit
    from app.cli import run as run_cli

    return run_cli(args, clock=clock, open_window=start_gui)


def window_options(args: Sequence[str]) -> dict[str, object] | None:
    """Return start_gui()'s options when ``args`` only open the window: nothing but
    ``--data-dir DIR``, ``--demo`` and ``--smoke-test``, spelled out. Anything else (a
    command, --help, an abbreviation, a missing value) returns None: the command line's
    parser handles it, or says what is wrong with it."""
    options: dict[str, object] = {"data_dir": None, "demo": False, "smoke_test": False}
    words = iter(args)
    for word in words:
        if word in ("--demo", "--smoke-test"):
            options[word[2:].replace("-", "_")] = True
        elif word == "--data-dir" or word.startswith("--data-dir="):
            value = word.partition("=")[2] if "=" in word else next(words, None)
            if value is None or (value.startswith("-") and "=" not in word):
                return None
            options["data_dir"] = value
        else:
            return None
    return options


def run() -> int:
    """The `pm-workload` program (and `python -m app`): main() with a quicker start and end.

    - Start-up makes hundreds of thousands of objects that live as long as the process
      (modules, classes, Qt wrappers); the cycle collector would scan them some 70 times
      while the window starts (about 13 ms), and again at every full collection after. It
      is off until app.process.start_up_done() sets them aside for good.
    - At exit, Python tears down every module and object one by one (30 ms and more once
      the window has run) although the process is about to end. _leave() ends it once the
      atexit handlers have run: by then every write has committed its transaction, the
      databases are closed and the threads have been joined.
    """
    import atexit
    import gc

    gc.disable()
    atexit.register(_leave)  # registered first, so it runs after every other handler
    code = main()
    _exit_code.append(code)
    return code


def _leave() -> None:
    """The last atexit handler: flush what is buffered and end the process with main()'s code.

    Without a code (main() raised, and Python has printed the error), the normal exit goes on.
    """
    if not _exit_code:
        return
    import os

    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()  # the log file's handler (its own atexit handler may come after this)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (`pm-workload list | head`): nothing left to say to it
    os._exit(_exit_code[-1])


def start_gui(data_dir: str | None = None, demo: bool = False, smoke_test: bool = False,
              clock: Clock | None = None) -> int:
    """Open the window (the only place app/ reaches into ui/); return its exit code."""
    from ui.shell.application import run_gui

    return run_gui(data_dir=data_dir, demo=demo, smoke_test=smoke_test, clock=clock)


if __name__ == "__main__":
    sys.exit(run())
