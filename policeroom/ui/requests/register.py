"""The registration form (登记 / 修改登记) of a 群众求助."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from policeroom.errors import DomainError
from policeroom.models import CHANNEL_LABELS, URGENCY_LABELS, Channel, Urgency
from policeroom.models.requests import AssistanceRequest
from policeroom.services.core.text import column_limit
from policeroom.services.registry import Services
from policeroom.services.requests.service import DESCRIPTION_LIMIT, RequestInput
from policeroom.ui.requests.common import DateTimeEdit, OptionalDateTimeEdit, member_combo
from policeroom.ui.requests.picker import ResidentPicker
from policeroom.ui.widgets.forms import RecordDialog, combo_select, form_row, limit_text, tr


class RequestDialog(RecordDialog):
    """Register a new request or correct an open one; each refusal appears beside its field.

    Attributes:
        saved_id: The request's id after a successful save, else None.
    """

    limits_from = AssistanceRequest  # text fields show the limits the service enforces

    def __init__(
        self, services: Services, request_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("登记群众求助") if request_id is None else tr("修改登记"), parent)
        self.services = services
        self.request_id = request_id
        self.saved_id: int | None = None
        self._grid_manual = False  # the person chose the grid: stop suggesting one
        rules = services.requests.rules()

        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        self.layout().insertLayout(0, columns)

        def add(form: QFormLayout, label: str, field: str, widget: QWidget) -> QWidget:
            if field in AssistanceRequest.__table__.c:
                limit_text(widget, column_limit(AssistanceRequest.__table__.c[field]))
            return form_row(form, self.errors, label, field, widget)

        self.received_at = add(left, tr("求助时间"), "received_at", DateTimeEdit())
        self.channel = add(left, tr("求助方式"), "channel", QComboBox())
        for channel, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, channel.value)
        self.picker = add(left, tr("求助人"), "requester_name", ResidentPicker(services))
        self.phone = add(left, tr("联系电话"), "requester_phone", QLineEdit())
        self.phone.setPlaceholderText(tr("手机或座机，可不填"))
        self.address = add(left, tr("住址"), "requester_address", QLineEdit())
        self.add_to_index = add(
            left, tr("居民档案"), "add_to_index", QCheckBox(tr("同时加入居民档案（档案中查不到此人时）"))
        )
        self.add_to_index.setChecked(True)
        self.add_to_index.setToolTip(tr("按姓名、电话、住址和网格新建居民档案，以后求助和调解可直接选用"))
        self.anonymous = add(
            left, tr("匿名"), "anonymous", QCheckBox(tr("匿名求助（列表中不显示姓名和电话）"))
        )
        self.anonymous_reason = add(left, tr("匿名原因"), "anonymous_reason", QLineEdit())

        self.occurred_at = add(right, tr("事发时间"), "occurred_at", OptionalDateTimeEdit())
        self.location = add(right, tr("事发地点"), "location", QLineEdit())
        self.grid = add(right, tr("网格"), "grid_id", QComboBox())
        if not services.actor.limited_to_grids:
            self.grid.addItem(tr("未指定"), None)
        for gid, label in services.grids.choices():
            self.grid.addItem(label, gid)
        self.category = add(right, tr("类别"), "category", QComboBox())
        for c in rules.categories:
            self.category.addItem(c, c)
        self.urgency = add(right, tr("紧急程度"), "urgency", QComboBox())
        for urgency, label in URGENCY_LABELS.items():
            self.urgency.addItem(label, urgency.value)
        self.receiver = add(right, tr("接待人"), "receiver_id", member_combo(services, empty=tr("请选择")))
        self.leader = add(right, tr("带班领导"), "leader", QLineEdit())

        self.description = self.add_field(tr("求助事项"), "description", QPlainTextEdit(), limit=DESCRIPTION_LIMIT)
        self.description.setPlaceholderText(tr("求助人反映的情况和诉求"))
        self.description.setFixedHeight(110)
        self.form.setLabelAlignment(left.labelAlignment())

        self.anonymous.toggled.connect(self.anonymous_reason.setEnabled)
        self.anonymous_reason.setEnabled(False)
        self.anonymous.toggled.connect(lambda _c: self._update_index_box())
        self.picker.picked.connect(lambda _i: self._update_index_box())
        self.picker.name.textEdited.connect(lambda _t: self._update_index_box())
        self.picker.picked.connect(self._resident_picked)
        self.picker.name.textEdited.connect(lambda _t: self.errors.clear("requester_name"))
        self.address.editingFinished.connect(lambda: self.suggest_grid(self.address.text()))
        self.location.editingFinished.connect(
            lambda: self.suggest_grid(self.location.text()) if not self.address.text().strip() else None
        )
        self.grid.activated.connect(self._grid_chosen)

        if request_id is None:
            combo_select(self.receiver, services.actor.member_id)
        else:
            self._load(request_id)
            self.add_to_index.setChecked(False)  # correcting a registration adds nobody unasked
        self._update_index_box()
        self.setMinimumWidth(920)
        self.picker.setFocus()

    def _load(self, request_id: int) -> None:
        d = self.services.requests.get(request_id)
        self.received_at.set_value(d.received_at)
        combo_select(self.channel, d.channel.value)
        self.picker.name.setText(d.requester_name)
        if d.resident_id is not None:
            rows = self.services.residents.rows([d.resident_id])
            self.picker.set_linked(d.resident_id, rows[0] if rows else None)
        self.phone.setText(d.requester_phone)
        self.address.setText(d.requester_address)
        self.anonymous.setChecked(d.anonymous)
        self.anonymous_reason.setText(d.anonymous_reason)
        self.occurred_at.set_value(d.occurred_at)
        self.location.setText(d.location)
        combo_select(self.grid, d.grid_id)
        self._grid_manual = d.grid_id is not None
        if self.category.findData(d.category) < 0:  # removed from the list since: keep it visible
            self.category.addItem(d.category, d.category)
        combo_select(self.category, d.category)
        combo_select(self.urgency, d.urgency.value)
        if d.receiver_id is not None and self.receiver.findData(d.receiver_id) < 0:
            self.receiver.addItem(d.receiver_name, d.receiver_id)
        combo_select(self.receiver, d.receiver_id)
        self.leader.setText(d.leader)
        self.description.setPlainText(d.description)
        self.enable_history(d.number, lambda: self.services.history("assistance_request", request_id))

    # -- suggestions ----------------------------------------------------------------------
    def _grid_chosen(self, _index: int) -> None:
        self._grid_manual = True
        self.grid.setToolTip("")

    def _set_suggested_grid(self, grid_id: int | None, why: str) -> None:
        if grid_id is None or self._grid_manual or self.grid.findData(grid_id) < 0:
            return
        combo_select(self.grid, grid_id)
        self.grid.setToolTip(why)

    def _resident_picked(self, resident_id: int) -> None:
        try:
            r = self.services.residents.get(resident_id)
        except DomainError:
            return
        if r.phone:
            self.phone.setText(r.phone)
        if r.address:
            self.address.setText(r.address)
        self._set_suggested_grid(r.grid_id, tr("按居民档案推荐"))

    def suggest_grid(self, address: str) -> None:
        """Suggest the grid whose residents live at this address (unless the person chose one)."""
        if address.strip():
            self._set_suggested_grid(self.services.requests.suggest_grid(address), tr("按地址推荐"))

    def _update_index_box(self) -> None:
        """Offered only for a named requester who is not linked to the resident index."""
        self.add_to_index.setEnabled(self.picker.resident_id is None and not self.anonymous.isChecked())

    # -- saving ---------------------------------------------------------------------------
    def data(self) -> RequestInput:
        return RequestInput(
            received_at=self.received_at.value(),
            channel=Channel(self.channel.currentData()),
            category=self.category.currentData() or "",
            urgency=Urgency(self.urgency.currentData()),
            description=self.description.toPlainText(),
            receiver_id=self.receiver.currentData(),
            resident_id=self.picker.resident_id,
            requester_name=self.picker.name.text(),
            requester_phone=self.phone.text(),
            requester_address=self.address.text(),
            anonymous=self.anonymous.isChecked(),
            anonymous_reason=self.anonymous_reason.text(),
            occurred_at=self.occurred_at.value(),
            location=self.location.text(),
            grid_id=self.grid.currentData(),
            leader=self.leader.text(),
            add_to_index=self.add_to_index.isEnabled() and self.add_to_index.isChecked(),
        )

    def submit(self) -> None:
        if self.request_id is None:
            self.saved_id = self.services.requests.create(self.data())
        else:
            self.services.requests.update(self.request_id, self.data())
            self.saved_id = self.request_id
