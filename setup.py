"""Build hook: ship the repository's ``resources/fonts`` inside the package as ``policeroom/fonts``.

All metadata lives in pyproject.toml. The fonts have one home in git, the top-level
``resources/fonts`` (tools/build_font.py writes them there); a wheel must carry them inside the
package so that ``importlib.resources.files("policeroom") / "fonts"`` finds them wherever the
wheel is installed (and PyInstaller collects them with the package). ``build_py`` copies them into
the build tree; an editable install runs from the checkout and reads ``resources/fonts`` directly
(see policeroom/resources.py). The sdist carries ``resources/fonts`` (MANIFEST.in).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: (folder in the source tree, folder inside the ``policeroom`` package) of shipped files.
SHIPPED = [(HERE / "resources" / "fonts", "fonts")]
PATTERNS = ("*.ttf", "*.txt")


def shipped_files() -> list[tuple[Path, str]]:
    """(source file, path relative to the ``policeroom`` package) of every shipped resource file."""
    out = []
    for src_dir, dest in SHIPPED:
        for pattern in PATTERNS:
            out += [(f, f"{dest}/{f.name}") for f in sorted(src_dir.glob(pattern))]
    return out


class BuildPyWithResources(build_py):
    """``build_py`` that also copies ``resources/fonts/*`` to ``<build>/policeroom/fonts/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the editable finder maps policeroom to the checkout, which has resources/ beside it
        files = shipped_files()
        if not files:
            raise SystemExit("resources/fonts is empty: the wheel would have no fonts")
        for src, rel in files:
            target = Path(self.build_lib) / "policeroom" / rel
            self.mkpath(str(target.parent))
            self.copy_file(str(src), str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # noqa: FBT001, FBT002
        outputs = super().get_outputs(include_bytecode)
        if not getattr(self, "editable_mode", False):
            outputs += [str(Path(self.build_lib) / "policeroom" / rel) for _src, rel in shipped_files()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithResources})
