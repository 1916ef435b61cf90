"""群众求助 service: register, run the closed loop, find, count, assess. One transaction per call."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, text
from sqlalchemy.orm import Session

from policeroom.errors import ValidationError
from policeroom.models import (
    CHANNEL_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    AssistanceRequest,
    Channel,
    Grid,
    RequestAction,
    Resident,
    Satisfaction,
    Setting,
    Status,
    TeamMember,
    Urgency,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.scope import LINK_REFUSED
from policeroom.services.core.text import name_problem, normalize_text
from policeroom.services.core.validators import normalize_phone
from policeroom.services.requests.oversight import RequestOversight
from policeroom.services.requests.reader import RequestReader
from policeroom.services.requests.rules import (
    ACTION_LABELS,
    OPEN_STATUSES,
    STEP_LABELS,
    RequestRules,
    refusal,
)
from policeroom.services.requests.search import index_request
from policeroom.services.requests.shapes import (
    _apply,
    _matter,
    _refresh_due,
    _rules,
    next_seq,
    request_number,
)
from policeroom.services.requests.types import (
    AssessmentRow,
    DashboardCounts,
    RequestDetail,
    RequestFilter,
    RequestInput,
    RequestRow,
)

#: the longest 求助事项 (the one text a request prints in a box on the first page)
DESCRIPTION_LIMIT = 4000
CLOCK_SKEW = timedelta(minutes=5)
VISIT_METHODS = ("电话回访", "上门回访", "短信回访", "当面回访")


#: the longest 作废原因 (its column's length; the form shows it)
VOID_REASON_LIMIT = 200


class RequestService(RequestOversight, RequestReader):
    """群众求助: registration and the loop's steps here; reads in RequestReader; 督办 延期 返工 挂账 in RequestOversight."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- configuration --------------------------------------------------------------------
    def rules(self) -> RequestRules:
        with self.ctx.read() as s:
            return _rules(s)

    def save_rules(self, rules: RequestRules) -> None:
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        cats = [c.strip() for c in rules.categories if c.strip()]
        if not cats:
            errors.add("categories", "至少保留一个类别")
        elif len(set(cats)) != len(cats):
            errors.add("categories", "类别不能重复")
        elif any(len(c) > 30 for c in cats):
            errors.add("categories", "类别名称不能超过30个字")
        for step, by_urgency in rules.limits.items():
            for value in by_urgency.values():
                if not 0 < float(value) <= 24 * 30:
                    errors.add(f"limits.{step}", f"{STEP_LABELS.get(step, step)}时限应在0到720小时之间")
        errors.raise_if_any()
        rules.categories = cats
        cats_json, limits_json = rules.to_json()
        with self.ctx.write() as s:
            for key, value in (("requests.categories", cats_json), ("requests.limits", limits_json)):
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value))
                else:
                    row.value = value

    # -- registration ---------------------------------------------------------------------
    def _clean(self, s: Session, data: RequestInput, rules: RequestRules, now: datetime) -> tuple[RequestInput, Resident | None]:
        errors = FormErrors()
        resident = None
        if data.received_at > now + CLOCK_SKEW:
            errors.add("received_at", "求助时间不能晚于现在")
        if data.occurred_at and data.occurred_at > data.received_at + CLOCK_SKEW:
            errors.add("occurred_at", "事发时间不能晚于求助时间")
        try:
            data.channel = Channel(data.channel)
        except ValueError:
            errors.add("channel", "请选择求助方式")
        try:
            data.urgency = Urgency(data.urgency)
        except ValueError:
            errors.add("urgency", "请选择紧急程度")
        if data.category not in rules.categories:
            errors.add("category", "请从列表中选择类别（类别可在设置中修改）")
        data.description = data.description.strip()
        if not data.description:
            errors.add("description", "请填写求助事项")
        elif len(data.description) > DESCRIPTION_LIMIT:
            errors.add("description", f"求助事项不能超过{DESCRIPTION_LIMIT}字")
        if data.receiver_id is None or s.get(TeamMember, data.receiver_id) is None:
            errors.add("receiver_id", "请选择接待人")
        if data.resident_id is not None:
            resident = s.get(Resident, data.resident_id)
            if resident is None:
                errors.add("resident_id", "所选居民不存在")
            elif not self.ctx.actor.sees_grid(resident.grid_id):
                resident = None  # nothing of the other record is used or shown
                errors.add("resident_id", LINK_REFUSED)
            else:
                data.requester_name = resident.name
                data.requester_phone = data.requester_phone.strip() or resident.phone or ""
                data.requester_address = data.requester_address.strip() or resident.address
                data.grid_id = data.grid_id or resident.grid_id
        data.requester_name = normalize_text(data.requester_name)
        if data.requester_name and name_problem(data.requester_name):
            errors.add("requester_name", "求助人" + name_problem(data.requester_name))
        if data.anonymous:
            data.anonymous_reason = data.anonymous_reason.strip()
            if not data.anonymous_reason:
                errors.add("anonymous_reason", "匿名求助请注明原因")
        elif not data.requester_name:
            errors.add("requester_name", "请填写求助人姓名，或选择“匿名”并注明原因")
        if data.requester_phone.strip():
            try:
                data.requester_phone = normalize_phone(data.requester_phone)
            except ValidationError as e:
                errors.add("requester_phone", e.message)
        else:
            data.requester_phone = ""
        if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        if self.ctx.actor.limited_to_grids and data.grid_id not in self.ctx.actor.grid_ids:
            errors.add("grid_id", "网格员只能登记本人负责网格的求助")
        for key, limit in (("location", 200), ("requester_address", 200), ("leader", 50), ("anonymous_reason", 200)):
            if len(getattr(data, key).strip()) > limit:
                errors.add(key, f"不能超过{limit}个字")
        errors.raise_if_any()
        return data, resident

    def create(self, data: RequestInput, now: datetime | None = None) -> int:
        """Register a request; its number is taken in the same transaction (never reused or doubled)."""
        now = now or clock.now()
        with self.ctx.write() as s:
            rules = _rules(s)
            data, _resident = self._clean(s, data, rules, now)
            if data.add_to_index and data.resident_id is None and not data.anonymous:
                data.resident_id = self._add_requester(s, data)
            year = data.received_at.year
            seq = next_seq(s, year)
            r = AssistanceRequest(number=request_number(year, seq), year=year, seq=seq, status=Status.registered)
            _apply(r, data)
            _refresh_due(r, rules)
            s.add(r)
            s.flush()
            self._event(s, r, "register", r.received_at, f"{CHANNEL_LABELS[r.channel]}，{r.category}，{URGENCY_LABELS[r.urgency]}")
            index_request(s, r, name_keys(r.requester_name)[0] if r.requester_name else "")
            return r.id

    def _add_requester(self, s: Session, data: RequestInput) -> int:
        from policeroom.services.people.residents import ResidentInput, ResidentService

        try:
            return ResidentService(self.ctx).add_within(s, ResidentInput(
                name=data.requester_name, phone=data.requester_phone, address=data.requester_address,
                grid_id=data.grid_id,
            ))  # fmt: skip
        except ValidationError as e:
            field = {"name": "requester_name", "phone": "requester_phone", "address": "requester_address"}
            raise ValidationError(field.get(e.field, "add_to_index"), f"加入居民档案：{e.message}") from None

    def update(self, request_id: int, data: RequestInput, now: datetime | None = None) -> None:
        """Correct the registration while the request is open."""
        now = now or clock.now()
        with self.ctx.write() as s:
            r = self._get_for_write(s, request_id)
            if r.status not in OPEN_STATUSES:
                raise ValidationError("status", f"该求助{STATUS_LABELS[r.status]}，登记内容不能再修改。")
            rules = _rules(s)
            data, _resident = self._clean(s, data, rules, now)
            if data.add_to_index and data.resident_id is None and not data.anonymous:
                data.resident_id = self._add_requester(s, data)
            if data.received_at.year != r.year:
                raise ValidationError("received_at", "求助时间不能改到另一年（编号按年编排）")
            _apply(r, data)
            _refresh_due(r, rules)
            self._event(s, r, "update", now, "")
            index_request(s, r, name_keys(r.requester_name)[0] if r.requester_name else "")

    # -- the loop -------------------------------------------------------------------------
    def dispatch(self, request_id: int, assignee_id: int, at: datetime | None = None, note: str = "") -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            r = self._step(s, request_id, "dispatch", at, now, not_before=(r_received,))
            member = s.get(TeamMember, assignee_id)
            if member is None or not member.active:
                raise ValidationError("assignee_id", "请选择在岗的团队成员")
            r.assignee_id = member.id
            r.dispatched_at = at
            if r.status == Status.registered:
                r.status = Status.dispatched
            self._finish_step(s, r, "dispatch", at, f"派遣给{member.name}" + (f"：{note.strip()}" if note.strip() else ""))

    def add_action(self, request_id: int, at: datetime, member_id: int | None, content: str) -> int:
        now = clock.now()
        with self.ctx.write() as s:
            r = self._step(s, request_id, "handle", at, now, not_before=(r_received, r_dispatched))
            content = content.strip()
            if not content:
                raise ValidationError("content", "请填写处置情况")
            if member_id is not None and s.get(TeamMember, member_id) is None:
                raise ValidationError("member_id", "所选处置人不存在")
            action = RequestAction(request=r, at=at, member_id=member_id or r.assignee_id, content=content)
            s.add(action)
            r.first_action_at = min(r.first_action_at or at, at)
            r.status = Status.handling
            self._finish_step(s, r, "handle", at, content)
            s.flush()
            return action.id

    def feedback(self, request_id: int, at: datetime, content: str) -> None:
        now = clock.now()
        with self.ctx.write() as s:
            r = self._step(s, request_id, "feedback", at, now, not_before=(r_received, r_last_action))
            content = content.strip()
            if not content:
                raise ValidationError("feedback", "请填写向求助人反馈的结果")
            r.feedback_at = at
            r.feedback = content
            r.status = Status.fed_back
            self._finish_step(s, r, "feedback", at, content)

    def visit(
        self, request_id: int, at: datetime, method: str, satisfaction: Satisfaction, remarks: str = ""
    ) -> None:
        now = clock.now()
        with self.ctx.write() as s:
            r = self._step(s, request_id, "visit", at, now, not_before=(r_received, r_feedback))
            if not method.strip():
                raise ValidationError("visit_method", "请选择回访方式")
            try:
                satisfaction = Satisfaction(satisfaction)
            except ValueError as e:
                raise ValidationError("satisfaction", "请选择满意度") from e
            r.visited_at = at
            r.visit_method = method.strip()[:20]
            r.satisfaction = satisfaction
            r.visit_remarks = remarks.strip()
            r.status = Status.visited
            self._finish_step(s, r, "visit", at, f"{r.visit_method}，{SATISFACTION_LABELS[satisfaction]}")

    def close(self, request_id: int, at: datetime | None = None) -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            r = self._step(s, request_id, "close", at, now, not_before=(r_received, r_visited))
            r.closed_at = at
            r.status = Status.closed
            self._finish_step(s, r, "close", at, "")

    def refer(self, request_id: int, department: str, at: datetime | None = None, note: str = "") -> None:
        now = clock.now()
        at = at or now
        with self.ctx.write() as s:
            r = self._step(s, request_id, "refer", at, now, not_before=(r_received,))
            department = department.strip()
            if not department:
                raise ValidationError("referred_to", "请填写转办的部门，例如：城管、物业、街道、民政、司法所")
            r.referred_to = department[:60]
            r.closed_at = at
            r.status = Status.referred
            self._finish_step(s, r, "refer", at, f"转办{department}" + (f"：{note.strip()}" if note.strip() else ""))

    def void(self, request_id: int, reason: str) -> None:
        now = clock.now()
        with self.ctx.write() as s:
            r = self._step(s, request_id, "void", now, now, not_before=())
            reason = reason.strip()
            if not reason:
                raise ValidationError("void_reason", "请填写作废原因")
            if len(reason) > VOID_REASON_LIMIT:  # refused, never cut: the reason is kept whole or not at all
                raise ValidationError(
                    "void_reason", f"作废原因不能超过{VOID_REASON_LIMIT}个字（现在{len(reason)}个字），请精简后再保存"
                )
            r.void_reason = reason
            r.status = Status.voided
            self._finish_step(s, r, "void", now, reason)


    def _step(
        self, s: Session, request_id: int, action: str, at: datetime, now: datetime, not_before  # noqa: ANN001
    ) -> AssistanceRequest:
        r = self._get_for_write(s, request_id)
        why = refusal(action, r.status)
        if why:
            raise ValidationError("status", why)
        what = "处置" if action == "handle" else ACTION_LABELS[action]
        rules = _rules(s)
        loop = self._loop(rules)
        matter = _matter(r, rules)
        state = loop.state(s, r.id)
        if action != "void":
            loop.require_running(s, matter, what, state)
        if at > now + CLOCK_SKEW:
            raise ValidationError("at", f"{what}时间不能晚于现在")
        for rule in not_before:
            limit, label = rule(r)
            if limit is not None and at < limit:
                raise ValidationError("at", f"{what}时间不能早于{label}（{limit:%Y-%m-%d %H:%M}）")
        # the request as it stood before the step: the event records from-status, handler and lateness
        s.info["loop_before"] = (matter, loop.window(matter, state))
        return r

    def _finish_step(self, s: Session, r: AssistanceRequest, kind: str, at: datetime, detail: str) -> None:
        rules = _rules(s)
        loop = self._loop(rules)
        before, window = s.info.pop("loop_before")
        loop.settle(s, _matter(r, rules))
        _refresh_due(r, rules, loop.state(s, r.id))
        loop.record(s, before, kind, at, detail, to_status=r.status.value, window=window)
        index_request(s, r, name_keys(r.requester_name)[0] if r.requester_name else "")

    def _event(self, s: Session, r: AssistanceRequest, kind: str, at: datetime, detail: str) -> None:
        """登记 / 修改登记 on the timeline (not steps of the loop)."""
        rules = _rules(s)
        event = self._loop(rules).record(s, _matter(r, rules), kind, at, detail, to_status=r.status.value)
        if kind == "register":
            event.from_status = None


# not-before rules for step times: (limit, label)
def r_received(r: AssistanceRequest) -> tuple[datetime | None, str]:
    return r.received_at, "登记的求助时间"


def r_dispatched(r: AssistanceRequest) -> tuple[datetime | None, str]:
    return r.dispatched_at, "派遣时间"


def r_last_action(r: AssistanceRequest) -> tuple[datetime | None, str]:
    return (max(a.at for a in r.actions) if r.actions else None), "最后一次处置时间"


def r_feedback(r: AssistanceRequest) -> tuple[datetime | None, str]:
    return r.feedback_at, "反馈时间"


def r_visited(r: AssistanceRequest) -> tuple[datetime | None, str]:
    return r.visited_at, "回访时间"





__all__ = [
    "VISIT_METHODS",
    "AssessmentRow",
    "DashboardCounts",
    "RequestDetail",
    "RequestFilter",
    "RequestInput",
    "RequestRow",
    "RequestService",
    "and_",
    "text",
]
