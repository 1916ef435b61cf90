"""延期理由, 挂账原因 and 作废原因 longer than their 200 characters are refused with a Chinese message,
never cut (before: ``reason[:200]`` stored a truncated reason without a word)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policeroom.errors import ValidationError
from policeroom.models import LoopState, Status
from policeroom.models.requests import AssistanceRequest
from policeroom.services.core.text import column_limit
from policeroom.services.loop.engine import REASON_LIMIT
from policeroom.services.registry import Services
from policeroom.services.requests.service import VOID_REASON_LIMIT
from tests.services.requests.test_request_loop import room_now_minus
from tests.services.requests.test_requests import T0, move_to, register, room  # noqa: F401

LONG = "等待街道协调" * 34  # 204 characters


def test_limits_are_the_columns() -> None:
    assert REASON_LIMIT == column_limit(LoopState.asked_reason) == column_limit(LoopState.park_reason) == 200
    assert VOID_REASON_LIMIT == column_limit(AssistanceRequest.void_reason) == 200


def test_long_park_reason_refused_not_cut(room: Services) -> None:  # noqa: F811
    rid = register(room)
    move_to(room, rid, Status.dispatched)
    with pytest.raises(ValidationError) as e:
        room.requests.park(rid, LONG, at=T0 + timedelta(hours=2))
    assert e.value.field == "park_reason" and "不能超过200个字" in e.value.message and "204" in e.value.message
    assert room.requests.get(rid).park_reason == ""  # nothing saved
    exact = "等" * 200
    room.requests.park(rid, exact, at=T0 + timedelta(hours=2))
    assert room.requests.get(rid).park_reason == exact


def test_long_extension_reason_refused(room: Services) -> None:  # noqa: F811
    rid = register(room, received_at=room_now_minus(room, hours=2))
    due = room.requests.get(rid).step_due
    with pytest.raises(ValidationError) as e:
        room.requests.ask_extension(rid, due + timedelta(hours=8), LONG)
    assert e.value.field == "extension_reason" and "不能超过200个字" in e.value.message
    room.requests.ask_extension(rid, due + timedelta(hours=8), "求" * 200)


def test_long_void_reason_refused(room: Services) -> None:  # noqa: F811
    rid = register(room)
    with pytest.raises(ValidationError) as e:
        room.requests.void(rid, LONG)
    assert e.value.field == "void_reason" and "作废原因不能超过200个字" in e.value.message
    assert room.requests.get(rid).status == Status.registered
    room.requests.void(rid, "重" * 200)
    d = room.requests.get(rid)
    assert d.status == Status.voided and d.void_reason == "重" * 200


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(n=st.integers(min_value=1, max_value=400))
def test_any_length_is_kept_whole_or_refused(room: Services, n: int) -> None:  # noqa: F811
    rid = register(room)
    reason = "因" * n
    try:
        room.requests.void(rid, reason)
    except ValidationError:
        assert n > 200 and room.requests.get(rid).status == Status.registered
    else:
        assert n <= 200 and room.requests.get(rid).void_reason == reason
