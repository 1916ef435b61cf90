"""证明 tab: the 出具登记簿 of 志愿服务记录证明 — issue (a numbered snapshot), reprint, void (the officer's)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.activities.types import CertificateData
from policeroom.services.registry import Services
from policeroom.ui.activities.common import (
    VolunteerPicker,
    ask_text,
    export_view,
    hours,
    run,
    selected_id,
    table,
)
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.table import Column, ListTableModel

KIND = "certificate"

COLUMNS = [
    Column(tr("证明编号"), lambda r: r.number),
    Column(tr("志愿者"), lambda r: f"{r.volunteer_name}（{r.volunteer_number}）"),
    Column(tr("证明时长（小时）"), lambda r: hours(r.minutes), align_right=True),
    Column(tr("服务期间"), lambda r: f"{r.period_from or ''} 至 {r.period_to or ''}" if r.period_from else ""),
    Column(tr("出具日期"), lambda r: str(r.issued_on)),
    Column(tr("经办人"), lambda r: r.issuer),
    Column(tr("状态"), lambda r: tr("已作废：{reason}").format(reason=r.void_reason) if r.voided else tr("有效")),
]


class CertificatesTab(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.model = ListTableModel(COLUMNS, lambda _k, _d: services.certificates.register())
        self.view = table(self.model, [150, 170, 130, 200, 100, 80])
        self.issue_button = QPushButton(tr("出具证明"))
        self.reprint_button = QPushButton(tr("重印"))
        self.void_button = QPushButton(tr("作废"))
        self.export_button = QPushButton(tr("导出Excel"))
        self.export_button.clicked.connect(lambda: export_view(self, services, self.view, tr("志愿服务记录证明出具登记簿")))
        self.issue_button.clicked.connect(lambda: self.issue())
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.void_button.clicked.connect(lambda: self.void())
        self.issue_button.setEnabled(not services.actor.limited_to_grids)
        self.void_button.setEnabled(services.actor.role.value == "officer")
        bar = QHBoxLayout()
        for b in (self.issue_button, self.reprint_button, self.void_button, self.export_button):
            bar.addWidget(b)
        bar.addStretch(1)
        note = QLabel(tr("出具登记簿：证明所载时长为出具之日已确认的时长；作废须写明原因，作废的证明仍留在登记簿中。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        self.empty = QLabel(tr("还没有出具过志愿服务记录证明。点击“出具证明”并选择志愿者。"))
        self.empty.setStyleSheet("color: #757575; font-size: 14px; padding: 24px;")
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(note)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty)
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in (KIND, "points", "participation") else None)
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.empty.setVisible(self.model.rowCount() == 0)

    def issue(self, volunteer_id: int | None = None, full_id: bool = False, preview: bool = True) -> CertificateData | None:
        if volunteer_id is None:
            dlg = IssueDialog(self.services, self)
            if not dlg.exec():
                return None
            volunteer_id, full_id = dlg.picker.volunteer_id(), dlg.full_id.isChecked()
            if volunteer_id is None:
                return None
        out: list[CertificateData] = []
        if not run(self, lambda: out.append(self.services.certificates.issue(volunteer_id, full_id=full_id))):
            return None
        self.bus.notify(KIND, out[0].id)
        if preview:
            self._show(out[0])
        return out[0]

    def reprint(self, cert_id: int | None = None) -> None:
        cert_id = cert_id or selected_id(self.view)
        if cert_id is not None:
            self._show(self.services.certificates.get(cert_id))

    def _show(self, cert: CertificateData) -> None:
        from policeroom.reports.activities.papers import certificate_pdf
        from policeroom.ui.widgets.pdf_preview import show_pdf

        self.services.record_output("print", f"志愿服务记录证明 {cert.number}")
        show_pdf(self, certificate_pdf(cert), f"志愿服务记录证明-{cert.volunteer_number}-{cert.issued_on:%Y%m%d}.pdf")

    def void(self, cert_id: int | None = None, reason: str | None = None) -> bool:
        cert_id = cert_id or selected_id(self.view)
        if cert_id is None:
            return False
        if reason is None:
            reason, ok = ask_text(self, tr("作废证明"), tr("作废原因"))
            if not ok:
                return False
        done = run(self, self.services.certificates.void, cert_id, reason)
        if done:
            self.bus.notify(KIND, cert_id)
        return done


class IssueDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("出具志愿服务记录证明"))
        self.picker = VolunteerPicker(services)
        self.full_id = QCheckBox(tr("证件号码完整显示（志愿者本人要求时）"))
        form = QFormLayout(self)
        form.addRow(tr("志愿者"), self.picker)
        form.addRow("", self.full_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("出具"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
