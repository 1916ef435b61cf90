"""The 网格工作 module: one tab per piece of grid work, added through :func:`register_tab`.

Each piece (网格事件, 场所巡查, 考核, 巡防, 走访 …) registers a factory with a sort key in :mod:`.tabs`;
the module builds its tabs in that order when it is first opened. Factories import their page lazily
so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.i18n import tr

#: (services, bus) -> the tab's widget
TabFactory = Callable[[Services, ChangeBus], QWidget]


@dataclass(frozen=True)
class TabSpec:
    """One tab of the module: a stable key, its Chinese title, where it sorts, how to build it."""

    key: str
    title: str
    order: int
    build: TabFactory


_TABS: dict[str, TabSpec] = {}


def register_tab(key: str, title: str, order: int, build: TabFactory) -> None:
    """Add (or replace) a tab of 网格工作; ``order`` sorts the tabs (events 10, places 20, 考核 90 …)."""
    _TABS[key] = TabSpec(key, title, order, build)


def registered_tabs() -> list[TabSpec]:
    """The tabs registered so far, in order (:mod:`.tabs` registers the built-in ones when imported;
    the main window imports it before building the page, so this module never imports it: no circle)."""
    return sorted(_TABS.values(), key=lambda t: (t.order, t.key))


class GridWorkPage(QWidget):
    """Tabs of 网格工作, built from the registry; :meth:`show_tab` opens one by key."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.by_key: dict[str, QWidget] = {}
        for spec in registered_tabs():
            widget = spec.build(services, bus)
            self.by_key[spec.key] = widget
            self.tabs.addTab(widget, tr(spec.title))
        if not self.by_key:
            empty = QLabel(tr("暂无网格工作内容。"))
            self.tabs.addTab(empty, tr("网格工作"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)

    def show_tab(self, key: str) -> QWidget | None:
        widget = self.by_key.get(key)
        if widget is not None:
            self.tabs.setCurrentWidget(widget)
        return widget

    def current_list(self):  # noqa: ANN201 - a ListPage or None
        from policeroom.ui.widgets.list_page import ListPage

        page = self.tabs.currentWidget()
        return page if isinstance(page, ListPage) else None

    def apply_preset(self, name: str) -> None:
        """From the 工作台: ``tab:preset`` opens a tab and hands it the preset (e.g. ``events:overdue``)."""
        key, _, preset = name.partition(":")
        widget = self.show_tab(key)
        apply = getattr(widget, "apply_preset", None)
        if preset and apply is not None:
            apply(preset)
