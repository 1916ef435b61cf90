"""Build the desk-PC program: a PyInstaller one-folder build in ``dist/policeroom/``.

Usage (the same on Windows and Linux, in a venv with the bundle extra):
    python -m pip install -e ".[bundle]"     # or: pip install ".[bundle]"
    python tools/build_bundle.py             # -> dist/policeroom/policeroom(.exe), policeroom-cli(.exe)

The recipe is tools/policeroom.spec (fonts, Alembic migrations, Qt plugins and translations,
qt-material's themes, pypinyin's dictionaries, reportlab + rl-accel, pdfium, OR-Tools).
Afterwards tools/smoke_bundle.sh runs the built program (Linux, CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('PyInstaller is missing: python -m pip install -e ".[bundle]"', file=sys.stderr)
        return 2
    dist = REPO / "dist"
    work = REPO / "build" / "pyinstaller"
    out = dist / "policeroom"
    if out.exists():
        shutil.rmtree(out)
    started = time.monotonic()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(REPO / "tools" / "policeroom.spec")]  # fmt: skip
    print(" ".join(cmd), flush=True)
    env = dict(os.environ, PYTHONHASHSEED="0")
    result = subprocess.run(cmd, cwd=REPO, env=env, check=False)
    if result.returncode:
        print(f"PyInstaller failed ({result.returncode})", file=sys.stderr)
        return result.returncode
    exe = ".exe" if os.name == "nt" else ""
    missing = [n for n in (f"policeroom{exe}", f"policeroom-cli{exe}") if not (out / n).is_file()]
    if missing:
        print(f"missing in {out}: {missing}", file=sys.stderr)
        return 1
    size = folder_size(out)
    print(f"built {out} in {time.monotonic() - started:.0f} s: {size / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
