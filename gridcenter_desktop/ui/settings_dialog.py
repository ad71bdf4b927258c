"""View → Settings… (Ctrl+,): this workstation's choices, kept in its settings file
(ui/settings.py) and applied at once when saved: the language (the window reopens in it, the
same user signed in), the theme, the queue's font size, the period the charts and reports
open on, and the folder the save dialogs open in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.periods import RelativePeriod
from gridcenter_desktop.ui.settings import LANGUAGE_NAMES, LANGUAGES, QUEUE_FONT_SIZES

THEME_TEXTS = (
    ("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")),
    ("light", QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
    ("dark", QT_TRANSLATE_NOOP("SettingsDialog", "Dark")),
)

PERIOD_TEXTS = (
    ("", QT_TRANSLATE_NOOP("SettingsDialog", "The town's default period")),
    (RelativePeriod.THIS_MONTH.value, QT_TRANSLATE_NOOP("SettingsDialog", "This month")),
    (RelativePeriod.LAST_MONTH.value, QT_TRANSLATE_NOOP("SettingsDialog", "Last month")),
    (RelativePeriod.THIS_QUARTER.value, QT_TRANSLATE_NOOP("SettingsDialog", "This quarter")),
    (RelativePeriod.THIS_YEAR.value, QT_TRANSLATE_NOOP("SettingsDialog", "This year")),
    (RelativePeriod.LAST_30_DAYS.value, QT_TRANSLATE_NOOP("SettingsDialog", "Last 30 days")),
)

# The spin box's lowest step stands for "the system's size" (stored as 0).
_SYSTEM_SIZE_STEP = QUEUE_FONT_SIZES[0] - 1


@dataclass(frozen=True)
class DeskChoices:
    """What the dialog's fields say."""

    language: str
    theme: str
    queue_font_size: int
    report_period: str
    export_folder: str


def current_choices(settings) -> DeskChoices:
    return DeskChoices(
        settings.language,
        settings.theme,
        settings.queue_font_size,
        settings.report_period,
        settings.export_folder,
    )


class SettingsDialog(QDialog):
    """The settings form: every field has an Alt letter; Enter saves, Esc cancels."""

    def __init__(self, choices: DeskChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))

        self.language = QComboBox(self)
        self.language.setObjectName("settings.language")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.theme = QComboBox(self)
        self.theme.setObjectName("settings.theme")
        for value, text in THEME_TEXTS:
            self.theme.addItem(QCoreApplication.translate("SettingsDialog", text), value)
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("settings.queue_font_size")
        self.font_size.setRange(_SYSTEM_SIZE_STEP, QUEUE_FONT_SIZES[1])
        self.font_size.setSpecialValueText(self.tr("System size"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.period = QComboBox(self)
        self.period.setObjectName("settings.report_period")
        for value, text in PERIOD_TEXTS:
            self.period.addItem(QCoreApplication.translate("SettingsDialog", text), value)
        self.period.setToolTip(
            self.tr(
                "The period the charts and the export dialog open on. A period counted from"
                " today can be empty on a database whose tickets end earlier."
            )
        )
        self.folder = QLineEdit(self)
        self.folder.setObjectName("settings.export_folder")
        self.folder.setPlaceholderText(self.tr("The last export's folder, else Documents"))
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Language:"), self.language), self.language)
        form.addRow(self._label(self.tr("&Theme:"), self.theme), self.theme)
        form.addRow(self._label(self.tr("Queue &font size:"), self.font_size), self.font_size)
        form.addRow(self._label(self.tr("Report &period:"), self.period), self.period)
        form.addRow(self._label(self.tr("E&xport folder:"), self.folder), folder_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(True)
        # Qt's own English "Save" and Chinese "取消" have no Alt letter: Alt+S typed an "s"
        # into the export folder field (issue 13 walk). S and C are no field's letter.
        for button, text in (
            (save, self.tr("&Save")),
            (self.buttons.button(QDialogButtonBox.StandardButton.Cancel), self.tr("&Cancel")),
        ):
            if "&" not in button.text():
                button.setText(text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "Kept on this computer, in this system account's settings file: the same"
                " for whoever signs in to GridCenter here."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(note)
        box.addWidget(self.buttons)
        for first, second in (
            (self.language, self.theme),
            (self.theme, self.font_size),
            (self.font_size, self.period),
            (self.period, self.folder),
            (self.folder, self.browse_button),
            (self.browse_button, self.buttons),
        ):
            QWidget.setTabOrder(first, second)
        self.set_choices(choices)
        self.language.setFocus()
        # Room for a folder path and the placeholder saying what an empty one means.
        self.setMinimumWidth(480)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def set_choices(self, choices: DeskChoices) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(choices.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(choices.theme)))
        self.font_size.setValue(choices.queue_font_size or _SYSTEM_SIZE_STEP)
        self.period.setCurrentIndex(max(0, self.period.findData(choices.report_period)))
        self.folder.setText(choices.export_folder)

    def choices(self) -> DeskChoices:
        size = self.font_size.value()
        return DeskChoices(
            str(self.language.currentData()),
            str(self.theme.currentData()),
            0 if size == _SYSTEM_SIZE_STEP else size,
            str(self.period.currentData()),
            self.folder.text().strip(),
        )

    def browse(self) -> None:
        """Choose the export folder with the system's folder dialog."""
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Export folder"), self.folder.text().strip()
        )
        if chosen:
            self.folder.setText(chosen)


def apply_choices(window, choices: DeskChoices) -> None:
    """Store ``choices`` and apply them to ``window`` at once; a new language last, as the
    window then reopens in it (MainWindow.change_language, the path View → Language takes)."""
    from gridcenter_desktop.ui.appearance import apply_queue_font, apply_theme

    settings = window.context.settings
    before = current_choices(settings)
    settings.theme = choices.theme
    settings.queue_font_size = choices.queue_font_size
    settings.report_period = choices.report_period
    settings.export_folder = choices.export_folder
    settings.sync()
    apply_theme(choices.theme)
    apply_queue_font(window, choices.queue_font_size)
    if choices.report_period != before.report_period:
        charts = window.dock_widget("dock.charts")
        if charts is not None and hasattr(charts, "reload"):
            charts.reload()  # its default period is the new one
    window.change_language(choices.language)


def open_settings(window) -> SettingsDialog:
    """View → Settings…: the dialog on this workstation's settings; saved choices apply."""
    dialog = SettingsDialog(current_choices(window.context.settings), window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        apply_choices(window, dialog.choices())
    return dialog
