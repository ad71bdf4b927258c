"""The domain's closed vocabularies.

Values are stable English codes stored in the database; the Chinese labels users see are made in
the UI layer (see ``gridcenter_desktop.ui.labels``), so the rules never depend on display text.
"""

from __future__ import annotations

from enum import StrEnum


class AreaLevel(StrEnum):
    TOWN = "town"  # 镇
    VILLAGE = "village"  # 村
    COMMUNITY = "community"  # 社区
    GRID = "grid"  # 网格
    # An optional level below a grid (微网格: a building or a few), used by towns that split
    # their grids; tickets are still located in grids.
    MICRO_GRID = "micro_grid"  # 微网格


class MemberRole(StrEnum):
    """The "1+1+N" team of a grid."""

    LEADER = "leader"  # 网格长
    WORKER = "worker"  # 网格员 (专职)
    PART_TIME_WORKER = "part_time_worker"  # 兼职网格员
    PARTY_MEMBER = "party_member"  # 党员
    POLICE = "police"  # 警官 / 民警
    JUDGE = "judge"  # 法官
    PROSECUTOR = "prosecutor"  # 检察官
    LAWYER = "lawyer"  # 律师
    BUILDING_LEADER = "building_leader"  # 楼栋长
    VOLUNTEER = "volunteer"  # 志愿者
    OTHER = "other"  # 其他


class UserRole(StrEnum):
    OPERATOR = "operator"  # 调度员
    SUPERVISOR = "supervisor"  # 值班长/指挥长
    ADMIN = "admin"  # 管理员
    VIEWER = "viewer"  # 只读 (leaders reading figures)


class TicketKind(StrEnum):
    ORDINARY = "ordinary"  # 一般事项
    DISPUTE = "dispute"  # 矛盾纠纷
    PETITION = "petition"  # 信访
    SUGGESTION = "suggestion"  # 意见建议


class TicketSource(StrEnum):
    HOTLINE = "hotline"  # 12345 热线
    GRID_PATROL = "grid_patrol"  # 网格员巡查上报
    WALK_IN = "walk_in"  # 群众来访
    LETTER_VISIT = "letter_visit"  # 来信来访 (信访)
    DISTRICT_PLATFORM = "district_platform"  # 区集成指挥平台
    VIDEO = "video"  # 视频监控
    OPINION_DAY = "opinion_day"  # 社情民意联系日


class Priority(StrEnum):
    ORDINARY = "ordinary"  # 一般
    URGENT = "urgent"  # 紧急
    CRITICAL = "critical"  # 特急


PRIORITY_RANK = {Priority.ORDINARY: 0, Priority.URGENT: 1, Priority.CRITICAL: 2}


class TicketStatus(StrEnum):
    PENDING_DISPATCH = "pending_dispatch"  # 待派发
    DISPATCHED = "dispatched"  # 已派发 (awaiting acceptance)
    IN_PROGRESS = "in_progress"  # 处理中 (accepted)
    AWAITING_REVIEW = "awaiting_review"  # 待审核 (result fed back)
    CLOSED = "closed"  # 已办结
    MERGED = "merged"  # 已合并 (a duplicate folded into another ticket)


OPEN_STATUSES = frozenset(
    {
        TicketStatus.PENDING_DISPATCH,
        TicketStatus.DISPATCHED,
        TicketStatus.IN_PROGRESS,
        TicketStatus.AWAITING_REVIEW,
    }
)


class AssignmentRole(StrEnum):
    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办


class AssignmentStatus(StrEnum):
    PENDING = "pending"  # 待签收
    ACCEPTED = "accepted"  # 已签收
    RETURNED = "returned"  # 已退回
    FED_BACK = "fed_back"  # 已反馈
    DONE = "done"  # 已办结
    CANCELLED = "cancelled"  # 已撤回 (re-dispatched elsewhere)


