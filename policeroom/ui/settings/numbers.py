"""Whole-number settings with their range beside each field: 锁屏 minutes, backups kept (备份保留份数).

The service (``SettingsService.save_numbers``) checks every value and names each bad one; the form
shows the message under its field and saves nothing until all are right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from policeroom.errors import DomainError, ValidationError
from policeroom.services.core.context import Perm
from policeroom.services.core.forms import errors_of
from policeroom.services.core.settings import NUMBER_SETTINGS
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.settings.password import add_hint
from policeroom.ui.widgets.forms import ERROR_STYLE, FieldErrors, tr

OK_STYLE = "color: #2e7d32;"


class NumberSettingsForm(QWidget):
    """A field per setting key, the allowed range under it, and 保存 (officer only)."""

    def __init__(
        self, services: Services, bus: ChangeBus, keys: tuple[str, ...], intro: str, saved: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.keys = keys
        self.saved_text = saved
        self.editable = services.actor.can(Perm.edit_settings)
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        text = QLabel(intro)
        text.setWordWrap(True)
        lay.addWidget(text)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for key in keys:
            spec = NUMBER_SETTINGS[key]
            edit = QLineEdit()
            edit.setMaxLength(4)
            edit.setFixedWidth(90)
            edit.setReadOnly(not self.editable)
            edit.returnPressed.connect(self.save)
            edit.textEdited.connect(lambda _t, k=key: self.errors.clear(k))
            self.edits[key] = edit
            row = QWidget()
            row_lay = QHBoxLayout(row)
            row_lay.setContentsMargins(0, 0, 0, 0)
            row_lay.addWidget(edit)
            row_lay.addWidget(QLabel(tr(spec.unit)))
            row_lay.addStretch(1)
            form.addRow(tr(spec.label), self.errors.add(key, row))
            self.errors.widgets[key] = edit  # the error's focus goes to the field itself
            add_hint(row, tr("{low}至{high}{unit}，默认{default}{unit}").format(
                low=spec.low, high=spec.high, unit=spec.unit, default=spec.default))
        self.save_button = QPushButton(tr("保存"))
        self.save_button.setVisible(self.editable)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        form.addRow("", buttons)
        lay.addLayout(form)
        if not self.editable:
            lay.addWidget(QLabel(tr("只有社区民警可以修改设置。")))
        self.load()

    def load(self) -> None:
        for key, edit in self.edits.items():
            edit.setText(str(self.services.settings.number(key)))
        self.errors.clear()

    def save(self) -> bool:
        """Save every field; False with each problem under its field."""
        if not self.editable:
            return False
        try:
            self.services.settings.save_numbers({key: edit.text() for key, edit in self.edits.items()})
        except ValidationError as e:
            self.errors.show(errors_of(e))
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(tr("未保存，请按红字提示修改。"))
            return False
        except DomainError as e:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(e.message)
            return False
        self.load()
        self.status.setStyleSheet(OK_STYLE)
        self.status.setText(self.saved_text)
        self.bus.notify("setting")
        return True


__all__ = ["NumberSettingsForm"]
