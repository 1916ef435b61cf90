"""群众求助 service: register, run the closed loop, find, count, assess. One transaction per call."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, or_, select, text
from sqlalchemy.orm import Session, aliased, selectinload

from policeroom.errors import NotFound, PermissionDenied, ValidationError
from policeroom.models import (
    CHANNEL_LABELS,
    SATISFACTION_LABELS,
    STATUS_LABELS,
    URGENCY_LABELS,
    AssistanceRequest,
    Channel,
    Grid,
    RequestAction,
    RequestEvent,
    Resident,
    Satisfaction,
    Setting,
    Status,
    TeamMember,
    Urgency,
)
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.pinyin import name_keys
from policeroom.services.core.records import next_value, search_terms
from policeroom.services.core.validators import normalize_phone
from policeroom.services.core.workdays import calendar_warning
from policeroom.services.requests.assessment import _assess
from policeroom.services.requests.rules import (
    ACTION_LABELS,
    NEXT_ACTION,
    OPEN_STATUSES,
    STEP_LABELS,
    RequestRules,
    current_step,
    overdue_level,
    refusal,
    step_window,
)
from policeroom.services.requests.search import index_request, term_clause, term_count, term_ids
from policeroom.services.requests.types import (
    ActionItem,
    AssessmentRow,
    DashboardCounts,
    EventItem,
    RequestDetail,
    RequestFilter,
    RequestInput,
    RequestRow,
)

CLOCK_SKEW = timedelta(minutes=5)
VISIT_METHODS = ("电话回访", "上门回访", "短信回访", "当面回访")


EVENT_LABELS = {
    "register": "登记",
    "update": "修改登记",
    **ACTION_LABELS,
}

SORT_KEYS = {
    # Registration order: ids are given in the order requests are registered, and walking the primary
    # key (and FTS5 rowids) in that order needs no sort: the default, fast at a million rows.
    "number": AssistanceRequest.id,
    "received_at": AssistanceRequest.received_at,
    "channel": AssistanceRequest.channel,
    "requester": AssistanceRequest.requester_name,
    "category": AssistanceRequest.category,
    "urgency": AssistanceRequest.urgency,
    "status": AssistanceRequest.status,
    "assignee": AssistanceRequest.assignee_id,
    "grid": AssistanceRequest.grid_id,
    "due": AssistanceRequest.step_due,
}


def request_number(year: int, seq: int) -> str:
    return f"QZ{year}-{seq:06d}"


def next_seq(session: Session, year: int) -> int:
    """Take the year's next number inside the caller's transaction (rolled back with it: no gaps)."""
    return next_value(session, f"QZ{year}")


class RequestService:
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
        elif len(data.description) > 4000:
            errors.add("description", "求助事项不能超过4000字")
        if data.receiver_id is None or s.get(TeamMember, data.receiver_id) is None:
            errors.add("receiver_id", "请选择接待人")
        if data.resident_id is not None:
            resident = s.get(Resident, data.resident_id)
            if resident is None:
                errors.add("resident_id", "所选居民不存在")
            else:
                data.requester_name = resident.name
                data.requester_phone = data.requester_phone.strip() or resident.phone or ""
                data.requester_address = data.requester_address.strip() or resident.address
                data.grid_id = data.grid_id or resident.grid_id
        data.requester_name = data.requester_name.strip()
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
        now = now or datetime.now()
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
        now = now or datetime.now()
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
        now = datetime.now()
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
        now = datetime.now()
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
        now = datetime.now()
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
        now = datetime.now()
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
        now = datetime.now()
        at = at or now
        with self.ctx.write() as s:
            r = self._step(s, request_id, "close", at, now, not_before=(r_received, r_visited))
            r.closed_at = at
            r.status = Status.closed
            self._finish_step(s, r, "close", at, "")

    def refer(self, request_id: int, department: str, at: datetime | None = None, note: str = "") -> None:
        now = datetime.now()
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
        now = datetime.now()
        with self.ctx.write() as s:
            r = self._step(s, request_id, "void", now, now, not_before=())
            reason = reason.strip()
            if not reason:
                raise ValidationError("void_reason", "请填写作废原因")
            r.void_reason = reason[:200]
            r.status = Status.voided
            self._finish_step(s, r, "void", now, reason)

    # -- reading --------------------------------------------------------------------------
    def _filtered(self, s: Session, f: RequestFilter, now: datetime) -> Select:
        stmt = select(AssistanceRequest.id)
        for term in search_terms(f.query):
            stmt = stmt.where(term_clause(s, term))
        if f.statuses:
            stmt = stmt.where(AssistanceRequest.status.in_(f.statuses))
        if f.category:
            stmt = stmt.where(AssistanceRequest.category == f.category)
        if f.urgency:
            stmt = stmt.where(AssistanceRequest.urgency == f.urgency)
        if f.date_from:
            stmt = stmt.where(AssistanceRequest.received_at >= datetime.combine(f.date_from, time.min))
        if f.date_to:
            stmt = stmt.where(AssistanceRequest.received_at < datetime.combine(f.date_to + timedelta(days=1), time.min))
        if f.assignee_id:
            stmt = stmt.where(AssistanceRequest.assignee_id == f.assignee_id)
        if f.grid_id:
            stmt = stmt.where(AssistanceRequest.grid_id == f.grid_id)
        if f.due_on:
            day = datetime.combine(f.due_on, time.min)
            due = select(AssistanceRequest.id).where(
                AssistanceRequest.step_due >= day, AssistanceRequest.step_due < day + timedelta(days=1)
            )
            stmt = stmt.where(AssistanceRequest.id.in_(due))
        if f.overdue_only:
            # Few requests are overdue: let the step_due index find them, instead of walking the
            # whole list in display order and testing each row.
            overdue = select(AssistanceRequest.id).where(AssistanceRequest.step_due < now)
            stmt = stmt.where(AssistanceRequest.id.in_(overdue))
        actor = self.ctx.actor
        if actor.limited_to_grids:
            mine = [AssistanceRequest.grid_id.in_(actor.grid_ids)]
            if actor.member_id is not None:  # an account without a team member has no assignments
                mine.append(AssistanceRequest.assignee_id == actor.member_id)
            stmt = stmt.where(or_(*mine))
        return stmt

    def count(self, f: RequestFilter = RequestFilter(), now: datetime | None = None) -> int:  # noqa: B008
        now = now or datetime.now()
        with self.ctx.read() as s:
            terms = search_terms(f.query)
            if len(terms) == 1 and f == RequestFilter(query=f.query) and not self.ctx.actor.limited_to_grids:
                fast = term_count(s, terms[0])  # straight from the full-text index: 8 ms, not 170 ms
                if fast is not None:
                    return fast
            return s.scalar(select(func.count()).select_from(self._filtered(s, f, now).subquery())) or 0

    def ids(
        self,
        f: RequestFilter = RequestFilter(),  # noqa: B008
        *,
        sort: str = "number",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        now: datetime | None = None,
    ) -> list[int]:
        """Matching ids in display order (newest registered first by default); ``limit``/``offset`` for windows."""
        now = now or datetime.now()
        key = SORT_KEYS.get(sort, AssistanceRequest.id)
        if key is AssistanceRequest.id:
            order = (key.desc(),) if descending else (key.asc(),)
        else:
            order = (key.desc(), AssistanceRequest.id.desc()) if descending else (key.asc(), AssistanceRequest.id.asc())
        with self.ctx.read() as s:
            terms = search_terms(f.query)
            plain = f == RequestFilter(query=f.query) and not self.ctx.actor.limited_to_grids
            if len(terms) == 1 and plain and key is AssistanceRequest.id:
                fast = term_ids(s, terms[0], descending=descending, limit=limit, offset=offset)
                if fast is not None:
                    return fast
            stmt = self._filtered(s, f, now).order_by(*order)
            if limit is not None:
                stmt = stmt.limit(limit).offset(offset)
            return list(s.scalars(stmt))

    def rows(self, ids: list[int], now: datetime | None = None) -> list[RequestRow]:
        """List rows for these ids, in the same order."""
        now = now or datetime.now()
        a = aliased(TeamMember)
        with self.ctx.read() as s:
            rules = _rules(s)
            found = {}
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start : chunk_start + 500]
                for r, assignee, gcode, gname in s.execute(
                    select(AssistanceRequest, a.name, Grid.code, Grid.name)
                    .outerjoin(a, AssistanceRequest.assignee_id == a.id)
                    .outerjoin(Grid, AssistanceRequest.grid_id == Grid.id)
                    .where(AssistanceRequest.id.in_(chunk))
                ):
                    found[r.id] = _row(r, assignee, gcode, gname, rules, now)
        return [found[i] for i in ids if i in found]

    def get(self, request_id: int, now: datetime | None = None) -> RequestDetail:
        now = now or datetime.now()
        with self.ctx.read() as s:
            r = s.get(
                AssistanceRequest,
                request_id,
                options=[
                    selectinload(AssistanceRequest.actions).selectinload(RequestAction.member),
                    selectinload(AssistanceRequest.events),
                ],
            )
            if r is None:
                raise NotFound("该求助记录不存在")
            self._check_visible(r)
            return _detail(r, _rules(s), now)

    def get_by_number(self, number: str) -> RequestDetail:
        with self.ctx.read() as s:
            rid = s.scalar(select(AssistanceRequest.id).where(AssistanceRequest.number == number.strip().upper()))
        if rid is None:
            raise NotFound(f"没有编号为 {number} 的求助记录")
        return self.get(rid)

    def dashboard(self, now: datetime | None = None) -> DashboardCounts:
        now = now or datetime.now()
        day_end = datetime.combine(now.date() + timedelta(days=1), time.min)
        open_ = AssistanceRequest.status.in_(OPEN_STATUSES)
        with self.ctx.read() as s:
            base = self._filtered(s, RequestFilter(), now).where(open_).subquery()

            def n(*conds) -> int:  # noqa: ANN002
                q = select(func.count()).select_from(AssistanceRequest).where(AssistanceRequest.id.in_(select(base.c.id)))
                return s.scalar(q.where(*conds)) or 0

            member = self.ctx.actor.member_id
            return DashboardCounts(
                mine=n(AssistanceRequest.assignee_id == member) if member else 0,
                due_today=n(AssistanceRequest.step_due >= now, AssistanceRequest.step_due < day_end),
                overdue=n(AssistanceRequest.step_due < now),
                visits_due=n(AssistanceRequest.status == Status.fed_back),
                open=n(),
            )

    def assessment(self, date_from: date, date_to: date) -> list[AssessmentRow]:
        """考核: per assignee, requests received in the period."""
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        with self.ctx.read() as s:
            rules = _rules(s)
            members = {m.id: m.name for m in s.scalars(select(TeamMember))}
            rows: dict[int, AssessmentRow] = {}
            stmt = self._filtered(s, RequestFilter(), datetime.now()).where(
                AssistanceRequest.received_at >= start,
                AssistanceRequest.received_at < end,
                AssistanceRequest.assignee_id.is_not(None),
                AssistanceRequest.status != Status.voided,
            )
            for r in s.scalars(select(AssistanceRequest).where(AssistanceRequest.id.in_(stmt))):
                row = rows.setdefault(r.assignee_id, AssessmentRow(r.assignee_id, members.get(r.assignee_id, "?")))
                _assess(row, r, rules)
        return sorted(rows.values(), key=lambda x: (-x.handled, x.name))

    def suggest_assignee(self, grid_id: int | None) -> int | None:
        """The grid's own (active) grid worker, if it has one."""
        if grid_id is None:
            return None
        with self.ctx.read() as s:
            grid = s.get(Grid, grid_id)
            if grid is None:
                return None
            workers = [w for w in grid.workers if w.active]
            return workers[0].id if workers else None

    def suggest_grid(self, address: str) -> int | None:
        """The grid whose residents live at the longest matching address prefix (小区 + 楼号)."""
        address = address.strip()
        if len(address) < 4:
            return None
        with self.ctx.read() as s:
            for cut in range(len(address), 3, -1):
                prefix = address[:cut].replace("%", "").replace("_", "")
                hit = s.execute(
                    select(Resident.grid_id, func.count())
                    .where(Resident.address.like(prefix + "%"), Resident.grid_id.is_not(None))
                    .group_by(Resident.grid_id)
                    .order_by(func.count().desc())
                    .limit(1)
                ).first()
                if hit is not None:
                    return hit[0]
        return None

    # -- helpers --------------------------------------------------------------------------
    def _check_visible(self, r: AssistanceRequest) -> None:
        actor = self.ctx.actor
        assigned = actor.member_id is not None and r.assignee_id == actor.member_id
        if actor.limited_to_grids and r.grid_id not in actor.grid_ids and not assigned:
            raise PermissionDenied("网格员只能查看本人负责网格或派给本人的求助。")

    def _get_for_write(self, s: Session, request_id: int) -> AssistanceRequest:
        r = s.get(AssistanceRequest, request_id, options=[selectinload(AssistanceRequest.actions)])
        if r is None:
            raise NotFound("该求助记录不存在")
        self._check_visible(r)
        return r

    def _step(self, s: Session, request_id: int, action: str, at: datetime, now: datetime, not_before) -> AssistanceRequest:  # noqa: ANN001
        r = self._get_for_write(s, request_id)
        why = refusal(action, r.status)
        if why:
            raise ValidationError("status", why)
        what = "处置" if action == "handle" else ACTION_LABELS[action]
        if at > now + CLOCK_SKEW:
            raise ValidationError("at", f"{what}时间不能晚于现在")
        for rule in not_before:
            limit, label = rule(r)
            if limit is not None and at < limit:
                raise ValidationError("at", f"{what}时间不能早于{label}（{limit:%Y-%m-%d %H:%M}）")
        return r

    def _finish_step(self, s: Session, r: AssistanceRequest, kind: str, at: datetime, detail: str) -> None:
        _refresh_due(r, _rules(s))
        self._event(s, r, kind, at, detail)
        index_request(s, r, name_keys(r.requester_name)[0] if r.requester_name else "")

    def _event(self, s: Session, r: AssistanceRequest, kind: str, at: datetime, detail: str) -> None:
        s.add(RequestEvent(request_id=r.id, at=at, kind=kind, actor=self.ctx.actor.name, detail=detail[:2000]))


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


