"""The detail of one 群众求助: register fields, where it stands in the loop, the timeline, and the next step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import AccountRole, Status, Urgency
from policeroom.services.core.validators import mask_id_number
from policeroom.services.loop.lights import Light
from policeroom.services.loop.moves import DESK
from policeroom.services.registry import Services
from policeroom.services.requests.rules import ACTION_LABELS, ALLOWED_FROM, OPEN_STATUSES, refusal
from policeroom.services.requests.service import RequestDetail
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import LIGHT_BACKGROUND, OVERDUE_TEXT, URGENT_TEXT, fmt_dt
from policeroom.ui.requests.oversight import OVERSIGHT_DIALOGS
from policeroom.ui.requests.steps import STEP_DIALOGS, StepDialog
from policeroom.ui.widgets.forms import tr

KIND = "assistance_request"
#: the loop engine's moves on this screen, in the order of their buttons
LOOP_BUTTONS = (
    ("supervise", "督办…"),
    ("reply", "回复督办…"),
    ("extend_ask", "申请延期…"),
    ("extend_decide", "审批延期…"),
    ("rework", "返工…"),
    ("park", "挂账…"),
    ("resume", "恢复…"),
)
ALL_DIALOGS = {**STEP_DIALOGS, **OVERSIGHT_DIALOGS}
PRIMARY_STYLE = (
    "QPushButton { background-color: #2979ff; color: #ffffff; font-weight: bold; padding: 6px 18px; }"
)
ON_TIME_BACKGROUND = "#e3f2fd"
FINISHED_BACKGROUND = "#eeeeee"


def register_fields(d: RequestDetail) -> list[tuple[str, str]]:
    """(label, value) of the registration, as on the printed form."""
    who = d.requester_name or tr("（未填）")
    if d.anonymous:
        who = tr("匿名") + (f"（{d.requester_name}）" if d.requester_name else "")
    rows = [
        (tr("求助时间"), fmt_dt(d.received_at)),
        (tr("求助方式"), d.channel_label),
        (tr("求助人"), who),
    ]
    if d.resident_id is not None:
        person = "，".join(
            x
            for x in (
                d.requester_gender,
                mask_id_number(d.requester_id_number) if d.requester_id_number else "",
            )
            if x
        )
        rows.append((tr("居民档案"), person or tr("已关联")))
    if d.anonymous:
        rows.append((tr("匿名原因"), d.anonymous_reason))
    rows += [
        (tr("联系电话"), d.requester_phone),
        (tr("住址"), d.requester_address),
        (tr("事发时间"), fmt_dt(d.occurred_at)),
        (tr("事发地点"), d.location),
        (tr("网格"), d.grid_label),
        (tr("类别"), d.category),
        (tr("紧急程度"), d.urgency_label),
        (tr("求助事项"), d.description),
        (tr("接待人"), d.receiver_name),
        (tr("带班领导"), d.leader),
    ]
    return rows


def result_fields(d: RequestDetail) -> list[tuple[str, str]]:
    """(label, value) of how it was handled so far (only what has happened)."""
    rows: list[tuple[str, str]] = []
    if d.assignee_name:
        rows.append((tr("处置人"), d.assignee_name))
    if d.dispatched_at:
        rows.append((tr("派遣时间"), fmt_dt(d.dispatched_at)))
    if d.feedback_at:
        rows += [(tr("反馈时间"), fmt_dt(d.feedback_at)), (tr("反馈内容"), d.feedback)]
    if d.visited_at:
        rows += [
            (tr("回访时间"), fmt_dt(d.visited_at)),
            (tr("回访方式"), d.visit_method),
            (tr("满意度"), d.satisfaction_label),
        ]
        if d.visit_remarks:
            rows.append((tr("回访情况"), d.visit_remarks))
    if d.referred_to:
        rows.append((tr("转办部门"), d.referred_to))
    if d.closed_at:
        rows.append((tr("转办时间") if d.status == Status.referred else tr("办结时间"), fmt_dt(d.closed_at)))
    if d.void_reason:
        rows.append((tr("作废原因"), d.void_reason))
    return rows


class RequestDetailDialog(QDialog):
    """Everything about one request; the next step of the loop is the default button.

    Signals:
        print_requested(int): the person asked for the 群众求助登记表 of this request.
    """

    print_requested = Signal(int)

    def __init__(
        self, services: Services, bus: ChangeBus, request_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.request_id = request_id
        self.detail: RequestDetail = services.requests.get(request_id)
        self.resize(1040, 680)  # within a 1366×768 laptop, title bar and taskbar included

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.step_box = QFrame()
        self.step_box.setObjectName("step_box")
        self.step_label = QLabel()
        self.step_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color: #8a6d00;")
        self.next_button = QPushButton()
        self.next_button.setStyleSheet(PRIMARY_STYLE)
        self.next_button.setDefault(True)
        self.next_button.setAutoDefault(True)
        self.next_button.clicked.connect(lambda: self.run_step(self.detail.next_action or ""))
        self.action_button = QPushButton(tr("再登记处置"))
        self.action_button.clicked.connect(lambda: self.run_step("handle"))
        self.redispatch_button = QPushButton(tr("改派"))
        self.redispatch_button.clicked.connect(lambda: self.run_step("dispatch"))
        texts = QVBoxLayout()
        texts.addWidget(self.step_label)
        texts.addWidget(self.warning_label)
        box = QHBoxLayout(self.step_box)
        box.addLayout(texts, 1)
        for b in (self.action_button, self.redispatch_button, self.next_button):
            box.addWidget(b)

        self.info_form = QFormLayout()
        self.info_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        info = QGroupBox(tr("登记信息"))
        info.setLayout(self.info_form)
        self.result_form = QFormLayout()
        self.result_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.result_box = QGroupBox(tr("办理结果"))
        self.result_box.setLayout(self.result_form)
        left_inner = QWidget()
        left_lay = QVBoxLayout(left_inner)
        left_lay.addWidget(info)
        left_lay.addWidget(self.result_box)
        left_lay.addStretch(1)
        left = QScrollArea()
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setWidget(left_inner)

        self.timeline = _tree([tr("时间"), tr("环节"), tr("操作人"), tr("内容")], (140, 96, 90))
        self.actions = _tree([tr("处置时间"), tr("处置人"), tr("处置情况")], (140, 90))
        self.actions_empty = QLabel(tr("还没有处置记录。"))
        self.actions_empty.setStyleSheet("color: #757575;")
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(QLabel(tr("<b>办理经过</b>")))
        right_lay.addWidget(self.timeline, 3)
        right_lay.addWidget(QLabel(tr("<b>处置记录</b>")))
        right_lay.addWidget(self.actions, 2)
        right_lay.addWidget(self.actions_empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        split.setSizes([440, 560])

        self.refer_button = QPushButton(tr("转办…"))
        self.refer_button.clicked.connect(lambda: self.run_step("refer"))
        self.void_button = QPushButton(tr("作废…"))
        self.void_button.clicked.connect(lambda: self.run_step("void"))
        self.edit_button = QPushButton(tr("修改登记"))
        self.edit_button.clicked.connect(self.edit_registration)
        self.history_button = QPushButton(tr("修改记录"))
        self.history_button.clicked.connect(self.show_history)
        self.print_button = QPushButton(tr("打印登记表"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.request_id))
        self.event_button = QPushButton(tr("转为网格事件"))
        self.event_button.setToolTip(tr("把这件求助作为网格事件登记，按网格事件闭环办理（来源：群众求助转来）"))
        self.event_button.clicked.connect(self.to_grid_event)
        self.close_button = QPushButton(tr("关闭"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        for b in (
            self.refer_button,
            self.void_button,
            self.edit_button,
            self.history_button,
            self.print_button,
            self.event_button,
        ):
            b.setAutoDefault(False)
            bottom.addWidget(b)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        # the moves of the loop engine: 督办 延期 返工 挂账 (shown when they apply to this request and person)
        self.loop_buttons: dict[str, QPushButton] = {}
        loop_row = QHBoxLayout()
        for move, label in LOOP_BUTTONS:
            b = QPushButton(tr(label))
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, m=move: self.run_step(m))
            self.loop_buttons[move] = b
            loop_row.addWidget(b)
        self.loop_counts = QLabel()
        self.loop_counts.setStyleSheet("color: #616161;")
        loop_row.addStretch(1)
        loop_row.addWidget(self.loop_counts)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.step_box)
        lay.addWidget(split, 1)
        lay.addLayout(loop_row)
        lay.addLayout(bottom)
        self.show_detail(self.detail)

    # -- showing --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the request again (after a step) and show it."""
        self.show_detail(self.services.requests.get(self.request_id))

    def show_detail(self, d: RequestDetail) -> None:
        self.detail = d
        self.setWindowTitle(tr("群众求助 {number}").format(number=d.number))
        urgency = d.urgency_label
        if d.urgency == Urgency.critical:
            urgency = f"<span style='color:{URGENT_TEXT}'>{urgency}</span>"
        who = tr("匿名") if d.anonymous else d.requester_name
        self.title.setText(
            f"{d.number}　{who}　{d.category}　{urgency}　<span style='color:#1565c0'>{d.status_label}</span>"
        )
        self._show_step(d)
        _fill_form(self.info_form, register_fields(d))
        results = result_fields(d)
        _fill_form(self.result_form, results)
        self.result_box.setVisible(bool(results))
        self.timeline.clear()
        for e in d.timeline:
            note = e.note
            if e.move == "supervise":
                note += tr("（回复 {at}：{text}）").format(at=fmt_dt(e.reply[1]), text=e.reply[0]) if e.reply else tr("（待回复）")
            self.timeline.addTopLevelItem(QTreeWidgetItem([fmt_dt(e.at), e.label, e.actor, note]))
        self.actions.clear()
        for a in d.actions:
            self.actions.addTopLevelItem(QTreeWidgetItem([fmt_dt(a.at), a.member, a.content]))
        self.actions.setVisible(bool(d.actions))
        self.actions_empty.setVisible(not d.actions)
        for item in _items(self.timeline) + _items(self.actions):
            item.setToolTip(item.columnCount() - 1, item.text(item.columnCount() - 1))
        self._enable(self.refer_button, "refer")
        self._enable(self.void_button, "void")
        self._show_loop_buttons(d)
        self.edit_button.setEnabled(d.status in OPEN_STATUSES)
        self.edit_button.setToolTip("" if d.status in OPEN_STATUSES else tr("已结束的求助不能再修改登记"))

    def _show_step(self, d: RequestDetail) -> None:
        if d.step is None:
            text = {
                Status.closed: tr("已办结（{at}）").format(at=fmt_dt(d.closed_at)),
                Status.referred: tr("已转办至{dept}（{at}）").format(
                    dept=d.referred_to, at=fmt_dt(d.closed_at)
                ),
                Status.voided: tr("已作废：{reason}").format(reason=d.void_reason),
            }.get(d.status, d.status_label)
            background, color = FINISHED_BACKGROUND, "#424242"
        else:
            text = tr("当前环节：<b>{step}</b>　期限：{due}").format(
                step=d.step_label, due=fmt_dt(d.step_due)
            )
            text += {
                Light.yellow: tr("　<b>临近期限</b>"),
                Light.red: tr("　<b>已超期，可督办</b>"),
                Light.parked: tr("　<b>已挂账（{reason}），暂停计时</b>").format(reason=d.park_reason),
            }.get(d.light, "")
            if d.asked_due is not None:
                text += tr("<br>延期申请待审批：至 {due}（{reason}）").format(due=fmt_dt(d.asked_due), reason=d.asked_reason)
            if d.unanswered:
                text += tr("<br>督办 {n} 次，待回复 {m} 次").format(n=d.counts.supervised, m=len(d.unanswered))
            background = LIGHT_BACKGROUND.get(d.light, ON_TIME_BACKGROUND)
            color = OVERDUE_TEXT
        self.step_label.setText(text)
        self.step_box.setStyleSheet(
            f"QFrame#step_box {{ background: {background}; border-radius: 4px; }}"
            f" QFrame#step_box QLabel {{ color: {color}; font-size: 14px; }}"
        )
        self.warning_label.setText("⚠ " + d.calendar_warning if d.calendar_warning else "")
        self.warning_label.setVisible(bool(d.calendar_warning))
        nxt = d.next_action
        self.next_button.setVisible(nxt is not None)
        if nxt is not None:
            self.next_button.setText(tr(ACTION_LABELS[nxt]) + "…")
            self.next_button.setFocus()
        self.action_button.setVisible(d.status == Status.handling)  # more entries before feedback
        self.redispatch_button.setVisible(d.status in (Status.dispatched, Status.handling))

    def _show_loop_buttons(self, d: RequestDetail) -> None:
        role = self.services.actor.role
        is_open = d.status in OPEN_STATUSES
        parked = d.parked_at is not None
        shown = {
            "supervise": is_open and role == AccountRole.officer,
            "reply": bool(d.unanswered),
            "extend_ask": is_open and d.step_due is not None and not parked and d.asked_due is None,
            "extend_decide": d.asked_due is not None and role == AccountRole.officer,
            "rework": d.status == Status.visited and role in DESK,
            "park": is_open and not parked and role in DESK,
            "resume": parked and role in DESK,
        }
        for move, button in self.loop_buttons.items():
            button.setVisible(shown[move])
        c = d.counts
        parts = [(tr("督办"), c.supervised), (tr("返工"), c.reworked), (tr("延期"), c.extended), (tr("挂账"), c.parked)]
        self.loop_counts.setText("　".join(f"{label} {n} 次" for label, n in parts if n))

    def _enable(self, button: QPushButton, action: str) -> None:
        allowed = self.detail.status in ALLOWED_FROM[action]
        button.setEnabled(allowed)
        button.setToolTip("" if allowed else (refusal(action, self.detail.status) or ""))

    # -- acting ---------------------------------------------------------------------------
    def step_dialog(self, action: str) -> StepDialog:
        """The dialog for ``action`` (dispatch, handle, feedback, visit, close, refer, void)."""
        return ALL_DIALOGS[action](self.services, self.detail, self)

    def run_step(self, action: str) -> bool:
        """Open the step's dialog; after a save tell the other screens and show the new state."""
        if action not in ALL_DIALOGS:
            return False
        dlg = self.step_dialog(action)
        dlg.exec()
        return self.step_done(dlg)

    def step_done(self, dlg: StepDialog) -> bool:
        if dlg.saved_id is None:
            return False
        self.bus.notify(KIND, self.request_id)
        self.refresh()
        return True

    def edit_registration(self) -> None:
        from policeroom.ui.requests.register import RequestDialog

        dlg = RequestDialog(self.services, self.request_id, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify(KIND, self.request_id)
            self.refresh()

    def show_history(self) -> None:
        from policeroom.ui.widgets.history import HistoryDialog

        HistoryDialog(self.detail.number, self.services.history(KIND, self.request_id), self).exec()

    def to_grid_event(self) -> int | None:
        """转为网格事件: the event form filled from this request; saving links the two."""
        from PySide6.QtWidgets import QMessageBox

        from policeroom.errors import DomainError
        from policeroom.ui.gridwork.event_form import EventDialog

        try:
            draft = self.services.grid_events.draft_from_request(self.request_id)
        except DomainError as e:
            QMessageBox.information(self, tr("转为网格事件"), e.message)
            return None
        dlg = EventDialog(self.services, None, self, draft=draft)
        dlg.exec()
        if dlg.saved_id is not None:
            self.bus.notify("grid_event", dlg.saved_id)
        return dlg.saved_id


def _tree(headers: list[str], widths: tuple[int, ...]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setAlternatingRowColors(True)
    for i, w in enumerate(widths):
        tree.setColumnWidth(i, w)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def _fill_form(form: QFormLayout, rows: list[tuple[str, str]]) -> None:
    while form.rowCount():
        form.removeRow(0)
    for label, value in rows:
        text = QLabel(value or "—")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setTextFormat(Qt.TextFormat.PlainText)
        if not value:
            text.setStyleSheet("color: #9e9e9e;")
        form.addRow(QLabel(label + "："), text)
