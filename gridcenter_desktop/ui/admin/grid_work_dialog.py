"""Administration → Grid work settings: the households each grid worker visits a month (the
target the 走访 coverage is measured against), after how many months an unvisited household
is listed, and the intranet map tile server's address (optional)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from gridcenter_desktop.ui.admin.common import (
    call_admin,
    message_label,
    note_label,
    open_size,
    read,
    refusal_or_raise,
    show_refusal,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import FieldErrors


class GridWorkSettingsDialog(QDialog):
    """The three grid-work settings; Save writes them in one audited change."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from gridcenter_desktop.services.admin import grid_work_settings as gws

        super().__init__(parent)
        self._context = context
        self.saved = None
        self.setWindowTitle(self.tr("Grid work settings"))
        self.errors = FieldErrors()
        self.visit_target = QSpinBox(self)
        self.visit_target.setObjectName("gridwork.visit_target")
        self.visit_target.setRange(1, gws.VISIT_TARGET_MAX)
        self.visit_target.setSuffix(self.tr(" households"))
        self.stale_months = QSpinBox(self)
        self.stale_months.setObjectName("gridwork.stale_months")
        self.stale_months.setRange(1, gws.STALE_MONTHS_MAX)
        self.stale_months.setSuffix(self.tr(" months"))
        self.tile_url = QLineEdit(self)
        self.tile_url.setObjectName("gridwork.tile_url")
        self.tile_url.setMaxLength(gws.TILE_URL_MAX)
        self.tile_url.setPlaceholderText("http://10.1.2.3/tiles/{z}/{x}/{y}.png")
        form = QFormLayout(self)
        form.addRow(
            note_label(
                self.tr(
                    "Each grid worker's monthly visit coverage is measured against the target;"
                    " households not visited for the set months are listed in the visits"
                    " window."
                ),
                self,
            )
        )
        form.addRow(
            self.tr("Monthly visit &target:"),
            self.errors.wrap("visit_target", self.visit_target),
        )
        form.addRow(
            self.tr("List households not visited for:"),
            self.errors.wrap("stale_months", self.stale_months),
        )
        form.addRow(self.tr("Map tile &server:"), self.errors.wrap("tile_url", self.tile_url))
        form.addRow(
            "",
            note_label(
                self.tr("Optional: the town's intranet map; leave empty for a plain ground."),
                self,
            ),
        )
        self.message = message_label(self, "gridwork.message")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        try:
            current = read(context, gws.grid_work_settings)
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
            self.message.setText(refusal_or_raise(exc))
        else:
            self.visit_target.setValue(current.visit_target)
            self.stale_months.setValue(current.stale_months)
            self.tile_url.setText(current.tile_url)
        remember_geometry(self, context.settings, "admin.grid_work", open_size(self, (560, 260)))
        self.visit_target.setFocus()

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import grid_work_settings as gws

        self.errors.clear()
        self.message.clear()
        settings = gws.GridWorkSettings(
            visit_target=self.visit_target.value(),
            stale_months=self.stale_months.value(),
            tile_url=self.tile_url.text().strip(),
        )
        try:
            self.saved = call_admin(self._context, gws.save_grid_work_settings, settings)
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()
