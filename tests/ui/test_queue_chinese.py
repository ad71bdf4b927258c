"""With the zh_CN translation installed (the default), the queue, dispatch form, detail dock and
register dialog show Chinese: a text the translation tools cannot see would stay English and
fail here."""

from __future__ import annotations

import re

import desk_data
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from gridcenter_desktop.core.enums import EventAction, UserRole
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui import i18n, labels
from gridcenter_desktop.ui.detail_dock import DetailDock
from gridcenter_desktop.ui.dispatch_dock import DispatchDock
from gridcenter_desktop.ui.queue_dock import QueueDock
from gridcenter_desktop.ui.register_dialog import RegisterDialog
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog

# Shared fixtures (see desk_data.py).
desk = desk_data.desk
desk_template = desk_data.desk_template

# An English word of 3+ letters; key names (Ctrl+Enter) are allowed.
_ENGLISH = re.compile(r"\b(?!(?:Ctrl|Enter|Shift)\b)[A-Za-z]{3,}\b")


@pytest.fixture
def chinese(qapp):
    installed = i18n.install_translators(qapp, "zh_CN")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    labels.reset_cache()


def _texts(root: QWidget) -> list[str]:
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton | QGroupBox):
            found.append(w.text() if not isinstance(w, QGroupBox) else w.title())
        if isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        if isinstance(w, QComboBox):
            found.extend(w.itemText(i) for i in range(w.count()))
        for action in w.actions():
            found.append(action.text())
    return [t for t in found if t]


def _english(texts: list[str]) -> list[str]:
    return [t for t in texts if _ENGLISH.search(re.sub(r"<[^>]+>", "", t))]


def test_every_text_of_the_docks_and_register_dialog_is_chinese(qtbot, make_context, desk, chinese):
    url, ids = desk
    ctx = make_context(url, Actor(ids.supervisor, UserRole.SUPERVISOR, "李值班"))
    queue, dispatch, detail = QueueDock(ctx), DispatchDock(ctx), DetailDock(ctx)
    register = RegisterDialog(ctx)
    for w in (queue, dispatch, detail, register):
        qtbot.addWidget(w)
    ctx.jobs.wait_idle()
    with qtbot.waitSignal(dispatch.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["饭店油烟扰民"])
    ctx.jobs.wait_idle()
    model = queue.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "编号"
    assert queue.kind_combo.itemText(0) == "全部类型"
    # A workflow dialog too: the supervisor reviews a ticket awaiting review.
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        ctx.bus.sig_ticket_selected.emit(ids.tickets["路灯不亮"])
    detail.action_buttons[EventAction.CLOSE].click()
    ctx.jobs.wait_idle()
    [dialog] = [d for d in detail.findChildren(ActionDialog) if d.isVisible()]
    texts = [*headers, dialog.windowTitle()]
    for w in (queue, dispatch, detail, register, dialog):
        texts += _texts(w)
    dialog.reject()
    assert _english(texts) == []
