"""Locations of files shipped beside the code (fonts and their licence texts).

No Qt import here: reports and the CLI use these paths too.

The fonts live in git in the repository's top-level ``resources/fonts`` (tools/build_font.py writes
them there). Every installed form of the program carries them as package data of ``policeroom``:
the wheel's build hook (setup.py) copies them to ``policeroom/fonts``, and the PyInstaller bundle
collects that folder (tools/policeroom.spec). They are found with ``importlib.resources``, so no
path is relative to a checkout. Only when the program runs from a source checkout (an editable
install, ``PYTHONPATH``) is there no ``policeroom/fonts``, and the checkout's ``resources/fonts``
is used instead.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The repository-level ``resources/`` folder next to the ``policeroom`` package (source checkouts only).
CHECKOUT_RESOURCES_DIR: Path = Path(__file__).resolve().parent.parent / "resources"
#: Folder inside the ``policeroom`` package that holds the fonts in a wheel or bundle.
PACKAGE_FONTS_DIR = "fonts"

#: Family name of the shipped UI font (a subset of WenQuanYi Micro Hei, see tools/build_font.py).
UI_FONT_FAMILY = "Policeroom Sans"

_FONT_FILE = "PoliceroomSans.ttf"
_SONG_FONT_FILE = "PoliceroomSong.ttf"


def fonts_dir() -> Path:
    """Return the folder of the shipped fonts.

    Returns:
        ``policeroom/fonts`` of the installed package (found through ``importlib.resources``), or,
        when running from a source checkout that has no such folder, the checkout's
        ``resources/fonts``. Whether the files exist is not checked here.
    """
    packaged = files("policeroom") / PACKAGE_FONTS_DIR
    if packaged.is_dir():
        # Wheels install as files and PyInstaller unpacks data to disk, so this is a real folder
        # (Qt and reportlab need file names).
        return Path(str(packaged))
    return CHECKOUT_RESOURCES_DIR / "fonts"


def font_path() -> Path:
    """Return the path of the shipped TrueType CJK font used by Qt and reportlab.

    Returns:
        Absolute path of ``PoliceroomSans.ttf`` in :func:`fonts_dir`. The file is not checked for
        existence; callers report a missing file in their own terms.
    """
    return fonts_dir() / _FONT_FILE


def song_font_path() -> Path:
    """Return the path of the shipped Song-style (明体) TrueType font of the official documents.

    Returns:
        Absolute path of ``PoliceroomSong.ttf`` in :func:`fonts_dir` (a subset of AR PL UMing CN,
        see tools/build_font.py). The file is not checked for existence.
    """
    return fonts_dir() / _SONG_FONT_FILE
