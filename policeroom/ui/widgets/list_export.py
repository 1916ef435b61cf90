"""导出Excel for every list page: what the list shows now (search and filters applied) to an xlsx file.

The page says what to export through ``export_spec()`` (any :class:`ExportablePage`); this module asks where to save,
collects every matching row through the page's model (not only the rows on screen) and writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date
from policeroom.ui.i18n import tr

#: a list longer than this shows a progress dialog while it is written
PROGRESS_FROM = 2000
#: screen pixels per Excel character unit (the default 11 pt Calibri digit is ~7 px)
PX_PER_CHAR = 7.5


class ExportablePage(Protocol):
    """What this module needs of a list page (``ListPage`` is one); a protocol keeps the import one-way."""

    model: Any  # the page's table model: ``columns`` and rows on demand
    table: Any  # the QTableView: hidden columns and widths as shown
    services: Any

    def filter_summary(self) -> str: ...

    def export_spec(self) -> ExportSpec | None: ...


@dataclass(frozen=True)
class ExportColumn:
    """One exported column: header, width in Excel characters, the value of a row."""

    header: str
    width: float
    value: Callable[[Any], object]


@dataclass(frozen=True)
class ExportSpec:
    """What a list page exports: the title row, the default file name, the columns and the rows."""

    title: str
    file_name: str
    columns: Sequence[ExportColumn]
    rows: Callable[[], Iterable[Any]]
    count: int


def columns_as_shown(page: ExportablePage) -> list[ExportColumn]:
    """The page's visible table columns, as wide as on screen, with each column's export value."""
    out = []
    for i, col in enumerate(page.model.columns):
        if page.table.isColumnHidden(i):
            continue
        width = max(len(col.header) * 2 + 2, min(60, page.table.columnWidth(i) / PX_PER_CHAR))
        out.append(ExportColumn(col.header, round(width, 1), col.export or col.value))
    return out


def export_title(page: ExportablePage, what: str) -> str:
    """``安华里社区警务室居民名单（2026年11月22日导出，搜索“张”）``."""
    room = page.services.settings.get().room_name
    today = clock.today()
    note = f"{chinese_date(today)}导出"
    filters = page.filter_summary()
    if filters:
        note += "，" + filters
    return f"{room}{what}（{note}）"


def export_list(page: ExportablePage, parent: QWidget | None = None) -> Path | None:
    """Ask for a file name and write the page's list to it; returns the saved path or None.

    Rows come from the page's model (every row matching the search and filters, in the list's
    order); a long list shows a cancellable progress dialog.
    """
    from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx

    parent = parent or page
    spec = page.export_spec()
    if spec.count == 0:
        QMessageBox.information(parent, tr("导出Excel"), tr("列表中没有记录，无需导出。"))
        return None
    default = str(Path.home() / spec.file_name)
    path, _ = QFileDialog.getSaveFileName(parent, tr("导出Excel"), default, tr("Excel 工作簿 (*.xlsx)"))
    if not path:
        return None
    target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")

    progress: QProgressDialog | None = None
    if spec.count > PROGRESS_FROM:
        progress = QProgressDialog(tr("正在导出…"), tr("取消"), 0, spec.count, parent)
        progress.setWindowTitle(tr("导出Excel"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

    class Cancelled(Exception):
        pass

    def on_progress(n: int) -> None:
        if progress is not None:
            progress.setValue(min(n, spec.count))
            QApplication.processEvents()
            if progress.wasCanceled():
                raise Cancelled

    getters = [c.value for c in spec.columns]
    rows = ([get(r) for get in getters] for r in spec.rows())
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = list_xlsx(
            spec.title, [XlsxColumn(c.header, c.width) for c in spec.columns], rows, progress=on_progress
        )
        target.write_bytes(data)
        page.services.record_output("export", spec.title, page.filter_summary(), spec.count)
    except Cancelled:
        return None
    except OSError as e:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, tr("无法保存"), tr("文件没有保存：{e}").format(e=e.strerror or e))
        return None
    finally:
        if QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
        if progress is not None:
            progress.close()
    return target


__all__ = ["ExportColumn", "ExportSpec", "columns_as_shown", "export_list", "export_title"]
