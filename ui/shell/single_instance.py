"""One window per data dir: a second launch asks the first to come forward, then exits.

The running app holds a lock file beside its database (QLockFile: QtCore, nothing more to
load on the way to the first paint) and, once its window shows, listens on a local socket
named after the database. A second launch that finds the lock taken asks over that socket.
A lock left by a crashed process is stale and taken over. The command line is not affected:
it can still write while the window is open (WAL and a busy timeout), and the window picks
those changes up (see ui/shell/application.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

_HELLO = b"show\n"
CONNECT_TIMEOUT_MS = 500


def server_name(db_path: Path) -> str:
    """Return the local socket name for a database file (same file, same name)."""
    import hashlib  # only once the socket is needed: not on the way to the first paint

    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:20]
    return f"pm-workload-{digest}"


def lock_path(db_path: Path) -> Path:
    """Return the lock file of the window that has ``db_path`` open."""
    return Path(db_path).with_suffix(".lock")


def try_lock(db_path: Path) -> QLockFile | None:
    """Return the held lock of this database's window, or None when another window holds it."""
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old
    if lock.tryLock(0):
        return lock
    if lock.removeStaleLockFile() and lock.tryLock(0):
        return lock
    return None


def lock_is_held_elsewhere(lock_path: Path) -> bool:
    """Return True when ``try_lock`` failed because another process holds the lock (and not
    because the folder cannot be written, which opening the database will report)."""
    probe = QLockFile(str(lock_path))
    probe.setStaleLockTime(0)
    probe.tryLock(0)
    held = probe.error() == QLockFile.LockError.LockFailedError
    probe.unlock()
    return held


def ask_running_instance(db_path: Path) -> bool:
    """Return True when a window already has this database open (and was asked to show)."""
    from PySide6.QtNetwork import QLocalSocket

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
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        name = server_name(db_path)
        if not self._server.listen(name):
            # A socket left behind by a crash: nobody answered above, so it is stale.
            self._server.removeServer(name)
            self._server.listen(name)


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
        from PySide6.QtNetwork import QLocalSocket

        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        data = bytes(connection.readAll().data())
        if data.startswith(_HELLO.strip()):
            self.showRequested.emit()
        if connection.state() == type(connection).LocalSocketState.UnconnectedState:
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
