"""Help → About GridCenter: the version, the database in use, the Python and Qt versions, the
log folder, and (第三方许可) the libraries shipped with their licences; 复制 copies all of it
as text for a support request. The facts come from services/about.py; the database's part
(its server version and schema revision) is asked in the background, so a slow server never
holds the dialog up."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services import about
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.labels import user_role_label
from gridcenter_desktop.ui.settings import without_password
from gridcenter_desktop.ui.widget_jobs import WidgetJobs


def _labels() -> dict[str, str]:
    """services.about.LABELS in the window's language (literal calls for pyside6-lupdate)."""
    return {
        "database": QCoreApplication.translate("AboutDialog", "Database"),
        "address": QCoreApplication.translate("AboutDialog", "Address"),
        "location": QCoreApplication.translate("AboutDialog", "Location"),
        "server_version": QCoreApplication.translate("AboutDialog", "Server version"),
        "revision": QCoreApplication.translate("AboutDialog", "Schema revision"),
        "user": QCoreApplication.translate("AboutDialog", "Signed in as"),
        "python": QCoreApplication.translate("AboutDialog", "Python"),
        "qt": QCoreApplication.translate("AboutDialog", "Qt / PySide6"),
        "platform": QCoreApplication.translate("AboutDialog", "System"),
        "log_folder": QCoreApplication.translate("AboutDialog", "Log folder"),
        "libraries": QCoreApplication.translate("AboutDialog", "Libraries"),
    }


def _gather_job(_job, engine, address, user, role, qt, log_folder):
    return about.gather(
        engine=engine, address=address, user=user, role=role, qt_version=qt, log_folder=log_folder
    )


class AboutDialog(QDialog):
    """Two tabs (关于, 第三方许可) and 复制 / 关闭."""

    def __init__(self, context, log_folder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About GridCenter"))
        self._context = context
        actor = context.actor
        self._user = " ".join(p for p in (actor.display_name, f"({actor.login})") if p != "()")
        self._role = user_role_label(actor.role)
        address = without_password(context.url or "")
        # Shown at once (no database needed); the database's facts follow from the job.
        self.facts = about.gather(
            engine=None,
            address=address,
            user=self._user,
            role=self._role,
            qt_version=qVersion(),
            log_folder=log_folder,
        )
        self.names = _labels()

        heading = QLabel(self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("about.heading")
        heading.setText(self.tr("GridCenter Desktop {version}").format(version=self.facts.version))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        blurb = QLabel(
            self.tr(
                "The dispatch desk of a town's grid-governance command centre: take in"
                " tickets, dispatch them to grids and departments, follow them until closed,"
                " and report the figures."
            ),
            self,
        )
        blurb.setWordWrap(True)

        self.fields: dict[str, QLabel] = {}
        summary = QWidget(self)
        form = QFormLayout(summary)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in (
            "database",
            "address",
            "location",
            "server_version",
            "revision",
            "user",
            "python",
            "qt",
            "platform",
            "log_folder",
        ):
            value = QLabel(self)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"about.{key}")
            self.fields[key] = value
            form.addRow(self.tr("{label}:").format(label=self.names[key]), value)
        summary_page = QWidget(self)
        summary_box = QVBoxLayout(summary_page)
        summary_box.addWidget(heading)
        summary_box.addWidget(blurb)
        summary_box.addWidget(summary)
        summary_box.addStretch(1)

        self.licences = QTableWidget(0, 3, self)
        self.licences.setObjectName("about.licences")
        self.licences.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        self.licences.verticalHeader().hide()
        self.licences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.licences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licences.setWordWrap(False)
        self.licences.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.licences.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        licence_page = QWidget(self)
        licence_box = QVBoxLayout(licence_page)
        note = QLabel(
            self.tr(
                "GridCenter ships these libraries; each keeps its own licence. Qt for Python"
                " (PySide6) and psycopg are used under the LGPL: they are separate files in the"
                " program folder and may be replaced."
            ),
            self,
        )
        note.setWordWrap(True)
        licence_box.addWidget(note)
        licence_box.addWidget(self.licences)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(summary_page, self.tr("About"))
        self.tabs.addTab(licence_page, self.tr("Third-party licences"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("about.copy")
        self.copy_button.setToolTip(self.tr("Copy all of this as text (for a support request)"))
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.copied = QLabel(self)
        self.copied.hide()
        box = QVBoxLayout(self)
        box.addWidget(self.tabs)
        box.addWidget(self.copied)
        box.addWidget(buttons)

        self._show_facts(self.facts)
        self.fields["server_version"].setText(self.tr("asking the database…"))
        self.fields["revision"].setText(self.tr("asking the database…"))
        # Dropped when the dialog closes first (a slow server): never reaches a deleted widget.
        self._jobs = WidgetJobs(self, context.jobs)
        self.finished.connect(lambda _result: self._jobs.cancel_all())
        self._jobs.submit(
            _gather_job,
            context.engine,
            address,
            self._user,
            self._role,
            qVersion(),
            str(log_folder),
            on_result=self._show_facts,
            on_error=self._database_failed,
            key="about.gather",
        )
        remember_geometry(self, context.settings, "about", (720, 520))

    def _show_facts(self, facts: about.AboutFacts) -> None:
        self.facts = facts
        db = facts.database
        values = {
            "database": db.kind,
            "address": db.address,
            "location": db.location,
            "server_version": db.server_version,
            "revision": db.revision,
            "user": f"{facts.user} ({facts.role})",
            "python": facts.python,
            "qt": f"{facts.qt} / PySide6 {facts.pyside}",
            "platform": facts.platform,
            "log_folder": facts.log_folder,
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.licences.setRowCount(len(facts.libraries))
        for row, lib in enumerate(facts.libraries):
            for column, value in enumerate((lib.name, lib.version, lib.licence)):
                self.licences.setItem(row, column, QTableWidgetItem(value))

    def _database_failed(self, _exc: BaseException) -> None:
        # about.gather never raises for the database; anything else keeps the first facts.
        self.fields["server_version"].setText(about.UNKNOWN)
        self.fields["revision"].setText(about.UNKNOWN)

    def text(self) -> str:
        """What 复制 copies."""
        return about.about_text(self.facts, self.names)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copied.setText(self.tr("Copied. Paste it into your message to the administrator."))
        self.copied.show()
