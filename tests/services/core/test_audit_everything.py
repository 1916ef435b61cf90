"""Writes the flush hook used to miss are in the history: settings, sign-in, passwords, unlocking,
a case's mediators and a grid's workers (issue 13)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from policeroom.errors import AuthError
from policeroom.models import AccountRole, AuditEntry, MemberRole
from policeroom.services.core import audit, auditchain
from policeroom.services.people.grids import GridInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.conftest import OFFICER_PASSWORD, ROOM
from tests.services.mediation.test_mediation import new_case, room  # noqa: F401 - fixture


def _last(db, entity: str, action: str | None = None, title: str | None = None) -> AuditEntry:  # noqa: ANN001
    with db.sessions() as s:
        stmt = select(AuditEntry).where(AuditEntry.entity == entity)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        if title:
            stmt = stmt.where(AuditEntry.title == title)
        entry = s.scalars(stmt.order_by(AuditEntry.id.desc())).first()
    assert entry is not None, (entity, action, title)
    return entry


def _changes(entry: AuditEntry) -> dict:
    return json.loads(entry.changes)


def test_settings_recorded(officer: Services, db) -> None:  # noqa: ANN001
    from policeroom.services.core.settings import RoomSettings

    officer.settings.save(RoomSettings(**{**ROOM, "room_name": "新名字警务室"}))
    e = _last(db, "setting", "update", "room.room_name")
    assert e.actor == "王建军" and _changes(e)["room.room_name"] == [ROOM["room_name"], "新名字警务室"]
    rules = officer.requests.rules()
    rules.limits["dispatch"]["urgent"] = 2
    officer.requests.save_rules(rules)
    assert _last(db, "setting", title="requests.limits").actor == "王建军"
    officer.disputes.save_dispute_types(["邻里", "宠物纠纷"])
    e = _last(db, "setting", title="mediation.dispute_types")
    assert "宠物纠纷" in json.dumps(_changes(e), ensure_ascii=False)
    officer.summary.set_mask_names(True)
    assert _last(db, "setting", title="summary.mask_names").actor == "王建军"
    rules = officer.roster.config.rules()
    officer.roster.config.save_rules(dataclasses.replace(rules, min_rest_hours=12))
    e = _last(db, "setting", title="roster.min_rest_hours")
    assert list(_changes(e).values())[0][1] == "12"


def test_sign_in_lock_unlock_and_passwords_recorded(officer: Services, db) -> None:  # noqa: ANN001
    officer.accounts.authenticate("wangjj", OFFICER_PASSWORD)
    e = _last(db, "account", "sign_in")
    assert e.actor == "王建军" and e.title == "wangjj"
    with pytest.raises(AuthError):
        officer.accounts.authenticate("wangjj", "wrong-password")
    e = _last(db, "account", "sign_in_failed")
    assert e.actor == "王建军" and _changes(e)["failed_attempts"] == [0, 1]
    with pytest.raises(AuthError):
        officer.accounts.authenticate("nobody", "whatever")
    e = _last(db, "account", "sign_in_failed")
    assert e.actor == "未知用户" and "nobody" not in e.changes + e.title
    for _ in range(4):
        with pytest.raises(AuthError):
            officer.accounts.authenticate("wangjj", "wrong-password")
    e = _last(db, "account", "lock")
    assert _changes(e)["locked_until"][1]
    account_id = e.entity_id
    officer.accounts.unlock(account_id)
    e = _last(db, "account", "unlock")
    assert e.actor == "王建军" and _changes(e)["locked_until"][1] is None
    officer.accounts.reset_password(account_id, "xinmima2026", "xinmima2026")
    assert _last(db, "account", "reset_password").actor == "王建军"
    officer.accounts.change_own_password("xinmima2026", "zaihuan2026", "zaihuan2026")
    e = _last(db, "account", "password")
    assert e.actor == "王建军" and "zaihuan" not in e.changes
    with db.engine.connect() as conn:
        assert auditchain.verify_full(conn).ok


def test_grid_workers_recorded(officer: Services, db) -> None:  # noqa: ANN001
    a = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker))
    b = officer.team.create(MemberInput(name="李海涛", role=MemberRole.grid_worker))
    gid = officer.grids.create(GridInput(code="WG01", name="第1网格", worker_ids=[a]))
    assert "张秀兰" in json.dumps(_changes(_last(db, "grid", "create")), ensure_ascii=False)
    officer.grids.update(gid, GridInput(code="WG01", name="第1网格", worker_ids=[a, b]))
    e = _last(db, "grid", "update")
    assert e.actor == "王建军" and "李海涛" in json.dumps(_changes(e)["workers"][1], ensure_ascii=False)


def test_case_mediators_recorded(room: Services, db) -> None:  # noqa: ANN001, F811
    new_case(room)
    e = _last(db, "mediation_case", "create")
    assert e.actor == "王建军" and _changes(e)["mediators"][1]


def test_record_for_writes_the_hook_cannot_see(officer: Services, db) -> None:  # noqa: ANN001
    with db.sessions() as s, s.begin():
        audit.record(s, officer.actor, "request", 0, "export", {"rows": [None, 12]}, title="群众求助登记台账")
    e = _last(db, "request", "export")
    assert e.actor == "王建军" and _changes(e) == {"rows": [None, 12]}
    assert AccountRole.officer  # the officer's role is what the actor carries
