"""A process that logs entries as fast as it can and prints each id once it is committed.

Used by the crash-safety test and the crash-loop figures: the parent kills it at random.
"""

import sys

from app.workload import WorkloadService
from storage import open_store


def main(db_path: str, prefix: str) -> None:
    store = open_store(db_path)
    service = WorkloadService(store)
    i = 0
    while True:
        entry = service.entries.log_line(f"{prefix} {i} 5m ops #status")
        # Printed only after the commit returned: "reported saved".
        sys.stdout.write(f"{entry.id}\n")
        sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
