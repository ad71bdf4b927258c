"""Chinese texts of demo tickets: addresses, titles, descriptions and handling results.

Each category has a few problems, each a short form for the title ("河道有垃圾漂浮") and a
longer one for the description; combined with varied places, reporters' wording and requests
they give thousands of distinct, plausible tickets ("迂里村3组42号旁河道有垃圾漂浮").
"""

from __future__ import annotations

import random

from gridcenter_desktop.core.enums import AreaLevel, TicketKind, TicketSource
from gridcenter_desktop.demo.areas import GridInfo

# category code -> (title fragment, description fragment)
PROBLEMS: dict[str, tuple[tuple[str, str], ...]] = {
    "city_management": (
        ("占道经营", "有流动摊贩长期占用人行道摆摊，影响行人通行"),
        ("乱堆乱放建筑垃圾", "有人堆放装修建筑垃圾多日无人清运，影响环境"),
        ("违章搭建", "有住户在屋顶违规搭建彩钢板房"),
        ("共享单车乱停放", "大量共享单车乱停乱放，堵塞通道"),
        ("广告牌破损有坠落隐患", "店铺广告牌破损松动，大风天有坠落危险"),
        ("垃圾桶满溢未及时清运", "垃圾桶满溢、散发异味，环卫未及时清运"),
        ("路灯不亮", "道路路灯连续多晚不亮，夜间出行不便"),
        ("店外油烟管道违规安装", "饭店油烟管道直接伸出店外，影响市容"),
    ),
    "environment": (
        ("河道有垃圾漂浮", "河道内漂浮大量生活垃圾和水草，气味难闻"),
        ("农家乐油烟扰民", "农家乐厨房油烟未经净化直排，周边居民无法开窗"),
        ("焚烧秸秆垃圾", "有人露天焚烧秸秆和垃圾，烟雾很大"),
        ("企业排放异味", "厂房夜间排放刺鼻异味"),
        ("污水直排入河", "有排污口向河道直排污水，水体发黑"),
        ("养殖塘尾水外排", "鱼塘换水时尾水直接排入太湖支流"),
        ("工地扬尘严重", "施工工地未覆盖裸土，扬尘严重"),
    ),
    "noise": (
        ("夜间施工噪音扰民", "工地晚上十点后仍在施工，噪音很大"),
        ("广场舞音响声音过大", "晚上广场舞音响声音过大，影响休息"),
        ("商铺高音喇叭扰民", "商铺门口高音喇叭循环播放促销广告"),
        ("KTV噪音扰民", "歌厅营业至深夜，噪音扰民"),
    ),
    "neighbour_dispute": (
        ("邻居空调外机噪音纠纷", "邻居空调外机正对卧室窗户，噪音和热风影响生活，双方多次争吵"),
        ("宅基地界址纠纷", "两户因宅基地界址发生争执，一方已砌墙"),
        ("楼上漏水纠纷", "楼上卫生间漏水导致楼下天花板受损，双方对赔偿有分歧"),
        ("相邻通行纠纷", "邻居在公共通道堆放杂物并设置障碍，影响通行"),
        ("家庭赡养纠纷", "兄弟几人对老人赡养费分担有争议"),
        ("饲养犬只扰邻纠纷", "邻居饲养的犬只夜间吠叫且随地便溺，双方发生口角"),
        ("排水沟堵塞引发邻里矛盾", "一户填埋排水沟导致邻居家院内积水"),
        ("树木遮挡采光纠纷", "邻居种植的树木遮挡采光，协商未果"),
    ),
    "property_management": (
        ("小区电梯频繁故障", "小区电梯一个月内多次故障停运，物业维修不及时"),
        ("物业费收费争议", "业主对物业费上涨有异议"),
        ("小区绿化无人养护", "小区绿化带杂草丛生，物业长期不打理"),
        ("地下车库积水", "地下车库雨后积水严重"),
        ("楼道堆物占用消防通道", "楼道内堆放杂物，占用消防通道"),
    ),
    "work_safety": (
        ("厂房违规住人", "生产厂房内隔出房间供工人住宿，存在安全隐患"),
        ("液化气瓶违规存放", "店铺内存放多只液化气钢瓶"),
        ("企业未规范佩戴防护用品", "车间工人作业未佩戴防护用品"),
        ("危险化学品存放不规范", "仓库内化学品与杂物混放"),
        ("有限空间作业无防护", "污水井内作业未采取通风和监护措施"),
    ),
    "food_safety": (
        ("饭店后厨卫生差", "饭店后厨苍蝇较多，食材生熟混放"),
        ("销售过期食品", "超市货架上有过期食品在售"),
        ("无证加工熟食", "民房内无证加工熟食对外销售"),
        ("农家乐餐具未消毒", "农家乐餐具未经消毒重复使用"),
    ),
    "fire_safety": (
        ("电动车楼道充电", "居民在楼道内给电动自行车充电，存在火灾隐患"),
        ("消防通道被占用", "消防通道被车辆长期占用"),
        ("民宿缺少消防器材", "民宿未配备灭火器和应急照明"),
        ("私拉电线", "出租房内私拉乱接电线"),
    ),
    "unlicensed_business": (
        ("无证经营民宿", "民宿未办理营业执照和特种行业许可"),
        ("无证经营餐饮", "路边餐饮店未取得食品经营许可"),
        ("无证回收废品", "有人在空地无证收购废品，堆放杂乱"),
    ),
    "water_affairs": (
        ("河道护坡坍塌", "河道护坡部分坍塌，存在安全隐患"),
        ("防汛闸门损坏", "防汛闸门锈蚀无法正常关闭"),
        ("非法围网养殖", "水域内有人私设围网养殖"),
        ("雨后道路积水", "每逢下雨道路积水严重，排水不畅"),
    ),
    "public_services": (
        ("公交站台缺少遮雨棚", "公交站台没有遮雨棚，雨天候车不便"),
        ("健身器材损坏", "小广场健身器材损坏，存在安全隐患"),
        ("公共厕所无人保洁", "公共厕所卫生差，长期无人保洁"),
        ("老年人办事不便", "老年人办理社保认证不会使用手机"),
    ),
    "epidemic_prevention": (
        ("外来人员未报备", "有外地返乡人员未按要求报备"),
        ("核酸采样点排队过长", "核酸采样点排队时间过长，缺少遮阳设施"),
        ("场所未查验健康码", "店铺未按规定查验健康码"),
        ("居家隔离人员外出", "居家健康监测人员擅自外出"),
    ),
    "traffic": (
        ("路面坑洼", "道路路面坑洼不平，电动车容易摔倒"),
        ("货车超载超速", "大货车经常超速行驶，噪音大且危险"),
        ("路口缺少减速带", "学校附近路口缺少减速带和警示标志"),
        ("违章停车堵塞道路", "车辆长时间违停，造成道路拥堵"),
    ),
    "utilities": (
        ("频繁停电", "最近一周频繁停电，影响生活"),
        ("自来水水压低", "自来水水压低，楼上住户用水困难"),
        ("燃气管道有异味", "燃气管道附近闻到异味，担心泄漏"),
        ("水管爆裂", "路边自来水管爆裂，大量跑水"),
    ),
    "civil_affairs": (
        ("困难家庭申请救助", "家庭因病致贫，希望了解救助政策"),
        ("独居老人无人照料", "独居老人行动不便，生活无人照料"),
        ("残疾人补贴未到账", "残疾人两项补贴本月未到账"),
    ),
    "labour": (
        ("拖欠工资", "工厂拖欠工人工资两个月未发"),
        ("未签订劳动合同", "单位未与员工签订劳动合同"),
        ("社保未缴纳", "公司未为员工缴纳社会保险"),
    ),
    "planning": (
        ("农房翻建审批咨询", "村民咨询农房翻建的审批手续"),
        ("违法占用耕地建房", "有人在农田上违法建房"),
        ("道路规划影响出行", "道路改造后断头路影响村民出行"),
    ),
    "agriculture": (
        ("土地流转费未支付", "承包方拖欠土地流转费"),
        ("农田灌溉渠堵塞", "灌溉渠堵塞，农田无法灌水"),
        ("茶园病虫害咨询", "茶园出现病虫害，希望农技人员指导"),
        ("花木基地用工纠纷", "花木基地与临时工因工钱发生争议"),
    ),
    "tourism": (
        ("景区停车难", "节假日景区周边停车难，车辆乱停"),
        ("农家乐价格欺诈", "游客反映农家乐结账价格与菜单不符"),
        ("游船无证经营", "有人无证经营游船载客"),
        ("景区厕所不足", "赏梅季景区厕所不足，排队时间长"),
    ),
    "petition_matter": (
        ("反映征地补偿款发放问题", "反映征地补偿款发放标准不一，要求公开明细"),
        ("反映动迁安置房分配问题", "反映动迁安置房分配不公，要求复核"),
        ("反映村务公开问题", "反映村集体收支未按时公开"),
        ("反映宅基地审批问题", "反映宅基地审批进度慢"),
        ("反映拆迁补偿问题", "反映拆迁评估价格偏低"),
        ("反映企业拖欠货款问题", "反映企业长期拖欠货款"),
    ),
    "suggestion": (
        ("建议增设公交站台", "建议在附近增设公交站台，方便老人出行"),
        ("建议增设电动自行车充电桩", "建议小区集中增设电动自行车充电桩，杜绝楼道充电"),
        ("建议开设老年助餐点", "建议开设老年助餐点，解决独居老人吃饭难"),
        ("建议改善物业服务", "建议引入物业服务考评，改善小区管理"),
        ("建议增加停车位", "建议利用闲置空地增设停车位"),
        ("建议完善村道路灯", "建议完善村道路灯，方便夜间出行"),
    ),
    "other": (
        ("咨询办事流程", "咨询相关证件的办理流程"),
        ("流浪犬伤人隐患", "有流浪犬聚集，担心伤人"),
        ("树枝遮挡道路", "路边树枝过长，遮挡车辆视线"),
    ),
}

