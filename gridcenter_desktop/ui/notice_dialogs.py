"""The dialogs of the work on record beside the workflow: a joint meeting or inspection
(记录联席会议/联合检查), a rectification notice issued from it (下发整改通知书) and the notice's
check-back (整改复查).

They are workflow dialogs (ui/workflow_dialogs.ActionDialog: the ticket loaded in a job, errors
at their field, the change strip when another desk acts on the ticket) with two more kinds of
input: a date, and the departments present (a checkable list). The notice dialog starts from
the ticket's latest inspection (services.notices.notice_draft).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from gridcenter_desktop.core.enums import EventAction, InspectionKind, NoticeStatus
from gridcenter_desktop.services.ticket_detail import TicketDetail, get_ticket_detail
from gridcenter_desktop.ui import labels
from gridcenter_desktop.ui.context import AppContext
from gridcenter_desktop.ui.notice_labels import inspection_kind_label, notice_status_label
from gridcenter_desktop.ui.plain_text import information
from gridcenter_desktop.ui.workflow_dialogs import ActionDialog, ActionForm, Field

A = EventAction


@dataclass(frozen=True)
class RecordLists:
    """What the dialogs' inputs are built from besides the ticket."""

    departments: list
    inspections: list
    notices: list
    draft: Any = None


def load_record_data(job, ticket_id: int, now):
    """The ticket's detail and its :class:`RecordLists` (read in a job)."""
    from gridcenter_desktop.services.inspections import ticket_inspections
    from gridcenter_desktop.services.notices import notice_draft, ticket_notices
    from gridcenter_desktop.services.suggestions import active_departments

    session = job.session()
    detail = get_ticket_detail(session, ticket_id)
    lists = RecordLists(
        departments=active_departments(session, dispatchable_only=False),
        inspections=ticket_inspections(session, ticket_id),
        notices=ticket_notices(session, ticket_id, now=now),
        draft=notice_draft(session, ticket_id, now=now),
    )
    return detail, lists


def _t(text: str):
    return lambda: QCoreApplication.translate("WorkflowDialogs", text)


def _kind_choices(_detail, _lists) -> list[tuple[Any, str]]:
    return [(kind, inspection_kind_label(kind)) for kind in InspectionKind]


def _inspection_choices(_detail, lists: RecordLists) -> list[tuple[Any, str]]:
    none = [(None, QCoreApplication.translate("Notices", "(not from an inspection)"))]
    return none + [
        (i.id, f"{i.held_on:%Y-%m-%d} {inspection_kind_label(i.kind)}：{'、'.join(i.departments)}")
        for i in lists.inspections
    ]


def _open_notices(_detail, lists: RecordLists) -> list[tuple[Any, str]]:
    return [
        (
            n.id,
            QCoreApplication.translate(
                "Notices", "{number} (deadline {deadline}, {status})"
            ).format(
                number=n.number,
                deadline=f"{n.deadline:%Y-%m-%d}",
                status=notice_status_label(n.status, n.days_overdue),
            ),
        )
        for n in lists.notices
        if n.status != NoticeStatus.RECTIFIED
    ]


def _draft(name: str):
    return lambda _detail, lists: getattr(lists.draft, name)


def _inspect_call(s, actor, d, v, now):
    from gridcenter_desktop.services.inspections import record_inspection

    return record_inspection(
        s,
        actor,
        d.id,
        d.version,
        kind=v["inspection_kind"],
        held_on=v["held_on"],
        department_ids=v["department_ids"],
        findings=v["findings"],
        place=v["place"],
        attendees=v["attendees"],
        now=now,
    )


def _notice_call(s, actor, d, v, now):
    from gridcenter_desktop.services.notices import issue_notice

    return issue_notice(
        s,
        actor,
        d.id,
        d.version,
        party=v["party"],
        party_address=v["party_address"],
        problems=v["problems"],
        requirements=v["requirements"],
        issued_on=v["issued_on"],
        deadline=v["deadline"],
        inspection_id=v["inspection_id"],
        now=now,
    )


def _check_call(s, actor, d, v, now):
    from gridcenter_desktop.services.notices import check_notice

    return check_notice(
        s, actor, d.id, d.version, v["notice_id"], bool(v["rectified"]), v["note"], now=now
    )


