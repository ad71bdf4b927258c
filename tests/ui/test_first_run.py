"""The first run of a new database: the wizard names the town, takes the town's lists (from
the workbook it keeps, or by hand later) and creates the administrator; the desk then opens
on an empty queue. On SQLite and on a new PostgreSQL database set up from one workstation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import text

from gridcenter_desktop.core.enums import UserRole

ADMIN_PASSWORD = "qingshi-admin-2026"


def _fill_town(wizard, qtbot, name: str, code: str) -> None:
    from gridcenter_desktop.ui.town_wizard import LISTS_PAGE, TOWN_PAGE

    page = wizard.town_page
    assert wizard.currentId() == TOWN_PAGE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a name first
    page.name_edit.insert(name)  # as an input method commits it (QTest types no CJK keys)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.code_edit.setText("32050")  # too short: said at once, the page stays
    wizard.next()
    assert wizard.currentId() == TOWN_PAGE
    assert "9" in page.message.text()
    page.code_edit.setText(code)
    wizard.next()
    assert wizard.currentId() == LISTS_PAGE


def _fill_admin(wizard, name: str = "周管理") -> None:
    from gridcenter_desktop.ui.town_wizard import ADMIN_PAGE

    page = wizard.admin_page
    assert wizard.currentId() == ADMIN_PAGE
    page.name_edit.setText(name)
    page.password_edit.setText("short")
    page.repeat_edit.setText("short")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and "10" in page.message.text()  # the rule, on the page
    page.password_edit.setText(ADMIN_PASSWORD)
    page.repeat_edit.setText(ADMIN_PASSWORD)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def _town_facts(signed) -> dict:
    with signed.engine.connect() as conn:
        town = conn.execute(
            text("SELECT name, code FROM area WHERE level = 'town' AND parent_id IS NULL")
        ).all()
        units = conn.scalar(
            text("SELECT count(*) FROM area WHERE level IN ('village', 'community')")
        )
        grids = conn.scalar(text("SELECT count(*) FROM area WHERE level = 'grid'"))
        tickets = conn.scalar(text("SELECT count(*) FROM ticket"))
        name = conn.scalar(text("SELECT value FROM app_setting WHERE key = 'town.name'"))
    return {"town": town, "units": units, "grids": grids, "tickets": tickets, "setting": name}


def test_a_new_database_entered_by_hand_opens_on_its_town(
    qapp, qtbot, monkeypatch, empty_db_url, tmp_path
):
    from gridcenter_desktop.ui import app, town_wizard
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    shown = {}

    def run_wizard(wizard):
        wizard.show()
        _fill_town(wizard, qtbot, "青石镇", "320599101")
        wizard.lists_page.hand_button.setChecked(True)
        wizard.next()  # by hand: straight to the administrator
        _fill_admin(wizard)
        shown["pages"] = wizard.visitedIds()
        return wizard.result()

    monkeypatch.setattr(town_wizard.TownSetupWizard, "exec", run_wizard)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    settings = Settings.at(tmp_path / "settings.ini")
    url, signed = app._choose_database_and_user(settings, JobRunner(), empty_db_url, False)
    try:
        pages = [town_wizard.TOWN_PAGE, town_wizard.LISTS_PAGE, town_wizard.ADMIN_PAGE]
        assert shown["pages"] == pages
        actor = signed.actor
        assert (actor.role, actor.display_name, actor.login) == (UserRole.ADMIN, "周管理", "admin")
        facts = _town_facts(signed)
        assert facts == {
            "town": [("青石镇", "320599101")],
            "units": 0,
            "grids": 0,
            "tickets": 0,
            "setting": "青石镇",
        }
        # Written by the administrator through the one door: signed in, then the settings.
        with signed.engine.connect() as conn:
            trail = conn.execute(text("SELECT action, login FROM audit_entry ORDER BY id")).all()
        assert ("sign_in", "admin") in trail and ("settings_change", "admin") in trail
    finally:
        signed.engine.dispose()

    # Every later start (another workstation, or this one again) only signs in.
    from gridcenter_desktop.ui.sign_in_dialog import SignInDialog

    def sign_in(dialog):
        dialog.login_edit.setText("admin")
        dialog.password_edit.setText(ADMIN_PASSWORD)
        dialog.try_sign_in()
        return dialog.result()

    monkeypatch.setattr(town_wizard.TownSetupWizard, "exec", lambda w: pytest.fail("wizard"))
    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    other = Settings.at(tmp_path / "other.ini")
    _url, again = app._choose_database_and_user(other, JobRunner(), empty_db_url, False)
    again.engine.dispose()
    assert again.actor.login == "admin"


def test_closing_the_wizard_before_the_administrator_quits_quietly(qapp, monkeypatch, tmp_path):
    from gridcenter_desktop.ui import app, town_wizard
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    def close(wizard):
        wizard.show()
        wizard.town_page.name_edit.setText("青石镇")
        wizard.reject()
        return wizard.result()

    monkeypatch.setattr(town_wizard.TownSetupWizard, "exec", close)
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    with pytest.raises(app.StartupCancelled):
        app._choose_database_and_user(Settings.at(tmp_path / "s.ini"), JobRunner(), url, False)
    # Started again, the database still has no users: the wizard comes back.
    from gridcenter_desktop.ui.signing_in import _has_users

    assert not _has_users(url)


def test_the_empty_desk_says_what_comes_next(qapp, make_context, db_url):
    """After the wizard the window opens on an empty queue and says how to go on."""
    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.ui.first_run import hint_empty_desk
    from gridcenter_desktop.ui.main_window import MainWindow

    admin = Actor(user_id=None, role=UserRole.ADMIN, display_name="周管理", login="admin")
    context = make_context(db_url, admin)
    window = MainWindow(context)
    hint_empty_desk(window, context)
    context.jobs.wait_idle(10_000)
    qapp.processEvents()
    assert "Administration" in window.statusBar().currentMessage() or "系统管理" in (
        window.statusBar().currentMessage()
    )
    operator = make_context(db_url)
    window2 = MainWindow(operator)
    hint_empty_desk(window2, operator)
    operator.jobs.wait_idle(10_000)
    qapp.processEvents()
    assert "Ctrl+N" in window2.statusBar().currentMessage()
    window.close()
    window2.close()


def _bad_workbook(path, good):
    """The shipped example with one grid under a village that does not exist."""
    from openpyxl import load_workbook

    workbook = load_workbook(good)
    sheet = workbook["区域和网格"]
    row = sheet.max_row + 1
    sheet.cell(row=row, column=1, value="网格")
    sheet.cell(row=row, column=2, value="石湖村第一网格")
    sheet.cell(row=row, column=3, value="石湖村")
    workbook.save(path)
    return path, row


def test_a_new_database_imports_the_towns_lists(qapp, qtbot, monkeypatch, empty_db_url, tmp_path):
    """Import my lists: a workbook with a bad row is refused with the row named (Next stays
    off), another town's workbook is caught, the corrected one is previewed, and after the
    administrator the desk opens on Guangfu's 11 units and 48 grids with no ticket yet."""
    from gridcenter_desktop.demo.base_lists import EXAMPLE_PATH
    from gridcenter_desktop.ui import app, base_import_dialog, town_wizard
    from gridcenter_desktop.ui.jobs import JobRunner
    from gridcenter_desktop.ui.settings import Settings

    bad, bad_row = _bad_workbook(tmp_path / "bad.xlsx", EXAMPLE_PATH)
    said: dict[str, object] = {}

    def run_wizard(wizard):
        wizard.show()
        _fill_town(wizard, qtbot, "光福镇", "320506108")
        assert wizard.lists_page.import_button.isChecked()  # the suggested way
        wizard.next()
        assert wizard.currentId() == town_wizard.IMPORT_PAGE
        page = wizard.import_page
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert not next_button.isEnabled()  # no workbook yet

        page.chooser.choose(bad)
        qtbot.waitUntil(lambda: not page.preview.is_busy(), timeout=20_000)
        problems = page.preview.problems
        assert problems.rowCount() == 1 and not next_button.isEnabled()
        cells = [problems.item(0, c).text() for c in range(4)]
        assert cells[:2] == ["区域和网格", str(bad_row)] and "上级名称" in cells[2]
        assert "石湖村" in cells[3]
        assert page.preview.tabs.currentWidget() is problems

        page.chooser.choose(EXAMPLE_PATH)
        qtbot.waitUntil(lambda: not page.preview.is_busy(), timeout=20_000)
        assert next_button.isEnabled()
        summary = page.preview.summary
        rows = {summary.item(r, 0).text(): summary.item(r, 1).text() for r in range(4)}
        assert rows == {"区域和网格": "60", "网格成员": rows["网格成员"], "部门": "32", "用户": "4"}
        members = int(rows["网格成员"])
        assert members >= 48 * 4 and page.preview.adds.rowCount() == 60 + members + 32 + 4

        # Another town's name: caught before the administrator exists.
        wizard.back()
        wizard.back()
        wizard.town_page.name_edit.setText("青石镇")
        wizard.town_page.code_edit.setText("")
        wizard.next()
        wizard.next()
        # Said on arrival, before Next is tried: the preview's own line calls the file ready.
        assert "光福镇" in page.message.text() and "青石镇" in page.message.text()
        assert not next_button.isEnabled()
        wizard.next()
        assert wizard.currentId() == town_wizard.IMPORT_PAGE
        assert "光福镇" in page.message.text() and "青石镇" in page.message.text()
        wizard.back()
        wizard.back()
        wizard.town_page.name_edit.setText("光福镇")
        wizard.town_page.code_edit.setText("320506108")
        wizard.next()
        wizard.next()
        wizard.next()
        _fill_admin(wizard, "陈站长")
        return wizard.result()

    def information(_parent, _title, text):
        said["summary"] = text

    def passwords(self):
        said["passwords"] = self.text.toPlainText()
        return 1

    monkeypatch.setattr(town_wizard.TownSetupWizard, "exec", run_wizard)
    monkeypatch.setattr(QMessageBox, "information", information)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    monkeypatch.setattr(base_import_dialog.FirstPasswordsDialog, "exec", passwords)
    settings = Settings.at(tmp_path / "settings.ini")
    url, signed = app._choose_database_and_user(settings, JobRunner(), empty_db_url, False)
    try:
        facts = _town_facts(signed)
        assert facts == {
            "town": [("光福镇", "320506108")],
            "units": 11,
            "grids": 48,
            "tickets": 0,
            "setting": "光福镇",
        }
        assert "区域和网格: 59 added, 0 updated" in said["summary"]  # the town was there
        assert {line.split()[0] for line in said["passwords"].splitlines()} == {
            "operator1",
            "operator2",
            "supervisor",
            "viewer",
        }
        with signed.engine.connect() as conn:
            imported_by = conn.scalar(
                text("SELECT login FROM audit_entry WHERE action = 'base_import'")
            )
        assert imported_by == "admin"
    finally:
        signed.engine.dispose()