class Outcome(StrEnum):
    """How a dispute (or any ticket) ended."""

    RESOLVED = "resolved"  # 已化解/已解决
    UNRESOLVED = "unresolved"  # 未化解/未解决


class EventAction(StrEnum):
    REGISTER = "register"  # 受理
    DISPATCH = "dispatch"  # 派单
    ACCEPT = "accept"  # 签收
    RETURN = "return"  # 退回
    FEEDBACK = "feedback"  # 反馈
    CLOSE = "close"  # 审核办结
    REJECT = "reject"  # 审核不通过，退回重办
    SOLVE_IN_GRID = "solve_in_grid"  # 网格内解决
    REOPEN = "reopen"  # 重办
    URGE = "urge"  # 催办
    SUPERVISE = "supervise"  # 督办
    MERGE = "merge"  # 合并
    MERGED_IN = "merged_in"  # 被合并的工单并入本单
    CALLBACK = "callback"  # 回访
    # Work on the record, not steps of the workflow (core/workflow.py RECORD_FROM).
    PLACE = "place"  # 定位归类: an imported ticket gets its grid and/or category
    ATTACH = "attach"  # 添加附件
    DETACH = "detach"  # 删除附件
    # The rest of the 12345 workflow (issue 11; core/workflow.py says where each may start).
    ADD_ASSIGNEE = "add_assignee"  # 加派: more departments on a ticket already being handled
    ESCALATE = "escalate"  # 超时未签收督办: a missed acceptance put under supervision
    EXTEND_REQUEST = "ask_extension"  # 申请延期 (a department asks, with a reason and a date)
    EXTEND_DECIDE = "extend_decide"  # 延期审批 (approved or refused)
    SUSPEND = "suspend"  # 挂起: the clock stops (waiting for the reporter ...)
    RESUME = "resume"  # 恢复办理: the clock runs again, the deadlines moved by the pause
    INSPECT = "inspect"  # 联席会议/联合检查 on record
    NOTICE = "notice"  # 下发责令整改通知书
    NOTICE_CHECK = "notice_check"  # 整改复查 (the notice's deadline followed up)
    # Grid work (issue 12).
    LOCATE = "locate"  # 地图定位: coordinates set or corrected (and the grid they fall in)


class ExtensionDecision(StrEnum):
    """Where a request for more time (延期申请) stands."""

    PENDING = "pending"  # 待审批
    APPROVED = "approved"  # 已同意
    REFUSED = "refused"  # 未同意


class CallbackChannel(StrEnum):
    """How a reporter was reached for the callback (回访方式)."""

    PHONE = "phone"  # 电话
    SMS = "sms"  # 短信
    VISIT = "visit"  # 上门
    UNREACHABLE = "unreachable"  # 未接通 (no rating: the reporter stays to be called back)


class InspectionKind(StrEnum):
    JOINT_MEETING = "joint_meeting"  # 联席会议
    JOINT_INSPECTION = "joint_inspection"  # 联合检查


class NoticeStatus(StrEnum):
    """A rectification notice (责令整改通知书) and its follow-up."""

    ISSUED = "issued"  # 整改中 (deadline running, or passed and waiting for the check-back)
    RECTIFIED = "rectified"  # 复查合格
    NOT_RECTIFIED = "not_rectified"  # 复查未整改


class DepartmentKind(StrEnum):
    OFFICE = "office"  # 镇属部门/办公室
    AGENCY = "agency"  # 派驻机构 (派出所, 市场监督管理所 ...)
    COMMITTEE = "committee"  # 村委会/居委会
    UTILITY = "utility"  # 公用事业单位 (供电所, 自来水, 燃气, 物业)
    EXTERNAL = "external"  # 外部单位 (district bureaus and other units outside the town)


class HolidayKind(StrEnum):
    HOLIDAY = "holiday"  # 法定节假日 (a weekday off)
    WORKDAY = "workday"  # 调休上班 (a weekend day worked)


