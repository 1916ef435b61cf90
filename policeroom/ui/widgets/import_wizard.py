"""The Excel import wizard (导入Excel): choose file → match columns → preview and problems → confirm.

Generic over ledgers: a ``LedgerImporter`` (the resident ledger service, later the dispute ledger's)
reads, checks and commits; this dialog only shows. Nothing is written before 确认导入.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QItemDelegate,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.services.core.files import atomic_write
from policeroom.services.core.imports import (
    ImportReport,
    ImportSpec,
    Progress,
    Sheet,
    cell_text,
    guess_mapping,
    unmapped_columns,
)
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.import_preview import BAD_BACKGROUND, PreviewModel, column_letter


class LedgerImporter(Protocol):
    """What a ledger's service offers the wizard."""

    def read(self, source: str | Path | bytes, progress: Progress | None = None) -> tuple[ImportSpec, Sheet]: ...

    def check(
        self, spec: ImportSpec, sheet: Sheet, mapping: dict[str, int | None], progress: Progress | None = None
    ) -> ImportReport: ...

    def commit(self, report: ImportReport, progress: Progress | None = None) -> Any: ...


class ImportWizard(QDialog):
    """Import one ledger from an xlsx file, in four steps; nothing is written before 确认导入.

    Attributes:
        result_counts: What ``commit`` returned, or None if nothing was imported.
    """

    #: rows matching a record already in the database: updated (residents) or skipped (ledger entries)
    existing_updates = True
    existing_text = "更新已登记的 {u} 条"
    existing_note = "已登记，将用本行非空内容更新"

    def __init__(self, importer: LedgerImporter, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.importer = importer
        self.setWindowTitle(title)
        self.resize(960, 640)
        self.spec: ImportSpec | None = None
        self.sheet: Sheet | None = None
        self.report: ImportReport | None = None
        self.result_counts: Any = None
        self.combos: dict[str, QComboBox] = {}

        self.steps = QLabel()
        self.steps.setStyleSheet("font-weight: bold; padding: 4px 0;")
        self.stack = QStackedWidget()

        # 1 choose the file
        page1 = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(tr("选择 Excel 工作簿（.xlsx、.xls）或 CSV 文件"))
        self.browse_button = QPushButton(tr("浏览…"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.template_button = QPushButton(tr("保存导入模板…"))
        self.template_button.setToolTip(tr("空白模板：可识别的表头、一行示例，第二页是填写说明"))
        self.template_button.clicked.connect(self.save_template)
        self.template_button.setVisible(hasattr(importer, "template"))
        row.addWidget(self.template_button)
        intro = QLabel(hint)
        intro.setWordWrap(True)
        lay1 = QVBoxLayout(page1)
        lay1.addWidget(intro)
        lay1.addLayout(row)
        lay1.addStretch(1)

        # 2 match columns
        page2 = QWidget()
        self.sheet_label = QLabel()
        self.sheet_label.setWordWrap(True)
        self.mapping_form = QFormLayout()
        self.mapping_error = QLabel()
        self.mapping_error.setStyleSheet("color: #c62828;")
        self.sample = QTableView()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)
        left = QWidget()
        lay_left = QVBoxLayout(left)
        lay_left.setContentsMargins(0, 0, 0, 0)
        lay_left.addLayout(self.mapping_form)
        lay_left.addWidget(self.mapping_error)
        self.unmapped_label = QLabel()
        self.unmapped_label.setWordWrap(True)
        lay_left.addWidget(self.unmapped_label)
        lay_left.addStretch(1)
        lay2 = QVBoxLayout(page2)
        lay2.addWidget(self.sheet_label)
        split = QHBoxLayout()
        split.addWidget(left)
        split.addWidget(self.sample, 1)
        lay2.addLayout(split, 1)

        # 3 preview and problems
        page3 = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.only_bad = QCheckBox(tr("只看有问题的行"))
        self.only_bad.toggled.connect(lambda _c: self._fill_preview())
        self.save_problems_button = QPushButton(tr("导出问题清单…"))
        self.save_problems_button.clicked.connect(self.save_problems)
        self.preview_model = PreviewModel()
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        # the theme's item colour rule hides model colours from the styled delegate (see requests/model.py)
        self.preview.setItemDelegate(QItemDelegate(self.preview))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setDefaultSectionSize(26)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.problems_model = QStandardItemModel(0, 3, self)
        self.problems_model.setHorizontalHeaderLabels([tr("行号"), tr("列"), tr("原因")])
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().setVisible(False)
        self.problems.verticalHeader().setDefaultSectionSize(26)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.clicked.connect(self._show_problem_row)
        problems_box = QWidget()
        lay_p = QVBoxLayout(problems_box)
        lay_p.setContentsMargins(0, 4, 0, 0)
        self.problems_title = QLabel()
        self.problems_title.setStyleSheet("color: #c62828; font-weight: bold;")
        lay_p.addWidget(self.problems_title)
        lay_p.addWidget(self.problems, 1)
        self.problems_box = problems_box
        split3 = QSplitter(Qt.Orientation.Vertical)
        split3.addWidget(self.preview)
        split3.addWidget(problems_box)
        split3.setSizes([300, 160])
        bar3 = QHBoxLayout()
        bar3.addWidget(self.only_bad)
        bar3.addStretch(1)
        bar3.addWidget(self.save_problems_button)
        lay3 = QVBoxLayout(page3)
        lay3.addWidget(self.summary)
        self.choice_layout = QVBoxLayout()  # a ledger's own choices (e.g. grids that do not exist)
        self.choice_box: Any = None
        lay3.addLayout(self.choice_layout)
        lay3.addLayout(bar3)
        lay3.addWidget(split3, 1)

        for p in (page1, page2, page3):
            self.stack.addWidget(p)

        self.back_button = QPushButton(tr("上一步"))
        self.next_button = QPushButton(tr("下一步"))
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(tr("取消"))
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.steps)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)
        self.path_edit.textChanged.connect(lambda _t: self._update())
        self._update()

    # -- steps --------------------------------------------------------------------------
    def _update(self) -> None:
        i = self.stack.currentIndex()
        names = [tr("1 选择文件"), tr("2 对应列"), tr("3 预览并确认")]
        self.steps.setText("　›　".join(f"【{n}】" if k == i else n for k, n in enumerate(names)))
        self.back_button.setEnabled(i > 0)
        if i == 2 and self.report is not None:
            n = self.rows_to_write()
            self.next_button.setText(tr("确认导入 {n} 行").format(n=n))
            self.next_button.setEnabled(n > 0)
        else:
            self.next_button.setText(tr("下一步"))
            self.next_button.setEnabled(i > 0 or bool(self.path_edit.text().strip()))

    def back(self) -> None:
        self.stack.setCurrentIndex(max(0, self.stack.currentIndex() - 1))
        self._update()

    def forward(self) -> None:
        i = self.stack.currentIndex()
        if i == 0:
            self.read_file()
        elif i == 1:
            self.check()
        else:
            self.commit()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择 Excel 文件"), str(Path.home()),
                                              tr("Excel 或 CSV (*.xlsx *.xls *.csv)"))
        if path:
            self.path_edit.setText(path)

    def _run(self, label: str, work: Callable[[Progress], Any]) -> Any:
        """Run one step with a progress dialog; a domain error is shown, not raised."""
        progress = QProgressDialog(label, "", 0, 100, self)
        progress.setWindowTitle(self.windowTitle())
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def report(done: int, total: int) -> None:
            progress.setValue(int(100 * done / total) if total else 0)
            QApplication.processEvents()

        try:
            return work(report)
        except DomainError as e:
            QMessageBox.warning(self, self.windowTitle(), e.message)
            return None
        finally:
            progress.close()

    def read_file(self) -> None:
        path = self.path_edit.text().strip()
        got = self._run(tr("正在读取文件…"), lambda p: self.importer.read(path, p))
        if got is None:
            return
        self.spec, self.sheet = got
        self._fill_mapping()
        self.stack.setCurrentIndex(1)
        self._update()

    def _fill_mapping(self) -> None:
        assert self.spec is not None and self.sheet is not None
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos.clear()
        guessed = guess_mapping(self.spec, self.sheet.headers)
        for f in self.spec.fields:
            combo = QComboBox()
            combo.setMinimumWidth(220)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(tr("（不导入）"), None)
            for i, h in enumerate(self.sheet.headers):
                combo.addItem(f"{column_letter(i)} 列：{h or tr('（无标题）')}", i)
            combo.setCurrentIndex(combo.findData(guessed[f.key]) if guessed[f.key] is not None else 0)
            self.combos[f.key] = combo
            self.mapping_form.addRow(f.label + (" *" if f.required else ""), combo)
        self.mapping_error.setText("")
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(lambda _i: self._show_unmapped())
        self._show_unmapped()
        self.sheet_label.setText(
            tr("工作表“{s}”：表头在第 {h} 行，共 {n} 行数据。请核对每一项对应 Excel 的哪一列（已按表头自动对应；带 * 的必须对应）。")
            .format(s=self.sheet.name, h=self.sheet.header_row, n=len(self.sheet.rows))
        )
        sample = QStandardItemModel(0, len(self.sheet.headers), self.sample)
        sample.setHorizontalHeaderLabels([f"{column_letter(i)} {h}" for i, h in enumerate(self.sheet.headers)])
        for _row_no, cells in self.sheet.rows[:8]:
            sample.appendRow([QStandardItem(cell_text(c)) for c in cells[: len(self.sheet.headers)]])
        self.sample.setModel(sample)
        self.sample.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _show_unmapped(self) -> None:
        """Every column no field is taken from, named (这些列不会导入：序号、登记日期)."""
        if self.sheet is None:
            return
        left = unmapped_columns(self.sheet.headers, self.mapping())
        self.unmapped_label.setText(tr("这些列不会导入：{c}").format(c="、".join(left)) if left else "")

    def mapping(self) -> dict[str, int | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def check(self) -> None:
        assert self.spec is not None and self.sheet is not None
        spec, sheet, mapping = self.spec, self.sheet, self.mapping()
        self.mapping_error.setText("")
        try:
            report = self._run(tr("正在逐行核对…"), lambda p: self.importer.check(spec, sheet, mapping, p))
        except DomainError as e:  # pragma: no cover - _run shows domain errors
            report = None
            self.mapping_error.setText(e.message)
        if report is None:
            return
        self.report = report
        self._fill_preview()
        self.stack.setCurrentIndex(2)
        self._update()

    def _fill_preview(self) -> None:
        if self.report is None or self.spec is None or self.sheet is None:
            return
        r = self.report
        self.preview_model.load(
            self.spec, self.sheet, self.mapping(), r, self.only_bad.isChecked(), tr(self.existing_note)
        )
        self.preview.resizeColumnsToContents()  # Qt measures the first 1000 rows
        for i in range(self.preview_model.columnCount() - 1):
            self.preview.setColumnWidth(i, min(max(self.preview.columnWidth(i), 56), 260))
        self.problems_model.removeRows(0, self.problems_model.rowCount())
        for e in r.errors:
            items = [QStandardItem(str(e.row)), QStandardItem(e.column), QStandardItem(e.message)]
            items[0].setData(e.row, Qt.ItemDataRole.UserRole)
            self.problems_model.appendRow(items)
        self.problems.setColumnWidth(0, 80)
        self.problems.setColumnWidth(1, 140)
        self.problems_box.setVisible(bool(r.errors))
        self.problems_title.setText(tr("问题清单（{n} 处，点一行可在上表中找到该行）").format(n=len(r.errors)))
        bad = len(r.bad)
        updates = len(r.existing_rows)
        existing = "，" + tr(self.existing_text).format(u=updates - len(r.unchanged_rows)) if updates else ""
        if r.unchanged_rows:
            existing += tr("，未变化 {n} 条").format(n=len(r.unchanged_rows))
        text = tr("共 {n} 行数据：可导入 {g} 行（新增 {c} 条{existing}）").format(
            n=len(self.sheet.rows), g=self.rows_to_write(), c=len(r.good) - updates, existing=existing
        )
        if r.merged:
            text += tr("，文件内重复 {m} 行已合并").format(m=len(r.merged))
        if bad:
            text += tr("；<b style='color:#c62828'>有问题 {b} 行（红色），共 {e} 处，不会导入</b>，请在 Excel 中改正后再导入这些行。").format(
                b=bad, e=len(r.errors)
            )
        else:
            text += tr("；没有发现问题。")
        text += tr("<br>确认前不会写入任何数据；确认后全部可导入的行一次写入。")
        if r.skipped or r.blank:
            text += "<br>" + tr("已跳过：汇总行 {s} 行（{rows}），空行 {b} 行。").format(
                s=len(r.skipped), rows="、".join(f"第{n}行" for n, _m in r.skipped) or "无", b=r.blank
            )
        self.summary.setText(text)
        if self.choice_box is not None:
            self.choice_box.show_for(r)
        self.save_problems_button.setEnabled(bool(bad))

    def add_choice_box(self, box: Any) -> None:
        """A widget with ``show_for(report)``, ``ready()`` and a ``changed`` signal: rows are checked again."""
        self.choice_box = box
        self.choice_layout.addWidget(box)
        box.changed.connect(self.check)

    def rows_to_write(self) -> int:
        if self.report is None:
            return 0
        if self.choice_box is not None and self.choice_box.isVisibleTo(self) and not self.choice_box.ready():
            return 0  # a choice is needed first
        good = len(self.report.good)
        if not self.existing_updates:
            return good - len(self.report.existing_rows)
        return good - len(self.report.unchanged_rows)

    def _show_problem_row(self, index: QModelIndex) -> None:
        row_no = self.problems_model.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        for i, row in enumerate(self.preview_model.rows):
            if row[0] == row_no:
                self.preview.selectRow(i)
                self.preview.scrollTo(self.preview_model.index(i, 0))
                return

    def save_template(self) -> None:
        """导入模板: the blank ledger with the recognised headers, an example row and the rules."""
        name = tr("{t}模板.xlsx").format(t=self.windowTitle().removeprefix(tr("导入")))
        path, _ = QFileDialog.getSaveFileName(self, tr("保存导入模板"), str(Path.home() / name), tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        try:
            Path(path).write_bytes(self.importer.template())
        except OSError as e:
            QMessageBox.warning(self, tr("无法保存"), tr("文件没有保存：{e}").format(e=e.strerror or e))

    def save_problems(self) -> None:
        """Save the problem list (行号, 列, 原因) as xlsx, to fix the ledger in Excel."""
        if self.report is None:
            return
        from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx

        path, _ = QFileDialog.getSaveFileName(
            self, tr("导出问题清单"), str(Path.home() / tr("导入问题清单.xlsx")), tr("Excel 工作簿 (*.xlsx)")
        )
        if not path:
            return
        data = list_xlsx(
            tr("{name}导入问题清单（{f}）").format(name=self.windowTitle(), f=Path(self.path_edit.text()).name),
            [XlsxColumn(tr("Excel 行号"), 10), XlsxColumn(tr("列"), 16), XlsxColumn(tr("原因"), 60)],
            ([e.row, e.column, e.message] for e in self.report.errors),
        )
        try:
            atomic_write(path, data)
        except OSError as e:
            QMessageBox.warning(self, tr("无法保存"), tr("文件没有保存：{e}").format(e=e.strerror or e))

    def commit(self) -> None:
        if self.report is None or not self.rows_to_write():
            return
        report = self.report
        result = self._run(tr("正在导入…"), lambda p: self.importer.commit(report, p))
        if result is None:
            return
        self.result_counts = result
        QMessageBox.information(self, self.windowTitle(), self.done_message(result))
        self.accept()

    def done_message(self, result: Any) -> str:
        text = tr("导入完成：新增 {c} 条，更新 {u} 条").format(c=result.created, u=result.updated)
        if getattr(result, "unchanged", 0):
            text += tr("，未变化 {n} 条").format(n=result.unchanged)
        if getattr(result, "excluded", 0):
            text += tr("，取消更新 {n} 条").format(n=result.excluded)
        return text + "。"


__all__ = ["BAD_BACKGROUND", "ImportWizard", "LedgerImporter", "PreviewModel", "column_letter"]
