"""Locations of files shipped beside the code (fonts, icons, translations).

No Qt import here: reports and the CLI use these paths too.
"""

from __future__ import annotations

from pathlib import Path

#: The repository-level ``resources/`` folder next to the ``policeroom`` package.
RESOURCES_DIR: Path = Path(__file__).resolve().parent.parent / "resources"

#: Family name of the shipped UI font (a subset of WenQuanYi Micro Hei, see tools/build_font.py).
UI_FONT_FAMILY = "Policeroom Sans"

_FONT_FILE = "PoliceroomSans.ttf"
_SONG_FONT_FILE = "PoliceroomSong.ttf"


def font_path() -> Path:
    """Return the path of the shipped TrueType CJK font used by Qt and reportlab.

    Returns:
        Absolute path of ``resources/fonts/PoliceroomSans.ttf``. The file is not checked for
        existence; callers report a missing file in their own terms.
    """
    return RESOURCES_DIR / "fonts" / _FONT_FILE


def song_font_path() -> Path:
    """Return the path of the shipped Song-style (明体) TrueType font of the official documents.

    Returns:
        Absolute path of ``resources/fonts/PoliceroomSong.ttf`` (a subset of AR PL UMing CN, see
        tools/build_font.py). The file is not checked for existence.
    """
    return RESOURCES_DIR / "fonts" / _SONG_FONT_FILE