class Satisfaction(StrEnum):
    """Callback rating (回访满意度)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意


class AuditAction(StrEnum):
    """What the audit trail records (the Cybersecurity Law's network log, PIPL's access log)."""

    SIGN_IN = "sign_in"  # 登录成功
    SIGN_IN_FAILED = "sign_in_failed"  # 登录失败
    SIGN_IN_LOCKED = "sign_in_locked"  # 账号被锁定
    SIGN_OUT = "sign_out"  # 退出登录
    EXPORT = "export"  # 导出报表
    PERSONAL_DATA_VIEW = "personal_data_view"  # 查看个人信息
    USER_CREATE = "user_create"  # 新建用户
    USER_DISABLE = "user_disable"  # 停用用户
    USER_ENABLE = "user_enable"  # 启用用户
    USER_RESET_PASSWORD = "user_reset_password"  # 重置密码
    PASSWORD_CHANGE = "password_change"  # 修改本人密码
    USER_CHANGE = "user_change"  # 修改用户资料或角色
    CALENDAR_CHANGE = "calendar_change"  # 修改节假日
    ADMIN_CHANGE = "admin_change"  # 其他管理操作
    AREA_CHANGE = "area_change"  # 区域/网格变更 (create, rename, move, merge, retire)
    MEMBER_CHANGE = "member_change"  # 网格成员变更
    DEPARTMENT_CHANGE = "department_change"  # 部门变更
    DEADLINE_CHANGE = "deadline_change"  # 办理时限规则变更
    SETTINGS_CHANGE = "settings_change"  # 本镇设置变更
    BASE_IMPORT = "base_import"  # 基础数据导入
    TICKET_IMPORT = "ticket_import"  # 工单导入 (a platform's sheet or Open311 file)
    INTAKE_CHANGE = "intake_change"  # 导入方案/分类对照变更
    AUDIT_ARCHIVE = "audit_archive"  # 归档旧审计记录
    DEMO_BUILD = "demo_build"  # 生成演示数据
    GRID_MAP_IMPORT = "grid_map_import"  # 导入网格边界 (GeoJSON)
    REGISTER_CHANGE = "register_change"  # 台账/走访/视频通道 新增、修改、注销
    REGISTER_IMPORT = "register_import"  # 台账/走访/视频通道 从表格导入
    REGISTER_VIEW = "register_view"  # 查看台账中的个人信息（未打码）


class DataPurpose(StrEnum):
    """Why personal data (a reporter's name and phone) would be shown: PIPL asks that it be
    seen only by those whose work needs it (core.permissions.may_see_personal_data)."""

    QUEUE = "queue"  # the ticket list on the desk
    DETAIL = "detail"  # the ticket detail panel
    CALLBACK = "callback"  # calling the reporter back ("show phone")
    LEDGER = "ledger"  # the Excel ledger handed to superiors
    NOTICE = "notice"  # the rectification notice for the party complained about
    AUDIT = "audit"  # the audit log view
    REGISTER = "register"  # the registers grid workers keep (special groups, renters, visits)


class IntakeSource(StrEnum):
    """Where an imported ticket's external code comes from: codes are unique per source."""

    HOTLINE_12345 = "12345"  # 12345 热线平台
    DISTRICT = "district"  # 区集成指挥平台
    OPEN311 = "open311"  # Open311 GeoReport v2 requests.json
    OTHER = "other"  # 其他平台


class IntakeField(StrEnum):
    """What a column of a platform's sheet holds (services/intake/columns.py knows the
    headers platforms write for each)."""

    EXTERNAL_CODE = "external_code"  # 工单编号
    RECEIVED_AT = "received_at"  # 来电时间/受理时间
    REPORTER_NAME = "reporter_name"  # 来电人/诉求人
    REPORTER_PHONE = "reporter_phone"  # 联系电话
    TITLE = "title"  # 诉求标题
    DESCRIPTION = "description"  # 诉求内容/问题描述
    ADDRESS = "address"  # 诉求地址/事发地址
    CATEGORY = "category"  # 诉求类型/问题分类 (may be a "大类/小类" path)
    CATEGORY_MINOR = "category_minor"  # 小类, when the platform gives it in its own column
    DEADLINE = "deadline"  # 办理时限/处理时限 (a date-time, or a number of days)
    DEPARTMENT = "department"  # 承办单位 (the platform's choice, kept with the ticket)
    PRIORITY = "priority"  # 紧急程度
    KIND = "kind"  # 诉求性质 (投诉/求助/咨询/建议 ...)
    GRID = "grid"  # 所属网格, when the platform knows it
    LATITUDE = "latitude"  # 纬度
    LONGITUDE = "longitude"  # 经度
    # Reply-sheet columns a platform's export carries and its upload expects back.
    RESULT = "result"  # 办理结果
    CLOSED_AT = "closed_at"  # 办结时间
    SATISFACTION = "satisfaction"  # 回访结果/满意度


class AttachmentKind(StrEnum):
    PHOTO = "photo"  # 照片
    DOCUMENT = "document"  # 文档 (PDF, Office)


# --- grid work (issue 12): the map, household visits, the registers, the video channels -------


class RegisterKind(StrEnum):
    """What a ticket can be raised from (ticket.raised_from_kind), and which register a row of
    the audit trail or an import belongs to."""

    VISIT = "visit"  # 走访记录
    SPECIAL_GROUP = "special_group"  # 特殊群体
    RENTAL = "rental"  # 出租房屋/群租房
    DANGER = "danger"  # 安全隐患
    CHANNEL = "channel"  # 视频通道


class SpecialGroupKind(StrEnum):
    """特殊群体. Which of them are sensitive (seen by supervisors and administrators only) is
    core.permissions.SENSITIVE_GROUPS."""

    ELDERLY_ALONE = "elderly_alone"  # 独居老人
    EMPTY_NEST = "empty_nest"  # 空巢老人
    DISABLED = "disabled"  # 残疾人
    MINOR_IN_DIFFICULTY = "minor_in_difficulty"  # 困境儿童
    LOW_INCOME = "low_income"  # 低保/特困
    COMMUNITY_CORRECTION = "community_correction"  # 社区矫正对象 (sensitive)
    RELEASED_PRISONER = "released_prisoner"  # 刑满释放人员 (sensitive)
    DRUG_REHAB = "drug_rehab"  # 社区戒毒康复人员 (sensitive)
    MENTAL_DISORDER = "mental_disorder"  # 严重精神障碍患者 (sensitive)
    ATTENTION = "attention"  # 重点人员 (sensitive)


class DangerKind(StrEnum):
    """安全隐患的类别."""

    FIRE = "fire"  # 消防
    GAS = "gas"  # 燃气
    ELECTRIC = "electric"  # 用电
    BUILDING = "building"  # 房屋/建筑
    PRODUCTION = "production"  # 安全生产
    TRAFFIC = "traffic"  # 交通
    WATER = "water"  # 防汛/涉水
    FOOD = "food"  # 食品
    OTHER = "other"  # 其他


class RiskLevel(StrEnum):
    HIGH = "high"  # 高
    MEDIUM = "medium"  # 中
    LOW = "low"  # 低


class DangerStatus(StrEnum):
    """整改情况."""

    OPEN = "open"  # 待整改
    RECTIFYING = "rectifying"  # 整改中
    RECTIFIED = "rectified"  # 已整改
    CANCELLED = "cancelled"  # 已销号 (found not to be a danger, or gone)


class ChannelStatus(StrEnum):
    """A video channel's state (在线/离线/故障), with the time it entered it."""

    ONLINE = "online"  # 在线
    OFFLINE = "offline"  # 离线
    FAULT = "fault"  # 故障


class VisitSource(StrEnum):
    DESK = "desk"  # 调度员录入
    IMPORT = "import"  # 移动端导出表导入
