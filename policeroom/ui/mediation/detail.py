"""One mediation case: its registration, records, agreement, performance, visits and documents; the next step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import (
    CASE_KIND_LABELS,
    CASE_SOURCE_LABELS,
    CASE_STATUS_LABELS,
    PARTY_ROLE_LABELS,
    CaseKind,
    CaseStatus,
    RecordKind,
)
from policeroom.services.mediation.docs import FORM_TITLES, available_forms, chinese_date
from policeroom.services.mediation.rules import MOVE_LABELS
from policeroom.services.mediation.types import CaseDetail
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.mediation import steps
from policeroom.ui.widgets.forms import tr

KIND = "mediation_case"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels([tr(h) for h in headers])
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def _fill(t: QTableWidget, rows: list[list[str]], ids: list[int] | None = None) -> None:
    t.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if ids is not None:
                item.setData(Qt.ItemDataRole.UserRole, ids[i])
            t.setItem(i, j, item)


class CaseDetailDialog(QDialog):
    """The case file on screen. Every step is a button that opens its form; moves not allowed are not offered."""

    def __init__(
        self, services: Services, bus: ChangeBus, case_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.bus, self.case_id = services, bus, case_id
        self.case: CaseDetail = services.cases.get(case_id)
        self.setWindowTitle(tr("调解案件 {n}").format(n=self.case.number))
        self.resize(1100, 680)  # within a 1366×768 laptop, title bar and taskbar included
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.summary = QTextBrowser()
        self.edit_button = QPushButton(tr("编辑登记"))
        self.edit_button.clicked.connect(self.edit_case)
        self.tabs.addTab(self._with_buttons(self.summary, [self.edit_button]), tr("基本情况"))

        self.records = _table(["类别", "时间", "地点", "事由 / 被调查人", "记录人", "记录"])
        self.records.doubleClicked.connect(lambda _i: self.edit_record())
        self.add_investigation = QPushButton(tr("新增调查记录"))
        self.add_session = QPushButton(tr("新增调解记录"))
        self.edit_record_button = QPushButton(tr("编辑记录"))
        self.print_record_button = QPushButton(tr("打印此记录"))
        self.add_investigation.clicked.connect(lambda: self.add_record(RecordKind.investigation))
        self.add_session.clicked.connect(lambda: self.add_record(RecordKind.session))
        self.edit_record_button.clicked.connect(self.edit_record)
        self.print_record_button.clicked.connect(self.print_record)
        self.tabs.addTab(
            self._with_buttons(self.records, [self.add_investigation, self.add_session, self.edit_record_button,
                                              self.print_record_button]), tr("调查与调解记录"))  # fmt: skip

        self.agreement = QTextBrowser()
        self.agreement_button = QPushButton(tr("录入协议"))
        self.performance_button = QPushButton(tr("登记履行情况"))
        self.confirmation_button = QPushButton(tr("申请司法确认"))
        self.agreement_button.clicked.connect(lambda: self.step(steps.AgreementDialog))
        self.performance_button.clicked.connect(lambda: self.step(steps.PerformanceDialog))
        self.confirmation_button.clicked.connect(lambda: self.step(steps.ConfirmationDialog))
        self.tabs.addTab(
            self._with_buttons(
                self.agreement, [self.agreement_button, self.performance_button, self.confirmation_button]
            ),
            tr("协议与履行"),
        )
        self.visits = _table(["回访时间", "回访人", "方式", "履行情况", "满意度", "新矛盾", "其他情况"])
        self.visit_button = QPushButton(tr("回访"))
        self.visit_button.clicked.connect(lambda: self.step(steps.VisitDialog))
        self.tabs.addTab(self._with_buttons(self.visits, [self.visit_button]), tr("回访"))

        self.documents = QWidget()
        self.doc_layout = QVBoxLayout(self.documents)
        self.tabs.addTab(self.documents, tr("文书"))

        self.moves = QHBoxLayout()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        close.rejected.connect(self.reject)
        self.history_button = QPushButton(tr("修改记录"))
        self.history_button.clicked.connect(self.show_history)
        bottom = QHBoxLayout()
        bottom.addLayout(self.moves)
        bottom.addStretch(1)
        bottom.addWidget(self.history_button)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self.refresh()

    @staticmethod
    def _with_buttons(body: QWidget, buttons: list[QPushButton]) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(body, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        return w

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        c = self.case = self.services.cases.get(self.case_id)
        d = c.data
        status = CaseStatus(c.status)
        attention = []
        if c.visit_due and status in (CaseStatus.agreed, CaseStatus.performed):
            attention.append(tr("回访期限 {d}").format(d=chinese_date(c.visit_due)))
        if c.confirmation_last_day and not c.confirmation_applied_on and status != CaseStatus.archived:
            attention.append(tr("司法确认申请期限至 {d}").format(d=chinese_date(c.confirmation_last_day)))
        self.header.setText(
            f"<span style='font-size:16px; font-weight:bold'>{_esc(c.number)}</span>　{_esc(d.title)}<br>"
            f"{CASE_KIND_LABELS[CaseKind(d.kind)]} · {tr('状态')}：<b>{CASE_STATUS_LABELS[status]}</b>"
            + (f" · <span style='color:#c62828'>{'；'.join(attention)}</span>" if attention else "")
        )
        self.summary.setHtml(self._summary_html(c))
        rec_rows = []
        for r in c.records:
            kind = RecordKind(r.kind)
            who = r.data.subject if kind is RecordKind.session else r.data.interviewee
            rec_rows.append([tr("调解记录") if kind is RecordKind.session else tr("调查记录"),
                             f"{r.data.at:%Y-%m-%d %H:%M}", r.data.place, who, r.data.recorder,
                             r.data.content.replace("\n", " ")[:60]])  # fmt: skip
        _fill(self.records, rec_rows, [r.id for r in c.records])
        self.agreement.setHtml(self._agreement_html(c))
        _fill(self.visits, [[f"{v.visited_on}", v.visitor, v.data.method, v.data.performance, v.data.satisfaction,
                             tr("有") if v.data.new_conflict else tr("无"), v.data.notes] for v in c.visits])  # fmt: skip
        archived = status == CaseStatus.archived
        for b in (self.edit_button, self.add_investigation, self.add_session, self.edit_record_button):
            b.setEnabled(not archived)
        self.agreement_button.setEnabled(status in (CaseStatus.mediating, CaseStatus.agreed))
        self.agreement_button.setText(
            tr("修改协议") if c.agreement and status == CaseStatus.agreed else tr("录入协议")
        )
        self.performance_button.setEnabled(
            status in (CaseStatus.agreed, CaseStatus.performed, CaseStatus.visited)
        )
        self.confirmation_button.setEnabled(c.confirmation_last_day is not None and not archived)
        self.visit_button.setEnabled(status in (CaseStatus.agreed, CaseStatus.performed, CaseStatus.visited))
        self._fill_moves(c)
        self._fill_documents(c)

    def _summary_html(self, c: CaseDetail) -> str:
        d = c.data
        parties = "".join(
            f"<tr><td>{PARTY_ROLE_LABELS[p.role]}</td><td><b>{_esc(p.name)}</b></td><td>{_esc(p.gender)}</td>"
            f"<td>{_esc(p.ethnicity)}</td><td>{_esc(p.occupation)}</td><td>{_esc(p.phone)}</td><td>{_esc(p.address)}</td></tr>"
            for p in c.parties
        )
        amount = f"{d.amount:,.2f} 元" if d.amount else "—"
        rows = [
            ("案件来源", CASE_SOURCE_LABELS[d.source]), ("纠纷类型", d.dispute_type),
            ("受理日期", chinese_date(d.accepted_on)), ("人民调解员" if d.kind == CaseKind.people else "主持调解民警", "、".join(c.mediators)),
            ("记录人", c.recorder or "—"), ("涉及金额", amount),
            ("来自排查台账", "、".join(c.entry_numbers) or "—"),
        ]  # fmt: skip
        head = "".join(f"<tr><td style='color:#616161'>{tr(k)}</td><td>{_esc(v)}</td></tr>" for k, v in rows)
        texts = "".join(
            f"<h4>{tr(k)}</h4><p>{_esc(v)}</p>"
            for k, v in (
                ("纠纷主要事实", d.facts),
                ("争议事项", d.issues),
                ("申请事项", d.claims),
                ("各方责任", d.responsibility),
            )
            if v
        )
        if c.failed_on:
            texts += f"<h4>{tr('调解不成')}</h4><p>{chinese_date(c.failed_on)}：{_esc(c.failed_reason)}</p>"
        return (f"<table cellpadding=3>{head}</table><h4>{tr('当事人')}</h4>"
                f"<table border=1 cellspacing=0 cellpadding=4>{parties}</table>{texts}")  # fmt: skip

    def _agreement_html(self, c: CaseDetail) -> str:
        a = c.agreement
        if a is None:
            return f"<p style='color:#757575'>{tr('尚未达成协议。调解达成一致后点击“录入协议”。')}</p>"
        terms = "".join(f"<li>{_esc(t)}</li>" for t in a.terms)
        parts = [
            f"<p><b>{tr('口头协议') if a.oral else tr('书面协议')}</b>，{chinese_date(a.agreed_on)}达成"
            + (f"，一式{a.copies}份" if a.copies else "") + "</p>",
            f"<ol>{terms}</ol>",
            f"<p>{tr('履行方式')}：{_esc(a.performance_method) or '—'}；{tr('履行期限')}：{chinese_date(a.performance_deadline) or '—'}"
            + (tr("（当场履行）") if a.performed_on_the_spot else "") + "</p>",
        ]  # fmt: skip
        if c.confirmation_last_day:
            applied = (
                tr("已于{d}向{court}申请").format(d=chinese_date(c.confirmation_applied_on), court=_esc(c.confirmation_court))
                + (f"，{_esc(c.confirmation_result)}" if c.confirmation_result else "")
                if c.confirmation_applied_on else tr("未申请")
            )  # fmt: skip
            parts.append(
                f"<p>{tr('司法确认')}：{tr('申请期限至')}{chinese_date(c.confirmation_last_day)}，{applied}</p>"
            )
        if c.performances:
            items = "".join(f"<li>{chinese_date(p.on)}：{_esc(p.content)}" + (f"（{tr('凭证')}：{_esc(p.proof)}）" if p.proof else "")
                            + "</li>" for p in c.performances)  # fmt: skip
            parts.append(f"<h4>{tr('履行情况')}</h4><ul>{items}</ul>")
        return "".join(parts)

    def _fill_moves(self, c: CaseDetail) -> None:
        while self.moves.count():
            w = self.moves.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        actions: dict[str, Callable[[], None]] = {
            CaseStatus.investigating.value: lambda: self.move(CaseStatus.investigating),
            CaseStatus.mediating.value: lambda: self.move(CaseStatus.mediating),
            CaseStatus.agreed.value: lambda: self.step(steps.AgreementDialog),
            CaseStatus.failed.value: lambda: self.step(steps.FailDialog),
            CaseStatus.performed.value: lambda: self.step(steps.PerformanceDialog, completed=True),
            CaseStatus.visited.value: lambda: self.step(steps.VisitDialog),
            CaseStatus.archived.value: lambda: self.step(steps.ArchiveDialog),
        }
        for target in c.next_steps:
            label = MOVE_LABELS[CaseStatus(target)] + (
                "…" if target not in ("investigating", "mediating") else ""
            )
            b = QPushButton(tr(label))
            b.setObjectName(f"move_{target}")
            b.clicked.connect(actions[target])
            self.moves.addWidget(b)

    def documents_available(self, c: CaseDetail) -> list[str]:
        """The documents this case can print now, in the case file's order."""
        return available_forms(
            people=c.data.kind == CaseKind.people, application=c.data.source.value == "application",
            record_kinds={RecordKind(r.kind).value for r in c.records},
            agreement=None if c.agreement is None else "oral" if c.agreement.oral else "written",
            visits=bool(c.visits),
        )  # fmt: skip

    def _fill_documents(self, c: CaseDetail) -> None:
        while self.doc_layout.count():
            item = self.doc_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        note = QLabel(
            tr("文书按2010年司法部人民调解文书格式生成（A4，内嵌字体），当事人签名、按指印后盖章生效。")
        )
        note.setWordWrap(True)
        self.doc_layout.addWidget(note)
        for form in self.documents_available(c):
            b = QPushButton(
                tr("一键生成卷宗（封面、卷内目录和全部文书）")
                if form == "casefile"
                else tr("打印 ") + FORM_TITLES[form]
            )
            b.setObjectName(f"print_{form}")
            b.clicked.connect(lambda _c=False, f=form: self.print_form(f))
            self.doc_layout.addWidget(b)
        self.doc_layout.addStretch(1)

    # -- acting ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.bus.notify(KIND, self.case_id)
        self.refresh()

    def move(self, target: CaseStatus) -> None:
        try:
            self.services.mediation.move(self.case_id, target)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法办理"), e.message)
            return
        self._changed()

    def step(self, dialog_class: type, **kw) -> None:  # noqa: ANN003
        dlg = dialog_class(self.services, self.case, parent=self, **kw)
        dlg.exec()
        if dlg.saved_id is not None:
            self._changed()

    def edit_case(self) -> None:
        from policeroom.ui.mediation.case_form import CaseDialog

        dlg = CaseDialog(self.services, self.case_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self._changed()

    def add_record(self, kind: RecordKind) -> None:
        self.step(steps.CaseRecordDialog, kind=kind)

    def _selected_record(self) -> int | None:
        rows = self.records.selectionModel().selectedRows()
        return self.records.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def edit_record(self) -> None:
        record_id = self._selected_record()
        if record_id is None:
            return
        rec = next(r for r in self.case.records if r.id == record_id)
        self.step(steps.CaseRecordDialog, kind=RecordKind(rec.kind), record_id=record_id)

    def print_record(self) -> None:
        record_id = self._selected_record()
        if record_id is None:
            QMessageBox.information(self, tr("打印记录"), tr("请先在列表中选中一条记录。"))
            return
        rec = next(r for r in self.case.records if r.id == record_id)
        kind = RecordKind(rec.kind)
        index = [r.id for r in self.case.records if RecordKind(r.kind) is kind].index(record_id)
        self.print_form("investigation" if kind is RecordKind.investigation else "session", index)

    def render(self, form: str, record_index: int | None = None) -> bytes:
        from policeroom.reports.mediation import render
        from policeroom.services.mediation.docs import form_refusal

        doc = self.services.cases.doc(self.case_id)
        refusal = form_refusal(form, doc)
        if refusal:  # the paper needs what the case lacks (DomainError: shown in the window)
            raise DomainError(refusal)
        return render(form, doc, record_index=record_index)

    def print_form(self, form: str, record_index: int | None = None) -> None:
        from policeroom.ui.widgets.pdf_output import present_pdf

        try:
            data = self.render(form, record_index)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法生成"), e.message)
            return
        number = self.case.number.replace("（", "(").replace("）", ")")
        # personal data leaves the screen: the history says who opened it for printing or saving
        self.services.record_output("print", f"{FORM_TITLES[form]} {self.case.number}")
        present_pdf(self, data, f"{FORM_TITLES[form]}-{number}.pdf")

    def show_history(self) -> None:
        from policeroom.ui.widgets.history import HistoryDialog

        HistoryDialog(self.case.number, self.services.history(KIND, self.case_id), self).exec()
