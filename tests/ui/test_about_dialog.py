"""Help → About: the version, the database (without its password) with its schema revision,
the signed-in user, Python and Qt, the log folder, the libraries and their licences; 复制
copies all of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QTableWidget

from gridcenter_desktop.core.enums import UserRole
from gridcenter_desktop.db import migrate
from gridcenter_desktop.services.about import app_version
from gridcenter_desktop.services.actor import Actor
from gridcenter_desktop.ui.about_dialog import AboutDialog

ACTOR = Actor(user_id=1, role=UserRole.OPERATOR, display_name="张敏", login="zhangmin")


@pytest.fixture
def dialog(qtbot, make_context, db_url, tmp_path):
    ctx = make_context(db_url, ACTOR)
    # As opened: the address may carry the connection's password.
    ctx.url = db_url.replace("://", "://op:s3cret@", 1) if "postgresql" in db_url else db_url
    dlg = AboutDialog(ctx, tmp_path / "logs")
    qtbot.addWidget(dlg)
    assert ctx.jobs.wait_idle(10_000)
    return dlg


def test_about_shows_version_database_user_and_log_folder(dialog, db_url, tmp_path):
    fields = {key: label.text() for key, label in dialog.fields.items()}
    assert fields["revision"] == migrate.head_revision()
    assert fields["server_version"][:1].isdigit()
    assert "张敏" in fields["user"] and "zhangmin" in fields["user"]
    assert fields["log_folder"] == str(tmp_path / "logs")
    if db_url.startswith("sqlite"):
        assert fields["database"] == "SQLite"
        assert fields["location"] == db_url.removeprefix("sqlite:///")
    else:
        assert fields["database"] == "PostgreSQL"
        assert "s3cret" not in fields["address"] and "op@" in fields["address"]
    assert app_version() in dialog.findChild(type(dialog.fields["user"]), "about.heading").text()


def test_third_party_licences_are_a_table(dialog):
    table = dialog.findChild(QTableWidget, "about.licences")
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    assert rows["SQLAlchemy"][1] == "MIT"
    assert rows["PySide6-Essentials"][1].startswith("LGPL-3.0")
    assert rows["psycopg"][1].startswith("LGPL")
    assert all(version for version, _licence in rows.values())


def test_copy_puts_everything_on_the_clipboard(dialog, db_url):
    dialog.findChild(QPushButton, "about.copy").click()
    text = QGuiApplication.clipboard().text()
    assert text == dialog.text()
    assert app_version() in text and migrate.head_revision() in text
    assert "openpyxl" in text and "MIT" in text and "s3cret" not in text


def test_help_about_opens_the_dialog(qtbot, make_context, small_town):
    from gridcenter_desktop.ui.main_window import MainWindow

    url, _ids = small_town
    ctx = make_context(url, ACTOR)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.commands["help.about"].trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert ctx.jobs.wait_idle(10_000)
    assert dialog.fields["revision"].text() == migrate.head_revision()
    dialog.close()
    window.close()


def test_closing_before_the_database_answers_is_quiet(qtbot, make_context, small_town, tmp_path):
    url, _ids = small_town
    ctx = make_context(url, ACTOR)
    failed = []
    ctx.jobs.sig_job_failed.connect(failed.append)
    dialog = AboutDialog(ctx, tmp_path / "logs")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.reject()  # before the job's result arrives
    assert ctx.jobs.wait_idle(10_000)
    qtbot.wait(50)
    assert failed == []
