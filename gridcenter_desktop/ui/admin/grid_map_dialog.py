"""Administration → Import grid boundaries (导入网格边界): choose a GeoJSON file and its
coordinate system, look at what it would do (grids matched, problems feature by feature,
overlaps between grids with their area), then import it all or cancel. Planning and importing
run as background jobs over services.grid_map (all or nothing, audited GRID_MAP_IMPORT)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gridcenter_desktop.services.errors import ServiceError
from gridcenter_desktop.ui.admin.common import MESSAGE_STYLE
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.labels import error_text
from gridcenter_desktop.ui.plain_text import plain


def plan_file(job, actor, path: Path, crs: str):
    """(file, plan) of ``path`` read in ``crs`` (reads only)."""
    from gridcenter_desktop.services import grid_map

    grid_file = grid_map.read_grid_map_file(path)
    return grid_file, grid_map.plan_grid_map(job.session(), actor, grid_file, crs)


def import_file(job, actor, grid_file, crs: str, now):
    from gridcenter_desktop.services import grid_map

    return grid_map.import_grid_map(job.session(), actor, grid_file, crs, now)


class GridMapImportDialog(QDialog):
    """The import dialog, acting as the signed-in administrator."""

    sig_imported = Signal(object)
    """sig_imported(result: services.grid_map.GridMapResult): the boundaries were written."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grid_map_import_dialog")
        self.setWindowTitle(self.tr("Import grid boundaries"))
        self._context = context
        self._job = None
        self._file = None
        self.plan = None
        self.result = None
        intro = QLabel(
            self.tr(
                "A GeoJSON FeatureCollection with one polygon per grid. Features are matched"
                " to grids by their code or name property; a file with any problem is not"
                " imported at all. Files from AMap or Tencent maps are in GCJ-02."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("grid_map.path")
        self.path_edit.setReadOnly(True)
        choose = QPushButton(self.tr("Choose &file…"), self)
        choose.setObjectName("grid_map.choose")
        choose.clicked.connect(self.choose_file)
        self.crs_combo = QComboBox(self)
        self.crs_combo.setObjectName("grid_map.crs")
        self.crs_combo.addItem(self.tr("WGS-84 (GPS)"), "wgs84")
        self.crs_combo.addItem(self.tr("GCJ-02 (AMap, Tencent)"), "gcj02")
        self.crs_combo.currentIndexChanged.connect(self._replan)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("&Coordinate system:"), self.crs_combo)
        self.summary_label = plain(QLabel(self))
        self.summary_label.setObjectName("grid_map.summary")
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("grid_map.problems")
        self.table.setHorizontalHeaderLabels([self.tr("Feature"), self.tr("Grid"), self.tr("Note")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result_label = plain(QLabel(self))
        self.result_label.setObjectName("grid_map.result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setObjectName("grid_map.apply")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.summary_label)
        box.addWidget(self.table, 1)
        box.addWidget(self.result_label)
        box.addLayout(buttons)
        context.write_gate.gate(self.import_button)
        self._update_buttons()
        remember_geometry(self, context.settings, "grid_map_import", (760, 480))

    # -- choosing and planning ---------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Grid boundaries"), "", self.tr("GeoJSON (*.geojson *.json)")
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path, crs: str | None = None) -> None:
        """Plan ``path`` (in ``crs`` when given); the preview follows when the job ends."""
        self.path_edit.setText(str(path))
        if crs is not None:
            self.crs_combo.blockSignals(True)
            self.crs_combo.setCurrentIndex(max(0, self.crs_combo.findData(crs)))
            self.crs_combo.blockSignals(False)
        self._replan()

    def crs(self) -> str:
        return self.crs_combo.currentData()

    def _replan(self) -> None:
        text = self.path_edit.text()
        if not text or self.result is not None:
            return
        self.plan = self._file = None
        self.summary_label.setText(self.tr("Checking the file…"))
        self.result_label.setText("")
        self._job = self._context.jobs.submit(
            plan_file,
            self._context.actor,
            Path(text),
            self.crs(),
            on_result=self._planned,
            on_error=self._failed,
            key="grid_map_plan",
        )
        self._update_buttons()

    def _planned(self, planned) -> None:
        self._job = None
        self._file, self.plan = planned
        plan = self.plan
        rows = [(str(p.number), p.label, self.problem_text(p)) for p in plan.problems]
        rows += [
            ("", f"{o.first} / {o.second}",
             self.tr("Overlap of {area} m²").format(area=f"{o.area_m2:,.0f}"))
            for o in plan.overlaps
        ]  # fmt: skip
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        if plan.problems:
            self.summary_label.setStyleSheet(MESSAGE_STYLE)
            self.summary_label.setText(
                self.tr("{n} feature(s) have problems: nothing can be imported.").format(
                    n=len(plan.problems)
                )
            )
        else:
            self.summary_label.setStyleSheet("")
            text = self.tr("{n} grid(s) get their boundary.").format(n=len(plan.matched))
            if plan.overlaps:
                text += " " + self.tr("{n} overlap(s) between grids, listed below.").format(
                    n=len(plan.overlaps)
                )
            if plan.grids_without:
                text += " " + self.tr("{n} grid(s) still without a boundary.").format(
                    n=len(plan.grids_without)
                )
            self.summary_label.setText(text)
        self._update_buttons()

    def problem_text(self, problem) -> str:
        texts = {
            "not_feature": self.tr("not a GeoJSON Feature"),
            "no_key": self.tr("no code or name property"),
            "unknown_grid": self.tr("no such grid"),
            "ambiguous_name": self.tr("more than one grid has this name: add a village property"),
            "retired_grid": self.tr("the grid is retired"),
            "duplicate_grid": self.tr("the same grid as feature {detail}"),
            "not_polygon": self.tr("not a Polygon or MultiPolygon"),
            "bad_coordinates": self.tr("coordinates cannot be read"),
            "empty": self.tr("has no area"),
            "self_intersection": self.tr("the boundary crosses itself at {detail}"),
            "invalid": self.tr("invalid boundary: {detail}"),
            "out_of_range": self.tr("coordinates out of longitude/latitude range"),
        }
        return texts.get(problem.rule, problem.rule).format(detail=problem.detail)

    # -- importing ---------------------------------------------------------------------------

    def ready_to_import(self) -> bool:
        plan = self.plan
        return plan is not None and not plan.problems and bool(plan.matched)

    def _update_buttons(self) -> None:
        running = self._job is not None
        done = self.result is not None
        self.import_button.setEnabled(not running and not done and self.ready_to_import())
        self.crs_combo.setEnabled(not running and not done)
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))

    def start_import(self) -> None:
        if self._job is not None or not self.ready_to_import():
            return
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Importing…"))
        self._job = self._context.jobs.submit(
            import_file,
            self._context.actor,
            self._file,
            self.crs(),
            self._context.now(),
            on_result=self._imported,
            on_error=self._failed,
        )
        self._update_buttons()

    def _imported(self, result) -> None:
        self._job = None
        self.result = result
        self.result_label.setStyleSheet("color: #1e7b34;")
        self.result_label.setText(
            self.tr("Imported the boundaries of {n} grid(s).").format(n=result.grids)
        )
        self._update_buttons()
        self.cancel_button.setFocus()
        self.sig_imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.result_label.setStyleSheet(MESSAGE_STYLE)
        if isinstance(exc, ServiceError):
            self.result_label.setText(
                self.tr("Nothing was imported: {reason}").format(reason=error_text(exc))
            )
        else:
            self.result_label.setText(self.tr("The import failed; nothing was written."))
            self._context.jobs.sig_job_failed.emit(exc)
        self.summary_label.setText("")
        self._update_buttons()

    def reject(self) -> None:
        if self._job is not None and self.plan is None and self._file is None:
            self._job.cancel()
            self._job = None
        if self._job is not None:
            return
        super().reject()
