"""Redemptions: every state, stock never below zero, the frequency limit, points returned by reversal."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from policeroom.errors import DomainError, PermissionDenied
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from tests.activities.conftest import add_volunteers
from tests.conftest import actor

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 10, 0))


@pytest.fixture
def rich(officer: Services) -> list[int]:
    people = add_volunteers(officer, 3)
    for v in people:
        officer.points.bonus(v, 100, "表彰", op_key=f"seed:{v}")
    return people


def test_the_whole_path(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "超市提货券50元", 40, 2, date(2027, 6, 30))
    v = rich[0]
    rid = officer.rewards.apply(v, item)
    assert officer.points.standing(v).points == 600 and officer.rewards.items()[0].stock == 1
    officer.rewards.approve(rid)
    number = officer.rewards.issue(rid)
    assert number == "DH2026-000001"
    officer.rewards.redeem(rid, "超市收银员张", "安华里超市")
    row = officer.rewards.by_number(number)
    assert (row.status, row.redeemed_place, row.redeemed_by) == ("redeemed", "安华里超市", "超市收银员张")
    with pytest.raises(DomainError, match="不能撤销"):
        officer.rewards.revoke(rid, "想退")
    assert officer.points.standing(v).minutes == 0  # spending points never touched hours


def test_revoke_returns_points_and_stock(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "洗衣液", 30, 1, None)
    rid = officer.rewards.apply(rich[0], item)
    with pytest.raises(DomainError, match="库存不足"):
        officer.rewards.apply(rich[1], item)
    officer.rewards.revoke(rid, "物品损坏")
    assert officer.points.standing(rich[0]).points == 1000
    assert officer.rewards.items()[0].stock == 1
    assert officer.points.check() == []
    officer.rewards.apply(rich[1], item)  # the returned stock can be taken again


def test_expiry_returns_points(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "毛巾", 10, 5, None)
    rid = officer.rewards.apply(rich[0], item)
    officer.rewards.approve(rid)
    officer.rewards.issue(rid)
    assert officer.rewards.expire_overdue() == 0
    with time_machine.travel(datetime(2027, 3, 1, 9, 0), tick=False):
        with pytest.raises(DomainError, match="过期"):
            officer.rewards.redeem(rid, "张", "超市")
        assert officer.rewards.expire_overdue() == 1
    (row,) = officer.rewards.rows()
    assert row.status == "expired"
    assert officer.points.standing(rich[0]).points == 1000


def test_frequency_limit_once_a_quarter(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "毛巾", 10, 5, None)
    rid = officer.rewards.apply(rich[0], item)
    with pytest.raises(DomainError, match="每季度一次"):
        officer.rewards.apply(rich[0], item)
    officer.rewards.revoke(rid, "申请错了")  # a revoked one does not count
    officer.rewards.apply(rich[0], item)
    with time_machine.travel(datetime(2027, 1, 2, 9, 0), tick=False):  # the next quarter
        officer.rewards.apply(rich[0], item)
    kinds, rate, _limit = officer.activities.settings()
    officer.activities.save_settings(kinds, rate, "none")
    officer.rewards.apply(rich[0], item)


def test_not_enough_points(officer) -> None:  # noqa: ANN001
    (v,) = add_volunteers(officer, 1)
    officer.points.bonus(v, 5, "表彰")
    item = officer.rewards.save_item(None, "毛巾", 10, 5, None)
    with pytest.raises(DomainError, match="积分不足"):
        officer.rewards.apply(v, item)
    assert officer.rewards.items()[0].stock == 5 and officer.rewards.rows() == []


def test_illegal_moves(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "毛巾", 10, 5, None)
    rid = officer.rewards.apply(rich[0], item)
    with pytest.raises(DomainError, match="不能发券"):
        officer.rewards.issue(rid)
    with pytest.raises(DomainError, match="不能核销"):
        officer.rewards.redeem(rid, "张", "超市")
    officer.rewards.approve(rid)
    with pytest.raises(DomainError, match="不能审批"):
        officer.rewards.approve(rid)


def test_only_the_officer_approves_and_revokes(officer, rich) -> None:  # noqa: ANN001
    item = officer.rewards.save_item(None, "毛巾", 10, 5, None)
    rid = officer.rewards.apply(rich[0], item)
    staff = Services(officer.ctx.sessions, actor(AccountRole.staff))
    worker = Services(officer.ctx.sessions, actor(AccountRole.grid_worker, (1,)))
    for who in (staff, worker):
        with pytest.raises(PermissionDenied):
            who.rewards.approve(rid)
        with pytest.raises(PermissionDenied):
            who.rewards.revoke(rid, "x")
        with pytest.raises(PermissionDenied):
            who.points.bonus(rich[0], 5, "表彰")
    with pytest.raises(PermissionDenied):
        worker.rewards.apply(rich[1], item)
    staff.rewards.apply(rich[1], item)


def test_four_desks_at_once_cannot_take_the_last_item_twice(officer, rich, db) -> None:  # noqa: ANN001
    from tests.conftest import run_desks

    item = officer.rewards.save_item(None, "最后一个保温杯", 10, 1, None)
    import itertools
    import threading

    turn, lock = itertools.count(), threading.Lock()

    def work(sv) -> None:  # noqa: ANN001 - each desk applies for another volunteer
        with lock:
            i = next(turn)
        sv.rewards.apply(rich[i % len(rich)], item)

    errors = run_desks(str(db.engine.url), officer.actor, {}, work)
    assert len(errors) == 3 and all(isinstance(e, DomainError) for e in errors)
    assert officer.rewards.items()[0].stock == 0 and len(officer.rewards.rows()) == 1
    assert officer.points.check() == []
