"""The figure-provider seam of the 考核: each area of grid work counts its own facts per grid worker.

A provider declares its facts (key, label) and rates (:class:`~.scoring.RateSpec`), counts the facts for
all workers of a month in a few grouped queries, and lists the records behind any one number. Events,
inspections and requests are built in (:mod:`.figures`); patrols and household visits register theirs
with :func:`register_provider` from their own modules (listed in :data:`EXTRA_PROVIDER_MODULES`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy.orm import Session

from policeroom.services.gridwork.scoring import RateSpec


@dataclass(frozen=True)
class Period:
    """A month: ``start`` ≤ day < ``end``; ``cutoff`` is the end, or now for the running month."""

    start: date
    end: date
    cutoff: datetime

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time())

    @property
    def end_dt(self) -> datetime:
        return datetime.combine(self.end, datetime.min.time())


@dataclass(frozen=True)
class Worker:
    member_id: int
    name: str
    grid_ids: frozenset[int]


@dataclass(frozen=True)
class RecordLine:
    """One record behind a number (to open it: ``kind`` and ``id``)."""

    kind: str
    id: int
    number: str
    when: datetime | date | None
    title: str
    status: str


class FigureProvider(Protocol):
    key: str
    #: (fact key, Chinese label) in the order the form prints them
    facts: tuple[tuple[str, str], ...]
    rates: tuple[RateSpec, ...]

    def count(self, s: Session, period: Period, workers: list[Worker]) -> dict[int, dict[str, int]]:
        """Per member id: fact key -> count (missing facts count 0)."""
        ...

    def records(self, s: Session, period: Period, worker: Worker, fact: str) -> list[RecordLine] | None:
        """The records behind one fact of one worker, or None when the fact is not this provider's."""
        ...


_PROVIDERS: dict[str, FigureProvider] = {}
#: modules that register providers when imported (built-in first; patrols and visits add theirs here)
EXTRA_PROVIDER_MODULES: list[str] = [
    "policeroom.services.gridwork.figures",
    "policeroom.services.fieldwork.assessing",  # 走访完成率、巡防完成率
]


def register_provider(provider: FigureProvider) -> None:
    _PROVIDERS[provider.key] = provider


def providers() -> list[FigureProvider]:
    for name in EXTRA_PROVIDER_MODULES:
        importlib.import_module(name)
    return list(_PROVIDERS.values())
