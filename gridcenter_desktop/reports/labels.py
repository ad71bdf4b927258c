"""Chinese wording of the domain's codes as printed in reports.

Reports are documents for Chinese superiors, so their wording is fixed Chinese whatever the
window's language; the window's translated labels live in ui/labels.py, which reports/ may not
import (it would pull Qt into a Qt-free layer).
"""

from __future__ import annotations

from gridcenter_desktop.core.categories import CATEGORY_BY_CODE
from gridcenter_desktop.core.enums import (
    AreaLevel,
    AssignmentRole,
    AssignmentStatus,
    AuditAction,
    CallbackChannel,
    ChannelStatus,
    DangerKind,
    DangerStatus,
    EventAction,
    MemberRole,
    Outcome,
    Priority,
    RegisterKind,
    RiskLevel,
    Satisfaction,
    SpecialGroupKind,
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
    AuditAction.TICKET_IMPORT: "工单导入",
    AuditAction.INTAKE_CHANGE: "导入方案/分类对照变更",
    AuditAction.GRID_MAP_IMPORT: "导入网格边界",
    AuditAction.REGISTER_CHANGE: "台账变更",
    AuditAction.REGISTER_IMPORT: "台账导入",
    AuditAction.REGISTER_VIEW: "查看台账个人信息",
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


# Grid work (issue 12): the registers' and visits' words in sheets and reports.
REGISTER_KIND = {
    RegisterKind.VISIT: "走访记录",
    RegisterKind.SPECIAL_GROUP: "特殊群体",
    RegisterKind.RENTAL: "出租房屋",
    RegisterKind.DANGER: "安全隐患",
    RegisterKind.CHANNEL: "视频通道",
}
SPECIAL_GROUP = {
    SpecialGroupKind.ELDERLY_ALONE: "独居老人",
    SpecialGroupKind.EMPTY_NEST: "空巢老人",
    SpecialGroupKind.DISABLED: "残疾人",
    SpecialGroupKind.MINOR_IN_DIFFICULTY: "困境儿童",
    SpecialGroupKind.LOW_INCOME: "低保特困人员",
    SpecialGroupKind.COMMUNITY_CORRECTION: "社区矫正对象",
    SpecialGroupKind.RELEASED_PRISONER: "刑满释放人员",
    SpecialGroupKind.DRUG_REHAB: "社区戒毒康复人员",
    SpecialGroupKind.MENTAL_DISORDER: "严重精神障碍患者",
    SpecialGroupKind.ATTENTION: "重点人员",
}
DANGER_KIND = {
    DangerKind.FIRE: "消防",
    DangerKind.GAS: "燃气",
    DangerKind.ELECTRIC: "用电",
    DangerKind.BUILDING: "房屋建筑",
    DangerKind.PRODUCTION: "安全生产",
    DangerKind.TRAFFIC: "交通",
    DangerKind.WATER: "防汛涉水",
    DangerKind.FOOD: "食品",
    DangerKind.OTHER: "其他",
}
RISK_LEVEL = {RiskLevel.HIGH: "高", RiskLevel.MEDIUM: "中", RiskLevel.LOW: "低"}
DANGER_STATUS = {
    DangerStatus.OPEN: "待整改",
    DangerStatus.RECTIFYING: "整改中",
    DangerStatus.RECTIFIED: "已整改",
    DangerStatus.CANCELLED: "已销号",
}
CHANNEL_STATUS = {
    ChannelStatus.ONLINE: "在线",
    ChannelStatus.OFFLINE: "离线",
    ChannelStatus.FAULT: "故障",
}


# The handling form's (处理单) words for an assignment and the timeline's steps.
ASSIGNMENT_ROLE = {AssignmentRole.LEAD: "主办", AssignmentRole.ASSIST: "协办"}
ASSIGNMENT_STATUS = {
    AssignmentStatus.PENDING: "待签收",
    AssignmentStatus.ACCEPTED: "已签收",
    AssignmentStatus.RETURNED: "已退回",
    AssignmentStatus.FED_BACK: "已反馈",
    AssignmentStatus.DONE: "已办结",
    AssignmentStatus.CANCELLED: "已撤回",
}
EVENT_ACTION = {
    EventAction.REGISTER: "受理登记",
    EventAction.DISPATCH: "派单",
    EventAction.ACCEPT: "签收",
    EventAction.RETURN: "退回",
    EventAction.FEEDBACK: "反馈",
    EventAction.CLOSE: "审核办结",
    EventAction.REJECT: "退回重办",
    EventAction.SOLVE_IN_GRID: "网格内解决",
    EventAction.REOPEN: "重办",
    EventAction.URGE: "催办",
    EventAction.SUPERVISE: "督办",
    EventAction.MERGE: "合并",
    EventAction.MERGED_IN: "并入重复件",
    EventAction.CALLBACK: "回访",
    EventAction.PLACE: "定位归类",
    EventAction.ATTACH: "添加附件",
    EventAction.DETACH: "删除附件",
    EventAction.ADD_ASSIGNEE: "加派",
    EventAction.ESCALATE: "超时未签收督办",
    EventAction.EXTEND_REQUEST: "申请延期",
    EventAction.EXTEND_DECIDE: "延期审批",
    EventAction.SUSPEND: "挂起",
    EventAction.RESUME: "恢复办理",
    EventAction.INSPECT: "联席会议/联合检查",
    EventAction.NOTICE: "下发整改通知书",
    EventAction.NOTICE_CHECK: "整改复查",
    EventAction.LOCATE: "地图定位",
}
CALLBACK_CHANNEL = {
    CallbackChannel.PHONE: "电话",
    CallbackChannel.SMS: "短信",
    CallbackChannel.VISIT: "上门",
    CallbackChannel.UNREACHABLE: "未接通",
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
