"""考核 service: each grid worker's month — counted facts, rates, score, grade — and the records behind.

Grid workers see only their own row; the weights are a setting only the officer changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import MemberRole, Setting, TeamMember
from policeroom.services.core import clock
from policeroom.services.core.context import Perm, ServiceContext
from policeroom.services.gridwork.providers import Period, RecordLine, Worker, providers
from policeroom.services.gridwork.scoring import (
    WEIGHTS_KEY,
    Rate,
    RateSpec,
    formula_text,
    grade,
    grade_text,
    score,
)


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class WorkerAssessment:
    """One grid worker's 考核 for one month."""

    member_id: int
    name: str
    grids: str
    facts: list[Fact]
    rates: list[Rate]
    score: float
    grade: str


@dataclass(frozen=True)
class AssessmentSheet:
    """The month's 网格员考核表: every worker, the formula and the weights used, the definitions."""

    month: str
    start: date
    end: date
    rows: list[WorkerAssessment]
    specs: list[RateSpec]
    weights: dict[str, float]
    formula: str
    grades: str
    definitions: tuple[str, ...]


def parse_month(text: str) -> tuple[date, date]:
    """``2026-11`` -> (2026-11-01, 2026-12-01)."""
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        start = date(year, month, 1)
    except (ValueError, TypeError):
        raise ValidationError("month", "月份格式应为 年-月，例如 2026-11") from None
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, end


class AssessmentService:
    """网格员考核 (monthly)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- weights (the officer's) ---------------------------------------------------------------
    def specs(self) -> list[RateSpec]:
        return sorted((r for p in providers() for r in p.rates), key=lambda r: (r.order, r.key))

    def weights(self) -> dict[str, float]:
        with self.ctx.read() as s:
            return self._weights(s)

    def _weights(self, s: Session) -> dict[str, float]:
        out = {r.key: float(r.default_weight) for r in self.specs()}
        row = s.get(Setting, WEIGHTS_KEY)
        if row is not None and row.value:
            try:
                saved = json.loads(row.value)
                out.update({k: float(v) for k, v in saved.items() if k in out})
            except (ValueError, TypeError, AttributeError):
                pass
        return out

    def save_weights(self, weights: dict[str, float]) -> None:
        """考核权重 (officer only): each 0–100, at least one above 0."""
        if self.ctx.actor.role.value != "officer":
            raise PermissionDenied("只有社区民警可以修改考核权重。")
        self.ctx.actor.require(Perm.edit_settings)
        known = {r.key: r for r in self.specs()}
        clean: dict[str, float] = {}
        for key, value in weights.items():
            if key not in known:
                continue
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValidationError(f"weight.{key}", f"{known[key].label}的权重应为数字") from None
            if not 0 <= v <= 100:
                raise ValidationError(f"weight.{key}", f"{known[key].label}的权重应在0到100之间")
            clean[key] = v
        if not any(v > 0 for v in clean.values()):
            raise ValidationError("weights", "至少要有一项权重大于0")
        with self.ctx.write() as s:
            row = s.get(Setting, WEIGHTS_KEY)
            value = json.dumps(clean, ensure_ascii=False, sort_keys=True)
            if row is None:
                s.add(Setting(key=WEIGHTS_KEY, value=value))
            else:
                row.value = value

    # -- the month --------------------------------------------------------------------------------
    def _period(self, month: str) -> Period:
        start, end = parse_month(month)
        now = clock.now()
        cutoff = min(datetime.combine(end, datetime.min.time()), now)
        return Period(start, end, cutoff)

    def _workers(self, s: Session, member_id: int | None = None) -> list[Worker]:
        stmt = (
            select(TeamMember)
            .where(TeamMember.role == MemberRole.grid_worker)
            .options(selectinload(TeamMember.grids))
        )
        actor = self.ctx.actor
        if actor.limited_to_grids:
            if actor.member_id is None:
                return []
            member_id = actor.member_id if member_id in (None, actor.member_id) else -1
            if member_id == -1:
                raise PermissionDenied("网格员只能查看本人的考核。")
        if member_id is not None:
            stmt = stmt.where(TeamMember.id == member_id)
        else:
            stmt = stmt.where(TeamMember.active.is_(True))
        return [
            Worker(m.id, m.name, frozenset(g.id for g in m.grids))
            for m in s.scalars(stmt.order_by(TeamMember.id))
        ]

    def sheet(self, month: str, member_id: int | None = None) -> AssessmentSheet:
        """The month's 考核 of every active grid worker (a grid worker: only their own)."""
        period = self._period(month)
        with self.ctx.read() as s:
            workers = self._workers(s, member_id)
            weights = self._weights(s)
            grid_names = _grid_names(s)
            counted: dict[int, dict[str, int]] = {w.member_id: {} for w in workers}
            labels: list[tuple[str, str]] = []
            all_providers = providers()
            for p in all_providers:
                labels += list(p.facts)
                for mid, facts in p.count(s, period, workers).items():
                    if mid in counted:
                        counted[mid].update(facts)
        specs = self.specs()
        rows = []
        for w in workers:
            c = counted[w.member_id]
            rates = [Rate(r, c.get(r.numerator, 0), c.get(r.denominator, 0)) for r in specs]
            total = score({r.spec.key: r for r in rates}, weights)
            rows.append(WorkerAssessment(
                w.member_id, w.name, "、".join(grid_names.get(g, "") for g in sorted(w.grid_ids)),
                [Fact(k, label, c.get(k, 0)) for k, label in labels], rates, total, grade(total),
            ))  # fmt: skip
        from policeroom.services.gridwork.figures import DEFINITIONS

        return AssessmentSheet(
            month=f"{period.start.year}年{period.start.month}月", start=period.start, end=period.end, rows=rows,
            specs=specs, weights=weights, formula=formula_text(specs, weights), grades=grade_text(),
            definitions=DEFINITIONS + tuple(d for p in all_providers for d in getattr(p, "definitions", ())),
        )  # fmt: skip

    def records(self, month: str, member_id: int, fact: str) -> list[RecordLine]:
        """The records behind one number of one worker's month (e.g. the 漏报 events)."""
        period = self._period(month)
        with self.ctx.read() as s:
            workers = self._workers(s, member_id)
            if not workers:
                raise ValidationError("member_id", "没有这位网格员")
            for p in providers():
                found = p.records(s, period, workers[0], fact)
                if found is not None:
                    return found
        raise ValidationError("fact", "没有这项考核数字")


def _grid_names(s: Session) -> dict[int, str]:
    from policeroom.models import Grid

    return {i: f"{c} {n}" for i, c, n in s.execute(select(Grid.id, Grid.code, Grid.name))}
