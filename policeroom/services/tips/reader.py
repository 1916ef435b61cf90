"""Reading tips: the list, one tip, same-matter candidates, the follow-up sentence by query code, and
the monthly 奖励发放登记表. None of these ever reads the sealed tipster (tip_identity)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, ValidationError
from policeroom.models import Grid, TeamMember, Tip, TipAttachment, TipCodeAttempt, TipIdentity
from policeroom.services.core import clock
from policeroom.services.core.context import ServiceContext
from policeroom.services.core.records import all_terms, contains
from policeroom.services.core.workdays import calendar_warning
from policeroom.services.loop.engine import Loop
from policeroom.services.loop.lights import Light
from policeroom.services.loop.timeline import timeline
from policeroom.services.tips.codes import clean_code, code_hash
from policeroom.services.tips.kind import MOVE_LABELS, TIP_KIND, limits_of
from policeroom.services.tips.moves import same_matter
from policeroom.services.tips.rules import CLAIM_METHODS, STATUS_LABELS, load_settings, require_desk
from policeroom.services.tips.shapes import effective_status, get_tip, lapse_day, matter, notify_due, visible
from policeroom.services.tips.types import AttachmentItem, RewardLine, TipDetail, TipFilter, TipPaper, TipRow

#: wrong query codes allowed in a window before the desk must wait (a code cannot be guessed by trying)
WRONG_CODES = 5
WRONG_WINDOW = timedelta(minutes=15)
OPEN = ("registered", "accepted", "checking", "verified", "handled", "assessed", "approved", "notified")


class TipReader:
    ctx: ServiceContext

    def _rows(self, s: Session, tips: list[Tip], now: datetime) -> list[TipRow]:
        settings = load_settings(s)
        grids = dict(s.execute(select(Grid.id, Grid.name)).all())
        members = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
        dup = dict(s.execute(select(Tip.id, Tip.number).where(Tip.id.in_({t.duplicate_of_id for t in tips} - {None}))).all())
        loop = Loop(TIP_KIND, self.ctx.actor)
        states = loop.states(s, [t.id for t in tips])
        out = []
        for t in tips:
            status = effective_status(t, now.date())
            due, light = None, Light.none
            if status == t.status:
                w = Loop(TIP_KIND, self.ctx.actor, limits_of(settings, t.verify_days)).window(matter(t), states.get(t.id))
                if w is not None and w.due is not None:
                    due, light = w.due, w.light(now)
            if status == "notified" and t.claim_deadline:
                due = datetime.combine(t.claim_deadline, datetime.max.time().replace(microsecond=0))
            out.append(TipRow(
                t.id, t.number, t.received_at, t.channel, t.category, t.subject, t.place,
                grids.get(t.grid_id, ""), status, STATUS_LABELS[status], members.get(t.handler_id, ""),
                due, light, t.verdict, t.reward_approved, dup.get(t.duplicate_of_id, ""), t.anonymous,
            ))  # fmt: skip
        return out

    def rows(self, f: TipFilter | None = None, now: datetime | None = None) -> list[TipRow]:
        """The tips the actor may see (grid workers: their grids), newest first; searched by number,
        subject, place, content and category — never by anything of the tipster."""
        f = f or TipFilter()
        now = now or clock.now()
        with self.ctx.read() as s:
            stmt = visible(select(Tip), self.ctx.actor)
            if f.query:
                stmt = stmt.where(all_terms(f.query, lambda term: or_(
                    contains(Tip.number, term.upper()), contains(Tip.subject, term), contains(Tip.place, term),
                    contains(Tip.content, term), contains(Tip.category, term),
                )))  # fmt: skip
            if f.category:
                stmt = stmt.where(Tip.category == f.category)
            if f.date_from:
                stmt = stmt.where(Tip.received_at >= datetime.combine(f.date_from, datetime.min.time()))
            if f.date_to:
                stmt = stmt.where(Tip.received_at < datetime.combine(f.date_to + timedelta(days=1), datetime.min.time()))
            if f.status == "open":
                stmt = stmt.where(Tip.status.in_(OPEN))
            elif f.status == "lapsed":
                stmt = stmt.where(or_(Tip.status == "lapsed", (Tip.status == "notified") & (Tip.claim_deadline < now.date())))
            elif f.status:
                stmt = stmt.where(Tip.status == f.status)
            tips = list(s.scalars(stmt.order_by(Tip.received_at.desc(), Tip.id.desc())))
            rows = self._rows(s, tips, now)
            if f.status == "notified":
                rows = [r for r in rows if r.status == "notified"]
            return rows

    def detail(self, tip_id: int, now: datetime | None = None) -> TipDetail:
        now = now or clock.now()
        with self.ctx.read() as s:
            t = get_tip(s, self.ctx.actor, tip_id)
            row = self._rows(s, [t], now)[0]
            settings = load_settings(s)
            has_identity = s.scalar(select(func.count()).select_from(TipIdentity).where(TipIdentity.tip_id == t.id)) > 0
            members = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
            attachments = [
                AttachmentItem(a.id, a.file_name, a.size, a.thumbnail, a.added_at)
                for a in s.execute(select(TipAttachment.id, TipAttachment.file_name, TipAttachment.size,
                                          TipAttachment.thumbnail, TipAttachment.added_at)
                                   .where(TipAttachment.tip_id == t.id).order_by(TipAttachment.id))
            ]  # fmt: skip
            lapsed_on = t.lapsed_on or (lapse_day(t.claim_deadline) if row.status == "lapsed" and t.claim_deadline else None)
            return TipDetail(
                row=row, occurred_at=t.occurred_at, amount=t.amount, content=t.content,
                receiver=members.get(t.receiver_id, ""), grid_id=t.grid_id, has_identity=has_identity,
                decline_reason=t.decline_reason, transfer_to=t.transfer_to, transfer_note=t.transfer_note,
                transferred_at=t.transferred_at, verify_days=t.verify_days, verdict=t.verdict, measures=t.measures,
                outcome=t.outcome, outcome_at=t.outcome_at, reward_rule=t.reward_rule, reward_tier=t.reward_tier,
                reward_proposed=t.reward_proposed, reward_basis=t.reward_basis, exclusions=dict(t.exclusions or {}),
                reward_approved=t.reward_approved, approve_note=t.approve_note, approved_by=t.approved_by,
                approved_at=t.approved_at, notified_at=t.notified_at,
                notify_due=notify_due(t, settings.notify_working_days), claim_deadline=t.claim_deadline,
                claimed_at=t.claimed_at, claim_method=CLAIM_METHODS.get(t.claim_method, ""), lapsed_on=lapsed_on,
                archived_at=t.archived_at, archive_reason=t.archive_reason, erased_at=t.erased_at,
                timeline=timeline(s, TIP_KIND.name, t.id, MOVE_LABELS), attachments=attachments,
                same_matter=[o.number for o in same_matter(s, t)],
                calendar_warning=calendar_warning(now.date()),
            )  # fmt: skip

    def id_by_number(self, number: str) -> int:
        with self.ctx.read() as s:
            t = s.scalar(select(Tip).where(Tip.number == number.strip().upper()))
            if t is None:
                raise NotFound(f"没有编号为 {number.strip()} 的线索。")
            get_tip(s, self.ctx.actor, t.id)
            return t.id

    def candidates(self, subject: str, place: str, exclude_id: int | None = None, limit: int = 8) -> list[TipRow]:
        """Earlier tips that may be the same matter: the same subject or place (last two years)."""
        subject, place = subject.strip(), place.strip()
        if len(subject) < 2 and len(place) < 2:
            return []
        now = clock.now()
        with self.ctx.read() as s:
            conds = []
            if len(subject) >= 2:
                conds.append(contains(Tip.subject, subject))
            if len(place) >= 2:
                conds.append(contains(Tip.place, place))
            stmt = visible(select(Tip), self.ctx.actor).where(
                or_(*conds), Tip.received_at >= now - timedelta(days=730)
            )
            if exclude_id:
                stmt = stmt.where(Tip.id != exclude_id)
            tips = list(s.scalars(stmt.order_by(Tip.received_at).limit(limit)))
            return self._rows(s, tips, now)

    # -- follow-up by query code -------------------------------------------------------------
    def follow_up(self, code: str, now: datetime | None = None) -> str:
        """The one sentence for the tipster (已受理 / 核查中 / 已核实，奖励待领取（领取截止…） / 已办结).

        Wrong codes are counted: after five in fifteen minutes the desk must wait.
        """
        now = now or clock.now()
        with self.ctx.write() as s:
            wrong = s.scalar(select(func.count()).select_from(TipCodeAttempt).where(
                TipCodeAttempt.at >= now - WRONG_WINDOW, TipCodeAttempt.ok.is_(False)
            ))  # fmt: skip
            if wrong >= WRONG_CODES:
                last = s.scalar(select(func.max(TipCodeAttempt.at)).where(TipCodeAttempt.ok.is_(False)))
                wait = max(1, -int(-((last + WRONG_WINDOW) - now).total_seconds() // 60))
                raise ValidationError("code", f"查询码连续输错{WRONG_CODES}次，请{wait}分钟后再查询。")
            typed = clean_code(code)
            if typed is None:
                raise ValidationError("code", "查询码是16位数字（见受理回执），请核对后再输入。")
            t = s.scalar(select(Tip).where(Tip.code_hash == code_hash(s, self.ctx.actor, typed)))
            s.add(TipCodeAttempt(at=now, ok=t is not None))
            answer = sentence(effective_status(t, now.date()), t) if t is not None else None
        if answer is None:  # raised after the commit: the wrong attempt counts
            raise ValidationError("code", "没有找到这个查询码对应的线索，请核对后再输入。")
        return answer

    def paper(self, tip_id: int, form: str, code: str | None = None) -> TipPaper:
        """The data of one paper: ``receipt`` (code only at intake), ``transfer``, ``reward``, ``lapse``."""
        from policeroom.services.core.settings import load_room_settings

        with self.ctx.read() as s:
            t = get_tip(s, self.ctx.actor, tip_id)
            status = effective_status(t, clock.today())
            need = {"transfer": (bool(t.transfer_to), "该线索没有移交，无移交函。"),
                    "reward": (t.claimed_at is not None, "该线索的奖励尚未领取，无领奖回执。"),
                    "lapse": (status == "lapsed" or bool(t.lapsed_on), "该线索的奖励没有逾期，无逾期放弃通知。")}  # fmt: skip
            ok, why = need.get(form, (True, ""))
            if not ok:
                raise ValidationError("form", why)
            room = load_room_settings(s)
            return paper(s, t, room.room_name, room.station, code)

    # -- 奖励发放登记表 ------------------------------------------------------------------------
    def reward_lines(self, month: date) -> list[RewardLine]:
        """Rewards approved or paid (or lapsed) in the month: numbers, amounts, rules, approvers — no names."""
        require_desk(self.ctx.actor, "查看奖励发放登记表")
        start = datetime.combine(month.replace(day=1), datetime.min.time())
        end = datetime.combine((month.replace(day=28) + timedelta(days=4)).replace(day=1), datetime.min.time())
        today = clock.today()
        with self.ctx.read() as s:
            tips = s.scalars(select(Tip).where(Tip.reward_approved.is_not(None), or_(
                (Tip.approved_at >= start) & (Tip.approved_at < end),
                (Tip.claimed_at >= start) & (Tip.claimed_at < end),
            )).order_by(Tip.approved_at, Tip.id)).all()  # fmt: skip
            out = []
            for t in tips:
                status = effective_status(t, today)
                state = {"claimed": "已发放", "lapsed": "逾期视为放弃"}.get(status, "待领取" if t.notified_at else "待通知")
                if status == "archived":
                    state = "已发放" if t.claimed_at else ("逾期视为放弃" if t.lapsed_on else "已归档")
                paid_here = t.claimed_at if t.claimed_at and start <= t.claimed_at < end else None
                out.append(RewardLine(t.number, t.category, t.reward_rule, t.reward_tier, t.reward_approved or 0,
                                      t.approved_by, t.approved_at, paid_here, CLAIM_METHODS.get(t.claim_method, ""), state))  # fmt: skip
            return out


def paper(s: Session, t: Tip, room_name: str, station: str, code: str | None = None) -> TipPaper:
    """What the papers print of ``t`` (never its tipster; the proxy flag only)."""
    receiver = s.scalar(select(TeamMember.name).where(TeamMember.id == t.receiver_id)) if t.receiver_id else ""
    return TipPaper(
        room_name=room_name, station=station, number=t.number, category=t.category, received_at=t.received_at,
        receiver=receiver or "", code=code, transfer_to=t.transfer_to, transfer_note=t.transfer_note,
        transferred_at=t.transferred_at, subject=t.subject, content=t.content, reward_rule=t.reward_rule,
        reward_tier=t.reward_tier, amount=t.reward_approved, claim_method=CLAIM_METHODS.get(t.claim_method, ""),
        claim_proxy=t.claim_method == "proxy", claimed_at=t.claimed_at, claim_deadline=t.claim_deadline,
        lapsed_on=t.lapsed_on or (lapse_day(t.claim_deadline) if t.claim_deadline else None),
        notified_at=t.notified_at,
    )  # fmt: skip


def sentence(status: str, t: Tip) -> str:
    if status in ("registered", "accepted"):
        return "您的线索已受理。"
    if status in ("checking", "verified", "handled", "assessed", "approved"):
        return "您的线索正在核查中。"
    if status == "notified" and t.claim_deadline:
        return f"您的线索已核实，奖励待领取（领取截止{t.claim_deadline.year}年{t.claim_deadline.month}月{t.claim_deadline.day}日）。"
    return "您的线索已办结。"
