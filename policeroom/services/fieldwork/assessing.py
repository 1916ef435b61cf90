"""Field work in the 网格员考核 (the figure-provider seam of services/gridwork/providers.py).

走访完成率 = 已走访户数 ÷ 应走访户数 and 巡防完成率 = 已巡防班次 ÷ 计划巡防班次, counted by
:func:`.figures.worker_month_counts`; both weigh 0 by default (shown, not scored) until the officer
weights them. Every number lists its records (:func:`.figures.records_behind`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from policeroom.services.fieldwork.figures import records_behind, worker_month_counts
from policeroom.services.gridwork.providers import Period, RecordLine, Worker, register_provider
from policeroom.services.gridwork.scoring import RateSpec

DEFINITIONS = (
    "应走访户数：本人负责网格内到本月底应走访的住户（按上次走访和走访周期计）；已走访户数：其中本月已走访的。",
    "计划巡防班次：排班表中本人本月的巡防班次；已巡防班次：其中当天有本人参加或该网格的巡防记录的。",
)


class FieldworkFigures:
    key = "fieldwork"
    facts = (
        ("visits_due", "应走访户数"), ("visits_done", "已走访户数"), ("visits", "走访次数"),
        ("patrols_planned", "计划巡防班次"), ("patrols_recorded", "已巡防班次"), ("patrols", "巡防次数"),
    )  # fmt: skip
    rates = (
        RateSpec("visit_rate", "走访完成率", "visits_done", "visits_due", 0, order=70),
        RateSpec("patrol_rate", "巡防完成率", "patrols_recorded", "patrols_planned", 0, order=80),
    )
    definitions = DEFINITIONS

    def count(self, s: Session, period: Period, workers: list[Worker]) -> dict[int, dict[str, int]]:
        counts = worker_month_counts(s, period.start.year, period.start.month)
        out: dict[int, dict[str, int]] = {}
        for w in workers:
            c = counts.get(w.member_id)
            if c is not None:
                out[w.member_id] = {k: getattr(c, k) for k, _label in self.facts}
        return out

    def records(self, s: Session, period: Period, worker: Worker, fact: str) -> list[RecordLine] | None:
        if fact not in dict(self.facts):
            return None
        lines = records_behind(s, period.start.year, period.start.month, worker.member_id, fact) or []
        return [RecordLine(r.kind, r.id, "", r.when, r.title, r.status) for r in lines]


register_provider(FieldworkFigures())
