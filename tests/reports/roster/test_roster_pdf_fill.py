"""Issue 11: the month roster fills the A4 landscape page in 9 pt or more (it was 7 pt in the top third), and
prints 所值班 on the officer's days off."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from policeroom.reports.roster.pdf import roster_pdf
from policeroom.services.registry import Services
from tests.ui.roster.test_roster_ui import _team


def _sizes_and_lowest(data: bytes) -> tuple[list[float], float, float, str]:
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    sizes = [float(x) for x in re.findall(r"/F[\w+]+\s+([\d.]+)\s+Tf", content)]
    ys: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, fd, fs: ys.append(tm[5] + cm[5]) if text.strip() else None)
    return sizes, min(ys), float(page.mediabox.height), page.extract_text()


@pytest.mark.today(datetime(2026, 12, 5, 9, 0))
def test_month_roster_fills_the_page_in_nine_points(officer: Services) -> None:
    _team(officer)
    start, end = date(2027, 1, 1), date(2027, 1, 31)
    officer.roster.generate(start, end)
    data = roster_pdf(officer.roster.view(start, end), officer.settings.get(), title="月值班表")
    sizes, lowest, height, text = _sizes_and_lowest(data)
    assert sizes and min(sizes) >= 9, sorted(set(sizes))
    # the signature line at the foot sits in the bottom fifth of the page: the table fills the page
    assert lowest < height * 0.2, (lowest, height)
    assert "所值班" in text and "编制人" in text
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
