"""Migration 0008: names stored with a look-alike middle dot (before issue 12's normalisation) become
``·``, each change is in the history (the chain holds), and the pinyin and search keys are rebuilt, so
阿依古丽·买买提 is found by name and by pinyin in the residents and in the requests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from policeroom.db import make_engine, open_database
from policeroom.migrations import run_upgrade
from policeroom.models import AccountRole, Channel, MemberRole, Risk, Urgency
from policeroom.services.core import auditchain, clock
from policeroom.services.core.text import MIDDLE_DOT
from policeroom.services.mediation.types import DisputeInput, PartyInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.types import RequestFilter, RequestInput
from tests.conftest import actor

NAME = "阿依古丽·买买提"
OLD = {"•": "阿依古丽•买买提", "・": "阿依古丽・买买提", "‧": "阿依古丽‧买买提", "･": "阿依古丽･买买提"}


def _old_database(path: Path) -> dict[str, int]:
    """A database at 0007 with rows as an older program stored them: look-alike dots, stale keys."""
    engine = make_engine("sqlite:///" + str(path))
    run_upgrade(engine, "0007")
    from sqlalchemy.orm import sessionmaker

    sv = Services(sessionmaker(engine, expire_on_commit=False), actor(AccountRole.officer))
    ids = {
        "member": sv.team.create(MemberInput(name="热依拉·艾买提", role=MemberRole.officer)),
        "resident": sv.residents.create(ResidentInput(name=NAME, phone="13912345678")),
        "ext_b": sv.residents.create(ResidentInput(name="王𠮷")),
    }
    ids["request"] = sv.requests.create(RequestInput(
        received_at=clock.now_minute(), channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
        description="楼上漏水", receiver_id=ids["member"], requester_name=NAME, requester_phone="13912345678",
    ))  # fmt: skip
    ids["dispute"] = sv.disputes.create(DisputeInput(
        screened_on=clock.today(), dispute_type="邻里", risk=Risk.blue, summary="噪音",
        parties=[PartyInput(name=NAME), PartyInput(name="张三")],
    ))  # fmt: skip
    with engine.begin() as conn:  # what older versions left in the file (raw SQL, no history)
        conn.execute(text("UPDATE resident SET name = :n, name_pinyin = '', name_initials = '' WHERE id = :i"),
                     {"n": OLD["•"], "i": ids["resident"]})
        conn.execute(text("UPDATE resident SET name_pinyin = 'wang', name_initials = 'w' WHERE id = :i"),
                     {"i": ids["ext_b"]})  # the Extension-B character was dropped from the keys
        conn.execute(text("UPDATE team_member SET name = '热依拉‧艾买提', name_pinyin = '' WHERE id = :i"),
                     {"i": ids["member"]})
        conn.execute(text("UPDATE assistance_request SET requester_name = :n, requester_initials = '' WHERE id = :i"),
                     {"n": OLD["・"], "i": ids["request"]})
        conn.execute(text("DELETE FROM request_search_chars WHERE rowid = :i"), {"i": ids["request"]})
        conn.execute(text("INSERT INTO request_search_chars (rowid, chars, py) VALUES (:i, '阿 依', '')"),
                     {"i": ids["request"]})
        conn.execute(text("UPDATE dispute_party SET name = :n WHERE name = :old"), {"n": OLD["･"], "old": NAME})
    engine.dispose()
    return ids


def test_upgrade_normalises_dots_and_rebuilds_keys(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    ids = _old_database(path)
    db = open_database("sqlite:///" + str(path), backup_dir=tmp_path / "bk")  # upgrades to the head
    try:
        sv = Services(db.sessions, actor(AccountRole.officer))
        assert sv.residents.get(ids["resident"]).name == NAME
        for query in (NAME, "阿依古丽•买买提", "aygl", "ayiguli"):
            assert ids["resident"] in sv.residents.search_ids(query), query
        assert ids["ext_b"] in sv.residents.search_ids("wj")  # 𠮷 (ji) is in the keys again
        assert [m.name for m in sv.team.list(role=MemberRole.officer)] == ["热依拉·艾买提"]
        for query in (NAME, "阿依古丽", "aygl", "maimaiti"):
            assert sv.requests.ids(RequestFilter(query=query)) == [ids["request"]], query
        with db.engine.connect() as conn:
            names = {r[0] for r in conn.execute(text("SELECT name FROM dispute_party"))}
            assert names == {NAME, "张三"}
            stored = [r[0] for t, c in (("resident", "name"), ("assistance_request", "requester_name"))
                      for r in conn.execute(text(f"SELECT {c} FROM {t}"))]
            assert all(MIDDLE_DOT in n or "𠮷" in n for n in stored)
            report = auditchain.verify_full(conn)
        assert report.ok, report.broken
        history = sv.history("resident", ids["resident"])
        assert any(h.actor == "系统（数据升级）" and OLD["•"] in str(h.changes) for h in history)
        sv.residents.create(ResidentInput(name="新来的人"))  # the chain goes on after the migration
        with db.engine.connect() as conn:
            assert auditchain.verify_full(conn).ok
    finally:
        db.close()


def test_clean_database_is_left_alone(tmp_path: Path) -> None:
    """Nothing to change: no history entry, no rewritten search row."""
    path = tmp_path / "clean.db"
    engine = make_engine("sqlite:///" + str(path))
    run_upgrade(engine, "0007")
    from sqlalchemy.orm import sessionmaker

    sv = Services(sessionmaker(engine, expire_on_commit=False), actor(AccountRole.officer))
    sv.residents.create(ResidentInput(name=NAME))
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    engine.dispose()
    db = open_database("sqlite:///" + str(path), backup_dir=tmp_path / "bk")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_entry")).scalar() == before
    finally:
        db.close()


def test_migration_knows_every_lookalike_the_program_maps() -> None:
    import importlib

    from policeroom.services.core import text as text_module

    migration = importlib.import_module("policeroom.migrations.versions.0008_middle_dots")
    mapped = {chr(k) for k, v in text_module._DOTS.items() if v == MIDDLE_DOT}
    assert mapped <= set(migration.LOOKALIKES)
