"""``tr()``: every user-visible string goes through it so a translation stays possible.

Kept apart from the form widgets so light modules (the main window's frame) can use it without
importing them (start-up speed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("policeroom", text)


_qt_translators: list = []


def install_qt_translations(app: QCoreApplication) -> bool:
    """Load Qt's own Chinese translation (qtbase_zh_CN.qm, shipped with PySide6).

    Qt's dialogs (print dialog, file dialog, the standard buttons of message boxes) are otherwise
    in English. Returns whether the translation was found.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if _qt_translators:
        return True
    translator = QTranslator(app)
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    app.installTranslator(translator)
    _qt_translators.append(translator)
    return True
