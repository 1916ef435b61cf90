"""Plain data for the mediation documents (人民调解文书): what `reports.mediation` prints.

The mediation service fills a `CaseDoc` from the database; report builders take it and return PDF
bytes. Nothing here imports Qt or reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from policeroom.services.core.dates import age_on, chinese_date  # noqa: F401 - re-exported for the forms
from policeroom.services.mediation.forms import FORM_TITLES, FORMS  # noqa: F401 - re-exported

AGREEMENT_FORMS = ("agreement", "oral-agreement", "public-order-agreement")


def agreement_form(*, people: bool, oral: bool) -> str:
    """The agreement document a case prints: 治安调解协议书, 口头协议登记表 or 人民调解协议书."""
    return "public-order-agreement" if not people else "oral-agreement" if oral else "agreement"


def available_forms(
    *, people: bool, application: bool, record_kinds: set[str], agreement: str | None, visits: bool
) -> list[str]:
    """The documents a case can print now, in the case file's order (the screen offers these)."""
    forms = []
    forms += ["application", "intake"] if application and people else ["intake"]
    forms += [k for k in ("investigation", "session") if k in record_kinds]
    if agreement is not None:
        forms.append(agreement_form(people=people, oral=agreement == "oral"))
    if visits and people:
        forms.append("revisit")
    forms.append("casefile")  # a 治安调解 file is the police station's (its own cover and papers)
    return forms


def form_refusal(form: str, case: CaseDoc, *, blank: bool = False) -> str | None:
    """Why ``form`` must not be printed for ``case``, or None.

    A paper needs what it records: no agreement before the case reached one, no revisit record
    before a visit, no record before one was written. A blank paper form to fill in by hand is a
    separate, explicit choice (``blank``). An agreement of the wrong kind is refused either way.
    """
    people = case.kind == "people"
    if form in AGREEMENT_FORMS:
        expected = agreement_form(people=people, oral=case.agreement_kind == "oral")
        if case.agreement_kind is None and people == (form != "public-order-agreement"):
            expected = form  # no agreement yet: any agreement form of the case's kind, when blank
        if form != expected:
            what = "治安调解" if not people else "口头协议" if case.agreement_kind == "oral" else "书面协议"
            return f"案件{case.number}是{what}，应打印 {expected}（{FORM_TITLES[expected]}）。"
    if blank:
        return None
    status = f"（当前状态：{case.status_label}）" if case.status_label else ""
    hint = "如需空白表格手工填写，请选择打印空白表格（命令行加 --blank）。"
    if form in AGREEMENT_FORMS and case.agreement_kind is None:
        return f"案件{case.number}尚未达成调解协议{status}，没有可打印的协议内容。{hint}"
    if form == "revisit" and not case.visits:
        return f"案件{case.number}还没有回访记录{status}，请先登记回访。{hint}"
    if form in ("investigation", "session") and not (case.investigations if form == "investigation" else case.sessions):
        what = "调查记录" if form == "investigation" else "调解记录"
        return f"案件{case.number}还没有{what}{status}。{hint}"
    return None


def blank_paper(case: CaseDoc, form: str) -> CaseDoc:
    """The case as a blank ``form`` to fill in by hand: its number, parties and names, nothing recorded."""
    from dataclasses import replace

    if form in AGREEMENT_FORMS:
        return replace(case, agreement_kind=None, agreed_on=None, terms=(), performance_method="",
                       performance_deadline=None, performed_on_the_spot=False)
    if form == "revisit":
        return replace(case, visits=())
    if form in ("investigation", "session"):
        return replace(case, records=tuple(r for r in case.records if r.kind != form))
    return case


@dataclass(frozen=True)
class PartyDoc:
    """A party as printed: 姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址."""

    role: str  # "applicant" | "respondent" | "other"
    role_label: str  # 申请人 / 被申请人 / 其他当事人
    name: str
    gender: str = ""
    ethnicity: str = ""
    birth_date: date | None = None
    age: int | None = None  # typed age, used when the birth date is unknown
    occupation: str = ""
    phone: str = ""
    address: str = ""
    id_number: str = ""

    def age_on(self, day: date) -> int | None:
        computed = age_on(self.birth_date, day)
        return computed if computed is not None else self.age


@dataclass(frozen=True)
class RecordDoc:
    """An investigation record (调查记录, kind "investigation") or session minutes (调解记录, "session")."""

    kind: str
    at: datetime
    place: str = ""
    subject: str = ""  # 事由 (sessions)
    parties_present: str = ""  # 当事人 (sessions)
    participants: str = ""  # 参加人
    interviewee: str = ""  # 被调查人 (investigations)
    investigator: str = ""  # 调查人 (investigations)
    recorder: str = ""  # 记录人
    content: str = ""  # 记录
    result: str = ""  # 调解结果 (sessions)


@dataclass(frozen=True)
class PerformanceDoc:
    on: date
    content: str
    proof: str = ""


@dataclass(frozen=True)
class VisitDoc:
    visited_on: date
    visitor: str = ""
    method: str = ""
    reason: str = ""
    parties: str = ""
    performance: str = ""
    satisfaction: str = ""
    new_conflict: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CaseDoc:
    """Everything the documents of one case print."""

    number: str  # （2026）安华人调字第15号
    kind: str  # "people" | "public_order"
    committee_name: str  # 安华里社区人民调解委员会
    station: str  # 和平里派出所
    room_name: str
    title: str  # 案由, e.g. 张三与李四邻里纠纷
    source: str  # "application" | "initiative" | "police" | "court" | "petition"
    source_label: str
    dispute_type: str
    accepted_on: date
    facts: str = ""  # 纠纷主要事实 / 纠纷简要情况
    issues: str = ""  # 争议事项
    claims: str = ""  # 当事人申请事项 (one per line)
    responsibility: str = ""  # 各方责任
    amount: float | None = None
    parties: tuple[PartyDoc, ...] = ()
    mediators: tuple[str, ...] = ()
    recorder: str = ""
    registrar: str = ""
    records: tuple[RecordDoc, ...] = ()
    agreement_kind: str | None = None  # "written" | "oral" | None
    agreed_on: date | None = None
    terms: tuple[str, ...] = ()
    performance_method: str = ""
    performance_deadline: date | None = None
    copies: int | None = None
    performed_on_the_spot: bool = False
    performances: tuple[PerformanceDoc, ...] = ()
    visits: tuple[VisitDoc, ...] = ()
    failed_on: date | None = None
    failed_reason: str = ""
    other_way_label: str = ""
    confirmation_last_day: date | None = None
    confirmation_applied_on: date | None = None
    confirmation_court: str = ""
    confirmation_result: str = ""
    archived_on: date | None = None
    filed_by: str = ""
    retention: str = "长期"
    file_remarks: str = ""
    status_label: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def applicants(self) -> tuple[PartyDoc, ...]:
        return tuple(p for p in self.parties if p.role == "applicant")

    @property
    def respondents(self) -> tuple[PartyDoc, ...]:
        return tuple(p for p in self.parties if p.role != "applicant")

    @property
    def investigations(self) -> tuple[RecordDoc, ...]:
        return tuple(r for r in self.records if r.kind == "investigation")

    @property
    def sessions(self) -> tuple[RecordDoc, ...]:
        return tuple(r for r in self.records if r.kind == "session")

    @property
    def mediation_dates(self) -> tuple[date, date | None]:
        """调解日期 自…至… for the case-file cover: acceptance to agreement / failure / last session."""
        ends = [d for d in (self.agreed_on, self.failed_on) if d] + [r.at.date() for r in self.sessions]
        return self.accepted_on, (max(ends) if ends else None)
