"""Permission rows of 线索举报 (see tests/test_permissions.py of the security issue).

Each call first makes its own tip of grid A (as 系统, through the service), taken to the step the move
needs; the row then makes the move as the role. Anyone may register (a grid worker in their own grid);
officer and staff verify and handle; the officer alone sees the tipster, approves rewards, archives and
erases; grid workers see their grids' tips and never anyone's identity.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from policeroom.services.registry import Services
from policeroom.services.tips.rules import TipSettings
from policeroom.services.tips.types import TipFilter, TipInput
from tests.permission_world import B_ID, B_PHONE, PermCase, World

AT = datetime(2026, 11, 21, 9, 0)
STEPS = ("registered", "accepted", "checking", "verified", "handled", "assessed", "approved", "notified")


def _input(w: World, grid: str = "gA", tipster: str = "rA") -> TipInput:
    return TipInput(received_at=AT, channel="来访", category="涉毒", content="地下室有人吸毒", subject="出租人",
                    place="安华里3号楼", grid_id=getattr(w, grid), anonymous=False, resident_id=getattr(w, tipster))  # fmt: skip


def _tip(sv: Services, w: World, to: str = "registered") -> tuple[int, str]:
    """A tip of grid A taken to status ``to`` by 系统; (id, query code). Its tipster is grid B's 窦志强
    (B_ID, B_PHONE): grid A's worker sees the tip, and must see nothing of who gave it (``_sealed``)."""
    system = Services(sv.ctx.sessions).tips
    intake = system.register(_input(w, tipster="rB"))
    t, at = intake.tip_id, AT
    moves = [
        lambda: system.accept(t, at),
        lambda: system.assign(t, w.staff_member, 10, at),
        lambda: system.verify(t, "属实", "查实", at=at),
        lambda: system.record_outcome(t, "查处", at),
        lambda: system.assess(t, "禁毒举报奖励", "一般线索", None, "属实", {}, at),
        lambda: system.approve(t, 300, at=at),
        lambda: system.notify(t, "电话通知", at),
    ]
    for move in moves[: STEPS.index(to)]:
        at += timedelta(hours=1)
        move()
    return t, intake.code


def _event_of_tip(sv: Services, tip_id: int) -> Any:
    """转为网格事件 as the role, then the whole event as the system reads it (checked for the tipster)."""
    number = sv.tips.to_grid_event(tip_id, sv.grid_events.categories()[0][0])
    from policeroom.models import GridEvent

    with sv.ctx.read() as s:
        e = s.query(GridEvent).filter_by(number=number).one()
        return {c.key: getattr(e, c.key) for c in GridEvent.__table__.columns}


def _sealed(result: Any, w: World, role: str) -> None:
    """No role reads the tipster (窦志强 of grid B) outside 查看举报人: not the officer, not the staff."""
    shown = repr(result)
    assert not [x for x in (B_ID, B_PHONE, "窦志强") if x in shown], (role, shown[:300])


def _only_grid_a(rows: Any, w: World, role: str) -> None:
    if role == "other":
        assert rows == []
    else:
        assert rows and all(r.tipster == "已密封" for r in rows)
    _sealed(rows, w, role)


def _revealed(result: Any, w: World, role: str) -> None:
    assert "窦志强" in repr(result), result


def _rows(sv: Services, w: World) -> Any:
    _tip(sv, w)
    return sv.tips.rows(TipFilter())


def _attachment(sv: Services, w: World) -> Any:
    t, _code = _tip(sv, w)
    a = Services(sv.ctx.sessions).tips.add_attachment(t, "照片.jpg", b"x" * 10)
    return sv.tips.attachment(a)


