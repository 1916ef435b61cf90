"""Demo data for 线索举报: a year of tips in every state, written through the service (numbers, query codes,
deadlines as the program makes them): anonymous and real-name, duplicates, transfers, rewards claimed in
person, by proxy and by bank, and one lapsed."""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from policeroom.models import AccountRole, MemberRole, Resident, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Actor, ServiceContext
from policeroom.services.tips.service import TipService
from policeroom.services.tips.types import TipInput

CASES = (
    ("涉毒", "3号楼地下室出租人", "安华里3号楼地下室", "夜间常有陌生人进出地下室，有吸食毒品的气味。", None),
    ("涉赌", "棋牌室经营者", "安华里商业街12号棋牌室", "棋牌室深夜聚众赌博，输赢较大。", 20000),
    ("电信网络诈骗", "自称客服的陌生电话", "安华里小区", "多名老人接到“退款客服”电话，要求下载会议软件共享屏幕。", 35000),
    ("消防安全隐患", "电动车充电点", "安华里5号楼楼道", "楼道内私拉电线给电动车充电，堵塞消防通道。", None),
    ("出租屋及“三小”场所隐患", "群租房房东", "安华里8号楼601室", "一套房隔成八间出租，住二十余人，厨房使用液化气罐。", None),
    ("盗抢骗等侵财", "骑电动车的两名男子", "安华里菜市场", "两名男子多次在菜市场扒窃老人钱包。", 6000),
    ("在逃及可疑人员", "租住人员", "安华里2号楼302室", "新租户深夜进出，行李中有多部手机和银行卡。", None),
    ("涉黄", "足疗店", "安华东路17号", "足疗店夜间提供色情服务。", None),
    ("安全生产隐患", "装修工地", "安华里10号楼", "外墙施工未设防护网，高空抛掷建筑垃圾。", None),
    ("涉黑涉恶", "收“保护费”的人员", "安华里商业街", "商户反映有人以“管理费”名义强行收钱。", 50000),
)
CHANNEL_WEIGHTS = (("来访", 4), ("电话", 4), ("信件", 1), ("随手拍", 3), ("网格员转来", 3), ("上级转来", 1))
RULE_FOR = {"涉毒": ("禁毒举报奖励", "一般线索"), "涉黑涉恶": ("涉黑涉恶线索举报奖励", "重要线索"),
            "盗抢骗等侵财": ("治安线索举报奖励", "侵财类线索")}  # fmt: skip


def _photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (640, 480), (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)))
    ImageDraw.Draw(im).rectangle((120, 90, 520, 390), outline=(255, 255, 255), width=8)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=70)
    return out.getvalue()


def seed_tips(ctx: ServiceContext, rng: random.Random, today: date, *, count: int = 48) -> int:
    """Add a year of tips; returns how many."""
    now = clock.now_minute()
    with ctx.read() as s:
        members = list(s.scalars(select(TeamMember).where(TeamMember.active.is_(True))))
    officer = next(m for m in members if m.role == MemberRole.officer)
    # written as the officer (审批人 on the 奖励发放登记表 is a person, not 系统)
    svc = TipService(ServiceContext(ctx.sessions, Actor(None, officer.name, AccountRole.officer, officer.id)))
    with ctx.read() as s:
        residents = list(s.scalars(select(Resident).where(Resident.grid_id.is_not(None)).limit(200)))
    desk = [m for m in members if m.role in (MemberRole.officer, MemberRole.staff)]
    staff = [m for m in desk if m.role == MemberRole.staff] or desk
    start = datetime.combine(today - timedelta(days=365), time(9, 0))
    days = sorted(start + timedelta(days=rng.randint(0, 362), hours=rng.randint(0, 8), minutes=rng.choice((0, 15, 30, 45)))
                  for _ in range(count))  # fmt: skip
    made: list[tuple[str, int, datetime]] = []  # number, case index, received
    channels = [c for c, w in CHANNEL_WEIGHTS for _ in range(w)]
    # the year's tips and, in the last weeks, one tip waiting at each step of the loop, in date order
    plan = [(at, "") for at in days] + [(now - timedelta(days=ago, hours=2), stop) for ago, stop in RECENT]
    for i, (at, stop) in enumerate(sorted(plan)):
        ci = rng.randrange(len(CASES))
        category, subject, place, content, amount = CASES[ci]
        earlier = [n for n, c, when in made if c == ci and (at - when).days < 45] if rng.random() < 0.5 and not stop else []
        who = rng.choice(residents) if rng.random() < 0.4 else None
        data = TipInput(
            received_at=at, channel=rng.choice(channels), category=category, content=content, anonymous=who is None,
            subject=subject, place=place, grid_id=(who.grid_id if who else rng.choice(residents).grid_id),
            amount=amount, duplicate_of=earlier[0] if earlier else "", receiver_id=rng.choice(desk).id,
            resident_id=who.id if who else None, contact="" if who or rng.random() < 0.7 else "微信：可联系",
        )  # fmt: skip
        intake = svc.register(data, now=now)
        made.append((intake.number, ci, at))
        if i % 9 == 0:
            svc.add_attachment(intake.tip_id, f"现场照片{i + 1}.jpg", _photo(rng))
        _run(svc, rng, intake.tip_id, intake.code, at, now, staff, bool(earlier), category, 5 if stop else i, stop)
    return len(plan)


