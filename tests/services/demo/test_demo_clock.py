"""The demo community keeps a room's hours (issue 11, item 15): closings in working hours, urgent matters
closed within hours, only a few recent matters overdue, handovers to the person on the next shift."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from policeroom.db import open_database
from policeroom.models import Assignment, AssistanceRequest, Handover, ShiftType, Status, Urgency
from policeroom.services.registry import Services
from tests.timing import frozen

NOW = datetime(2026, 12, 3, 10, 15)
pytestmark = pytest.mark.today(NOW)
OPEN = (Status.registered, Status.dispatched, Status.handling, Status.fed_back, Status.visited)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path):  # noqa: ANN201
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    services = Services(db.sessions)
    from policeroom.services.demo.seed import seed_demo

    with frozen(NOW):
        seed_demo(services.ctx, residents=80, mediation=False)
    with db.sessions() as s:
        yield s
    db.close()


def test_requests_close_in_working_hours(demo) -> None:  # noqa: ANN001
    closed = [r.closed_at for r in demo.scalars(select(AssistanceRequest).where(AssistanceRequest.status == Status.closed))]
    assert len(closed) > 500
    by_day = sum(8 <= t.hour < 20 for t in closed) / len(closed)
    assert by_day >= 0.9, f"only {by_day:.0%} of closings between 08:00 and 20:00"


def test_no_urgent_request_stays_open(demo) -> None:  # noqa: ANN001
    stale = demo.scalars(select(AssistanceRequest).where(
        AssistanceRequest.status.in_(OPEN), AssistanceRequest.urgency == Urgency.critical,
        AssistanceRequest.received_at < NOW - timedelta(days=1))).all()
    assert [(r.number, r.received_at, r.description) for r in stale] == []
    for r in demo.scalars(select(AssistanceRequest).where(
            AssistanceRequest.status == Status.closed, AssistanceRequest.urgency == Urgency.critical)):
        assert r.closed_at - r.received_at < timedelta(hours=12), (r.number, r.received_at, r.closed_at)


def test_only_a_few_recent_requests_are_overdue(demo) -> None:  # noqa: ANN001
    overdue = demo.scalars(select(AssistanceRequest).where(AssistanceRequest.step_due < NOW)).all()
    assert 1 <= len(overdue) <= 15
    assert min(r.received_at for r in overdue) >= NOW - timedelta(days=21)


def test_handover_goes_to_the_next_shift(demo) -> None:  # noqa: ANN001
    shifts = {t.id: t for t in demo.scalars(select(ShiftType))}
    handovers = demo.scalars(select(Handover)).all()
    assert len(handovers) >= 7
    for h in handovers:
        on = {(a.member_id, a.shift_type_id) for a in demo.scalars(select(Assignment).where(Assignment.day == h.at.date()))}
        starting = {sid for sid, t in shifts.items() if t.start_time == h.at.time()}
        assert any((h.to_member_id, sid) in on for sid in starting), (h.at, h.to_member_id)
        assert h.at <= NOW