CASES = [
    PermCase("tips.settings", lambda sv, w: sv.tips.settings(), "AAAA"),
    PermCase("tips.save_settings", lambda sv, w: sv.tips.save_settings(TipSettings()), "ARRR"),
    PermCase("tips.register", lambda sv, w: sv.tips.register(_input(w)), "AAAR", refusal="本人负责网格"),
    PermCase("tips.update", lambda sv, w: sv.tips.update(_tip(sv, w)[0], _input(w)), "AARR"),
    PermCase("tips.add_attachment", lambda sv, w: sv.tips.add_attachment(_tip(sv, w)[0], "a.jpg", b"x"), "AAAR"),
    PermCase("tips.attachment", _attachment, "AAAR"),
    PermCase("tips.reveal", lambda sv, w: sv.tips.reveal(_tip(sv, w)[0], "核对"), "ARRR", note="sealed tipster",
             check=_revealed, echoes_input=True),
    PermCase("tips.accept", lambda sv, w: sv.tips.accept(_tip(sv, w)[0]), "AARR"),
    PermCase("tips.decline", lambda sv, w: sv.tips.decline(_tip(sv, w)[0], "不属管辖", "12345"), "AARR"),
    PermCase("tips.assign", lambda sv, w: sv.tips.assign(_tip(sv, w, "accepted")[0], w.staff_member, 5), "AARR"),
    PermCase("tips.verify", lambda sv, w: sv.tips.verify(_tip(sv, w, "checking")[0], "属实", "查实"), "AARR"),
    PermCase("tips.record_outcome", lambda sv, w: sv.tips.record_outcome(_tip(sv, w, "verified")[0], "查处"), "AARR"),
    PermCase("tips.assess", lambda sv, w: sv.tips.assess(
        _tip(sv, w, "handled")[0], "禁毒举报奖励", "一般线索", None, "属实", {}), "AARR"),
    PermCase("tips.approve", lambda sv, w: sv.tips.approve(_tip(sv, w, "assessed")[0], 300), "ARRR"),
    PermCase("tips.notify", lambda sv, w: sv.tips.notify(_tip(sv, w, "approved")[0], "电话通知"), "AARR"),
    PermCase("tips.claim", lambda sv, w: sv.tips.claim(*(lambda t: (t[0], "self_code"))(_tip(sv, w, "notified")),
                                                       code=""), "AARR", lenient=True),
    PermCase("tips.supervise", lambda sv, w: sv.tips.supervise(_tip(sv, w, "checking")[0], "请尽快核查"), "ARRR"),
    PermCase("tips.archive", lambda sv, w: sv.tips.archive(_tip(sv, w, "registered")[0], "归档"), "ARRR",
             lenient=True),
    PermCase("tips.settle_lapses", lambda sv, w: sv.tips.settle_lapses(), "AAAA", note="written as 系统"),
    PermCase("tips.rows", _rows, "AAFF", check=_only_grid_a),
    PermCase("tips.detail", lambda sv, w: sv.tips.detail(_tip(sv, w)[0]), "AAAR", check=_sealed),
    # 转为网格事件: the officer and staff; the event carries the matter, never the tipster
    PermCase("tips.to_grid_event", lambda sv, w: _event_of_tip(sv, _tip(sv, w, "accepted")[0]), "AARR", check=_sealed),
    PermCase("tips.event_of", lambda sv, w: sv.tips.event_of(_tip(sv, w)[0]), "AAAR"),
    PermCase("tips.id_by_number", lambda sv, w: (_tip(sv, w), sv.tips.id_by_number("JB2026-000001"))[1], "AAAR"),
    PermCase("tips.candidates", lambda sv, w: (_tip(sv, w), sv.tips.candidates("出租人", "安华里3号楼"))[1], "AAFF",
             check=_only_grid_a),
    PermCase("tips.follow_up", lambda sv, w: sv.tips.follow_up(_tip(sv, w)[1]), "AAAA", note="one sentence only",
             check=_sealed),
    PermCase("tips.paper", lambda sv, w: sv.tips.paper(_tip(sv, w)[0], "receipt"), "AAAR", check=_sealed),
    PermCase("tips.reward_lines", lambda sv, w: (_tip(sv, w, "notified"), sv.tips.reward_lines(date(2026, 11, 1)))[1],
             "AARR", check=_sealed, note="no names"),
    PermCase("tips.keeping", lambda sv, w: (_tip(sv, w), sv.tips.keeping())[1], "AARR", check=_sealed),
    PermCase("tips.erase_expired", lambda sv, w: sv.tips.erase_expired(), "ARRR"),
]
