"""Which tabs 网格工作 has: each area of grid work registers its own here (one block each)."""

from __future__ import annotations

from policeroom.ui.gridwork.page import register_tab


def _events(services, bus):  # noqa: ANN001, ANN202
    from policeroom.ui.gridwork.events import EventsPage

    return EventsPage(services, bus)


def _places(services, bus):  # noqa: ANN001, ANN202
    from policeroom.ui.gridwork.places import PlacesPage

    return PlacesPage(services, bus)


def _assessment(services, bus):  # noqa: ANN001, ANN202
    from policeroom.ui.gridwork.assessment import AssessmentPage

    return AssessmentPage(services, bus)


register_tab("events", "网格事件", 10, _events)
register_tab("places", "场所巡查", 20, _places)
register_tab("assessment", "网格员考核", 90, _assessment)

# 巡防、走访、宣传、工作日志 (services/fieldwork): the fieldwork area lists its own tabs
from policeroom.ui.fieldwork.tabs import FIELDWORK_TABS  # noqa: E402

for _spec in FIELDWORK_TABS:
    register_tab(*_spec)