def _rules(s: Session) -> RequestRules:
    values = {
        key: value
        for key, value in s.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_(("requests.categories", "requests.limits")))
        )
    }
    return RequestRules.from_json(values.get("requests.categories"), values.get("requests.limits"))


def _apply(r: AssistanceRequest, d: RequestInput) -> None:
    r.received_at = d.received_at
    r.channel = d.channel
    r.resident_id = d.resident_id
    r.requester_name = d.requester_name
    r.requester_initials = name_keys(d.requester_name)[1] if d.requester_name else ""
    r.requester_phone = d.requester_phone
    r.requester_address = d.requester_address.strip()
    r.anonymous = d.anonymous
    r.anonymous_reason = d.anonymous_reason if d.anonymous else ""
    r.occurred_at = d.occurred_at
    r.location = d.location.strip()
    r.grid_id = d.grid_id
    r.category = d.category
    r.urgency = d.urgency
    r.description = d.description
    r.receiver_id = d.receiver_id
    r.leader = d.leader.strip()


def _window(r: AssistanceRequest, rules: RequestRules) -> tuple[datetime, datetime] | None:
    return step_window(
        rules, r.status, r.urgency, received_at=r.received_at, dispatched_at=r.dispatched_at,
        feedback_at=r.feedback_at, visited_at=r.visited_at,
    )


