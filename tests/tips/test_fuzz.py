"""Random input into the tip intake, the search and the follow-up: only the project's own Chinese refusals,
never a crash, and a saved tip reads back as the service cleaned it."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policeroom.errors import DomainError
from policeroom.services.tips.types import TipFilter
from tests.tips.conftest import Room, tip_input

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
nasty = st.one_of(st.text(max_size=60), st.text(alphabet="张三\x00\u200b\ud800=+-@%_\\'\"\n\t 　１２", max_size=40),
                  st.text(min_size=190, max_size=4100))  # fmt: skip
DAY = datetime(2026, 11, 2, 9, 0)


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
@SETTINGS
@given(content=nasty, subject=nasty, place=nasty, name=nasty, phone=nasty, contact=nasty, amount=st.one_of(
    st.none(), st.integers(-10, 10**11)), anonymous=st.booleans())  # fmt: skip
def test_register_only_domain_errors(room: Room, content, subject, place, name, phone, contact, amount, anonymous) -> None:  # noqa: ANN001, E501
    data = tip_input(room, DAY, content=content, subject=subject, place=place, tipster_name=name, tipster_phone=phone,
                     contact=contact, amount=amount, anonymous=anonymous)  # fmt: skip
    try:
        intake = room.services.tips.register(data)
    except DomainError as e:
        assert e.message and not any("a" <= ch <= "z" for ch in e.message.replace("JB", ""))
        return
    row = room.services.tips.detail(intake.tip_id)
    assert row.content == data.content and len(row.content) <= 4000


@pytest.mark.today(datetime(2026, 11, 20, 9, 0))
@SETTINGS
@given(query=nasty)
def test_search_and_follow_up_only_domain_errors(room: Room, query: str) -> None:
    room.services.tips.rows(TipFilter(query=query))
    try:
        room.services.tips.follow_up(query)
    except DomainError as e:
        assert e.message
