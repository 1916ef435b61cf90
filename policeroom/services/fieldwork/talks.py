"""Prevention talks (防范宣传): date, place, topic, audience, people reached, materials, who gave it.

A talk may belong to a grid (then grid workers of that grid record it) or to the whole community
(recorded by the officer and staff).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from policeroom.errors import NotFound, PermissionDenied
from policeroom.models import Grid, PreventionTalk, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.records import all_terms, contains
from policeroom.services.fieldwork import checks
from policeroom.services.fieldwork.config import load_topics
from policeroom.services.fieldwork.types import TalkInput, TalkRow

MAX_PEOPLE = 100_000


def talk_row(t: PreventionTalk) -> TalkRow:
    return TalkRow(
        t.id, t.day, t.start_time, t.end_time, t.grid_id, f"{t.grid.code} {t.grid.name}" if t.grid else "全社区",
        t.place, t.topic, t.audience, t.people_reached, t.materials, tuple(m.name for m in t.givers),
        tuple(m.id for m in t.givers), t.other_givers, t.notes,
    )  # fmt: skip


class TalkService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def topics(self) -> list[str]:
        with self.ctx.read() as s:
            return load_topics(s)

    def list(self, date_from: date | None = None, date_to: date | None = None, *, query: str = "",
             topic: str | None = None) -> list[TalkRow]:  # fmt: skip
        T = PreventionTalk  # noqa: N806
        stmt = select(T).options(selectinload(T.givers), selectinload(T.grid))
        if date_from is not None:
            stmt = stmt.where(T.day >= date_from)
        if date_to is not None:
            stmt = stmt.where(T.day <= date_to)
        if topic:
            stmt = stmt.where(T.topic == topic)
        stmt = stmt.where(all_terms(query, lambda q: or_(contains(T.place, q), contains(T.topic, q),
                                                         contains(T.audience, q))))  # fmt: skip
        if (scope := checks.grid_scope(self.ctx.actor, T.grid_id)) is not None:
            stmt = stmt.where(scope)
        with self.ctx.read() as s:
            return [talk_row(t) for t in s.scalars(stmt.order_by(T.day.desc(), T.id.desc()))]

    def get(self, talk_id: int) -> TalkRow:
        with self.ctx.read() as s:
            t = s.get(PreventionTalk, talk_id)
            if t is None:
                raise NotFound("该宣传记录不存在")
            checks.require_grid(self.ctx.actor, t.grid_id)
            return talk_row(t)

    def _check(self, s, data: TalkInput) -> dict:  # noqa: ANN001 - Session
        errors = FormErrors()
        T = PreventionTalk  # noqa: N806
        checks.day(errors, "day", data.day, "宣传日期", latest=clock.today())
        place = checks.text(errors, "place", data.place, T.place, "地点", required=True)
        topic = checks.text(errors, "topic", data.topic, T.topic, "主题", required=True)
        audience = checks.text(errors, "audience", data.audience, T.audience, "对象")
        others = checks.text(errors, "other_givers", data.other_givers, T.other_givers, "其他参加人员")
        notes = checks.text(errors, "notes", data.notes, T.notes, "内容摘要")
        if not 0 <= data.people_reached <= MAX_PEOPLE:
            errors.add("people_reached", f"人数应在0至{MAX_PEOPLE}之间")
        if not 0 <= data.materials <= MAX_PEOPLE:
            errors.add("materials", f"发放资料应在0至{MAX_PEOPLE}份之间")
        if (data.start_time is None) != (data.end_time is None):
            errors.add("end_time", "开始和结束时间请都填写或都不填")
        givers = list(s.scalars(select(TeamMember).where(TeamMember.id.in_(data.giver_ids))))
        if len(givers) != len(set(data.giver_ids)):
            errors.add("giver_ids", "所选人员不存在")
        if not givers and not others:
            errors.add("giver_ids", "请勾选参加宣传的人员")
        if data.grid_id is not None and s.get(Grid, data.grid_id) is None:
            errors.add("grid_id", "所选网格不存在")
        errors.raise_if_any()
        if self.ctx.actor.limited_to_grids:
            if data.grid_id is None:
                raise PermissionDenied("网格员只能登记本人负责网格的宣传，请选择网格。")
            checks.require_grid(self.ctx.actor, data.grid_id)
        return dict(day=data.day, start_time=data.start_time, end_time=data.end_time, grid_id=data.grid_id,
                    place=place, topic=topic, audience=audience, people_reached=data.people_reached,
                    materials=data.materials, other_givers=others, notes=notes, givers=givers)  # fmt: skip

    def create(self, data: TalkInput) -> int:
        with self.ctx.write() as s:
            t = PreventionTalk(**self._check(s, data))
            s.add(t)
            s.flush()
            return t.id

    def update(self, talk_id: int, data: TalkInput) -> None:
        with self.ctx.write() as s:
            t = s.get(PreventionTalk, talk_id)
            if t is None:
                raise NotFound("该宣传记录不存在")
            checks.require_grid(self.ctx.actor, t.grid_id)
            for key, value in self._check(s, data).items():
                setattr(t, key, value)

    def delete(self, talk_id: int) -> str:
        self.ctx.actor.require(Perm.delete)
        with self.ctx.write() as s:
            t = s.get(PreventionTalk, talk_id)
            if t is None:
                raise NotFound("该宣传记录不存在")
            s.delete(t)
        return "deleted"
