"""The loop engine with a tiny fake kind: moves, lights in working hours over the Chinese calendar,
挂账/恢复, 延期, 返工, 督办 and its reply, counts. Time is passed in explicitly (``at=`` / ``now``):
time-machine is not installed in the shared environment yet."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, LoopState
from policeroom.services.core.context import Actor, ServiceContext
from policeroom.services.loop.engine import Loop, Matter, window
from policeroom.services.loop.kinds import Kind
from policeroom.services.loop.lights import Light, light
from policeroom.services.loop.moves import Move
from policeroom.services.loop.timeline import handler_counts, matter_counts, timeline
from policeroom.services.loop.timing import TimeType, add, measure
from policeroom.services.registry import Services
from tests.conftest import actor

#: a check that takes 30 working hours, then a closing check
FAKE = Kind(
    name="fake",
    label="核查",
    statuses={"new": "待核查", "checking": "核查中", "done": "待审核", "closed": "已办结"},
    steps={"new": "check", "checking": "check", "done": "close"},
    step_labels={"check": "核查", "close": "办结"},
    moves={
        "start": Move("start", "开始核查", ("new",), "checking"),
        "finish": Move("finish", "核查完毕", ("checking",), "done", refusals={"new": "还没有开始核查。"}),
        "close": Move("close", "办结", ("done",), "closed", roles=frozenset({AccountRole.officer})),
    },
    limits={"check": {"normal": 30}, "close": {"normal": 1}},
    time_types={"check": TimeType.working_hours, "close": TimeType.working_days},
    closing_status="done",
    rework_to="checking",
)
START = datetime(2024, 9, 30, 16, 0)  # Monday before the 2024 National Day holiday (10-1 … 10-7)
DUE = datetime(2024, 10, 12, 10, 0)  # Saturday 10-12 is a 调休 working day


def test_working_hours_skip_the_holiday_and_count_the_working_saturday() -> None:
    # 9-30: 1 h; 10-1…10-7 holiday; 10-8…10-11: 4 × 7 h = 28 h; Saturday 10-12 (调休): the last hour
    assert add(START, 30, TimeType.working_hours) == DUE
    assert measure(START, DUE, TimeType.working_hours) == pytest.approx(30)
    assert measure(datetime(2024, 10, 1, 9), datetime(2024, 10, 7, 17), TimeType.working_hours) == 0
    assert add(START, 3, TimeType.working_days) == datetime(2024, 10, 10, 16, 0)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2024, 10, 11, 10, 42), Light.green),  # 23.7 h of 30: 79 %
        (datetime(2024, 10, 11, 11, 0), Light.yellow),  # 24 h: 80 %
        (datetime(2024, 10, 5, 12, 0), Light.green),  # the holiday adds nothing
        (DUE, Light.yellow),  # 100 %
        (datetime(2024, 10, 12, 10, 18), Light.red),  # 30.3 h: 101 %
    ],
)
def test_lights_in_working_hours(now: datetime, expected: Light) -> None:
    assert light(START, DUE, now, TimeType.working_hours) == expected
    w = window(FAKE, Matter(1, "new", "normal", None, START), None)
    assert w is not None and w.due == DUE and w.light(now) == expected


@pytest.fixture
def loop_ctx(services: Services) -> ServiceContext:
    return ServiceContext(services.ctx.sessions)


def _loop(ctx: ServiceContext, role: AccountRole = AccountRole.officer) -> Loop:
    return Loop(FAKE, actor(role, name="王建军" if role == AccountRole.officer else "刘晓燕"))


def m(status: str = "checking", start: datetime = START) -> Matter:
    return Matter(7, status, "normal", None, start)


def test_moves_allowed_and_refused_in_chinese(loop_ctx: ServiceContext) -> None:
    officer, staff = _loop(loop_ctx), _loop(loop_ctx, AccountRole.staff)
    with loop_ctx.write() as s:
        officer.check(s, m("new"), "start")
        with pytest.raises(ValidationError, match="还没有开始核查"):
            officer.check(s, m("new"), "finish")
        with pytest.raises(ValidationError, match="该核查已办结，不能再办结"):
            officer.check(s, m("closed"), "close")
        with pytest.raises(PermissionDenied, match="只有社区民警可以办结"):
            staff.check(s, m("done"), "close")
        with pytest.raises(PermissionDenied, match="只有社区民警可以督办"):
            staff.supervise(s, m(), "请尽快", START)
        with pytest.raises(ValidationError, match="当前不能返工"):
            officer.rework(s, m("checking"), "不行", START)


def test_park_and_resume_shift_the_due_date(loop_ctx: ServiceContext) -> None:
    loop = _loop(loop_ctx)
    with loop_ctx.write() as s:
        loop.park(s, m(), "等待街道协调", datetime(2024, 10, 8, 9, 0))
        w = loop.window(m(), loop.state(s, 7))
        assert w.light(datetime(2024, 10, 20)) == Light.parked
        with pytest.raises(ValidationError, match="已挂账.*请先恢复再核查完毕"):
            loop.check(s, m(), "finish")
        with pytest.raises(ValidationError) as e:
            loop.park(s, m(), "再挂", datetime(2024, 10, 8, 10, 0))
        assert "已经挂账" in e.value.message
        with pytest.raises(ValidationError) as e:
            loop.park(s, m("new"), "", datetime(2024, 10, 8, 10, 0))
        loop.resume(s, m(), "", datetime(2024, 10, 10, 9, 0))  # 48 h parked
        w = loop.window(m(), loop.state(s, 7))
        assert w.due == DUE + timedelta(hours=48) and w.parked_at is None
        with pytest.raises(ValidationError, match="没有挂账"):
            loop.resume(s, m(), "", datetime(2024, 10, 10, 10, 0))
        assert matter_counts(timeline(s, "fake", 7, {})).parked == 1


def test_extension_approved_and_refused(loop_ctx: ServiceContext) -> None:
    officer, staff = _loop(loop_ctx), _loop(loop_ctx, AccountRole.staff)
    at = datetime(2024, 10, 9, 9, 0)
    with loop_ctx.write() as s:
        with pytest.raises(ValidationError) as e:
            staff.ask_extension(s, m(), DUE, "配件未到", at)
        assert e.value.field == "new_due" and "应晚于现在的期限" in e.value.message
        with pytest.raises(ValidationError) as e:
            staff.ask_extension(s, m(), DUE + timedelta(days=2), "  ", at)
        assert (e.value.field, e.value.message) == ("extension_reason", "请填写延期理由")
        staff.ask_extension(s, m(), DUE + timedelta(days=2), "配件未到", at)
        with pytest.raises(PermissionDenied):
            staff.decide_extension(s, m(), True, "", at)
        with pytest.raises(ValidationError, match="请填写不批准的理由"):
            officer.decide_extension(s, m(), False, "", at)
        officer.decide_extension(s, m(), False, "可以先处置", at)
        assert officer.window(m(), officer.state(s, 7)).due == DUE
        with pytest.raises(ValidationError, match="没有待审批"):
            officer.decide_extension(s, m(), True, "", at)
        staff.ask_extension(s, m(), DUE + timedelta(days=2), "配件仍未到", at)
        officer.decide_extension(s, m(), True, "", at)
        assert officer.window(m(), officer.state(s, 7)).due == DUE + timedelta(days=2)
        c = matter_counts(timeline(s, "fake", 7, {}))
        assert (c.extension_asked, c.extended) == (2, 1)


def test_rework_restarts_the_step_and_is_counted(officer: Services, loop_ctx: ServiceContext) -> None:
    loop = _loop(loop_ctx)
    back = datetime(2024, 10, 14, 9, 0)
    done = Matter(7, "done", "normal", officer.actor.member_id, START)
    with loop_ctx.write() as s:
        with pytest.raises(ValidationError, match="请填写返工原因"):
            loop.rework(s, done, "", back)
        loop.rework(s, done, "核查不彻底", back)
        w = loop.window(m(), loop.state(s, 7))
        assert w.start == back and w.due == add(back, 30, TimeType.working_hours)
        items = timeline(s, "fake", 7, {})
        assert [(e.move, e.from_status, e.to_status, e.label) for e in items] == [("rework", "done", "checking", "返工")]
        assert matter_counts(items).reworked == 1


def test_supervise_and_reply(loop_ctx: ServiceContext) -> None:
    officer = _loop(loop_ctx)
    other = Actor(account_id=None, name="李明", role=AccountRole.grid_worker, member_id=99)
    handler = Loop(FAKE, other)  # a grid worker who is not this matter's handler
    late = datetime(2024, 10, 14, 9, 0)
    with loop_ctx.write() as s:
        with pytest.raises(ValidationError, match="请填写督办要求"):
            officer.supervise(s, m(), " ", late)
        sid = officer.supervise(s, m(), "请今天内办完", late)
        with pytest.raises(PermissionDenied, match="只有处置人"):
            handler.reply(s, m(), sid, "已办", late)
        officer.reply(s, m(), sid, "已上门核查", late + timedelta(hours=2))
        with pytest.raises(ValidationError, match="已经回复过"):
            officer.reply(s, m(), sid, "再回复", late + timedelta(hours=3))
        items = timeline(s, "fake", 7, {})
        pressed = items[0]
        assert pressed.label == "督办" and pressed.extra["light"] == "red"
        assert pressed.reply == ("已上门核查", late + timedelta(hours=2))
        c = matter_counts(items)
        assert (c.supervised, c.unanswered) == (1, 0)


def test_finished_steps_are_counted_per_handler(officer: Services, loop_ctx: ServiceContext) -> None:
    from sqlalchemy import select

    from policeroom.models import LoopEvent

    loop = _loop(loop_ctx)
    me = officer.actor.member_id
    with loop_ctx.write() as s:
        for mid, at in ((1, DUE - timedelta(hours=1)), (2, DUE + timedelta(hours=1))):
            mm = Matter(mid, "checking", "normal", me, START)
            loop.record(s, mm, "finish", at, "", to_status="done", window=loop.window(mm, None))
        loop.supervise(s, Matter(2, "checking", "normal", me, START), "快", DUE)
        counts = handler_counts(s, "fake", select(LoopEvent.matter_id))
    assert counts[me].steps_on_time == 1 and counts[me].steps_late == 1 and counts[me].supervised == 1


TYPES = st.sampled_from(list(TimeType))
STARTS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 1)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=60, deadline=None)
@given(start=STARTS, a=st.integers(1, 60), b=st.integers(1, 60), tt=TYPES)
def test_due_is_monotone_in_the_limit(start: datetime, a: int, b: int, tt: TimeType) -> None:
    small, big = sorted((a, b))
    assert add(start, small, tt) <= add(start, big, tt)
    assert add(start, small, tt) >= start


@settings(max_examples=60, deadline=None)
@given(start=STARTS, seconds=st.integers(0, 30 * 86400), tt=TYPES)
def test_parking_shifts_the_due_date_by_the_time_parked(start: datetime, seconds: int, tt: TimeType) -> None:
    kind = Kind("p", "事项", {"open": "办理中"}, {"open": "do"}, {"do": "办理"}, {}, {"do": {"n": 5}}, {"do": tt})
    matter = Matter(1, "open", "n", None, start)
    plain = window(kind, matter, None)
    parked = window(kind, matter, LoopState(kind="p", matter_id=1, step="do", parked_seconds=seconds))
    assert plain is not None and parked is not None
    assert parked.due - plain.due == timedelta(seconds=seconds)
    assert parked.start - plain.start == timedelta(seconds=seconds)
