"""Finding bundled files (icons, style sheet) from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def assets_dir() -> Path:
    """Return the assets folder: inside the bundle when frozen, beside ui/ otherwise."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


def asset_path(name: str) -> Path:
    """Return the path of a bundled file, e.g. asset_path("icon.svg")."""
    return assets_dir() / name


def app_icon() -> QIcon:
    """Return the application icon, sharp at every size (SVG, with the PNG as a fallback)."""
    icon = QIcon()
    icon.addFile(str(asset_path("icon.png")))
    svg = asset_path("icon.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon
