"""View → Settings… (Ctrl+,): each choice takes effect at once on the open window: the theme's
palette, the queue's font, the period the charts and the export dialog open on, the folder the
save dialogs open in; a new language reopens the window with the same user signed in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from gridcenter_desktop.ui import settings_dialog
from gridcenter_desktop.ui.appearance import apply_theme, is_dark
from gridcenter_desktop.ui.main_window import MainWindow
from gridcenter_desktop.ui.settings_dialog import SettingsDialog, current_choices


@pytest.fixture
def window(qtbot, make_context, small_town):
    url, _ids = small_town
    ctx = make_context(url)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    assert ctx.jobs.wait_idle(10_000)
    yield win
    win.close()
    apply_theme("light")  # the next tests see the application as it started


def _choose(monkeypatch, **fields):
    """The dialog, when opened, gets ``fields`` set as a user would and is saved."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        for name, value in fields.items():
            widget = getattr(dialog, name)
            if name == "font_size":
                widget.setValue(value)
            elif name == "folder":
                widget.setText(value)
            else:
                widget.setCurrentIndex(widget.findData(value))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return seen


def test_settings_sit_in_view_with_ctrl_comma_and_the_preferences_role(window):
    action = window.commands["view.settings"]
    assert action in window.menus["view"].actions()
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.menuRole() == QAction.MenuRole.PreferencesRole
    assert action.isEnabled()


def test_dark_theme_darkens_the_window_at_once_and_light_brings_it_back(monkeypatch, window):
    app = QApplication.instance()
    assert not is_dark(app)
    _choose(monkeypatch, theme="dark")
    window.commands["view.settings"].trigger()
    assert window.context.settings.theme == "dark"
    assert is_dark(app) and app.style().name().lower() == "fusion"
    QApplication.processEvents()  # the new palette reaches the widgets as an event
    table = window.dock_widget("dock.queue").table
    assert table.palette().color(table.palette().ColorRole.Base).lightness() < 80
    _choose(monkeypatch, theme="light")
    window.commands["view.settings"].trigger()
    assert not is_dark(app)


def test_due_soon_rows_keep_dark_text_on_their_pale_colour_in_the_dark_theme(window):
    from gridcenter_desktop.core.deadlines import DeadlineState
    from gridcenter_desktop.ui.queue_model import DEADLINE_STATE_ROLE

    apply_theme("dark")
    model = window.dock_widget("dock.queue").model
    late = [
        r
        for r in range(model.rowCount())
        if model.index(r, 0).data(DEADLINE_STATE_ROLE)
        in (DeadlineState.DUE_SOON, DeadlineState.OVERDUE)
    ]
    assert late, "the small town has overdue tickets"
    for r in late:
        text = model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole).color()
        ground = model.index(r, 1).data(Qt.ItemDataRole.BackgroundRole).color()
        assert ground.lightness() - text.lightness() > 120


def test_queue_font_size_changes_the_queue_and_its_rows_at_once(monkeypatch, window):
    table = window.dock_widget("dock.queue").table
    widths_before = table.columnWidth(0)
    _choose(monkeypatch, font_size=16)
    window.commands["view.settings"].trigger()
    assert window.context.settings.queue_font_size == 16
    assert table.font().pointSize() == 16
    row = table.verticalHeader().defaultSectionSize()
    assert row >= QFontMetrics(table.font()).height() + 4
    assert table.rowHeight(0) == row
    # The columns widen with it: the ticket code still shows whole.
    code = table.model().index(0, 0).data()
    assert table.columnWidth(0) > QFontMetrics(table.font()).horizontalAdvance(code)
    # The system's size again: the application's font, rows as before.
    _choose(monkeypatch, font_size=settings_dialog._SYSTEM_SIZE_STEP)
    window.commands["view.settings"].trigger()
    assert window.context.settings.queue_font_size == 0
    assert table.font().pointSize() == QApplication.font().pointSize()
    assert table.verticalHeader().defaultSectionSize() == 24
    assert table.columnWidth(0) == widths_before


def test_a_new_window_opens_with_the_chosen_queue_font(qtbot, make_context, small_town, settings):
    settings.queue_font_size = 15
    ctx = make_context(small_town[0])
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.dock_widget("dock.queue").table.font().pointSize() == 15
    assert ctx.jobs.wait_idle(10_000)
    win.close()


def test_charts_and_export_dialog_open_on_the_chosen_period(monkeypatch, window):
    from gridcenter_desktop.ui.export_dialog import open_export_dialog

    charts = window.dock_widget("dock.charts")
    # The town's default on this data first (the desk's clock: 2022-10-25).
    assert charts.period() != (date(2022, 9, 1), date(2022, 9, 30))
    _choose(monkeypatch, period="last_month")
    window.commands["view.settings"].trigger()
    assert window.context.jobs.wait_idle(10_000)
    QApplication.processEvents()
    assert charts.period() == (date(2022, 9, 1), date(2022, 9, 30))
    dialog = open_export_dialog(window)
    dialog.set_kind("summary")
    assert dialog.period() == (date(2022, 9, 1), date(2022, 9, 30))
    dialog.close()
    # Without the charts, the export dialog works the period out itself.
    window.docks.pop("dock.charts").close()
    _choose(monkeypatch, period="this_quarter")
    window.commands["view.settings"].trigger()
    dialog = open_export_dialog(window)
    assert dialog.period() == (date(2022, 10, 1), date(2022, 10, 25))
    dialog.close()


def test_save_dialogs_open_in_the_chosen_export_folder(monkeypatch, window, tmp_path):
    from gridcenter_desktop.ui.export_dialog import open_export_dialog
    from gridcenter_desktop.ui.map.map_image import export_map_image

    folder = tmp_path / "报表"
    folder.mkdir()
    _choose(monkeypatch, folder=str(folder))
    window.commands["view.settings"].trigger()
    assert window.context.settings.export_folder == str(folder)
    dialog = open_export_dialog(window)
    assert Path(dialog.path.text()).parent == folder
    dialog.close()
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), ("", ""))[1]
    )
    export_map_image(window)
    from gridcenter_desktop.ui.notice_register import open_notice_register

    open_notice_register(window, "all")
    register = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "choose_export_file"))
    register.choose_export_file()
    register.close()
    assert len(asked) == 2
    assert all(Path(path).parent == folder for path in asked), asked
    # A chosen folder that is gone (a network drive away): Documents or home, not nowhere.
    folder.rmdir()
    dialog = open_export_dialog(window)
    assert Path(dialog.path.text()).parent.is_dir()
    dialog.close()


def test_keyboard_only_alt_letters_esc_cancels_enter_saves(qtbot, settings):
    dialog = SettingsDialog(current_choices(settings))
    qtbot.addWidget(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert {label.buddy() for label in labels} == {
        dialog.language,
        dialog.theme,
        dialog.font_size,
        dialog.period,
        dialog.folder,
    }
    assert all("&" in label.text() for label in labels)
    dialog.show()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    dialog.font_size.setFocus()
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choices().theme == "dark"
    # Tab walks the fields in the order shown.
    fields = {dialog.language, dialog.theme, dialog.font_size, dialog.period, dialog.folder}
    order, widget = [], dialog.language
    while len(order) < 5:
        if widget in fields:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [
        dialog.language,
        dialog.theme,
        dialog.font_size,
        dialog.period,
        dialog.folder,
    ]


def test_a_cancelled_dialog_changes_nothing(monkeypatch, window):
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    before = current_choices(window.context.settings)
    window.commands["view.settings"].trigger()
    assert current_choices(window.context.settings) == before
    assert window.isVisible()


def test_a_language_chosen_in_settings_reopens_the_window_in_it_same_user(
    qapp, monkeypatch, tmp_path, small_town
):
    # The program goes on and nobody signs in again: the window reopens in English.
    from gridcenter_desktop.services.sign_in import sign_in
    from gridcenter_desktop.ui import app
    from gridcenter_desktop.ui.errors import ErrorReporter
    from gridcenter_desktop.ui.settings import Settings

    url, _ids = small_town
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    signed = sign_in(url, "operator", "demo123", workstation="test")
    monkeypatch.setattr(app, "_choose_database_and_user", lambda *a, **k: (url, signed))
    monkeypatch.setattr(app, "_sign_in", lambda *a, **k: pytest.fail("asked to sign in again"))
    _choose(monkeypatch, language="en", theme="light")
    settings = Settings.at(tmp_path / "settings.ini")
    seen = []

    def run_once(_app=None):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                    and w.isVisible()]  # fmt: skip
        seen.append(
            (window.menus["file"].title(), window.menus["view"].title(), window.context.actor.login)
        )
        if len(seen) == 1:
            window.commands["view.settings"].trigger()
        else:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    from PySide6.QtCore import QLocale

    locale_before = QLocale()
    from gridcenter_desktop.ui.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")  # as the start-up does
    try:
        code = app._interactive(
            qapp, settings, ErrorReporter(tmp_path / "logs"), url, False, None, None, translators
        )
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        from gridcenter_desktop.ui.labels import reset_cache

        reset_cache()
        QLocale.setDefault(locale_before)
    assert code == 0
    assert seen == [("文件(&F)", "视图(&V)", "operator"), ("&File", "&View", "operator")]
    assert settings.language == "en"