# Which problems of a category can be a dispute between people (矛盾纠纷).
_DISPUTE_PROBLEMS = {
    "labour": ("拖欠工资", "社保未缴纳", "未签订劳动合同"),
    "agriculture": ("土地流转费未支付", "花木基地用工纠纷"),
    "property_management": ("物业费收费争议", "楼道堆物占用消防通道"),
    "planning": ("违法占用耕地建房", "道路规划影响出行"),
    "other": ("流浪犬伤人隐患", "树枝遮挡道路"),
}

_SPOTS = ("旁", "附近", "门口", "东侧", "西侧", "对面", "路口", "")
_INTROS = {
    TicketSource.HOTLINE: ("来电人反映：", "市民来电反映：", "12345转来：来电人称"),
    TicketSource.GRID_PATROL: ("网格员巡查发现：", "网格员走访发现："),
    TicketSource.WALK_IN: ("群众来访反映：", "来访人称："),
    TicketSource.LETTER_VISIT: ("来信反映：", "来访群众反映：", "信访人反映："),
    TicketSource.DISTRICT_PLATFORM: ("区集成指挥平台转办：", "区平台推送："),
    TicketSource.VIDEO: ("视频监控发现：", "视频巡查发现："),
    TicketSource.OPINION_DAY: ("社情民意联系日收集：", "联系日居民代表提出："),
}
_ASKS = (
    "希望相关部门尽快处理。",
    "请尽快派人核实处理。",
    "已反映多次未解决，希望尽快解决。",
    "要求相关部门依法处理。",
    "希望给予答复。",
    "",
)
_REPORTER_NOTES = ("", "", "反映人情绪较激动。", "反映人要求回访。", "附现场照片。")
# What a patrol or a camera adds instead of a citizen's request.
_OBSERVER_NOTES = ("已拍照取证。", "建议相关部门处置。", "现场已初步劝导。", "")
_OBSERVERS = frozenset({TicketSource.GRID_PATROL, TicketSource.VIDEO})
# Matters of public places happen at landmarks too; private ones (disputes, wages) do not.
_PUBLIC_CATEGORIES = frozenset(
    {
        "city_management", "environment", "noise", "fire_safety", "food_safety",
        "unlicensed_business", "water_affairs", "public_services", "traffic", "tourism",
        "epidemic_prevention", "work_safety",
    }
)  # fmt: skip

