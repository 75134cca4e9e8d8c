"""Peers: other PMs' weekly summaries, kept apart from your entries, and your strategic share
beside theirs. A peer's summary CSV is read and stored off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.display import plural
from app.errors import StorageError, ValidationError
from app.exchange.peers import (
    PeerImport,
    clean_label,
    import_peer_summary,
    peers,
    remove_peer,
    strategic_share_comparison,
)
from app.workload import WorkloadService
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.workers import EXPECTED_ERRORS, BackgroundTask, ProgressRow, own_service
from ui.exchange import files
from ui.exchange.import_preview import FoldingMessage
from ui.exchange.models import PeersModel, ShareModel

INTRO = ("A peer shares their <b>summary</b> (File › Export…, Summary): hours per week, category "
         "and kind, with no titles or notes. Peers are kept apart from your own entries.")


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question (tests replace this); return True for yes."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    # Columns as wide as their contents (numbers stay beside their labels, not far right).
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setMinimumSectionSize(80)
    return view


class PeersDialog(QDialog):
    """List, import and remove peers; compare strategic shares week by week."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.task: BackgroundTask | None = None
        self.pending_path: Path | None = None   # a summary chosen before the dialog opened
        self.setWindowTitle("Peers")
        self.resize(640, 600)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)

        self.peers_model = PeersModel(self)
        self.peers_view = _table(self.peers_model, "Peers")
        self.empty_label = QLabel("No peers yet: ask a peer for their summary CSV, give them a "
                                  "label and import it.")
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText("e.g. Peer A")
        self.label_edit.setAccessibleName("Peer's label")
        self.label_edit.setMaxLength(80)
        self.import_button = QPushButton("Import a summary…")
        self.import_button.setToolTip("Import a peer's summary CSV under this label; importing again "
                                      "under the same label replaces the weeks the file holds.")
        self.remove_button = QPushButton("Remove…")
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Label:"))
        actions.addWidget(self.label_edit, 1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.remove_button)
        self.message = FoldingMessage(self, "Peers message")
        self.progress = ProgressRow(self)

        self.share_model = ShareModel(self)
        self.share_view = _table(self.share_model, "Strategic share by week")
        self.share_title = QLabel("<b>Strategic share</b>: yours beside each peer's, by week")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.peers_view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addSpacing(6)
        layout.addWidget(self.share_title)
        layout.addWidget(self.share_view, 2)
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.ask_import)
        self.remove_button.clicked.connect(self.ask_remove)
        self.peers_view.selectionModel().selectionChanged.connect(self._on_selection)
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self.refresh()

    # -- showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the peers and the comparison again (quick queries over the database)."""
        selected = self.selected_label()
        found = peers(self._service)
        shares = strategic_share_comparison(self._service)
        self.peers_model.set_peers(found, shares)
        self.share_model.set_comparison(shares)
        self.empty_label.setVisible(not found)
        self.peers_view.setVisible(bool(found))
        self.share_title.setVisible(bool(shares.weeks))
        self.share_view.setVisible(bool(shares.weeks))
        self.filler.setVisible(not shares.weeks)
        for row, peer in enumerate(found):
            if peer.label == selected:
                self.peers_view.selectRow(row)
        self._update_buttons()

    def _on_service_changed(self, what: str) -> None:
        if what in (Change.PEERS, Change.ENTRIES):
            self.refresh()

    def selected_label(self) -> str | None:
        rows = self.peers_view.selectionModel().selectedRows()
        return self.peers_model.label(rows[0].row()) if rows else None

    def _on_selection(self, *_: object) -> None:
        label = self.selected_label()
        if label is not None:
            self.label_edit.setText(label)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        busy = self.task is not None and self.task.is_running
        self.import_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.selected_label() is not None)
        self.label_edit.setEnabled(not busy)

    # -- importing and removing -----------------------------------------------------------------
    def ask_import(self) -> BackgroundTask | None:
        """Ask for a peer's summary CSV and import it under the label given."""
        try:
            label = clean_label(self.label_edit.text())
        except ValidationError as error:
            self.message.show_problem(str(error), "Not imported: ")
            return None
        path = self.pending_path or files.ask_open_path(self, f"Import {label}'s summary CSV")
        if not path:
            return None
        return self.start_import(path, label)

    def set_pending_file(self, path: str | Path) -> None:
        """Import ``path`` (rather than ask for a file) once the user has given a label."""
        self.pending_path = Path(path)
        self.import_button.setText(f"Import {self.pending_path.name}")
        self.message.show_hint(f"Give the peer whose summary is {self.pending_path.name} a label, "
                               "then import it.")
        self.label_edit.setFocus()

    def start_import(self, path: str | Path, label: str) -> BackgroundTask:
        """Read and store a peer's summary off the GUI thread."""
        service = self._service

        def work(progress, cancelled) -> PeerImport:
            with own_service(service) as worker:
                return import_peer_summary(worker, path, label, progress=progress, cancelled=cancelled)

        self.task = task = BackgroundTask(work, self, "pm-workload-peers")
        task.succeeded.connect(self._on_imported)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(lambda: self.message.show_hint("Cancelled; nothing was imported."))
        task.finished.connect(self._update_buttons)
        self.message.clear()
        self.progress.follow(task, f"Reading {Path(path).name}…")
        task.start()
        self._update_buttons()
        return task

    def _on_imported(self, done: PeerImport) -> None:
        self.pending_path = None
        self.import_button.setText("Import a summary…")
        self._service.changed_elsewhere(Change.PEERS)
        kept = f", replacing {plural(done.replaced, 'week')} held before" if done.replaced else ""
        text = f"{'Added' if done.new_peer else 'Updated'} {done.label}: {plural(done.weeks, 'week')}{kept}."
        self.message.show_ok(text, text)

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            self.message.show_problem("an unexpected problem; see the error report.", "Not imported: ")
            raise error
        self.message.show_problem(files.failure_text(error), "Not imported: ")

    def ask_remove(self) -> bool:
        """Ask, then forget the selected peer and their weeks; return True if removed."""
        label = self.selected_label()
        if label is None:
            return False
        if not confirm(self, "Remove a peer", f"Remove {label} and the weeks imported for them? "
                       "Your own entries are not touched."):
            return False
        try:
            removed = remove_peer(self._service, label)
        except (ValidationError, StorageError) as error:
            self.message.show_problem(str(error), "Not removed: ")
            return False
        self.label_edit.clear()
        text = f"Removed {removed.label} and their {plural(removed.weeks, 'week')}."
        self.message.show_ok(text, text)
        return True

    def done(self, result: int) -> None:
        """Close; an import still running is cancelled first (storing nothing)."""
        if self.task is not None:
            self.task.stop_and_wait()
        super().done(result)


def open_peers_dialog(window: QWidget, service: WorkloadService,
                      path: str | Path | None = None) -> PeersDialog:
    """Open the peers dialog over ``window`` (not blocking); with ``path``, ready to import
    that summary once the peer has a label."""
    dialog = PeersDialog(service, window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    if path is not None:
        dialog.set_pending_file(path)
    return dialog
