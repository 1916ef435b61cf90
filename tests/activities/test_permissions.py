"""Who may do what, role by role; every write is in the history."""

from __future__ import annotations

from datetime import datetime

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.services.core.context import Actor
from policeroom.services.registry import Services
from tests.activities.conftest import activity_input, add_volunteers

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 22, 0))
START, END = datetime(2026, 11, 20, 9), datetime(2026, 11, 20, 11)


def as_(officer: Services, role: AccountRole, member_id: int | None = None, grids: tuple[int, ...] = ()) -> Services:
    return Services(officer.ctx.sessions, Actor(None, role.value, role, member_id, frozenset(grids)))


def test_grid_worker_registers_and_signs_in_only_in_own_grid(officer, place) -> None:  # noqa: ANN001
    worker = as_(officer, AccountRole.grid_worker, place.worker, (place.grid_a,))
    with pytest.raises(ValidationError, match="本人负责网格"):
        worker.activities.create(activity_input(place, START, END, grid_id=place.grid_b))
    own = worker.activities.create(activity_input(place, START, END))
    other = officer.activities.create(activity_input(place, START, END, grid_id=place.grid_b))
    assert [r.id for r in worker.activities.rows()] == [own]
    (mine,) = add_volunteers(officer, 1, grid_id=place.grid_a)  # grid workers sign up their grids' volunteers
    pid = worker.participation.apply(own, mine)
    worker.participation.accept(pid)
    worker.participation.sign_in(pid, datetime(2026, 11, 20, 9, 0))
    worker.participation.sign_out(pid, datetime(2026, 11, 20, 11, 0))
    worker.participation.record_minutes(pid)
    with pytest.raises(PermissionDenied, match="组织人或社区民警"):
        worker.participation.confirm(pid)
    with pytest.raises(PermissionDenied):
        worker.participation.apply(other, place.volunteers[1])
    opid = officer.participation.apply(other, place.volunteers[1])
    with pytest.raises(PermissionDenied):
        worker.participation.accept(opid)
    assert [r.id for r in worker.participation.rows()] == [pid]


def test_organiser_or_officer_confirms(officer, place) -> None:  # noqa: ANN001
    aid = officer.activities.create(activity_input(place, START, END))
    pids = []
    for v in place.volunteers[:3]:
        pid = officer.participation.apply(aid, v)
        officer.participation.accept(pid)
        officer.participation.record_minutes(pid, 120)
        pids.append(pid)
    other_staff = as_(officer, AccountRole.staff, place.worker)
    organiser = as_(officer, AccountRole.staff, place.organiser)
    with pytest.raises(PermissionDenied):
        other_staff.participation.confirm(pids[0])
    organiser.participation.confirm(pids[0])
    officer.participation.confirm(pids[1])
    # reversing confirmed hours (作废) is the officer's
    with pytest.raises(PermissionDenied):
        organiser.participation.void(pids[0], "登记错误")
    officer.participation.void(pids[0], "登记错误")
    assert officer.points.standing(place.volunteers[0]).minutes == 0
    assert officer.points.standing(place.volunteers[0]).points == 0
    assert officer.points.check() == []


def test_voiding_confirmed_hours_after_the_points_were_spent_is_refused(officer, place) -> None:  # noqa: ANN001
    from policeroom.errors import DomainError

    aid = officer.activities.create(activity_input(place, START, END))
    v = place.volunteers[0]
    pid = officer.participation.apply(aid, v)
    officer.participation.accept(pid)
    officer.participation.record_minutes(pid, 120)
    officer.participation.confirm(pid)
    item = officer.rewards.save_item(None, "毛巾", 2, 1, None)
    officer.rewards.apply(v, item)
    with pytest.raises(DomainError, match="积分不足"):
        officer.participation.void(pid, "登记错误")
    assert officer.participation.rows(aid)[0].status == "confirmed"
    assert officer.points.standing(v).minutes == 120


def test_every_write_is_in_the_history(officer, place) -> None:  # noqa: ANN001
    aid = officer.activities.create(activity_input(place, START, END))
    pid = officer.participation.apply(aid, place.volunteers[0])
    officer.participation.accept(pid)
    officer.participation.record_minutes(pid, 60)
    officer.participation.confirm(pid)
    assert officer.history("activity", aid)
    steps = officer.history("participation", pid)
    assert len(steps) == 4 and all(h.actor == "王建军" for h in steps)
    with officer.ctx.read() as s:
        from sqlalchemy import select

        from policeroom.models import AuditEntry

        entities = set(s.scalars(select(AuditEntry.entity)))
    assert {"hours_entry", "points_entry"} <= entities


def test_grid_worker_reads_only_their_grids_volunteers(officer, place) -> None:  # noqa: ANN001
    from tests.activities.conftest import add_volunteers

    (mine,) = add_volunteers(officer, 1, grid_id=place.grid_a)
    (other,) = add_volunteers(officer, 1, grid_id=place.grid_b)
    for v in (mine, other):
        officer.points.bonus(v, 5, "表彰")
    worker = as_(officer, AccountRole.grid_worker, place.worker, (place.grid_a,))
    assert worker.points.standing_ids() == [mine]
    assert [st.volunteer.id for st in worker.points.standings_for([mine, other])] == [mine]
    assert {ln.volunteer_id for ln in worker.points.lines()} == {mine}
    assert [v for v, _t in worker.points.picker_choices()] == [mine]
    with pytest.raises(PermissionDenied):
        worker.points.standing(other)
    with pytest.raises(PermissionDenied):
        worker.certificates.passbook(other)
    assert worker.certificates.passbook(mine).points == 50
    assert len(officer.points.standing_ids()) == 6
