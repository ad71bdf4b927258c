"""One window per person, database and desk account: a second start with the same account on
the same database brings the running window forward instead of opening another one (two
windows of one account would each lock and refresh the same tickets). Two different accounts
(an operator and the duty supervisor at one workstation) still run side by side.

A local socket named after a hash of (the computer's user, the database URL, the login) is the
lock: the first window listens on it; a later start connects, says "raise" and exits.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_TIMEOUT_MS = 500
_RAISE = b"raise\n"


def instance_name(url: str, login: str) -> str:
    """The local socket's name for this computer user, database and login."""
    try:
        who = getpass.getuser()
    except OSError:  # no user name known (some service accounts)
        who = ""
    digest = hashlib.sha256(f"{who}\n{url}\n{login}".encode()).hexdigest()[:24]
    return f"gridcenter-{digest}"


class SingleInstance(QObject):
    """The running window's side (``listen``) and a second start's side
    (``bring_forward_running``)."""

    sig_wakeup = Signal()
    """sig_wakeup(): a second start asked this window to come forward."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def bring_forward_running(self) -> bool:
        """True when a window of this name runs (it was asked to come forward)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            socket.abort()
            return False
        socket.write(_RAISE)
        socket.flush()
        socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(_TIMEOUT_MS)
        return True

    def listen(self) -> bool:
        """Become the running window; False when the name cannot be taken."""
        # Nobody answered: a name left by a window that crashed is stale, take it over.
        QLocalServer.removeServer(self.name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._knocked)
        return self._server.listen(self.name)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _knocked(self) -> None:
        # The message is one short line, written at once: read it here (a brief wait at most),
        # so no socket outlives this call.
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket.bytesAvailable() == 0:
                socket.waitForReadyRead(_TIMEOUT_MS)
            knocked = bytes(socket.readAll()).startswith(_RAISE.strip())
            socket.disconnectFromServer()
            socket.deleteLater()
            if knocked:
                self.sig_wakeup.emit()
