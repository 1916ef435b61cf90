"""Grid workers and another grid's volunteers: no look-up by number, voucher or certificate shows them,
no sign-up takes them, and the 工作台 counts only their grids (the leaks the permission table found)."""

from __future__ import annotations

from datetime import datetime

import pytest

from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from tests.activities.conftest import Place, activity_input, add_volunteers
from tests.activities.test_permissions import as_

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 22, 0))
START, END = datetime(2026, 11, 20, 9), datetime(2026, 11, 20, 11)


def _two_grids(officer: Services, place: Place) -> tuple[int, int, Services]:
    """A volunteer of grid A and one of grid B with confirmed hours and points; grid A's worker."""
    (mine,) = add_volunteers(officer, 1, grid_id=place.grid_a)
    (other,) = add_volunteers(officer, 1, grid_id=place.grid_b)
    for v in (mine, other):
        officer.points.bonus(v, 5, "表彰", op_key=f"test:{v}")
    return mine, other, as_(officer, AccountRole.grid_worker, place.worker, (place.grid_a,))


def test_no_look_up_by_number_shows_another_grids_volunteer(officer, place) -> None:  # noqa: ANN001
    mine, other, worker = _two_grids(officer, place)
    numbers = {v: officer.points.standing(v).volunteer.number for v in (mine, other)}
    assert worker.points.volunteer_by_number(numbers[mine]).id == mine
    with pytest.raises(PermissionDenied):
        worker.points.volunteer_by_number(numbers[other])  # its full ID number


def test_vouchers_and_certificates_of_another_grid_are_refused(officer, place) -> None:  # noqa: ANN001
    mine, other, worker = _two_grids(officer, place)
    officer.points.carry_forward(mine, 60, "2025年记录册")
    officer.points.carry_forward(other, 60, "2025年记录册")
    item = officer.rewards.save_item(None, "毛巾", 2, 5, None)
    vouchers = {}
    for v in (mine, other):
        rid = officer.rewards.apply(v, item)
        officer.rewards.approve(rid)
        vouchers[v] = officer.rewards.issue(rid)
    certs = {v: officer.certificates.issue(v, full_id=True) for v in (mine, other)}
    assert worker.rewards.by_number(vouchers[mine]).volunteer_id == mine
    assert worker.certificates.get(certs[mine].id).volunteer_id == mine
    assert worker.certificates.by_number(certs[mine].number).volunteer_id == mine
    with pytest.raises(PermissionDenied):
        worker.rewards.by_number(vouchers[other])
    with pytest.raises(PermissionDenied):
        worker.certificates.get(certs[other].id)
    with pytest.raises(PermissionDenied):
        worker.certificates.by_number(certs[other].number)
    assert [c.id for c in worker.certificates.register()] == [certs[mine].id]


def test_grid_worker_signs_up_only_their_grids_volunteers(officer, place) -> None:  # noqa: ANN001
    mine, other, worker = _two_grids(officer, place)
    aid = worker.activities.create(activity_input(place, START, END))
    with pytest.raises(PermissionDenied, match="本人负责网格的志愿者报名"):
        worker.participation.apply(aid, other)
    assert worker.participation.apply(aid, mine)
    officer.participation.apply(aid, other)  # the officer may (and the record stays the activity's)
    assert len(worker.participation.rows(aid)) == 2


def test_the_desk_glance_counts_only_their_grids(officer, place) -> None:  # noqa: ANN001
    mine, other, worker = _two_grids(officer, place)
    item = officer.rewards.save_item(None, "毛巾", 2, 5, None)
    officer.rewards.apply(other, item)  # waiting for approval, grid B
    officer.points.carry_forward(other, 90, "2025年记录册")  # minutes posted this month, grid B
    assert officer.rewards.waiting_approval() == 1
    assert worker.rewards.waiting_approval() == 0
    assert officer.activities.glance().minutes_this_month == 90
    glance = worker.activities.glance()
    assert (glance.waiting_approval, glance.minutes_this_month) == (0, 0)
    officer.rewards.apply(mine, item)
    officer.points.carry_forward(mine, 30, "2025年记录册")
    glance = worker.activities.glance()
    assert (glance.waiting_approval, glance.minutes_this_month) == (1, 30)
