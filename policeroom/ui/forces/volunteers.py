"""The 志愿者 tab: the volunteer registry with search (name, pinyin, number), filters, import, export,
status changes and the year-end list of volunteers without confirmed hours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import VOLUNTEER_ROLES, VOLUNTEER_STATUS_LABELS, VolunteerStatus
from policeroom.services.core import clock
from policeroom.services.forces.types import INSURANCE_WARNING_DAYS, VolunteerFilter, VolunteerRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.forces.volunteer_form import VolunteerDialog
from policeroom.ui.widgets.forms import combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, IdWindowModel

INSURANCE_FILTERS = (("全部保险状态", None), ("保险30天内到期", "expiring"), ("保险已过期", "expired"),
                     ("未登记保险", "none"))  # fmt: skip


_TODAY: list = []  # one clock read per list reload, not one per painted cell


def insurance_text(r: VolunteerRow) -> str:
    if r.insurance_until is None:
        return tr("未登记")
    today = _TODAY[0] if _TODAY else clock.today()
    if r.insurance_until < today:
        return tr("{d}（已过期）").format(d=r.insurance_until)
    if r.insurance_until <= today + timedelta(days=INSURANCE_WARNING_DAYS):
        return tr("{d}（{n}天后到期）").format(d=r.insurance_until, n=(r.insurance_until - today).days)
    return str(r.insurance_until)


def standing_text(r: VolunteerRow) -> str:
    """确认时长、积分余额、星级 of one volunteer (the name's tooltip)."""
    text = tr("已确认服务时长 {h} 小时，积分余额 {p}").format(h=f"{r.hours:g}", p=f"{r.points:g}")
    return text + (f"，{r.star}" if r.star else "")


def volunteer_columns() -> list[Column[VolunteerRow]]:
    return [
        Column(tr("编号"), lambda r: r.number, "number"),
        # the hours and points ledgers (志愿服务) on the name's tooltip: three more columns do not fit 1366
        # the hours and points ledgers (志愿服务: 时长、积分、星级) on the name's tooltip: at 1366 neither three
        # more columns nor the stars inside the name cell fit (谢文斌（义警） ★★★★★ is 180 px in a 110 px column)
        Column(tr("姓名"), lambda r: r.name + (tr("（义警）") if r.auxiliary else ""), "name", tooltip=standing_text),
        Column(tr("性别"), lambda r: r.gender),
        Column(tr("年龄"), lambda r: r.age, align_right=True),
        Column(tr("联系电话"), lambda r: r.phone),
        Column(tr("网格"), lambda r: r.grid, "grid"),
        Column(tr("队伍"), lambda r: r.teams, tooltip=lambda r: r.teams),
        # 治安、信息、调解 (the 员 dropped to fit three roles in the column; the tooltip says them in full)
        Column(tr("角色"), lambda r: r.roles.replace("员", ""), tooltip=lambda r: r.roles, export=lambda r: r.roles),
        Column(tr("加入日期"), lambda r: r.joined_on, "joined_on", export=lambda r: r.joined_on),
        Column(tr("状态"), lambda r: r.status.label, "status"),
        Column(tr("保险有效期至"), insurance_text, "insurance_until", export=lambda r: r.insurance_until),
    ]


class _Model(IdWindowModel):
    """Insurance running out shows orange, run out red; suspended and cancelled volunteers grey."""

    INSURANCE_COLUMN = 10
    #: a screenful is about 20 rows; fetching 60 at a time keeps opening and each search cheap
    PAGE = 60

    def reload(self) -> None:
        _TODAY[:] = [clock.today()]
        super().reload()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.INSURANCE_COLUMN:
            row = self.row_at(index.row())
            if row is not None and row.status == VolunteerStatus.active:
                text = insurance_text(row)
                if "过期" in text:
                    return QBrush(QColor("#c62828"))
                if "到期" in text:
                    return QBrush(QColor("#e65100"))
        return super().data(index, role)


class VolunteersTab(ListPage):
    kind = "volunteer"
    noun = "志愿者"
    export_name = "平安志愿者名单"
    dialog_class = VolunteerDialog

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services, self.bus = services, bus
        self._ready = False  # ListPage's setSortingEnabled sorts once before the filters exist: no query then
        model = _Model(volunteer_columns(), self._load_ids, services.volunteers.rows,
                       dimmed=lambda r: r.status != VolunteerStatus.active)  # fmt: skip
        model.sort_key = "number"
        super().__init__(model, tr("姓名、拼音首字母、志愿者编号"), services, bus, parent)
        self.new_button.setText(tr("登记志愿者"))
        self.team_filter = QComboBox()
        self.role_filter = QComboBox()
        self.role_filter.addItem(tr("全部角色"), None)
        for r in VOLUNTEER_ROLES:
            self.role_filter.addItem(r, r)
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        for s, label in VOLUNTEER_STATUS_LABELS.items():
            self.status_filter.addItem(label, s)
        self.insurance_filter = QComboBox()
        for label, key in INSURANCE_FILTERS:
            self.insurance_filter.addItem(tr(label), key)
        self._fill_teams()
        self.status_button = QPushButton(tr("在册/暂停/注销"))
        self.status_button.clicked.connect(self.change_status)
        self.year_end_button = QPushButton(tr("年终未服务名单"))
        self.year_end_button.setToolTip(tr("今年没有确认服务时长的在册志愿者（加入不满6个月的不列入）"))
        self.year_end_button.clicked.connect(self.show_year_end)
        self.import_button = QPushButton(tr("导入Excel"))
        self.import_button.setToolTip(tr("从 Excel 志愿者台账批量导入（先预览、核对，确认后才写入）"))
        self.import_button.clicked.connect(self.import_excel)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(bar.indexOf(self.export_button), self.import_button)
        self.add_filter_row(self.team_filter, self.role_filter, self.status_filter, self.insurance_filter,
                            self.status_button, self.year_end_button)  # fmt: skip
        self.delete_button.setToolTip(tr("误登记时删除；已被引用的改为注销"))
        bus.changed.connect(self._on_changed)
        self._ready = True
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the model is already sorted by number: no second query for the arrow
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self.model.sort_key, self.model.descending = "number", False  # Qt's first sort was descending
        self.reload()
        self.resize_columns([110, 110, 44, 44, 110, 140, 140, 150, 96, 56, 150])

    def _fill_teams(self) -> None:
        refill_combo(self.team_filter, [(tr("全部队伍"), None)] + [(n, i) for i, n in self.services.force_groups.team_choices()])

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind == "volunteer_team":
            self._fill_teams()
        if kind in ("volunteer", "volunteer_team", "resident", "grid"):
            self.reload()

    def current_filter(self) -> VolunteerFilter:
        get = lambda name: getattr(self, name).currentData() if hasattr(self, name) else None  # noqa: E731
        return VolunteerFilter(query=self.query, team_id=get("team_filter"), role=get("role_filter"),
                               status=get("status_filter"), insurance=get("insurance_filter"))  # fmt: skip

    def _load_ids(self, sort: str | None, descending: bool) -> list[int]:
        if not self._ready:
            return []
        return self.services.volunteers.search_ids(self.current_filter(), sort or "number", descending)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "status_button"):
            self.status_button.setEnabled(self.selected_id() is not None)

    def record_service(self):  # noqa: ANN201
        return self.services.volunteers

    def row_title(self, row) -> str:  # noqa: ANN001
        return f"{row.number} {row.name}" if row is not None else ""

    def empty_text(self) -> str:
        f = self.current_filter()
        if self.query:
            return super().empty_text()
        if any(v is not None for v in (f.team_id, f.role, f.status, f.insurance)):
            return tr("没有符合筛选条件的志愿者。")
        return tr("还没有登记志愿者。点击“登记志愿者”从居民中登记，或“导入Excel”导入已有的志愿者台账。")

    def export_spec(self):  # noqa: ANN201
        """The volunteers shown, in the ledger's columns (identity numbers and phones masked by the writer)."""
        from policeroom.services.forces.ledger_io import EXPORT_COLUMNS
        from policeroom.ui.widgets.list_export import ExportColumn, ExportSpec, export_title

        ids = self.model.ids()

        def rows() -> Iterator[VolunteerRow]:
            for start in range(0, len(ids), 500):
                yield from self.services.volunteer_ledger.export_rows(ids[start : start + 500])

        what = tr(self.export_name)
        return ExportSpec(title=export_title(self, what), file_name=f"{what}-{clock.today():%Y%m%d}.xlsx",
                          columns=[ExportColumn(h, w, v) for h, w, v in EXPORT_COLUMNS], rows=rows, count=len(ids))

    def import_excel(self) -> None:
        from policeroom.ui.widgets.import_wizard import ImportWizard

        hint = tr(
            "从 Excel 志愿者台账（.xlsx）导入。程序自动找到表头行，并按常见列名（姓名、身份证号、联系电话、网格、队伍、"
            "角色、加入日期/注册日期、保单号、保险有效期…）对应各列，下一步可以修改。\n\n每一行先核对，有问题的行逐行"
            "列出行号、列和原因，不会导入。本人按身份证号（或姓名加电话）在居民信息中查找，没有的先登记为居民；"
            "已是志愿者的用表中非空的内容更新，不重复登记。确认之前不写入任何数据。"
        )
        wizard = ImportWizard(self.services.volunteer_ledger, tr("导入志愿者台账"), hint, self)
        wizard.done_message = lambda r: tr("导入完成：新登记志愿者 {c} 人（其中新登记居民 {a} 人），更新 {u} 人。").format(
            c=r.created, a=r.residents_added, u=r.updated)
        wizard.exec()
        if wizard.result_counts is not None:
            self.bus.notify("resident")
            self.bus.notify(self.kind)

    def change_status(self) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        dlg = StatusDialog(self.services, vid, self.row_title(self.selected_row()), self)
        if dlg.exec():
            self.bus.notify(self.kind, vid)

    def show_year_end(self) -> None:
        YearEndDialog(self.services, self).exec()


