"""网格事件类别 (settings): name, 立案条件 and 结案条件, the time type and limits per step × urgency."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from policeroom.errors import NotFound
from policeroom.models import EventCategory, Urgency
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.text import normalize_text
from policeroom.services.gridwork.kind import LIMIT_MAX, STEP_LABELS, clean_limits
from policeroom.services.gridwork.types import CategoryInput, CategoryRow
from policeroom.services.loop.timing import TIME_TYPE_LABELS, TimeType

RULE_LIMIT = 500


class CategoryService:
    """The editable list of event categories; changing it is a setting (officer)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(self, include_archived: bool = True) -> list[CategoryRow]:
        with self.ctx.read() as s:
            stmt = select(EventCategory).order_by(EventCategory.sort_order, EventCategory.id)
            if not include_archived:
                stmt = stmt.where(EventCategory.archived.is_(False))
            return [
                CategoryRow(
                    c.id,
                    c.name,
                    c.admit_rule,
                    c.close_rule,
                    c.time_type,
                    clean_limits(c.limits),
                    c.is_dispute,
                    c.archived,
                    c.sort_order,
                )  # fmt: skip
                for c in s.scalars(stmt)
            ]

    @staticmethod
    def input_of(row: CategoryRow, **changes: object) -> CategoryInput:
        data = CategoryInput(row.name, row.admit_rule, row.close_rule, row.time_type, row.limits, row.is_dispute,
                             row.archived, row.sort_order)  # fmt: skip
        return dataclasses.replace(data, **changes)

    def save(self, category_id: int | None, data: CategoryInput) -> int:
        self.ctx.actor.require(Perm.edit_settings)
        errors = FormErrors()
        data.name = normalize_text(data.name)
        if not data.name:
            errors.add("name", "请填写类别名称")
        elif len(data.name) > 30:
            errors.add("name", "类别名称不能超过30个字")
        for key, label in (("admit_rule", "立案条件"), ("close_rule", "结案条件")):
            setattr(data, key, getattr(data, key).strip())
            if len(getattr(data, key)) > RULE_LIMIT:
                errors.add(key, f"{label}不能超过{RULE_LIMIT}个字")
        try:
            TimeType(data.time_type)
        except ValueError:
            errors.add("time_type", "请选择时限类型")
        unit = (
            TIME_TYPE_LABELS.get(TimeType(data.time_type), "")
            if data.time_type in TimeType._value2member_map_
            else ""
        )
        for step, by_urgency in (data.limits or {}).items():
            for u in Urgency:
                value = by_urgency.get(u.value)
                try:
                    ok = value is not None and 0 < float(value) <= LIMIT_MAX
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    errors.add(
                        f"limits.{step}",
                        f"{STEP_LABELS.get(step, step)}时限应大于0、不超过{LIMIT_MAX:g}{unit}",
                    )
        errors.raise_if_any()
        with self.ctx.write() as s:
            clash = s.scalar(select(EventCategory.id).where(EventCategory.name == data.name,
                                                            EventCategory.id != (category_id or -1)))  # fmt: skip
            if clash:
                errors.add("name", "已有同名的类别")
                errors.raise_if_any()
            c = s.get(EventCategory, category_id) if category_id else EventCategory()
            if c is None:
                raise NotFound("该类别不存在。")
            c.name, c.admit_rule, c.close_rule, c.time_type = (
                data.name,
                data.admit_rule,
                data.close_rule,
                data.time_type,
            )
            c.limits = clean_limits(data.limits)
            c.is_dispute, c.archived, c.sort_order = data.is_dispute, data.archived, data.sort_order
            s.add(c)
            s.flush()
            return c.id
