"""``export residents|team|grids|volunteers -o FILE.xlsx [--full]``: the lists beside the ledgers, masked by default.

Identity numbers and phones are masked unless ``--full``; every export goes into the history. The
command line has no sign-in yet: it writes as the system actor 命令行, which may use ``--full``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from policeroom.cli.common import save

LISTS = ("residents", "team", "grids", "volunteers")


def _columns(services: Any, what: str) -> tuple[str, Sequence[tuple[str, float, Callable[[Any], object]]], list[Any]]:
    if what == "residents":
        from policeroom.services.people.ledger_io import EXPORT_COLUMNS

        ids = services.residents.search_ids("")
        rows = [r for start in range(0, len(ids), 500) for r in services.resident_ledger.export_rows(ids[start : start + 500])]
        return "居民名单", EXPORT_COLUMNS, rows
    if what == "volunteers":
        from policeroom.services.forces.ledger_io import EXPORT_COLUMNS as VOLUNTEER_COLUMNS

        ids = services.volunteers.search_ids()
        rows = [r for start in range(0, len(ids), 500) for r in services.volunteer_ledger.export_rows(ids[start : start + 500])]
        return "平安志愿者名单", VOLUNTEER_COLUMNS, rows
    if what == "team":
        from policeroom.models import MEMBER_ROLE_LABELS

        columns = (
            ("姓名", 10, lambda m: m.name), ("角色", 10, lambda m: MEMBER_ROLE_LABELS.get(m.role, str(m.role))),
            ("联系电话", 15, lambda m: m.phone), ("负责网格", 30, lambda m: m.grids),
            ("在岗", 6, lambda m: m.active), ("入职日期", 12, lambda m: m.joined_on), ("备注", 24, lambda m: m.notes),
        )
        return "团队成员名单", columns, services.team.list(include_left=True)
    columns = (
        ("网格编号", 10, lambda g: g.code), ("网格名称", 18, lambda g: g.name), ("范围说明", 30, lambda g: g.description),
        ("户数", 8, lambda g: g.households), ("网格员", 20, lambda g: g.workers), ("居民数", 8, lambda g: g.residents),
        ("已归档", 8, lambda g: g.archived),
    )
    return "网格名单", columns, services.grids.list(include_archived=True)


def export_list_cmd(services: Any, args: argparse.Namespace) -> int:
    from policeroom.reports.core.xlsx import XlsxColumn, list_xlsx
    from policeroom.services.core import clock
    from policeroom.services.core.dates import chinese_date
    from policeroom.services.core.exports import has_personal_columns, masked_row_getter

    what, columns, rows = _columns(services, args.what)
    headers = [h for h, _w, _v in columns]
    full = bool(getattr(args, "full", False)) and has_personal_columns(headers)
    services.exports.check_full(full)
    shown = masked_row_getter(headers, full)
    room = services.settings.get().room_name
    data = list_xlsx(
        f"{room}{what}（{chinese_date(clock.today())}导出）", [XlsxColumn(h, w) for h, w, _v in columns],
        (shown([get(r) for _h, _w, get in columns]) for r in rows),
    )
    code = save(data, args.output, f"已导出{what} {len(rows)} 条：")
    if code == 0:
        services.exports.record(what, "全部", len(rows), full, has_personal_columns(headers))
    return code
