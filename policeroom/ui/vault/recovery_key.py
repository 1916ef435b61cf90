"""The recovery key (恢复密钥), shown once at set-up (or when the plain file was just encrypted).

The key is shown in large letters, printed through the usual preview (打印… or 另存为 PDF), and the
dialog closes only once it was printed or the officer ticks that it is written down: it is never shown
again and never stored in plain.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from policeroom.services.core import clock
from policeroom.ui.i18n import tr


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, *, room_name: str, database: str, converted: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.room_name = room_name
        self.database = database
        self.printed = False
        self.setWindowTitle(tr("数据库恢复密钥"))
        first = (tr("原有数据库已加密（加密前已备份，备份同样加密）。") if converted else
                 tr("数据库已加密，每个账户的密码都能打开它。"))
        intro = QLabel(first + tr(
            "下面是恢复密钥：忘记全部民警密码或密钥文件损坏时，只有它能打开数据库。"
            "请现在打印，放入保险柜保管。它只显示这一次，程序不保存它。"))
        intro.setWordWrap(True)
        self.key_label = QLabel(recovery_key)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(20)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("border: 2px solid #555; padding: 14px; background: white; color: black;")
        self.print_button = QPushButton(tr("打印恢复密钥…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.written = QCheckBox(tr("我已抄写在纸上（不打印）"))
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(tr("我已妥善保管"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        self.written.toggled.connect(self._enable)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.key_label)
        lay.addWidget(self.print_button)
        lay.addWidget(self.written)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)

    def sheet(self) -> bytes:
        from policeroom.reports.vault.recovery import recovery_key_pdf

        return recovery_key_pdf(self.recovery_key, room_name=self.room_name, database=self.database,
                                created_at=clock.now_minute())

    def print_sheet(self) -> None:
        from policeroom.ui.widgets.pdf_preview import show_pdf

        show_pdf(self, self.sheet(), tr("数据库恢复密钥.pdf"))
        self.printed = True
        self._enable()

    def _enable(self) -> None:
        self.done_button.setEnabled(self.printed or self.written.isChecked())

    def reject(self) -> None:  # Esc or the window's ✕ must not lose the only copy unseen
        if self.done_button.isEnabled():
            super().reject()
