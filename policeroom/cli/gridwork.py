"""``export grid-events -o F.xlsx`` and ``report assessment --month 2026-11 -o F.pdf`` (网格工作)."""

from __future__ import annotations

import argparse
from datetime import date

from policeroom.cli.common import fail, save
from policeroom.errors import ValidationError
from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date


def export_grid_events(db, args: argparse.Namespace, date_from: date, date_to: date) -> int:  # noqa: ANN001
    from policeroom.reports.gridwork.ledger import TITLE, events_xlsx
    from policeroom.services.gridwork.ledger import ledger_rows
    from policeroom.services.gridwork.types import EventFilter
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    rows = ledger_rows(services.grid_events, EventFilter(date_from=date_from, date_to=date_to))
    period = f"（{chinese_date(date_from)}至{chinese_date(date_to)}）"
    data = events_xlsx(rows, services.settings.get().room_name, period)
    code = save(data, args.output, f"已导出 {date_from} 至 {date_to} 的网格事件 {len(rows)} 条：")
    if code == 0:
        services.exports.record(TITLE, f"{date_from} 至 {date_to}", len(rows), False)
    return code


def report_assessment(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.gridwork.assessment import TITLE, assessment_pdf
    from policeroom.services.registry import Services

    if args.week or args.date_from or args.date_to:
        return fail("网格员考核表按月生成，请用 --month 指定月份，例如 --month 2026-11。")
    now = clock.now()
    month = args.month or f"{now.year}-{now.month:02d}"
    services = Services(db.sessions, args.actor)
    try:
        sheet = services.assessment.sheet(month)
    except ValidationError as e:
        return fail(e.message)
    if sheet.start > now.date():
        return fail(f"{sheet.month}尚未开始，还不能生成考核表。")
    data = assessment_pdf(sheet, services.settings.get().room_name, printed_at=now)
    code = save(data, args.output, f"已保存{sheet.month}的{TITLE}（{len(sheet.rows)}名网格员）：")
    if code == 0:
        services.record_output("print", f"{TITLE}（{sheet.month}）")
    return code
