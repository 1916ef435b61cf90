"""网格事件 on the loop engine: every move, legal and illegal, permissions, links, numbering."""

from __future__ import annotations

from datetime import timedelta

import pytest

from policeroom.errors import PermissionDenied, ValidationError
from policeroom.models import AccountRole, EventStatus
from policeroom.services.gridwork.types import EventFilter, PhotoInput
from policeroom.services.loop.lights import Light
from policeroom.services.registry import Services
from tests.services.gridwork.conftest import T0, as_, report, walk

pytestmark = pytest.mark.today(T0 + timedelta(days=1))

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def test_report_numbers_by_year_and_keeps_photos(room: Services) -> None:
    a = report(room)
    b = report(room, description="电动车楼道充电")
    d = room.grid_events.get(a)
    assert (d.number, room.grid_events.get(b).number) == ("SJ2026-000001", "SJ2026-000002")
    assert d.status == EventStatus.reported and d.step == "立案" and d.reporter == "张秀兰"
    pid = room.grid_events.add_photo(a, PhotoInput("现场.png", PNG))
    assert room.grid_events.photo(pid) == ("现场.png", "image/png", PNG)
    with pytest.raises(ValidationError, match="只能添加"):
        room.grid_events.add_photo(a, PhotoInput("x.txt", b"hello"))
    assert [t.label for t in room.grid_events.get(a).timeline] == ["上报"]


def test_form_validation_in_chinese(room: Services) -> None:
    with pytest.raises(ValidationError) as e:
        report(room, description=" ", category_id=None, found_at=T0 + timedelta(days=5))
    errors = e.value.errors  # type: ignore[attr-defined]
    assert errors["description"] == "请填写事件描述"
    assert errors["category_id"] == "请从列表中选择事件类别"
    assert errors["found_at"] == "发现时间不能晚于现在"


def test_main_path_to_closed_with_timeline(room: Services) -> None:
    eid = report(room)
    walk(room, eid, "closed")
    d = room.grid_events.get(eid)
    assert d.status == EventStatus.closed and d.light == Light.none and d.handler == "张秀兰"
    assert [(t.move, t.from_status, t.to_status) for t in d.timeline] == [
        ("report", None, "reported"), ("register", "reported", "registered"),
        ("dispatch", "registered", "dispatched"), ("handle", "dispatched", "handled"),
        ("feedback", "handled", "fed_back"), ("close", "fed_back", "closed"),
    ]  # fmt: skip
    assert d.moves == []


@pytest.mark.parametrize(
    ("status", "move", "message"),
    [
        ("reported", "dispatch", "尚未立案"),
        ("reported", "handle", "自行处置"),
        ("registered", "handle", "尚未派遣"),
        ("registered", "register", "当前不能立案"),
        ("dispatched", "feedback", "尚未处置"),
        ("handled", "close", "尚未反馈"),
        ("closed", "handle", "已结案，不能再处置"),
        ("registered", "self_handle", "已立案"),
    ],
)
def test_illegal_moves_are_refused_with_reasons(room: Services, status: str, move: str, message: str) -> None:
    eid = report(room)
    if status != "reported":
        walk(room, eid, status)
    at = T0 + timedelta(hours=6)
    calls = {
        "dispatch": lambda: room.grid_events.dispatch(eid, room.ids["w1"], at=at),
        "handle": lambda: room.grid_events.handle(eid, "处置", at=at),
        "register": lambda: room.grid_events.register(eid, at=at),
        "feedback": lambda: room.grid_events.feedback(eid, "反馈", at=at),
        "close": lambda: room.grid_events.close(eid, at=at),
        "self_handle": lambda: room.grid_events.self_handle(eid, "现场处理", at=at),
    }
    with pytest.raises(ValidationError, match=message):
        calls[move]()
    assert room.grid_events.get(eid).status == EventStatus(status)


def test_reject_needs_a_reason_and_ends_the_event(room: Services) -> None:
    eid = report(room)
    with pytest.raises(ValidationError, match="请填写不立案的理由"):
        room.grid_events.reject(eid, "  ")
    room.grid_events.reject(eid, "重复上报", at=T0 + timedelta(hours=1))
    d = room.grid_events.get(eid)
    assert d.status == EventStatus.rejected and d.rejected_reason == "重复上报" and d.moves == []


def test_self_handle_closes_at_once_and_counts_as_registered(room: Services) -> None:
    w1 = as_(room, AccountRole.grid_worker, (room.ids["g1"],), member="w1")
    eid = report(w1)
    w1.grid_events.self_handle(eid, "当场劝离并清理", at=T0 + timedelta(minutes=20))
    d = room.grid_events.get(eid)
    assert d.status == EventStatus.closed and d.self_handled and d.registered_at is not None
    assert d.handler == "张秀兰" and d.timeline[-1].label == "自行处置"
    assert room.grid_events.count(EventFilter(self_handled_only=True)) == 1


