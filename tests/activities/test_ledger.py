"""The ledger pattern: idempotent operation keys, reversal, never below zero, balance = sum of entries.

Hypothesis runs random sequences of operations against a real migrated database and keeps a model of
what the balances must be; run with ``-s`` to see the example count it printed.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from policeroom.errors import DomainError
from policeroom.models import HoursEntry, PointsEntry
from policeroom.services.activities import ledger
from tests.activities.conftest import add_volunteers

EXAMPLES = 80
_seen = {"examples": 0, "ops": 0}

op = st.one_of(
    st.tuples(st.just("post"), st.integers(0, 1), st.integers(-30, 40), st.integers(0, 7)),
    st.tuples(st.just("reverse"), st.integers(0, 20), st.just(0), st.just(0)),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), model=st.sampled_from([PointsEntry, HoursEntry]))
def test_random_sequences_keep_the_books(officer, ops, model) -> None:  # noqa: ANN001
    people = add_volunteers(officer, 2)
    tag = f"{people[0]}"
    balances = {v: 0 for v in people}
    keys: dict[str, tuple[int, int]] = {}  # op key -> (volunteer, amount) of its first entry
    entries: list[tuple[int, int, int]] = []  # (id, volunteer, amount) of plain entries
    reversed_: set[int] = set()
    for kind, who, amount, key_no in ops:
        if kind == "post":
            vid, key = people[who], f"t{tag}:{key_no}"
            expected_ok = (key in keys and keys[key] == (vid, amount)) or (
                key not in keys and balances[vid] + amount >= 0
            )
            try:
                with officer.ctx.write() as s:
                    e = ledger.post(s, model, vid, key, amount, kind="test", summary="测试", actor=officer.actor)
                    eid = e.id
            except DomainError:
                assert not expected_ok
                continue
            assert expected_ok
            if key not in keys:
                keys[key] = (vid, amount)
                balances[vid] += amount
                entries.append((eid, vid, amount))
        elif entries:
            eid, vid, amount = entries[who % len(entries)]
            expected_ok = eid not in reversed_ and balances[vid] - amount >= 0
            try:
                with officer.ctx.write() as s:
                    ledger.reverse(s, model, eid, "更正", actor=officer.actor)
            except DomainError:
                assert not expected_ok
                continue
            assert expected_ok
            reversed_.add(eid)
            balances[vid] -= amount
        _seen["ops"] += 1
    with officer.ctx.read() as s:
        for vid, bal in balances.items():
            assert ledger.balance(s, model, vid) == bal >= 0
            assert s.scalar(select(func.coalesce(func.sum(model.amount), 0)).where(model.volunteer_id == vid)) == bal
        assert ledger.check(s) == []
    _seen["examples"] += 1


def teardown_module() -> None:
    print(f"\nledger hypothesis: {_seen['examples']} examples, {_seen['ops']} operations applied")


def test_check_finds_a_balance_edited_outside_the_program(officer) -> None:  # noqa: ANN001
    (v,) = add_volunteers(officer, 1)
    with officer.ctx.write() as s:
        ledger.post(s, PointsEntry, v, "a", 50, kind="earn", summary="活动", actor=officer.actor)
        ledger.post(s, PointsEntry, v, "b", -20, kind="redeem", summary="兑换", actor=officer.actor)
    assert officer.points.check() == []
    with officer.ctx.write() as s:  # someone edits the file by hand
        s.execute(text("UPDATE points_entry SET balance_after = 99 WHERE op_key = 'b'"))
    (problem,) = officer.points.check()
    assert problem.ledger == "积分台账" and problem.volunteer_id == v


def test_same_key_twice_does_nothing_and_other_amount_is_refused(officer) -> None:  # noqa: ANN001
    (v,) = add_volunteers(officer, 1)
    with officer.ctx.write() as s:
        first = ledger.post(s, PointsEntry, v, "k", 30, kind="earn", summary="活动", actor=officer.actor).id
    with officer.ctx.write() as s:
        assert ledger.post(s, PointsEntry, v, "k", 30, kind="earn", summary="活动", actor=officer.actor).id == first
        with pytest.raises(DomainError, match="已用于另一笔"):
            ledger.post(s, PointsEntry, v, "k", 31, kind="earn", summary="活动", actor=officer.actor)


def test_reversal_needs_a_reason_and_happens_once(officer) -> None:  # noqa: ANN001
    from policeroom.errors import ValidationError

    (v,) = add_volunteers(officer, 1)
    with officer.ctx.write() as s:
        eid = ledger.post(s, PointsEntry, v, "k", 30, kind="earn", summary="活动", actor=officer.actor).id
    with pytest.raises(ValidationError):
        officer.points.reverse(eid, "  ")
    rid = officer.points.reverse(eid, "录错了")
    with pytest.raises(DomainError, match="已经冲正"):
        officer.points.reverse(eid, "再来一次")
    with pytest.raises(DomainError, match="不能再冲正"):
        officer.points.reverse(rid, "冲正的冲正")
    assert officer.points.standing(v).points == 0


def test_never_below_zero(officer) -> None:  # noqa: ANN001
    (v,) = add_volunteers(officer, 1)
    officer.points.bonus(v, 2, "表彰")
    with pytest.raises(DomainError, match="积分不足"):
        officer.points.bonus(v, -2.5, "扣减")
    officer.points.bonus(v, -2, "扣减")
    assert officer.points.standing(v).points == 0
