"""NewCategoryOffer: the bar under the quick-log line that offers to create a #category the
line names but that doesn't exist yet, asking its kind once (issue #16: no trip to Settings)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from app.domain import Kind
from ui.common.richtext import escape


class NewCategoryOffer(QFrame):
    """'Category 'x' doesn't exist — Create it as [kind] [Create and log] [Not now]'.

    ``accepted(kind)`` asks to create the category of that kind and log the line with it;
    Alt+C (or Enter again in the line) accepts, Alt+K picks the kind, Esc / Not now hides it.
    """

    accepted = Signal(object)   # Kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NewCategoryOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Create category")
        self.name = ""
        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileDialogNewFolder).pixmap(size, size))
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.kind_label = QLabel("as &kind", self)
        self.kind = QComboBox(self)
        for kind in Kind:
            self.kind.addItem(kind.value, kind)
        self.kind.setAccessibleName("Kind of the new category")
        self.kind_label.setBuddy(self.kind)
        self.create_button = QPushButton("&Create and log", self)
        self.create_button.setAccessibleName("Create the category and log the line")
        self.cancel_button = QPushButton("Not now", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.kind)
        layout.addWidget(self.create_button)
        layout.addWidget(self.cancel_button)
        self.create_button.clicked.connect(lambda: self.accepted.emit(self.chosen_kind()))
        self.cancel_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, name: str, kind: Kind | None) -> None:
        """Show the offer for category ``name``; the kind starts at the line's, if it gave one."""
        self.name = name
        self.label.setText(f"Category <b>{escape(name)}</b> doesn't exist yet — create it?")
        self.setAccessibleDescription(
            f"Category {name} doesn't exist yet. Alt+C creates it and logs the line; "
            "Alt+K chooses its kind.")
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.show()

    def chosen_kind(self) -> Kind:
        """Return the kind the new category is to have."""
        return Kind(self.kind.currentData())
