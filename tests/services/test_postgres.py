"""The same services on PostgreSQL (a station that outgrew one PC): migrations, numbering, search, mediation.

Runs when ``POLICEROOM_TEST_POSTGRES_URL`` names a database the tests may wipe (``.ci/run`` starts a
server and sets it); skipped otherwise. Each test starts from an empty schema migrated to head.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime

import pytest

URL = os.environ.get("POLICEROOM_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(
    not URL, reason="POLICEROOM_TEST_POSTGRES_URL is not set (no PostgreSQL server)"
)


@pytest.fixture
def pg() -> Iterator:  # noqa: ANN001
    from sqlalchemy import create_engine, text

    from policeroom.db import open_database

    wipe = create_engine(URL)
    with wipe.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    wipe.dispose()
    db = open_database(URL)
    yield db
    db.close()


@pytest.fixture
def room(pg):  # noqa: ANN001, ANN201
    from policeroom.models import MemberRole
    from policeroom.services.core.settings import RoomSettings
    from policeroom.services.people.grids import GridInput
    from policeroom.services.people.residents import ResidentInput
    from policeroom.services.people.team import MemberInput
    from policeroom.services.registry import Services
    from tests.conftest import OFFICER_PASSWORD, ROOM

    sv = Services(pg.sessions)
    sv.sign_in(sv.accounts.first_run(
        RoomSettings(**ROOM), officer_name="王建军", officer_phone="13901051234",
        username="wangjj", password=OFFICER_PASSWORD, confirm=OFFICER_PASSWORD,
    ))  # fmt: skip
    g = sv.grids.create(GridInput(code="WG01", name="一网格"))
    staff = sv.team.create(MemberInput(name="刘芳", role=MemberRole.staff))
    zs = sv.residents.create(
        ResidentInput(name="张三", id_number="11010519491231002X", phone="13800000000", grid_id=g)
    )
    ls = sv.residents.create(ResidentInput(name="李四", phone="13900000001", grid_id=g))
    sv.ids = {"g": g, "staff": staff, "zs": zs, "ls": ls}
    return sv


def test_schema_matches_the_models(pg) -> None:  # noqa: ANN001
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from policeroom.db import current_revision
    from policeroom.migrations import HEAD_REVISION, include_name
    from policeroom.models import Base

    assert current_revision(pg.engine) == HEAD_REVISION
    with pg.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_residents_and_requests_search(room) -> None:  # noqa: ANN001
    from policeroom.models import Channel, Urgency
    from policeroom.services.requests.service import RequestFilter, RequestInput

    assert {r for r in room.residents.search_ids("zs")} == {room.ids["zs"]}
    assert set(room.residents.search_ids("张")) == {room.ids["zs"]}
    rid = room.requests.create(RequestInput(
        received_at=datetime(2026, 11, 2, 9), channel=Channel.visit, category="邻里求助", urgency=Urgency.normal,
        description="楼上漏水，请帮忙联系物业", receiver_id=room.actor.member_id, resident_id=room.ids["zs"],
    ))  # fmt: skip
    assert room.requests.get(rid).number == "QZ2026-000001"
    assert room.requests.ids(RequestFilter(query="漏水")) == [rid]
    assert room.requests.ids(RequestFilter(query="张三")) == [rid]
    assert room.requests.count(RequestFilter(query="物业 漏水")) == 1


def _case(sv, **kw):  # noqa: ANN001, ANN003, ANN202
    from policeroom.models import CaseKind, CaseSource, PartyRole
    from policeroom.services.mediation.types import CaseInput, PartyInput

    data = dict(
        kind=CaseKind.people, source=CaseSource.application, dispute_type="邻里", accepted_on=date(2026, 11, 5),
        facts="漏水", parties=[PartyInput(name="张三", resident_id=sv.ids["zs"], role=PartyRole.applicant),
                               PartyInput(name="李四", resident_id=sv.ids["ls"], role=PartyRole.respondent)],
        mediator_ids=[sv.actor.member_id], recorder_id=sv.ids["staff"],
    )  # fmt: skip
    data.update(kw)
    return sv.mediation.create(CaseInput(**data), today=date(2026, 11, 20))


def test_mediation_lifecycle_and_documents(room) -> None:  # noqa: ANN001
    from policeroom.models import CaseStatus, RecordKind
    from policeroom.reports.mediation import render
    from policeroom.services.mediation.types import AgreementInput, CaseFilter, RecordInput

    cid = _case(room)
    room.mediation.add_record(cid, RecordKind.session, RecordInput(
        at=datetime(2026, 11, 10, 9), subject="漏水", content="调解", recorder="刘芳"))  # fmt: skip
    room.mediation.record_agreement(cid, AgreementInput(
        oral=False, agreed_on=date(2026, 11, 10), terms=["李四赔偿张三2000元"], performance_method="现金"),
        today=date(2026, 11, 20))  # fmt: skip
    detail = room.cases.get(cid)
    assert detail.status == CaseStatus.agreed and detail.confirmation_last_day == date(2026, 12, 10)
    assert [r.id for r in room.cases.rows(CaseFilter(query="李四"))] == [cid]
    assert render("agreement", room.cases.doc(cid))[:5] == b"%PDF-"


def test_numbering_under_concurrent_saves(room) -> None:  # noqa: ANN001
    """Four desks saving their first cases of the year at once: no duplicate, no gap (also the first number)."""
    from tests.conftest import run_desks

    assert run_desks(URL, room.actor, room.ids, lambda sv: [_case(sv) for _ in range(5)]) == []
    assert sorted(r.number for r in room.cases.rows()) == sorted(
        f"（2026）安华人调字第{i}号" for i in range(1, 21)
    )
