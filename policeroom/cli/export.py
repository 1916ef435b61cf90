"""``export WHAT -o FILE.xlsx``: a ledger as a spreadsheet (求助, 矛盾纠纷, 调解案件, 值班表)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from policeroom.cli.common import fail, parse_date, save
from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date


def _recorded(services, code: int, what: str, date_from: date, date_to: date, rows: int | None) -> int:  # noqa: ANN001
    """After a successful save, record the export in the history (who, which list, period, rows)."""
    if code == 0:
        services.exports.record(what, f"{date_from} 至 {date_to}", rows or 0, False, personal=False)
    return code


def _export_mediation(db, args: argparse.Namespace, date_from: date, date_to: date) -> int:  # noqa: ANN001
    from policeroom.reports.mediation.ledger import cases_xlsx, disputes_xlsx
    from policeroom.services.mediation.types import CaseFilter, DisputeFilter
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    room = services.settings.get()
    period = f"（{chinese_date(date_from)}至{chinese_date(date_to)}）"
    full = bool(getattr(args, "full", False))
    if args.what == "disputes":
        rows = services.disputes.rows(DisputeFilter(date_from=date_from, date_to=date_to), descending=False)
        data, what = disputes_xlsx(rows, room, period, full=full), "矛盾纠纷"
    else:
        rows = services.cases.rows(CaseFilter(date_from=date_from, date_to=date_to), descending=False)
        data, what = cases_xlsx(rows, room, period, full=full), "调解案件"
    code = save(data, args.output, f"已导出 {date_from} 至 {date_to} 的{what} {len(rows)} 条：")
    if code == 0:
        services.exports.record(f"{what}台账", f"{date_from} 至 {date_to}", len(rows), full)
    return code


def export(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.requests.ledger import requests_xlsx
    from policeroom.services.registry import Services
    from policeroom.services.requests.export import ledger_rows

    if args.what in ("points", "activities"):
        from policeroom.cli.activities import export_cmd

        return export_cmd(db, args)
    if args.what in ("residents", "team", "grids", "volunteers"):
        from policeroom.cli.export_lists import export_list_cmd
        from policeroom.services.registry import Services

        return export_list_cmd(Services(db.sessions, args.actor), args)
    today = clock.today()
    year = today.year
    if args.what == "roster":  # a roster is read a week or a month at a time: default this month
        first = today.replace(day=1)
        default_from, default_to = first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        default_from, default_to = date(year, 1, 1), date(year, 12, 31)
    try:
        date_from = parse_date(args.date_from, "--from") or default_from
        date_to = parse_date(args.date_to, "--to") or default_to
    except ValueError as e:
        return fail(f"{e}")
    if date_from > date_to:
        return fail(f"起始日期 {date_from} 晚于结束日期 {date_to}。")
    if args.what in ("disputes", "mediations"):
        return _export_mediation(db, args, date_from, date_to)
    if args.what == "grid-events":
        from policeroom.cli.gridwork import export_grid_events

        return export_grid_events(db, args, date_from, date_to)
    services = Services(db.sessions, args.actor)
    if args.what == "visits":
        from policeroom.reports.fieldwork.visits import visits_xlsx

        visits = list(reversed(services.households.visits(date_from, date_to)))  # oldest first, as a ledger
        period = f"（{chinese_date(date_from)}至{chinese_date(date_to)}）"
        data = visits_xlsx(visits, services.settings.get(), period)
        code = save(data, args.output, f"已导出 {date_from} 至 {date_to} 的入户走访记录 {len(visits)} 条：")
        return _recorded(services, code, "入户走访记录台账", date_from, date_to, len(visits))
    if args.what == "roster":
        from policeroom.reports.roster.pdf import roster_xlsx

        if (date_to - date_from).days > 61:
            return fail("值班表一次最多导出62天，请用 --from 和 --to 选择一周或一个月。")
        data = roster_xlsx(services.roster.view(date_from, date_to), services.settings.get())
        code = save(data, args.output, f"已导出 {date_from} 至 {date_to} 的值班表：")
        return _recorded(services, code, "值班表", date_from, date_to, None)
    rows = ledger_rows(services.ctx, date_from, date_to)
    full = bool(getattr(args, "full", False))
    data = requests_xlsx(rows, services.settings.get(), date_from, date_to, full=full)
    code = save(data, args.output, f"已导出 {date_from} 至 {date_to} 的求助 {len(rows)} 条：")
    if code == 0:
        services.exports.record("群众求助登记台账", f"{date_from} 至 {date_to}", len(rows), full)
    return code
