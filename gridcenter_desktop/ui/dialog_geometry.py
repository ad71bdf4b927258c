"""Dialogs open where and as large as the operator left them (ui.settings.Settings keeps one
saved geometry per dialog name)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from gridcenter_desktop.ui.settings import Settings


def remember_geometry(
    dialog: QDialog, settings: Settings, name: str, default_size: tuple[int, int] | None = None
) -> None:
    """Give ``dialog`` the size and place it had when the dialog ``name`` last closed (or
    ``default_size`` the first time), and save them whenever it closes (OK, Cancel or the
    window's close button). Call at the end of the dialog's constructor."""
    saved = settings.dialog_geometry(name)
    if saved is None or saved.isEmpty() or not dialog.restoreGeometry(saved):
        if default_size is not None:
            dialog.resize(*default_size)
    dialog.finished.connect(
        lambda _result: settings.set_dialog_geometry(name, dialog.saveGeometry())
    )
