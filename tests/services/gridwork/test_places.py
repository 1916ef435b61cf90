"""场所 and 巡查: validation, grids, the checklist, failed items to events, the due list, the due rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, EventSource, EventStatus, Frequency
from policeroom.services.gridwork.due import add_period, next_due, occurrences
from policeroom.services.gridwork.places import PlaceInput, TickInput, due_by_worker
from policeroom.services.registry import Services
from tests.services.gridwork.conftest import as_
from tests.timing import frozen

TODAY = datetime(2026, 11, 18, 10, 0)  # a Wednesday
pytestmark = pytest.mark.today(TODAY)


def kinds(sv: Services) -> dict[str, int]:
    return {n: i for i, n in sv.places.kinds()}


@pytest.fixture
def places(room: Services) -> Services:
    k = kinds(room)
    with frozen(datetime(2026, 9, 1, 9, 0)):
        room.ids["rental"] = room.places.create(
            PlaceInput(room.ids["g1"], k["出租屋"], "3号楼201出租屋", "3号楼201")
        )
        room.ids["school"] = room.places.create(
            PlaceInput(room.ids["g1"], k["学校"], "安华里小学", "安华路1号")
        )
        room.ids["shop"] = room.places.create(
            PlaceInput(room.ids["g2"], k["“三小”场所"], "小超市", "5号楼底商")
        )
    return room


def test_place_form_is_validated_in_chinese(room: Services) -> None:
    with pytest.raises(ValidationError) as e:
        room.places.create(PlaceInput(None, None, " ", phone="电话abc"))
    errors = e.value.errors  # type: ignore[attr-defined]
    assert errors["grid_id"] == "请选择场所所在网格" and errors["kind_id"] == "请选择场所类型"
    assert errors["name"] == "请填写场所名称" and "phone" in errors
    w2 = as_(room, AccountRole.grid_worker, (room.ids["g2"],), member="w2")
    with pytest.raises(ValidationError, match="本人负责网格"):
        w2.places.create(PlaceInput(room.ids["g1"], kinds(room)["出租屋"], "别人的出租屋"))


def test_grid_workers_see_and_inspect_only_their_grid(places: Services) -> None:
    w2 = as_(places, AccountRole.grid_worker, (places.ids["g2"],), member="w2")
    assert [p.name for p in w2.places.places()] == ["小超市"]
    with pytest.raises(PermissionDenied):
        w2.places.record_inspection(places.ids["rental"], TODAY, [])
    with pytest.raises(PermissionDenied):
        w2.places.due_list(places.ids["w1"])


def test_inspection_ticks_the_kinds_items_and_a_failed_one_becomes_an_event_once(places: Services) -> None:
    items = places.places.items(kinds(places)["出租屋"])
    school_item = places.places.items(kinds(places)["学校"])[0]
    with pytest.raises(ValidationError) as e:
        places.places.record_inspection(
            places.ids["rental"], TODAY, [TickInput(items[0].id, False)], inspector_id=places.ids["w1"]
        )
    assert e.value.errors[f"tick.{items[0].id}"] == "不合格的项目请写明问题"  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="不属于该场所类型"):
        places.places.record_inspection(
            places.ids["rental"], TODAY, [TickInput(school_item.id, True)], inspector_id=places.ids["w1"]
        )
    ticks = [TickInput(items[0].id, False, "新租户未登记")] + [TickInput(i.id, True) for i in items[1:]]
    places.places.record_inspection(
        places.ids["rental"], TODAY - timedelta(hours=1), ticks, inspector_id=places.ids["w1"]
    )
    [row] = places.places.inspections(places.ids["rental"])
    assert row.failed == 1 and row.inspector == "张秀兰"
    failed = next(t for t in row.ticks if not t.ok)
    with pytest.raises(ValidationError, match="合格的项目不需要"):
        places.places.event_from_tick(next(t for t in row.ticks if t.ok).id)
    eid = places.places.event_from_tick(failed.id)
    d = places.grid_events.get(eid)
    assert (
        d.source == EventSource.patrol_check
        and d.status == EventStatus.reported
        and d.place == "3号楼201出租屋"
    )
    assert "新租户未登记" in d.description and d.reporter == "张秀兰" and d.inspection_id == row.id
    assert places.places.inspections(places.ids["rental"])[0].ticks[0].event_number == d.number
    with pytest.raises(ValidationError, match="已转为网格事件"):
        places.places.event_from_tick(failed.id)


def test_due_list_per_grid_worker(places: Services) -> None:
    k = kinds(places)
    rental_items = places.places.items(k["出租屋"])
    school_items = places.places.items(k["学校"])
    # the rental checked a month ago on 18 October: every monthly item due today; quarterly not yet
    places.places.record_inspection(places.ids["rental"], datetime(2026, 10, 18, 10, 0),
                                    [TickInput(i.id, True) for i in rental_items], inspector_id=places.ids["w1"])  # fmt: skip
    # the school: weekly items checked on 13 November (due 20th, this week), monthly ones never (overdue)
    weekly = [i for i in school_items if i.frequency == Frequency.weekly]
    places.places.record_inspection(places.ids["school"], datetime(2026, 11, 13, 10, 0),
                                    [TickInput(i.id, True) for i in weekly], inspector_id=places.ids["w1"])  # fmt: skip
    due = {d.place: d for d in places.places.due_list(places.ids["w1"])}
    assert due["3号楼201出租屋"].when == "today" and due["3号楼201出租屋"].due == date(2026, 11, 18)
    assert "有无群租、改变房屋结构" not in due["3号楼201出租屋"].items  # quarterly: due in January
    assert due["安华里小学"].when == "overdue" and due["安华里小学"].due == date(2026, 9, 1)
    assert set(due) == {"3号楼201出租屋", "安华里小学"}  # 小超市 is 李海涛's
    board = {w.name: w for w in due_by_worker(places.places)}
    assert (board["张秀兰"].overdue, board["张秀兰"].today, board["张秀兰"].week) == (1, 1, 0)
    assert board["李海涛"].overdue == 1
    w1 = as_(places, AccountRole.grid_worker, (places.ids["g1"],), member="w1")
    assert [w.name for w in due_by_worker(w1.places)] == ["张秀兰"]


def test_checklists_are_the_officers(room: Services) -> None:
    staff = as_(room, AccountRole.staff)
    k = kinds(room)
    with pytest.raises(PermissionDenied):
        staff.places.save_item(None, k["出租屋"], "燃气管道是否老化", Frequency.monthly)
    item = room.places.save_item(None, k["出租屋"], "燃气管道是否老化", Frequency.quarterly)
    assert any(i.id == item and i.frequency_label == "每季度" for i in room.places.items(k["出租屋"]))
    with pytest.raises(ValidationError, match="已有同名"):
        room.places.save_kind(None, "学校")
    new_kind = room.places.save_kind(None, "养老机构")
    assert (new_kind, "养老机构") in room.places.kinds()
    assert room.history("inspection_item", item)


def test_add_period_and_next_due() -> None:
    assert add_period(date(2026, 1, 31), Frequency.monthly) == date(2026, 2, 28)
    assert add_period(date(2026, 11, 30), Frequency.quarterly) == date(2027, 2, 28)
    assert add_period(date(2026, 12, 28), Frequency.weekly) == date(2027, 1, 4)
    assert next_due(None, date(2026, 9, 1), Frequency.yearly) == date(2026, 9, 1)


def test_occurrences_in_a_month() -> None:
    nov, end = date(2026, 11, 1), date(2026, 11, 30)
    # weekly, checked 3 and 12 November and never after: due 1, 10, 19, 26 -> 4 due, 2 done
    assert occurrences(
        Frequency.weekly, date(2026, 1, 1), None, [date(2026, 11, 3), date(2026, 11, 12)], nov, end
    ) == (4, 2)
    # monthly, last checked 20 October: due once on 20 November, checked early on 5 November
    assert occurrences(
        Frequency.monthly, date(2026, 1, 1), date(2026, 10, 20), [date(2026, 11, 5)], nov, end
    ) == (1, 1)
    # quarterly, checked in September: not due in November at all
    assert occurrences(Frequency.quarterly, date(2026, 1, 1), date(2026, 9, 10), [], nov, end) == (0, 0)


@given(
    freq=st.sampled_from(list(Frequency)),
    before=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2026, 10, 31))),
    days=st.lists(st.integers(0, 29), max_size=8),
)
def test_done_never_exceeds_due(freq: Frequency, before: date | None, days: list[int]) -> None:
    checks = sorted(date(2026, 11, 1) + timedelta(days=d) for d in days)
    due, done = occurrences(freq, date(2025, 1, 1), before, checks, date(2026, 11, 1), date(2026, 11, 30))
    assert 0 <= done <= due
    if checks and due:
        assert done >= 1
