"""A kind of matter run through the loop (群众求助, 网格事件, 举报核查 ...): plain declarations, no Qt, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from policeroom.models import AccountRole
from policeroom.services.loop.moves import Move, shared_moves
from policeroom.services.loop.timing import TimeType, add

#: step -> urgency (or another grade) -> amount, in the step's time type
Limits = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class Kind:
    """What a kind declares.

    Attributes:
        name: stored in ``loop_event.kind`` (short, never renamed).
        statuses: status -> Chinese label, in loop order.
        steps: open status -> the step the matter waits for in it.
        step_labels: step -> Chinese label (派遣, 处置 ...).
        moves: the kind's own moves; the shared ones (督办 延期 返工 挂账) are added.
        limits: default limits (settings may override them per call).
        time_types: step -> how its limit is counted.
        closing_status: the status where the closing check happens (返工 sends it back).
        rework_to: the status 返工 leads to.
    """

    name: str
    label: str
    statuses: Mapping[str, str]
    steps: Mapping[str, str]
    step_labels: Mapping[str, str]
    moves: Mapping[str, Move]
    limits: Limits
    time_types: Mapping[str, TimeType]
    closing_status: str | None = None
    rework_to: str | None = None
    all_moves: Mapping[str, Move] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shared = shared_moves(tuple(self.steps), self.closing_status, self.rework_to)
        object.__setattr__(self, "all_moves", {**self.moves, **shared})

    @property
    def open_statuses(self) -> tuple[str, ...]:
        return tuple(self.steps)

    def step_of(self, status: str) -> str | None:
        return self.steps.get(status)

    def limit(self, step: str, grade: str, limits: Limits | None = None) -> float | None:
        """The step's limit for this urgency (None: the step has no limit)."""
        for source in (limits or {}, self.limits):
            by_grade = source.get(step)
            if by_grade and grade in by_grade:
                return float(by_grade[grade])
        return None

    def due(self, step: str, grade: str, start: datetime, limits: Limits | None = None) -> datetime | None:
        amount = self.limit(step, grade, limits)
        if amount is None:
            return None
        return add(start, amount, self.time_types.get(step, TimeType.calendar_hours))

    def refusal(self, move: str, status: str) -> str | None:
        """Why ``move`` may not be made from ``status`` (plain Chinese), or None when it may."""
        m = self.all_moves.get(move)
        if m is None:
            return "没有这项操作。"
        if status not in m.from_statuses:
            if status in m.refusals:
                return m.refusals[status]
            label = self.statuses.get(status, status)
            if status not in self.steps:
                return f"该{self.label}{label}，不能再{m.label}。"
            return f"该{self.label}{label}，当前不能{m.label}。"
        return None

    def forbidden(self, move: str, role: AccountRole) -> str | None:
        """Why this role may not make ``move`` at all, or None when it may."""
        m = self.all_moves.get(move)
        if m is not None and m.roles is not None and role not in m.roles:
            return f"只有{m.who()}可以{m.label}。"
        return None
