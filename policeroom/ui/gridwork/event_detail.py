"""A grid event's detail: what, where, who, the light of the current step, photos, the timeline, and one
button per move the signed-in person may make now (立案 … 核查结案, 督办, 延期, 挂账, 转入排查台账)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import EVENT_SOURCE_LABELS, URGENCY_LABELS, EventStatus
from policeroom.services.loop.lights import LIGHT_LABELS, Light
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.gridwork.moves import SPECS, MoveDialog
from policeroom.ui.requests.common import fmt_dt
from policeroom.ui.widgets.forms import tr

KIND = "grid_event"
LIGHT_STYLE = {Light.green: "#2e7d32", Light.yellow: "#b26a00", Light.red: "#c62828", Light.parked: "#616161"}
#: the order of the move buttons
ORDER = ("register", "reject", "self_handle", "dispatch", "handle", "feedback", "close", "rework", "supervise",
         "reply", "extend_ask", "extend_approve", "extend_refuse", "park", "resume")  # fmt: skip


class EventDetailDialog(QDialog):
    """One event; acting on it reloads the dialog in place."""

    def __init__(
        self, services: Services, bus: ChangeBus, event_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.bus, self.event_id = services, bus, event_id
        self.setModal(True)
        self.resize(1000, 640)
        self.head = QLabel()
        self.head.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.light = QLabel()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setFixedHeight(96)
        self.photos.itemDoubleClicked.connect(self._show_photo)
        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels([tr("时间"), tr("操作"), tr("操作人"), tr("内容")])
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QHBoxLayout()
        self.extra = QHBoxLayout()
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.head, 1)
        top.addWidget(self.light)
        lay.addLayout(top)
        lay.addWidget(self.info)
        photo_row = QHBoxLayout()
        photo_row.addWidget(QLabel(tr("照片（双击查看）")))
        photo_row.addStretch(1)
        self.add_photo_button = QPushButton(tr("添加照片…"))
        self.add_photo_button.clicked.connect(self.add_photo)
        photo_row.addWidget(self.add_photo_button)
        lay.addLayout(photo_row)
        lay.addWidget(self.photos)
        lay.addWidget(QLabel(tr("办理经过")))
        lay.addWidget(self.timeline, 1)
        lay.addLayout(self.buttons)
        lay.addLayout(self.extra)
        self._build_buttons()
        self.load()

    def load(self) -> None:
        d = self.services.grid_events.get(self.event_id)
        self.detail = d
        self.setWindowTitle(tr("网格事件 {n}").format(n=d.number))
        extra = tr("（自行处置）") if d.self_handled else ""
        self.head.setText(f"{d.number}　{d.category}　{d.status_label}{extra}")
        if d.light in LIGHT_STYLE:
            due = tr("挂账：{r}").format(r=d.park_reason) if d.parked else tr("{step}期限 {due}").format(
                step=d.step, due=fmt_dt(d.due))  # fmt: skip
            self.light.setText(f"● {LIGHT_LABELS[d.light]}　{due}")
            self.light.setStyleSheet(f"color: {LIGHT_STYLE[d.light]}; font-size: 14px;")
        else:
            self.light.setText("")
        rows = [
            (tr("来源"), EVENT_SOURCE_LABELS[d.source]), (tr("网格"), d.grid), (tr("场所"), d.place or "—"),
            (tr("地点"), d.location or "—"), (tr("发现时间"), fmt_dt(d.found_at)), (tr("上报人"), d.reporter),
            (tr("紧急程度"), URGENCY_LABELS[d.urgency]), (tr("处置人"), d.handler or "—"),
        ]  # fmt: skip
        wide = [
            (tr("描述"), d.description),
            (tr("立案条件"), d.admit_rule or "—"),
            (tr("结案条件"), d.close_rule or "—"),
        ]
        if d.handling:
            wide.append((tr("处置情况"), d.handling))
        if d.feedback:
            wide.append((tr("反馈内容"), d.feedback))
        if d.rejected_reason:
            wide.append((tr("不立案理由"), d.rejected_reason))
        links = [t for t in (
            tr("来自群众求助 {n}").format(n=d.request_number) if d.request_number else "",
            tr("已转入矛盾纠纷排查台账 {n}").format(n=d.dispute_number) if d.dispute_number else "",
            tr("来自线索 {n}").format(n=d.tip_ref) if d.tip_ref else "",
            tr("来自场所巡查") if d.inspection_id else "",
        ) if t]  # fmt: skip
        if links:
            wide.append((tr("关联"), "；".join(links)))
        if d.asked_due:
            wide.append((tr("待审批延期"), tr("至 {d}：{r}").format(d=fmt_dt(d.asked_due), r=d.asked_reason)))
        self.info.setText(_info_html(rows, wide))
        self.photos.clear()
        for p in d.photos:
            item = QListWidgetItem(p.file_name)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            _name, _mime, data = self.services.grid_events.photo(p.id)
            pix = QPixmap()
            if pix.loadFromData(data):
                item.setIcon(pix.scaled(80, 80, Qt.AspectRatioMode.KeepAspectRatio))
            self.photos.addItem(item)
        if not d.photos:
            self.photos.addItem(tr("（没有照片）"))
        self.timeline.setRowCount(0)
        for item in d.timeline:
            r = self.timeline.rowCount()
            self.timeline.insertRow(r)
            note = item.note + (tr("\n回复：{t}").format(t=item.reply[0]) if item.reply else "")
            for c, v in enumerate((fmt_dt(item.at), item.label, item.actor, note)):
                self.timeline.setItem(r, c, QTableWidgetItem(v))
        self.timeline.resizeColumnsToContents()
        self.timeline.resizeRowsToContents()
        self._buttons()

    def _build_buttons(self) -> None:
        """Every possible button once; :meth:`_buttons` shows those allowed now (a button is never deleted
        while its own click is still running)."""
        self.move_buttons: dict[str, QPushButton] = {}
        for move in ORDER:
            button = QPushButton(tr(SPECS[move].label))
            button.setObjectName(f"move_{move}")
            button.clicked.connect(lambda _c=False, m=move: self.act(m))
            (self.buttons if move in ORDER[:8] else self.extra).addWidget(button)
            self.move_buttons[move] = button
        self.buttons.addStretch(1)
        self.edit_button = QPushButton(tr("修改登记"))
        self.edit_button.clicked.connect(self.edit)
        self.dispute_button = QPushButton(tr("转入矛盾纠纷排查台账"))
        self.dispute_button.setObjectName("to_dispute")
        self.dispute_button.clicked.connect(self.to_dispute)
        history = QPushButton(tr("修改记录"))
        history.clicked.connect(self.show_history)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        self.extra.addWidget(self.edit_button)
        self.extra.addWidget(self.dispute_button)
        self.extra.addStretch(1)
        self.extra.addWidget(history)
        self.extra.addWidget(close)

    def _buttons(self) -> None:
        d = self.detail
        for move, button in self.move_buttons.items():
            show = move in d.moves
            if move == "reply":
                show = show and bool(d.open_supervisions)
            elif move in ("extend_approve", "extend_refuse"):
                show = show and d.asked_due is not None
            elif move == "extend_ask":
                show = show and d.asked_due is None and d.due is not None and not d.parked
            elif move == "park":
                show = show and not d.parked
            elif move == "resume":
                show = show and d.parked
            button.setVisible(show)
        self.edit_button.setVisible(d.status not in (EventStatus.closed, EventStatus.rejected))
        self.add_photo_button.setVisible(d.status != EventStatus.rejected)
        self.dispute_button.setVisible(
            d.is_dispute and d.dispute_id is None and d.status != EventStatus.rejected
        )

    def act(self, move: str) -> bool:
        dlg = MoveDialog(self.services, self.detail, move, self)
        dlg.exec()
        if dlg.saved_id is None:
            return False
        self.bus.notify(KIND, self.event_id)
        self.load()
        return True

    def edit(self) -> None:
        from policeroom.ui.gridwork.event_form import EventDialog

        dlg = EventDialog(self.services, self.event_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify(KIND, self.event_id)
            self.load()

    def to_dispute(self) -> None:
        from policeroom.ui.gridwork.dispute_link import EventDisputeDialog

        try:
            draft = self.services.grid_events.draft_dispute(
                self.event_id, self.services.disputes.dispute_types()
            )
        except DomainError as e:
            QMessageBox.warning(self, tr("不能转入"), e.message)
            return
        dlg = EventDisputeDialog(self.services, self.event_id, draft, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("dispute_entry", dlg.saved_id)
            self.bus.notify(KIND, self.event_id)
            self.load()

    def add_photo(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from policeroom.services.gridwork.types import PhotoInput

        files, _ = QFileDialog.getOpenFileNames(
            self, tr("选择照片"), "", tr("图片 (*.jpg *.jpeg *.png *.gif *.bmp)")
        )
        for name in files:
            try:
                self.services.grid_events.add_photo(
                    self.event_id, PhotoInput(Path(name).name, Path(name).read_bytes())
                )
            except (DomainError, OSError) as e:
                QMessageBox.warning(self, tr("无法添加照片"), getattr(e, "message", str(e)))
                break
        if files:
            self.bus.notify(KIND, self.event_id)
            self.load()

    def show_history(self) -> None:
        from policeroom.ui.widgets.history import HistoryDialog

        HistoryDialog(self.detail.number, self.services.history(KIND, self.event_id), self).exec()

    def _show_photo(self, item: QListWidgetItem) -> None:
        photo_id = item.data(Qt.ItemDataRole.UserRole)
        if photo_id is None:
            return
        name, _mime, data = self.services.grid_events.photo(photo_id)
        pix = QPixmap()
        pix.loadFromData(data)
        view = QDialog(self)
        view.setWindowTitle(name)
        label = QLabel()
        label.setPixmap(pix.scaled(900, 640, Qt.AspectRatioMode.KeepAspectRatio))
        QVBoxLayout(view).addWidget(label)
        view.exec()


__all__ = ["EventDetailDialog", "QFormLayout"]


def _info_html(rows: list[tuple[str, str]], wide: list[tuple[str, str]]) -> str:
    """The event's fields as a small table: four pairs a line, then the long texts one a line."""
    key = '<td style="color:#555555; padding:2px 4px;" align="right" valign="top">{k}：</td>'
    html = ["<table>"]
    for i in range(0, len(rows), 4):
        cells = "".join(key.format(k=escape(k)) + f'<td style="padding:2px 14px 2px 0;">{escape(v)}</td>'
                        for k, v in rows[i : i + 4])  # fmt: skip
        html.append(f"<tr>{cells}</tr>")
    for k, v in wide:
        text = escape(v).replace("\n", "<br/>")
        html.append(f'<tr>{key.format(k=escape(k))}<td colspan="7" style="padding:2px 0;">{text}</td></tr>')
    html.append("</table>")
    return "".join(html)
