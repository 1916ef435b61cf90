"""求助人 field: find the person in the resident index as you type, or just type someone new."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from policeroom.models import GENDER_LABELS
from policeroom.models.people import Resident
from policeroom.services.core.text import column_limit
from policeroom.services.people.residents import ResidentRow
from policeroom.services.registry import Services
from policeroom.ui.widgets.forms import limit_text, tr

ResidentIdRole = Qt.ItemDataRole.UserRole + 1


def _details(r: ResidentRow) -> list[str]:
    who = " ".join(
        x for x in (GENDER_LABELS.get(r.gender or "", ""), f"{r.age}岁" if r.age is not None else "") if x
    )
    return [x for x in (who, r.id_number_masked, r.phone, r.address) if x]


def resident_line(r: ResidentRow) -> str:
    """“张三  男 45岁  110105********002X  13800000000  安华里3号楼2单元” for the popup list."""
    return "  ".join([r.name, *_details(r)])


class ResidentPicker(QWidget):
    """A name field that searches the resident index (姓名、拼音首字母、身份证号、电话) after typing stops.

    Picking a match links the request to that resident (``resident_id``); editing the name afterwards
    unlinks it again, so a person not in the index can always be typed in by hand.

    Signals:
        picked(int): a resident was chosen; the dialog fills phone, address and grid from it.
    """

    picked = Signal(int)
    LIMIT = 20

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.resident_id: int | None = None
        self.name = QLineEdit()
        limit_text(self.name, column_limit(Resident.name))
        self.name.setPlaceholderText(tr("姓名、拼音首字母、身份证号或电话"))
        self.name.setToolTip(tr("输入姓名、拼音首字母、身份证号或电话查找居民；查不到可直接填写"))
        self.link_label = QLabel()
        self.link_label.setStyleSheet("color: #2e7d32;")
        self.link_label.setWordWrap(True)
        self.unlink_button = QPushButton(tr("取消关联"))
        self.unlink_button.setFlat(True)
        self.unlink_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.unlink_button.clicked.connect(self.unlink)
        self.link_row = QWidget()
        link = QHBoxLayout(self.link_row)
        link.setContentsMargins(0, 0, 0, 0)
        link.addWidget(self.link_label, 1)
        link.addWidget(self.unlink_button)
        self.link_row.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.name)
        lay.addWidget(self.link_row)

        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setWidget(self.name)  # not setCompleter: the line edit must not rewrite the name
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run_search)
        self.name.textEdited.connect(self._edited)
        self.setFocusProxy(self.name)

    def _edited(self, _text: str) -> None:
        if self.resident_id is not None:
            self.unlink()  # a different name is a different person
        self._timer.start()

    def run_search(self, query: str | None = None) -> list[ResidentRow]:
        """Search now and show the matches (up to ``LIMIT``) under the field; returns them."""
        self._timer.stop()
        query = (self.name.text() if query is None else query).strip()
        self.matches.clear()
        if not query:
            self.completer.popup().hide()
            return []
        ids = self.services.residents.search_ids(query)[: self.LIMIT]
        rows = self.services.residents.rows(ids) if ids else []
        for r in rows:
            item = QStandardItem(resident_line(r))
            item.setData(r.id, ResidentIdRole)
            item.setEditable(False)
            self.matches.appendRow(item)
        if rows and self.name.hasFocus():
            popup = self.completer.popup()
            width = max(self.name.width(), 720)
            self.completer.complete(QRect(0, 0, width, self.name.height()))
            popup.setCurrentIndex(self.matches.index(0, 0))
        else:
            self.completer.popup().hide()
        return rows

    def _activated(self, index: QModelIndex) -> None:
        resident_id = index.data(ResidentIdRole)
        if resident_id is not None:
            self.pick(int(resident_id))

    def pick(self, resident_id: int) -> None:
        """Link the request to this resident and show who it is."""
        rows = self.services.residents.rows([resident_id])
        if not rows:
            return
        self.set_linked(resident_id, rows[0])
        self.completer.popup().hide()
        self.picked.emit(resident_id)

    def set_linked(self, resident_id: int, row: ResidentRow | None) -> None:
        self.resident_id = resident_id
        if row is not None:
            self.name.setText(row.name)
            who = " ".join(
                x for x in (GENDER_LABELS.get(row.gender or "", ""), f"{row.age}岁" if row.age else "") if x
            )
            details = "，".join(
                x for x in (who, row.id_number_masked) if x
            )  # phone, address: in their fields
            self.link_label.setText(tr("✓ 已关联居民档案") + (f"：{details}" if details else ""))
            self.link_label.setToolTip(self.link_label.text())
        else:
            self.link_label.setText(tr("✓ 已关联居民档案"))
        self.link_row.show()

    def unlink(self) -> None:
        """Keep the typed name but no longer tie the request to the resident record."""
        self.resident_id = None
        self.link_row.hide()
