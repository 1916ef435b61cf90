"""The shipped UI font and the cached qt-material theme."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # in case tests/conftest.py did not

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QFile
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from policeroom.resources import UI_FONT_FAMILY
from policeroom.ui import theme
from policeroom.ui.theme import apply_theme, load_ui_font, setup_fonts

REPO_ROOT = Path(__file__).resolve().parents[2]


def _fail(*args: object, **kwargs: object) -> str:
    raise AssertionError("qt_material.build_stylesheet called although the theme is cached")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The session's application, with style sheet, palette, font and icon path restored after."""
    sheet, palette, font = qapp.styleSheet(), QGuiApplication.palette(), qapp.font()
    icon_paths = QDir.searchPaths(theme.ICON_PREFIX)
    yield qapp
    qapp.setStyleSheet(sheet)
    QGuiApplication.setPalette(palette)
    qapp.setFont(font)
    QDir.setSearchPaths(theme.ICON_PREFIX, icon_paths)


def test_ui_font_loads_once(app: QApplication) -> None:
    assert load_ui_font() == UI_FONT_FAMILY == "Policeroom Sans"
    assert load_ui_font() == UI_FONT_FAMILY
    assert UI_FONT_FAMILY in QFontDatabase.families()
    assert QFontDatabase.isScalable(UI_FONT_FAMILY)


def test_setup_fonts_sets_default_font(app: QApplication) -> None:
    assert setup_fonts(app) == UI_FONT_FAMILY

    assert app.font().family() == UI_FONT_FAMILY
    assert app.font().pointSize() == 10


def test_first_apply_builds_cache_second_reuses_it(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "张三 的缓存"  # a Chinese user name with a space in the path
    apply_theme(app, dark=False, cache_dir=cache)
    first = app.styleSheet()

    folder = cache / theme.qt_material_version() / "light_blue"
    assert (folder / theme.STYLESHEET_FILE).read_text(encoding="utf-8") + theme.OVERRIDES == first
    for name in theme.ICON_FOLDERS:
        assert len(list((folder / theme.ICONS_DIR / name).glob("*.svg"))) >= 30
    assert [p.name for p in folder.parent.iterdir()] == ["light_blue"]  # no staging left over
    assert QFile.exists("icon:/primary/checkbox_checked.svg")

    app.setStyleSheet("")
    import qt_material

    monkeypatch.setattr(qt_material, "build_stylesheet", _fail)
    apply_theme(app, dark=False, cache_dir=cache)
    assert app.styleSheet() == first


def test_cached_stylesheet_is_relocatable_and_sized_for_chinese(app: QApplication, tmp_path: Path) -> None:
    apply_theme(app, dark=False, cache_dir=tmp_path)
    sheet = app.styleSheet()

    assert str(Path.home()) not in sheet
    assert str(tmp_path) not in sheet
    assert ".qt_material" not in sheet
    assert "url(icon:/primary/" in sheet
    assert f'font-family: "{UI_FONT_FAMILY}";' in sheet
    assert "font-size: 14px;" in sheet
    assert "font-size: ;" not in sheet  # qt-material pastes font_size verbatim in QGroupBox


def test_icons_resolve_from_the_cache(app: QApplication, tmp_path: Path) -> None:
    apply_theme(app, dark=False, cache_dir=tmp_path)

    icons = tmp_path / theme.qt_material_version() / "light_blue" / theme.ICONS_DIR
    assert QDir.searchPaths(theme.ICON_PREFIX) == [icons.as_posix()]
    assert QFile.exists("icon:/primary/checkbox_checked.svg")
    assert QFile.exists("icon:/disabled/downarrow.svg")


def test_widgets_get_the_ui_font_at_14px(app: QApplication, tmp_path: Path) -> None:
    load_ui_font()
    apply_theme(app, dark=False, cache_dir=tmp_path)

    for widget in (QLabel("社区警务室"), QPushButton("保存")):
        widget.ensurePolished()
        assert widget.font().family() == UI_FONT_FAMILY
        assert widget.font().pixelSize() == theme.FONT_SIZE_PX


def test_dark_and_light_differ_and_switch_icon_folder(app: QApplication, tmp_path: Path) -> None:
    apply_theme(app, dark=False, cache_dir=tmp_path)
    light = app.styleSheet()
    apply_theme(app, dark=True, cache_dir=tmp_path)
    dark = app.styleSheet()

    assert light != dark
    assert "#232629" in dark and "#232629" not in light  # dark_blue.xml's secondaryColor
    icons = tmp_path / theme.qt_material_version() / "dark_blue" / theme.ICONS_DIR
    assert QDir.searchPaths(theme.ICON_PREFIX) == [icons.as_posix()]


def test_stale_or_broken_cache_is_rebuilt(app: QApplication, tmp_path: Path) -> None:
    apply_theme(app, dark=True, cache_dir=tmp_path)
    expected = app.styleSheet()
    folder = tmp_path / theme.qt_material_version() / "dark_blue"

    meta = json.loads((folder / theme.META_FILE).read_text(encoding="utf-8"))
    (folder / theme.META_FILE).write_text(json.dumps({**meta, "key": "old"}), encoding="utf-8")
    (folder / theme.STYLESHEET_FILE).write_text("stale", encoding="utf-8")
    apply_theme(app, dark=True, cache_dir=tmp_path)
    assert app.styleSheet() == expected

    next((folder / theme.ICONS_DIR / "primary").glob("*.svg")).unlink()
    apply_theme(app, dark=True, cache_dir=tmp_path)
    assert len(list((folder / theme.ICONS_DIR / "primary").glob("*.svg"))) == meta["icon_counts"]["primary"]


def test_warm_start_imports_neither_qt_material_nor_jinja2(app: QApplication, tmp_path: Path) -> None:
    apply_theme(app, dark=False, cache_dir=tmp_path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from policeroom.ui.theme import apply_theme\n"
        "app = QApplication([])\n"
        f"apply_theme(app, dark=False, cache_dir=Path({str(tmp_path)!r}))\n"
        "print(sorted(m for m in ('qt_material', 'jinja2') if m in sys.modules))\n"
        "print(len(app.styleSheet()))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True
    )

    imported, length = result.stdout.splitlines()
    assert imported == "[]"
    assert int(length) == len(app.styleSheet())