def test_the_wizard_goes_by_keyboard(qapp, qtbot):
    """Enter moves on, the arrow keys choose the way, the cursor waits in the next field."""
    from PySide6.QtCore import Qt

    from gridcenter_desktop.services.actor import Actor
    from gridcenter_desktop.ui import town_wizard
    from gridcenter_desktop.ui.jobs import JobRunner

    created = []

    def create(login, name, password):
        created.append((login, name, password))
        return Actor(user_id=1, role=UserRole.ADMIN, display_name=name, login=login)

    wizard = town_wizard.TownSetupWizard(create, JobRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()  # what a window manager does (offscreen leaves it out)
    qtbot.waitUntil(lambda: wizard.isActiveWindow() and qapp.focusWidget() is not None)
    town = wizard.town_page
    assert qapp.focusWidget() is town.name_edit
    town.name_edit.insert("青石镇")
    qtbot.keyClick(town.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), "320599101")
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentId() == town_wizard.LISTS_PAGE
    wizard.lists_page.import_button.setFocus()
    qtbot.keyClick(wizard.lists_page.import_button, Qt.Key.Key_Down)
    assert wizard.lists_page.hand_button.isChecked()
    qtbot.keyClick(wizard.lists_page.hand_button, Qt.Key.Key_Return)
    assert wizard.currentId() == town_wizard.ADMIN_PAGE
    admin = wizard.admin_page
    qtbot.waitUntil(lambda: qapp.focusWidget() is admin.name_edit)
    admin.name_edit.insert("周管理")
    qtbot.keyClick(admin.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), ADMIN_PASSWORD)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(qapp.focusWidget(), ADMIN_PASSWORD)
    qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Return)
    assert created == [("admin", "周管理", ADMIN_PASSWORD)]
    assert wizard.result() == 1
    setup = wizard.setup()
    assert (setup.town_name, setup.town_code, setup.workbook) == ("青石镇", "320599101", None)
