"""Entry script of the PyInstaller build (tools/policeroom.spec): ``policeroom.__main__:main``.

The window program on Windows (``policeroom.exe``) is built windowed: no console opens when it is
double-clicked, and Python has no ``sys.stdout``. Started from a command prompt with a subcommand
(``policeroom.exe --db X seed-demo``) it attaches to that prompt's console so the CLI still prints;
``policeroom-cli.exe`` beside it is the console build of the same program.
"""

from __future__ import annotations

import os
import sys


def _attach_parent_console() -> None:
    """Windows, windowed build: write to the console of the command prompt that started us, if any."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if not ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS; fails when double-clicked
        return
    sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
    sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115


if __name__ == "__main__":
    if len(sys.argv) > 1 and any(not a.startswith("-") for a in sys.argv[1:]):
        _attach_parent_console()
    # The console build on Windows prints Chinese: make sure the streams can encode it.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure") and os.name == "nt":
            stream.reconfigure(errors="replace")
    from policeroom.__main__ import main

    sys.exit(main())
