"""网格工作设置 (the officer's): event categories (立案/结案条件, time type, limits per step × urgency) and
place kinds with their inspection checklists (item, frequency)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import FREQUENCY_LABELS, URGENCY_LABELS, Frequency, Urgency
from policeroom.services.gridwork.kind import LIMIT_MAX, STEP_LABELS
from policeroom.services.gridwork.types import CategoryInput
from policeroom.services.loop.timing import TIME_TYPE_LABELS, TimeType
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import combo_select, save_with_status, tr

TIME_TYPE_NAMES = {TimeType.working_hours: "工作小时", TimeType.calendar_hours: "自然小时",
                   TimeType.working_days: "工作日", TimeType.calendar_days: "自然日"}  # fmt: skip


class CategoriesTab(QWidget):
    """One category at a time: its name, rules, time type and a step × urgency grid of limits."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.list = QListWidget()
        self.list.setFixedWidth(150)
        self.name = QLineEdit()
        self.name.setMaxLength(30)
        self.admit = QPlainTextEdit()
        self.close_rule = QPlainTextEdit()
        for edit in (self.admit, self.close_rule):
            edit.setFixedHeight(56)
        self.time_type = QComboBox()
        for tt in TimeType:
            self.time_type.addItem(TIME_TYPE_NAMES[tt], tt.value)
        self.is_dispute = QCheckBox(tr("矛盾纠纷类（可转入排查台账）"))
        self.archived = QCheckBox(tr("停用"))
        self.limits: dict[tuple[str, str], QDoubleSpinBox] = {}
        grid = QGridLayout()
        for c, label in enumerate(URGENCY_LABELS.values(), start=1):
            grid.addWidget(QLabel(label), 0, c)
        for r, (step, label) in enumerate(STEP_LABELS.items(), start=1):
            grid.addWidget(QLabel(label), r, 0)
            for c, u in enumerate(Urgency, start=1):
                spin = QDoubleSpinBox()
                spin.setRange(0.5, LIMIT_MAX)
                spin.setDecimals(1)
                self.limits[(step, u.value)] = spin
                grid.addWidget(spin, r, c)
        self.status = QLabel()
        self.status.setWordWrap(True)
        save = QPushButton(tr("保存此类别"))
        new = QPushButton(tr("新增类别"))
        form = QFormLayout()
        form.addRow(tr("类别名称"), self.name)
        form.addRow(tr("立案条件"), self.admit)
        form.addRow(tr("结案条件"), self.close_rule)
        form.addRow(tr("时限类型"), self.time_type)
        form.addRow(tr("各环节时限"), grid)
        form.addRow("", self.is_dispute)
        form.addRow("", self.archived)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(save)
        buttons.addWidget(self.status, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.list)
        lay.addLayout(right, 1)
        self.list.currentItemChanged.connect(lambda *_: self.show_current())
        save.clicked.connect(self.save)
        new.clicked.connect(self.new)
        self.load()

    def load(self, select_id: int | None = None) -> None:
        self.rows = {c.id: c for c in self.services.event_categories.list()}
        self.list.clear()
        for c in self.rows.values():
            item = QListWidgetItem(c.name + (tr("（停用）") if c.archived else ""))
            item.setData(256, c.id)
            self.list.addItem(item)
            if c.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def show_current(self) -> None:
        item = self.list.currentItem()
        c = self.rows.get(item.data(256)) if item else None
        self.current_id = c.id if c else None
        self.name.setText(c.name if c else "")
        self.admit.setPlainText(c.admit_rule if c else "")
        self.close_rule.setPlainText(c.close_rule if c else "")
        combo_select(self.time_type, c.time_type if c else TimeType.working_hours.value)
        self.is_dispute.setChecked(bool(c and c.is_dispute))
        self.archived.setChecked(bool(c and c.archived))
        from policeroom.services.gridwork.kind import clean_limits

        limits = c.limits if c else clean_limits(None)
        for (step, u), spin in self.limits.items():
            spin.setValue(limits[step][u])

    def new(self) -> None:
        self.list.setCurrentRow(-1)
        self.current_id = None
        self.show_current()
        self.name.setFocus()

    def data(self) -> CategoryInput:
        limits: dict[str, dict[str, float]] = {}
        for (step, u), spin in self.limits.items():
            limits.setdefault(step, {})[u] = spin.value()
        return CategoryInput(self.name.text(), self.admit.toPlainText(), self.close_rule.toPlainText(),
                             self.time_type.currentData(), limits, self.is_dispute.isChecked(),
                             self.archived.isChecked())  # fmt: skip

    def save(self) -> bool:
        saved: list[int] = []
        ok = save_with_status(self.status, lambda: saved.append(self.services.event_categories.save(
            getattr(self, "current_id", None), self.data())), tr("已保存"))  # fmt: skip
        if ok:
            self.load(saved[0])
        return ok


