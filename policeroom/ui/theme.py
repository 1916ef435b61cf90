"""Application theme (qt-material) with a cached stylesheet, and the shipped UI font.

qt-material's ``apply_stylesheet`` imports Jinja2, compiles its template and deletes and rewrites
111 SVG icons under ``~/.qt_material`` on every start (about 200 ms here, more on an office PC).
:func:`apply_theme` renders each theme once into ``cache_dir/<qt-material version>/<theme>/``
(the stylesheet text, a small ``meta.json`` and the recoloured icons) and later starts only read
that stylesheet: neither ``qt_material`` nor ``jinja2`` is imported then, and nothing is written.

The cached stylesheet refers to icons as ``icon:/primary/...`` (a ``QDir`` search-path prefix, as
qt-material does), never by an absolute path, so the cache stays valid if the home folder moves.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from policeroom.resources import UI_FONT_FAMILY, font_path

LIGHT_THEME = "light_blue.xml"
DARK_THEME = "dark_blue.xml"
#: qt-material's default is 13 px; Chinese reads better one pixel larger.
FONT_SIZE_PX = 14
#: Point size of the application default font (used where no stylesheet rule applies).
DEFAULT_FONT_POINT_SIZE = 10
#: CSS font-family list; must end with the shipped font so every character has a glyph.
FONT_FAMILIES: tuple[str, ...] = (UI_FONT_FAMILY,)
#: Bump when this module changes what it writes into the cache.
CACHE_FORMAT = 1

STYLESHEET_FILE = "stylesheet.qss"
META_FILE = "meta.json"
ICONS_DIR = "icons"
#: Sub-folders qt-material's ResourseGenerator writes, one per icon colour.
ICON_FOLDERS = ("primary", "disabled", "active")
#: The QDir search-path prefix the qt-material template uses: ``url(icon:/primary/x.svg)``.
ICON_PREFIX = "icon"


@dataclass(frozen=True)
class ThemeSpec:
    """What qt-material is asked to render: theme file name, colour inversion, template values."""

    theme: str
    invert_secondary: bool
    extra: dict[str, str]

    @property
    def name(self) -> str:
        """The theme's file stem, used as the cache folder name (``light_blue``)."""
        return Path(self.theme).stem


@dataclass(frozen=True)
class CachedTheme:
    """A rendered theme as stored in the cache."""

    folder: Path
    stylesheet: str
    primary_color: str

    @property
    def icons(self) -> Path:
        """Folder holding the ``primary``/``disabled``/``active`` icon folders."""
        return self.folder / ICONS_DIR


def theme_spec(*, dark: bool) -> ThemeSpec:
    """Return the qt-material parameters of the light or dark theme."""
    extra = {
        "font_family": ", ".join(f'"{family}"' for family in FONT_FAMILIES),
        "font_size": f"{FONT_SIZE_PX}px",  # with the unit: the template also pastes it verbatim
        "density_scale": "0",
    }
    if dark:
        return ThemeSpec(DARK_THEME, invert_secondary=False, extra=extra)
    return ThemeSpec(LIGHT_THEME, invert_secondary=True, extra=extra)


@functools.cache
def qt_material_version() -> str:
    """Return the installed qt-material version without importing it (or Jinja2).

    Reads the ``qt_material-<version>.dist-info`` folder name beside the package, which costs
    well under a millisecond; ``importlib.metadata`` (about 25 ms to import) is the fallback.
    """
    import importlib.util

    spec = importlib.util.find_spec("qt_material")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("qt_material is not installed")
    site = Path(spec.origin).resolve().parent.parent
    try:
        with os.scandir(site) as entries:
            for entry in entries:
                if entry.name.startswith("qt_material-") and entry.name.endswith(".dist-info"):
                    return entry.name[len("qt_material-") : -len(".dist-info")]
    except OSError:
        pass
    from importlib.metadata import version

    return version("qt-material")


def cache_key(spec: ThemeSpec, version: str) -> str:
    """Return the string that must match for a cached theme to be reused.

    The template also branches on the operating system, so that is part of the key
    (``sys.platform``: importing ``platform`` would cost more than the whole cache lookup).
    """
    return json.dumps(
        {
            "format": CACHE_FORMAT,
            "qt_material": version,
            "theme": spec.theme,
            "invert_secondary": spec.invert_secondary,
            "extra": spec.extra,
            "system": sys.platform,
        },
        sort_keys=True,
    )


def theme_cache_folder(cache_dir: Path, spec: ThemeSpec, version: str) -> Path:
    """Return ``cache_dir/<qt-material version>/<theme>``."""
    return cache_dir / version / spec.name


