"""``policeroom --db 不存在的文件``: ask before creating a database where a typing mistake may have pointed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from policeroom import APP_TITLE

CREATE = "新建数据库"
PICK = "选择其他文件…"
CANCEL = "取消"
FILE_FILTER = "数据库文件 (*.db *.sqlite *.sqlite3);;所有文件 (*)"


def _nearest_folder(path: Path) -> Path:
    for folder in (path.parent, *path.parent.parents):
        if folder.is_dir():
            return folder
    return Path.home()


def choose_database(path: Path, parent: QWidget | None = None) -> Path | None:
    """Ask what to do about a database file that does not exist.

    Returns ``path`` (create a new database there), another existing file the person picked, or None
    (cancelled: open nothing, create nothing).
    """
    while True:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_TITLE,
            f"数据库文件不存在：\n{path}\n\n要在这里新建一个空的数据库，还是选择已有的数据库文件？",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        create = box.addButton(CREATE, QMessageBox.ButtonRole.AcceptRole)
        pick = box.addButton(PICK, QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(CANCEL, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(pick)  # a mistyped path is likelier than a wish for an empty database
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is create:
            return path
        if clicked is not pick:
            return None
        name, _ = QFileDialog.getOpenFileName(parent, "选择数据库文件", str(_nearest_folder(path)), FILE_FILTER)
        if name:
            return Path(name)
