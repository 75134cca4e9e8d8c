"""The General tab's "Ask about time away after [10] min idle", and where idle time comes from.

Its own module so the Settings dialog gains only a few lines (issue #14).
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QSpinBox

from ui.common.idle import IdleProbe, idle_probe, source_text


class AwayMinutesBox(QSpinBox):
    """Minutes idle before asking, 0 to 240; 0 or a cleared box mean never."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(0, 240)
        self.setSuffix(" min idle")
        self.setSpecialValueText("never")
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setAccessibleName("Ask about time away after")
        self.setToolTip("Asked on return: keep the time, discard it, or log it as an entry. "
                        "0 or empty: never ask about idle time (a sleep is still noticed).")

    def _blank(self, text: str) -> bool:
        return not text.strip().removesuffix(self.suffix().strip()).strip()

    def validate(self, text: str, pos: int) -> object:  # Qt's signature
        if self._blank(text):
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt's name)
        return 0 if self._blank(text) else super().valueFromText(text)


def away_source_label(probe: IdleProbe | None = None) -> QLabel:
    """Return the muted line saying where idle time comes from, or that it cannot be had."""
    label = QLabel(source_text(probe or idle_probe()))
    label.setObjectName("awaySource")
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label
