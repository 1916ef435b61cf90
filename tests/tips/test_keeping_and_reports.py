"""Keeping and forgetting (secure_delete, counts stay), the 奖励发放登记表 without names, the summaries'
线索举报 figures with 环比, and the three commands."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from policeroom.cli.parser import build_parser
from policeroom.errors import PermissionDenied
from policeroom.models import AccountRole, Tip, TipAttachment, TipIdentity
from policeroom.services.summary.types import FIGURE_LINES, change, month_period
from tests.timing import frozen
from tests.tips.conftest import TIPSTER, Room, real_name, tip_input

pytestmark = pytest.mark.usefixtures("cli_as_officer")  # the commands sign in

DAY = datetime(2026, 11, 2, 9, 0)


def _archived(room: Room, at: datetime, **kw) -> int:  # noqa: ANN003
    svc = room.services.tips
    tid = svc.register(real_name(room, at, **kw)).tip_id
    svc.add_attachment(tid, "现场.txt", ("证据" + TIPSTER["name"]).encode())
    svc.decline(tid, "不属于管辖", "12345政务服务便民热线", at=at + timedelta(hours=1))
    svc.archive(tid, "已移交，归档", at + timedelta(hours=2))
    return tid


def test_keeping_lists_nearing_tips_and_erases_at_expiry(room: Room, db) -> None:  # noqa: ANN001
    with frozen(datetime(2024, 11, 20, 9)):
        old = _archived(room, datetime(2024, 11, 4, 9))
    with frozen(datetime(2026, 10, 1, 9)):
        newer = _archived(room, datetime(2026, 9, 7, 9), category="涉赌")
    svc = room.services.tips
    with frozen(datetime(2026, 10, 10, 9)):
        rows = svc.keeping()
        assert [(r.number, r.erase_on) for r in rows] == [(svc.detail(old).row.number, date(2026, 11, 4))]
        assert rows[0].has_identity and rows[0].attachments == 1
        assert svc.erase_expired() == []  # not yet
    staff = room.as_role(AccountRole.staff, member_id=room.staff_id)
    with frozen(datetime(2026, 11, 5, 9)):
        with pytest.raises(PermissionDenied):
            staff.tips.erase_expired()
        assert svc.erase_expired() == [svc.detail(old).row.number]
        with room.services.ctx.read() as s:
            assert s.scalar(select(func.count()).select_from(TipIdentity).where(TipIdentity.tip_id == old)) == 0
            assert s.scalar(select(func.count()).select_from(TipAttachment).where(TipAttachment.tip_id == old)) == 0
            assert s.scalar(select(func.count()).select_from(TipIdentity).where(TipIdentity.tip_id == newer)) == 1
            assert s.get(Tip, old).erased_at is not None
        # counts stay
        assert room.services.summary.summary(month_period(2024, 11)).figures.tips_received == 1
        assert any("清除" in h.changes[0].after for h in room.services.history("tip", old) if h.changes)
        assert svc.detail(old).timeline[-1].move == "erase"


def test_erased_bytes_are_overwritten_in_the_file(room: Room, db) -> None:  # noqa: ANN001
    marker = "甲乙丙丁保密标记" * 40
    with frozen(datetime(2024, 3, 1, 9)):
        svc = room.services.tips
        tid = svc.register(tip_input(room, datetime(2024, 3, 1, 8), contact=marker[:200])).tip_id
        svc.add_attachment(tid, "a.txt", marker.encode() * 20)
        svc.decline(tid, "重复", at=datetime(2024, 3, 1, 8, 30))
        svc.archive(tid, "归档", datetime(2024, 3, 1, 8, 45))
    with frozen(datetime(2026, 3, 2, 9)):
        assert svc.erase_expired()
    db.engine.dispose()
    raw = Path(db.path).read_bytes()
    wal = Path(str(db.path) + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert "甲乙丙丁保密标记".encode() not in raw


@pytest.mark.today(datetime(2026, 12, 3, 9, 0))
def test_reward_register_lists_numbers_amounts_approvers_and_no_names(room: Room) -> None:
    from policeroom.reports.tips.ledger import reward_register_pdf

    svc = room.services.tips
    intake = svc.register(real_name(room, DAY))
    t = intake.tip_id
    svc.accept(t, DAY + timedelta(hours=1))
    svc.assign(t, room.staff_id, 10, DAY + timedelta(hours=2))
    svc.verify(t, "属实", "查实", at=DAY + timedelta(days=2))
    svc.record_outcome(t, "查获", DAY + timedelta(days=4))
    svc.assess(t, "禁毒举报奖励", "较重要线索", None, "查获", {}, DAY + timedelta(days=5))
    svc.approve(t, 1000, at=DAY + timedelta(days=6))
    svc.notify(t, "当面通知", DAY + timedelta(days=7))
    svc.claim(t, "self_code", code=intake.code, at=DAY + timedelta(days=9))
    lines = svc.reward_lines(date(2026, 11, 1))
    assert [(x.number, x.approved, x.approved_by, x.state) for x in lines] == [(svc.detail(t).row.number, 1000, "王建军", "已发放")]
    pdf = reward_register_pdf(lines, "安华里社区警务室", date(2026, 11, 1), datetime(2026, 12, 3, 9))
    reader = PdfReader(io.BytesIO(pdf))
    txt = "".join(p.extract_text() for p in reader.pages)
    assert "举报奖励发放登记表" in txt and "JB2026-000001" in txt and "1000" in txt and "王建军" in txt
    for secret in TIPSTER.values():
        assert secret not in txt
    assert svc.reward_lines(date(2026, 10, 1)) == []
    gw = room.as_role(AccountRole.grid_worker, (room.grid1,), room.grid_worker_id)
    with pytest.raises(PermissionDenied):
        gw.tips.reward_lines(date(2026, 11, 1))


@pytest.mark.today(datetime(2026, 12, 3, 9, 0))
def test_summary_figures_with_month_on_month(room: Room) -> None:
    svc = room.services.tips
    svc.register(tip_input(room, datetime(2026, 10, 12, 9)))
    for h in range(3):
        svc.register(tip_input(room, datetime(2026, 11, 12, 9 + h)))
    data = room.services.summary.summary(month_period(2026, 11))
    line = next(x for x in FIGURE_LINES if x.key == "tips_received")
    assert (data.figures.tips_received, data.previous.tips_received) == (3, 1)
    assert change(3, 1, line) == "+200.0%"
    assert data.tips_by_category == [("涉毒", 3)]
    assert {x.group for x in FIGURE_LINES} >= {"线索举报"}


@pytest.mark.today(datetime(2026, 12, 3, 9, 0))
def test_commands_export_print_and_report(room: Room, db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from policeroom.cli.commands import run

    svc = room.services.tips
    intake = svc.register(real_name(room, datetime(2026, 11, 2, 9)))
    svc.decline(intake.tip_id, "不属于管辖", "12339国家安全机关", at=datetime(2026, 11, 2, 10))
    url = str(db.path)
    db.close()  # one program at a time on a database file
    out = tmp_path / "t.xlsx"
    assert run(build_parser().parse_args(["--db", url, "export", "tips", "-o", str(out)])) == 0
    book = openpyxl.load_workbook(out)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert "JB2026-000001" in cells and not any("举报人" in c or "身份证" in c or "电话" in c for c in cells)
    assert all(s not in " ".join(cells) for s in TIPSTER.values())
    pdf = tmp_path / "r.pdf"
    assert run(build_parser().parse_args(["--db", url, "print", "tip-receipt", "JB2026-000001", "-o", str(pdf)])) == 0
    assert "已于受理时告知" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert run(build_parser().parse_args(["--db", url, "print", "tip-transfer", "jb2026-000001", "-o", str(pdf)])) == 0
    assert "12339国家安全机关" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    rewards = tmp_path / "rw.pdf"
    assert run(build_parser().parse_args(["--db", url, "report", "rewards", "--month", "2026-11", "-o", str(rewards)])) == 0
    assert "举报奖励发放登记表" in "".join(p.extract_text() for p in PdfReader(rewards).pages)
    assert run(build_parser().parse_args(["--db", url, "print", "tip-reward", "JB2026-000001", "-o", str(pdf)])) == 1
    assert "尚未领取" in capsys.readouterr().err


def test_the_longest_texts_print_on_every_paper(tmp_path: Path) -> None:
    from policeroom.reports.tips import papers
    from policeroom.services.tips.types import TipPaper
    from tests.reports.test_embedded_fonts import unembedded_fonts

    p = TipPaper(room_name="安" * 60, station="和" * 60, number="JB2026-000001", category="出租屋及“三小”场所隐患" * 3,
                 received_at=datetime(2026, 1, 1), receiver="王" * 50, code="1234567890123456", transfer_to="单" * 60,
                 transfer_note="说" * 500, transferred_at=datetime(2026, 1, 2), subject="象" * 100,
                 content="线索内容很长" * 666, reward_rule="规" * 60, reward_tier="档" * 60, amount=10**7,
                 claim_method="代领（书面委托）", claim_proxy=True, claimed_at=datetime(2026, 2, 1),
                 claim_deadline=date(2026, 3, 1), lapsed_on=date(2026, 3, 2), notified_at=datetime(2026, 1, 5))  # fmt: skip
    for render in (papers.receipt_pdf, papers.transfer_letter_pdf, papers.reward_receipt_pdf, papers.lapse_notice_pdf):
        path = tmp_path / f"{render.__name__}.pdf"
        path.write_bytes(render(p))
        assert unembedded_fonts(path) == [], render.__name__
    from policeroom.reports.tips.ledger import reward_register_pdf
    from policeroom.services.tips.types import RewardLine

    line = RewardLine("JB2026-000001", "涉毒", "规" * 60, "档" * 60, 10**7, "王建军", datetime(2026, 1, 1), None, "", "待领取")
    path = tmp_path / "register.pdf"
    path.write_bytes(reward_register_pdf([line] * 60, "安华里社区警务室", date(2026, 1, 1), datetime(2026, 2, 1)))
    assert unembedded_fonts(path) == [] and len(PdfReader(path).pages) > 1
    assert len(PdfReader(io.BytesIO(papers.transfer_letter_pdf(p))).pages) >= 2
