"""Time qt-material's apply_stylesheet against the cached apply_theme, cold and warm.

Each measurement runs in a fresh Python process (imports are a large part of the cost) with
``QT_QPA_PLATFORM=offscreen`` and a throw-away HOME, so ``~/.qt_material`` is not touched.

    python benchmarks/theme_cache.py [--runs 7]

Prints, per mode, the median milliseconds of (a) the theme call itself, including any import it
triggers, and (b) script start to the first paint of a small window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import time
start = time.perf_counter()
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

mode, cache_dir = sys.argv[1], Path(sys.argv[2])
app = QApplication([])
t0 = time.perf_counter()
if mode == "qt_material":
    import qt_material
    qt_material.apply_stylesheet(app, "light_blue.xml", invert_secondary=True,
                                 extra={"font_family": '"Policeroom Sans"', "font_size": "14px"})
elif mode.startswith("cached"):
    from policeroom.ui.theme import apply_theme
    apply_theme(app, dark=False, cache_dir=cache_dir)
theme_ms = (time.perf_counter() - t0) * 1000

painted = {}

class Label(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        painted.setdefault("ms", (time.perf_counter() - start) * 1000)
        QTimer.singleShot(0, app.quit)

window = QWidget()
layout = QVBoxLayout(window)
layout.addWidget(Label("社区警务室 张喆 堃昇赟"))
layout.addWidget(QLineEdit())
layout.addWidget(QPushButton("保存"))
window.show()
app.exec()
print(json.dumps({"theme_ms": theme_ms, "first_paint_ms": painted["ms"]}))
"""

MODES = ("bare", "qt_material", "cached-cold", "cached-warm")


def run_child(mode: str, cache_dir: Path, home: Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return its figures."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO_ROOT),
        "HOME": str(home),
        "USERPROFILE": str(home),
    }
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(cache_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Run every mode ``--runs`` times and print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    results: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warm_cache = root / "warm"
        run_child("cached-cold", warm_cache, root / "home")  # fill the warm cache
        for i in range(args.runs):
            for mode in MODES:
                cache = warm_cache if mode == "cached-warm" else root / f"cold-{i}"
                results[mode].append(run_child(mode, cache, root / "home"))

    print(f"median of {args.runs} fresh processes (ms)   theme call   start -> first paint")
    for mode in MODES:
        theme = statistics.median(r["theme_ms"] for r in results[mode])
        paint = statistics.median(r["first_paint_ms"] for r in results[mode])
        print(f"  {mode:<34} {theme:>10.1f}   {paint:>19.1f}")


if __name__ == "__main__":
    main()