def test_following_the_system_switches_with_it_while_the_desk_is_open(qapp, monkeypatch, settings):
    from gridcenter_desktop.ui import appearance

    appearance.follow_system_scheme(settings, qapp)
    try:
        assert settings.theme == "system" and not is_dark(qapp)
        monkeypatch.setattr(appearance, "system_is_dark", lambda: True)
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert is_dark(qapp)
        # A desk set to light stays light whatever the system does.
        settings.theme = "light"
        apply_theme("light")
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not is_dark(qapp)
    finally:
        apply_theme("light")


def test_light_is_light_even_when_the_desk_started_on_a_dark_system(qapp, monkeypatch):
    from gridcenter_desktop.ui import appearance

    monkeypatch.setattr(appearance, "_original", (qapp.style().name(), appearance.dark_palette()))
    try:
        assert not apply_theme("light")
        assert not is_dark(qapp)
    finally:
        monkeypatch.undo()
        apply_theme("light")


def test_the_base_data_template_is_saved_in_the_export_folder(
    qtbot, monkeypatch, settings, tmp_path
):
    from gridcenter_desktop.ui.import_preview import WorkbookChooser

    settings.export_folder = str(tmp_path)
    chooser = WorkbookChooser(None, settings)
    qtbot.addWidget(chooser)
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]), ("", ""))[1]
    )
    chooser.template_button.click()
    chooser.example_button.click()
    assert [Path(p).parent for p in asked] == [tmp_path, tmp_path]


def test_every_alt_letter_is_its_own_and_alt_s_saves_from_the_folder_field(qtbot, settings):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton

    dialog = SettingsDialog(current_choices(settings))
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    keys = [QKeySequence.mnemonic(text) for text in texts]
    assert all(not key.isEmpty() for key in keys), texts
    assert len(set(keys)) == len(keys), texts
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the dialog's keys work in its active window
    dialog.folder.setFocus()
    dialog.folder.setText("/tmp/out")
    qtbot.keyClick(dialog.folder, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    # A button's Alt letter clicks it visibly: the click lands a moment later.
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.folder.text() == "/tmp/out"


def test_red_and_green_text_turns_lighter_on_the_dark_theme_and_back(qtbot, window):
    # Issue 13 walk: 【超期】 in dark red, the dispatch form's green line and the grid tree's
    # red counts hardly read on the dark theme's grey.
    import re

    from gridcenter_desktop.core.deadlines import DeadlineState
    from gridcenter_desktop.ui.grid_tree_model import COL_OVERDUE
    from gridcenter_desktop.ui.queue_model import DEADLINE_STATE_ROLE

    queue = window.dock_widget("dock.queue")
    detail = window.dock_widget("dock.detail")
    dispatch = window.dock_widget("dock.dispatch")
    tree = window.dock_widget("dock.grid_tree").model
    queue._preset_buttons["overdue"].click()
    assert window.context.jobs.wait_idle(10_000)
    assert queue.model.index(0, 0).data(DEADLINE_STATE_ROLE) == DeadlineState.OVERDUE
    with qtbot.waitSignal(detail.sig_loaded, timeout=10_000):
        queue.table.selectRow(0)
    assert window.context.jobs.wait_idle(10_000)
    qtbot.waitUntil(lambda: bool(dispatch.banner_text()))

    def lightness() -> tuple[int, int, int]:
        badge = re.search(r"color:(#[0-9a-fA-F]{6})'>【", detail.heading.text()).group(1)
        banner = re.search(r"color:(#[0-9a-fA-F]{6})", dispatch.banner.styleSheet()).group(1)
        count = tree.index(0, COL_OVERDUE).data(Qt.ItemDataRole.ForegroundRole).color()
        return QColor(badge).lightness(), QColor(banner).lightness(), count.lightness()

    ground = window.palette().color(window.palette().ColorRole.Window).lightness()
    assert ground > 200 and all(value < 120 for value in lightness())
    apply_theme("dark")
    QApplication.processEvents()  # the new palette reaches the widgets as an event
    ground = window.palette().color(window.palette().ColorRole.Window).lightness()
    assert ground < 80 and all(value - ground > 100 for value in lightness()), lightness()
    apply_theme("light")
    QApplication.processEvents()
    assert all(value < 120 for value in lightness())