def _refresh_due(r: AssistanceRequest, rules: RequestRules) -> None:
    window = _window(r, rules)
    r.step_due = window[1] if window else None
    if r.status == Status.fed_back and window:
        r.visit_due = window[1]


def _row(r: AssistanceRequest, assignee: str | None, gcode: str | None, gname: str | None, rules: RequestRules, now: datetime) -> RequestRow:
    window = _window(r, rules)
    requester = "（匿名）" if r.anonymous else r.requester_name
    return RequestRow(
        id=r.id, number=r.number, received_at=r.received_at, channel=CHANNEL_LABELS[r.channel], requester=requester,
        phone="" if r.anonymous else r.requester_phone, category=r.category, urgency=r.urgency, status=r.status,
        assignee=assignee or "", grid=f"{gcode} {gname}" if gcode else "", summary=r.description[:60],
        due=window[1] if window else None, overdue=overdue_level(*window, now) if window else 0,
    )


def _detail(r: AssistanceRequest, rules: RequestRules, now: datetime) -> RequestDetail:
    from policeroom.services.core.labels import value_label

    window = _window(r, rules)
    step = current_step(r.status)
    resident = r.resident
    dates = [r.received_at.date()] + ([window[1].date()] if window else [])
    return RequestDetail(
        id=r.id, number=r.number, status=r.status, status_label=STATUS_LABELS[r.status], received_at=r.received_at,
        channel=r.channel, channel_label=CHANNEL_LABELS[r.channel], resident_id=r.resident_id,
        requester_name=r.requester_name, requester_gender=value_label(resident.gender) if resident and resident.gender else "",
        requester_id_number=(resident.id_number or "") if resident else "", requester_phone=r.requester_phone,
        requester_address=r.requester_address, anonymous=r.anonymous, anonymous_reason=r.anonymous_reason,
        occurred_at=r.occurred_at, location=r.location, grid_id=r.grid_id,
        grid_label=f"{r.grid.code} {r.grid.name}" if r.grid else "", category=r.category, urgency=r.urgency,
        urgency_label=URGENCY_LABELS[r.urgency], description=r.description, receiver_id=r.receiver_id,
        receiver_name=r.receiver.name if r.receiver else "", leader=r.leader, assignee_id=r.assignee_id,
        assignee_name=r.assignee.name if r.assignee else "", dispatched_at=r.dispatched_at, feedback_at=r.feedback_at,
        feedback=r.feedback, visit_due=r.visit_due, visited_at=r.visited_at, visit_method=r.visit_method,
        satisfaction=r.satisfaction, satisfaction_label=SATISFACTION_LABELS[r.satisfaction] if r.satisfaction else "",
        visit_remarks=r.visit_remarks, closed_at=r.closed_at, referred_to=r.referred_to, void_reason=r.void_reason,
        actions=tuple(ActionItem(a.id, a.at, a.member.name if a.member else "", a.content) for a in r.actions),
        events=tuple(EventItem(e.at, e.kind, EVENT_LABELS.get(e.kind, e.kind), e.actor, e.detail) for e in r.events),
        step=step, step_label=STEP_LABELS.get(step or "", ""), step_due=window[1] if window else None,
        overdue=overdue_level(*window, now) if window else 0, next_action=NEXT_ACTION.get(r.status),
        calendar_warning=calendar_warning(*dates) if step == "visit" else None,
    )


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
