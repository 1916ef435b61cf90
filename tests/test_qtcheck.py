"""Missing Qt system libraries: a Chinese sentence with the Debian packages, exit code 2, not Qt's English abort."""

from __future__ import annotations

from pathlib import Path

import pytest

from policeroom import qtcheck
from policeroom.qtcheck import DEBIAN_PACKAGES, platform_plugin, qt_problem

DESKTOP = {"DISPLAY": ":0"}


def _gui_ok() -> None:
    return None


def _all_load(name: str) -> bool:
    return True


def _connects(display: str) -> bool:
    return True


def test_nothing_missing() -> None:
    assert qt_problem(DESKTOP, import_gui=_gui_ok, loads=_all_load, connects=_connects, system="linux") is None


def test_display_that_does_not_answer() -> None:
    message = qt_problem(DESKTOP, import_gui=_gui_ok, loads=_all_load, connects=lambda d: False, system="linux")
    assert message is not None and "连接不上图形界面（DISPLAY=:0）" in message


def test_real_connection_check_to_a_display_nobody_serves() -> None:
    import ctypes.util

    if not ctypes.util.find_library("xcb"):
        pytest.skip("no libxcb")
    assert qtcheck._connects(":987") is False


def test_missing_library_of_qtgui() -> None:
    def no_egl() -> None:
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")

    message = qt_problem(DESKTOP, import_gui=no_egl, loads=_all_load, system="linux")
    assert message is not None
    assert message.startswith("无法打开窗口：缺少 Qt 需要的系统库 libEGL.so.1（软件包 libegl1）")
    assert f"sudo apt-get install {DEBIAN_PACKAGES}" in message


def test_missing_library_of_the_x11_plugin() -> None:
    tried: list[str] = []

    def loads(name: str) -> bool:
        tried.append(name)
        return name not in ("libxcb-cursor.so.0", "libxcb-shape.so.0")

    message = qt_problem(DESKTOP, import_gui=_gui_ok, loads=loads, system="linux")
    assert message is not None and "libxcb-cursor.so.0、libxcb-shape.so.0" in message
    assert "软件包 libxcb-cursor0 libxcb-shape0" in message and DEBIAN_PACKAGES in message
    assert "libxcb-icccm.so.4" in tried


def test_other_platforms_skip_the_x11_check() -> None:
    def fail(name: str) -> bool:
        raise AssertionError("must not check X11 libraries")

    for env in ({"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland;xcb"},
                {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}):  # fmt: skip
        assert qt_problem(env, import_gui=_gui_ok, loads=fail, system="linux") is None
    assert qt_problem({}, import_gui=_gui_ok, loads=fail, system="win32") is None
    assert platform_plugin({"QT_QPA_PLATFORM": "xcb:foo"}) == "xcb" and platform_plugin({}) == "xcb"


def test_no_display() -> None:
    message = qt_problem({}, import_gui=_gui_ok, loads=_all_load, system="linux")
    assert message is not None and "DISPLAY" in message and "QT_QPA_PLATFORM=offscreen" in message


def test_readme_lists_the_same_packages() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    listed = " ".join(readme.split("sudo apt-get install libegl1", 1)[1].split("```", 1)[0].replace("\\", " ").split())
    assert "libegl1 " + listed == DEBIAN_PACKAGES


def test_main_exits_2_with_the_sentence(monkeypatch, capsys) -> None:  # noqa: ANN001
    from policeroom.__main__ import main

    monkeypatch.setattr(qtcheck, "qt_problem", lambda: "无法打开窗口：缺少 Qt 需要的系统库 libEGL.so.1")
    assert main(["--demo"]) == 2
    assert capsys.readouterr().err.strip() == "无法打开窗口：缺少 Qt 需要的系统库 libEGL.so.1"


@pytest.mark.parametrize("name", qtcheck.XCB_LIBRARIES)
def test_every_x11_library_has_a_package(name: str) -> None:
    assert name in qtcheck.PACKAGE_OF
