"""Issue 12, item 8: every free-text field of every form shows the limit the service enforces.

Line edits carry ``setMaxLength(limit)``; multi-line edits count 已输入n/N字 under the field and cut
a paste beyond the limit. The limits come from the model columns (``column_limit``), the same ones
the save guard enforces, so a form can never accept what the service then refuses for its length.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from policeroom.models.mediation import CaseRecord, DisputeEntry
from policeroom.services.core.text import TEXT_LIMIT, column_limit
from policeroom.ui.widgets.fields import IdNumberEdit
from policeroom.ui.widgets.forms import RecordDialog
from tests.ui.test_laptop_screen import NOW, _dialogs, demo  # noqa: F401 - fixture

pytestmark = pytest.mark.today(NOW)
#: fields that are not free text: passwords and sign-in names, colours, codes with their own rule
NOT_FREE_TEXT = {"password", "confirm", "old", "new", "new_password", "color"}


def test_every_text_field_of_every_form_has_the_service_limit(demo, qtbot) -> None:  # noqa: ANN001, F811
    services, db, _tmp = demo
    parent = QWidget()
    qtbot.addWidget(parent)
    missing = []
    for name, make in _dialogs(services, db, parent).items():
        dlg = make()
        if not isinstance(dlg, RecordDialog):
            dlg.deleteLater()
            continue
        for field, widget in dlg.errors.widgets.items():
            if field in NOT_FREE_TEXT or isinstance(widget, IdNumberEdit):
                continue
            if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
                continue
            if isinstance(widget, (QLineEdit, QPlainTextEdit)) and not widget.property("text_limit"):
                missing.append(f"{name}.{field}")
            if isinstance(widget, QLineEdit) and widget.property("text_limit"):
                assert widget.maxLength() <= widget.property("text_limit"), f"{name}.{field}"  # a code may be stricter
        dlg.deleteLater()
    assert missing == [], " ".join(missing)


def test_limits_are_the_columns_and_a_long_paste_is_cut(demo, qtbot) -> None:  # noqa: ANN001, F811
    services, db, _tmp = demo
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = _dialogs(services, db, parent)
    dispute = dialogs["DisputeDialog(new)"]()
    qtbot.addWidget(dispute)
    assert dispute.location.maxLength() == column_limit(DisputeEntry.location) == 200
    assert "最多200字" in dispute.location.toolTip()
    summary: QPlainTextEdit = dispute.summary
    assert summary.property("text_limit") == TEXT_LIMIT
    summary.setPlainText("漏" * (TEXT_LIMIT + 300))
    assert len(summary.toPlainText()) == TEXT_LIMIT
    counters = [c.text() for c in dispute.findChildren(QLabel, "text_counter")]
    assert f"已输入{TEXT_LIMIT}/{TEXT_LIMIT}字" in counters
    record = dialogs["CaseRecordDialog"]()
    qtbot.addWidget(record)
    assert record.participants.maxLength() == column_limit(CaseRecord.participants)
