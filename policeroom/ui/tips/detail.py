"""One tip (办理线索): what was reported, 举报人 已密封 (查看举报人 for the officer, with a reason), the
moves open now, the papers, the attachments and the 办理经过."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import AccountRole
from policeroom.services.registry import Services
from policeroom.services.tips.kind import TIP_KIND
from policeroom.services.tips.links import CONVERTIBLE
from policeroom.services.tips.types import SEALED, TipDetail
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fmt_dt
from policeroom.ui.widgets.forms import tr

MOVES = ("accept", "decline", "assign", "verify", "outcome", "assess", "approve", "notify", "claim", "archive",
         "supervise")  # fmt: skip
MOVE_BUTTONS = {"accept": "受理", "decline": "不予受理/移交", "assign": "分派核查", "verify": "核查结论",
                "outcome": "查处结果", "assess": "奖励评定", "approve": "审批奖励", "notify": "通知领奖",
                "claim": "领取奖励", "archive": "归档", "supervise": "督办"}  # fmt: skip
PAPERS = {"transfer": "打印移交函", "reward": "打印领奖回执", "lapse": "打印逾期放弃通知"}


class TipDetailDialog(QDialog):
    def __init__(self, services: Services, bus: ChangeBus, tip_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus, self.tip_id = services, bus, tip_id
        self.resize(980, 680)
        outer = QVBoxLayout(self)
        self.content = QWidget()
        outer.addWidget(self.content, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.move_buttons: dict[str, QPushButton] = {}
        self.reload()

    # -- building -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.d = self.services.tips.detail(self.tip_id)
        d = self.d
        self.setWindowTitle(tr("线索 ") + d.row.number)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 0, 0)
        self.body, self.moves_bar = QHBoxLayout(), QHBoxLayout()
        lay.addLayout(self.body, 1)
        lay.addLayout(self.moves_bar)
        self.layout().replaceWidget(self.content, content)
        self.content.hide()
        self.content.deleteLater()
        self.content = content
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, value in self._facts(d):
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            left.addRow(QLabel(tr(label)), text)
        self.event_number = self.services.tips.event_of(self.tip_id)
        if self.event_number:
            left.addRow(QLabel(tr("网格事件")), QLabel(tr("已转为网格事件 {n}").format(n=self.event_number)))
        officer = self.services.actor.role is AccountRole.officer
        # only the officer learns even whether anything was left: everyone else reads 已密封
        self.tipster_label = QLabel(SEALED if d.has_identity or not officer else tr("未留身份或联系方式（匿名）"))
        self.tipster_label.setObjectName("tipster")
        who = QHBoxLayout()
        who.addWidget(self.tipster_label, 1)
        if officer and d.has_identity and d.erased_at is None:
            reveal = QPushButton(tr("查看举报人…"))
            reveal.clicked.connect(self.reveal)
            who.addWidget(reveal)
        left.addRow(QLabel(tr("举报人")), _wrap(who))
        left_w = QWidget()
        left_w.setLayout(left)
        self.body.addWidget(left_w, 3)

        right = QVBoxLayout()
        right.addWidget(QLabel(tr("办理经过")))
        tree = QTreeWidget()
        tree.setHeaderLabels([tr("时间"), tr("操作"), tr("操作人"), tr("内容")])
        for e in d.timeline:
            tree.addTopLevelItem(QTreeWidgetItem([fmt_dt(e.at), e.label, e.actor, e.note]))
        for c, w in enumerate((150, 90, 70)):
            tree.setColumnWidth(c, w)
        right.addWidget(tree, 1)
        right.addWidget(QLabel(tr("附件（{n}）").format(n=len(d.attachments))))
        files = QListWidget()
        files.setObjectName("attachments")
        files.setMaximumHeight(120)
        files.setViewMode(QListWidget.ViewMode.IconMode)
        for a in d.attachments:
            from PySide6.QtGui import QIcon
            from PySide6.QtWidgets import QListWidgetItem

            item = QListWidgetItem(a.file_name)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(tr("双击另存为文件（{kb}KB）").format(kb=a.size // 1024 + 1))
            if a.thumbnail:
                pix = QPixmap()
                pix.loadFromData(a.thumbnail)
                item.setIcon(QIcon(pix))
            files.addItem(item)
        if not d.attachments:
            files.addItem(tr("（无附件）") if d.erased_at is None else tr("（已按保存期限清除）"))
        files.itemDoubleClicked.connect(self.save_attachment)
        right.addWidget(files)
        right_w = QWidget()
        right_w.setLayout(right)
        self.body.addWidget(right_w, 4)

        self.move_buttons = {}
        for move in MOVES:
            why = TIP_KIND.forbidden(move, self.services.actor.role) or TIP_KIND.refusal(move, d.row.status)
            if why:
                continue
            b = QPushButton(tr(MOVE_BUTTONS[move]))
            b.clicked.connect(lambda _c=False, m=move: self.step(m))
            self.moves_bar.addWidget(b)
            self.move_buttons[move] = b
        if d.row.status in ("registered", "accepted", "checking") and self.services.actor.role in (
            AccountRole.officer, AccountRole.staff):
            b = QPushButton(tr("修改登记"))
            b.clicked.connect(self.edit)
            self.moves_bar.addWidget(b)
            self.move_buttons["update"] = b
        if (not self.event_number and d.row.status in CONVERTIBLE
                and self.services.actor.role in (AccountRole.officer, AccountRole.staff)):  # fmt: skip
            b = QPushButton(tr("转为网格事件"))
            b.clicked.connect(self.to_event)
            self.moves_bar.addWidget(b)
            self.move_buttons["to_event"] = b
        for form, label in PAPERS.items():
            if (form == "transfer" and d.transfer_to) or (form == "reward" and d.claimed_at) or (
                form == "lapse" and d.row.status in ("lapsed",) or (form == "lapse" and d.lapsed_on)
            ):
                b = QPushButton(tr(label))
                b.clicked.connect(lambda _c=False, f=form: self.paper(f))
                self.moves_bar.addWidget(b)
                self.move_buttons[form] = b
        self.moves_bar.addStretch(1)

    def _facts(self, d: TipDetail) -> list[tuple[str, str]]:
        r = d.row
        out = [
            ("线索编号", r.number), ("状态", r.status_label), ("受理时间", fmt_dt(r.received_at)),
            ("来源渠道", r.channel), ("线索类别", r.category), ("被举报对象", r.subject), ("地点", r.place),
            ("网格", r.grid), ("发生时间", fmt_dt(d.occurred_at)),
            ("涉及金额", f"{d.amount}元" if d.amount is not None else ""), ("线索内容", d.content),
            ("受理人", d.receiver), ("同一事项", "、".join(d.same_matter)),
        ]  # fmt: skip
        if d.decline_reason:
            out.append(("不予受理理由", d.decline_reason))
        if d.transfer_to:
            out.append(("移交", f"{d.transfer_to}（{fmt_dt(d.transferred_at)}）"))
        if r.handler:
            out.append(("核查人", f"{r.handler}，{d.verify_days}个工作日" + (f"，期限{fmt_dt(r.due)}" if r.due else "")))
        if d.verdict:
            out += [("核查结论", d.verdict), ("处置措施", d.measures)]
        if d.outcome:
            out.append(("查处结果", d.outcome))
        if d.reward_rule:
            out.append(("奖励评定", f"{d.reward_rule}，{d.reward_tier}，拟奖{d.reward_proposed}元：{d.reward_basis}"))
        elif d.exclusions and any(d.exclusions.values()):
            out.append(("奖励评定", "不予奖励：" + d.reward_basis))
        if d.reward_approved is not None:
            out.append(("审批", f"批准{d.reward_approved}元（{d.approved_by}，{fmt_dt(d.approved_at)}）{d.approve_note}"))
        if d.notified_at:
            out.append(("通知领奖", f"{fmt_dt(d.notified_at)}，领取截止{d.claim_deadline:%Y-%m-%d}"))
        elif d.notify_due and r.status in ("approved", "assessed", "handled"):
            out.append(("通知期限", fmt_dt(d.notify_due)))
        if d.claimed_at:
            out.append(("领取", f"{d.claim_method}，{fmt_dt(d.claimed_at)}"))
        if d.lapsed_on:
            out.append(("逾期视为放弃", f"{d.lapsed_on:%Y-%m-%d}起"))
        if d.archived_at:
            out.append(("归档", f"{fmt_dt(d.archived_at)}：{d.archive_reason}"))
        return out

    # -- actions -----------------------------------------------------------------------------
    def step_dialog(self, move: str):  # noqa: ANN201 - a StepForm
        from policeroom.ui.tips.steps import build

        return build(move, self.services, self.d, self)

    def step_done(self, form) -> bool:  # noqa: ANN001 - a StepForm
        if form.saved:
            self.bus.notify("tip", self.tip_id)
            self.reload()
        return form.saved

    def step(self, move: str) -> None:
        form = self.step_dialog(move)
        form.exec()
        self.step_done(form)

    def to_event_dialog(self):  # noqa: ANN201 - a StepForm
        from policeroom.ui.tips.steps import to_event_form

        return to_event_form(self.services, self.d, self)

    def to_event(self) -> None:
        form = self.to_event_dialog()
        form.exec()
        if form.saved:
            self.bus.notify("grid_event")
            self.step_done(form)  # the detail now reads 已转为网格事件 SJ…; 立案 is done in 网格事件

    def edit(self) -> None:
        from policeroom.ui.tips.register import TipDialog

        dlg = TipDialog(self.services, self, tip_id=self.tip_id)
        if dlg.exec() and dlg.saved_id is not None:
            self.bus.notify("tip", self.tip_id)
            self.reload()

    def reveal(self) -> None:
        reason, ok = QInputDialog.getText(self, tr("查看举报人"), tr("查看理由（将记入修改记录）："))
        if not ok:
            return
        try:
            who = self.services.tips.reveal(self.tip_id, reason)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法查看"), e.message)
            return
        if who is None:
            self.tipster_label.setText(tr("未留身份或联系方式"))
            return
        parts = [who.name, who.id_number, who.phone, who.contact, who.claim_receiver and f"代领人{who.claim_receiver}"]
        self.tipster_label.setText("　".join(p for p in parts if p))

    def save_attachment(self, item) -> None:  # noqa: ANN001 - a QListWidgetItem
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        if attachment_id is None:
            return
        try:
            name, data = self.services.tips.attachment(attachment_id)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法打开附件"), e.message)
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("附件另存为"), name)
        if path:
            Path(path).write_bytes(data)
            self.services.record_output("export", f"线索附件 {self.d.row.number} {name}")

    def paper(self, form: str) -> None:
        from policeroom.reports.tips import papers
        from policeroom.ui.widgets.pdf_output import present_pdf

        render = {"transfer": papers.transfer_letter_pdf, "reward": papers.reward_receipt_pdf,
                  "lapse": papers.lapse_notice_pdf}[form]  # fmt: skip
        try:
            p = self.services.tips.paper(self.tip_id, form)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法打印"), e.message)
            return
        self.services.record_output("print", f"{PAPERS[form][2:]} {p.number}")
        present_pdf(self, render(p), f"{PAPERS[form][2:]}-{p.number}.pdf")


def _wrap(layout: QHBoxLayout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
