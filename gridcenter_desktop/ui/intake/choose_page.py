"""The import's first page: the file, the platform it came from and the saved column mapping
(profile) to read it with; the platform's last used profile is offered first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import IntakeSource
from gridcenter_desktop.ui.admin.common import NOTE_STYLE
from gridcenter_desktop.ui.import_preview import documents_folder
from gridcenter_desktop.ui.labels import intake_source_choices
from gridcenter_desktop.ui.settings import Settings

SUFFIXES = (".xlsx", ".csv", ".json")


class ChoosePage(QWidget):
    """File, platform and profile; ``sig_changed`` whenever one of them changes."""

    sig_changed = Signal()
    """sig_changed(): the file, platform or profile changed (Next may have become possible)."""

    sig_browsed = Signal()
    """sig_browsed(): a file was chosen in the file dialog (the next step is to read it)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._profiles: list = []
        intro = QLabel(
            self.tr(
                "A sheet exported from the 12345 hotline or the district platform (.xlsx, or"
                " .csv in UTF-8 or GB18030), or an Open311 requests.json. Nothing is written"
                " before you have seen the preview."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("intake.path")
        self.path_edit.setPlaceholderText(self.tr("The platform's file (.xlsx, .csv, .json)"))
        self.path_edit.textChanged.connect(self._path_typed)
        self.browse_button = QPushButton(self.tr("&Choose file…"), self)
        self.browse_button.setObjectName("intake.browse")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("intake.source")
        for code, label in intake_source_choices():
            self.source_combo.addItem(label, code)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("intake.profile")
        self.profile_combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
        self.profile_note = QLabel(self)
        self.profile_note.setStyleSheet(NOTE_STYLE)
        self.profile_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&File:"), file_row)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.path_edit)
        form.addRow(self.tr("&Platform:"), self.source_combo)
        form.addRow(self.tr("Column &mapping:"), self.profile_combo)
        form.addRow("", self.profile_note)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addStretch(1)
        self._fill_profiles()
        self.setFocusProxy(self.browse_button)

    # -- what was chosen -----------------------------------------------------------------------

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def source(self) -> IntakeSource:
        return IntakeSource(self.source_combo.currentData())

    def profile(self):
        """The saved profile chosen (services.intake.rows.Profile), None: recognise headers."""
        index = self.profile_combo.currentData()
        return None if index is None else self._profiles[index]

    def ready(self) -> bool:
        path = self.path()
        return path is not None and path.suffix.lower() in SUFFIXES

    # -- changing it ---------------------------------------------------------------------------

    def set_profiles(self, profiles) -> None:
        """The saved profiles (read in a job); the platform's last used one is chosen."""
        self._profiles = list(profiles)
        self._fill_profiles()

    def choose(self, path: Path) -> None:
        """Take ``path`` as the file (Browse, or a caller that knows); a requests.json means
        Open311."""
        self.path_edit.setText(str(path))
        if path.suffix.lower() == ".json":
            self.set_source(IntakeSource.OPEN311)

    def set_source(self, source: IntakeSource) -> None:
        self.source_combo.setCurrentIndex(self.source_combo.findData(source.value))

    def set_profile(self, name: str | None) -> None:
        for i in range(self.profile_combo.count()):
            index = self.profile_combo.itemData(i)
            if (index is None and name is None) or (
                index is not None and self._profiles[index].name == name
            ):
                self.profile_combo.setCurrentIndex(i)
                return

    def remember_profile(self) -> None:
        """The profile used is offered first the next time for this platform."""
        profile = self.profile()
        self._settings.set_last_intake_profile(
            self.source().value, profile.name if profile is not None else ""
        )

    def browse(self) -> None:
        current = self.path()
        start = str(current.parent) if current else str(documents_folder())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the platform's file"),
            start,
            self.tr("Platform files (*.xlsx *.csv *.json);;All files (*)"),
        )
        if chosen:
            self.choose(Path(chosen))
            self.sig_browsed.emit()

    def _path_typed(self, _text: str) -> None:
        self.sig_changed.emit()

    def _source_changed(self, _index: int) -> None:
        self._fill_profiles()
        self.sig_changed.emit()

    def _fill_profiles(self) -> None:
        source = self.source()
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("Recognise the headers"), None)
        for index, profile in enumerate(self._profiles):
            if profile.source == source:
                self.profile_combo.addItem(profile.name, index)
        self.profile_combo.blockSignals(False)
        last = self._settings.last_intake_profile(source.value)
        if last is None:
            # Never imported from this platform at this desk: the platform's profile another
            # desk saved or changed last.
            mine = [p for p in self._profiles if p.source == source and p.updated_at]
            last = max(mine, key=lambda p: p.updated_at).name if mine else ""
        self.set_profile(last or None)
        self.profile_note.setText(
            self.tr(
                "Headers are recognised by their usual names (工单编号, 来电时间, 诉求内容 …);"
                " a saved mapping reads a platform's own headers. Columns nobody recognises"
                " are asked about next."
            )
        )