class ChecklistTab(QWidget):
    """Place kinds on the left; the chosen kind's items (text, frequency) on the right."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.kinds = QListWidget()
        self.kinds.setFixedWidth(150)
        self.items = QListWidget()
        self.kind_name = QLineEdit()
        self.kind_name.setMaxLength(30)
        self.kind_name.setPlaceholderText(tr("新场所类型名称"))
        add_kind = QPushButton(tr("新增类型"))
        self.text = QLineEdit()
        self.text.setMaxLength(100)
        self.text.setPlaceholderText(tr("巡查内容，例如：灭火器是否在有效期"))
        self.frequency = QComboBox()
        for f, label in FREQUENCY_LABELS.items():
            self.frequency.addItem(label, f.value)
        add_item = QPushButton(tr("添加项目"))
        retire = QPushButton(tr("停用所选项目"))
        self.status = QLabel()
        left = QVBoxLayout()
        left.addWidget(self.kinds, 1)
        left.addWidget(self.kind_name)
        left.addWidget(add_kind)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.frequency)
        row.addWidget(add_item)
        right = QVBoxLayout()
        right.addWidget(self.items, 1)
        right.addLayout(row)
        bottom = QHBoxLayout()
        bottom.addWidget(retire)
        bottom.addWidget(self.status, 1)
        right.addLayout(bottom)
        lay = QHBoxLayout(self)
        lay.addLayout(left)
        lay.addLayout(right, 1)
        self.kinds.currentItemChanged.connect(lambda *_: self.show_items())
        add_kind.clicked.connect(self.add_kind)
        add_item.clicked.connect(self.add_item)
        retire.clicked.connect(self.retire)
        self.load_kinds()

    def load_kinds(self, select_id: int | None = None) -> None:
        self.kinds.clear()
        for kid, name in self.services.places.kinds():
            item = QListWidgetItem(name)
            item.setData(256, kid)
            self.kinds.addItem(item)
            if kid == select_id:
                self.kinds.setCurrentItem(item)
        if self.kinds.currentRow() < 0 and self.kinds.count():
            self.kinds.setCurrentRow(0)

    def kind_id(self) -> int | None:
        item = self.kinds.currentItem()
        return item.data(256) if item else None

    def show_items(self) -> None:
        self.items.clear()
        kid = self.kind_id()
        if kid is None:
            return
        for it in self.services.places.items(kid):
            item = QListWidgetItem(f"{it.text}（{it.frequency_label}）")
            item.setData(256, it)
            self.items.addItem(item)

    def add_kind(self) -> None:
        saved: list[int] = []
        if save_with_status(self.status, lambda: saved.append(self.services.places.save_kind(None, self.kind_name.text())),
                            tr("已新增场所类型")):  # fmt: skip
            self.kind_name.clear()
            self.load_kinds(saved[0])

    def add_item(self) -> None:
        kid = self.kind_id()
        if kid is None:
            return
        freq = Frequency(self.frequency.currentData())
        if save_with_status(self.status, lambda: self.services.places.save_item(None, kid, self.text.text(), freq),
                            tr("已添加巡查项目")):  # fmt: skip
            self.text.clear()
            self.show_items()

    def retire(self) -> None:
        item = self.items.currentItem()
        if item is None:
            return
        it = item.data(256)
        if save_with_status(self.status, lambda: self.services.places.save_item(
                it.id, it.kind_id, it.text, it.frequency, it.category_id, archived=True), tr("已停用")):  # fmt: skip
            self.show_items()


class ChecklistDialog(QDialog):
    """网格工作设置: 事件类别 · 巡查项目."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("网格工作设置"))
        self.resize(900, 600)
        self.tabs = QTabWidget()
        self.categories = CategoriesTab(services)
        self.checklists = ChecklistTab(services)
        self.tabs.addTab(self.checklists, tr("场所类型与巡查项目"))
        self.tabs.addTab(self.categories, tr("网格事件类别与时限"))
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)


__all__ = ["TIME_TYPE_LABELS", "ChecklistDialog"]
