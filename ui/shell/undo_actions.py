"""The Edit menu's Undo and Redo: named after the next step, and saying what they did."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from ui.common.richtext import action_text

STATUS_MS = 6000


class _StepText(QObject):
    """Names the step in its action ("&Undo Log 'Q&&A prep'"): Qt's own undo action puts the
    step's text in as is, where '&' would be a mnemonic. A child of the action."""

    def __init__(self, action: QAction, prefix: str) -> None:
        super().__init__(action)
        self._action, self._prefix = action, prefix

    @Slot(str)
    def show(self, text: str) -> None:
        if not shiboken6.isValid(self._action):
            return  # the window is being destroyed: its actions go before the stack
        self._action.setText(f"{self._prefix} {action_text(text)}".rstrip())


class UndoActions(QObject):
    """``undo`` and ``redo`` over a stack; each says in the window's status bar what it did
    (replacing e.g. "Deleted 1 entry (Ctrl+Z undoes it)"), or clears it when the step failed."""

    def __init__(self, stack: QUndoStack, window: QMainWindow) -> None:
        super().__init__(window)
        self._stack, self._window = stack, window
        # Not the stack's createUndoAction(): that one cannot say what it did.
        self.undo = self._action("&Undo", QKeySequence.StandardKey.Undo, stack.canUndoChanged,
                                 stack.undoTextChanged, self.undo_step)
        self.redo = self._action("&Redo", QKeySequence.StandardKey.Redo,  # Ctrl+Shift+Z, Ctrl+Y
                                 stack.canRedoChanged, stack.redoTextChanged, self.redo_step)

    def _action(self, prefix: str, keys: QKeySequence.StandardKey, can_changed: SignalInstance,
                text_changed: SignalInstance, slot: Callable[[], None]) -> QAction:
        action = QAction(prefix, self._window)
        action.setShortcuts(keys)
        action.setEnabled(False)
        can_changed.connect(action.setEnabled)
        text_changed.connect(_StepText(action, prefix).show)
        action.triggered.connect(slot)
        return action

    def undo_step(self) -> None:
        """Undo the last step and say which."""
        self._step(self._stack.undoText(), self._stack.undo, self._stack.redoText, "Undone")

    def redo_step(self) -> None:
        """Redo the step last undone and say which."""
        self._step(self._stack.redoText(), self._stack.redo, self._stack.undoText, "Redone")

    def _step(self, text: str, do: Callable[[], None], next_text: Callable[[], str],
              done: str) -> None:
        bar = self._window.statusBar()
        bar.clearMessage()
        do()
        # A step that failed was reported in a box and dropped from the stack: say nothing.
        if text and next_text() == text:
            bar.showMessage(f"{done}: {text}", STATUS_MS)
