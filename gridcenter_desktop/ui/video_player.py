"""Opening a video channel's stream.

With QtMultimedia (and a backend that plays the stream: FFmpeg builds of Qt play rtsp://) the
stream plays in a small window of the desk (QMediaPlayer + QVideoWidget). Without it (PySide6
installed without the add-ons, or no backend), or when the player reports an error, the address
goes to the system's player: the command configured at this desk (QSettings "video/player",
e.g. ``vlc`` or ``"C:/Program Files/VideoLAN/VLC/vlc.exe"``, or GRIDCENTER_VIDEO_PLAYER), else
whatever program the system opens such addresses with (QDesktopServices.openUrl).

:func:`hand_to_system_player` is the one process boundary: tests replace it and nothing else.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from gridcenter_desktop.ui.plain_text import plain

PLAYER_KEY = "video/player"
PLAYER_ENV = "GRIDCENTER_VIDEO_PLAYER"
EMBEDDED = "embedded"
SYSTEM = "system"


def player_command(settings: QSettings | None) -> str:
    """The player command configured at this desk ("" for the system's default)."""
    configured = os.environ.get(PLAYER_ENV, "")
    if not configured and settings is not None:
        configured = str(settings.value(PLAYER_KEY, "") or "")
    return configured.strip()


def hand_to_system_player(url: str, command: str = "") -> bool:
    """Start ``command url`` (detached), or let the system open ``url``; True when started."""
    if command:
        try:
            subprocess.Popen(
                [*shlex.split(command, posix=os.name != "nt"), url],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=os.name != "nt",
            )
        except OSError:
            return False
        return True
    return QDesktopServices.openUrl(QUrl(url))


def multimedia_available() -> bool:
    """Whether this PySide6 has QtMultimedia with a backend to play with."""
    try:
        from PySide6.QtMultimedia import QMediaPlayer  # noqa: F401
        from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: F401
    except ImportError:
        return False
    return True


class StreamWindow(QDialog):
    """A channel's stream playing in the desk; on a player error it hands the address to the
    system's player and closes."""

    def __init__(self, title: str, url: str, command: str, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setObjectName("video_stream_window")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._url, self._command = url, command
        self.video = QVideoWidget(self)
        self.note = plain(QLabel(url, self))
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.note)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.audio.setMuted(True)  # a control room has many screens; sound on demand only
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.player.errorOccurred.connect(self._failed)
        self.player.setSource(QUrl(url))
        self.resize(720, 460)
        self.player.play()

    def _failed(self, *_args) -> None:
        self.player.stop()
        hand_to_system_player(self._url, self._command)
        self.close()


def open_stream(
    parent: QWidget | None, title: str, url: str, settings: QSettings | None = None
) -> str:
    """Play ``url``: EMBEDDED in a StreamWindow when QtMultimedia is there, else SYSTEM (the
    configured or default player). A configured player command wins over the embedded one
    (the desk chose it on purpose). Returns how it was opened ("" when nothing could be)."""
    command = player_command(settings)
    if not command and multimedia_available():
        window = StreamWindow(title, url, command, parent)
        window.show()
        return EMBEDDED
    return SYSTEM if hand_to_system_player(url, command) else ""
