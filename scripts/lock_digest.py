"""Print the digest of pyproject.toml's dependency lists that requirements.lock records.

scripts/lock writes it into the lock's header; tests/test_lock.py recomputes it, so a
dependency changed without re-making the lock fails the suite.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """Return the project's and the dev extra's requirement strings, as written."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])


def digest(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """Return a SHA-256 of the requirement strings, independent of their order and spacing."""
    normalised = sorted("".join(r.split()).lower() for r in requirements(pyproject))
    return hashlib.sha256("\n".join(normalised).encode()).hexdigest()


if __name__ == "__main__":
    sys.stdout.write(digest() + "\n")
