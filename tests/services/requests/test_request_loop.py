"""Requests as the loop engine's first kind: 督办 and reply, 挂账/恢复, 延期, 返工, permissions, 考核 counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, Satisfaction, Status
from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from policeroom.services.requests.service import RequestFilter
from tests.conftest import actor
from tests.services.requests.test_requests import T0, move_to, register, room  # noqa: F401


def as_(sv: Services, role: AccountRole, grids: tuple[int, ...] = ()) -> Services:
    other = Services(sv.ctx.sessions, actor(role, grids))
    other.ids = sv.ids
    return other


def test_timeline_keeps_every_step_with_statuses(room: Services) -> None:  # noqa: F811
    rid = register(room)
    move_to(room, rid, Status.closed)
    d = room.requests.get(rid, now=T0 + timedelta(hours=6))
    assert [(e.move, e.from_status, e.to_status) for e in d.timeline] == [
        ("register", None, "registered"), ("dispatch", "registered", "dispatched"),
        ("handle", "dispatched", "handling"), ("feedback", "handling", "fed_back"),
        ("visit", "fed_back", "visited"), ("close", "visited", "closed"),
    ]  # fmt: skip
    assert [e.label for e in d.events][:2] == ["登记", "派遣"]


def test_supervise_and_reply(room: Services) -> None:  # noqa: F811
    rid = register(room)
    move_to(room, rid, Status.dispatched)
    with pytest.raises(PermissionDenied, match="只有社区民警可以督办"):
        as_(room, AccountRole.staff).requests.supervise(rid, "请尽快处置")
    sid = room.requests.supervise(rid, "请今天上门处置")
    d = room.requests.get(rid)
    assert d.counts.supervised == 1 and [e.id for e in d.unanswered] == [sid]
    room.requests.reply_supervision(rid, sid, "已联系物业，明早维修")
    d = room.requests.get(rid)
    assert d.unanswered == () and d.timeline[-1].label == "回复督办"
    assert next(e for e in d.timeline if e.id == sid).reply[0] == "已联系物业，明早维修"


def test_park_stops_the_clock_and_resume_shifts_the_due(room: Services) -> None:  # noqa: F811
    rid = register(room)
    move_to(room, rid, Status.dispatched)  # handle step: 24 h from T0 + 1 h
    due = room.requests.get(rid).step_due
    with pytest.raises(PermissionDenied):
        as_(room, AccountRole.grid_worker, (room.ids["g1"],)).requests.park(rid, "等待")
    with pytest.raises(ValidationError) as e:
        room.requests.park(rid, "")
    assert (e.value.field, e.value.message) == ("park_reason", "请填写挂账原因")
    room.requests.park(rid, "等待物业配件", at=T0 + timedelta(hours=2))
    d = room.requests.get(rid, now=T0 + timedelta(days=5))
    assert d.light == Light.parked and d.park_reason == "等待物业配件"
    assert room.requests.count(RequestFilter(overdue_only=True), now=T0 + timedelta(days=5)) == 0
    with pytest.raises(ValidationError, match="已挂账.*请先恢复"):
        room.requests.add_action(rid, T0 + timedelta(hours=3), None, "处置")
    room.requests.resume(rid, at=T0 + timedelta(hours=12))
    d = room.requests.get(rid, now=T0 + timedelta(hours=13))
    assert d.step_due == due + timedelta(hours=10) and d.light == Light.green
    room.requests.add_action(rid, T0 + timedelta(hours=14), None, "已维修")
    assert room.requests.get(rid).counts.parked == 1


def test_extension_ask_and_decide(room: Services) -> None:  # noqa: F811
    rid = register(room, received_at=room_now_minus(room, hours=2))
    due = room.requests.get(rid).step_due
    staff = as_(room, AccountRole.staff)
    staff.requests.ask_extension(rid, due + timedelta(hours=8), "求助人不在家")
    with pytest.raises(PermissionDenied):
        staff.requests.decide_extension(rid, True)
    room.requests.decide_extension(rid, True)
    d = room.requests.get(rid)
    assert d.step_due == due + timedelta(hours=8) and d.counts.extended == 1 and d.asked_due is None


def room_now_minus(sv: Services, hours: int):  # noqa: ANN201
    from policeroom.services.core import clock

    return clock.now_minute() - timedelta(hours=hours)


def test_rework_at_the_closing_check(room: Services) -> None:  # noqa: F811
    rid = register(room)
    with pytest.raises(ValidationError, match="当前不能返工"):
        room.requests.rework(rid, "没解决")
    move_to(room, rid, Status.visited)
    with pytest.raises(PermissionDenied):
        as_(room, AccountRole.grid_worker, (room.ids["g1"],)).requests.rework(rid, "没解决")
    room.requests.rework(rid, "回访说漏水仍在", at=T0 + timedelta(hours=5))
    d = room.requests.get(rid, now=T0 + timedelta(hours=6))
    assert d.status == Status.handling and d.step == "feedback" and d.counts.reworked == 1
    assert d.step_due == T0 + timedelta(hours=5 + 72)  # the step restarts at the rework
    room.requests.feedback(rid, T0 + timedelta(hours=7), "再次维修后已不漏")
    room.requests.visit(rid, T0 + timedelta(hours=8), "上门回访", Satisfaction.satisfied)
    room.requests.close(rid, at=T0 + timedelta(hours=9))
    rows = room.requests.assessment(date(2026, 11, 1), date(2026, 11, 30))
    worker = next(r for r in rows if r.member_id == room.ids["w1"])
    assert worker.reworked == 1 and worker.steps_on_time >= 4 and worker.steps_late == 0


def test_grid_worker_cannot_oversee_another_grid(room: Services) -> None:  # noqa: F811
    rid = register(room)
    move_to(room, rid, Status.dispatched)
    sid = room.requests.supervise(rid, "请尽快")
    other = as_(room, AccountRole.grid_worker, (room.ids["g2"],))
    with pytest.raises(PermissionDenied):
        other.requests.reply_supervision(rid, sid, "好的")
