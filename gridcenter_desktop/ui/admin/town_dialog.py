"""Administration → Town settings: the town's name and code, the centre's full name and the
issuing authority printed on reports and notices, the notice number pattern, and the report
period the app picks by default.

Saving writes the town's name and code on the root of the area tree as well (the service
creates the town there when the tree is still empty), so the first thing a new town's
administrator does here also starts its tree.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from gridcenter_desktop.core.area_codes import normalize_code
from gridcenter_desktop.ui.admin.common import (
    call_admin,
    message_label,
    note_label,
    open_size,
    read,
    refusal_or_raise,
    select_data,
    show_refusal,
)
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.dialog_geometry import remember_geometry
from gridcenter_desktop.ui.field_errors import FieldErrors
from gridcenter_desktop.ui.plain_text import plain_label


def notice_example(pattern: str, town: str, year: int) -> str | None:
    """The first notice number of ``year`` the pattern gives; None when the pattern cannot be
    filled in (an unknown {field} or an unmatched brace: the service refuses it on saving)."""
    from gridcenter_desktop.services.admin.town import notice_number

    try:
        return notice_number(pattern, town=town, year=year, seq=1, code="GC00000001")
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


class TownSettingsDialog(QDialog):
    """The town's own settings, each at its field; Save writes them in one change."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.saved = None
        self._town_before = ""
        self.setWindowTitle(self.tr("Town settings"))
        self.errors = FieldErrors()
        self.town_name = self._edit("town.town_name", 64)
        self.town_code = self._edit("town.town_code", 9)
        self.town_code.setPlaceholderText(self.tr("9 digits, for example 320506108"))
        self.centre_name = self._edit("town.centre_name", 64)
        self.issuer = self._edit("town.issuer", 64)
        self.notice_pattern = self._edit("town.notice_pattern", 64)
        self.report_period = QComboBox(self)
        self.report_period.setObjectName("town.report_period")
        self.example = plain_label("", self)
        self.example.setObjectName("town.notice_example")
        form = QFormLayout(self)
        form.addRow(
            note_label(
                self.tr(
                    "These names are printed on the reports for superiors and on the"
                    " rectification notices. The town's name and code are also the top of the"
                    " area tree."
                ),
                self,
            )
        )
        form.addRow(self.tr("&Town name:"), self.errors.wrap("town_name", self.town_name))
        form.addRow(self.tr("Town &code:"), self.errors.wrap("town_code", self.town_code))
        form.addRow(
            self.tr("C&entre's full name:"), self.errors.wrap("centre_name", self.centre_name)
        )
        form.addRow(self.tr("&Issuing authority:"), self.errors.wrap("issuer", self.issuer))
        form.addRow(
            self.tr("&Notice number pattern:"),
            self.errors.wrap("notice_pattern", self.notice_pattern),
        )
        form.addRow(
            "",
            note_label(
                self.tr(
                    "{town} is the town's name, {year} the year, {seq} the notice's number"
                    " within the year, {code} the ticket's code."
                ),
                self,
            ),
        )
        form.addRow(self.tr("Example:"), self.example)
        form.addRow(
            self.tr("Default report &period:"),
            self.errors.wrap("report_period", self.report_period),
        )
        self.message = message_label(self, "town.message")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.notice_pattern.textChanged.connect(lambda _t: self._show_example())
        self.town_name.textChanged.connect(self._town_renamed)
        self._load()
        self.default_size = (620, 400)
        remember_geometry(self, context.settings, "admin.town", open_size(self, self.default_size))
        self.town_name.setFocus()

    def _edit(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(length)
        return edit

    def _period_labels(self) -> dict[str, str]:
        return {
            "week": self.tr("Week"),
            "month": self.tr("Month"),
            "quarter": self.tr("Quarter"),
            "year": self.tr("Year"),
        }

    def _load(self) -> None:
        from gridcenter_desktop.services.admin import town

        labels = self._period_labels()
        for period in town.ReportPeriod:
            self.report_period.addItem(labels.get(period.value, period.value), period.value)
        try:
            current = read(self._context, town.town_settings)
        except Exception as exc:  # noqa: BLE001 - refusal_or_raise raises bugs on
            self.message.setText(refusal_or_raise(exc))
            return
        self._town_before = current.town_name
        self.town_name.setText(current.town_name)
        self.town_code.setText(current.town_code or "")
        self.centre_name.setText(current.centre_name)
        self.issuer.setText(current.issuer)
        self.notice_pattern.setText(current.notice_pattern)
        select_data(self.report_period, str(current.report_period))
        self._show_example()

    def _town_renamed(self, name: str) -> None:
        """A centre name and issuer that follow the town's name ("<town>集成指挥中心") keep
        following it while the name is typed; written-out ones stay as they are."""
        from gridcenter_desktop.services.admin.town import default_centre_name

        follows = {default_centre_name(self._town_before), ""}
        for edit in (self.centre_name, self.issuer):
            if edit.text().strip() in follows:
                edit.setText(default_centre_name(name.strip()))
        self._town_before = name.strip()
        self._show_example()

    def _show_example(self) -> None:
        town = self.town_name.text().strip() or self.tr("(town)")
        example = notice_example(self.notice_pattern.text(), town, self._context.today().year)
        if example is None:
            self.example.setText(
                self.tr(
                    "The pattern cannot be filled in: use only {town}, {year}, {seq} and {code}."
                )
            )
        else:
            self.example.setText(example)

    def try_save(self) -> None:
        from gridcenter_desktop.services.admin import town

        self.errors.clear()
        self.message.clear()
        settings = town.TownSettings(
            town_name=self.town_name.text().strip(),
            town_code=normalize_code(self.town_code.text()),
            centre_name=self.centre_name.text().strip(),
            issuer=self.issuer.text().strip(),
            notice_pattern=self.notice_pattern.text().strip(),
            report_period=town.ReportPeriod(self.report_period.currentData()),
        )
        try:
            self.saved = call_admin(self._context, town.save_town_settings, settings)
        except Exception as exc:  # noqa: BLE001 - show_refusal raises what is not a refusal
            show_refusal(self.errors, self.message, exc)
            return
        self.accept()