#: (days ago, the status the tip stops at)
RECENT = ((0, "registered"), (2, "accepted"), (6, "checking"), (12, "verified"), (16, "unfounded"), (25, "handled"),
          (30, "assessed"), (34, "approved"))


def _run(svc: TipService, rng: random.Random, tid: int, code: str, at: datetime, now: datetime, staff: list, later: bool,
         category: str, i: int, stop: str = "") -> None:  # fmt: skip
    """Take the tip as far along its loop as its age allows, by a path chosen from its index."""

    def step(days: float) -> datetime | None:
        nonlocal at
        nxt = at + timedelta(days=days)
        if nxt > now:
            return None
        at = nxt
        return at

    path = i % 8
    if stop == "registered" or (t := step(0.1)) is None:
        return
    if path == 0:
        svc.decline(tid, "不属于公安机关管辖", "12345政务服务便民热线", "请按职责处理。", t)
        _archive(svc, step, rng, tid)
        return
    if path == 1 and category != "涉毒":
        svc.decline(tid, "反映的事项已由其他部门立案处理", at=t)
        _archive(svc, step, rng, tid)
        return
    svc.accept(tid, t)
    if stop == "accepted" or (t := step(1)) is None:
        return
    svc.assign(tid, rng.choice(staff).id, 10, t, "核实情况")
    if stop == "checking" or (t := step(rng.randint(3, 12))) is None:
        return
    if path == 2 or stop == "unfounded":
        svc.verify(tid, rng.choice(("不属实", "无法核实")), "现场走访未发现所反映情况", at=t)
        if not stop:
            _archive(svc, step, rng, tid)
        return
    body = "消防救援机构" if category == "消防安全隐患" else ""
    svc.verify(tid, rng.choice(("属实", "属实", "部分属实")), "民警现场核查，情况基本属实，已依法处置", body, t)
    if stop == "verified" or (t := step(rng.randint(5, 20))) is None:
        return
    svc.record_outcome(tid, "依法查处，相关人员已受到处理", t)
    if stop == "handled" or (t := step(2)) is None:
        return
    rule, tier = RULE_FOR.get(category, ("治安线索举报奖励", "违法类线索"))
    if later or path == 3:
        svc.assess(tid, rule, tier, None, "同一事项已有在先举报人" if later else "举报人为楼栋长，负有报告职责",
                   {"later": later, "duty": not later}, t)  # fmt: skip
        _archive(svc, step, rng, tid)
        return
    svc.assess(tid, rule, tier, None, "线索属实，协助查处", {}, t)
    if stop == "assessed" or (t := step(2)) is None:
        return
    svc.approve(tid, svc.detail(tid).reward_proposed or 300, "", t)
    if stop == "approved" or (t := step(3)) is None:
        return
    deadline = svc.notify(tid, rng.choice(("电话通知", "当面通知")), t)
    if path == 4:  # never claimed: lapses the day after the deadline
        return
    claim_on = t + timedelta(days=rng.randint(3, 30))
    if claim_on > now or claim_on.date() > deadline:
        return
    at = claim_on
    method = ("self_code", "proxy", "bank", "self_id")[i % 4]
    if method == "self_id" and not _id_of(svc, tid):
        method = "self_code"
    if method == "proxy":
        svc.claim(tid, "proxy", code=code, receiver="王秀兰", detail="举报人书面委托书一份（已存档）", at=claim_on)
    elif method == "bank":
        svc.claim(tid, "bank", detail=f"转账凭证号 ZZ{200000 + i}", at=claim_on)
    elif method == "self_id":
        svc.claim(tid, "self_id", id_number=_id_of(svc, tid), at=claim_on)
    else:
        svc.claim(tid, "self_code", code=code, at=claim_on)
    _archive(svc, step, rng, tid)


def _id_of(svc: TipService, tid: int) -> str:
    from policeroom.models import TipIdentity

    with svc.ctx.read() as s:
        return s.scalar(select(TipIdentity.id_number).where(TipIdentity.tip_id == tid)) or ""


def _archive(svc: TipService, step, rng: random.Random, tid: int) -> None:  # noqa: ANN001 - the step clock
    if rng.random() < 0.6 and (t := step(rng.randint(20, 60))) is not None:
        svc.archive(tid, "办理完毕，归档", t)
