"""Start-up time: process start to main window shown, policeroom --demo vs a bare PySide6 window.

Usage: python benchmarks/startup.py [--runs 7] [--program dist/policeroom/policeroom]
Runs each program several times (after one warm-up run that fills the theme and demo caches) and
prints median and best wall time from spawning the process to the window's first event-loop turn
after show(). Uses the current QT_QPA_PLATFORM (offscreen if unset; run under Xvfb with
QT_QPA_PLATFORM=xcb for a real X screen). ``--program`` adds the same two runs of a built program
(the PyInstaller bundle, tools/build_bundle.py) beside the source run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("社区警务室"))
w.resize(1280, 720)
w.show()
def done():
    print(f"STARTUP_SHOWN {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning to the window shown, and to its data filled in (same for bare)."""
    t0 = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    marks = {}
    for line in out.stdout.splitlines():
        if line.startswith("STARTUP_"):
            key, stamp = line.split()[:2]
            marks[key] = float(stamp) - t0
    if "STARTUP_SHOWN" not in marks:
        raise RuntimeError(f"no STARTUP_SHOWN from {cmd}: {out.stdout[-500:]} {out.stderr[-2000:]}")
    return marks["STARTUP_SHOWN"], marks.get("STARTUP_READY", marks["STARTUP_SHOWN"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--program", help="a built policeroom executable to time beside the source run")
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="policeroom-bench-")
    # Own config/cache folders: preferences of the person running this stay untouched.
    env.update(POLICEROOM_STARTUP_PROBE="1", XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache",
               XDG_DATA_HOME=f"{home}/data", XDG_STATE_HOME=f"{home}/state")
    demo_db = f"{home}/demo.db"
    subprocess.run([sys.executable, "-m", "policeroom", "--db", demo_db, "seed-demo"], env=env, check=True,
                   capture_output=True)
    programs = {
        "bare PySide6 window": [sys.executable, "-c", BARE],
        "policeroom --demo (main window)": [sys.executable, "-m", "policeroom", "--demo"],
        "policeroom --db demo.db (sign-in)": [sys.executable, "-m", "policeroom", "--db", demo_db],
    }
    if args.program:
        programs["built --demo (main window)"] = [args.program, "--demo"]
        programs["built --db demo.db (sign-in)"] = [args.program, "--db", demo_db]
    results: dict[str, list[tuple[float, float]]] = {}
    for name, cmd in programs.items():
        run_once(cmd, env)  # warm-up: OS file cache, theme cache, demo template
        results[name] = [run_once(cmd, env) for _ in range(args.runs)]
    print(f"platform={env['QT_QPA_PLATFORM']} runs={args.runs} python={sys.version.split()[0]}")
    print(f"{'':36s} {'window shown':>22s}   {'data loaded':>22s}")
    bare = statistics.median(t[0] for t in results["bare PySide6 window"])
    for name, times in results.items():
        shown = [t[0] for t in times]
        ready = [t[1] for t in times]
        print(f"{name:36s} median {statistics.median(shown) * 1000:5.0f} ms best {min(shown) * 1000:5.0f} ms"
              f"   median {statistics.median(ready) * 1000:5.0f} ms best {min(ready) * 1000:5.0f} ms"
              f"   ({statistics.median(shown) / bare:.2f}x bare)")
    print("target: window shown <= 1.5x the bare window")


if __name__ == "__main__":
    main()