def test_desk_moves_are_the_desks_and_grid_workers_stay_in_their_grid(room: Services) -> None:
    eid = report(room)
    w1 = as_(room, AccountRole.grid_worker, (room.ids["g1"],), member="w1")
    w2 = as_(room, AccountRole.grid_worker, (room.ids["g2"],), member="w2")
    with pytest.raises(PermissionDenied, match="只有社区民警或社区工作人员可以立案"):
        w1.grid_events.register(eid)
    with pytest.raises(PermissionDenied):
        w2.grid_events.get(eid)
    with pytest.raises(ValidationError, match="本人负责网格"):
        report(w2)
    assert w2.grid_events.search_ids(EventFilter()) == []
    walk(room, eid, "dispatched")
    w1.grid_events.handle(eid, "已清理", at=T0 + timedelta(hours=3))
    with pytest.raises(PermissionDenied, match="核查结案"):
        w1.grid_events.feedback(eid, "已告知", at=T0 + timedelta(hours=4)) or w1.grid_events.close(eid)


def test_check_fails_into_rework_then_closes(room: Services) -> None:
    eid = report(room)
    walk(room, eid, "fed_back")
    with pytest.raises(PermissionDenied):
        as_(room, AccountRole.grid_worker, (room.ids["g1"],), member="w1").grid_events.rework(
            eid, "没清理干净"
        )
    room.grid_events.rework(eid, "复核仍有杂物", at=T0 + timedelta(hours=6))
    d = room.grid_events.get(eid)
    assert d.status == EventStatus.dispatched and d.step == "处置" and d.step_start == T0 + timedelta(hours=6)
    with pytest.raises(ValidationError, match="不能早于"):
        room.grid_events.handle(eid, "再清理", at=T0 + timedelta(hours=5))
    room.grid_events.handle(eid, "再次清理", at=T0 + timedelta(hours=7))
    room.grid_events.feedback(eid, "已告知", at=T0 + timedelta(hours=8))
    room.grid_events.close(eid, at=T0 + timedelta(hours=9))
    moves = [t.move for t in room.grid_events.get(eid).timeline]
    assert moves.count("rework") == 1 and moves[-1] == "close"


def test_supervise_extension_park_resume(room: Services) -> None:
    eid = report(room)
    walk(room, eid, "dispatched")
    staff = as_(room, AccountRole.staff)
    with pytest.raises(PermissionDenied, match="只有社区民警可以督办"):
        staff.grid_events.supervise(eid, "尽快")
    sid = room.grid_events.supervise(eid, "今天处理完", at=T0 + timedelta(hours=3))
    assert room.grid_events.get(eid).open_supervisions == [sid]
    w1 = as_(room, AccountRole.grid_worker, (room.ids["g1"],), member="w1")
    w1.grid_events.reply_supervision(eid, sid, "正在联系物业", at=T0 + timedelta(hours=4))
    due = room.grid_events.get(eid).due
    w1.grid_events.ask_extension(eid, due + timedelta(days=2), "物业周末不上班", at=T0 + timedelta(hours=4))
    with pytest.raises(PermissionDenied, match="只有社区民警可以批准延期"):
        staff.grid_events.decide_extension(eid, True)
    room.grid_events.decide_extension(eid, True, at=T0 + timedelta(hours=5))
    assert room.grid_events.get(eid).due == due + timedelta(days=2)
    with pytest.raises(PermissionDenied):
        w1.grid_events.park(eid, "等待")
    room.grid_events.park(eid, "等待城管处理", at=T0 + timedelta(hours=5))
    d = room.grid_events.get(eid)
    assert d.parked and d.light == Light.parked
    with pytest.raises(ValidationError, match="已挂账"):
        room.grid_events.handle(eid, "处置", at=T0 + timedelta(hours=6))
    room.grid_events.resume(eid, at=T0 + timedelta(hours=7))
    assert room.grid_events.get(eid).due == due + timedelta(days=2, hours=2)
    assert room.grid_events.count(EventFilter(parked_only=True)) == 0


def test_dispute_event_to_ledger_once(room: Services) -> None:
    from policeroom.services.mediation.types import PartyInput

    eid = report(room, category_id=room.ids["矛盾纠纷"], description="两户因漏水争吵")
    other = report(room)
    with pytest.raises(ValidationError, match="只有矛盾纠纷类"):
        room.grid_events.draft_dispute(other, room.disputes.dispute_types())
    draft = room.grid_events.draft_dispute(eid, room.disputes.dispute_types())
    assert "两户因漏水争吵" in draft.summary and draft.grid_id == room.ids["g1"]
    draft.parties = [PartyInput(name="王五"), PartyInput(name="赵六")]
    entry_id = room.grid_events.to_dispute(eid, draft)
    d = room.grid_events.get(eid)
    assert (
        d.dispute_id == entry_id
        and d.dispute_number.startswith("JF2026")
        and d.timeline[-1].move == "to_dispute"
    )
    with pytest.raises(ValidationError, match="已转入"):
        room.grid_events.to_dispute(eid, draft)


