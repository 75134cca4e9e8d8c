"""requirements.lock agrees with pyproject.toml: made from the same requirements, and every
requirement pinned to a version its range allows."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)"
                  r"\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def _digest_module():
    spec = importlib.util.spec_from_file_location("lock_digest", ROOT / "scripts" / "lock_digest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pins(text: str) -> dict[str, list[tuple[str, str | None]]]:
    pins: dict[str, list[tuple[str, str | None]]] = {}
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            pins.setdefault(canonicalize_name(match["name"]), []).append(
                (match["version"], match["marker"]))
    return pins


def test_the_lock_was_made_from_this_pyprojects_requirements():
    recorded = re.search(r"^# pyproject-dependencies-sha256: (\w+)$", LOCK.read_text(), re.M)
    assert recorded, "requirements.lock has no digest line: re-make it with scripts/lock"
    assert recorded[1] == _digest_module().digest(), (
        "pyproject.toml's dependencies changed since requirements.lock was made: run scripts/lock")


def test_every_requirement_is_pinned_within_its_range():
    pins = _pins(LOCK.read_text())
    for text in _digest_module().requirements():
        requirement = Requirement(text)
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is not in requirements.lock"
        for version, _marker in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.lock pins {requirement.name}=={version}, outside {requirement.specifier}")


def test_the_digest_ignores_order_and_spacing_but_not_a_changed_range(tmp_path):
    digest = _digest_module().digest
    def project(deps: str) -> Path:
        path = tmp_path / "pyproject.toml"
        path.write_text(f'[project]\ndependencies = [{deps}]\n[project.optional-dependencies]\ndev = []\n')
        return path
    assert digest(project('"a>=1", "b<2"')) == digest(project('"b <2", "a >= 1"'))
    assert digest(project('"a>=1"')) != digest(project('"a>=2"'))


def test_the_pin_reader_reads_markers():
    pins = _pins("numpy==2.4.6 ; python_full_version < '3.12' \\\n    --hash=sha256:ab\n"
                 "colorama==0.4.6 ; sys_platform == 'win32' \\\n")
    assert pins == {"numpy": [("2.4.6", "python_full_version < '3.12'")],
                    "colorama": [("0.4.6", "sys_platform == 'win32'")]}
