"""Names of inspection kinds and notice statuses, as the dialogs, the detail dock and the
notice register show them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gridcenter_desktop.core.enums import InspectionKind, NoticeStatus


def _kinds() -> dict[str, str]:
    return {
        InspectionKind.JOINT_MEETING: QCoreApplication.translate("Notices", "Joint meeting"),
        InspectionKind.JOINT_INSPECTION: QCoreApplication.translate("Notices", "Joint inspection"),
    }


def _statuses() -> dict[str, str]:
    return {
        NoticeStatus.ISSUED: QCoreApplication.translate("Notices", "Being rectified"),
        NoticeStatus.RECTIFIED: QCoreApplication.translate("Notices", "Rectified"),
        NoticeStatus.NOT_RECTIFIED: QCoreApplication.translate("Notices", "Not rectified"),
    }


def inspection_kind_label(kind: str) -> str:
    return _kinds().get(kind, kind)


def notice_status_label(status: str, days_overdue: int = 0) -> str:
    """The notice's status; an issued one past its deadline says it waits for its check-back."""
    if status == NoticeStatus.ISSUED and days_overdue > 0:
        return QCoreApplication.translate("Notices", "Check-back due ({n} days over)").format(
            n=days_overdue
        )
    return _statuses().get(status, status)
