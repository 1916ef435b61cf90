"""The house's shape (architecture.md): no import circles, modules of a readable size, a folder per area."""

from __future__ import annotations

import ast
from pathlib import Path

import policeroom

PACKAGE = Path(policeroom.__file__).parent
MAX_LINES = 500
#: known to be too long, to be split by the change that is reshaping it (keep this empty)
KNOWN_LONG: set[str] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join(parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every policeroom module this file imports, at the top or inside a function (TYPE_CHECKING aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n in modules and n.startswith("policeroom.")}


def test_no_import_circles() -> None:
    modules = _modules()
    graph = {m: _imports(p, modules) - {m} for m, p in modules.items()}
    # a package's __init__ importing its own submodules is not a circle worth breaking
    graph = {m: {d for d in deps if not (d.startswith(m + ".") and modules[m].name == "__init__.py")}
             for m, deps in graph.items()}  # fmt: skip
    circles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                circles.append(sorted(scc))

    for m in graph:
        if m not in index:
            visit(m)
    assert circles == []


def test_modules_stay_readable() -> None:
    long = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES and m not in KNOWN_LONG}
    assert long == {}


def test_service_module_names_do_not_carry_an_area() -> None:
    """``services/roster/model.py``, not ``services/roster_model.py``: an area is a folder."""
    services = PACKAGE / "services"
    areas = {p.name for p in services.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"core", "people", "loop", "requests", "mediation", "roster", "summary", "demo"} - {"loop"} <= areas
    prefixed = [
        str(p.relative_to(services)) for p in services.rglob("*.py")
        if any(p.stem.startswith(area.rstrip("s") + "_") or p.stem.startswith(area + "_") for area in areas)
    ]  # fmt: skip
    loose = [p.name for p in services.glob("*.py") if p.name not in ("__init__.py", "registry.py")]
    assert prefixed == [] and loose == []


# -- one clock (architecture.md, Time) -------------------------------------------------------------------

#: what "now" may be asked of only through services/core/clock.py
CLOCK_CALLS = {
    "datetime.date.today",
    "datetime.datetime.now",
    "datetime.datetime.today",
    "datetime.datetime.utcnow",
    "time.localtime",
    "PySide6.QtCore.QDate.currentDate",
    "PySide6.QtCore.QDateTime.currentDateTime",
    "PySide6.QtCore.QTime.currentTime",
}
#: modules and folders that may read the system clock themselves, with the reason
CLOCK_ALLOWED = {
    "policeroom/services/core/clock.py": "the one clock",
    "policeroom/backups.py": "a backup's file name is when it was really written (pruning sorts by it)",
    "policeroom/dblock.py": "the lock file tells other desks when this process really opened the database",
}


def _clock_reads(path: Path) -> list[str]:
    """``line: name`` of every reference (call or not: ``default=datetime.now`` too) to a CLOCK_CALLS name,
    following import aliases (``from datetime import date as _date``, ``import datetime as dt``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    alias: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                alias[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                alias[a.asname or a.name] = f"{node.module}.{a.name}"

    def dotted(node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return alias.get(node.id)
        if isinstance(node, ast.Attribute):
            base = dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Attribute, ast.Name)) and (name := dotted(node)) in CLOCK_CALLS:
            found.append((node.lineno, node.col_offset, name))
    return [f"{line}: {name}" for line, _col, name in sorted(found)]


def test_one_clock() -> None:
    """Business code and screens ask ``services/core/clock.py`` what day it is (tests pin it with time-machine)."""
    root = PACKAGE.parent
    offenders = {}
    used_by_allowed = set()
    for path in _modules().values():
        rel = path.relative_to(root).as_posix()
        reads = _clock_reads(path)
        allowed = [a for a in CLOCK_ALLOWED if rel == a or (a.endswith("/") and rel.startswith(a))]
        if reads and allowed:
            used_by_allowed.update(allowed)
        elif reads:
            offenders[rel] = reads
    assert offenders == {}, "use policeroom.services.core.clock (QDate: policeroom.ui.widgets.dates)"
    # an exception nobody needs any more goes
    stale = set(CLOCK_ALLOWED) - used_by_allowed
    assert stale == set()


def test_clock_check_sees_aliases(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import datetime as dt\nfrom datetime import date as _date, datetime\nfrom PySide6.QtCore import QDate\n"
        "import time\n"
        "a = dt.date.today()\nb = _date.today()\nc = datetime.now\nd = QDate.currentDate()\ne = time.localtime()\n"
        "f = datetime.now().date()\ng = datetime.combine(_date(2026, 1, 1), dt.time())\n",
        encoding="utf-8",
    )
    assert [r.split(": ")[1] for r in _clock_reads(sample)] == [
        "datetime.date.today", "datetime.date.today", "datetime.datetime.now",
        "PySide6.QtCore.QDate.currentDate", "time.localtime", "datetime.datetime.now",
    ]  # fmt: skip