_HANDLED = (
    "经现场核查，情况属实，已责令当事人整改，现场已恢复正常。",
    "已安排人员到场处理，问题已解决，并向反映人说明情况。",
    "已联系相关单位完成维修，经复查符合要求。",
    "已下达责令整改通知书，当事人已按期整改到位。",
    "经联合检查，已责令停业整改，后续将跟踪复查。",
    "已组织清理，现场已恢复整洁，将纳入日常巡查。",
)
_MEDIATED = (
    "经网格员和调解员上门调解，双方达成一致意见，签订调解协议。",
    "经村（居）委会组织协商，双方互谅互让，矛盾已化解。",
    "经司法所调解，双方达成和解，已履行完毕。",
)
_ADVISED = (
    "已电话联系反映人，告知相关政策和办理流程，反映人表示理解。",
    "意见已采纳，已列入下一阶段工作计划，并向反映人反馈。",
    "已协调相关部门研究落实，并向反映人答复。",
)
_NOT_SOLVED = (
    "经多次调解，双方分歧较大，未能达成一致，已引导通过诉讼途径解决。",
    "该诉求超出本级职责范围，已向反映人解释说明。",
    "经核查，反映情况与实际不符，已向反映人说明。",
    "诉求涉及历史遗留问题，暂不具备解决条件，已做好解释工作。",
)


