"""Before Qt starts: are the Linux system libraries it needs there?

Without them Qt stops the program with an English message (an ImportError naming ``libEGL.so.1``, or
for the X11 platform plugin a fatal "could not load the Qt platform plugin "xcb"" that no ``except``
can catch). We check first and say in Chinese which Debian packages to install. Cheap: the GUI import
happens anyway, and the X11 check only opens the ten libraries the plugin would open a moment later.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Mapping

#: The README's package line (Debian/Ubuntu): what Qt needs on a desktop, X11 plugin included.
DEBIAN_PACKAGES = (
    "libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 "
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0"
)
#: Library file -> Debian package, for the sentence.
PACKAGE_OF = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
#: What Qt's X11 plugin (libqxcb.so via libQt6XcbQpa) loads beyond what QtGui itself needs.
XCB_LIBRARIES = (
    "libxcb.so.1", "libX11-xcb.so.1", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0",
    "libxcb-keysyms.so.1", "libxcb-randr.so.0", "libxcb-render-util.so.0", "libxcb-shape.so.0",
    "libxcb-xkb.so.1", "libxkbcommon-x11.so.0",
)  # fmt: skip
_SONAME = re.compile(r"(lib[\w.+-]*?\.so(?:\.\d+)*)")


def platform_plugin(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first: $QT_QPA_PLATFORM, else wayland in a Wayland session, else xcb."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return "wayland"
    return "xcb"


def _import_gui() -> None:
    importlib.import_module("PySide6.QtWidgets")


def _loads(name: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _connects(display: str) -> bool:
    """Whether the X server of ``display`` accepts a connection (as Qt's plugin will try next)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # reported as a missing library instead
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return conn is not None and xcb.xcb_connection_has_error(conn) == 0
    finally:
        if conn is not None:
            xcb.xcb_disconnect(conn)


def missing_libraries_message(libraries: list[str]) -> str:
    packages = sorted({PACKAGE_OF.get(n, n) for n in libraries})
    return (
        f"无法打开窗口：缺少 Qt 需要的系统库 {'、'.join(libraries)}（软件包 {' '.join(packages)}）。"
        f"请先安装（Debian/Ubuntu）：\n  sudo apt-get install {DEBIAN_PACKAGES}\n"
        "然后再启动程序。"
    )


def qt_problem(
    env: Mapping[str, str] | None = None,
    *,
    import_gui: Callable[[], None] = _import_gui,
    loads: Callable[[str], bool] = _loads,
    connects: Callable[[str], bool] = _connects,
    system: str = sys.platform,
) -> str | None:
    """A Chinese sentence if Qt cannot start its window here (what to install), else None."""
    env = os.environ if env is None else env
    try:
        import_gui()
    except ImportError as e:
        found = _SONAME.findall(str(e))
        if found:
            return missing_libraries_message(found[:1])
        return f"无法打开窗口：Qt（PySide6）没有正确安装（{e}）。请在虚拟环境中重新运行 pip install -e . 。"
    if not system.startswith("linux") or platform_plugin(env) != "xcb":
        return None
    if not env.get("DISPLAY"):
        return (
            "无法打开窗口：没有找到图形界面（未设置 DISPLAY）。请在桌面环境中启动程序；"
            "没有显示器的环境（如持续集成）请设置 QT_QPA_PLATFORM=offscreen。"
        )
    missing = [name for name in XCB_LIBRARIES if not loads(name)]
    if missing:
        return missing_libraries_message(missing)
    if not connects(env["DISPLAY"]):
        return (
            f"无法打开窗口：连接不上图形界面（DISPLAY={env['DISPLAY']}）。请在桌面环境中启动程序；"
            "没有显示器的环境（如持续集成）请设置 QT_QPA_PLATFORM=offscreen。"
        )
    return None
