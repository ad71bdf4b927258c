"""Administration → Areas and grids: the town's tree (town → village / community → grid →
micro grid) with its codes, and each grid's 1+1+N team beside it.

Add under the selected area (Insert), edit its name, code and order (F2), move it (Ctrl+M),
merge a grid into another (Ctrl+G), retire it (Delete) and restore it. Retired areas stay in
the tree, grey, so their history is visible and they can be restored; a refusal (a grid with
open tickets cannot be retired) is written under the tree in the service's words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.core.enums import AreaLevel
from gridcenter_desktop.ui.admin.area_forms import (
    AreaFormDialog,
    MergeGridsDialog,
    MoveAreaDialog,
    area_path,
    child_levels,
)
from gridcenter_desktop.ui.admin.common import (
    RETIRED_COLOUR,
    action_button,
    close_buttons,
    confirm,
    message_label,
    note_label,
    open_size,
    read,
    refusal_or_raise,
    tab_chain,
    try_call,
)
from gridcenter_desktop.ui.admin.team_panel import TeamPanel
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.labels import area_level_label

AREA_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 4  # name, level, code, status


class AreasDialog(QDialog):
    """The area tree with the administrator's actions and the selected grid's team."""

    sig_areas_changed = Signal()
    """sig_areas_changed(): an area or a team changed (the grid tree dock reloads)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.records: dict = {}
        self.setWindowTitle(self.tr("Areas and grids"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("areas.tree")
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Level"), self.tr("Code"), self.tr("Status")]
        )
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.tree.itemActivated.connect(lambda *_: self.edit_area())
        self.show_retired = QCheckBox(self.tr("Show &retired areas"), self)
        self.show_retired.setObjectName("areas.show_retired")
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(lambda _on: self.reload())

        self.add_button = action_button(
            self, self.tr("&Add…"), "areas.add", self.add_area, "Ins", self.tree
        )
        self.edit_button = action_button(
            self, self.tr("&Edit…"), "areas.edit", self.edit_area, "F2", self.tree
        )
        self.move_button = action_button(
            self, self.tr("&Move…"), "areas.move", self.move_area, "Ctrl+M", self.tree
        )
        self.merge_button = action_button(
            self, self.tr("Mer&ge into…"), "areas.merge", self.merge_area, "Ctrl+G", self.tree
        )
        self.retire_button = action_button(
            self, self.tr("Re&tire…"), "areas.retire", self.retire_area, "Del", self.tree
        )
        self.restore_button = action_button(
            self, self.tr("Re&store"), "areas.restore", self.restore_area, "Ctrl+R", self.tree
        )
        self.message = message_label(self, "areas.message")
        # What the last change did (a merge moves work: say how much); cleared by the next.
        self.outcome = note_label("", self)
        self.outcome.setObjectName("areas.outcome")
        self.team = TeamPanel(context, self)
        self.team.sig_team_changed.connect(lambda _id: self.sig_areas_changed.emit())

        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.move_button,
            self.merge_button,
            self.retire_button,
            self.restore_button,
        ):
            buttons.addWidget(button)
            context.write_gate.gate(button)
        buttons.addStretch(1)
        tree_box = QWidget(self)
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_row = QHBoxLayout()
        tree_row.addWidget(self.tree, 1)
        tree_row.addLayout(buttons)
        tree_layout.addLayout(tree_row, 1)
        tree_layout.addWidget(self.show_retired)
        team_box = QGroupBox(self.tr("Team"), self)
        team_layout = QVBoxLayout(team_box)
        team_layout.addWidget(self.team)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("areas.splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(tree_box)
        splitter.addWidget(team_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # The tree's four columns (a 12-digit code, "merged into ..." status) need the room.
        splitter.setSizes([680, 560])
        close = close_buttons(self)
        box = QVBoxLayout(self)
        box.addWidget(
            note_label(
                self.tr(
                    "Retired areas keep their tickets and history and are hidden from the"
                    " pickers. Codes are optional: leave one empty rather than guess it."
                ),
                self,
            )
        )
        box.addWidget(splitter, 1)
        box.addWidget(self.message)
        box.addWidget(self.outcome)
        box.addWidget(close)
        self.default_size = (1260, 760)
        remember_geometry(self, context.settings, "admin.areas", open_size(self, self.default_size))
        team = self.team
        tab_chain(
            self.tree,
            *(self.add_button, self.edit_button, self.move_button, self.merge_button),
            *(self.retire_button, self.restore_button, self.show_retired, team.table),
            *(team.add_button, team.edit_button, team.end_button, team.move_button),
            *(team.show_past, close.button(QDialogButtonBox.StandardButton.Close)),
        )
        self.reload()
        self.tree.setFocus()

    # -- the tree -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the areas again and keep (or move to) the selection."""
        from gridcenter_desktop.services.admin import areas as area_service

        current = self.selected()
        if select_id is None and current is not None:
            select_id = current.id
        try:
            listed = read(self._context, area_service.list_areas, include_retired=True)
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
            listed = []
            self.message.setText(refusal_or_raise(exc))
        self.records = {record.id: record for record in listed}
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for record in listed:  # tree order: parents first
            if record.retired_at is not None and not self.show_retired.isChecked():
                continue
            parent_item = items.get(record.parent_id) if record.parent_id is not None else None
            if record.parent_id is not None and parent_item is None:
                continue  # under a hidden retired parent
            item = QTreeWidgetItem(self._cells(record))
            item.setData(0, AREA_ID_ROLE, record.id)
            if record.retired_at is not None:
                font = QFont(item.font(0))
                font.setItalic(True)
                for column in range(COLUMNS):
                    item.setForeground(column, RETIRED_COLOUR)
                    item.setFont(column, font)
            if parent_item is None:
                self.tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            items[record.id] = item
        self.tree.expandAll()
        target = items.get(select_id) if select_id is not None else None
        if target is None and self.tree.topLevelItemCount():
            target = self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)
        for column in range(COLUMNS):
            self.tree.resizeColumnToContents(column)
        self._selection_changed()

    def _cells(self, record) -> list[str]:
        status = ""
        if record.merged_into_id is not None:
            target = self.records.get(record.merged_into_id)
            status = self.tr("Merged into {grid}").format(
                grid=target.name if target is not None else record.merged_into_id
            )
        elif record.retired_at is not None:
            status = self.tr("Retired {date}").format(date=record.retired_at.date().isoformat())
        return [record.name, area_level_label(record.level), record.code or "", status]

    def selected(self):
        """The AreaRecord of the current tree item, or None."""
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.records.get(item.data(0, AREA_ID_ROLE))

    def select_name(self, name: str) -> None:
        """Make the area called ``name`` current (tests and the keyboard's type-ahead)."""
        found = self.tree.findItems(name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if found:
            self.tree.setCurrentItem(found[0])

    def has_town(self) -> bool:
        return any(r.level is AreaLevel.TOWN for r in self.records.values())

    def _selection_changed(self) -> None:
        record = self.selected()
        active = record is not None and record.retired_at is None
        if record is None:
            self.add_button.setText(self.tr("&Add the town…"))
            self.add_button.setEnabled(not self.has_town())
        else:
            self.add_button.setText(self.tr("&Add under…"))
            self.add_button.setEnabled(active and bool(child_levels(record.level)))
        self.edit_button.setEnabled(record is not None)
        self.move_button.setEnabled(active and record.level is not AreaLevel.TOWN)
        self.merge_button.setEnabled(active and record.level in (AreaLevel.GRID,))
        self.retire_button.setEnabled(active and record.level is not AreaLevel.TOWN)
        self.restore_button.setEnabled(record is not None and record.retired_at is not None)
        self.team.set_area(record, self.records)

    # -- actions ------------------------------------------------------------------------------

    def _parent_code(self, parent_id: int | None) -> str | None:
        parent = self.records.get(parent_id) if parent_id is not None else None
        return parent.code if parent is not None else None

    def _done(self, record) -> None:
        self.outcome.clear()
        self.reload(select_id=record.id if record is not None else None)
        self.sig_areas_changed.emit()

    def add_area(self) -> None:
        record = self.selected()
        if record is None and self.has_town():
            return
        if record is not None and (record.retired_at is not None or not child_levels(record.level)):
            return
        dialog = AreaFormDialog(
            self._context,
            parent_record=record,
            parent_code=record.code if record is not None else None,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.message.clear()
            self._done(dialog.saved)

    def edit_area(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = AreaFormDialog(
            self._context,
            record=record,
            parent_code=self._parent_code(record.parent_id),
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.message.clear()
            self._done(dialog.saved)

    def move_area(self) -> None:
        record = self.selected()
        if record is None or record.level is AreaLevel.TOWN or record.retired_at is not None:
            return
        dialog = MoveAreaDialog(self._context, record, self.records, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.message.clear()
            self._done(dialog.saved)

    def merge_area(self) -> None:
        record = self.selected()
        if record is None or record.level is not AreaLevel.GRID or record.retired_at is not None:
            return
        dialog = MergeGridsDialog(self._context, record, self.records, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.merged is not None:
            merged = dialog.merged
            self.reload(select_id=merged.target.id)
            self.message.clear()
            self.outcome.setText(
                self.tr(
                    "{source} was merged into {target}: open tickets moved: {tickets},"
                    " team members moved: {members}."
                ).format(
                    source=merged.source.name,
                    target=merged.target.name,
                    tickets=merged.tickets_moved,
                    members=merged.members_moved,
                )
            )
            self.sig_areas_changed.emit()

    def retire_area(self) -> None:
        from gridcenter_desktop.services.admin import areas as area_service

        record = self.selected()
        if record is None or record.level is AreaLevel.TOWN or record.retired_at is not None:
            return
        if not confirm(
            self,
            self.tr("Retire area"),
            self.tr(
                "Retire {name}? It disappears from the pickers; its tickets and history are"
                " kept and it can be restored."
            ).format(name=area_path(self.records, record.id) or record.name),
        ):
            return
        self.outcome.clear()
        ok, retired = try_call(
            self.message,
            self._context,
            area_service.retire_area,
            record.id,
            now=self._context.now(),
        )
        if ok:
            self._done(retired)

    def restore_area(self) -> None:
        from gridcenter_desktop.services.admin import areas as area_service

        record = self.selected()
        if record is None or record.retired_at is None:
            return
        ok, restored = try_call(self.message, self._context, area_service.restore_area, record.id)
        if ok:
            self._done(restored)
