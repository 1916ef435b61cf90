"""Excel import of the dispute screening ledger (矛盾纠纷排查台账): the same engine, another spec."""

from __future__ import annotations

import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from policeroom.db import open_database
from policeroom.models import DisputeStatus, MemberRole, Risk
from policeroom.reports.mediation.ledger import disputes_xlsx
from policeroom.services.core.imports import guess_mapping
from policeroom.services.mediation.types import DisputeFilter, DisputeInput, PartyInput
from policeroom.services.people.grids import GridInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services

TODAY = date(2026, 11, 25)  # a Wednesday; the clock is pinned to it for every test here
LAST_WEEK = TODAY - timedelta(days=7)
pytestmark = pytest.mark.today(TODAY)


def xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["安华里社区矛盾纠纷排查台账"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def room(officer: Services) -> Services:
    g1 = officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[g1]))
    officer.ids = {"g1": g1}
    return officer


def entries(sv: Services) -> list[tuple]:
    return sorted(
        (
            r.screened_on,
            r.grid,
            r.dispute_type,
            r.parties,
            r.people_count,
            r.summary,
            r.risk,
            r.owner,
            r.deadline,
            r.status,
        )
        for r in sv.disputes.rows(DisputeFilter())
    )


def test_ledger_rows_are_checked_by_the_ledger_rules_and_committed_together(room: Services) -> None:
    data = xlsx(
        [
            [
                "序号",
                "排查时间",
                "所属网格",
                "纠纷类别",
                "当事人",
                "涉及人数",
                "纠纷简要情况",
                "风险等级",
                "包案人",
                "化解期限",
                "状态",
            ],
            [
                1,
                LAST_WEEK,
                "WG01",
                "邻里",
                "张三（13800000000）、李四",
                2,
                "楼上漏水渗到楼下",
                "黄",
                "王建军",
                TODAY + timedelta(days=20),
                "化解中",
            ],
            [2, LAST_WEEK, "WG01", "邻里", "王五", 1, "占用楼道堆放杂物", "蓝色", "", "", ""],
            [
                3,
                TODAY + timedelta(days=3),
                "WG01",
                "邻里",
                "赵六",
                1,
                "未来的纠纷",
                "蓝",
                "",
                "",
                "",
            ],  # future
            [4, LAST_WEEK, "WG01", "打架", "孙七", 1, "不在类型表中", "紫", "刘备", "", "办好了"],
            [5, LAST_WEEK, "", "物业", "甲、乙、丙", 2, "人数少于当事人", "红", "", "", ""],
        ]
    )
    spec, sheet = room.dispute_ledger.read(data)
    mapping = guess_mapping(spec, sheet.headers)
    assert mapping["screened_on"] == 1 and mapping["owner"] == 8 and mapping["status"] == 10
    report = room.dispute_ledger.check(spec, sheet, mapping)
    assert [r.row for r in report.good] == [3, 4]
    problems = {(e.row, e.column): e.message for e in report.errors}
    assert "排查日期不能晚于今天" in problems[(5, "排查时间")]
    assert "纠纷类型" in problems[(6, "纠纷类别")]
    assert "红、橙、黄、蓝" in problems[(6, "风险等级")]
    assert "没有名为“刘备”的团队成员" in problems[(6, "包案人")]
    assert "未化解、化解中" in problems[(6, "状态")]
    assert "不能少于所列当事人" in problems[(7, "涉及人数")]
    assert entries(room) == []  # nothing written by checking

    result = room.dispute_ledger.commit(report)
    assert result.created == 2
    rows = room.disputes.rows(DisputeFilter(), sort="number", descending=False)
    assert [r.parties for r in rows] == ["张三、李四", "王五"]
    first = room.disputes.get(rows[0].id).data
    assert first.parties[0].phone == "13800000000" and first.status == DisputeStatus.in_progress
    assert first.risk == Risk.yellow and first.owner_id == room.actor.member_id
    assert rows[0].number == f"JF{LAST_WEEK.year}-0001"

    # the same file again adds nothing: the rows are already in the ledger
    report = room.dispute_ledger.check(spec, sheet, mapping)
    assert report.existing_rows == {3, 4}
    assert room.dispute_ledger.commit(report).created == 0
    assert len(room.disputes.rows(DisputeFilter())) == 2


def test_the_ledger_export_imports_into_a_fresh_database(
    room: Services, tmp_path: Path, migrated_template: Path
) -> None:
    for summary, risk, status in (
        ("楼上漏水", Risk.yellow, DisputeStatus.unresolved),
        ("噪声扰民", Risk.red, DisputeStatus.resolved),
    ):
        room.disputes.create(
            DisputeInput(
                screened_on=LAST_WEEK,
                dispute_type="邻里",
                risk=risk,
                summary=summary,
                grid_id=room.ids["g1"],
                owner_id=room.actor.member_id,
                deadline=LAST_WEEK + timedelta(days=1),
                status=status,
                parties=[PartyInput(name="张三"), PartyInput(name="李四")],
            )
        )
    data = disputes_xlsx(room.disputes.rows(DisputeFilter()), room.settings.get())

    path = tmp_path / "fresh.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    try:
        fresh = Services(db.sessions)
        from policeroom.services.core.settings import RoomSettings
        from tests.conftest import OFFICER_PASSWORD, ROOM

        fresh.sign_in(
            fresh.accounts.first_run(
                RoomSettings(**ROOM),
                officer_name="王建军",
                officer_phone="13901051234",
                username="wangjj",
                password=OFFICER_PASSWORD,
                confirm=OFFICER_PASSWORD,
            )
        )
        fresh.grids.create(GridInput(code="WG01", name="安华里一网格"))
        spec, sheet = fresh.dispute_ledger.read(data)
        report = fresh.dispute_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
        assert not report.errors
        assert fresh.dispute_ledger.commit(report).created == 2
        assert entries(fresh) == entries(room)  # 未化解（超期） reads back as 未化解
    finally:
        db.close()


def test_resolved_date_survives_export_and_import(officer, tmp_path) -> None:  # noqa: ANN001
    """化解日期 is a column of the exported ledger and is read back by the import."""

    from openpyxl import load_workbook

    from policeroom.models import DisputeStatus, Risk
    from policeroom.reports.mediation.ledger import disputes_xlsx
    from policeroom.services.mediation.types import DisputeInput, PartyInput

    day = TODAY.replace(day=1)
    officer.disputes.create(DisputeInput(
        screened_on=day, dispute_type="邻里", risk=Risk.blue, summary="噪声扰民", status=DisputeStatus.resolved,
        resolved_on=day, parties=[PartyInput(name="王五")],
    ))  # fmt: skip
    data = disputes_xlsx(officer.disputes.rows(), officer.settings.get())
    ws = load_workbook(__import__("io").BytesIO(data)).active
    headers = [c.value for c in ws[2]]
    assert ws.cell(3, headers.index("化解日期") + 1).value.date() == day
    # a fresh ledger entry set: delete and import back
    officer.disputes.delete(officer.disputes.rows()[0].id)
    spec, sheet = officer.dispute_ledger.read(data)
    report = officer.dispute_ledger.check(spec, sheet, guess_mapping(spec, sheet.headers))
    assert not report.errors, report.errors
    officer.dispute_ledger.commit(report)
    assert officer.disputes.get(officer.disputes.rows()[0].id).resolved_on == day
