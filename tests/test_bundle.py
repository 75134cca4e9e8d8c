"""The PyInstaller bundle builds, starts the window offscreen on a temp data dir and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def build_bundle(target: Path) -> Path:
    """Build the one-folder bundle under ``target``; return its executable."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
         "--log-level", "ERROR", "--distpath", str(target / "dist"),
         "--workpath", str(target / "build")],
        cwd=ROOT, check=True, capture_output=True, timeout=900,
    )
    exe = _program(target, "pm-workload")
    assert exe.exists()
    return exe


def _program(target: Path, name: str) -> Path:
    return target / "dist" / "pm-workload" / (f"{name}.exe" if os.name == "nt" else name)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    return build_bundle(tmp_path_factory.mktemp("bundle"))


@pytest.mark.slow
def test_the_bundle_opens_the_database_and_exits_cleanly(bundle, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    data = tmp_path / "data"
    done = subprocess.run([str(bundle), "--smoke-test", "--data-dir", str(data)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "PM Workload started" in done.stdout
    assert (data / "pm-workload.db").exists()


@pytest.mark.slow
def test_the_bundle_has_a_windowed_program_beside_the_console_one(bundle, tmp_path):
    # On Windows the console program is the command line; the windowed one opens the window
    # from a menu or shortcut without a console. Both start the same app.
    window = bundle.with_name(bundle.name.replace("pm-workload", "pm-workload-gui"))
    assert window.exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(window), "--smoke-test", "--data-dir", str(tmp_path / "data")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "PM Workload started" in done.stdout


@pytest.mark.slow
def test_the_bundle_runs_the_command_line(bundle, tmp_path):
    data = str(tmp_path / "data")
    add = subprocess.run([str(bundle), "add", "Weekly status deck 45m ops #status",
                          "--data-dir", data], capture_output=True, text=True, timeout=60)
    assert add.returncode == 0, add.stderr
    listed = subprocess.run([str(bundle), "list", "--format", "csv", "--data-dir", data],
                            capture_output=True, text=True, timeout=60)
    assert "Weekly status deck" in listed.stdout
    # the review runs from the bundle too (its modules are imported by name at run time)
    report = subprocess.run([str(bundle), "report", "--data-dir", data], capture_output=True,
                            text=True, timeout=60)
    assert report.returncode == 0, report.stderr
