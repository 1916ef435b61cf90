"""The demo's year of grid work: events in every state and category, self-handled, reworked, extended,
parked and overdue ones, places with inspections whose failed items became events; 考核 has numbers."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from policeroom.db import open_database
from policeroom.models import EventCategory, EventStatus, GridEvent, Inspection, LoopEvent, LoopState
from policeroom.services.registry import Services
from tests.timing import frozen

NOW = datetime(2026, 12, 3, 10, 15)
pytestmark = pytest.mark.today(NOW)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path):  # noqa: ANN201
    path = tmp_path_factory.mktemp("demo_grid") / "demo.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    services = Services(db.sessions)
    from policeroom.services.demo.seed import seed_demo

    with frozen(NOW):
        result = seed_demo(services.ctx, residents=40, requests_per_year=20, mediation=False)
    yield services, db, result
    db.close()


def test_events_in_every_state_and_category(demo) -> None:  # noqa: ANN001
    services, db, result = demo
    assert result.grid_events > 200 and result.inspections > 200
    with db.sessions() as s:
        statuses = set(s.scalars(select(GridEvent.status).distinct()))
        assert statuses == set(EventStatus)
        used = set(s.scalars(select(GridEvent.category_id).distinct()))
        assert used == set(s.scalars(select(EventCategory.id)))
        moves = dict(s.execute(select(LoopEvent.move, func.count()).where(LoopEvent.kind == "grid_event")
                               .group_by(LoopEvent.move)).all())  # fmt: skip
        for move in (
            "self_handle",
            "reject",
            "rework",
            "extend_approve",
            "park",
            "resume",
            "to_dispute",
            "close",
        ):
            assert moves.get(move, 0) > 0, move
        parked = s.scalar(select(func.count()).select_from(LoopState).where(
            LoopState.kind == "grid_event", LoopState.parked_at.is_not(None)))  # fmt: skip
        assert parked >= 1
        overdue = s.scalar(select(func.count()).select_from(GridEvent).where(GridEvent.step_due < NOW))
        open_ = s.scalar(select(func.count()).select_from(GridEvent).where(
            GridEvent.status.not_in((EventStatus.closed, EventStatus.rejected))))  # fmt: skip
        assert 1 <= overdue <= open_ <= 60
        assert (
            s.scalar(select(func.count()).select_from(GridEvent).where(GridEvent.inspection_id.is_not(None)))
            > 0
        )
        assert s.scalar(select(func.count()).select_from(Inspection)) == result.inspections


def test_the_demo_month_has_an_assessment(demo) -> None:  # noqa: ANN001
    services, _db, _result = demo
    sheet = services.assessment.sheet("2026-11")
    assert len(sheet.rows) == 8
    assert sum(next(f.value for f in r.facts if f.key == "reported") for r in sheet.rows) > 10
    assert {r.grade for r in sheet.rows} <= set("ABCDE")
