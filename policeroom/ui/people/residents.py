"""The resident index page (居民): list with search (汉字 or pinyin initials), filters, add/edit dialog."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from policeroom.errors import DomainError, DuplicateResident, ValidationError
from policeroom.models import GENDER_LABELS
from policeroom.models.people import Resident
from policeroom.services.core import clock
from policeroom.services.core.validators import ETHNICITIES, parse_id_number
from policeroom.services.people.residents import ResidentInput, ResidentRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.widgets.fields import IdNumberEdit, OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, combo_select, refill_combo, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, IdWindowModel

if TYPE_CHECKING:
    from policeroom.services.people.ledger_io import ResidentExportRow
    from policeroom.ui.widgets.list_export import ExportSpec


def resident_columns() -> list[Column[ResidentRow]]:
    return [
        Column(tr("姓名"), lambda r: r.name, "name"),
        Column(tr("性别"), lambda r: GENDER_LABELS.get(r.gender or "", ""), "gender"),
        Column(tr("年龄"), lambda r: r.age, "age", align_right=True),
        Column(tr("民族"), lambda r: r.ethnicity, "ethnicity"),
        Column(tr("身份证号"), lambda r: r.id_number_masked, "id_number"),
        Column(tr("联系电话"), lambda r: r.phone, "phone"),
        Column(tr("网格"), lambda r: r.grid, "grid"),
        Column(tr("住址"), lambda r: r.address, "address", tooltip=lambda r: r.address),
    ]


class ResidentDialog(RecordDialog):
    """Add or edit a resident. A valid ID number fills gender and birth date."""

    limits_from = Resident  # text fields show the limits the service enforces

    def __init__(self, services: Services, resident_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("新建居民") if resident_id is None else tr("编辑居民"), parent)
        self.services = services
        self.resident_id = resident_id
        self.saved_id: int | None = None
        self.open_existing: int | None = None

        self.name = self.add_field(tr("姓名"), "name", QLineEdit())
        self.id_number = self.add_field(tr("身份证号"), "id_number", IdNumberEdit())
        self.gender = self.add_field(tr("性别"), "gender", QComboBox())
        self.gender.addItem(tr("未填"), None)
        for code, label in GENDER_LABELS.items():
            self.gender.addItem(label, code)
        self.birth_date = self.add_field(tr("出生日期"), "birth_date", OptionalDateEdit())
        self.ethnicity = self.add_field(tr("民族"), "ethnicity", QComboBox())
        self.ethnicity.addItem(tr("未填"), None)
        for e in ETHNICITIES:
            self.ethnicity.addItem(e, e)
        self.phone = self.add_field(tr("联系电话"), "phone", QLineEdit())
        self.phone.setPlaceholderText(tr("手机 13800000000 或座机 010-12345678"))
        self.address = self.add_field(tr("住址"), "address", QLineEdit())
        self.grid = self.add_field(tr("网格"), "grid_id", QComboBox())
        if not services.actor.limited_to_grids:
            self.grid.addItem(tr("未分配"), None)
        for gid, label in services.grids.choices():
            self.grid.addItem(label, gid)
        self.notes = self.add_field(tr("备注"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(70)
        self.id_number.checked.connect(self._id_checked)

        if resident_id is not None:
            r = services.residents.get(resident_id)
            self.name.setText(r.name)
            self.id_number.setText(r.id_number)
            combo_select(self.gender, r.gender)
            self.birth_date.set_value(r.birth_date)
            combo_select(self.ethnicity, r.ethnicity)
            self.phone.setText(r.phone)
            self.address.setText(r.address)
            combo_select(self.grid, r.grid_id)
            self.notes.setPlainText(r.notes)
            self._id_checked(r.id_number)
            self.enable_history(r.name, lambda: services.history("resident", resident_id))
        else:
            combo_select(self.ethnicity, "汉族")
        self.name.setFocus()

    def _id_checked(self, text: str) -> None:
        """Fill gender and birth date from a valid number and lock them; say what is wrong otherwise."""
        text = text.strip()
        locked = False
        if text:
            try:
                info = parse_id_number(text)
            except ValidationError as e:
                self.errors.show({"id_number": e.message})
            else:
                self.id_number.setText(info.number)
                combo_select(self.gender, info.gender)
                self.birth_date.set_value(info.birth_date)
                locked = True
        self.gender.setEnabled(not locked)
        self.birth_date.setEnabled(not locked)
        tip = tr("由身份证号自动填写") if locked else ""
        self.gender.setToolTip(tip)
        self.birth_date.setToolTip(tip)

    def data(self) -> ResidentInput:
        id_text = self.id_number.text().strip()
        from_id = bool(id_text) and not self.gender.isEnabled()
        return ResidentInput(
            name=self.name.text(),
            id_number=id_text,
            gender=None if from_id else self.gender.currentData(),
            birth_date=None if from_id else self.birth_date.value(),
            ethnicity=self.ethnicity.currentData(),
            phone=self.phone.text(),
            address=self.address.text(),
            grid_id=self.grid.currentData(),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        if self.resident_id is None:
            self.saved_id = self.services.residents.create(self.data())
        else:
            self.services.residents.update(self.resident_id, self.data())
            self.saved_id = self.resident_id

    def handle_domain_error(self, error: DomainError) -> bool:
        if not isinstance(error, DuplicateResident):
            return False
        answer = QMessageBox.question(
            self, tr("身份证号已登记"), error.message,
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open,
        )
        self.errors.show({"id_number": tr("该身份证号已登记，一个身份证号只对应一人")})
        if answer == QMessageBox.StandardButton.Open:
            self.open_existing = error.existing_id
            self.reject()
        return True


class ResidentsPage(ListPage):
    kind = "resident"
    noun = "居民"
    dialog_class = ResidentDialog

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services = services
        self.bus = bus
        model = IdWindowModel(
            resident_columns(),
            self._load_ids,
            services.residents.rows,
            dimmed=lambda r: r.archived,
        )
        model.sort_key = "name"
        # short enough to show whole beside the buttons on a 1366-pixel screen; the example is in the tooltip
        super().__init__(model, tr("姓名、拼音首字母、身份证号、电话、住址"), services, bus, parent)
        self.search_box.setToolTip(tr("搜索姓名、拼音首字母（如 zs 找张三）、身份证号、电话、住址"))
        self.grid_filter = QComboBox()
        self.gender_filter = QComboBox()
        self.gender_filter.addItem(tr("全部性别"), None)
        for code, label in GENDER_LABELS.items():
            self.gender_filter.addItem(label, code)
        self.show_archived = QCheckBox(tr("含已归档"))
        self.filters.addWidget(self.grid_filter)
        self.filters.addWidget(self.gender_filter)
        self.filters.addWidget(self.show_archived)
        self.import_button = QPushButton(tr("导入Excel"))
        self.import_button.setToolTip(tr("从 Excel 居民台账批量导入（先预览、核对，确认后才写入）"))
        self.import_button.clicked.connect(self.import_excel)
        bar = self.layout().itemAt(0).layout()
        bar.insertWidget(bar.indexOf(self.export_button), self.import_button)
        self._fill_grids()
        self.grid_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.gender_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_archived.toggled.connect(lambda _c: self.reload())
        bus.changed.connect(self._on_changed)
        self.reload()
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.resize_columns([100, 64, 64, 96, 170, 130, 150, 300])

    def _fill_grids(self) -> None:
        refill_combo(self.grid_filter, [(tr("全部网格"), None)] + [(t, g) for g, t in self.services.grids.choices()])

    def _on_changed(self, kind: str, _ids: list) -> None:
        if kind == "grid":
            self._fill_grids()
        if kind in ("resident", "grid"):
            self.reload()

    def _load_ids(self, sort: str | None, descending: bool) -> list[int]:
        return self.services.residents.search_ids(
            self.query,
            grid_id=self.grid_filter.currentData() if hasattr(self, "grid_filter") else None,
            gender=self.gender_filter.currentData() if hasattr(self, "gender_filter") else None,
            include_archived=self.show_archived.isChecked() if hasattr(self, "show_archived") else False,
            sort=sort or "name",
            descending=descending,
        )

    def open_dialog(self, record_id: int | None) -> int | None:
        while True:
            dlg = ResidentDialog(self.services, record_id, self)
            dlg.exec()
            if dlg.open_existing is not None:
                record_id = dlg.open_existing  # the person exists: edit that record instead
                self.select_id(record_id)
                continue
            if dlg.saved_id is not None:
                self.bus.notify(self.kind, dlg.saved_id)
            return dlg.saved_id

    def record_service(self):  # noqa: ANN201
        return self.services.residents

    def export_spec(self) -> ExportSpec:
        """The residents shown, with full ID number, birth date and notes: a ledger the import reads back."""
        from policeroom.services.people.ledger_io import EXPORT_COLUMNS
        from policeroom.ui.widgets.list_export import ExportColumn, ExportSpec, export_title

        ids = self.model.ids()

        def rows() -> Iterator[ResidentExportRow]:
            for start in range(0, len(ids), 500):
                yield from self.services.resident_ledger.export_rows(ids[start : start + 500])

        what = tr("居民名单")
        return ExportSpec(
            title=export_title(self, what),
            file_name=f"{what}-{clock.today():%Y%m%d}.xlsx",
            columns=[ExportColumn(h, w, v) for h, w, v in EXPORT_COLUMNS],
            rows=rows,
            count=len(ids),
        )

    def import_excel(self) -> None:
        """导入Excel: the resident ledger kept in Excel, through the import wizard."""
        from policeroom.ui.people.import_dialog import ResidentImportDialog

        dlg = ResidentImportDialog(self.services, self)
        dlg.exec()
        if dlg.result_counts is not None:
            self.bus.notify(self.kind)
