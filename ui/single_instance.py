"""One window per data dir: a second launch asks the first to come forward, then exits.

The running app listens on a local socket named after its database file. The command line
is not affected: it can still write while the window is open (WAL and a busy timeout), and
the window picks those changes up (see ui/application.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_HELLO = b"show\n"
CONNECT_TIMEOUT_MS = 500


def server_name(db_path: Path) -> str:
    """Return the local socket name for a database file (same file, same name)."""
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:20]
    return f"pm-workload-{digest}"


def ask_running_instance(db_path: Path) -> bool:
    """Return True when a window already has this database open (and was asked to show)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(_HELLO)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches on the same database; emits ``showRequested`` for each."""

    showRequested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        name = server_name(db_path)
        if not self._server.listen(name):
            # A socket left behind by a crash: nobody answered above, so it is stale.
            QLocalServer.removeServer(name)
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            if connection is None:
                continue
            connection.readyRead.connect(self._on_ready_read)
            connection.disconnected.connect(self._on_ready_read)
            if connection.bytesAvailable():
                self._read(connection)

    def _on_ready_read(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        data = bytes(connection.readAll().data())
        if data.startswith(_HELLO.strip()):
            self.showRequested.emit()
        if connection.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            connection.readyRead.disconnect(self._on_ready_read)
            connection.disconnected.disconnect(self._on_ready_read)
            connection.deleteLater()

    def close(self) -> None:
        self._server.close()


def bring_forward(window) -> None:
    """Show the window on top, un-minimised, with the quick-log line focused."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    focus = getattr(getattr(window, "log_page", None), "focus_quick_log", None)
    if focus is not None:
        focus()
