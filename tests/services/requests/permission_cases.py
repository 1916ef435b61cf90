"""Permission rows of assistance requests (see tests/test_permissions.py).

qA is grid A's request (registered), qA2 grid A's request dispatched to grid A's worker and supervised,
qB grid B's. Loop moves from a step the request is not at are ``lenient``: the permission is decided
before the step is.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from policeroom.models import Channel, Satisfaction, Urgency
from policeroom.services.registry import Services
from policeroom.services.requests.rules import RequestRules
from policeroom.services.requests.types import RequestFilter, RequestInput
from tests.permission_world import PermCase, World

NOW = datetime(2026, 12, 5, 9, 0)
AT = datetime(2026, 11, 21, 9, 0)


def _input(w: World, resident: str, grid: str, **kw: Any) -> RequestInput:
    data: dict[str, Any] = dict(
        received_at=datetime(2026, 11, 20, 9), channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
        description="楼道堆物请帮忙协调", receiver_id=w.officer_member, resident_id=getattr(w, resident),
        grid_id=getattr(w, grid),
    )  # fmt: skip
    data.update(kw)
    return RequestInput(**data)


def _rows_scoped(rows: Any, w: World, role: str) -> None:
    ids = {r.id for r in rows}
    expected = {"officer": {w.qA, w.qB}, "staff": {w.qA, w.qB}, "own": {w.qA}, "other": {w.qB}}[role]
    assert ids == expected


def _link_other(sv: Services, w: World) -> int:
    """A grid worker registers a request of their own grid and picks grid A's resident from the index."""
    grid = "gB" if sv.actor.grid_ids == {w.gB} else "gA"
    return sv.requests.create(_input(w, "rA", grid))


CASES = [
    PermCase("requests.add_action", lambda sv, w: sv.requests.add_action(w.qA2, AT, None, "再次上门"), "AAAR"),
    PermCase("requests.ask_extension", lambda sv, w: sv.requests.ask_extension(
        w.qA2, AT + timedelta(days=3), "需物业配合"), "AAAR", lenient=True),
    PermCase("requests.assessment", lambda sv, w: sv.requests.assessment(date(2026, 11, 1), date(2026, 11, 30)),
             "AAFF"),
    PermCase("requests.close", lambda sv, w: sv.requests.close(w.qA2), "AAAR", lenient=True),
    PermCase("requests.count", lambda sv, w: sv.requests.count(), "AAFF"),
    PermCase("requests.create", lambda sv, w: sv.requests.create(_input(w, "rA", "gA")), "AAAR"),
    PermCase("requests.create", _link_other, "AAAR", note="leak: linking another grid's resident"),
    PermCase("requests.dashboard", lambda sv, w: sv.requests.dashboard(NOW), "AAFF"),
    PermCase("requests.decide_extension", lambda sv, w: sv.requests.decide_extension(w.qA2, False, "不批准"),
             "ARRR", lenient=True),
    PermCase("requests.dispatch", lambda sv, w: sv.requests.dispatch(w.qA, w.wA, at=AT), "AAAR"),
    PermCase("requests.feedback", lambda sv, w: sv.requests.feedback(w.qA2, AT, "已协调清理"), "AAAR"),
    PermCase("requests.get", lambda sv, w: sv.requests.get(w.qA, NOW), "AAAR"),
    PermCase("requests.get_by_number", lambda sv, w: sv.requests.get_by_number("QZ2026-000001"), "AAAR"),
    PermCase("requests.ids", lambda sv, w: sv.requests.ids(RequestFilter(), now=NOW), "AAFF"),
    PermCase("requests.park", lambda sv, w: sv.requests.park(w.qA2, "等待物业", at=AT), "AARR"),
    PermCase("requests.refer", lambda sv, w: sv.requests.refer(w.qA, "物业", at=AT), "AAAR"),
    PermCase("requests.reply_supervision", lambda sv, w: sv.requests.reply_supervision(
        w.qA2, w.supervise, "正在处理", at=AT), "AAAR"),
    PermCase("requests.resume", lambda sv, w: sv.requests.resume(w.qA2, at=AT), "AARR", lenient=True),
    PermCase("requests.rework", lambda sv, w: sv.requests.rework(w.qA2, "未处理完", at=AT), "AARR", lenient=True),
    PermCase("requests.rows", lambda sv, w: sv.requests.rows([w.qA, w.qB], NOW), "AAFF", note="leak: any ids",
             check=_rows_scoped),
    PermCase("requests.rules", lambda sv, w: sv.requests.rules(), "AAAA"),
    PermCase("requests.save_rules", lambda sv, w: sv.requests.save_rules(RequestRules()), "ARRR"),
    PermCase("requests.suggest_assignee", lambda sv, w: sv.requests.suggest_assignee(w.gA), "AAAA"),
    PermCase("requests.suggest_grid", lambda sv, w: sv.requests.suggest_grid("安华里3号楼2单元"), "AAAA"),
    PermCase("requests.supervise", lambda sv, w: sv.requests.supervise(w.qA2, "请今天反馈", at=AT), "ARRR"),
    PermCase("requests.update", lambda sv, w: sv.requests.update(
        w.qA, _input(w, "rA", "gA", description="楼道堆物，已联系物业")), "AAAR"),
    PermCase("requests.visit", lambda sv, w: sv.requests.visit(w.qA2, AT, "电话回访", Satisfaction.satisfied),
             "AAAR", lenient=True),
    PermCase("requests.void", lambda sv, w: sv.requests.void(w.qA, "重复登记"), "AAAR"),
]
