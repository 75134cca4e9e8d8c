"""The app opens no network connection."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from app.cli import run

ROOT = Path(__file__).resolve().parents[1]
_NETWORK_MODULES = re.compile(
    r"^\s*(?:from|import)\s+(socket|ssl|http|urllib\.request|requests|httpx|ftplib|smtplib)\b",
    re.MULTILINE,
)


def test_no_module_of_the_app_imports_a_network_library():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("app", "storage", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if _NETWORK_MODULES.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network disabled in this test")
        return original(self, address, *args)

    original = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_the_command_line_works_without_touching_the_network(no_network, data_dir, capsys):
    d = ["--data-dir", str(data_dir)]
    assert run(["demo", "--weeks", "3", *d]) == 0
    assert run(["add", "Weekly status deck 45m ops #status", *d]) == 0
    assert run(["list", *d]) == 0
    assert run(["timer", "start", "Discovery call #discovery", *d]) == 0
    assert run(["timer", "stop", *d]) == 0
    assert run(["backup", *d]) == 0
    assert no_network == []
