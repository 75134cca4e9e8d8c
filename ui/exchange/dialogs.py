"""The CSV dialogs the File menu opens: export, import, and peers' summaries.

    File > Export to CSV…        open_export_dialog(window, service)
    File > Import from CSV…      open_import_dialog(window, service)
    File > Peers…                open_peers_dialog(window, service)

Each opens window-modal without blocking and returns the dialog (the import dialog: None when
no file was chosen). Long reading and writing run off the GUI thread (ui.common.workers).
"""

from __future__ import annotations

from ui.exchange.export_dialog import ExportDialog, open_export_dialog
from ui.exchange.import_dialog import ImportDialog, open_import_dialog
from ui.exchange.peers_dialog import PeersDialog, open_peers_dialog

__all__ = ["ExportDialog", "ImportDialog", "PeersDialog", "open_export_dialog", "open_import_dialog",
           "open_peers_dialog"]
