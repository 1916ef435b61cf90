"""群众求助: the closed loop's state machine, time checks, deadlines, numbering, search, figures."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, Channel, MemberRole, Satisfaction, Status, Urgency
from policeroom.services.core.forms import errors_of
from policeroom.services.core.workdays import add_working_days, calendar_warning
from policeroom.services.loop.lights import Light
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.rules import ALLOWED_FROM, RequestRules
from policeroom.services.requests.service import RequestFilter, RequestInput
from tests.conftest import actor, run_desks
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)

T0 = datetime(2026, 11, 2, 9, 0)  # a Monday


@pytest.fixture
def room(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="一网格"))
    g2 = officer.grids.create(GridInput(code="WG02", name="二网格"))
    w1 = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    w2 = officer.team.create(MemberInput(name="李海涛", role=MemberRole.grid_worker, grid_ids=[g2]))
    zs = officer.residents.create(ResidentInput(name="张三", phone="13800000000", address="安华里3号楼", grid_id=g1))
    officer.ids = {"g1": g1, "g2": g2, "w1": w1, "w2": w2, "zs": zs, "officer": officer.actor.member_id}
    return officer


def register(sv: Services, **kw) -> int:  # noqa: ANN003
    data = dict(
        received_at=T0, channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
        description="楼上漏水，请帮忙联系物业", receiver_id=sv.ids["officer"], resident_id=sv.ids["zs"],
    )
    data.update(kw)
    return sv.requests.create(RequestInput(**data))


def move_to(sv: Services, rid: int, status: Status) -> None:
    """Walk a request along the loop up to ``status``."""
    path = [Status.dispatched, Status.handling, Status.fed_back, Status.visited, Status.closed]
    if status in (Status.referred, Status.voided):
        (sv.requests.refer(rid, "物业", at=T0 + timedelta(hours=1)) if status == Status.referred
         else sv.requests.void(rid, "重复登记"))
        return
    steps = {
        Status.dispatched: lambda: sv.requests.dispatch(rid, sv.ids["w1"], at=T0 + timedelta(hours=1)),
        Status.handling: lambda: sv.requests.add_action(rid, T0 + timedelta(hours=2), None, "联系物业上门维修"),
        Status.fed_back: lambda: sv.requests.feedback(rid, T0 + timedelta(hours=3), "已修好，告知求助人"),
        Status.visited: lambda: sv.requests.visit(rid, T0 + timedelta(hours=4), "电话回访", Satisfaction.satisfied),
        Status.closed: lambda: sv.requests.close(rid, at=T0 + timedelta(hours=5)),
    }
    for s in path[: path.index(status) + 1] if status in path else []:
        steps[s]()


ACTIONS = {
    "dispatch": lambda sv, rid: sv.requests.dispatch(rid, sv.ids["w2"], at=T0 + timedelta(hours=6)),
    "handle": lambda sv, rid: sv.requests.add_action(rid, T0 + timedelta(hours=6), None, "再次上门"),
    "feedback": lambda sv, rid: sv.requests.feedback(rid, T0 + timedelta(hours=6), "结果"),
    "visit": lambda sv, rid: sv.requests.visit(rid, T0 + timedelta(hours=6), "上门回访", Satisfaction.fairly),
    "close": lambda sv, rid: sv.requests.close(rid, at=T0 + timedelta(hours=6)),
    "refer": lambda sv, rid: sv.requests.refer(rid, "城管", at=T0 + timedelta(hours=6)),
    "void": lambda sv, rid: sv.requests.void(rid, "误登记"),
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_move_from_every_state(room: Services, status: Status, action: str) -> None:
    rid = register(room)
    move_to(room, rid, status)
    assert room.requests.get(rid).status == status
    if status in ALLOWED_FROM[action]:
        ACTIONS[action](room, rid)
        assert room.requests.get(rid).status != status or action in ("dispatch", "handle")
    else:
        with pytest.raises(ValidationError) as err:
            ACTIONS[action](room, rid)
        assert err.value.message  # a sentence, in Chinese
        assert room.requests.get(rid).status == status  # nothing changed


def test_closing_before_feedback_says_why(room: Services) -> None:
    rid = register(room)
    move_to(room, rid, Status.handling)
    with pytest.raises(ValidationError, match="尚未向求助人反馈结果，不能办结"):
        room.requests.close(rid, at=T0 + timedelta(hours=6))


def test_times_must_follow_the_loop(room: Services) -> None:
    rid = register(room)
    with pytest.raises(ValidationError, match="派遣时间不能早于登记的求助时间"):
        room.requests.dispatch(rid, room.ids["w1"], at=T0 - timedelta(minutes=1))
    room.requests.dispatch(rid, room.ids["w1"], at=T0 + timedelta(hours=1))
    with pytest.raises(ValidationError, match="处置时间不能早于派遣时间"):
        room.requests.add_action(rid, T0 + timedelta(minutes=30), None, "x")
    with pytest.raises(ValidationError, match="处置时间不能晚于现在"):
        room.requests.add_action(rid, datetime.now() + timedelta(hours=1), None, "x")
    room.requests.add_action(rid, T0 + timedelta(hours=3), None, "上门")
    with pytest.raises(ValidationError, match="反馈时间不能早于最后一次处置时间"):
        room.requests.feedback(rid, T0 + timedelta(hours=2), "好了")


def test_registration_validation(room: Services) -> None:
    with pytest.raises(ValidationError) as err:
        room.requests.create(RequestInput(
            received_at=datetime.now() + timedelta(days=1), channel=Channel.phone, category="不存在的类别",
            urgency=Urgency.urgent, description=" ", receiver_id=None, requester_phone="12",
            occurred_at=datetime.now() + timedelta(days=2),
        ))
    assert set(errors_of(err.value)) == {
        "received_at", "category", "description", "receiver_id", "requester_name", "requester_phone", "occurred_at",
    }
    with pytest.raises(ValidationError) as err:
        register(room, resident_id=None, anonymous=True)
    assert set(errors_of(err.value)) == {"anonymous_reason"}
    rid = register(room, resident_id=None, anonymous=True, anonymous_reason="担心报复")
    assert room.requests.get(rid).anonymous
    assert room.requests.count() == 1  # the failed saves took no number and left nothing


def test_numbers_run_per_year_without_gaps(room: Services) -> None:
    a = register(room)
    with pytest.raises(ValidationError):
        register(room, description="")  # a failed save takes no number
    b = register(room)
    c = register(room, received_at=datetime(2025, 12, 31, 23, 0))
    assert [room.requests.get(i).number for i in (a, b, c)] == ["QZ2026-000001", "QZ2026-000002", "QZ2025-000001"]


def test_numbering_under_concurrent_saves(tmp_path, room: Services) -> None:  # noqa: ANN001
    """Four desks (separate connections) saving at the same moment never share or skip a number."""
    url = room.ctx.sessions.kw["bind"].url.render_as_string(hide_password=False)
    assert run_desks(url, room.actor, room.ids, lambda sv: [register(sv) for _ in range(10)]) == []
    numbers = sorted(r.number for r in room.requests.rows(room.requests.ids()))
    assert numbers == [f"QZ2026-{i:06d}" for i in range(1, 41)]


def test_visit_due_in_three_working_days_across_national_day() -> None:
    # Feedback on Wed 30 Sep 2026: 1-7 Oct are holidays, Thu 8, Fri 9 and the 调休 Saturday 10 Oct work.
    assert add_working_days(datetime(2026, 9, 30, 10, 0), 3) == datetime(2026, 10, 10, 10, 0)
    # Mid-autumn: Thu 24 Sep -> Mon 28, Tue 29, Wed 30.
    assert add_working_days(datetime(2026, 9, 24, 15, 0), 3) == datetime(2026, 9, 30, 15, 0)
    assert calendar_warning(date(2026, 5, 1)) is None


def test_unknown_year_counts_weekends_and_warns() -> None:
    assert add_working_days(datetime(2027, 1, 1, 9, 0), 3) == datetime(2027, 1, 6, 9, 0)  # Fri -> Mon,Tue,Wed
    assert "2027年" in (calendar_warning(date(2027, 1, 1)) or "")


def test_step_due_and_lights(room: Services) -> None:
    """Green below 80 % of the step's limit, yellow up to the due date, red past it (the loop's lights)."""
    rid = register(room, received_at=T0, urgency=Urgency.urgent)
    d = room.requests.get(rid, now=T0 + timedelta(minutes=30))
    assert (d.step, d.step_due, d.light, d.overdue) == ("dispatch", T0 + timedelta(hours=1), Light.green, False)
    assert room.requests.get(rid, now=T0 + timedelta(minutes=48)).light == Light.yellow  # 80 %
    assert room.requests.get(rid, now=T0 + timedelta(minutes=60)).light == Light.yellow  # 100 %
    assert room.requests.get(rid, now=T0 + timedelta(minutes=90)).light == Light.red
    assert room.requests.get(rid, now=T0 + timedelta(hours=3)).overdue
    rules = room.requests.rules()
    rules.limits["dispatch"]["urgent"] = 2
    room.requests.save_rules(rules)
    assert room.requests.get(rid, now=T0 + timedelta(minutes=90)).light == Light.green


def test_visit_deadline_and_calendar(room: Services) -> None:
    rid = register(room, received_at=datetime(2026, 9, 30, 8, 0))
    room.requests.dispatch(rid, room.ids["w1"], at=datetime(2026, 9, 30, 8, 30))
    room.requests.add_action(rid, datetime(2026, 9, 30, 9, 0), None, "处理")
    room.requests.feedback(rid, datetime(2026, 9, 30, 10, 0), "已解决")
    d = room.requests.get(rid, now=datetime(2026, 10, 9, 12, 0))
    assert d.step == "visit" and d.step_due == datetime(2026, 10, 10, 10, 0) and d.overdue == 0


@pytest.fixture
def searchable(room: Services) -> Services:
    ou = room.residents.create(ResidentInput(name="欧阳娜娜", phone="13912345678", grid_id=room.ids["g2"]))
    dan = room.residents.create(ResidentInput(name="单田芳", grid_id=room.ids["g2"]))
    room.search = {
        "zs": register(room),
        "ou": register(room, resident_id=ou, description="老人走失，穿蓝色外套", category="走失人员", urgency=Urgency.critical),
        "dan": register(room, resident_id=dan, description="咨询身份证补办", category="证件咨询"),
        "anon": register(room, resident_id=None, anonymous=True, anonymous_reason="不愿透露", description="噪声扰民"),
    }
    return room


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("张", {"zs"}),  # 1 character
        ("张三", {"zs"}),  # 2 characters
        ("欧阳娜娜", {"ou"}),  # 3+ characters (trigram)
        ("走失", {"ou"}),
        ("蓝色外套", {"ou"}),
        ("zs", {"zs"}),  # pinyin initials
        ("stf", {"dan"}),  # 单 read shan
        ("oynn", {"ou"}),
        ("1391234", {"ou"}),  # phone fragment
        ("QZ2026-000003", {"dan"}),
        ("000003", {"dan"}),
        ("补办 身份证", {"dan"}),  # every term must match
        ("噪声", {"anon"}),
        ("没有这个", set()),
        ('"', set()),
        ("'", set()),
    ],
)
def test_search(searchable: Services, query: str, keys: set[str]) -> None:
    found = set(searchable.requests.ids(RequestFilter(query=query)))
    assert found == {searchable.search[k] for k in keys}
    # The fast path (registration order, straight from the index) agrees with the general query.
    assert set(searchable.requests.ids(RequestFilter(query=query), sort="received_at")) == found
    assert searchable.requests.ids(RequestFilter(query=query), limit=1, offset=0) == sorted(found, reverse=True)[:1]
    assert searchable.requests.count(RequestFilter(query=query)) == len(keys)


def test_search_follows_edits(searchable: Services) -> None:
    rid = searchable.search["zs"]
    assert searchable.requests.ids(RequestFilter(query="漏水")) == [rid]
    searchable.requests.dispatch(rid, searchable.ids["w1"], at=T0 + timedelta(hours=1))
    searchable.requests.add_action(rid, T0 + timedelta(hours=2), None, "联系物业")
    searchable.requests.feedback(rid, T0 + timedelta(hours=3), "已更换水管阀门")
    assert searchable.requests.ids(RequestFilter(query="水管阀门")) == [rid]


def test_filters(searchable: Services) -> None:
    s = searchable
    s.requests.dispatch(s.search["ou"], s.ids["w2"], at=T0 + timedelta(minutes=5))
    assert s.requests.ids(RequestFilter(urgency=Urgency.critical)) == [s.search["ou"]]
    assert set(s.requests.ids(RequestFilter(statuses=(Status.registered,)))) == {
        s.search["zs"], s.search["dan"], s.search["anon"]}
    assert s.requests.ids(RequestFilter(assignee_id=s.ids["w2"])) == [s.search["ou"]]
    assert set(s.requests.ids(RequestFilter(grid_id=s.ids["g2"]))) == {s.search["ou"], s.search["dan"]}
    assert s.requests.count(RequestFilter(overdue_only=True), now=T0 + timedelta(minutes=10)) == 0
    assert s.requests.count(RequestFilter(overdue_only=True), now=T0 + timedelta(days=1)) == 4
    assert s.requests.ids(RequestFilter(category="证件咨询", date_from=date(2026, 11, 2), date_to=date(2026, 11, 2))) == [
        s.search["dan"]]
    assert s.requests.ids(RequestFilter(date_from=date(2026, 11, 3))) == []
    assert s.requests.ids(sort="number", descending=False)[0] == s.search["zs"]


def test_rows_show_anonymous_and_overdue(searchable: Services) -> None:
    rows = {r.id: r for r in searchable.requests.rows(searchable.requests.ids(), now=T0 + timedelta(days=1))}
    anon = rows[searchable.search["anon"]]
    assert anon.requester == "（匿名）" and anon.phone == ""
    assert rows[searchable.search["ou"]].light == Light.red


def test_grid_worker_sees_own_grid_and_own_assignments(searchable: Services) -> None:
    s = searchable
    s.requests.dispatch(s.search["dan"], s.ids["w1"], at=T0 + timedelta(minutes=5))
    s.sign_in(actor(AccountRole.grid_worker, (s.ids["g1"],)))
    object.__setattr__(s.ctx.actor, "member_id", s.ids["w1"])
    visible = set(s.requests.ids())
    assert visible == {s.search["zs"], s.search["dan"]}
    with pytest.raises(PermissionDenied):
        s.requests.get(s.search["ou"])


def test_dashboard_counts(searchable: Services) -> None:
    s = searchable
    s.requests.dispatch(s.search["zs"], s.ids["officer"], at=T0 + timedelta(minutes=5))
    counts = s.requests.dashboard(now=T0 + timedelta(minutes=20))
    assert (counts.open, counts.mine, counts.overdue, counts.visits_due) == (4, 1, 1, 0)  # 特急 undispatched


def test_assessment(room: Services) -> None:
    fast = register(room)
    move_to(room, fast, Status.closed)
    slow = register(room, received_at=T0)
    room.requests.dispatch(slow, room.ids["w1"], at=T0 + timedelta(hours=10))  # dispatch limit 4 h
    room.requests.add_action(slow, T0 + timedelta(hours=11), None, "处理")
    room.requests.feedback(slow, T0 + timedelta(hours=12), "好了")
    room.requests.visit(slow, T0 + timedelta(hours=13), "电话回访", Satisfaction.unsatisfied)
    room.requests.close(slow, at=T0 + timedelta(hours=14))
    rows = room.requests.assessment(date(2026, 11, 1), date(2026, 11, 30))
    assert len(rows) == 1
    r = rows[0]
    assert (r.name, r.handled, r.closed, r.closed_on_time, r.visited, r.satisfied, r.unsatisfied) == (
        "张秀兰", 2, 2, 1, 2, 1, 1)
    assert r.on_time_rate == 0.5 and r.satisfaction_rate == 0.5
    assert r.average_hours("dispatch") == pytest.approx(5.5)


def test_rules_validation(room: Services) -> None:
    with pytest.raises(ValidationError):
        room.requests.save_rules(RequestRules(categories=[]))
    room.sign_in(actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        room.requests.save_rules(RequestRules())


def test_history_of_a_request(room: Services) -> None:
    rid = register(room)
    move_to(room, rid, Status.dispatched)
    hist = room.history("assistance_request", rid)
    assert [h.action for h in hist] == ["修改", "新建"]
    assert {c.field for c in hist[0].changes} >= {"状态", "处置人", "派遣时间"}


def test_grid_worker_without_team_member_sees_no_unassigned_requests(searchable: Services) -> None:
    s = searchable
    s.sign_in(actor(AccountRole.grid_worker, (s.ids["g1"],)))  # member_id None
    assert set(s.requests.ids()) == {s.search["zs"]}  # the grid's own only, not every unassigned one


def test_due_on_filter(searchable: Services) -> None:
    s = searchable
    # Registered 2 Nov 09:00: 一般 due 13:00, 特急 (走失) due 09:15, both on 2 Nov.
    assert set(s.requests.ids(RequestFilter(due_on=date(2026, 11, 2)))) == set(s.search.values())
    assert s.requests.ids(RequestFilter(due_on=date(2026, 11, 3))) == []


def test_requester_typed_in_is_added_to_the_resident_index(room: Services) -> None:
    from policeroom.services.people.residents import ResidentInput  # noqa: F401 - the index is what we check

    rid = register(room, resident_id=None, requester_name="赵六", requester_phone="13700000000",
                   requester_address="安华里5号楼", grid_id=room.ids["g1"], add_to_index=True)
    linked = room.requests.get(rid).resident_id
    assert linked is not None and room.residents.get(linked).name == "赵六"
    again = register(room, resident_id=None, requester_name="赵六", requester_phone="13700000000", add_to_index=True)
    assert room.requests.get(again).resident_id == linked  # same name and phone: not doubled
    with pytest.raises(ValidationError) as e:
        register(room, resident_id=None, requester_name="钱七", requester_phone="13800", add_to_index=True)
    assert "requester_phone" in errors_of(e.value)
    anon = register(room, resident_id=None, requester_name="", anonymous=True, anonymous_reason="怕报复",
                    add_to_index=True)
    assert room.requests.get(anon).resident_id is None
