"""Participation moves: every legal and illegal step, caps, the 30-minute flag, overlap and insurance."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from policeroom.errors import DomainError, ValidationError
from policeroom.models import PartStatus
from policeroom.services.activities.rules import MOVES, check_move
from tests.activities.conftest import activity_input, add_volunteers

DAY = datetime(2026, 11, 20)
pytestmark = pytest.mark.today(datetime(2026, 11, 20, 22, 0))


def at(h: int, m: int = 0) -> datetime:
    return DAY.replace(hour=h, minute=m)


def _activity(officer, place, start=None, end=None, **kw):  # noqa: ANN001, ANN202
    return officer.activities.create(activity_input(place, start or at(9), end or at(11), **kw))


def test_the_whole_path_confirms_hours_and_points(officer, place) -> None:  # noqa: ANN001
    aid = _activity(officer, place)
    v = place.volunteers[0]
    pid = officer.participation.apply(aid, v)
    officer.participation.accept(pid)
    officer.participation.sign_in(pid, at(9, 5))
    officer.participation.sign_out(pid, at(11, 0))
    officer.participation.record_minutes(pid)
    (row,) = officer.participation.rows(aid)
    assert (row.status, row.actual_minutes, row.counted_minutes, row.flagged) == ("pending", 115, 115, False)
    officer.participation.confirm(pid)
    st = officer.points.standing(v)
    assert st.minutes == 115 and st.points == 19  # 115 min = 1.9 points at 1 point an hour
    with pytest.raises(DomainError, match="已确认"):
        officer.participation.confirm(pid)
    assert officer.points.standing(v).minutes == 115


def test_cap_and_flag(officer, place) -> None:  # noqa: ANN001
    aid = _activity(officer, place, at(9), at(10), cap_minutes=45)
    pid = officer.participation.apply(aid, place.volunteers[0])
    officer.participation.accept(pid)
    officer.participation.record_minutes(pid, 100)  # entered by the organiser from the paper sheet
    (row,) = officer.participation.rows(aid)
    assert row.actual_minutes == 100 and row.counted_minutes == 45 and row.flagged  # 100 > 60 + 30
    officer.participation.record_minutes(pid, 90)  # corrected before confirmation: not flagged at +30 exactly
    (row,) = officer.participation.rows(aid)
    assert row.counted_minutes == 45 and not row.flagged


def test_overlap_is_refused(officer, place) -> None:  # noqa: ANN001
    a1 = _activity(officer, place, at(9), at(11))
    a2 = _activity(officer, place, at(10, 30), at(12))
    a3 = _activity(officer, place, at(11), at(12))  # touching ends do not overlap
    v = place.volunteers[0]
    officer.participation.apply(a1, v)
    with pytest.raises(DomainError, match="时间重叠"):
        officer.participation.apply(a2, v)
    officer.participation.apply(a3, v)
    officer.participation.apply(a2, place.volunteers[1])


def test_one_participation_per_person(officer, place) -> None:  # noqa: ANN001
    aid = _activity(officer, place)
    officer.participation.apply(aid, place.volunteers[0])
    with pytest.raises(DomainError, match="每人每个活动只有一条"):
        officer.participation.apply(aid, place.volunteers[0])


def test_risky_activity_takes_only_the_insured(officer, place) -> None:  # noqa: ANN001
    (uninsured,) = add_volunteers(officer, 1, insured_until=None)
    (lapsed,) = add_volunteers(officer, 1, insured_until=date(2026, 11, 19))
    aid = _activity(officer, place, risky=True)
    for v in (uninsured, lapsed):
        with pytest.raises(DomainError, match="第十七条"):
            officer.participation.apply(aid, v)
    officer.participation.apply(aid, place.volunteers[0])


def test_role_needs_fill_up(officer, place) -> None:  # noqa: ANN001
    aid = _activity(officer, place, needs="治安员:1;宣传员:2")
    with pytest.raises(ValidationError):
        officer.participation.apply(aid, place.volunteers[0], "调解员")
    p1 = officer.participation.apply(aid, place.volunteers[0], "治安员")
    p2 = officer.participation.apply(aid, place.volunteers[1], "治安员")
    officer.participation.accept(p1)
    with pytest.raises(DomainError, match="已满"):
        officer.participation.accept(p2)
    officer.participation.reject(p2)


ACTIONS = {
    PartStatus.accepted: lambda sv, pid: sv.participation.accept(pid),
    PartStatus.rejected: lambda sv, pid: sv.participation.reject(pid),
    PartStatus.signed_in: lambda sv, pid: sv.participation.sign_in(pid, at(9, 0)),
    PartStatus.signed_out: lambda sv, pid: sv.participation.sign_out(pid, at(10, 30)),
    PartStatus.pending: lambda sv, pid: sv.participation.record_minutes(pid, 60),
    PartStatus.confirmed: lambda sv, pid: sv.participation.confirm(pid),
    PartStatus.absent: lambda sv, pid: sv.participation.absent(pid),
    PartStatus.voided: lambda sv, pid: sv.participation.void(pid, "登记错误"),
}
#: how to bring a participation to each status from 报名
PATHS = {
    PartStatus.applied: [],
    PartStatus.accepted: [PartStatus.accepted],
    PartStatus.rejected: [PartStatus.rejected],
    PartStatus.signed_in: [PartStatus.accepted, PartStatus.signed_in],
    PartStatus.signed_out: [PartStatus.accepted, PartStatus.signed_in, PartStatus.signed_out],
    PartStatus.pending: [PartStatus.accepted, PartStatus.pending],
    PartStatus.confirmed: [PartStatus.accepted, PartStatus.pending, PartStatus.confirmed],
    PartStatus.absent: [PartStatus.accepted, PartStatus.absent],
    PartStatus.voided: [PartStatus.voided],
}


@pytest.mark.parametrize("start", list(PartStatus), ids=lambda s: s.value)
def test_every_move_from_every_status(officer, place, start) -> None:  # noqa: ANN001
    """From each status every move is tried: the allowed ones go through, the others are refused and change nothing."""
    people = add_volunteers(officer, len(ACTIONS))
    for target, volunteer in zip(ACTIONS, people, strict=True):
        aid = _activity(officer, place)
        pid = officer.participation.apply(aid, volunteer)
        for step in PATHS[start]:
            ACTIONS[step](officer, pid)
        before = officer.participation.rows(aid)[0]
        assert before.status == start.value
        if check_move(start, target) is None:
            ACTIONS[target](officer, pid)
            assert officer.participation.rows(aid)[0].status == target.value
        else:
            with pytest.raises(DomainError):
                ACTIONS[target](officer, pid)
            assert officer.participation.rows(aid)[0] == before


def test_moves_table_has_every_status() -> None:
    assert set(MOVES) == set(PartStatus)
