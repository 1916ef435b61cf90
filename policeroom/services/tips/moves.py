"""The tip's loop moves: 受理/不予受理(移交) → 分派核查 → 核查结论 → 查处结果 → 奖励评定 → 审批 → 通知 →
领取 | 逾期视为放弃 → 归档. Each runs in one transaction, checked by the loop kind (who, from where)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import AccountRole, TeamMember, Tip, TipIdentity
from policeroom.services.core import clock
from policeroom.services.core.context import Actor, ServiceContext
from policeroom.services.core.validators import parse_id_number
from policeroom.services.loop.engine import Loop
from policeroom.services.tips.codes import clean_code, code_hash
from policeroom.services.tips.kind import TIP_KIND, limits_of
from policeroom.services.tips.rules import (
    CLAIM_METHODS,
    EXCLUSIONS,
    NOTIFY_METHODS,
    TRUE_VERDICTS,
    VERDICTS,
    load_settings,
)
from policeroom.services.tips.shapes import claim_deadline, effective_status, get_tip, lapse_day, matter

CLOCK_SKEW = timedelta(minutes=5)
NOTE_LIMIT = 500
#: the one who writes a lapse into the record when the program finds it (逾期视为放弃 happens by itself)
LAPSE_ACTOR = Actor(account_id=None, name="系统（到期自动）", role=AccountRole.officer)
#: statuses of a tip whose reward is on its way or paid (one reward per matter)
REWARDED = ("assessed", "approved", "notified", "claimed")


def _text(value: str, field: str, label: str, *, required: bool = True, limit: int = NOTE_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(field, f"请填写{label}")
    if len(value) > limit:
        raise ValidationError(field, f"{label}不能超过{limit}个字")
    return value


def same_matter(s: Session, t: Tip) -> list[Tip]:
    """Every tip linked to ``t`` by "same matter as JB…" (both ways, any depth), ``t`` excluded."""
    seen, todo = {t.id}, [t.id]
    while todo:
        ids = todo
        todo = []
        rows = s.execute(select(Tip.id, Tip.duplicate_of_id).where(
            or_(Tip.id.in_(ids), Tip.duplicate_of_id.in_(ids))
        )).all()  # fmt: skip
        for tid, dup in rows:
            for x in (tid, dup):
                if x is not None and x not in seen:
                    seen.add(x)
                    todo.append(x)
    seen.discard(t.id)
    return list(s.scalars(select(Tip).where(Tip.id.in_(seen)).order_by(Tip.received_at, Tip.id))) if seen else []


class TipMoves:
    """The moves; ``ctx`` is the service's context."""

    ctx: ServiceContext

    def _get(self, s: Session, tip_id: int) -> Tip:
        return get_tip(s, self.ctx.actor, tip_id)

    def _begin(self, s: Session, tip_id: int, move: str, at: datetime, now: datetime) -> tuple[Tip, Loop]:
        t = self._get(s, tip_id)
        settings = load_settings(s)
        self._lapse(s, t, at.date())  # had the reward lapsed by the move's own day?
        loop = Loop(TIP_KIND, self.ctx.actor, limits_of(settings, t.verify_days))
        m = matter(t)
        state = loop.state(s, t.id)
        loop.check(s, m, move, state)
        label = TIP_KIND.all_moves[move].label
        if at > now + CLOCK_SKEW:
            raise ValidationError("at", f"{label}时间不能晚于现在")
        start = m.start
        if start is not None and at < start and t.status != "registered":
            raise ValidationError("at", f"{label}时间不能早于上一环节（{start:%Y-%m-%d %H:%M}）")
        if at < t.received_at:
            raise ValidationError("at", f"{label}时间不能早于线索登记的受理时间（{t.received_at:%Y-%m-%d %H:%M}）")
        s.info["tip_before"] = (m, loop.window(m, state))
        return t, loop

    def _finish(self, s: Session, t: Tip, loop: Loop, move: str, at: datetime, note: str) -> None:
        before, window = s.info.pop("tip_before")
        loop.settle(s, matter(t))
        loop.record(s, before, move, at, note, to_status=t.status, window=window)

    # -- 受理 -------------------------------------------------------------------------------
    def accept(self, tip_id: int, at: datetime | None = None, note: str = "") -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "accept", at, now)
            t.accepted_at, t.status = at, "accepted"
            self._finish(s, t, loop, "accept", at, _text(note, "note", "说明", required=False))

    def decline(self, tip_id: int, reason: str, transfer_to: str = "", transfer_note: str = "",
                at: datetime | None = None) -> None:  # fmt: skip
        """不予受理 with a reason; with a competent body named it is 移交 (a 移交函 prints)."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "decline", at, now)
            t.decline_reason = _text(reason, "decline_reason", "不予受理的理由")
            t.accepted_at = at
            body = _text(transfer_to, "transfer_to", "移交单位", required=False, limit=60)
            if body:
                t.transfer_to, t.transferred_at = body, at
                t.transfer_note = _text(transfer_note, "transfer_note", "移交说明", required=False)
                t.status = "transferred"
            else:
                t.status = "declined"
            self._finish(s, t, loop, "decline", at, t.decline_reason + (f"；移交{body}" if body else ""))

    # -- 分派核查 / 核查结论 / 查处结果 ------------------------------------------------------------
    def assign(self, tip_id: int, handler_id: int, working_days: int, at: datetime | None = None, note: str = "") -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "assign", at, now)
            member = s.get(TeamMember, handler_id) if handler_id else None
            if member is None or not member.active:
                raise ValidationError("handler_id", "请选择在岗的核查人")
            if not 1 <= int(working_days) <= 60:
                raise ValidationError("working_days", "核查时限应在1到60个工作日之间")
            again = t.status == "checking"
            t.handler_id, t.assigned_at, t.verify_days, t.status = member.id, at, int(working_days), "checking"
            if again:  # a new handler or a new limit: the step starts again
                s.info.pop("tip_before")
                loop = Loop(TIP_KIND, self.ctx.actor, limits_of(load_settings(s), t.verify_days))
                s.info["tip_before"] = (matter(t), None)
                st = loop.state(s, t.id)
                if st is not None:
                    st.restart_at = at
            text = f"{'改派' if again else '分派'}{member.name}核查，{working_days}个工作日内"
            self._finish(s, t, loop, "assign", at, text + (f"：{note.strip()}" if note.strip() else ""))

    def verify(self, tip_id: int, verdict: str, measures: str, transfer_to: str = "", at: datetime | None = None) -> None:
        """核查结论: 属实 / 部分属实 lead on to 查处结果; 不属实 / 无法核实 wait for 归档."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "verify", at, now)
            if verdict not in VERDICTS:
                raise ValidationError("verdict", "请选择核查结论")
            t.verdict, t.verified_at = verdict, at
            t.measures = _text(measures, "measures", "处置措施", limit=2000)
            body = _text(transfer_to, "transfer_to", "移交单位", required=False, limit=60)
            if body:
                t.transfer_to, t.transferred_at = body, at
            t.status = "verified" if verdict in TRUE_VERDICTS else "unfounded"
            self._finish(s, t, loop, "verify", at, f"{verdict}：{t.measures}" + (f"；移交{body}" if body else ""))

    def record_outcome(self, tip_id: int, outcome: str, at: datetime | None = None) -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "outcome", at, now)
            t.outcome, t.outcome_at, t.status = _text(outcome, "outcome", "查处结果", limit=2000), at, "handled"
            self._finish(s, t, loop, "outcome", at, t.outcome)

    # -- 奖励 --------------------------------------------------------------------------------
    def _first_and_only(self, s: Session, t: Tip, later_ticked: bool) -> None:
        """Only the first valid tipster of a matter is rewarded, and a matter is rewarded once."""
        others = same_matter(s, t)
        paid = [o for o in others if o.status in REWARDED or (o.status == "archived" and o.reward_approved)]
        if paid:
            raise ValidationError("exclusions", f"同一事项已由{paid[0].number}评定或发放奖励，一事一奖，本线索不能再奖励。")
        first = [o for o in others if o.verdict in TRUE_VERDICTS and (o.received_at, o.id) < (t.received_at, t.id)]
        if first and not later_ticked:
            raise ValidationError("exclusions.later", f"同一事项已有在先的有效举报（{first[0].number}），只奖励第一位举报人：请勾选此项。")

    def assess(self, tip_id: int, rule: str, tier: str, proposed: int | None, basis: str,
               exclusions: dict[str, bool], at: datetime | None = None) -> str:  # fmt: skip
        """奖励评定: rule, tier, proposed amount, basis and the exclusion checklist. Returns the new status."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "assess", at, now)
            settings = load_settings(s)
            ticked = {k: bool(exclusions.get(k)) for k in EXCLUSIONS}
            t.exclusions, t.assessed_at = ticked, at
            t.reward_basis = _text(basis, "reward_basis", "评定依据")
            if any(ticked.values()):
                t.status, t.reward_proposed = "no_reward", None
                reasons = "、".join(EXCLUSIONS[k] for k, v in ticked.items() if v)
                self._finish(s, t, loop, "assess", at, f"不予奖励：{reasons}")
                return t.status
            self._first_and_only(s, t, ticked["later"])
            r = settings.rule(rule)
            if r is None:
                raise ValidationError("reward_rule", "请选择奖励规则（规则可在设置中修改）")
            tr = r.tier(tier)
            if tr is None:
                raise ValidationError("reward_tier", "请选择档次")
            amount = proposed if proposed is not None else tr.propose(t.amount)
            if amount is None or not 1 <= amount <= 10**7:
                raise ValidationError("reward_proposed", "拟奖金额应在1到1000万元之间")
            t.reward_rule, t.reward_tier, t.reward_proposed, t.status = r.name, tr.label, int(amount), "assessed"
            self._finish(s, t, loop, "assess", at, f"{r.name}，{tr.label}，拟奖{amount}元")
            return t.status

    def approve(self, tip_id: int, amount: int, note: str = "", at: datetime | None = None) -> None:
        """审批 (officer): the amount approved; a different amount needs a reason."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "approve", at, now)
            if amount is None or not 1 <= int(amount) <= 10**7:
                raise ValidationError("reward_approved", "批准金额应在1到1000万元之间")
            note = _text(note, "approve_note", "审批意见", required=int(amount) != t.reward_proposed)
            others = [o for o in same_matter(s, t) if o.status in REWARDED[1:]]
            if others:
                raise ValidationError("reward_approved", f"同一事项已由{others[0].number}获批奖励，一事一奖。")
            t.reward_approved, t.approve_note, t.approved_at, t.status = int(amount), note, at, "approved"
            t.approved_by = self.ctx.actor.name
            differ = "" if int(amount) == t.reward_proposed else f"（拟奖{t.reward_proposed}元）"
            self._finish(s, t, loop, "approve", at, f"批准{amount}元{differ}" + (f"：{note}" if note else ""))

    def notify(self, tip_id: int, method: str, at: datetime | None = None) -> date:
        """通知领奖: the claim deadline is M months later (moved to a working day). Returns it."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "notify", at, now)
            if method not in NOTIFY_METHODS:
                raise ValidationError("notify_method", "请选择通知方式")
            settings = load_settings(s)
            t.notified_at, t.notify_method = at, method
            t.claim_deadline = claim_deadline(at.date(), settings.claim_months)
            t.status = "notified"
            self._finish(s, t, loop, "notify", at, f"{method}，领取截止{t.claim_deadline:%Y-%m-%d}")
            return t.claim_deadline

    def claim(self, tip_id: int, method: str, *, code: str = "", id_number: str = "", receiver: str = "",
              detail: str = "", at: datetime | None = None) -> None:  # fmt: skip
        """领取: in person with the query code or ID, by proxy with a written authorisation, or by bank."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "claim", at, now)
            if method not in CLAIM_METHODS:
                raise ValidationError("claim_method", "请选择领取方式")
            if t.claim_deadline is not None and at.date() > t.claim_deadline:
                raise ValidationError("at", f"领取期限已于{t.claim_deadline:%Y-%m-%d}届满，奖励视为放弃。")
            ident = s.scalar(select(TipIdentity).where(TipIdentity.tip_id == t.id))
            if method in ("self_code", "proxy"):
                typed = clean_code(code)
                if typed is None or code_hash(s, self.ctx.actor, typed) != t.code_hash:
                    raise ValidationError("claim_code", "查询码不正确（16位数字，见受理回执）")
            if method == "self_id":
                try:
                    number = parse_id_number(id_number, field="claim_id_number").number
                except ValidationError as e:
                    raise ValidationError("claim_id_number", e.message) from None
                if ident is None or ident.id_number != number:
                    raise ValidationError("claim_id_number", "身份证号与举报人登记的不一致（匿名举报请凭查询码领取）")
            if method == "proxy":
                receiver = _text(receiver, "claim_receiver", "代领人姓名", limit=50)
                detail = _text(detail, "claim_detail", "书面委托情况", limit=300)
            elif method == "bank":
                detail = _text(detail, "claim_detail", "转账账户或凭证号", limit=300)
                receiver = ""
            else:
                receiver, detail = "", ""
            if receiver or detail:
                if ident is None:
                    ident = TipIdentity(tip_id=t.id, name="", id_number="", phone="", contact="")
                    s.add(ident)
                ident.claim_receiver, ident.claim_detail = receiver, detail
            t.claimed_at, t.claim_method, t.status = at, method, "claimed"
            self._finish(s, t, loop, "claim", at, f"{CLAIM_METHODS[method]}，{t.reward_approved}元")

    # -- 逾期视为放弃 / 归档 ------------------------------------------------------------------------
    def _lapse(self, s: Session, t: Tip, today: date) -> bool:
        if effective_status(t, today) != "lapsed" or t.status == "lapsed":
            return False
        assert t.claim_deadline is not None
        day = lapse_day(t.claim_deadline)
        loop = Loop(TIP_KIND, LAPSE_ACTOR)
        before = matter(t)
        t.status, t.lapsed_on = "lapsed", day
        loop.settle(s, matter(t))
        loop.record(s, before, "lapse", datetime.combine(day, datetime.min.time()),
                    f"领取期限{t.claim_deadline:%Y-%m-%d}届满未领取，奖励视为放弃", to_status="lapsed")  # fmt: skip
        return True

    def settle_lapses(self, today: date | None = None) -> int:
        """Write down the rewards that lapsed by themselves (the day after the deadline). Returns how many."""
        today = today or clock.today()
        with self.ctx.read() as s:  # the list calls this on every reload: no write lock unless needed
            if not s.scalar(select(Tip.id).where(Tip.status == "notified", Tip.claim_deadline < today).limit(1)):
                return 0
        with self.ctx.sessions() as s, s.begin():
            s.connection(execution_options={"policeroom_write": True})
            s.info["actor"] = LAPSE_ACTOR
            due = s.scalars(select(Tip).where(Tip.status == "notified", Tip.claim_deadline < today)).all()
            return sum(self._lapse(s, t, today) for t in due)

    def archive(self, tip_id: int, reason: str, at: datetime | None = None) -> None:
        """归档 (officer), a reason required; the keeping time starts."""
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            t, loop = self._begin(s, tip_id, "archive", at, now)
            t.archive_reason = _text(reason, "archive_reason", "归档理由")
            t.archived_at, t.status = at, "archived"
            self._finish(s, t, loop, "archive", at, t.archive_reason)

    def supervise(self, tip_id: int, note: str, at: datetime | None = None) -> int:
        """督办 (officer): the engine's move, the light at that moment kept with it."""
        at = at or clock.now()
        with self.ctx.write() as s:
            t = self._get(s, tip_id)
            loop = Loop(TIP_KIND, self.ctx.actor, limits_of(load_settings(s), t.verify_days))
            return loop.supervise(s, matter(t), note, at)
