"""The agreement's layout: every paragraph of a typed text starts indented, and a short agreement
is one page (the terms' keep-together group once always jumped to page 2)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from policeroom.reports.mediation import render
from tests.reports.mediation.test_mediation_docs import make_case

SECOND = "十月二十日，楼下住户报警求助，社区民警到场后引导双方到人民调解委员会申请调解。"


def _line_starts(data: bytes) -> dict[str, float]:
    """The x position of each text run's first characters on page 1."""
    starts: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            starts.setdefault(text.strip()[:6], tm[4] * cm[0] + cm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return starts


def test_each_paragraph_of_the_facts_is_indented() -> None:
    facts = "双方系楼上楼下邻居，楼上住户装修期间多次在晚间施工。\n" + SECOND
    starts = _line_starts(render("agreement", make_case(facts=facts, issues="", responsibility="")))
    first, second = starts["双方系楼上楼"], starts[SECOND[:6]]
    margin = min(x for x in starts.values())
    assert first > margin + 15, "the first paragraph is indented by two characters"
    assert abs(second - first) < 1, "the second paragraph is indented as the first"


def test_two_terms_fit_on_one_page() -> None:
    case = make_case(terms=("韩刚退还货款并赔偿蔡福生人民币3500元。", "韩刚立即清理过期商品。"))
    assert len(PdfReader(io.BytesIO(render("agreement", case))).pages) == 1
