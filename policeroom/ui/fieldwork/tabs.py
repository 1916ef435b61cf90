"""The field-work tabs of 网格工作 (巡防, 入户走访, 防范宣传, 工作日志), as (key, title, order, factory).

Kept free of the module page (no import of ``ui.gridwork``), so the page's registry can list them
without an import circle.
"""

from __future__ import annotations

from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus


def _patrols(services: Services, bus: ChangeBus):  # noqa: ANN202
    from policeroom.ui.fieldwork.patrols import PatrolsPage

    return PatrolsPage(services, bus)


def _visits(services: Services, bus: ChangeBus):  # noqa: ANN202
    from policeroom.ui.fieldwork.households import VisitsModule

    return VisitsModule(services, bus)


def _talks(services: Services, bus: ChangeBus):  # noqa: ANN202
    from policeroom.ui.fieldwork.talks import TalksPage

    return TalksPage(services, bus)


def _work_log(services: Services, bus: ChangeBus):  # noqa: ANN202
    from policeroom.ui.fieldwork.worklog import WorkLogPage

    return WorkLogPage(services, bus)


FIELDWORK_TABS = (
    ("patrols", "巡防", 30, _patrols),
    ("visits", "入户走访", 40, _visits),
    ("talks", "防范宣传", 50, _talks),
    ("work_log", "工作日志", 60, _work_log),
)
