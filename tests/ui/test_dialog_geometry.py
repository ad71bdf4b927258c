"""Dialogs open as large (and where) the operator left them, also after Cancel."""

from __future__ import annotations

import pytest

from gridcenter_desktop.ui.export_dialog import ExportDialog
from gridcenter_desktop.ui.register_dialog import RegisterDialog


@pytest.mark.parametrize("dialog_class", [RegisterDialog, ExportDialog], ids=lambda c: c.__name__)
def test_a_dialog_reopens_with_the_size_it_was_left_at(
    qtbot, make_context, small_town, dialog_class
):
    url, _ids = small_town
    ctx = make_context(url)
    first = dialog_class(ctx)
    qtbot.addWidget(first)
    first.show()
    default = first.size()
    # Within the offscreen platform's 800×600 screen: restoring keeps a dialog on screen.
    first.resize(700, 480)
    first.move(30, 40)
    wanted = first.size()
    first.reject()  # Cancel, or the close button
    ctx.jobs.wait_idle(10_000)

    again = dialog_class(ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == wanted != default
    assert again.pos() == first.pos()
    again.reject()
    ctx.jobs.wait_idle(10_000)
