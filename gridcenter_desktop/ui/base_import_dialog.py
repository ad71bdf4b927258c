"""File → Import base data (administrators): choose a filled-in workbook, look at the preview
(rows to add, to update, problems with sheet, row, column and reason), then import it all or
cancel. The import runs as a background job and is all-or-nothing
(services.admin.base_import.apply_import: one commit, refused while the plan has problems)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.errors import ServiceError, ValidationError
from gridcenter_desktop.ui.admin.common import MESSAGE_STYLE
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.import_preview import ImportPreview, WorkbookChooser
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.plain_text import plain


def apply_workbook(job, actor, plan, now):
    """Write ``plan`` as ``actor`` (one commit; nothing at all when any row is refused)."""
    from gridcenter_desktop.services.admin.base_import import apply_import

    return apply_import(job.session(), actor, plan, now=now)


def summary_text(summary) -> str:
    """What an import wrote, sheet by sheet (services.admin.base_import.ImportSummary)."""
    from PySide6.QtCore import QCoreApplication

    if not summary.changed:
        return QCoreApplication.translate(
            "BaseImport", "Nothing to import: the database already has every row."
        )
    parts = [
        QCoreApplication.translate(
            "BaseImport", "{sheet}: {added} added, {updated} updated"
        ).format(sheet=c.sheet.value, added=c.added, updated=c.updated)
        for c in summary.counts
        if c.added or c.updated
    ]
    return QCoreApplication.translate("BaseImport", "Imported. {parts}.").format(
        parts="; ".join(parts)
    )


class FirstPasswordsDialog(QDialog):
    """The first passwords the import gave the new users: shown once, to pass on; each user
    chooses their own at the first sign-in."""

    def __init__(self, passwords: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtGui import QFontDatabase, QGuiApplication
        from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

        from gridcenter_desktop.ui.demo_accounts_dialog import accounts_text

        self.setObjectName("first_passwords")
        self.setWindowTitle(self.tr("New users' first passwords"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr(
                "The import created these users. Their first passwords are shown only now:"
                " copy them and pass each on in person. Each user chooses a new password at"
                " the first sign-in."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(accounts_text(passwords), self)
        self.text.setObjectName("first_passwords.text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setFixedHeight(min(24 * (len(passwords) + 2), 320))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        copy = QPushButton(self.tr("Copy"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.text)
        box.addWidget(buttons)


def show_first_passwords(summary, parent: QWidget | None = None) -> None:
    """The new users' passwords, when the import made any."""
    if summary.passwords:
        FirstPasswordsDialog(dict(summary.passwords), parent).exec()


class BaseImportDialog(QDialog):
    """The import dialog over the desk's database, acting as the signed-in administrator."""

    sig_imported = Signal(object)
    """sig_imported(summary: services.admin.base_import.ImportSummary): the workbook was
    imported and committed."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("base_import_dialog")
        self.setWindowTitle(self.tr("Import base data"))
        self._context = context
        self._job = None
        self.summary = None
        intro = QLabel(
            self.tr(
                "Areas and grids, grid members, departments and users from GridCenter's"
                " template. Rows are matched by code, or by name within their parent; a"
                " workbook with any problem is not imported at all."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.chooser = WorkbookChooser(self, context.settings)
        self.preview = ImportPreview(context.jobs, self)
        self.chooser.sig_chosen.connect(self.preview.preview_file)
        self.preview.sig_state_changed.connect(self._update_buttons)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.result_label = plain(QLabel(self))
        self.result_label.setObjectName("import.result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setObjectName("import.apply")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("import.cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.chooser)
        box.addWidget(self.preview, 1)
        box.addWidget(self.progress)
        box.addWidget(self.result_label)
        box.addLayout(buttons)
        context.write_gate.gate(self.import_button)
        self._update_buttons()
        remember_geometry(self, context.settings, "base_import", (820, 560))

    def is_running(self) -> bool:
        return self._job is not None

    def _update_buttons(self) -> None:
        running = self._job is not None
        done = self.summary is not None
        self.import_button.setEnabled(not running and not done and self.preview.ready_to_import())
        self.chooser.setEnabled(not running)
        self.cancel_button.setEnabled(not running)
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))

    def start_import(self) -> None:
        """Write the previewed workbook in the background (all rows, or none)."""
        if self._job is not None or not self.preview.ready_to_import():
            return
        self.result_label.setStyleSheet("")
        self.result_label.setText(
            self.tr("Importing… every row is written, or none if one is refused.")
        )
        self.progress.setVisible(True)
        self._job = self._context.jobs.submit(
            apply_workbook,
            self._context.actor,
            self.preview.plan(),
            self._context.now(),
            on_result=self._imported,
            on_error=self._failed,
        )
        self._update_buttons()

    def _imported(self, summary) -> None:
        self._job = None
        self.summary = summary
        self.progress.setVisible(False)
        self.result_label.setStyleSheet("color: #1e7b34;")
        self.result_label.setText(summary_text(summary))
        self._update_buttons()
        self.cancel_button.setFocus()
        # The grid tree, pickers and counts read the new areas and departments.
        self._context.bus.sig_tickets_changed.emit([])
        self.sig_imported.emit(summary)
        show_first_passwords(summary, self)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.progress.setVisible(False)
        self.result_label.setStyleSheet(MESSAGE_STYLE)
        if isinstance(exc, ValidationError) and (exc.field, exc.rule) == ("plan", "stale"):
            # Another desk changed the data since the preview: show what the file does now.
            self.result_label.setText(
                self.tr(
                    "Nothing was imported: the data changed since the preview. Look at the"
                    " new preview, then import again."
                )
            )
            path = self.preview.path()
            if path is not None:
                self.preview.preview_file(path)
        elif isinstance(exc, ServiceError):
            self.result_label.setText(
                self.tr("Nothing was imported: {reason}").format(reason=error_text(exc))
            )
        else:
            self.result_label.setText(self.tr("The import failed; nothing was written."))
            self._context.jobs.sig_job_failed.emit(exc)
        self._update_buttons()

    def reject(self) -> None:
        """Cancel before importing closes without writing; while importing the dialog waits
        (the import is one transaction: it is written whole or not at all)."""
        if self._job is not None:
            return
        super().reject()


def open_base_import(window) -> BaseImportDialog:
    """File → Import base data in the main window."""
    dialog = BaseImportDialog(window.context, window)
    dialog.exec()
    return dialog
