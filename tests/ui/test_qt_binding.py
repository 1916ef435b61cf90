"""Guard against the PySide6 6.12.0 bug that drops a reference to None on every void call, which
aborts the program ("none_dealloc") after long use. pyproject pins below 6.12 because of it."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot) -> None:  # noqa: ANN001
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.update()
    assert sys.getrefcount(None) >= before - 50  # a leak shows as -4000
