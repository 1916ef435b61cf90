"""The shipped fonts are package data: found through importlib.resources wherever policeroom is installed.

A non-editable ``pip install .`` once installed a program that could not print ("shipped font
missing: …/site-packages/resources/fonts/PoliceroomSans.ttf"): the fonts were looked up beside the
checkout. tools/check_wheel.sh builds and installs the real wheel (CI runs it); these tests lay out
an installed package the way the wheel's build hook (setup.py) does and look for the fonts from it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policeroom import resources

REPO = Path(__file__).resolve().parent.parent
FONT_FILES = {
    "PoliceroomSans.ttf",
    "PoliceroomSong.ttf",
    "PoliceroomSans-LICENSE.txt",
    "PoliceroomSong-LICENSE.txt",
}


def _setup_module():  # noqa: ANN202 - the build hook of setup.py, imported without running setup()
    spec = importlib.util.spec_from_file_location("policeroom_setup", REPO / "setup.py")
    source = (
        (REPO / "setup.py")
        .read_text(encoding="utf-8")
        .replace('setup(cmdclass={"build_py": BuildPyWithResources})', "")
    )
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, str(REPO / "setup.py"), "exec"), module.__dict__)  # noqa: S102
    return module


def _install_like_a_wheel(site: Path) -> None:
    """Copy the package and the shipped files to ``site`` as the wheel carries them (no resources/ beside)."""
    shutil.copytree(REPO / "policeroom", site / "policeroom", ignore=shutil.ignore_patterns("__pycache__"))
    for src, rel in _setup_module().shipped_files():
        target = site / "policeroom" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, target)


def test_build_hook_ships_every_font_and_licence() -> None:
    shipped = {rel for _src, rel in _setup_module().shipped_files()}
    assert shipped == {f"fonts/{name}" for name in FONT_FILES}


def test_installed_package_finds_fonts_through_importlib_resources(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    _install_like_a_wheel(site)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from importlib.resources import files;"
        "from policeroom.resources import font_path, song_font_path;"
        "print(files('policeroom') / 'fonts'); print(font_path()); print(song_font_path());"
        "from policeroom.reports.core.fonts import register_fonts, register_song_font;"
        "print(register_fonts(), register_song_font())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(site)], cwd=elsewhere, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    packaged, sans, song, registered = out.stdout.splitlines()
    assert Path(packaged) == site / "policeroom" / "fonts"
    assert Path(sans) == site / "policeroom" / "fonts" / "PoliceroomSans.ttf"
    assert Path(song) == site / "policeroom" / "fonts" / "PoliceroomSong.ttf"
    assert registered == "PoliceroomSans PoliceroomSong"


def test_source_checkout_uses_resources_fonts() -> None:
    # Running from the checkout (editable install, PYTHONPATH) there is no policeroom/fonts in git.
    assert not (REPO / "policeroom" / "fonts").exists()
    assert resources.fonts_dir() == REPO / "resources" / "fonts"
    assert {p.name for p in resources.fonts_dir().iterdir()} >= FONT_FILES
    assert resources.font_path().is_file() and resources.song_font_path().is_file()


@pytest.mark.parametrize("name", ["PoliceroomSans.ttf", "PoliceroomSong.ttf"])
def test_sdist_manifest_carries_the_fonts(name: str) -> None:
    # python -m build makes the wheel from the sdist: the sdist must have resources/fonts.
    assert "graft resources/fonts" in (REPO / "MANIFEST.in").read_text(encoding="utf-8")
    assert (REPO / "resources" / "fonts" / name).is_file()
