"""The dialog shown after an unexpected error: what happened in plain words, where the crash
report was written, and buttons to open its folder or copy its path (for sending it to the
administrator). Never the traceback itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """Plain text, the report's path, 打开所在文件夹 / 复制路径 / 确定."""

    def __init__(self, text: str, report: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialog.crash")
        self.setWindowTitle(self.tr("GridCenter"))
        self.report = report
        self._text = text
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        message = QLabel(text, self)
        message.setTextFormat(Qt.TextFormat.PlainText)  # may quote what users typed
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message.setMinimumWidth(420)
        self.status = QLabel(self)  # says the folder's path when it cannot be opened
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        self.open_folder_button = QPushButton(self.tr("Open its folder"), self)
        self.open_folder_button.setObjectName("crash.open_folder")
        self.copy_path_button = QPushButton(self.tr("Copy path"), self)
        self.copy_path_button.setObjectName("crash.copy_path")
        ok = QPushButton(self.tr("OK"), self)
        ok.setObjectName("crash.ok")
        ok.setDefault(True)
        # The report's buttons on the left, closing on the right, on every platform.
        buttons = QHBoxLayout()
        for button in (self.open_folder_button, self.copy_path_button):
            buttons.addWidget(button)
            button.setEnabled(report is not None)
            button.setAutoDefault(False)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.copy_path_button.clicked.connect(self.copy_path)
        ok.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon)
        text_box = QVBoxLayout()
        text_box.addWidget(message)
        text_box.addWidget(self.status)
        top.addLayout(text_box, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(buttons)

    def text(self) -> str:
        return self._text

    def open_folder(self) -> bool:
        """Show the report's folder in the file manager; when that fails, say its path."""
        if self.report is None:
            return False
        folder = self.report.parent
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        self.status.setText(
            self.tr("The folder could not be opened. It is:\n{path}").format(path=folder)
        )
        self.status.show()
        return False

    def copy_path(self) -> None:
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(str(self.report))
        self.status.setText(self.tr("The report's path was copied."))
        self.status.show()
