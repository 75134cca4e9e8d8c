"""Regenerate assets/icon.ico and assets/icon.icns from assets/icon.png (Pillow).

Run: .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def main() -> None:
    image = Image.open(ASSETS / "icon.png").convert("RGBA")
    image.save(ASSETS / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                           (128, 128), (256, 256)])
    image.save(ASSETS / "icon.icns")
    print("wrote", ASSETS / "icon.ico", "and", ASSETS / "icon.icns")


if __name__ == "__main__":
    main()
