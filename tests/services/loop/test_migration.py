"""Migration 0006 moves the requests' own timeline (request_event) into loop_event, losing nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from policeroom.db import make_engine, open_database
from policeroom.migrations import alembic_config, run_upgrade
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from tests.conftest import actor

OLD_EVENTS = [
    ("register", "2026-11-02 09:00:00", "王建军", "来访，邻里求助，一般"),
    ("dispatch", "2026-11-02 09:30:00", "王建军", "派遣给李明"),
    ("dispatch", "2026-11-02 09:40:00", "王建军", "派遣给张秀兰"),  # 改派: the status stays
    ("handle", "2026-11-02 10:00:00", "张秀兰", "联系物业"),
    ("update", "2026-11-02 10:30:00", "刘晓燕", ""),
]


def test_request_history_moves_into_the_timeline_and_back(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "old.db"
    engine = make_engine("sqlite:///" + str(path))
    run_upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO assistance_request (id, number, year, seq, received_at, channel, requester_name,"
            " requester_initials, requester_phone, requester_address, anonymous, anonymous_reason, location,"
            " category, urgency, description, leader, status, feedback, visit_method, visit_remarks, referred_to,"
            " void_reason) VALUES (1, 'QZ2026-000001', 2026, 1, '2026-11-02 09:00:00', 'visit', '王五', 'ww', '',"
            " '', 0, '', '', '邻里求助', 'normal', '楼上漏水', '', 'handling', '', '', '', '', '')"
        ))  # fmt: skip
        for kind, at, who, detail in OLD_EVENTS:
            conn.execute(
                text("INSERT INTO request_event (request_id, at, kind, actor, detail) VALUES (1, :at, :k, :a, :d)"),
                {"at": at, "k": kind, "a": who, "d": detail},
            )
    engine.dispose()
    db = open_database("sqlite:///" + str(path), backup_dir=tmp_path / "bk")
    try:
        d = Services(db.sessions, actor(AccountRole.officer)).requests.get(1)
        assert [(e.move, e.from_status, e.to_status, e.actor, e.note) for e in d.timeline] == [
            ("register", None, "registered", "王建军", "来访，邻里求助，一般"),
            ("dispatch", "registered", "dispatched", "王建军", "派遣给李明"),
            ("dispatch", "dispatched", "dispatched", "王建军", "派遣给张秀兰"),
            ("handle", "dispatched", "handling", "张秀兰", "联系物业"),
            ("update", "handling", "handling", "刘晓燕", ""),
        ]
        assert [e.label for e in d.timeline] == ["登记", "派遣", "派遣", "登记处置", "修改登记"]
        with db.engine.connect() as conn:
            assert "request_event" not in {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    finally:
        db.close()
    engine = make_engine("sqlite:///" + str(path))
    command.downgrade(alembic_config(engine), "0005")
    with engine.connect() as conn:
        back = conn.execute(text("SELECT kind, at, actor, detail FROM request_event ORDER BY id")).all()
    engine.dispose()
    assert [(k, str(a)[:19], w, x) for k, a, w, x in back] == OLD_EVENTS
