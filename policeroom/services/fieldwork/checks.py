"""Small checks the field-work forms share: text within its column's limit, times, grids the actor holds."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from policeroom.errors import PermissionDenied
from policeroom.services.core.context import Actor
from policeroom.services.core.forms import FormErrors
from policeroom.services.core.text import DATE_MAX, DATE_MIN, DATE_RANGE_TEXT, column_limit, normalize_text


def text(errors: FormErrors, field: str, value: str | None, column: Any, label: str, *, required: bool = False) -> str:
    """The value normalised and trimmed; an error beside ``field`` when missing or too long."""
    clean = normalize_text(value or "").strip()
    if required and not clean:
        errors.add(field, f"请填写{label}")
    limit = column_limit(column)
    if len(clean) > limit:
        errors.add(field, f"{label}不能超过{limit}个字（现有{len(clean)}字）")
    return clean


def day(errors: FormErrors, field: str, value: date | None, label: str, *, latest: date | None = None) -> None:
    if value is None:
        errors.add(field, f"请填写{label}")
    elif not DATE_MIN <= value <= DATE_MAX:
        errors.add(field, DATE_RANGE_TEXT)
    elif latest is not None and value > latest:
        errors.add(field, f"{label}不能晚于今天")


def within(at: time, start: time, end: time) -> bool:
    """Whether ``at`` falls in the window (a window past midnight, 22:00-02:00, wraps)."""
    if start <= end:
        return start <= at <= end
    return at >= start or at <= end


def minutes(start: time | None, end: time | None) -> int:
    """Minutes from start to end (past midnight wraps); 0 when either is missing."""
    if start is None or end is None:
        return 0
    a, b = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    return b - a if b >= a else b + 24 * 60 - a


def require_grid(actor: Actor, grid_id: int | None) -> None:
    """Grid workers act in their own grids; the officer and staff everywhere."""
    if actor.limited_to_grids and grid_id not in actor.grid_ids:
        raise PermissionDenied("网格员只能登记和查看本人负责网格的巡防、走访和宣传。")


def grid_scope(actor: Actor, column: Any) -> Any:
    """A WHERE condition limiting a grid worker to their grids (None: no limit)."""
    return column.in_(actor.grid_ids) if actor.limited_to_grids else None
