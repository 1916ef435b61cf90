"""Issue 12, item 10: one writer rule for every xlsx: text that looks like a formula stays text."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from policeroom.models import MemberRole
from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
from policeroom.reports.roster.pdf import roster_xlsx
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from tests.conftest import signed_in_args

NASTY = ['=HYPERLINK("http://x.example/","值班")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def _texts(data: bytes) -> dict[str, tuple[str, bool]]:
    ws = load_workbook(io.BytesIO(data)).active
    return {c.value: (c.data_type, bool(c.quotePrefix)) for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


@pytest.mark.parametrize("text", NASTY)
def test_list_writer_writes_formula_like_text_as_quoted_text(text: str) -> None:
    cells = _texts(list_xlsx("名单", [XlsxColumn("姓名")], [[text]]))
    assert cells[text.replace("\r", "\n")] == ("s", True)  # XML reads a lone CR back as LF


def test_roster_writes_a_member_named_like_a_formula_as_text(officer: Services) -> None:
    names = [NASTY[0], "+张三+1", "-李四", "@王五"]  # a name needs a letter (item 6)
    for name in names:
        officer.team.create(MemberInput(name=name, role=MemberRole.staff))
    view = officer.roster.view(date(2026, 11, 23), date(2026, 11, 29))
    data = roster_xlsx(view, officer.settings.get())
    cells = _texts(data)
    for name in names:
        assert cells[name] == ("s", True), name
    assert load_workbook(io.BytesIO(data)).active.freeze_panes == "C3"


@pytest.mark.today(date(2026, 2, 10))
def test_export_roster_without_dates_is_this_month(officer: Services, db, tmp_path, capsys) -> None:  # noqa: ANN001
    from policeroom.cli.commands import _COMMANDS
    from policeroom.cli.parser import build_parser

    officer.team.create(MemberInput(name="刘晓燕", role=MemberRole.staff))
    out = tmp_path / "r.xlsx"
    args = build_parser().parse_args(["--db", "x", "export", "roster", "-o", str(out)])
    assert _COMMANDS["export"](db, signed_in_args(db, args)) == 0
    assert "2026-02-01 至 2026-02-28" in capsys.readouterr().out
    assert load_workbook(out).active.freeze_panes == "C3"


def test_cli_dispute_ledger_colours_red_and_orange_rows(tmp_path) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from policeroom.models import Risk
    from policeroom.reports.mediation.ledger import RISK_FILLS, risk_fill

    assert risk_fill(SimpleNamespace(risk=Risk.red)) == RISK_FILLS[Risk.red]
    assert risk_fill(SimpleNamespace(risk=Risk.orange)) == "FFE5CC"
    assert risk_fill(SimpleNamespace(risk=Risk.yellow)) is None