def feedback(rng: random.Random, kind: TicketKind, resolved: bool) -> str:
    """What a handler reports (办理情况), fitting the kind of matter and its outcome."""
    if not resolved:
        return rng.choice(_NOT_SOLVED)
    if kind is TicketKind.DISPUTE:
        return rng.choice(_MEDIATED)
    if kind in (TicketKind.PETITION, TicketKind.SUGGESTION):
        return rng.choice(_ADVISED)
    return rng.choice(_HANDLED)


RETURN_REASONS = (
    "非本部门职责，建议改派。",
    "地址不详，无法核实，请补充信息。",
    "属于区级事权，建议转区相关部门。",
    "与已办工单重复。",
)
PUBLIC_REPLIES = (
    "您反映的问题已处理完毕，感谢您对光福镇工作的支持。",
    "您好，您反映的问题经核实已处理，如有疑问请再次来电。",
)
URGE_NOTES = ("请加快办理进度。", "时限将到，请尽快反馈。", "反映人再次来电催促。")
SUPERVISE_NOTES = ("工单已超期，请说明原因并尽快办结。", "列入督办，请主要负责人跟进。")


def place(rng: random.Random, grid: GridInfo, public: bool = True) -> str:
    """A place inside ``grid``: "迂里村3组42号", "梅园新村5幢", "香雪海景区" (landmarks only
    when ``public``)."""
    unit = grid.unit
    roll = rng.random()
    if public and roll < 0.15:
        return rng.choice(unit.landmarks)
    if unit.level is AreaLevel.VILLAGE and roll < 0.6:
        # Each grid covers a handful of the village's groups (村民小组).
        group = (grid.index - 1) * 4 + rng.randint(1, 4)
        return f"{unit.name}{group}组{rng.randint(1, 80)}号"
    spot = rng.choice(unit.places)
    if unit.level is AreaLevel.COMMUNITY and spot.endswith(("新村", "花园", "苑", "家园")):
        return f"{spot}{rng.randint(1, 40)}幢"
    return f"{spot}{rng.randint(1, 260)}号"


def ticket_texts(
    rng: random.Random,
    category: str,
    source: TicketSource,
    grid: GridInfo,
    dispute: bool = False,
) -> tuple[str, str, str]:
    """(title, description, address) for a ticket of ``category`` located in ``grid``; a
    ``dispute`` is named as one (拖欠工资 → 拖欠工资纠纷)."""
    problems = PROBLEMS[category]
    if dispute and category in _DISPUTE_PROBLEMS:
        problems = tuple(p for p in problems if p[0] in _DISPUTE_PROBLEMS[category])
    short, long = rng.choice(problems)
    if dispute and not short.endswith(("纠纷", "矛盾")):
        short += "纠纷"
    public = category in _PUBLIC_CATEGORIES
    where = place(rng, grid, public=public)
    # "旁/路口" locate a pothole, not a family matter.
    spot = rng.choice(_SPOTS) if public else ""
    address = f"苏州市吴中区光福镇{where}"
    if category in ("petition_matter", "suggestion", "civil_affairs", "labour"):
        title = f"{grid.unit.name}{short}" if rng.random() < 0.6 else f"{where}{short}"
    else:
        title = f"{where}{spot}{short}"
    intro = rng.choice(_INTROS[source])
    if source in _OBSERVERS:
        tail = rng.choice(_OBSERVER_NOTES)
    else:
        tail = rng.choice(_ASKS) + rng.choice(_REPORTER_NOTES)
    description = f"{intro}{where}{spot}{long}，{tail}"
    return title, description.rstrip("，"), address


assert all(
    {p[0] for p in PROBLEMS[code]} >= set(shorts) for code, shorts in _DISPUTE_PROBLEMS.items()
)
