"""The official documents of people's mediation (人民调解文书, 2010 formats) and the 治安调解协议书, as A4 PDFs.

Plain data in (``services.mediation_docs.CaseDoc``), PDF bytes out; no Qt, no database. Every document
is set in the Song-style font "PoliceroomSong" (embedded as a subset). Entry point: :func:`render`.
"""

from __future__ import annotations

from datetime import date

from policeroom.reports.core.fonts import chinese_line_breaking, register_song_font
from policeroom.reports.mediation.layout import Ctx, Doc, make_styles
from policeroom.reports.mediation.pages import build_pdf
from policeroom.services.core import clock
from policeroom.services.mediation.docs import FORMS, CaseDoc
from policeroom.services.mediation.forms import form_title


def default_date(form: str, case: CaseDoc) -> date:
    """The date a form carries when none is given (ages on the form are computed on it)."""
    if form in ("agreement", "oral-agreement", "public-order-agreement"):
        return case.agreed_on or case.accepted_on
    if form == "revisit" and case.visits:
        return case.visits[-1].visited_on
    if form in ("investigation", "session"):
        records = case.investigations if form == "investigation" else case.sessions
        if records:
            return records[-1].at.date()
    if form == "casefile":
        return case.archived_on or clock.today()
    return case.accepted_on


def documents(form: str, ctx: Ctx, record_index: int | None = None) -> list[Doc]:
    """The documents one form prints (several for investigation/session/revisit records)."""
    from policeroom.reports.mediation import agreements, public_order, records

    if form == "application":
        return [agreements.application(ctx)]
    if form == "intake":
        if ctx.case.kind == "public_order":
            return [public_order.public_order_intake(ctx)]
        return [agreements.intake(ctx)]
    if form == "agreement":
        return [agreements.agreement(ctx)]
    if form == "oral-agreement":
        return [agreements.oral_agreement(ctx)]
    if form == "public-order-agreement":
        return [public_order.public_order_agreement(ctx)]
    if form == "investigation":
        return records.investigations(ctx, record_index)
    if form == "session":
        return records.sessions(ctx, record_index)
    if form == "revisit":
        return records.revisits(ctx, record_index)
    raise ValueError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}")


def render(form: str, case: CaseDoc, *, record_index: int | None = None, doc_date: date | None = None) -> bytes:
    """Render one document (or the whole case file) of ``case`` as PDF bytes.

    Args:
        form: One of ``FORMS``: application, intake, investigation, session, agreement, oral-agreement,
            revisit, public-order-agreement, casefile.
        case: The case's plain data.
        record_index: For investigation / session / revisit: print only that record (0-based index
            among the records of that kind); by default all of them, each from a new page.
        doc_date: The date written on the document and used to compute ages; by default the date the
            document belongs to (agreement: 达成协议日期, records: their own date, ...).

    Raises:
        ValueError: Unknown form, or ``record_index`` out of range.
    """
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}")
    font = register_song_font()
    chinese_line_breaking()
    ctx = Ctx(case=case, day=doc_date or default_date(form, case), st=make_styles(font))
    if form == "casefile":
        from policeroom.reports.mediation.casefile import render_casefile

        return render_casefile(ctx)
    docs = documents(form, ctx, record_index)
    author = case.station if case.kind == "public_order" else case.committee_name
    pdf, _starts = build_pdf(docs, font, title=f"{form_title(form, case.kind)} {case.number}", author=author)
    return pdf


__all__ = ["default_date", "documents", "render"]
