"""Issue 12, item 8: every document lays out whatever the services accept.

A 2,100-character 被调查人 once made the 调查记录 and the whole 卷宗 unprintable (a cell taller than a
page) and a 1 MB feedback took 332 s to print. Here every text field is filled to the limit the
services enforce (the model column's length, or ``TEXT_LIMIT`` for long text: the same source the
forms' ``setMaxLength`` reads), and every document must render, read back with pypdf, hold the text
(split across pages) and take a reasonable time.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import date, timedelta

import pytest

from policeroom.models import Satisfaction
from policeroom.models.mediation import CaseParty, CaseRecord, CaseVisit, MediationCase, Performance
from policeroom.models.requests import AssistanceRequest, RequestAction
from policeroom.reports.mediation import render
from policeroom.services.core.text import TEXT_LIMIT
from policeroom.services.mediation.docs import FORMS, PerformanceDoc, VisitDoc
from tests.reports.mediation.test_mediation_docs import INVESTIGATION, LI, SESSION, ZHANG, make_case, pdf_text
from tests.reports.requests.test_request_form import (
    T0,
    Room,
    flat,
    register,
    room,  # noqa: F401 - fixture
)
from tests.reports.requests.test_request_form import render as render_request

SECONDS = 30  # per document; measured at about 6 s for the 73-page case file on a loaded machine
PHRASE = "楼上卫生间漏水渗到楼下，"


def fill(model: type, column: str, phrase: str = PHRASE) -> str:
    """Text exactly as long as the services accept for ``model.column``."""
    n = getattr(model.__table__.c[column].type, "length", None) or TEXT_LIMIT
    return (phrase * (n // len(phrase) + 1))[:n]


def longest_case(kind: str = "people"):  # noqa: ANN201
    p = {c: fill(CaseParty, c) for c in ("name", "gender", "ethnicity", "occupation", "address")}
    r = {c: fill(CaseRecord, c) for c in ("place", "subject", "parties_present", "participants", "interviewee",
                                        "investigator", "recorder", "content", "result")}
    return make_case(
        kind=kind, title=fill(MediationCase, "title"), facts=fill(MediationCase, "facts"),
        issues=fill(MediationCase, "issues"), claims=fill(MediationCase, "claims"),
        responsibility=fill(MediationCase, "responsibility"), parties=(replace(ZHANG, **p), replace(LI, **p)),
        records=(replace(INVESTIGATION, **r), replace(SESSION, **r)), terms=(fill(MediationCase, "terms"),),
        performance_method=fill(MediationCase, "performance_method"),
        performances=(PerformanceDoc(on=date(2026, 12, 3), content=fill(Performance, "content"),
                                     proof=fill(Performance, "proof")),),
        visits=(VisitDoc(visited_on=date(2026, 12, 10), visitor=fill(CaseParty, "name"),
                         method=fill(CaseVisit, "method"), reason=fill(CaseVisit, "reason"),
                         parties=fill(CaseVisit, "parties"), performance=fill(CaseVisit, "performance"),
                         satisfaction=fill(CaseVisit, "satisfaction"), notes=fill(CaseVisit, "notes")),),
        file_remarks=fill(MediationCase, "file_remarks"),
    )


def cases():  # noqa: ANN201
    for form in FORMS:
        kind = "public_order" if form == "public-order-agreement" else "people"
        yield pytest.param(form, kind, id=form)
    for form in ("intake", "investigation", "session", "casefile"):
        yield pytest.param(form, "public_order", id=f"public_order-{form}")


@pytest.mark.parametrize(("form", "kind"), list(cases()))
def test_every_mediation_document_lays_out_the_longest_accepted_text(form: str, kind: str) -> None:
    case = longest_case(kind)
    if form == "oral-agreement":
        case = replace(case, agreement_kind="oral")
    started = time.perf_counter()
    pages = pdf_text(render(form, case))
    assert time.perf_counter() - started < SECONDS
    text = re.sub(r"第\d+页共\d+页", "", "".join(pages))
    assert len(pages) >= 2 and PHRASE * 3 in text
    if form in ("investigation", "casefile"):
        assert fill(CaseRecord, "interviewee")[:40] in text  # the 被调查人 that broke the 卷宗


def test_the_longest_accepted_request_prints_every_field(room: Room) -> None:  # noqa: F811
    rid = register(room, description=fill(AssistanceRequest, "description")[:4000], location=fill(AssistanceRequest, "location"),
                   leader=fill(AssistanceRequest, "leader"))
    rq = room.sv.requests
    long = fill(AssistanceRequest, "feedback")
    rq.dispatch(rid, room.worker, at=T0 + timedelta(minutes=20))
    rq.add_action(rid, T0 + timedelta(hours=1), None, fill(RequestAction, "content"))
    rq.add_action(rid, T0 + timedelta(hours=2), None, long)
    rq.feedback(rid, T0 + timedelta(hours=5), long)
    rq.visit(rid, T0 + timedelta(days=2), fill(AssistanceRequest, "visit_method"), Satisfaction.satisfied,
             fill(AssistanceRequest, "visit_remarks"))
    rq.close(rid, at=T0 + timedelta(days=2, hours=1))
    started = time.perf_counter()
    _pdf, pages = render_request(room, rid)
    assert time.perf_counter() - started < SECONDS
    text = flat("".join(pages))
    assert len(pages) >= 4 and flat(PHRASE * 3) in text


def test_the_longest_accepted_summary_texts_print(officer) -> None:  # noqa: ANN001
    """The weekly summary's four written sections at 5,000 characters each, and the longest signature."""
    from pypdf import PdfReader

    from policeroom.models.summary import WeeklySummary
    from policeroom.reports.summary.pdf import summary_pdf
    from policeroom.services.summary.types import parse_week
    from tests.services.summary.week_data import NOW, WEEK

    period = parse_week(WEEK)
    texts = officer.summary.summary(period, NOW).texts
    for key in ("key_work", "situation", "problems", "next_plan", "signed_by"):
        setattr(texts, key, fill(WeeklySummary, key))
    officer.summary.save_texts(period, texts)
    started = time.perf_counter()
    pdf = summary_pdf(officer.summary.summary(period, NOW), printed_at=NOW)
    assert time.perf_counter() - started < SECONDS
    pages = [p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf)).pages]
    assert len(pages) >= 4 and flat(PHRASE * 3) in flat("".join(pages))
