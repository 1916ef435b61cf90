"""The certificate's text equals the ledger at issue (a snapshot); passbook, voucher and sign-in sheet; the CLI."""

from __future__ import annotations

import io
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from policeroom.__main__ import main
from policeroom.errors import DomainError, PermissionDenied
from policeroom.models import AccountRole
from policeroom.reports.activities.papers import certificate_pdf, passbook_pdf, signin_sheet_pdf, voucher_pdf
from policeroom.services.activities.rules import fmt_hours, fmt_points
from policeroom.services.registry import Services
from tests.activities.conftest import activity_input
from tests.conftest import actor

pytestmark = [pytest.mark.today(datetime(2026, 11, 20, 22, 0)), pytest.mark.usefixtures("cli_as_officer")]  # the commands sign in


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")


def serve(officer: Services, place, v: int, start_h: int, minutes: int, title: str = "夜间义巡") -> int:  # noqa: ANN001
    start = datetime(2026, 11, 20, start_h)
    aid = officer.activities.create(activity_input(place, start, start.replace(hour=start_h + 3), title=title))
    pid = officer.participation.apply(aid, v)
    officer.participation.accept(pid)
    officer.participation.record_minutes(pid, minutes)
    officer.participation.confirm(pid)
    return pid


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)


def test_certificate_is_the_ledger_at_issue(officer, place) -> None:  # noqa: ANN001
    v = place.volunteers[0]
    serve(officer, place, v, 8, 150, "反诈宣传进社区")
    serve(officer, place, v, 12, 95, "法律咨询进楼门")
    cert = officer.certificates.issue(v)
    assert cert.number == "志证〔2026〕第1号"
    text = text_of(certificate_pdf(cert))
    minutes = officer.points.standing(v).minutes
    assert minutes == 245 and f"服务时长累计{fmt_hours(minutes)}小时" in text
    assert "反诈宣传进社区" in text and "法律咨询进楼门" in text and "ZY2026-0001" in text
    assert "11010519491231002X" not in text and "110105********002X" in text  # masked unless asked
    serve(officer, place, v, 16, 60)  # later hours do not change the certificate
    again = text_of(certificate_pdf(officer.certificates.get(cert.id)))
    assert again == text
    assert officer.certificates.issue(v).number == "志证〔2026〕第2号"


def test_void_is_the_officers_and_shows(officer, place) -> None:  # noqa: ANN001
    v = place.volunteers[0]
    serve(officer, place, v, 8, 60)
    cert = officer.certificates.issue(v)
    staff = Services(officer.ctx.sessions, actor(AccountRole.staff))
    with pytest.raises(PermissionDenied):
        staff.certificates.void(cert.id, "写错")
    worker = Services(officer.ctx.sessions, actor(AccountRole.grid_worker, (place.grid_a,)))
    with pytest.raises(PermissionDenied):
        worker.certificates.issue(v)
    officer.certificates.void(cert.id, "姓名有误")
    with pytest.raises(DomainError, match="已作废"):
        officer.certificates.void(cert.id, "再作废")
    (row,) = officer.certificates.register()
    assert row.voided and row.void_reason == "姓名有误"
    assert "【已作废】姓名有误" in text_of(certificate_pdf(officer.certificates.get(cert.id)))


def test_no_certificate_without_hours(officer, place) -> None:  # noqa: ANN001
    with pytest.raises(DomainError, match="还没有确认的服务时长"):
        officer.certificates.issue(place.volunteers[1])


def test_passbook_and_voucher(officer, place) -> None:  # noqa: ANN001
    v = place.volunteers[0]
    serve(officer, place, v, 8, 180)
    officer.points.bonus(v, 20, "年度表彰")
    item = officer.rewards.save_item(None, "超市提货券", 10, 3, None)
    rid = officer.rewards.apply(v, item)
    officer.rewards.approve(rid)
    number = officer.rewards.issue(rid)
    book = officer.certificates.passbook(v)
    assert [ln.balance for ln in book.lines] == [30, 230, 130]
    assert book.lines[0].hours_in == 180 and book.lines[0].points_in == 30 and book.lines[2].points_out == 100
    text = text_of(passbook_pdf(book))
    assert "3.0小时/3分" in text and fmt_points(book.points) in text and "兑换超市提货券" in text
    vtext = text_of(voucher_pdf(officer.rewards.by_number(number), "安华里社区警务室"))
    assert vtext.count(number) == 2 and "存根" in vtext and "核销人" in vtext


