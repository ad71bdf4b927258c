"""File → Import tickets, as an operator uses it on both databases with the generated platform
sheet: an unknown header is mapped once and saved as a profile the next import uses by itself;
the preview counts what would be added and names each bad row; the valid rows are imported and
the bad ones saved to an Excel file with a reason; Cancel writes nothing; the same sheet
imported again adds nothing; the whole way can be gone by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text

from gridcenter_desktop.core.enums import IntakeField, IntakeSource, UserRole
from gridcenter_desktop.db.engine import make_engine, make_session_factory
from gridcenter_desktop.demo.platform_sheet import HEADERS, write_xlsx
from gridcenter_desktop.services.actor import Actor
from tests.ui.conftest import _add_small_town

ROWS = 40


@pytest.fixture
def town(db_url) -> tuple[str, dict[str, int]]:
    """The small town on each database (tickets, grids, an operator)."""
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        ids = _add_small_town(session)
        # The town's tickets were written without drawing their codes: carry the day's
        # counter on, as the demo's bulk load does, so imported tickets get the next ones.
        session.execute(text("INSERT INTO ticket_code_counter (day, last) VALUES ('20221025', 5)"))
        session.commit()
    engine.dispose()
    return db_url, ids


@pytest.fixture
def dialog_for(qtbot, make_context, town):
    from gridcenter_desktop.ui.intake.dialog import TicketImportDialog

    url, ids = town
    operator = Actor(
        user_id=ids["operator"], role=UserRole.OPERATOR, display_name="张调度", login="operator"
    )
    ctx = make_context(url, operator)

    def make():
        dialog = TicketImportDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        ctx.jobs.wait_idle()  # the saved profiles are listed
        return dialog

    make.context = ctx
    return make


def _imported(ctx) -> int:
    with ctx.engine.connect() as conn:
        return conn.scalar(text("SELECT count(*) FROM ticket WHERE external_code IS NOT NULL"))


def _read(qtbot, dialog, path: Path | None = None) -> None:
    if path is not None:
        dialog.choose_page.choose(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60_000)


def _import(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.sig_imported, timeout=60_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)


def _tab_counts(dialog) -> dict[str, int]:
    page = dialog.preview_page
    return {
        name: page.model(view).rowCount()
        for name, view in (
            ("adds", page.adds),
            ("present", page.present),
            ("duplicates", page.duplicates),
            ("problems", page.problems),
        )
    }


def test_an_unknown_header_is_mapped_once_and_the_profile_reads_the_next_sheet(
    qtbot, dialog_for, tmp_path
):
    headers = list(HEADERS[IntakeSource.DISTRICT])
    headers[2] = "群众姓名"  # 反映人 under a name no platform we know writes
    path = tmp_path / "district.xlsx"
    write_xlsx(path, ROWS, source=IntakeSource.DISTRICT, headers=headers)

    dialog = dialog_for()
    dialog.choose_page.set_source(IntakeSource.DISTRICT)
    _read(qtbot, dialog, path)
    page = dialog.mapping_page
    assert dialog.pages.currentWidget() is page
    assert "群众姓名" in dialog.mapping_page.intro.text() or page.mapping()[2][1] is None
    combo = page._combos[2]
    combo.setCurrentIndex(combo.findData(IntakeField.REPORTER_NAME.value))
    page.save_check.setChecked(True)
    page.name_edit.setText("区平台导出")
    _read(qtbot, dialog)
    assert dialog.pages.currentWidget() is dialog.preview_page, dialog.message.text()
    assert _tab_counts(dialog)["adds"] == ROWS
    dialog.reject()

    # The next sheet from that platform is read with the saved profile, without asking.
    again = dialog_for()
    again.choose_page.set_source(IntakeSource.DISTRICT)
    assert again.choose_page.profile_combo.currentText() == "区平台导出"
    _read(qtbot, again, path)
    assert again.pages.currentWidget() is again.preview_page
    again.reject()


def test_valid_rows_are_imported_the_bad_ones_saved_with_a_reason_and_again_adds_nothing(
    qtbot, dialog_for, tmp_path, monkeypatch
):
    path = tmp_path / "hotline.xlsx"
    write_xlsx(path, ROWS, bad_rows={5: "phone", 12: "title"})
    rejects = tmp_path / "rejected.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(rejects), ""))
    )
    ctx = dialog_for.context
    before = _imported(ctx)

    dialog = dialog_for()
    _read(qtbot, dialog, path)
    assert dialog.pages.currentWidget() is dialog.preview_page, dialog.message.text()
    counts = _tab_counts(dialog)
    assert counts["adds"] == ROWS - 2 and counts["problems"] >= 2
    assert dialog.preview_page.tabs.tabText(0).endswith(f"({ROWS - 2})")
    problems = dialog.preview_page.model(dialog.preview_page.problems)
    reasons = [problems.row_values(r) for r in range(problems.rowCount())]
    assert all(str(row) and reason for row, _column, reason in reasons)
    assert dialog.preview_page.import_choice.isChecked()
    _import(qtbot, dialog)
    assert _imported(ctx) == before + ROWS - 2
    assert dialog.pages.currentWidget() is dialog.done_page
    figures = dict(dialog.done_page.figures())
    assert figures["Added"] == str(ROWS - 2) and figures["Rejected"] == "2"
    assert str(rejects) in dialog.done_page.rejects.text()
    sheet = load_workbook(rejects).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    header_row = next(row for row in values if "原因" in row)
    data = values[values.index(header_row) + 1 :]
    assert len([row for row in data if row]) == 2

    # The same sheet again: everything is already there, the choice is to import nothing.
    again = dialog_for()
    _read(qtbot, again, path)
    counts = _tab_counts(again)
    assert counts["adds"] == 0 and counts["present"] == ROWS - 2
    assert again.preview_page.nothing_choice.isChecked()
    qtbot.mouseClick(again.next_button, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    assert _imported(ctx) == before + ROWS - 2


def test_cancel_during_the_import_writes_nothing(qtbot, dialog_for, tmp_path, monkeypatch):
    from gridcenter_desktop.ui.intake import work

    path = tmp_path / "hotline.xlsx"
    write_xlsx(path, ROWS)
    ctx = dialog_for.context
    before = _imported(ctx)
    # The import waits at its first progress report until Cancel was pressed, so the test
    # does not depend on how fast the machine is.
    original = work.import_rows

    def held(job, actor, sheet, plan, rejects_path, now, stop):
        class Held:
            def __getattr__(self, name):
                return getattr(job, name)

            def progress(self, *args):
                stop.wait(20)
                job.progress(*args)

        return original(Held(), actor, sheet, plan, rejects_path, now, stop)

    monkeypatch.setattr(work, "import_rows", held)
    dialog = dialog_for()
    _read(qtbot, dialog, path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.is_importing() and dialog.cancel_button.text() == dialog.tr("Cancel the import")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60_000)
    assert _imported(ctx) == before
    assert dialog.isVisible() and dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.outcome is None and dialog.message.text() == dialog.tr(
        "Import cancelled: nothing was written."
    )


def test_a_sheet_another_desk_imported_since_the_preview_is_previewed_again(
    qtbot, dialog_for, tmp_path
):
    path = tmp_path / "hotline.xlsx"
    write_xlsx(path, 12)
    ctx = dialog_for.context
    before = _imported(ctx)
    late, first = dialog_for(), dialog_for()
    _read(qtbot, late, path)
    _read(qtbot, first, path)
    _import(qtbot, first)

    qtbot.mouseClick(late.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not late.is_busy() and late._reading is not None, timeout=60_000)
    qtbot.waitUntil(lambda: _tab_counts(late)["present"] == 12, timeout=60_000)
    assert late.outcome is None and late.pages.currentWidget() is late.preview_page
    assert late.message.text().startswith(late.tr("Nothing was imported")[:10])
    assert late.preview_page.nothing_choice.isChecked()
    assert _imported(ctx) == before + 12


def test_the_whole_import_by_keyboard(qtbot, dialog_for, tmp_path):
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "hotline.xlsx"
    write_xlsx(path, 10)
    dialog = dialog_for()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &File:
    assert QApplication.focusWidget() is dialog.choose_page.path_edit
    qtbot.keyClicks(dialog.choose_page.path_edit, str(path))
    qtbot.keyClick(dialog.choose_page.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=60_000)
    # From the preview's tabs, Tab reaches the choice and then Import.
    seen = []
    while QApplication.focusWidget() is not dialog.next_button and len(seen) < 12:
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.preview_page.import_choice in seen
    with qtbot.waitSignal(dialog.sig_imported, timeout=60_000):
        qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    assert dialog.done_page.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_file_menu_offers_the_import_on_ctrl_i_to_those_who_register(
    qtbot, make_context, small_town, monkeypatch
):
    from PySide6.QtGui import QKeySequence

    from gridcenter_desktop.ui.intake import dialog as intake_dialog
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    viewer = MainWindow(make_context(url, Actor(None, UserRole.VIEWER, "王查看")))
    qtbot.addWidget(viewer)
    assert not viewer.commands["file.import_tickets"].isVisible()

    window = MainWindow(make_context(url))
    qtbot.addWidget(window)
    action = window.commands["file.import_tickets"]
    assert action.isVisible() and action.isEnabled()
    assert action in window.menus["file"].actions()
    assert action.shortcut() == QKeySequence("Ctrl+I")
    opened = []
    monkeypatch.setattr(intake_dialog, "open_ticket_import", opened.append)
    window.commands.trigger("file.import_tickets")
    assert opened == [window]


def test_the_result_leads_to_the_queue_s_to_be_placed_view(qtbot, make_context, small_town):
    from gridcenter_desktop.ui.intake.dialog import show_to_place
    from gridcenter_desktop.ui.main_window import MainWindow

    window = MainWindow(make_context(small_town[0]))
    qtbot.addWidget(window)
    show_to_place(window)
    assert window.dock_widget("dock.queue")._preset == "to_place"
