"""Chinese wording of the domain's codes as printed in reports.

Reports are documents for Chinese superiors, so their wording is fixed Chinese whatever the
window's language; the window's translated labels live in ui/labels.py, which reports/ may not
import (it would pull Qt into a Qt-free layer).
"""

from __future__ import annotations

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import (
    AreaLevel,
    AuditAction,
    MemberRole,
    Outcome,
    Priority,
    Satisfaction,
    TicketKind,
    TicketSource,
    TicketStatus,
)

STATUS = {
    TicketStatus.PENDING_DISPATCH: "待派发",
    TicketStatus.DISPATCHED: "已派发",
    TicketStatus.IN_PROGRESS: "处理中",
    TicketStatus.AWAITING_REVIEW: "待审核",
    TicketStatus.CLOSED: "已办结",
    TicketStatus.MERGED: "已合并",
}
KIND = {
    TicketKind.ORDINARY: "一般事项",
    TicketKind.DISPUTE: "矛盾纠纷",
    TicketKind.PETITION: "信访",
    TicketKind.SUGGESTION: "意见建议",
}
SOURCE = {
    TicketSource.HOTLINE: "12345热线",
    TicketSource.GRID_PATROL: "网格员巡查",
    TicketSource.WALK_IN: "群众来访",
    TicketSource.LETTER_VISIT: "来信来访",
    TicketSource.DISTRICT_PLATFORM: "区集成指挥平台",
    TicketSource.VIDEO: "视频监控",
    TicketSource.OPINION_DAY: "社情民意联系日",
}
PRIORITY = {Priority.ORDINARY: "一般", Priority.URGENT: "紧急", Priority.CRITICAL: "特急"}
SATISFACTION = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}
OUTCOME = {Outcome.RESOLVED: "已化解", Outcome.UNRESOLVED: "未化解"}
AUDIT_ACTION = {
    AuditAction.SIGN_IN: "登录成功",
    AuditAction.SIGN_IN_FAILED: "登录失败",
    AuditAction.SIGN_IN_LOCKED: "账号被锁定",
    AuditAction.SIGN_OUT: "退出登录",
    AuditAction.EXPORT: "导出报表",
    AuditAction.PERSONAL_DATA_VIEW: "查看个人信息",
    AuditAction.USER_CREATE: "新建用户",
    AuditAction.USER_DISABLE: "停用用户",
    AuditAction.USER_ENABLE: "启用用户",
    AuditAction.USER_RESET_PASSWORD: "重置密码",
    AuditAction.PASSWORD_CHANGE: "修改本人密码",
    AuditAction.USER_CHANGE: "修改用户",
    AuditAction.CALENDAR_CHANGE: "修改节假日",
    AuditAction.ADMIN_CHANGE: "其他管理操作",
    AuditAction.AUDIT_ARCHIVE: "归档审计记录",
    AuditAction.DEMO_BUILD: "生成演示数据",
    AuditAction.AREA_CHANGE: "区域/网格变更",
    AuditAction.MEMBER_CHANGE: "网格成员变更",
    AuditAction.DEPARTMENT_CHANGE: "部门变更",
    AuditAction.DEADLINE_CHANGE: "办理时限规则变更",
    AuditAction.SETTINGS_CHANGE: "本镇设置变更",
    AuditAction.BASE_IMPORT: "基础数据导入",
}
# Also the words of the command line and the base-data lists (Qt-free, fixed Chinese).
AREA_LEVEL = {
    AreaLevel.TOWN: "镇",
    AreaLevel.VILLAGE: "村",
    AreaLevel.COMMUNITY: "社区",
    AreaLevel.GRID: "网格",
    AreaLevel.MICRO_GRID: "微网格",
}
MEMBER_ROLE = {
    MemberRole.LEADER: "网格长",
    MemberRole.WORKER: "专职网格员",
    MemberRole.PART_TIME_WORKER: "兼职网格员",
    MemberRole.PARTY_MEMBER: "党员",
    MemberRole.POLICE: "民警",
    MemberRole.JUDGE: "法官",
    MemberRole.PROSECUTOR: "检察官",
    MemberRole.LAWYER: "律师",
    MemberRole.BUILDING_LEADER: "楼栋长",
    MemberRole.VOLUNTEER: "志愿者",
    MemberRole.OTHER: "其他",
}


def label(table: dict, code: str | None) -> str:
    """The Chinese label of ``code`` in ``table``; an unknown code is shown as itself rather
    than hidden (a newer database may hold values this version does not know)."""
    if code is None:
        return ""
    return table.get(code, str(code))


def category_name(code: str | None) -> str:
    """The official Chinese name of a category code (the code itself when unknown)."""
    if code is None:
        return ""
    cat = CATEGORY_BY_CODE.get(code)
    return cat.name if cat else code
