"""Photos and documents in the window: the strip of thumbnails in the detail panel (add by
button or by dropping files, open with the system viewer, remove while the ticket is open), the
same strip read-only in the review dialog, and the list of files a feedback will carry.

Files are read, thumbnailed and written out for the viewer in background jobs
(ui/attachment_jobs.py); the services check the type by content and the size, and say why a
file is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import EventAction
from gridcenter_desktop.core.permissions import may
from gridcenter_desktop.core.workflow import status_allows
from gridcenter_desktop.services.errors import ConflictError
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.attachment_jobs import (
    add_files_job,
    local_paths,
    open_with_system_viewer,
    remove_file_job,
    size_text,
    write_for_viewer_job,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.field_errors import MESSAGE_STYLE
from gridcenter_desktop.ui.plain_text import plain, question
from gridcenter_desktop.ui.widget_jobs import WidgetJobs

if TYPE_CHECKING:
    from gridcenter_desktop.services.intake.attachment_files import AttachmentInfo
    from gridcenter_desktop.services.ticket_detail import TicketDetail

ICON_SIZE = QSize(80, 60)
# Room for the icon and two lines of name: three files side by side in the default dock.
GRID_SIZE = QSize(ICON_SIZE.width() + 20, ICON_SIZE.height() + 38)
# Rows shown before the strip scrolls (a ticket with many files keeps the panel usable).
MAX_ROWS = 2
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What the file dialogs offer under "Photos and documents" (the service checks the content).
FILE_PATTERNS = "(*.jpg *.jpeg *.png *.heic *.heif *.pdf *.doc *.docx *.xls *.xlsx *.ppt *.pptx)"


def document_icon(extension: str) -> QPixmap:
    """A page with the file's type written on it, for documents (and photos without thumbnail)."""
    pixmap = QPixmap(ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = pixmap.rect().adjusted(22, 2, -22, -2)
    painter.setPen(QColor("#8a8f98"))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(page)
    colours = {".pdf": "#c0392b", ".doc": "#2b5797", ".docx": "#2b5797", ".xls": "#1e7145"}
    colours |= {".xlsx": "#1e7145", ".ppt": "#d24726", ".pptx": "#d24726"}
    band = page.adjusted(0, page.height() // 2 - 9, 0, -(page.height() // 2 - 9))
    painter.fillRect(band, QColor(colours.get(extension, "#6c7a89")))
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, extension.lstrip(".").upper() or "?")
    painter.end()
    return pixmap


# -- the strip ----------------------------------------------------------------------------------


class FileDropTarget:
    """A widget mixin taking local files dropped on it: ``take_dropped(paths)`` gets them
    when ``takes_drops()`` (default: always); links and folders are refused."""

    def takes_drops(self) -> bool:
        return True

    def take_dropped(self, paths: list[str]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.takes_drops() and local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = local_paths(event.mimeData()) if self.takes_drops() else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.take_dropped(paths)


class AttachmentStrip(FileDropTarget, QWidget):
    """The ticket's files as thumbnails. Editable: 添加 button, dropping files on it, 删除 for
    the selected file while the ticket is open. Read-only (the review dialog): open only."""

    sig_changed = Signal(object)
    """sig_changed(ticket_id: int): files were added or removed (the ticket has a new version)."""

    sig_opened = Signal(str)
    """sig_opened(path: str): a file was written out and handed to the system viewer."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, editable: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachment_strip")
        self._context = context
        self._jobs = WidgetJobs(self, context.jobs)
        self._editable = editable
        self._detail: TicketDetail | None = None
        self._by_id: dict[int, AttachmentInfo] = {}
        self.setAcceptDrops(editable)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("attachment_list")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        # Wrapped rows, never a sideways scroll: a file off to the right is a file the reviewer
        # does not see. The height follows the rows (see _fit_height).
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setIconSize(ICON_SIZE)
        self.list.setGridSize(GRID_SIZE)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if not editable:
            # In a dialog: wide enough for three files a row, so the dialog grows to show them.
            self.list.setMinimumWidth(3 * GRID_SIZE.width() + 24)
        self.list.setAcceptDrops(False)  # drops land on the strip itself
        self.list.itemActivated.connect(lambda item: self.open_attachment(item.data(ID_ROLE)))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.list)
        self.empty = plain(QLabel(self))
        self.empty.setObjectName("attachment_empty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        layout.addWidget(self.empty)
        self.message = plain(QLabel(self))
        self.message.setObjectName("attachment_message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.add_button.setObjectName("attachment_add")
        self.add_button.setToolTip(
            self.tr("Photos (JPEG, PNG), PDF and Office documents; or drop files here")
        )
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("attachment_open")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("attachment_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            context.write_gate.gate(button)
            button.setVisible(editable)
        row.addWidget(self.add_button)
        row.addWidget(self.open_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.show_ticket(None)

    # -- showing ------------------------------------------------------------------------------

    def show_ticket(self, detail: TicketDetail | None) -> None:
        """Show ``detail``'s files (None: no ticket)."""
        if detail is None or self._detail is None or detail.id != self._detail.id:
            self.message.hide()
        self._detail = detail
        files = detail.attachments if detail is not None else ()
        self._by_id = {a.id: a for a in files}
        selected = self.selected_id()
        self.list.clear()
        for info in files:
            item = QListWidgetItem(self._icon(info), info.file_name, self.list)
            item.setData(ID_ROLE, info.id)
            item.setToolTip(self._describe(info, detail))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            if info.id == selected:
                item.setSelected(True)
        self.list.setVisible(bool(files))
        self._fit_height()
        if detail is None:
            self.empty.setText("")
        elif not files:
            self.empty.setText(
                self.tr("No photos or documents. Drop files here or press Add files…")
                if self.can_change()
                else self.tr("No photos or documents.")
            )
        self.empty.setVisible(detail is not None and not files)
        self._update_buttons()

    def _fit_height(self) -> None:
        """As tall as the rows of files need, up to MAX_ROWS rows."""
        count = self.list.count()
        # The strip's own width (its layout has no margins): the list is resized after this.
        inner = self.contentsRect().width() - 2 * self.list.frameWidth() - 4
        width = max(inner, GRID_SIZE.width())
        per_row = max(1, width // GRID_SIZE.width())
        rows = min(MAX_ROWS, max(1, -(-count // per_row)))
        self.list.setFixedHeight(rows * GRID_SIZE.height() + 2 * self.list.frameWidth() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def can_change(self) -> bool:
        """True when this user may add and remove files on the ticket shown, now."""
        d = self._detail
        role = self._context.actor.role
        return (
            self._editable
            and d is not None
            and may(role, EventAction.ATTACH)
            and status_allows(EventAction.ATTACH, d.status)
        )

    def _update_buttons(self) -> None:
        changeable = self.can_change()
        self.add_button.setVisible(self._editable and changeable)
        self.remove_button.setVisible(self._editable and changeable)
        self.add_button.setEnabled(changeable)
        self.remove_button.setEnabled(changeable and self.selected_id() is not None)
        self.open_button.setEnabled(self.selected_id() is not None)
        self.open_button.setVisible(bool(self._by_id))

    def _icon(self, info: AttachmentInfo) -> QIcon:
        if info.thumbnail:
            image = QImage.fromData(info.thumbnail)
            if not image.isNull():
                return QIcon(QPixmap.fromImage(image))
        return QIcon(document_icon(info.extension))

    def _describe(self, info: AttachmentInfo, detail: TicketDetail) -> str:
        lines = [
            info.file_name,
            f"{labels.attachment_kind_label(info.kind)} · {size_text(info.size)}",
            self.tr("Added by {name} at {time}").format(
                name=info.added_by_name or self.tr("(system)"),
                time=info.added_at.strftime("%Y-%m-%d %H:%M"),
            ),
        ]
        for a in detail.assignments:
            if a.id == info.assignment_id:
                lines.append(self.tr("Sent with the feedback of {who}").format(who=a.assignee_name))
        return "\n".join(lines)

    def selected_id(self) -> int | None:
        items = self.list.selectedItems() if self.list.count() else []
        return items[0].data(ID_ROLE) if items else None

    def names(self) -> list[str]:
        """The file names as shown (tests, copying)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def has_thumbnail(self, row: int) -> bool:
        """True when the file at ``row`` shows its own picture (not a document icon)."""
        item = self.list.item(row)
        return bool(item is not None and self._by_id[item.data(ID_ROLE)].thumbnail)

    # -- gestures -----------------------------------------------------------------------------

    def takes_drops(self) -> bool:
        return self.can_change()

    def take_dropped(self, paths: list[str]) -> None:
        self.add_files(paths)

    def choose_files(self) -> None:
        """添加附件: pick files in a file dialog."""
        if not self.can_change():
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos and documents"),
            "",
            self.tr("Photos and documents") + f" {FILE_PATTERNS};;" + self.tr("All files") + " (*)",
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[str]) -> None:
        """Keep the files at ``paths`` on the ticket (read and checked in a job)."""
        d = self._detail
        if d is None or not paths or not self.can_change():
            return
        self._busy(self.tr("Adding {n} file(s)…").format(n=len(paths)))
        self._jobs.submit(
            add_files_job,
            self._context.actor,
            d.id,
            d.version,
            list(paths),
            self._context.now(),
            on_result=self._changed,
            on_error=self._failed,
        )

    def remove_selected(self) -> None:
        """删除: remove the selected file (asked first; the timeline records it)."""
        d, attachment_id = self._detail, self.selected_id()
        if d is None or attachment_id is None or not self.can_change():
            return
        name = self._by_id[attachment_id].file_name
        answer = question(
            self,
            self.tr("Remove file"),
            self.tr("Remove {name} from ticket {code}? The timeline keeps a note of it.").format(
                name=name, code=d.code
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy(self.tr("Removing {name}…").format(name=name))
        self._jobs.submit(
            remove_file_job,
            self._context.actor,
            d.id,
            d.version,
            attachment_id,
            self._context.now(),
            on_result=self._changed,
            on_error=self._failed,
        )

    def open_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is not None:
            self.open_attachment(attachment_id)

    def open_attachment(self, attachment_id: int) -> None:
        """Write the file to the private folder and open it with the system's viewer."""
        info = self._by_id.get(attachment_id)
        if info is None:
            return
        self._jobs.submit(
            write_for_viewer_job,
            self._context.actor,
            info,
            on_result=self._open_written,
            on_error=self._failed,
        )

    def _open_written(self, path: str) -> None:
        if not open_with_system_viewer(path):
            self._show_message(
                self.tr("No program on this computer opens {name}.").format(name=Path(path).name)
            )
            return
        self.sig_opened.emit(path)

    def _busy(self, text: str) -> None:
        self.add_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.message.setStyleSheet("color: #555;")
        self.message.setText(text)
        self.message.show()

    def _changed(self, ref) -> None:
        self.message.hide()
        self._update_buttons()
        self._context.bus.sig_tickets_changed.emit([ref.id])
        self.sig_changed.emit(ref.id)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self._show_message(labels.error_text(exc))
        if isinstance(exc, ConflictError) and self._detail is not None:
            # Someone changed the ticket meanwhile: the panel shows it as it is now.
            self._context.bus.sig_tickets_changed.emit([self._detail.id])

    def _show_message(self, text: str) -> None:
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setText(text)
        self.message.show()


# -- files a feedback will carry ----------------------------------------------------------------


class PendingFiles(FileDropTarget, QWidget):
    """The files chosen for a feedback (附现场照片): a list with 添加 and 移除 and room to drop
    files; they are read and kept only when the feedback is sent."""

    sig_changed = Signal()
    """sig_changed(): a file was added to or removed from the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pending_files")
        self.setAcceptDrops(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("pending_file_list")
        self.list.setFixedHeight(64)
        self.list.setAcceptDrops(False)
        layout.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.add_button.setObjectName("pending_files_add")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("pending_files_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.list.setToolTip(self.tr("Site photos and documents sent with the result"))

    def paths(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def add_paths(self, paths: Sequence[str]) -> None:
        known = set(self.paths())
        for path in paths:
            if path in known:
                continue
            item = QListWidgetItem(Path(path).name, self.list)
            item.setData(ID_ROLE, path)
            item.setToolTip(path)
            known.add(path)
        self.sig_changed.emit()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos and documents"),
            "",
            self.tr("Photos and documents") + f" {FILE_PATTERNS}",
        )
        self.add_paths(paths)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.sig_changed.emit()

    def take_dropped(self, paths: list[str]) -> None:
        self.add_paths(paths)
