"""File → Import base data and File → Download the base-data template: the preview names every
problem by sheet, row and column; Import writes the whole workbook in the background or
nothing; Cancel writes nothing; the menu entries are where an administrator looks for them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import text

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.demo.base_lists import EXAMPLE_PATH
from gridcenter_desktop.services.actor import Actor

ADMIN = Actor(user_id=None, role=UserRole.ADMIN, display_name="周管理", login="admin")


def _grids(ctx) -> int:
    with ctx.engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM area WHERE level = 'grid'"))


def _one_bad_member(tmp_path: Path) -> tuple[Path, int]:
    """The example with one member whose role is not a word of the drop-down."""
    workbook = load_workbook(EXAMPLE_PATH)
    sheet = workbook["网格成员"]
    sheet.cell(row=7, column=4, value="组长")
    path = tmp_path / "一行有错.xlsx"
    workbook.save(path)
    return path, 7


def _preview(qtbot, dialog, path: Path) -> None:
    dialog.chooser.choose(path)
    qtbot.waitUntil(lambda: not dialog.preview.is_busy(), timeout=20_000)


@pytest.fixture
def passwords_shown(monkeypatch) -> list[str]:
    from gridcenter_desktop.ui import base_import_dialog

    shown: list[str] = []

    def record(dialog):
        shown.append(dialog.text.toPlainText())
        return 1

    monkeypatch.setattr(base_import_dialog.FirstPasswordsDialog, "exec", record)
    return shown


def test_a_bad_row_is_named_and_the_good_workbook_is_imported_whole(
    qtbot, make_context, db_url, tmp_path, passwords_shown
):
    from gridcenter_desktop.ui.base_import_dialog import BaseImportDialog

    ctx = make_context(db_url, ADMIN)
    dialog = BaseImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()  # nothing chosen

    bad, row = _one_bad_member(tmp_path)
    _preview(qtbot, dialog, bad)
    problems = dialog.preview.problems
    assert problems.rowCount() == 1
    sheet, row_text, column, reason = (problems.item(0, c).text() for c in range(4))
    assert (sheet, row_text) == ("网格成员", str(row)) and column.startswith("岗位")
    assert "组长" in reason
    assert not dialog.import_button.isEnabled()
    assert "1" in dialog.preview.status.text()

    _preview(qtbot, dialog, EXAMPLE_PATH)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_imported, timeout=60_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    summary = imported.args[0]
    assert summary.changed and _grids(ctx) == 48
    assert "区域和网格: 60 added" in dialog.result_label.text()
    assert dialog.cancel_button.text() in ("Close", "关闭") and not dialog.import_button.isEnabled()
    assert len(passwords_shown) == 1 and "supervisor" in passwords_shown[0]
    dialog.accept()

    # The same workbook again: nothing new, nothing to import.
    again = BaseImportDialog(ctx)
    qtbot.addWidget(again)
    _preview(qtbot, again, EXAMPLE_PATH)
    assert not again.import_button.isEnabled()
    assert again.preview.adds.rowCount() == 0 and again.preview.updates.rowCount() == 0


def test_cancel_after_the_preview_writes_nothing(qtbot, make_context, db_url):
    from gridcenter_desktop.ui.base_import_dialog import BaseImportDialog

    ctx = make_context(db_url, ADMIN)
    dialog = BaseImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _preview(qtbot, dialog, EXAMPLE_PATH)
    assert dialog.import_button.isEnabled()
    dialog.cancel_button.click()
    assert dialog.result() == 0 and _grids(ctx) == 0


def test_a_file_that_is_no_workbook_is_refused_in_words(qtbot, make_context, db_url, tmp_path):
    from gridcenter_desktop.ui.base_import_dialog import BaseImportDialog

    csv = tmp_path / "网格.csv"
    csv.write_text("名称,上级名称\n第一网格,迂里村\n", encoding="utf-8")
    ctx = make_context(db_url, ADMIN)
    dialog = BaseImportDialog(ctx)
    qtbot.addWidget(dialog)
    _preview(qtbot, dialog, csv)
    assert "CSV" in dialog.preview.status.text()
    assert not dialog.import_button.isEnabled()


def test_the_file_menu_offers_the_import_to_administrators_and_saves_the_template(
    qtbot, make_context, db_url, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from gridcenter_desktop.ui.main_window import MainWindow

    operator = MainWindow(make_context(db_url))
    qtbot.addWidget(operator)
    assert not operator.commands["file.import_base"].isVisible()
    assert operator.commands["file.base_template"].isVisible()

    window = MainWindow(make_context(db_url, ADMIN))
    qtbot.addWidget(window)
    action = window.commands["file.import_base"]
    assert action.isVisible() and action.isEnabled()
    assert action in window.menus["file"].actions()

    target = tmp_path / "模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.commands.trigger("file.base_template")
    saved = target.with_suffix(".xlsx")
    sheets = load_workbook(saved).sheetnames
    assert sheets == ["说明", "区域和网格", "网格成员", "部门", "用户"]
    assert str(saved) in window.statusBar().currentMessage()


def test_the_example_a_town_follows_is_one_click_away(
    qtbot, make_context, db_url, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from gridcenter_desktop.ui.base_import_dialog import BaseImportDialog

    dialog = BaseImportDialog(make_context(db_url, ADMIN))
    qtbot.addWidget(dialog)
    target = tmp_path / "示例"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.chooser.example_button.click()
    saved = target.with_suffix(".xlsx")
    assert saved.read_bytes() == EXAMPLE_PATH.read_bytes()
