"""The mediation ledgers and documents from the command line (export disputes|mediations, print FORM NUMBER)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import text

from policeroom.cli.commands import run
from policeroom.db import open_database
from policeroom.services.demo.seed import seed_demo
from policeroom.services.mediation.types import CaseFilter
from policeroom.services.registry import Services

pytestmark = pytest.mark.usefixtures("cli_as_demo_officer")  # the commands sign in


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    try:
        seed_demo(Services(db.sessions).ctx, residents=60, requests_per_year=0)
    finally:
        db.close()
    return path


def cli(db_path: Path, command: str, **kw) -> int:  # noqa: ANN003
    return run(argparse.Namespace(db=str(db_path), command=command, **kw))


def _case_numbers(path: Path) -> list[tuple[str, str, str | None]]:
    """(number, kind, agreement kind: "written" / "oral" / None) of every case."""
    db = open_database("sqlite:///" + str(path), lock=False)
    try:
        sv = Services(db.sessions)
        return [(r.number, r.kind.value, sv.cases.doc(r.id).agreement_kind) for r in sv.cases.rows(CaseFilter())]
    finally:
        db.close()


def _count(path: Path, table: str) -> int:
    db = open_database("sqlite:///" + str(path), lock=False)
    try:
        with db.engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        db.close()


def test_export_disputes_and_mediations(demo_db: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    out = tmp_path / "纠纷.xlsx"
    assert (
        cli(demo_db, "export", what="disputes", date_from="2000-01-01", date_to="2100-12-31", output=str(out))
        == 0
    )
    entries = _count(demo_db, "dispute_entry")  # the demo's own 90, and those its 矛盾纠纷 grid events became
    assert f"矛盾纠纷 {entries} 条" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert "矛盾纠纷排查台账" in ws["A1"].value and ws["A2"].value == "编号" and ws.max_row == entries + 2
    assert "2000年1月1日至2100年12月31日" in ws["A1"].value  # issue 11 item 13: no zero-padded dates
    assert ws["B3"].number_format == "yyyy-mm-dd"  # dates are dates
    out = tmp_path / "案件.xlsx"
    assert (
        cli(
            demo_db,
            "export",
            what="mediations",
            date_from="2000-01-01",
            date_to="2100-12-31",
            output=str(out),
        )
        == 0
    )
    ws = load_workbook(out).active
    numbers = {n for n, _k, _a in _case_numbers(demo_db)}
    assert {ws.cell(r, 1).value for r in range(3, ws.max_row + 1)} == numbers


def test_print_agreement_by_case_number(demo_db: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    cases = _case_numbers(demo_db)
    number = next(n for n, kind, agreement in cases if kind == "people" and agreement == "written")
    out = tmp_path / "协议书.pdf"
    forms = ("agreement", "casefile")
    for form in forms:
        assert cli(demo_db, "print", form=form, number=number, output=str(out)) == 0
        assert str(out) in capsys.readouterr().out
        text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
        assert number in text
    oral = next(n for n, kind, agreement in cases if agreement == "oral")
    assert cli(demo_db, "print", form="agreement", number=oral, output=str(out)) == 1
    assert "是口头协议，应打印 oral-agreement（人民调解口头协议登记表）" in capsys.readouterr().err
    assert cli(demo_db, "print", form="oral-agreement", number=oral, output=str(out)) == 0
    capsys.readouterr()
    assert cli(demo_db, "print", form="agreement", number="（2026）安华人调字第999号", output=str(out)) == 1
    assert "没有编号为“（2026）安华人调字第999号”的调解案件" in capsys.readouterr().err


def test_demo_files_only_fitting_disputes_as_public_order(demo_db: Path) -> None:
    """Issue 11 item 6: the demo's 治安调解 cases are fights and damage out of neighbour disputes, not
    contract, consumer, labour or marriage disputes."""
    from policeroom.services.mediation.rules import PUBLIC_ORDER_DISPUTE_TYPES

    db = open_database("sqlite:///" + str(demo_db), lock=False)
    try:
        rows = Services(db.sessions).cases.rows(CaseFilter())
    finally:
        db.close()
    police = [r for r in rows if r.kind.value == "public_order"]
    assert police and all(r.dispute_type in PUBLIC_ORDER_DISPUTE_TYPES for r in police)


def test_paper_needs_what_it_records_and_blank_is_explicit(demo_db: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    """Issue 11 item 8: no 协议书 for a case still 调解中, no 回访记录 without a visit; --blank prints the form."""
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    out = tmp_path / "x.pdf"
    cases = _case_numbers(demo_db)
    pending = next(n for n, kind, agreement in cases if kind == "people" and agreement is None)
    assert cli(demo_db, "print", form="agreement", number=pending, output=str(out)) == 1
    err = capsys.readouterr().err
    assert "尚未达成调解协议" in err and "--blank" in err and not out.exists()
    assert cli(demo_db, "print", form="revisit", number=pending, output=str(out)) == 1
    assert "还没有回访记录" in capsys.readouterr().err and not out.exists()
    assert cli(demo_db, "print", form="agreement", number=pending, output=str(out), blank=True) == 0
    assert "空白人民调解协议书" in capsys.readouterr().out
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace(" ", "")
    assert pending in text and "人民调解协议书" in text and "2026年" not in text.replace(pending, "")


@pytest.mark.parametrize("brackets", ["()", "（）", "〔〕", "[]"])
def test_case_number_with_any_brackets(demo_db: Path, tmp_path: Path, monkeypatch, capsys, brackets: str) -> None:  # noqa: ANN001
    """Issue 11 item 10: a terminal types (2026)安华人调字第1号; all bracket forms name the same case."""
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    out = tmp_path / "卷宗.pdf"
    typed = f"{brackets[0]}2026{brackets[1]}安华人调字第1号 "
    assert cli(demo_db, "print", form="intake", number=typed, output=str(out)) == 0
    assert "（2026）安华人调字第1号" in capsys.readouterr().out