class StatusDialog(QDialog):
    """在册 / 暂停 / 注销 with the reason (required for 暂停 and 注销)."""

    def __init__(self, services: Services, volunteer_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.volunteer_id = services, volunteer_id
        self.setWindowTitle(tr("更改状态：{t}").format(t=title))
        self.status = QComboBox()
        for s, label in VOLUNTEER_STATUS_LABELS.items():
            self.status.addItem(label, s)
        combo_select(self.status, services.volunteers.get(volunteer_id).status)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(tr("暂停、注销须写明原因，最多200字"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("状态"), self.status)
        form.addRow(tr("原因"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        try:
            self.services.volunteers.set_status(self.volunteer_id, self.status.currentData(), self.reason.text())
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()


class YearEndDialog(QDialog):
    """年终未服务名单: registered volunteers with no confirmed hours this year."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        year = clock.today().year
        self.setWindowTitle(tr("{y}年度未服务志愿者名单").format(y=year))
        rows = services.volunteers.without_hours(year)
        note = QLabel(tr("在册志愿者中，{y}年没有经确认的服务时长的共 {n} 人（{y}年7月1日以后加入的不列入）。").format(
            y=year, n=len(rows)))  # fmt: skip
        note.setWordWrap(True)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels([tr("编号"), tr("姓名"), tr("队伍"), tr("加入日期")])
        for i, r in enumerate(rows):
            for j, v in enumerate((r.number, r.name, r.teams, str(r.joined_on))):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        lay.addWidget(close)
        self.resize(620, 480)
        if not rows:
            self.table.hide()
            note.setText(tr("{y}年所有在册志愿者都有经确认的服务时长（或加入不满6个月）。").format(y=year))


