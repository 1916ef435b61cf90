"""The README's install steps are the ones CI runs (.ci/run runs them verbatim on a clean clone)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_ci_runs_the_readme_commands_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    venv = "python3 -m venv .venv && . .venv/bin/activate"
    test = 'pip install -e ".[test]" && pytest'
    for command in (venv, test):
        assert command in readme, command
        assert any(line.strip() == command for line in ci.splitlines()), command
    assert "py -m venv .venv" in readme and ".venv\\Scripts\\activate" in readme
    assert "pip install -e . && policeroom" in readme
