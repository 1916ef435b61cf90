"""The year-end list (年终未服务名单) reads the hours ledger: hours confirmed this year keep a volunteer
off it; hours of last year, a 往年结转 and hours reversed to nothing do not."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from policeroom.models import HoursEntry
from policeroom.services.activities import ledger
from policeroom.services.registry import Services
from tests.activities.conftest import Place

pytestmark = pytest.mark.today(datetime(2026, 12, 20, 10, 0))


def _post(sv: Services, vid: int, key: str, minutes: int, at: datetime, kind: str = "confirm") -> int:
    with sv.ctx.write() as s:
        entry = ledger.post(s, HoursEntry, vid, key, minutes, kind=kind, summary="测试", actor=sv.actor)
        entry.at = at
        return entry.id


def test_year_end_list_follows_the_hours_ledger(officer: Services, place: Place) -> None:
    this_year, last_year, carried, reversed_ = place.volunteers
    _post(officer, this_year, "a", 120, datetime(2026, 6, 1, 9))
    _post(officer, last_year, "b", 600, datetime(2025, 6, 1, 9))
    _post(officer, carried, "c", 600, datetime(2026, 3, 1, 9), kind="carry")
    _post(officer, reversed_, "d", 60, datetime(2026, 5, 1, 9))
    _post(officer, reversed_, "e", -60, datetime(2026, 5, 2, 9), kind="reversal")

    listed = {row.id for row in officer.volunteers.without_hours(2026, as_of=date(2026, 12, 31))}

    assert this_year not in listed
    assert {last_year, carried, reversed_} <= listed