def load_cached(folder: Path, key: str) -> CachedTheme | None:
    """Return the theme cached in ``folder`` if it is complete and was built for ``key``."""
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if meta.get("key") != key:
            return None
        for name, count in meta["icon_counts"].items():
            if len(os.listdir(folder / ICONS_DIR / name)) != count:
                return None
        primary_color = str(meta["primary_color"])
        stylesheet = (folder / STYLESHEET_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None  # missing, half-written or from another version: render again
    return CachedTheme(folder=folder, stylesheet=stylesheet, primary_color=primary_color)


def _relocatable(stylesheet: str, icons: Path) -> str:
    """Replace any absolute reference to ``icons`` by the ``icon:`` search-path prefix.

    qt-material 2.17 writes only ``icon:/...`` URLs; this guards against a release that pastes
    the icon folder into the text, which would tie the cache to one (temporary) path.
    """
    for form in {str(icons), icons.as_posix()}:
        stylesheet = stylesheet.replace(form, f"{ICON_PREFIX}:")
    return stylesheet


def render_theme(spec: ThemeSpec, icons: Path) -> tuple[str, str]:
    """Render ``spec`` with qt-material, writing its recoloured icons into ``icons``.

    This is the slow path: it imports qt_material (and Jinja2) and compiles the template.

    Returns:
        The stylesheet text and the theme's primary colour (``#rrggbb``).

    Raises:
        ValueError: If qt-material does not know the theme.
    """
    import qt_material  # after PySide6, which this module has imported

    # export=True: do not load qt-material's Roboto fonts, the stylesheet names ours. An
    # absolute ``parent`` makes qt-material write the icons there instead of ~/.qt_material.
    stylesheet = qt_material.build_stylesheet(
        spec.theme, spec.invert_secondary, dict(spec.extra), parent=str(icons), export=True
    )
    if stylesheet is None:
        raise ValueError(f"qt-material has no theme {spec.theme!r}")
    colors = qt_material.get_theme(spec.theme, spec.invert_secondary)
    return _relocatable(stylesheet, icons), colors["primaryColor"]


def build_cache(folder: Path, spec: ThemeSpec, key: str) -> CachedTheme:
    """Render ``spec`` into a temporary folder beside ``folder`` and move it into place.

    Building aside and renaming means a crash or a second instance never sees half a cache.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        stylesheet, primary_color = render_theme(spec, staging / ICONS_DIR)
        counts = {name: len(os.listdir(staging / ICONS_DIR / name)) for name in ICON_FOLDERS}
        (staging / STYLESHEET_FILE).write_text(stylesheet, encoding="utf-8")
        meta: dict[str, Any] = {"key": key, "primary_color": primary_color, "icon_counts": counts}
        (staging / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            staging.rename(folder)
        except OSError:
            # Another instance moved its equal build in first; use that one.
            cached = load_cached(folder, key)
            if cached is None:
                raise
            return cached
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return CachedTheme(folder=folder, stylesheet=stylesheet, primary_color=primary_color)


def cached_theme(*, dark: bool, cache_dir: Path) -> CachedTheme:
    """Return the light or dark theme from the cache, rendering it first if needed."""
    spec = theme_spec(dark=dark)
    version = qt_material_version()
    key = cache_key(spec, version)
    folder = theme_cache_folder(cache_dir, spec, version)
    return load_cached(folder, key) or build_cache(folder, spec, key)


def apply_theme(app: QApplication, *, dark: bool, cache_dir: Path) -> None:
    """Apply the light or dark Material theme to ``app``, using the stylesheet cache.

    Does what ``qt_material.apply_stylesheet`` does (Fusion style, the ``icon:`` search path,
    the palette's text colour, the stylesheet) but renders the theme only when the cache lacks
    it. Can be called again to switch themes at run time.

    Args:
        app: The running application.
        dark: ``True`` for ``dark_blue.xml``, ``False`` for ``light_blue.xml`` (secondary
            colours inverted, as qt-material recommends for light themes).
        cache_dir: A writable folder owned by the app, e.g. the platformdirs user cache folder.
    """
    theme = cached_theme(dark=dark, cache_dir=cache_dir)
    app.setStyle("Fusion")
    # setSearchPaths, not qt-material's addSearchPath: the first folder wins, so appending
    # would keep showing the previous theme's icon colours after a switch.
    QDir.setSearchPaths(ICON_PREFIX, [theme.icons.as_posix()])
    # qt-material tints the palette's Text role with the primary colour (alpha 92).
    palette = QGuiApplication.palette()
    color = QColor(theme.primary_color)
    color.setAlpha(92)
    palette.setColor(QPalette.ColorRole.Text, color)
    QGuiApplication.setPalette(palette)
    app.setStyleSheet(theme.stylesheet + OVERRIDES)


#: Our amendments to qt-material: its upper-casing of buttons and tabs turns “导出Excel” into
#: “导出EXCEL” (Chinese has no case; Latin words in labels must stay as written).
OVERRIDES = """
QPushButton, QToolButton, QTabBar, QTabBar::tab, QHeaderView::section { text-transform: none; }
QHeaderView::up-arrow { image: url(icon:/primary/uparrow.svg); width: 12px; height: 12px; }
QHeaderView::down-arrow { image: url(icon:/primary/downarrow.svg); width: 12px; height: 12px; }
"""
#: The sort arrow: Fusion draws the header's sort indicator one way on Linux and the other on Windows, and
#: here a list with the newest first showed ▲. The stylesheet's header arrows are drawn the same on every
#: system; the images are chosen so the arrow points the way the list runs: ▼ newest / largest first,
#: ▲ oldest / smallest first (tests/ui/test_first_steps.py looks at the pixels).


_font_ids: list[int] = []


def load_ui_font() -> str:
    """Register the shipped font with Qt (once) and return its family name.

    Qt does not notice a file added twice and would hold a second copy, so the font id of the
    first call is remembered.

    Returns:
        The family name, ``"Policeroom Sans"``.

    Raises:
        RuntimeError: If Qt cannot load the font file.
    """
    if _font_ids:
        families = QFontDatabase.applicationFontFamilies(_font_ids[0])
        if families:
            return families[0]
        _font_ids.clear()  # the application (and its font database) was recreated
    path = font_path()
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"cannot load the UI font {path}")
    _font_ids.append(font_id)
    return families[0]


def setup_fonts(app: QApplication) -> str:
    """Load the shipped font and make it the application's default font at 10 pt.

    Returns:
        The family name now in use.
    """
    family = load_ui_font()
    app.setFont(QFont(family, DEFAULT_FONT_POINT_SIZE))
    return family