NOTICE_FORMS: dict[EventAction, ActionForm] = {
    A.INSPECT: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Record a joint meeting or inspection")),
        (
            Field(
                "inspection_kind",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Kind")),
                "choice",
                _kind_choices,
            ),
            Field("held_on", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Date held")), "date"),
            Field(
                "department_ids",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Departments present")),
                "departments",
            ),
            Field("place", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Place"))),
            Field("attendees", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Others present"))),
            Field("findings", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Findings")), "text"),
        ),
        _inspect_call,
    ),
    A.NOTICE: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Issue a rectification notice")),
        (
            Field(
                "inspection_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "From the inspection")),
                "choice",
                _inspection_choices,
                default=_draft("inspection_id"),
            ),
            Field(
                "party",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Party to rectify")),
                default=_draft("party"),
            ),
            Field(
                "party_address",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Party's address")),
                default=_draft("party_address"),
            ),
            Field(
                "problems",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Problems found")),
                "text",
                default=_draft("problems"),
            ),
            Field(
                "requirements",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Rectification requirements")),
                "text",
                default=_draft("requirements"),
            ),
            Field(
                "issued_on",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Issue date")),
                "date",
                default=_draft("issued_on"),
            ),
            Field(
                "deadline",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Rectify by")),
                "date",
                default=_draft("deadline"),
            ),
        ),
        _notice_call,
    ),
    A.NOTICE_CHECK: ActionForm(
        _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Check back a notice")),
        (
            Field(
                "notice_id",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Notice")),
                "choice",
                _open_notices,
            ),
            Field(
                "rectified",
                _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "Rectified")),
                "check",
                default=True,
            ),
            Field("note", _t(QT_TRANSLATE_NOOP("WorkflowDialogs", "What was found")), "text"),
        ),
        _check_call,
    ),
}


class DateField(QDateEdit):
    """A date that Tab leaves (a QDateEdit's Tab walks its year, month and day first; the
    arrow keys still do)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        return QWidget.focusNextPrevChild(self, next)


class RecordDialog(ActionDialog):
    """A workflow dialog with dates, a departments list and values carried over."""

    def __init__(self, context, action, detail, lists, parent=None) -> None:
        super().__init__(context, action, detail, lists, parent, form=NOTICE_FORMS[action])

    def _make_input(self, f: Field) -> QWidget:
        start = f.default(self.detail, self._lists) if callable(f.default) else None
        if f.kind == "date":
            edit = DateField(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(start or self._context.today()))
            return edit
        if f.kind == "departments":
            return self._departments()
        widget = super()._make_input(f)
        if isinstance(widget, QComboBox) and start is not None:
            widget.setCurrentIndex(max(widget.findData(start), 0))
        elif isinstance(widget, QPlainTextEdit) and start:
            widget.setPlainText(start)
        elif isinstance(widget, QLineEdit) and start:
            widget.setText(start)
        return widget

    def _departments(self) -> QListWidget:
        """Every active department, those working on the ticket ticked (they usually come)."""
        working = {a.department_id for a in self.detail.open_assignments}
        box = QListWidget(self)
        box.setObjectName("record_departments")
        box.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        box.setFixedHeight(110)
        for department in self._lists.departments:
            item = QListWidgetItem(department.name, box)
            item.setData(Qt.ItemDataRole.UserRole, department.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = department.id in working
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        # Space ticks the current row (the item delegate's own key): the list is used by
        # keyboard; Enter stays the dialog's.
        box.setCurrentRow(0)
        return box

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.inputs.items():
            if isinstance(w, QDateEdit):
                out[name] = w.date().toPython()
            elif isinstance(w, QListWidget):
                out[name] = [
                    w.item(i).data(Qt.ItemDataRole.UserRole)
                    for i in range(w.count())
                    if w.item(i).checkState() == Qt.CheckState.Checked
                ]
            elif isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[name] = w.text()
        return out

    def _check_ticket(self) -> None:
        self._jobs.submit(
            load_record_data,
            self.detail.id,
            self._context.now(),
            on_result=self._checked,
            key=f"action-check-{id(self)}",
        )

    def _allowed_now(self) -> bool:
        from gridcenter_desktop.core.workflow import allowed_records

        return self.action in allowed_records(self.detail.status, self._context.actor.role)

    def choose_notice(self, notice_id: int) -> None:
        """Open on this notice (the register's 复查)."""
        combo = self.inputs.get("notice_id")
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(max(combo.findData(notice_id), 0))


def run_record_action(
    context: AppContext,
    parent: QWidget | None,
    action: EventAction,
    ticket_id: int,
    notice_id: int | None = None,
) -> None:
    """Open the dialog for an inspection, a notice or a check-back on the ticket (loaded fresh
    in a job); ``notice_id`` preselects the notice to check back."""
    from gridcenter_desktop.core.workflow import allowed_records

    def show(result) -> None:
        if parent is not None and not shiboken6.isValid(parent):
            return
        detail, lists = result
        allowed = detail.actions(context.actor.role) | allowed_records(
            detail.status, context.actor.role
        )
        if action not in allowed:
            _not_now(parent, detail)
            return
        if action is A.NOTICE_CHECK and not _open_notices(detail, lists):
            information(
                parent,
                QCoreApplication.translate("WorkflowDialogs", "Not possible now"),
                QCoreApplication.translate(
                    "Notices", "Ticket {code} has no notice waiting for a check-back."
                ).format(code=detail.code),
            )
            return
        dialog = RecordDialog(context, action, detail, lists, parent)
        if notice_id is not None:
            dialog.choose_notice(notice_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    context.jobs.submit(load_record_data, ticket_id, context.now(), on_result=show)


def _not_now(parent, detail: TicketDetail) -> None:
    information(
        parent,
        QCoreApplication.translate("WorkflowDialogs", "Not possible now"),
        QCoreApplication.translate(
            "WorkflowDialogs", "Ticket {code} is now {status}; this action no longer applies."
        ).format(code=detail.code, status=labels.status_label(detail.status)),
    )
