"""Where the desk's save dialogs open: the export folder chosen in the settings, else the
folder of the last export, else Documents. Every "save as" for a report, ledger, register,
template or the map picture asks through :func:`ask_save_path`, so all of them start there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

# The folder the export dialog and the map picture last wrote to (kept by them).
LAST_FOLDER_KEY = "export/folder"


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def export_folder(settings) -> Path:
    """The folder a save dialog opens in: Settings.export_folder when it exists, else the
    last export's folder, else Documents. A chosen folder that is gone (a disconnected
    network drive) falls back rather than opening a dialog on nothing."""
    if settings is not None:
        chosen = settings.export_folder
        if chosen and Path(chosen).is_dir():
            return Path(chosen)
        last = settings.qsettings.value(LAST_FOLDER_KEY, "")
        if last and Path(str(last)).is_dir():
            return Path(str(last))
    return documents_folder()


def remember_last_folder(settings, folder: Path) -> None:
    """Note where an export was written (used when no export folder is chosen)."""
    settings.qsettings.setValue(LAST_FOLDER_KEY, str(folder))


def ask_save_path(
    parent: QWidget | None, settings, caption: str, file_name: str, file_filter: str
) -> str:
    """The system's save dialog, opened in :func:`export_folder` on ``file_name``; the path
    chosen ("" when cancelled)."""
    suggested = export_folder(settings) / file_name
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return chosen
