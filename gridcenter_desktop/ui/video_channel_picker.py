"""A ticket's video channel (视频通道) in the desk's forms: the register form's picker, shown
when the source is 视频巡查, offering the channels in service (typing part of a name or number
narrows the list: 313 channels are too many to scroll); and the detail panel's row with the
channel and a button that opens its stream."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from gridcenter_desktop.core.enums import TicketSource
from gridcenter_desktop.services.video_channels import ChannelChoice, ChannelRow
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.plain_text import plain


def load_channel_choices(job) -> list[ChannelChoice]:
    from gridcenter_desktop.services.video_channels import channel_choices

    return channel_choices(job.session())


class VideoChannelPicker(QComboBox):
    """A combo of the channels in service; ``channel_id()`` is the chosen one or None."""

    sig_place_suggested = Signal(object, object)
    """sig_place_suggested(village_id: int | None, grid_id: int | None): a channel was chosen;
    where it looks (the form places the ticket there unless the operator chose a grid)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("register_video_channel")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(self.tr("Type part of the channel's name or number"))
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.addItem("", None)
        self._loaded = False
        self._context = context
        self._places: dict[int, tuple[int | None, int | None]] = {}
        self.currentIndexChanged.connect(self._on_chosen)

    def load(self) -> None:
        """Read the channels once (a job), when the picker is first needed."""
        if self._loaded:
            return
        self._loaded = True
        self._context.jobs.submit(
            load_channel_choices, on_result=self._show, key=f"video-channels-{id(self)}"
        )

    def _show(self, choices: list[ChannelChoice]) -> None:
        chosen = self.channel_id()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for choice in choices:
            self.addItem(choice.label, choice.id)
            self._places[choice.id] = (choice.village_id, choice.grid_id)
        self.setCurrentIndex(max(self.findData(chosen), 0))
        self.blockSignals(False)

    def _on_chosen(self, _index: int) -> None:
        place = self._places.get(self.channel_id())
        if place is not None and place[1] is not None:
            self.sig_place_suggested.emit(*place)

    def channel_id(self) -> int | None:
        """The chosen channel; None when nothing (or text matching no channel) is chosen."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchExactly)
        return self.itemData(index) if index > 0 else None

    def follow_source(self, source: QComboBox, form: QFormLayout, row: QWidget) -> None:
        """Show ``row`` (the field holding this picker) in ``form`` only while ``source`` is
        视频巡查."""

        def update(*_args) -> None:
            video = source.currentData() == TicketSource.VIDEO.value
            form.setRowVisible(row, video)
            if video:
                self.load()

        source.currentIndexChanged.connect(update)
        update()


class ChannelField(QWidget):
    """The detail panel's 视频通道 row: the channel's name, number and status, and a button
    that opens its stream (ui/video_player.py)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.channel: ChannelRow | None = None
        self.text = plain(QLabel(self))
        self.text.setObjectName("detail_video_channel")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("Open stream"), self)
        self.open_button.setObjectName("detail_open_video_channel")
        self.open_button.clicked.connect(self.open_stream)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text, 1)
        box.addWidget(self.open_button)

    def show_channel(self, channel: ChannelRow | None) -> None:
        self.channel = channel
        if channel is None:
            self.text.setText("")
            return
        status = labels.channel_status_label(channel.status)
        self.text.setText(f"{channel.name}（{channel.number}，{status}）")
        self.open_button.setEnabled(bool(channel.stream_url))

    def open_stream(self) -> str:
        """Play the channel's stream; how it was opened ("" for not at all)."""
        if self.channel is None:
            return ""
        from gridcenter_desktop.ui.video_channels_window import open_channel

        return open_channel(self, self.channel, self._context.settings.qsettings)


def add_channel_row(form: QFormLayout, context: AppContext, after: QWidget) -> ChannelField:
    """Insert the 视频通道 row into the detail panel's ``form``, below the row of ``after``."""
    row, _role = form.getWidgetPosition(after)
    field = ChannelField(context, form.parentWidget())
    form.insertRow(row + 1, QCoreApplication.translate("VideoChannels", "Video channel"), field)
    form.setRowVisible(field, False)
    return field


def show_channel_row(form: QFormLayout, field: ChannelField, channel: ChannelRow | None) -> None:
    """Show ``channel`` in its row (hidden for a ticket that names none)."""
    field.show_channel(channel)
    form.setRowVisible(field, channel is not None)