def test_signin_sheet(officer, place) -> None:  # noqa: ANN001
    aid = officer.activities.create(activity_input(place, datetime(2026, 11, 21, 9), datetime(2026, 11, 21, 11),
                                                   needs="治安员:2", risky=True))  # fmt: skip
    officer.participation.apply(aid, place.volunteers[0], "治安员")
    text = text_of(signin_sheet_pdf(officer.activities.get(aid), [("ZY2026-0001", "志愿者甲0", "治安员")], "安华里社区警务室"))
    assert "志愿服务活动签到表" in text and "治安员2人" in text and "ZY2026-0001" in text and "须已投保" in text


def test_cli(officer, place, db, tmp_path, capsys) -> None:  # noqa: ANN001
    v = place.volunteers[0]
    serve(officer, place, v, 8, 120)
    item = officer.rewards.save_item(None, "毛巾", 1, 3, None)
    rid = officer.rewards.apply(v, item)
    officer.rewards.approve(rid)
    number = officer.rewards.issue(rid)
    db.close()
    base = ["--db", str(db.path)]
    assert main([*base, "certificate", "issue", "ZY2026-0001", "-o", str(tmp_path / "c.pdf")]) == 0
    assert "2.0小时" in text_of((tmp_path / "c.pdf").read_bytes())
    assert main([*base, "print", "passbook", "zy2026-0001", "-o", str(tmp_path / "p.pdf")]) == 0
    assert main([*base, "print", "voucher", number, "-o", str(tmp_path / "v.pdf")]) == 0
    assert main([*base, "print", "voucher", "DH2026-999999", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "没有编号为 DH2026-999999 的兑换券" in capsys.readouterr().err
    assert main([*base, "export", "points", "-o", str(tmp_path / "p.xlsx")]) == 0
    ws = load_workbook(tmp_path / "p.xlsx").active
    assert [c.value for c in ws[2]][:6] == ["志愿者编号", "姓名", "时间", "类别", "摘要", "变动"]
    assert [c.value for c in ws[3]][5:7] == [2, 2] and [c.value for c in ws[4]][5:7] == [-1, 1]
    assert main([*base, "export", "activities", "-o", str(tmp_path / "a.xlsx")]) == 0
    assert main([*base, "verify"]) == 0
    assert "余额与明细之和一致" in capsys.readouterr().out
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE points_entry SET amount = 500 WHERE id = 1")
    conn.commit()
    conn.close()
    assert main([*base, "verify"]) == 1
    assert "积分台账" in capsys.readouterr().out


def test_every_paper_embeds_its_fonts(officer, place, tmp_path) -> None:  # noqa: ANN001
    from tests.reports.test_embedded_fonts import unembedded_fonts

    v = place.volunteers[0]
    serve(officer, place, v, 8, 120)
    item = officer.rewards.save_item(None, "毛巾", 1, 3, None)
    rid = officer.rewards.apply(v, item)
    officer.rewards.approve(rid)
    number = officer.rewards.issue(rid)
    aid = officer.activities.rows()[0].id
    papers = {
        "certificate": certificate_pdf(officer.certificates.issue(v)),
        "passbook": passbook_pdf(officer.certificates.passbook(v)),
        "voucher": voucher_pdf(officer.rewards.by_number(number), "安华里社区警务室"),
        "sheet": signin_sheet_pdf(officer.activities.get(aid), [], "安华里社区警务室"),
    }
    for name, pdf in papers.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        assert unembedded_fonts(path) == [], name
