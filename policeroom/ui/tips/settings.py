"""举报设置 (the officer's): categories, time limits, reward rules, keeping time per category."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSpinBox, QWidget

from policeroom.errors import ValidationError
from policeroom.services.registry import Services
from policeroom.services.tips.rules import (
    CATEGORIES_TEXT_LIMIT,
    CATEGORY_NOTE,
    RETENTION_TEXT_LIMIT,
    RULES_TEXT_LIMIT,
    parse_rules_text,
    rules_text,
)
from policeroom.ui.widgets.forms import RecordDialog, limit_text, tr


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class TipSettingsDialog(RecordDialog):
    """The settings of the tips module; saved through the service (修改设置: the officer)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("举报线索设置"), parent)
        self.services = services
        t = services.tips.settings()
        self.t = t
        self.categories = self.add_field(tr("线索类别"), "categories", QPlainTextEdit("\n".join(t.categories)))
        self.categories.setFixedHeight(150)
        limit_text(self.categories, CATEGORIES_TEXT_LIMIT)
        note = QLabel(tr("每行一个类别。") + CATEGORY_NOTE)
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.accept_days = self.add_field(tr("受理时限"), "accept_working_days", _spin(1, 10, t.accept_working_days, tr(" 个工作日")))
        self.verify_days = self.add_field(tr("默认核查时限"), "verify_working_days", _spin(1, 60, t.verify_working_days, tr(" 个工作日")))
        self.notify_days = self.add_field(tr("查处后通知领奖"), "notify_working_days", _spin(1, 60, t.notify_working_days, tr(" 个工作日内")))
        self.claim_months = self.add_field(tr("领取期限"), "claim_months", _spin(1, 24, t.claim_months, tr(" 个月（遇节假日顺延）")))
        self.add_column()
        self.rules = self.add_field(tr("奖励规则"), "rules", QPlainTextEdit(rules_text(t.rules)))
        self.rules.setFixedHeight(220)
        limit_text(self.rules, RULES_TEXT_LIMIT)
        hint = QLabel(tr("每条规则一行“名称｜依据条款”，其下每个档次一行“- 档次：金额”，"
                         "按涉及金额比例的写“- 档次：1%，最低200，最高5000”。"))  # fmt: skip
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.keep_years = self.add_field(tr("归档后保存"), "default_retention_years", _spin(1, 30, t.default_retention_years, tr(" 年")))
        self.keep_by = self.add_field(tr("按类别保存"), "retention", QPlainTextEdit(
            "\n".join(f"{c}={y}" for c, y in t.retention_years.items())))
        self.keep_by.setFixedHeight(70)
        limit_text(self.keep_by, RETENTION_TEXT_LIMIT)
        self.keep_by.setPlaceholderText(tr("与默认不同的类别，每行“类别=年数”，如 涉黑涉恶=5"))
        self.setMinimumWidth(980)

    def submit(self) -> None:
        t = self.t
        t.categories = [c.strip() for c in self.categories.toPlainText().splitlines() if c.strip()]
        t.accept_working_days, t.verify_working_days = self.accept_days.value(), self.verify_days.value()
        t.notify_working_days, t.claim_months = self.notify_days.value(), self.claim_months.value()
        t.rules = parse_rules_text(self.rules.toPlainText())
        t.default_retention_years = self.keep_years.value()
        kept: dict[str, int] = {}
        for n, line in enumerate(self.keep_by.toPlainText().splitlines(), 1):
            if not line.strip():
                continue
            cat, sep, years = line.replace("＝", "=").partition("=")
            if not sep or not years.strip().isdigit() or cat.strip() not in t.categories:
                raise ValidationError("retention", tr("第{n}行：应写成“类别=年数”，类别须在上面的列表中").format(n=n))
            kept[cat.strip()] = int(years)
        t.retention_years = kept
        self.services.tips.save_settings(t)
