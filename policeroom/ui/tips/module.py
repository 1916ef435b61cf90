"""The 举报线索 module: the list (线索登记), the follow-up by query code (查询码查询), and rewards and
keeping (奖励与保存期限: the monthly 奖励发放登记表, tips nearing the end of their keeping time)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError, ValidationError
from policeroom.models import AccountRole
from policeroom.services.core import clock
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.tips.page import TipsPage
from policeroom.ui.widgets.forms import ERROR_STYLE, tr
from policeroom.ui.widgets.list_page import ListPage


class FollowUpPanel(QWidget):
    """查询码查询: the desk types the tipster's code and reads out one sentence, nothing more."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        intro = QLabel(tr("举报人来电或来访询问办理情况时，请对方报出受理回执上的16位查询码。"
                          "这里只显示一句可以告诉举报人的话，不显示线索内容和编号。"))  # fmt: skip
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("follow_up_code")
        self.code.setPlaceholderText(tr("例如 1234 5678 9012 3456"))
        self.code.setMaxLength(24)
        self.code.setMinimumWidth(320)
        self.code.setStyleSheet("font-size: 20px;")
        self.ask = QPushButton(tr("查询"))
        row.addWidget(self.code)
        row.addWidget(self.ask)
        row.addStretch(1)
        lay.addLayout(row)
        self.answer = QLabel()
        self.answer.setObjectName("follow_up_answer")
        self.answer.setWordWrap(True)
        self.answer.setStyleSheet("font-size: 20px; padding: 16px 0;")
        lay.addWidget(self.answer)
        lay.addStretch(1)
        self.ask.clicked.connect(self.look_up)
        self.code.returnPressed.connect(self.look_up)

    def look_up(self) -> None:
        try:
            text = self.services.tips.follow_up(self.code.text())
        except ValidationError as e:
            self.answer.setStyleSheet("font-size: 16px; padding: 16px 0;" + ERROR_STYLE)
            self.answer.setText(e.message)
            return
        self.answer.setStyleSheet("font-size: 20px; padding: 16px 0; color: #1b5e20;")
        self.answer.setText(text)
        self.code.clear()  # the code does not stay on the screen


class RewardsPanel(QWidget):
    """奖励发放登记表 of a month (for finance, no names) and the keeping list with 清除."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("奖励发放登记表（供财务，不含姓名）月份：")))
        self.month = QDateEdit()
        self.month.setDisplayFormat("yyyy年MM月")
        today = clock.today()
        self.month.setDate(QDate(today.year, today.month, 1))
        row.addWidget(self.month)
        self.register_btn = QPushButton(tr("生成登记表…"))
        self.register_btn.clicked.connect(self.print_register)
        row.addWidget(self.register_btn)
        row.addStretch(1)
        self.settings_btn = QPushButton(tr("举报线索设置…"))
        self.settings_btn.setToolTip(tr("线索类别、时限、奖励规则和保存期限"))
        self.settings_btn.setVisible(services.actor.role is AccountRole.officer)
        self.settings_btn.clicked.connect(self.edit_settings)
        row.addWidget(self.settings_btn)
        lay.addLayout(row)
        lay.addSpacing(12)
        head = QHBoxLayout()
        self.keeping_label = QLabel()
        head.addWidget(self.keeping_label, 1)
        self.erase_btn = QPushButton(tr("清除已到期的举报人信息"))
        self.erase_btn.clicked.connect(self.erase)
        head.addWidget(self.erase_btn)
        lay.addLayout(head)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("线索编号"), tr("线索类别"), tr("归档时间"), tr("清除日期"), tr("待清除内容")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for c, w in enumerate((130, 160, 140, 110)):
            self.table.setColumnWidth(c, w)
        lay.addWidget(self.table, 1)
        self.empty = QLabel(tr("目前没有保存期限将在60天内届满的已归档线索。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #757575; font-size: 14px; padding: 24px;")
        lay.addWidget(self.empty)
        bus.changed.connect(lambda kind, _i: self.reload() if kind == "tip" else None)
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.services.tips.keeping()
        except DomainError as e:
            self.keeping_label.setText(e.message)
            self.erase_btn.setEnabled(False)
            self.register_btn.setEnabled(False)
            return
        today = clock.today()
        self.keeping_label.setText(tr("保存期限将满或已满的线索（归档后按类别保存，默认2年，届满清除举报人身份、联系方式和附件，统计数字保留）：{n}条").format(n=len(rows)))
        self.table.setRowCount(len(rows))
        self.empty.setVisible(not rows)
        for i, r in enumerate(rows):
            what = "、".join(x for x in (tr("举报人信息") if r.has_identity else "", tr("附件{n}个").format(n=r.attachments) if r.attachments else "") if x) or tr("无")
            cells = [r.number, r.category, f"{r.archived_at:%Y-%m-%d}", f"{r.erase_on:%Y-%m-%d}" + (tr("（已到期）") if r.erase_on <= today else ""), what]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, c, item)
        self.erase_btn.setEnabled(self.services.actor.role is AccountRole.officer and any(r.erase_on <= today for r in rows))

    def print_register(self) -> None:
        from policeroom.reports.tips.ledger import REGISTER_TITLE, reward_register_pdf
        from policeroom.ui.widgets.dates import pydate
        from policeroom.ui.widgets.pdf_output import present_pdf

        month = pydate(self.month.date()).replace(day=1)
        try:
            self.services.tips.settle_lapses()
            lines = self.services.tips.reward_lines(month)
        except DomainError as e:
            QMessageBox.warning(self, tr("无法生成"), e.message)
            return
        data = reward_register_pdf(lines, self.services.settings.get().room_name, month, clock.now())
        self.services.record_output("print", f"{REGISTER_TITLE} {month:%Y-%m}")
        present_pdf(self, data, f"{REGISTER_TITLE}-{month:%Y%m}.pdf")

    def edit_settings(self) -> None:
        from policeroom.ui.tips.settings import TipSettingsDialog

        if TipSettingsDialog(self.services, self).exec():
            self.bus.notify("tip", None)

    def erase(self) -> None:
        answer = QMessageBox.question(self, tr("清除举报人信息"), tr("将永久清除保存期限已满的线索的举报人身份、联系方式和附件（不可恢复），统计数字保留。确定吗？"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            done = self.services.tips.erase_expired()
        except DomainError as e:
            QMessageBox.warning(self, tr("无法清除"), e.message)
            return
        QMessageBox.information(self, tr("已清除"), tr("已清除{n}条线索的举报人信息和附件。").format(n=len(done)))
        self.bus.notify("tip", None)


class TipsModule(QWidget):
    """Tabs 线索登记 · 查询码查询 · 奖励与保存期限."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tips = TipsPage(services, bus)
        self.follow_up = FollowUpPanel(services)
        self.rewards = RewardsPanel(services, bus)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tips, tr("线索登记"))
        self.tabs.addTab(self.follow_up, tr("查询码查询"))
        self.tabs.addTab(self.rewards, tr("奖励与保存期限"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def current_list(self) -> ListPage | None:
        return self.tips if self.tabs.currentWidget() is self.tips else None
