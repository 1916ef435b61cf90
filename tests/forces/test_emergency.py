"""Emergency units: members with posts, on-post check-in, drills against the rings, the printed record."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from policeroom.errors import DomainError, PermissionDenied, ValidationError
from policeroom.models import AccountRole
from policeroom.reports.forces.drill import drill_pdf
from policeroom.services.core.context import ServiceContext
from policeroom.services.forces.emergency import EmergencyService
from policeroom.services.forces.rings import duration_text, evaluate_rings, parse_duration
from policeroom.services.forces.types import ArrivalInput, DrillInput, MemberInput, UnitInput
from tests.conftest import actor
from tests.forces.helpers import grid, resident

pytestmark = pytest.mark.today(datetime(2026, 11, 20, 10, 0))


def _unit(services, g: int | None = None, name: str = "安华市场应急单元") -> tuple[int, list[int]]:  # noqa: ANN001
    people = [resident(services, n, g) for n in ("张保安", "李店主", "王网格")]
    uid = services.emergency.save_unit(None, UnitInput(name=name, kind="市场", site="安华市场", grid_id=g, members=[
        MemberInput(people[0], "门岗"), MemberInput(people[1], "消防器材岗"), MemberInput(people[2], "疏散引导")]))
    return uid, [m.id for m in services.emergency.members(uid)]


def test_rings_at_their_edges() -> None:
    met = [r.met for r in evaluate_rings([60, 180, 300])]
    assert met == [True, True, True, None, None]
    met = [r.met for r in evaluate_rings([61, 181, 301], 601, 1201)]
    assert met == [False, False, False, False, False]
    # one person alone cannot give mutual aid: the 3-minute ring needs a second arrival
    assert [r.met for r in evaluate_rings([30])][:3] == [True, False, True]
    one = evaluate_rings([30, None])
    assert [r.met for r in one][:3] == [True, False, False]
    assert one[2].seconds is None  # not everyone arrived
    assert [r.met for r in evaluate_rings([40, 150, 290], 540, 1100)] == [True] * 5


@given(st.lists(st.one_of(st.none(), st.integers(0, 3600)), min_size=1, max_size=12))
def test_rings_follow_the_sorted_arrivals(times: list[int | None]) -> None:
    rings = evaluate_rings(times)
    arrived = sorted(t for t in times if t is not None)
    assert rings[0].met == (bool(arrived) and arrived[0] <= 60)
    assert rings[1].met == (len(arrived) >= 2 and arrived[1] <= 180)
    assert rings[2].met == (len(arrived) == len(times) and arrived[-1] <= 300)


@given(st.integers(0, 5999))
def test_durations_read_back(seconds: int) -> None:
    m, s = divmod(seconds, 60)
    assert parse_duration(f"{m}:{s:02d}") == seconds
    assert parse_duration(f"{m}分{s}秒") == seconds
    assert parse_duration(str(seconds)) == seconds
    text = duration_text(seconds)
    assert parse_duration(text) == seconds


def test_duration_refusals() -> None:
    assert parse_duration("") is None and parse_duration("未到") is None
    for bad in ("abc", "1:75", "两分钟"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_check_in_and_out_and_who_is_on_post(services) -> None:  # noqa: ANN001
    uid, (a, b, c) = _unit(services)
    services.emergency.check_in(a, datetime(2026, 11, 20, 8, 0))
    services.emergency.check_in(b, datetime(2026, 11, 20, 9, 0))
    with pytest.raises(DomainError, match="已在岗"):
        services.emergency.check_in(a)
    with pytest.raises(DomainError, match="不在岗"):
        services.emergency.check_out(c)
    services.emergency.check_out(b, datetime(2026, 11, 20, 9, 30))
    now = services.emergency.on_post_now()
    assert [(u.unit, [n for n, _p, _t in u.on_post], u.members) for u in now] == [("安华市场应急单元", ["张保安"], 3)]
    assert services.emergency.units()[0].on_post == 1
    with pytest.raises(DomainError, match="早于签到"):
        services.emergency.check_out(a, datetime(2026, 11, 20, 7, 0))


def test_forgotten_check_out_stops_counting_after_a_day(services) -> None:  # noqa: ANN001
    _uid, (a, _b, _c) = _unit(services)
    services.emergency.check_in(a, datetime(2026, 11, 19, 8, 0))
    assert services.emergency.on_post_now()[0].on_post == []


def test_drill_saved_judged_and_printed(services) -> None:  # noqa: ANN001
    from policeroom.services.core.settings import RoomSettings

    uid, _ = _unit(services)
    form = services.emergency.blank_drill(uid)
    assert [a.name for a in form.arrivals] == ["张保安", "李店主", "王网格"]
    form.held_at, form.scenario, form.organiser = datetime(2026, 11, 18, 15, 0), "市场内商铺起火", "王建军"
    for a, t in zip(form.arrivals, (45, 230, 280), strict=True):
        a.seconds = t
    form.problems = "消防器材岗距离远，3分钟内只到1人"
    did = services.emergency.save_drill(None, form)
    d = services.emergency.drill(did)
    assert [r.met for r in d.rings] == [True, False, True, None, None]
    assert services.emergency.drills(uid)[0].rings.startswith("1分钟✓ 3分钟✗ 5分钟✓")
    assert services.emergency.drill_on("安华市场应急单元", date(2026, 11, 18)) == did
    pdf = drill_pdf(d, RoomSettings(room_name="安华里社区警务室"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("拉动测试记录", "安华市场应急单元", "市场内商铺起火", "张保安", "45秒", "3分50秒", "未达标",
                     "消防器材岗距离远", "王建军"):
        assert expected in text, expected
    assert text.count("未达标") == 1


def test_drill_validation(services) -> None:  # noqa: ANN001
    uid, _ = _unit(services)
    with pytest.raises(ValidationError) as err:
        services.emergency.save_drill(None, DrillInput(unit_id=uid, held_at=datetime(2026, 11, 21, 9, 0), scenario="",
                                                       arrivals=[ArrivalInput("张", "", 99999)]))  # fmt: skip
    assert set(err.value.errors) == {"held_at", "scenario", "arrivals"}


def test_unit_members_validation_and_leaving(services) -> None:  # noqa: ANN001
    uid, (a, _b, _c) = _unit(services)
    p = resident(services, "赵六")
    with pytest.raises(ValidationError, match="重复"):
        services.emergency.save_unit(uid, UnitInput(name="安华市场应急单元", kind="市场",
                                                    members=[MemberInput(p, "门岗"), MemberInput(p, "巡逻")]))  # fmt: skip
    with pytest.raises(ValidationError, match="场所类别"):
        services.emergency.save_unit(None, UnitInput(name="新单元", kind="火星"))
    services.emergency.check_in(a)
    data = services.emergency.unit(uid)
    data.members = data.members[1:]  # 张保安 leaves the unit: checked out, kept for old drills
    services.emergency.save_unit(uid, data)
    assert [m.name for m in services.emergency.members(uid)] == ["李店主", "王网格"]
    assert services.emergency.on_post_now()[0].on_post == []


def test_grid_workers_keep_units_of_their_grids(db, services) -> None:  # noqa: ANN001
    g1, g2 = grid(services, "WG01", "一网格"), grid(services, "WG02", "二网格")
    _u1, (m1, _, _) = _unit(services, g1, "一网格单元")
    _u2, (m2, _, _) = _unit(services, g2, "二网格单元")
    worker = EmergencyService(ServiceContext(db.sessions, actor(AccountRole.grid_worker, (g1,))))
    worker.check_in(m1)
    with pytest.raises(PermissionDenied):
        worker.check_in(m2)
    with pytest.raises(ValidationError, match="本人负责网格"):
        worker.save_unit(None, UnitInput(name="三", kind="市场", grid_id=g2))
    with pytest.raises(PermissionDenied):
        worker.archive_unit(_u1)
    assert [u.unit for u in worker.on_post_now()] == ["一网格单元"]
    assert [u.name for u in worker.units()] == ["一网格单元"]
    with pytest.raises(PermissionDenied):
        worker.members(_u2)
