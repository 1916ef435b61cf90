"""A volunteer's career beside the registry: trainings (培训), commendations (表彰), yearly evaluations (年度评价)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from policeroom.errors import NotFound, ValidationError
from policeroom.models import (
    Volunteer,
    VolunteerCommendation,
    VolunteerEvaluation,
    VolunteerTraining,
)
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.forces.checks import in_range, text
from policeroom.services.forces.types import (
    EVALUATION_GRADES,
    CommendationItem,
    EvaluationItem,
    TrainingItem,
    VolunteerDetail,
    VolunteerInput,
)


def detail_of(s: Session, v: Volunteer) -> VolunteerDetail:
    """Everything the volunteer dialog shows, read inside the caller's session."""
    from policeroom.models import AVAILABILITY, VOLUNTEER_ROLES

    trainings = s.scalars(
        select(VolunteerTraining).where(VolunteerTraining.volunteer_id == v.id).order_by(VolunteerTraining.on)
    )
    commendations = s.scalars(
        select(VolunteerCommendation)
        .where(VolunteerCommendation.volunteer_id == v.id)
        .order_by(VolunteerCommendation.on)
    )
    evaluations = s.scalars(
        select(VolunteerEvaluation).where(VolunteerEvaluation.volunteer_id == v.id).order_by(VolunteerEvaluation.year)
    )
    data = VolunteerInput(
        resident_id=v.resident_id, joined_on=v.joined_on, grid_id=v.grid_id,
        roles=tuple(r for r in VOLUNTEER_ROLES if r in v.roles.split("、")),
        skills=v.skills, availability=tuple(a for a in AVAILABILITY if a in v.availability.split("、")),
        team_ids=tuple(t.id for t in v.teams), insurance_policy=v.insurance_policy, insurer=v.insurer,
        insurance_until=v.insurance_until, partner_unit_id=v.partner_unit_id, auxiliary=v.auxiliary, notes=v.notes,
    )  # fmt: skip
    return VolunteerDetail(
        id=v.id, number=v.number, resident_id=v.resident_id, name=v.resident.name, data=data, status=v.status,
        status_reason=v.status_reason, status_on=v.status_on,
        trainings=[TrainingItem(t.id, t.on, t.title, t.hours, t.organiser) for t in trainings],
        commendations=[CommendationItem(c.id, c.on, c.title, c.issuer) for c in commendations],
        evaluations=[EvaluationItem(e.id, e.year, e.grade, e.remarks) for e in evaluations],
    )  # fmt: skip


class CareerService:
    """Add and remove a volunteer's trainings, commendations and yearly evaluations (each in the history)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _volunteer(self, s, volunteer_id: int) -> Volunteer:  # noqa: ANN001
        v = s.get(Volunteer, volunteer_id)
        if v is None:
            raise NotFound("该志愿者不存在")
        if self.ctx.actor.limited_to_grids:
            self.ctx.actor.require_grid(v.grid_id)
        return v

    @staticmethod
    def _day(errors: FormErrors, on: date | None, label: str) -> None:
        if on is None:
            errors.add("on", f"请填写{label}")
        elif on > clock.today():
            errors.add("on", f"{label}不能晚于今天")
        in_range(errors, "on", on, label)

    def add_training(self, volunteer_id: int, on: date | None, title: str, hours: int = 0, organiser: str = "") -> int:
        errors = FormErrors()
        self._day(errors, on, "培训日期")
        title = text(errors, "title", title, "培训内容", VolunteerTraining.title)
        if not title and "title" not in errors.errors:
            errors.add("title", "请填写培训内容")
        organiser = text(errors, "organiser", organiser, "组织单位", VolunteerTraining.organiser)
        if not 0 <= hours <= 1000:
            errors.add("hours", "学时应在0至1000之间")
        errors.raise_if_any()
        with self.ctx.write() as s:
            self._volunteer(s, volunteer_id)
            t = VolunteerTraining(volunteer_id=volunteer_id, on=on, title=title, hours=hours, organiser=organiser)
            s.add(t)
            s.flush()
            return t.id

    def add_commendation(self, volunteer_id: int, on: date | None, title: str, issuer: str = "") -> int:
        errors = FormErrors()
        self._day(errors, on, "表彰日期")
        title = text(errors, "title", title, "表彰名称", VolunteerCommendation.title)
        if not title and "title" not in errors.errors:
            errors.add("title", "请填写表彰名称")
        issuer = text(errors, "issuer", issuer, "授予单位", VolunteerCommendation.issuer)
        errors.raise_if_any()
        with self.ctx.write() as s:
            self._volunteer(s, volunteer_id)
            c = VolunteerCommendation(volunteer_id=volunteer_id, on=on, title=title, issuer=issuer)
            s.add(c)
            s.flush()
            return c.id

    def set_evaluation(self, volunteer_id: int, year: int, grade: str, remarks: str = "") -> int:
        """The year's evaluation (one per year; saving again changes it, with the change in the history)."""
        errors = FormErrors()
        if grade not in EVALUATION_GRADES:
            errors.add("grade", "评价等次只能是：" + "、".join(EVALUATION_GRADES))
        if not 2000 <= year <= clock.today().year:
            errors.add("year", f"年度应在2000至{clock.today().year}之间")
        remarks = text(errors, "remarks", remarks, "评语", VolunteerEvaluation.remarks)
        errors.raise_if_any()
        with self.ctx.write() as s:
            v = self._volunteer(s, volunteer_id)
            if v.joined_on.year > year:
                raise ValidationError("year", f"该志愿者{v.joined_on.year}年才加入，不能评价{year}年度")
            e = s.scalar(
                select(VolunteerEvaluation).where(
                    VolunteerEvaluation.volunteer_id == volunteer_id, VolunteerEvaluation.year == year
                )
            )
            if e is None:
                e = VolunteerEvaluation(volunteer_id=volunteer_id, year=year, grade=grade, remarks=remarks)
                s.add(e)
            else:
                e.grade, e.remarks = grade, remarks
            s.flush()
            return e.id

    def remove(self, kind: str, item_id: int) -> None:
        """Remove a training, commendation or evaluation entered by mistake (officer; the removal is in the history)."""
        self.ctx.actor.require(Perm.delete)
        model = {"training": VolunteerTraining, "commendation": VolunteerCommendation,
                 "evaluation": VolunteerEvaluation}[kind]  # fmt: skip
        with self.ctx.write() as s:
            item = s.get(model, item_id)
            if item is None:
                raise NotFound("该记录不存在")
            self._volunteer(s, item.volunteer_id)
            s.delete(item)
