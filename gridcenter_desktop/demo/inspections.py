"""Joint inspections (联合检查) on demo tickets and the rectification notices issued from them.

The report's example: the unlicensed restaurants and B&Bs of 漫山岛 (冲山村), inspected together
by 食安办, 旅游办, 市场监督管理所, 派出所, 消委办 and the village committee, each operator handed
a notice to put things right by a date, and checked back (复查) when the date passed. A ticket
dispatched that way (a lead with three or more assisting departments, in the matters of
unlicensed business, food safety or tourism) sometimes gets an inspection on record and a
notice numbered by the town's pattern; the notices of the last weeks before "now" are still
running, or waiting for their check-back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from gridcenter_desktop.core.enums import EventAction, InspectionKind, NoticeStatus
from gridcenter_desktop.demo import lifecycle as step
from gridcenter_desktop.demo.lifecycle import Context, Story, in_office_hours
from gridcenter_desktop.services.admin.town import notice_number

# The town's notice pattern (build.py sets it as the town's setting, so the notices the desk
# issues after the demo continue the same series): the serial written with three digits.
NOTICE_PATTERN = "光福整改〔{year}〕{seq:03d}号"
_JOINT_CATEGORIES = frozenset({"unlicensed_business", "food_safety", "tourism"})
_PARTIES = (
    ("漫山岛农家乐（未办理食品经营许可）", "漫山岛"),
    ("漫山岛某民宿（未取得特种行业许可）", "漫山岛民宿集中区"),
    ("冲山码头餐饮店", "冲山码头"),
    ("湖鲜餐馆", "冲山岛环岛路"),
)
_FINDINGS = (
    "现场检查发现：未取得食品经营许可证从事餐饮服务，后厨生熟未分开，消防通道堆放杂物。",
    "现场检查发现：民宿未办理特种行业许可，未落实住宿登记，灭火器过期。",
    "现场检查发现：占道经营，油烟直排，未配备消防器材。",
)
_REQUIREMENTS = (
    "限期办理相关许可证照，落实住宿实名登记；清理消防通道，配齐灭火器材；逾期未整改的依法处理。",
    "立即停止无证经营，限期完成后厨改造和油烟净化设施安装，整改完成后报请复查。",
)
_CHECK_NOTES = ("经复查，已按要求完成整改。", "经复查，整改未完成，移交执法部门依法处理。")
# Recent notices are on record always (so "now" has some running and one to check back);
# older joint dispatches only sometimes.
_RECENT = timedelta(days=60)
_OLDER_SHARE = 0.1
# A notice whose deadline passed in the last days is still to be checked back.
_WAITING_DAYS = 20


def joint(story: Story) -> bool:
    """A joint dispatch in the matters a joint inspection deals with."""
    if story.category not in _JOINT_CATEGORIES:
        return False
    assists = sum(1 for a in story.open_assignments() if a["role"] == step.ASSIST)
    return assists >= 3


def hold(ctx: Context, story: Story, at: datetime) -> None:
    """An inspection by the departments handling ``story`` at ``at``, a notice issued from it,
    and its check-back once the deadline passed (if that is before "now")."""
    rng = ctx.rng
    if ctx.now - at > _RECENT and rng.random() > _OLDER_SHARE:
        return
    present = [a for a in story.open_assignments() if a["department_id"] is not None]
    names = {i: n for i, n in ctx.departments.values()}
    inspection_id = ctx.next_id("joint_inspection")
    party, place = rng.choice(_PARTIES)
    findings = rng.choice(_FINDINGS)
    story.inspections.append(
        {
            "id": inspection_id,
            "ticket_id": story.ticket_id,
            "kind": InspectionKind.JOINT_INSPECTION.value,
            "held_on": at.date(),
            "place": place,
            "attendees": "村委会负责人、经营户",
            "findings": findings,
            "recorded_at": at,
            "recorded_by_id": ctx.operator(),
            "departments": [a["department_id"] for a in present],
        }
    )
    step.record(
        ctx, story, at, EventAction.INSPECT, findings,
        {"inspection_id": inspection_id, "kind": InspectionKind.JOINT_INSPECTION.value,
         "held_on": at.date().isoformat(),
         "departments": [names[a["department_id"]] for a in present]},
    )  # fmt: skip
    issued_at = at + timedelta(seconds=rng.randrange(1800, 3 * 3600))
    deadline = issued_at.date() + timedelta(days=rng.randint(7, 20))
    year = issued_at.year
    serial = ctx.ids.get(f"notice:{year}", 0) + 1
    ctx.ids[f"notice:{year}"] = serial
    number = notice_number(NOTICE_PATTERN, town="", year=year, seq=serial, code="")
    notice = {
        "id": ctx.next_id("rectification_notice"),
        "number": number,
        "ticket_id": story.ticket_id,
        "inspection_id": inspection_id,
        "party": party,
        "party_address": f"光福镇冲山村{place}",
        "problems": findings.removeprefix("现场检查发现："),
        "requirements": rng.choice(_REQUIREMENTS),
        "issued_on": issued_at.date(),
        "deadline": deadline,
        "issued_at": issued_at,
        "issued_by_id": ctx.supervisor,
        "status": NoticeStatus.ISSUED.value,
        "checked_at": None,
        "checked_by_id": None,
        "check_note": "",
    }
    story.notices.append(notice)
    step.record(
        ctx, story, issued_at, EventAction.NOTICE, f"下发整改通知书{number}",
        {"notice_id": notice["id"], "number": number, "party": party,
         "issued_on": notice["issued_on"].isoformat(), "deadline": deadline.isoformat()},
    )  # fmt: skip
    if (ctx.now.date() - deadline).days <= _WAITING_DAYS:
        return  # still running, or its deadline passed lately: waiting for its check-back
    day_after = datetime(deadline.year, deadline.month, deadline.day) + timedelta(days=1)
    checked_at = in_office_hours(rng, day_after + timedelta(hours=rng.randint(9, 14 * 24)), ctx.now)
    rectified = rng.random() < 0.85
    notice.update(
        status=(NoticeStatus.RECTIFIED if rectified else NoticeStatus.NOT_RECTIFIED).value,
        checked_at=checked_at,
        checked_by_id=ctx.operator(),
        check_note=_CHECK_NOTES[0 if rectified else 1],
    )
    step.record(
        ctx, story, checked_at, EventAction.NOTICE_CHECK, notice["check_note"],
        {"notice_id": notice["id"], "number": number, "rectified": rectified},
    )  # fmt: skip
