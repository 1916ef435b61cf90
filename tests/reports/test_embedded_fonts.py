"""Every PDF the program makes embeds every font it names (a viewer substitutes a font that is not embedded).

reportlab names Helvetica wherever a document or canvas is left with its default font (the canvas's
initial font, a paragraph style or a chart label without ``fontName``): Helvetica is not embedded,
and a PDF that names it renders differently on each machine. Documents are made the way a user
makes them, through the command line on the demo community.
"""

from __future__ import annotations

import argparse
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from policeroom.cli.commands import run
from policeroom.db import open_database
from policeroom.services.demo.seed import seed_demo
from policeroom.services.mediation.forms import FORMS as MEDIATION_FORMS
from policeroom.services.mediation.types import CaseFilter
from policeroom.services.registry import Services

pytestmark = pytest.mark.usefixtures("cli_as_demo_officer")  # the commands sign in

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> dict[str, str]:
    """A demo database and the numbers to print from it."""
    path = tmp_path_factory.mktemp("fonts") / "demo.db"
    shutil.copy(migrated_template, path)
    db = open_database("sqlite:///" + str(path))
    try:
        services = Services(db.sessions)
        seed_demo(services.ctx, residents=60, requests_per_year=20)
        cases = [(r.number, r.kind.value, services.cases.doc(r.id).agreement_kind)
                 for r in services.cases.rows(CaseFilter())]  # fmt: skip
        with db.engine.connect() as conn:
            request = conn.execute(
                text("SELECT number FROM assistance_request ORDER BY id LIMIT 1")
            ).scalar_one()
    finally:
        db.close()
    return {
        "db": str(path),
        "request": request,
        "written": next(n for n, kind, agreement in cases if kind == "people" and agreement == "written"),
        "oral": next(n for n, _kind, agreement in cases if agreement == "oral"),
        "public-order": next(n for n, kind, agreement in cases if kind != "people" and agreement),
    }


def _cli(db: str, command: str, **kw) -> int:  # noqa: ANN003
    return run(argparse.Namespace(db=db, command=command, **kw))


def _documents(demo: dict[str, str]) -> list[tuple[str, str, dict]]:
    today = date.today()
    week = f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    docs: list[tuple[str, str, dict]] = [
        ("request-form", "print", dict(form="request", number=demo["request"])),
        ("roster-week", "print", dict(form="roster", number=week)),
        ("roster-month", "print", dict(form="roster", number=f"{today:%Y-%m}")),
        ("duty-sheet", "print", dict(form="duty-sheet", number=today.isoformat())),
        ("work-log", "print", dict(form="work-log", number="", member="王建军", week=week)),
        ("weekly", "report", dict(kind="weekly", week=None, month=None, date_from=None, date_to=None)),
        ("monthly", "report", dict(kind="monthly", week=None, month=None, date_from=None, date_to=None)),
        ("disputes-monthly", "report",
         dict(kind="disputes-monthly", week=None, month=None, date_from=None, date_to=None)),
        # the demo's first drill of the market unit, 70 days ago (services/demo/forces.py)
        ("drill", "print", dict(form="drill", number="安华市场应急单元", date=(today - timedelta(days=70)).isoformat())),
    ]  # fmt: skip
    for form in MEDIATION_FORMS:
        number = {"oral-agreement": demo["oral"], "public-order-agreement": demo["public-order"]}.get(
            form, demo["written"]
        )
        # blank: a paper the case has no data for yet (a revisit before the visit) is refused otherwise
        docs.append((form, "print", dict(form=form, number=number, blank=form == "revisit")))
    return docs


def unembedded_fonts(path: Path) -> list[str]:
    """Names of the fonts of any page that carry no font program (FontFile/FontFile2/FontFile3)."""
    missing = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in fonts.get_object().values() if fonts is not None else []:
            font = font.get_object()
            parts = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            descriptors = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
            if not any(key in d for d in descriptors for key in FONT_FILES):
                missing.append(f"page {number}: {font.get('/BaseFont')}")
    return missing


def test_every_pdf_embeds_every_font(demo: dict[str, str], tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path / "logs"))
    problems = {}
    for name, command, kw in _documents(demo):
        out = tmp_path / f"{name}.pdf"
        assert _cli(demo["db"], command, output=str(out), **kw) == 0, name
        missing = unembedded_fonts(out)
        if missing:
            problems[name] = missing
    assert not problems, problems


def test_unembedded_font_is_detected(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "helvetica.pdf"
    pdf = Canvas(str(path))
    pdf.drawString(72, 720, "Helvetica")
    pdf.save()
    assert unembedded_fonts(path) == ["page 1: /Helvetica"]
