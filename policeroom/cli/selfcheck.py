"""``self-check`` (自检): are the program's files all there? For a desk PC's copied folder and for CI.

Loads what the program loads only later, when a page first needs it (fonts, the Alembic migrations,
OR-Tools, pdfium, pypinyin's dictionaries, the holiday tables, qt-material's themes, Qt's Chinese
translation), so a build that lacks one fails here and not in the middle of an officer's work.
OR-Tools in particular fails silently in use: without it the roster falls back to the greedy plan.
SQLCipher (the encrypted database) is checked with a keyed file and an FTS5 search.
No database is opened.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Callable
from datetime import date


def _fonts() -> str:
    from policeroom.reports.core.fonts import register_fonts, register_song_font
    from policeroom.resources import fonts_dir

    register_fonts(), register_song_font()
    return str(fonts_dir())


def _migrations() -> str:
    from alembic.script import ScriptDirectory

    from policeroom.migrations import HEAD_REVISION, alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head != HEAD_REVISION:
        raise RuntimeError(f"head {head}, expected {HEAD_REVISION}")
    return f"head {head}"


def _ortools() -> str:
    from ortools import __version__
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = model.new_int_var(0, 3, "x")
    model.add(x >= 2)
    model.minimize(x)
    solver = cp_model.CpSolver()
    if solver.solve(model) != cp_model.OPTIMAL or solver.value(x) != 2:
        raise RuntimeError("CP-SAT did not solve a one-variable model")
    return f"OR-Tools {__version__}"


def _pdf() -> str:
    import pypdfium2 as pdfium
    from reportlab.lib import rl_accel
    from reportlab.pdfgen.canvas import Canvas

    from policeroom.reports.core.fonts import register_fonts

    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=register_fonts())
    canvas.drawString(72, 720, "社区警务室")
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        page = document[0]
        page.render(scale=0.2).to_pil()
        page.close()
    finally:
        document.close()
    accel = "rl-accel" if rl_accel.fp_str.__module__ == "_rl_accel" else "no rl-accel"
    return f"pdfium renders, {accel}"


def _chinese() -> str:
    import chinese_calendar
    from pypinyin import lazy_pinyin

    if lazy_pinyin("王建军") != ["wang", "jian", "jun"]:
        raise RuntimeError(lazy_pinyin("王建军"))
    if not chinese_calendar.is_holiday(date(2024, 10, 1)):
        raise RuntimeError("2024-10-01 is not a holiday?")
    import openpyxl  # noqa: F401 - the ledgers
    import xlrd  # noqa: F401 - old .xls ledgers

    from policeroom.services.people.passwords import common_passwords

    if "password1" not in common_passwords():
        raise RuntimeError("common password list missing")
    return f"pypinyin, chinese-calendar, openpyxl, xlrd, {len(common_passwords())} common passwords"


def _sqlcipher() -> str:
    """The encrypted database: SQLCipher keyed with a raw key, FTS5 (the search) inside, nothing plain."""
    import os
    import tempfile

    from policeroom.vault.cipher import connect

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "check.db")
        con = connect(path, os.urandom(32))
        try:
            con.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
            con.execute("INSERT INTO t VALUES ('安华里自检')")
            con.commit()
            if con.execute("SELECT count(*) FROM t WHERE t MATCH '安华里'").fetchone()[0] != 1:
                raise RuntimeError("FTS5 search failed on the encrypted file")
            version = con.execute("PRAGMA cipher_version").fetchone()[0]
        finally:
            con.close()
        with open(path, "rb") as fh:
            if "安华里".encode() in fh.read() or not version:
                raise RuntimeError("the file is not encrypted")
    return f"SQLCipher {version}, FTS5"


def _qt() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    from policeroom.ui.theme import DARK_THEME, LIGHT_THEME, load_ui_font, qt_material_version

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a check on a headless machine: Qt would abort
    app = QApplication.instance() or QApplication([sys.argv[0]])
    family = load_ui_font()
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise RuntimeError("qtbase_zh_CN.qm not found")
    import qt_material

    themes = qt_material.list_themes()
    if not {LIGHT_THEME, DARK_THEME} <= set(themes):
        raise RuntimeError(f"qt-material themes: {themes}")
    return f"{app.platformName()} platform, font {family}, qtbase_zh_CN, qt-material {qt_material_version()}"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("字体", _fonts),
    ("数据库迁移", _migrations),
    ("排班求解器", _ortools),
    ("PDF", _pdf),
    ("拼音、节假日、Excel", _chinese),
    ("数据库加密", _sqlcipher),
    ("界面（Qt）", _qt),
]


def self_check() -> int:
    """Run every check, print one line each; 0 if all passed."""
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"正常  {name}：{check()}", flush=True)
        except Exception as e:  # noqa: BLE001 - report every failure, then fail
            failed += 1
            print(f"失败  {name}：{type(e).__name__}: {e}", file=sys.stderr, flush=True)
            traceback.print_exc(limit=3, file=sys.stderr)
    print("自检通过。" if not failed else f"自检失败：{failed} 项。", flush=True)
    return 1 if failed else 0
