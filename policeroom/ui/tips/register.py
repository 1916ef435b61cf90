"""登记线索: the intake form, then the query code shown once (and the 受理回执 to print)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import Tip
from policeroom.services.registry import Services
from policeroom.services.tips.codes import grouped
from policeroom.services.tips.rules import CATEGORY_NOTE, CHANNELS
from policeroom.services.tips.service import CONTENT_LIMIT, MAX_FILE_BYTES, MAX_FILES
from policeroom.services.tips.types import Intake, TipInput
from policeroom.ui.requests.common import DateTimeEdit, OptionalDateTimeEdit, member_combo
from policeroom.ui.widgets.fields import IdNumberEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, form_row, limit_text, tr


class TipDialog(RecordDialog):
    """Register a tip. ``intake`` holds the number and the query code after saving."""

    limits_from = Tip

    def __init__(self, services: Services, parent: QWidget | None = None, tip_id: int | None = None) -> None:
        super().__init__(tr("登记举报线索") if tip_id is None else tr("修改线索登记"), parent)
        self.services = services
        self.tip_id = tip_id
        self.saved_id: int | None = None
        self.intake: Intake | None = None
        self.files: list[tuple[str, bytes]] = []
        settings = services.tips.settings()

        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        self.layout().insertLayout(0, columns)

        def add(form: QFormLayout, label: str, field: str, widget: QWidget, limit: int | None = None) -> QWidget:
            if limit:
                limit_text(widget, limit)
            elif field in Tip.__table__.c and isinstance(widget, (QLineEdit, QPlainTextEdit)):
                from policeroom.services.core.text import column_limit

                limit_text(widget, column_limit(Tip.__table__.c[field]))
            return form_row(form, self.errors, label, field, widget)

        self.received_at = add(left, tr("受理时间"), "received_at", DateTimeEdit())
        self.channel = add(left, tr("来源渠道"), "channel", QComboBox())
        for c in CHANNELS:
            self.channel.addItem(c, c)
        self.category = add(left, tr("线索类别"), "category", QComboBox())
        self.category.addItem(tr("请选择…"), "")
        for c in settings.categories:
            self.category.addItem(c, c)
        self.category.setToolTip(CATEGORY_NOTE)
        way = QWidget()
        way_lay = QHBoxLayout(way)
        way_lay.setContentsMargins(0, 0, 0, 0)
        self.anonymous = QRadioButton(tr("匿名举报"))
        self.real_name = QRadioButton(tr("实名举报"))
        group = QButtonGroup(self)
        group.addButton(self.anonymous)
        group.addButton(self.real_name)
        self.anonymous.setChecked(True)
        way_lay.addWidget(self.anonymous)
        way_lay.addWidget(self.real_name)
        way_lay.addStretch(1)
        add(left, tr("举报方式"), "anonymous", way)
        seal = QLabel(tr("举报人信息将密封保存，仅社区民警凭理由查看，不出现在任何列表、导出和其他模块中。"))
        seal.setWordWrap(True)
        seal.setStyleSheet("color: #5d4037; font-size: 12px;")
        left.addRow("", seal)
        self.tipster_name = add(left, tr("举报人姓名"), "tipster_name", QLineEdit(), 50)
        self.tipster_id = add(left, tr("身份证号"), "tipster_id_number", IdNumberEdit())
        self.tipster_phone = add(left, tr("联系电话"), "tipster_phone", QLineEdit(), 30)
        self.contact = add(left, tr("其他联系方式"), "contact", QLineEdit(), 200)
        self.contact.setPlaceholderText(tr("匿名举报人愿意留下的联系方式，可不填"))

        self.subject = add(right, tr("被举报对象"), "subject", QLineEdit())
        self.place = add(right, tr("地点"), "place", QLineEdit())
        self.grid = add(right, tr("网格"), "grid_id", QComboBox())
        if not services.actor.limited_to_grids:
            self.grid.addItem(tr("未指定"), None)
        for gid, label in services.grids.choices():
            self.grid.addItem(label, gid)
        self.occurred_at = add(right, tr("发生时间"), "occurred_at", OptionalDateTimeEdit())
        self.amount = add(right, tr("涉及金额（元）"), "amount", QLineEdit(), 12)
        self.amount.setPlaceholderText(tr("整数，可不填"))
        self.receiver = add(right, tr("受理人"), "receiver_id", member_combo(services, services.actor.member_id, empty=tr("请选择")))
        self.same = add(right, tr("同一事项"), "duplicate_of", QComboBox())
        self.same.setEditable(True)
        self.same.lineEdit().setPlaceholderText(tr("与先前线索为同一事项时选择或输入编号"))

        self.content = self.add_field(tr("线索内容"), "content", QPlainTextEdit(), limit=CONTENT_LIMIT)
        self.content.setFixedHeight(100)
        files = QWidget()
        files_lay = QHBoxLayout(files)
        files_lay.setContentsMargins(0, 0, 0, 0)
        self.file_list = QListWidget()
        self.file_list.setFixedHeight(60)
        add_file = QPushButton(tr("添加照片或文件…"))
        add_file.clicked.connect(self.pick_files)
        files_lay.addWidget(self.file_list, 1)
        files_lay.addWidget(add_file)
        self.add_field(tr("附件"), "attachment", files)
        self.form.setLabelAlignment(left.labelAlignment())

        self.anonymous.toggled.connect(self._way)
        self.subject.editingFinished.connect(self.suggest_same)
        self.place.editingFinished.connect(self.suggest_same)
        self._way()
        if tip_id is not None:
            self._load(tip_id, left)
        self.setMinimumWidth(940)

    def _load(self, tip_id: int, left: QFormLayout) -> None:
        """Correcting a registration: what was reported; the sealed tipster is neither shown nor changed."""
        d = self.services.tips.detail(tip_id)
        for row in range(3, 9):  # 举报方式 … 其他联系方式
            left.setRowVisible(row, False)
        self.received_at.set_value(d.row.received_at)
        combo_select(self.channel, d.row.channel)
        combo_select(self.category, d.row.category)
        self.subject.setText(d.row.subject)
        self.place.setText(d.row.place)
        combo_select(self.grid, d.grid_id)
        self.occurred_at.set_value(d.occurred_at)
        self.amount.setText("" if d.amount is None else str(d.amount))
        self.same.setEditText(d.row.duplicate_of)
        self.content.setPlainText(d.content)
        self.file_list.parentWidget().setEnabled(False)

    def _way(self) -> None:
        real = self.real_name.isChecked()
        for w in (self.tipster_name, self.tipster_id):
            w.setEnabled(real)

    def suggest_same(self) -> None:
        """Candidates for "same matter": earlier tips with this subject or place."""
        typed = self.same.currentText()
        rows = self.services.tips.candidates(self.subject.text(), self.place.text())
        self.same.clear()
        self.same.addItem("", "")
        for r in rows:
            self.same.addItem(f"{r.number}　{r.subject or r.place}（{r.status_label}）", r.number)
        self.same.setEditText(typed)
        self.same.setToolTip(tr("可能为同一事项的先前线索：{n}条").format(n=len(rows)) if rows else "")

    def pick_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("选择照片或文件"), "", tr("图片和文件 (*.jpg *.jpeg *.png *.pdf *.*)"))
        for name in names:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        if len(self.files) >= MAX_FILES:
            self.errors.show({"attachment": tr("每条线索最多{n}个附件").format(n=MAX_FILES)})
            return
        data = path.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            self.errors.show({"attachment": tr("“{name}”超过5MB，请压缩后再添加").format(name=path.name)})
            return
        self.files.append((path.name, data))
        self.file_list.addItem(f"{path.name}（{len(data) // 1024 + 1}KB）")

    def data(self) -> TipInput:
        amount_text = self.amount.text().strip().replace(",", "")
        if amount_text and not amount_text.isdigit():
            from policeroom.errors import ValidationError

            raise ValidationError("amount", "涉及金额请填写整数（元）")
        typed = self.same.currentText().strip()
        chosen = self.same.findText(typed)  # a suggestion picked as it is, or a number typed
        same = self.same.itemData(chosen) if chosen > 0 else typed.split("　")[0]
        return TipInput(
            received_at=self.received_at.value(), channel=self.channel.currentData(),
            category=self.category.currentData() or "", content=self.content.toPlainText(),
            anonymous=self.anonymous.isChecked(), subject=self.subject.text(), place=self.place.text(),
            grid_id=self.grid.currentData(), occurred_at=self.occurred_at.value(),
            amount=int(amount_text) if amount_text else None, duplicate_of=same or "",
            receiver_id=self.receiver.currentData(), tipster_name=self.tipster_name.text(),
            tipster_id_number=self.tipster_id.text(), tipster_phone=self.tipster_phone.text(),
            contact=self.contact.text(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.tip_id is not None:
            self.services.tips.update(self.tip_id, self.data())
            self.saved_id = self.tip_id
            return
        self.intake = self.services.tips.register(self.data())
        for name, data in self.files:
            try:
                self.services.tips.add_attachment(self.intake.tip_id, name, data)
            except DomainError as e:
                QMessageBox.warning(self, tr("附件未添加"), e.message)


class CodeDialog(QDialog):
    """The query code, shown this once: read it out or print the 受理回执 now."""

    def __init__(self, services: Services, intake: Intake, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.intake = services, intake
        self.setWindowTitle(tr("线索已登记 - ") + intake.number)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("线索编号：{n}").format(n=intake.number)))
        lay.addWidget(QLabel(tr("查询码（只显示这一次，请告知举报人或打印受理回执）：")))
        code = QLabel(grouped(intake.code))
        code.setObjectName("query_code")
        code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code.setStyleSheet("font-size: 30px; letter-spacing: 2px; padding: 12px; border: 1px solid #bdbdbd;")
        lay.addWidget(code)
        note = QLabel(tr("数据库中只保存查询码的加密摘要，关闭本窗口后任何人都无法再查看查询码；补打的回执不含查询码。"))
        note.setWordWrap(True)
        lay.addWidget(note)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(tr("打印受理回执…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self.print_receipt)
        close.clicked.connect(self.accept)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)

    def receipt_pdf(self) -> bytes:
        from policeroom.reports.tips.papers import receipt_pdf

        return receipt_pdf(self.services.tips.paper(self.intake.tip_id, "receipt", code=self.intake.code))

    def print_receipt(self) -> None:
        from policeroom.ui.widgets.pdf_output import present_pdf

        present_pdf(self, self.receipt_pdf(), f"举报受理回执-{self.intake.number}.pdf")