def test_request_becomes_an_event(room: Services) -> None:
    from policeroom.models import Channel, Urgency
    from policeroom.services.requests.types import RequestInput

    rid = room.requests.create(RequestInput(
        received_at=T0, channel=Channel.phone, category=room.requests.rules().categories[0], urgency=Urgency.urgent,
        description="小区门口路灯不亮", receiver_id=room.ids["officer"], requester_name="周七", grid_id=room.ids["g1"],
    ))  # fmt: skip
    draft = room.grid_events.draft_from_request(rid)
    draft.category_id = room.ids["治安隐患"]
    eid = room.grid_events.create(draft)
    d = room.grid_events.get(eid)
    assert d.request_number.startswith("QZ2026") and "路灯" in d.description and d.urgency == Urgency.urgent
    with pytest.raises(ValidationError, match="已转为网格事件"):
        room.grid_events.draft_from_request(rid)


def test_tip_seam(room: Services) -> None:
    from policeroom.models import EventSource
    from policeroom.services.gridwork.types import EventInput

    data = EventInput(source=EventSource.patrol_check, category_id=room.ids["治安隐患"], grid_id=room.ids["g1"],
                      found_at=T0, description="举报：地下室有人聚赌", reporter_id=room.ids["w1"])  # fmt: skip
    eid = room.grid_events.from_tip("XS2026-000003", data)
    d = room.grid_events.get(eid)
    assert d.tip_ref == "XS2026-000003" and d.source == EventSource.tip
    with pytest.raises(ValidationError, match="已转为网格事件"):
        room.grid_events.from_tip("XS2026-000003", data)


def test_every_write_is_in_the_history(room: Services) -> None:
    eid = report(room)
    walk(room, eid, "dispatched")
    items = room.history("grid_event", eid)
    assert (
        items and items[0].action in ("create", "新建") or any(i.action in ("create", "新建") for i in items)
    )
    assert len(items) >= 3


def test_search_filter_sort(room: Services) -> None:
    a = report(room, description="楼道堆物")
    b = report(
        room, description="路灯损坏", category_id=room.ids["治安隐患"], found_at=T0 + timedelta(hours=1)
    )
    walk(room, b, "registered", start=T0 + timedelta(hours=1))
    ge = room.grid_events
    assert ge.search_ids(EventFilter(query="路灯")) == [b]
    assert ge.search_ids(EventFilter(query="张秀兰")) == [b, a]
    assert ge.search_ids(EventFilter(category_id=room.ids["消防隐患"])) == [a]
    assert ge.search_ids(EventFilter(statuses=(EventStatus.registered,))) == [b]
    assert ge.search_ids(EventFilter(), sort="found_at", descending=False) == [a, b]
    rows = ge.rows([a, b])
    assert [r.number for r in rows] == ["SJ2026-000001", "SJ2026-000002"] and rows[1].step == "派遣"


def test_refused_extension_keeps_the_due_and_side_moves_are_refused_when_closed(room: Services) -> None:
    eid = report(room)
    walk(room, eid, "dispatched")
    due = room.grid_events.get(eid).due
    with pytest.raises(ValidationError, match="新的期限应晚于"):
        room.grid_events.ask_extension(eid, due - timedelta(hours=1), "等待", at=T0 + timedelta(hours=3))
    room.grid_events.ask_extension(eid, due + timedelta(days=1), "等待", at=T0 + timedelta(hours=3))
    with pytest.raises(ValidationError, match="已有一个延期申请"):
        room.grid_events.ask_extension(eid, due + timedelta(days=2), "再等", at=T0 + timedelta(hours=3))
    with pytest.raises(ValidationError, match="请填写不批准的理由"):
        room.grid_events.decide_extension(eid, False, " ", at=T0 + timedelta(hours=4))
    room.grid_events.decide_extension(eid, False, "本周内必须处置", at=T0 + timedelta(hours=4))
    d = room.grid_events.get(eid)
    assert d.due == due and d.asked_due is None and d.timeline[-1].label == "不批准延期"
    walk_rest = [("handle", "已处理"), ("feedback", "已告知")]
    room.grid_events.handle(eid, walk_rest[0][1], at=T0 + timedelta(hours=5))
    room.grid_events.feedback(eid, walk_rest[1][1], at=T0 + timedelta(hours=6))
    room.grid_events.close(eid, at=T0 + timedelta(hours=7))
    for call in (
        lambda: room.grid_events.supervise(eid, "督办", at=T0 + timedelta(hours=8)),
        lambda: room.grid_events.park(eid, "等待", at=T0 + timedelta(hours=8)),
        lambda: room.grid_events.rework(eid, "返工", at=T0 + timedelta(hours=8)),
        lambda: room.grid_events.reject(eid, "重复", at=T0 + timedelta(hours=8)),
    ):
        with pytest.raises(ValidationError, match="已结案"):
            call()
