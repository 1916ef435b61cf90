"""Headless subcommands (seed-demo, backup, upgrade ...). Messages in Chinese, exit code 0 on success."""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path

from policeroom.db import backup_sqlite, default_backup_dir, open_database, resolve_url
from policeroom.errors import DomainError


def _out(msg: str) -> None:
    print(msg, flush=True)


def run(args: argparse.Namespace) -> int:
    from policeroom.logsetup import setup_logging

    setup_logging()
    try:
        db = open_database(resolve_url(args.db), program=f"policeroom {args.command}")
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 2
    try:
        return _COMMANDS[args.command](db, args)
    except DomainError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 1
    finally:
        db.close()


def _seed_demo(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.services.core.context import ServiceContext
    from policeroom.services.demo.seed import seed_demo

    result = seed_demo(
        ServiceContext(db.sessions), residents=args.residents, seed=args.seed,
        requests_per_year=getattr(args, "requests_per_year", 600),
    )
    _out(
        f"已填入演示数据：团队成员 {result.team} 名，网格 {result.grids} 个，居民 {result.residents} 人，"
        f"近两年群众求助 {result.requests} 件，近一年矛盾纠纷 {result.disputes} 件（其中调解案件 {result.cases} 件）。\n"
        f"民警账户：{result.officer_username}，密码：{result.password}（演示用，请勿用于正式数据）"
    )
    return 0


def _backup(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    path = db.path
    if path is None:
        print("错误：只有 SQLite 数据库文件可以这样备份；PostgreSQL 请使用 pg_dump。", file=sys.stderr)
        return 1
    target = backup_sqlite(path, Path(args.output_dir) if args.output_dir else default_backup_dir(path), "manual")
    _out(f"已备份到：{target}")
    return 0


def _upgrade(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    # open_database already upgraded (after a backup); say what happened.
    if db.backups:
        _out(f"数据库已升级，升级前的备份：{db.backups[-1]}")
    else:
        _out("数据库已是最新版本。")
    return 0


def _print(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.requests.form import request_form_pdf
    from policeroom.services.registry import Services

    services = Services(db.sessions)
    if args.form == "roster":
        return _print_roster(services, args)
    if args.form == "duty-sheet":
        return _print_duty_sheet(services, args)
    if args.form != "request":
        return _print_mediation(services, args)
    detail = services.requests.get_by_number(args.number)  # NotFound: 没有编号为 … 的求助记录
    return _save(request_form_pdf(detail, services.settings.get()), args.output, f"已保存 {detail.number} 的登记表：")


def _roster_period(text: str) -> tuple[date, date, str]:
    """``2026-W48`` (a week) or ``2026-11`` (a month)."""
    from policeroom.errors import ValidationError
    from policeroom.services.roster.service import month_of, week_of

    if "W" in text.upper():
        start, end = week_of(text)
        return start, end, "周值班表"
    try:
        y, m = text.strip().split("-")
        start, end = month_of(date(int(y), int(m), 1))
    except ValueError:
        raise ValidationError("week", f"“{text}”无法识别，请写周次（2026-W48）或月份（2026-11）。") from None
    return start, end, "月值班表"


def _print_roster(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.reports.roster.pdf import roster_pdf

    start, end, title = _roster_period(args.number)
    view = services.roster.view(start, end)
    data = roster_pdf(view, services.settings.get(), title=title)
    return _save(data, args.output, f"已保存 {start:%Y年%m月%d日}至{end:%m月%d日}的{title}：")


def _print_duty_sheet(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.errors import ValidationError
    from policeroom.reports.roster.pdf import duty_sheet_pdf

    try:
        day = date.fromisoformat(args.number.strip())
    except ValueError:
        raise ValidationError("day", f"日期“{args.number}”无法识别，请写成 2026-11-22。") from None
    on_duty, handovers = services.duty.sheet(day)
    data = duty_sheet_pdf(day, on_duty, handovers, services.settings.get())
    return _save(data, args.output, f"已保存 {day:%Y年%m月%d日}的值班日志：")


def _print_mediation(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.reports.mediation import render
    from policeroom.services.mediation.docs import FORM_TITLES, form_refusal

    case_id = services.cases.id_by_number(args.number)  # NotFound: 没有编号为 … 的调解案件
    doc = services.cases.doc(case_id)
    refusal = form_refusal(args.form, doc)
    if refusal:
        raise DomainError(refusal)
    data = render(args.form, doc)
    return _save(data, args.output, f"已保存 {doc.number} 的{FORM_TITLES[args.form]}：")


def _export_mediation(db, args: argparse.Namespace, date_from: date, date_to: date) -> int:  # noqa: ANN001
    from policeroom.reports.mediation.ledger import cases_xlsx, disputes_xlsx
    from policeroom.services.mediation.types import CaseFilter, DisputeFilter
    from policeroom.services.registry import Services

    services = Services(db.sessions)
    room = services.settings.get()
    period = f"（{date_from:%Y年%m月%d日}至{date_to:%Y年%m月%d日}）"
    if args.what == "disputes":
        rows = services.disputes.rows(DisputeFilter(date_from=date_from, date_to=date_to), descending=False)
        data, what = disputes_xlsx(rows, room, period), "矛盾纠纷"
    else:
        rows = services.cases.rows(CaseFilter(date_from=date_from, date_to=date_to), descending=False)
        data, what = cases_xlsx(rows, room, period), "调解案件"
    return _save(data, args.output, f"已导出 {date_from} 至 {date_to} 的{what} {len(rows)} 条：")


def _export(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.requests.ledger import requests_xlsx
    from policeroom.services.registry import Services
    from policeroom.services.requests.export import ledger_rows

    year = date.today().year
    try:
        date_from = _parse_date(args.date_from, "--from") or date(year, 1, 1)
        date_to = _parse_date(args.date_to, "--to") or date(year, 12, 31)
    except ValueError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    if date_from > date_to:
        print(f"错误：起始日期 {date_from} 晚于结束日期 {date_to}。", file=sys.stderr)
        return 1
    if args.what in ("disputes", "mediations"):
        return _export_mediation(db, args, date_from, date_to)
    services = Services(db.sessions)
    if args.what == "roster":
        from policeroom.reports.roster.pdf import roster_xlsx

        if (date_to - date_from).days > 61:
            print("错误：值班表一次最多导出62天，请用 --from 和 --to 选择一周或一个月。", file=sys.stderr)
            return 1
        data = roster_xlsx(services.roster.view(date_from, date_to), services.settings.get())
        return _save(data, args.output, f"已导出 {date_from} 至 {date_to} 的值班表：")
    rows = ledger_rows(services.ctx, date_from, date_to)
    data = requests_xlsx(rows, services.settings.get(), date_from, date_to)
    return _save(data, args.output, f"已导出 {date_from} 至 {date_to} 的求助 {len(rows)} 条：")


def _parse_date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option} 的日期“{text}”无法识别，请写成 YYYY-MM-DD，例如 2026-01-31。") from None


def _save(data: bytes, output: str, message: str) -> int:
    """Write the file; a folder that is missing or read-only is a clear error, not a traceback."""
    path = Path(output).expanduser().resolve()
    try:
        path.write_bytes(data)
    except OSError as e:
        reasons = {errno.ENOENT: "文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
                   errno.EISDIR: "这是一个文件夹", errno.EROFS: "磁盘只读", errno.ENOSPC: "磁盘空间不足"}
        reason = reasons.get(e.errno or 0, e.strerror or str(e))
        print(f"错误：无法写入 {path}（{reason}）。", file=sys.stderr)
        return 1
    _out(f"{message}{path}")
    return 0


def _report(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.cli_report import run_report

    return run_report(db, args)


_COMMANDS = {
    "seed-demo": _seed_demo, "backup": _backup, "upgrade": _upgrade, "print": _print, "export": _export,
    "report": _report,
}  # fmt: skip
