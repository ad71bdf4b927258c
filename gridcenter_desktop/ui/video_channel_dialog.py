"""Add or edit one video channel (the 视频通道 window's Add… and Edit…): number, name, grid,
WGS-84 position, stream address, status, owner unit, note. The service checks everything; a
refusal is shown at its field and the dialog stays open with what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import ChannelStatus
from gridcenter_desktop.services.errors import ValidationError
from gridcenter_desktop.services.video_channels import ChannelForm, ChannelRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.field_errors import MESSAGE_STYLE, FieldErrors
from gridcenter_desktop.ui.plain_text import plain
from gridcenter_desktop.ui.widget_jobs import WidgetJobs


def load_grids(job):
    from gridcenter_desktop.services.suggestions import village_grids

    return [(v.name, g.id, g.name) for v in village_grids(job.session()) for g in v.grids]


def save_channel(job, actor, channel_id: int | None, form: ChannelForm, now):
    from gridcenter_desktop.services.video_channels import add_channel, edit_channel

    if channel_id is None:
        return add_channel(job.session(), actor, form, now)
    edit_channel(job.session(), actor, channel_id, form, now)
    return channel_id


class ChannelDialog(QDialog):
    """The add/edit form; ``saved`` is the channel's id after success."""

    def __init__(
        self, context: AppContext, row: ChannelRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("video_channel_dialog")
        self.setWindowTitle(self.tr("Edit video channel") if row else self.tr("Add video channel"))
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._row = row
        self.saved: int | None = None
        self.errors = e = FieldErrors()
        self.number = QLineEdit(row.number if row else "", self)
        self.name = QLineEdit(row.name if row else "", self)
        self.grid = QComboBox(self)
        self.grid.addItem(self.tr("(no grid)"), None)
        self.longitude = QLineEdit(_coordinate(row.longitude if row else None), self)
        self.latitude = QLineEdit(_coordinate(row.latitude if row else None), self)
        self.longitude.setPlaceholderText(self.tr("WGS-84, e.g. 120.4012"))
        self.latitude.setPlaceholderText(self.tr("WGS-84, e.g. 31.2905"))
        self.stream_url = QLineEdit(row.stream_url if row else "", self)
        self.stream_url.setPlaceholderText("rtsp://")
        self.status = QComboBox(self)
        for value, text in labels.channel_status_choices():
            self.status.addItem(text, value)
        if row:
            self.status.setCurrentIndex(self.status.findData(row.status.value))
        self.owner_unit = QLineEdit(row.owner_unit if row else "", self)
        self.note = QLineEdit(row.note if row else "", self)
        form = QFormLayout()
        form.addRow(self.tr("Channel number"), e.wrap("number", self.number))
        form.addRow(self.tr("Name"), e.wrap("name", self.name))
        form.addRow(self.tr("Grid"), e.wrap("grid_id", self.grid))
        form.addRow(self.tr("Longitude"), e.wrap("longitude", self.longitude))
        form.addRow(self.tr("Latitude"), e.wrap("latitude", self.latitude))
        form.addRow(self.tr("Stream address"), e.wrap("stream_url", self.stream_url))
        form.addRow(self.tr("Status"), e.wrap("status", self.status))
        form.addRow(self.tr("Owner unit"), e.wrap("owner_unit", self.owner_unit))
        form.addRow(self.tr("Note"), e.wrap("note", self.note))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)
        context.write_gate.gate(self._save)
        self.message = plain(QLabel(self))
        self.message.setObjectName("video_channel_message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        context.jobs.submit(load_grids, on_result=self._show_grids, key=f"channel-grids-{id(self)}")

    def _show_grids(self, grids) -> None:
        for village, grid_id, name in grids:
            self.grid.addItem(f"{village} / {name}", grid_id)
        if self._row and self._row.grid_id is not None:
            self.grid.setCurrentIndex(max(self.grid.findData(self._row.grid_id), 0))

    def form(self) -> ChannelForm:
        """The form's content; ValidationError naming a coordinate that is not a number."""
        coordinates = {}
        for field, edit in (("longitude", self.longitude), ("latitude", self.latitude)):
            text = edit.text().strip()
            try:
                coordinates[field] = float(text) if text else None
            except ValueError:
                raise ValidationError(field, "invalid") from None
        return ChannelForm(
            number=self.number.text(),
            name=self.name.text(),
            grid_id=self.grid.currentData(),
            longitude=coordinates["longitude"],
            latitude=coordinates["latitude"],
            stream_url=self.stream_url.text(),
            status=ChannelStatus(self.status.currentData()),
            owner_unit=self.owner_unit.text(),
            note=self.note.text(),
        )

    def submit(self) -> None:
        """Save (the Save button): add the channel, or change the one being edited."""
        self.errors.clear()
        self.message.hide()
        try:
            form = self.form()
        except ValidationError as exc:
            self.errors.show_error(exc)
            return
        self._save.setEnabled(False)
        self._jobs.submit(
            save_channel,
            self._context.actor,
            self._row.id if self._row else None,
            form,
            self._context.now(),
            on_result=self._done,
            on_error=self._failed,
        )

    def _done(self, channel_id: int) -> None:
        self.saved = channel_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._save.setEnabled(True)
        text = self.errors.form_message(exc, lambda e: self.message.setText(str(e)))
        if text:
            self.message.setText(text)
        self.message.setVisible(bool(self.message.text()))


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"
