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
