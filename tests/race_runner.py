"""Runs one command line (as `python -m app ...` does) held at a barrier before its first write.

Prints "ready" when it is about to take the write lock and waits for a line on stdin, so the race
tests can let several processes begin their writes at the same moment instead of by chance.
"""

import sys
from contextlib import contextmanager

from app.cli import run
from storage.database import Store

_real_transaction = Store.transaction


@contextmanager
def _transaction_after_the_barrier(self):
    if self._depth == 0 and not getattr(self, "_past_barrier", False):
        self._past_barrier = True
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        sys.stdin.readline()
    with _real_transaction(self) as conn:
        yield conn


Store.transaction = _transaction_after_the_barrier

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
