"""One small form per move of a tip: each sends one call to the service; refusals appear beside fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from policeroom.models import Tip
from policeroom.services.registry import Services
from policeroom.services.tips.rules import (
    CLAIM_METHODS,
    EXCLUSIONS,
    NOTIFY_METHODS,
    TRANSFER_BODIES,
    VERDICTS,
)
from policeroom.services.tips.types import TipDetail
from policeroom.ui.requests.common import DateTimeEdit, member_combo
from policeroom.ui.widgets.forms import RecordDialog, tr


class StepForm(RecordDialog):
    """A move's form: the tip in one line on top, the move's time and fields; ``saved`` after saving."""

    limits_from = Tip

    def __init__(self, title: str, detail: TipDetail, parent: QWidget | None = None) -> None:
        super().__init__(tr(title) + f" - {detail.row.number}", parent)
        self.saved = False
        self.apply: Callable[[], object] = lambda: None
        head = QLabel(f"{detail.row.number}　{detail.row.category}　{detail.row.subject or detail.row.place}　"
                      f"{tr('状态')}：{detail.row.status_label}")  # fmt: skip
        head.setWordWrap(True)
        self.layout().insertWidget(0, head)
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr(title))
        self.setMinimumWidth(560)

    def text(self, label: str, field: str, limit: int, *, lines: int = 1, placeholder: str = "") -> QLineEdit | QPlainTextEdit:
        w: QLineEdit | QPlainTextEdit = QPlainTextEdit() if lines > 1 else QLineEdit()
        if isinstance(w, QPlainTextEdit):
            w.setFixedHeight(24 * lines)
        if placeholder:
            w.setPlaceholderText(placeholder)
        return self.add_field(label, field, w, limit=limit)

    def submit(self) -> None:
        self.apply()
        self.saved = True


def _value(w: QWidget) -> str:
    if isinstance(w, QPlainTextEdit):
        return w.toPlainText()
    if isinstance(w, QComboBox):
        return w.currentText() if w.isEditable() else (w.currentData() or "")
    return w.text()  # type: ignore[attr-defined]


def _body_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    combo.addItems(TRANSFER_BODIES)
    combo.lineEdit().setPlaceholderText(tr("不移交则留空；可选择或输入单位"))
    return combo


def build(move: str, services: Services, d: TipDetail, parent: QWidget | None = None) -> StepForm:
    """The form of ``move`` for tip ``d`` (accept, decline, assign, verify, outcome, assess, approve,
    notify, claim, archive, supervise)."""
    svc = services.tips
    tid = d.row.id
    titles = {"accept": "受理", "decline": "不予受理", "assign": "分派核查", "verify": "录入核查结论",
              "outcome": "录入查处结果", "assess": "奖励评定", "approve": "审批奖励", "notify": "通知领奖",
              "claim": "领取奖励", "archive": "归档", "supervise": "督办"}  # fmt: skip
    f = StepForm(titles[move], d, parent)
    at = f.add_field(tr("时间"), "at", DateTimeEdit()) if move not in ("supervise",) else None

    if move == "accept":
        note = f.text(tr("说明"), "note", 500, placeholder=tr("可不填"))
        f.apply = lambda: svc.accept(tid, at.value(), _value(note))
    elif move == "decline":
        reason = f.text(tr("不予受理理由"), "decline_reason", 500, lines=3)
        body = f.add_field(tr("移交单位"), "transfer_to", _body_combo())
        note = f.text(tr("移交说明"), "transfer_note", 500, placeholder=tr("印在移交函上，可不填"))
        f.apply = lambda: svc.decline(tid, _value(reason), _value(body), _value(note), at.value())
    elif move == "assign":
        handler = f.add_field(tr("核查人"), "handler_id", member_combo(services, None, empty=tr("请选择")))
        days = QSpinBox()
        days.setRange(1, 60)
        days.setValue(d.verify_days or svc.settings().verify_working_days)
        days.setSuffix(tr(" 个工作日"))
        f.add_field(tr("核查时限"), "working_days", days)
        note = f.text(tr("核查要求"), "note", 500, placeholder=tr("可不填"))
        f.apply = lambda: svc.assign(tid, handler.currentData(), days.value(), at.value(), _value(note))
    elif move == "verify":
        verdict = QComboBox()
        verdict.addItem(tr("请选择…"), "")
        for v in VERDICTS:
            verdict.addItem(v, v)
        f.add_field(tr("核查结论"), "verdict", verdict)
        measures = f.text(tr("处置措施"), "measures", 2000, lines=4)
        body = f.add_field(tr("移交单位"), "transfer_to", _body_combo())
        f.apply = lambda: svc.verify(tid, verdict.currentData() or "", _value(measures), _value(body), at.value())
    elif move == "outcome":
        outcome = f.text(tr("查处结果"), "outcome", 2000, lines=4)
        f.apply = lambda: svc.record_outcome(tid, _value(outcome), at.value())
    elif move == "assess":
        _assess(f, services, d, at)
    elif move == "approve":
        amount = QSpinBox()
        amount.setRange(0, 10**7)
        amount.setValue(d.reward_proposed or 0)
        amount.setSuffix(tr(" 元"))
        f.add_field(tr("批准金额"), "reward_approved", amount)
        if d.reward_proposed is not None:
            f.form.addRow("", QLabel(tr("拟奖：{rule}，{tier}，{n}元").format(rule=d.reward_rule, tier=d.reward_tier,
                                                                         n=d.reward_proposed)))
        note = f.text(tr("审批意见"), "approve_note", 500, lines=2, placeholder=tr("金额与拟奖不同时须写明理由"))
        f.apply = lambda: svc.approve(tid, amount.value(), _value(note), at.value())
    elif move == "notify":
        method = QComboBox()
        for m in NOTIFY_METHODS:
            method.addItem(m, m)
        f.add_field(tr("通知方式"), "notify_method", method)
        s = svc.settings()
        f.form.addRow("", QLabel(tr("领取期限为通知后{m}个月（遇节假日顺延），逾期视为放弃。").format(m=s.claim_months)))
        f.apply = lambda: svc.notify(tid, method.currentData(), at.value())
    elif move == "claim":
        _claim(f, services, d, at)
    elif move == "archive":
        reason = f.text(tr("归档理由"), "archive_reason", 500, lines=2)
        f.apply = lambda: svc.archive(tid, _value(reason), at.value())
    elif move == "supervise":
        note = f.text(tr("督办要求"), "supervise_note", 500, lines=3)
        f.apply = lambda: svc.supervise(tid, _value(note))
    return f


def _assess(f: StepForm, services: Services, d: TipDetail, at: DateTimeEdit) -> None:
    settings = services.tips.settings()
    rule = QComboBox()
    for r in settings.rules:
        rule.addItem(r.name, r.name)
    f.add_field(tr("奖励规则"), "reward_rule", rule)
    article = QLabel()
    article.setWordWrap(True)
    f.form.addRow("", article)
    tier = QComboBox()
    f.add_field(tr("档次"), "reward_tier", tier)
    amount = QSpinBox()
    amount.setRange(0, 10**7)
    amount.setSuffix(tr(" 元"))
    f.add_field(tr("拟奖金额"), "reward_proposed", amount)
    basis = f.text(tr("评定依据"), "reward_basis", 500, lines=2)
    boxes = {k: QCheckBox(tr(q)) for k, q in EXCLUSIONS.items()}
    box = QWidget()
    from PySide6.QtWidgets import QVBoxLayout

    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    for b in boxes.values():
        lay.addWidget(b)
    f.add_field(tr("排除情形"), "exclusions", box)
    f.errors.labels["exclusions.later"] = f.errors.labels["exclusions"]
    f.errors.widgets["exclusions.later"] = boxes["later"]

    def rule_changed() -> None:
        r = settings.rule(rule.currentData())
        tier.clear()
        if r is None:
            return
        article.setText(tr("依据：") + r.article)
        for t in r.tiers:
            tier.addItem(t.text(), t.label)

    def tier_changed() -> None:
        r = settings.rule(rule.currentData())
        t = r.tier(tier.currentData()) if r else None
        value = t.propose(d.amount) if t else None
        amount.setValue(value or 0)

    rule.currentIndexChanged.connect(lambda _i: rule_changed())
    tier.currentIndexChanged.connect(lambda _i: tier_changed())
    rule_changed()
    tier_changed()
    f.apply = lambda: services.tips.assess(
        d.row.id, rule.currentData(), tier.currentData(), amount.value() or None, _value(basis),
        {k: b.isChecked() for k, b in boxes.items()}, at.value(),
    )  # fmt: skip


def _claim(f: StepForm, services: Services, d: TipDetail, at: DateTimeEdit) -> None:
    method = QComboBox()
    for k, label in CLAIM_METHODS.items():
        method.addItem(label, k)
    f.add_field(tr("领取方式"), "claim_method", method)
    if d.reward_approved is not None and d.claim_deadline is not None:
        f.form.addRow("", QLabel(tr("批准金额 {n} 元，领取截止 {d:%Y-%m-%d}").format(n=d.reward_approved, d=d.claim_deadline)))
    code = f.text(tr("查询码"), "claim_code", 19, placeholder=tr("16位数字"))
    from policeroom.ui.widgets.fields import IdNumberEdit

    id_number = f.add_field(tr("身份证号"), "claim_id_number", IdNumberEdit())
    receiver = f.text(tr("代领人姓名"), "claim_receiver", 50)
    detail = f.text(tr("委托书或转账凭证"), "claim_detail", 300)

    def shown() -> None:
        m = method.currentData()
        code.setEnabled(m in ("self_code", "proxy"))
        id_number.setEnabled(m == "self_id")
        receiver.setEnabled(m == "proxy")
        detail.setEnabled(m in ("proxy", "bank"))

    method.currentIndexChanged.connect(lambda _i: shown())
    shown()
    f.apply = lambda: services.tips.claim(
        d.row.id, method.currentData(), code=_value(code), id_number=_value(id_number),
        receiver=_value(receiver), detail=_value(detail), at=at.value(),
    )  # fmt: skip


def to_event_form(services: Services, d: TipDetail, parent: QWidget | None = None) -> StepForm:
    """转为网格事件: the matter (subject, place, grid, content) goes over; the tipster stays sealed here."""
    from policeroom.models import URGENCY_LABELS, Urgency

    f = StepForm("转为网格事件", d, parent)
    note = QLabel(tr("只转交线索所涉事项（被举报对象、地点、网格、内容）；举报人信息不会带入网格事件。"))
    note.setWordWrap(True)
    f.layout().insertWidget(1, note)
    category = QComboBox()
    category.addItem(tr("（请选择）"), None)
    for cid, name in services.grid_events.categories():
        category.addItem(name, cid)
    f.add_field(tr("事件类别"), "category_id", category)
    grid = QComboBox()
    grid.addItem(tr("（请选择）"), None)
    for gid, name in services.grids.choices():
        grid.addItem(name, gid)
    if d.grid_id is not None:
        grid.setCurrentIndex(max(0, grid.findData(d.grid_id)))
    f.add_field(tr("所在网格"), "grid_id", grid)
    urgency = QComboBox()
    for u in Urgency:
        urgency.addItem(URGENCY_LABELS[u], u)
    f.add_field(tr("紧急程度"), "urgency", urgency)
    f.event_number = ""  # type: ignore[attr-defined]

    def apply() -> None:
        f.event_number = services.tips.to_grid_event(  # type: ignore[attr-defined]
            d.row.id, category.currentData(), grid.currentData(), urgency.currentData()
        )

    f.apply = apply
    return f
