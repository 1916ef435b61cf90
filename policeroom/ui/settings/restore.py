"""设置 › 备份与恢复 (officer only): put a checked backup back in place of the database file.

The same steps as ``policeroom --db PATH restore BACKUP`` (policeroom.backups.restore_backup): the
backup is checked first, the person confirms, the window lets go of the database, the current file is
kept aside as ``NAME.before-restore-<time>.db`` and the program closes (open it again to continue).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from policeroom.backups import BackupInvalid, check_backup, default_backup_dir
from policeroom.ui.widgets.forms import tr


class RestorePanel(QWidget):
    """One button, 从备份恢复…, and what it does."""

    def __init__(self, db_path: Path, restore: Callable[[Path], None], parent: QWidget | None = None, *,
                 key: bytes | None = None, new_recovery_key: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._restore = restore
        self._key = key  # of the open encrypted file: its backups (encrypted since) open with it
        self._new_recovery_key = new_recovery_key
        text = QLabel(
            tr("备份文件夹：{d}\n"
               "从备份恢复会用所选备份替换当前数据库；当前数据库另存为“名称.before-restore-时间.db”，"
               "恢复后程序关闭，请重新打开。").format(d=default_backup_dir(db_path))
        )  # fmt: skip
        text.setWordWrap(True)
        self.button = QPushButton(tr("从备份恢复…"))
        self.button.clicked.connect(self.choose)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(text)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)  # a button, not a bar across the page
        self.recovery_button: QPushButton | None = None
        if new_recovery_key is not None:  # an encrypted database
            note = QLabel(tr("恢复密钥遗失时可重新生成：新的恢复密钥显示并打印一次，旧的随即作废。"))
            note.setWordWrap(True)
            self.recovery_button = QPushButton(tr("重新生成恢复密钥…"))
            self.recovery_button.clicked.connect(self.renew_recovery_key)
            lay.addWidget(note)
            lay.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("选择备份文件"), str(default_backup_dir(self.db_path)), tr("数据库备份 (*.db)")
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, backup: Path) -> bool:
        """Check, confirm, restore. False when the backup is refused or the person says no."""
        from policeroom.vault.cipher import is_encrypted

        try:
            if is_encrypted(backup) and self._key is not None:
                check_backup(backup, key=self._key)
            else:
                check_backup(backup)
        except BackupInvalid as e:
            QMessageBox.warning(self, tr("无法恢复"), e.message)
            return False
        answer = QMessageBox.question(
            self, tr("从备份恢复"),
            tr("用备份“{b}”替换当前数据库？\n当前数据库会先另存一份，恢复后程序将关闭，请重新打开。").format(b=backup.name),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._restore(backup)
        return True

    def renew_recovery_key(self) -> bool:
        """Confirm, make a new recovery key and show it once (to be printed)."""
        from policeroom.ui.vault.recovery_key import RecoveryKeyDialog

        answer = QMessageBox.question(
            self, tr("重新生成恢复密钥"), tr("生成新的恢复密钥？旧的恢复密钥（保险柜里那张）将不能再打开数据库。"))
        if answer != QMessageBox.StandardButton.Yes or self._new_recovery_key is None:
            return False
        recovery = self._new_recovery_key()
        if not recovery:
            return False
        from policeroom.vault.keys import KeyFile, keys_path

        room = KeyFile.load(keys_path(self.db_path)).room_name
        RecoveryKeyDialog(recovery, room_name=room, database=str(self.db_path), parent=self).exec()
        return True
