"""Start-up shows the first window before SQLAlchemy loads (it costs ~0.4 s, more than the window)."""

from __future__ import annotations

import subprocess
import sys


def test_first_window_modules_do_not_import_the_database_layer() -> None:
    code = (
        "import sys; import policeroom.app, policeroom.boot, policeroom.config, policeroom.ui.login, "
        "policeroom.ui.main_window, policeroom.ui.theme, policeroom.ui.prefs, policeroom.ui.errors; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'pypinyin', "
        "'reportlab', 'qt_material', 'jinja2', 'pypdfium2', 'openpyxl')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
