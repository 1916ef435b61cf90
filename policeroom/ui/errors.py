"""Errors never vanish: unexpected exceptions are logged and shown in a plain-Chinese dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from policeroom.dberrors import NOTHING_LOST, save_failed_message, server_unreachable
from policeroom.errors import DomainError, SessionEnded
from policeroom.logsetup import scrub

log = logging.getLogger("policeroom.crash")
_qt_log = logging.getLogger("qt")
_showing: list[bool] = []


def _show(text: str, detail: str, title: str = "程序出错") -> None:
    if _showing or QApplication.instance() is None:
        return
    _showing.append(True)
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text)
        box.setDetailedText(detail)
        box.exec()
    finally:
        _showing.clear()


def known_cause(exc: BaseException) -> tuple[str, str] | None:
    """(title, sentence) for failures that are not bugs: a full or failing disk, a server gone, a
    database problem already said in Chinese. None for everything else (the generic dialog)."""
    message = save_failed_message(exc)
    if message is not None:
        return "保存失败", message
    if isinstance(exc, DomainError):
        return "无法完成操作", exc.message
    gone = server_unreachable(exc, "")
    if gone is not None:
        return "无法连接数据库", f"{gone.message}刚才的操作没有保存成功；{NOTHING_LOST}"
    return None


def install_error_handlers(log_file: Path) -> None:
    """Route uncaught exceptions and Qt's own messages into the log; tell the person in Chinese."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        # No SQL and no bound parameters (personal data) in the log or the dialog's details.
        detail = scrub("".join(traceback.format_exception(exc_type, exc, tb)))
        if isinstance(exc, SessionEnded):  # the window goes back to sign-in and says why there
            log.info("session ended: %s", exc.message)
            return
        known = known_cause(exc)
        if known is not None:
            log.error("operation failed: %s\n%s", known[1], detail)
            _show(f"{known[1]}\n\n详情已记录到日志文件：\n{log_file}", detail, known[0])
            return
        log.error("uncaught exception\n%s", detail)
        _show(
            "程序遇到了一个意外错误，刚才的操作可能没有完成。\n"
            "已经保存的数据不受影响（每次保存都是完整的一步，失败时数据库保持原样）。\n\n"
            f"错误详情已记录到日志文件：\n{log_file}\n请把该文件发给维护人员。",
            detail,
        )

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value or Exception(), args.exc_traceback)

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def qt_handler(mode: QtMsgType, _context: object, message: str) -> None:
        _qt_log.log(levels.get(mode, logging.WARNING), message)

    qInstallMessageHandler(qt_handler)
