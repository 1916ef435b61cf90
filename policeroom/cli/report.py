"""``policeroom report weekly|monthly|disputes-monthly``: summaries and the dispute statistics table as PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from policeroom.errors import ValidationError

REPORT_KINDS = ("weekly", "monthly", "disputes-monthly")


def add_report_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    report = sub.add_parser(
        "report", help="生成工作小结或统计表PDF，例如：report weekly --week 2026-W47 -o 周工作小结.pdf"
    )
    report.add_argument(
        "kind", choices=REPORT_KINDS,
        help="weekly 周工作小结；monthly 月度小结（或用 --from/--to 指定任意区间）；"
        "disputes-monthly 矛盾纠纷排查调处情况统计表",
    )  # fmt: skip
    report.add_argument("--week", metavar="YYYY-Www", help="周次（ISO周，周一至周日），例如 2026-W47；默认：本周")
    report.add_argument("--month", metavar="YYYY-MM", help="月份，例如 2026-11；默认：本月")
    report.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="任意区间的起始日期")
    report.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="任意区间的结束日期（含当天）")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="保存到的PDF文件")


def period_from_args(args: argparse.Namespace, today: date):  # noqa: ANN201 - Period
    """The period the options name; ValidationError (Chinese) for a bad week, month or date."""
    from policeroom.services.summary.types import (
        month_period,
        parse_month,
        parse_week,
        range_period,
        week_period,
    )

    if args.date_from or args.date_to:
        if args.week or args.month:
            raise ValidationError("period", "--from/--to 不能与 --week 或 --month 同时使用。")
        if not (args.date_from and args.date_to):
            raise ValidationError("period", "任意区间需要同时给出 --from 和 --to。")
        return range_period(_date(args.date_from, "--from"), _date(args.date_to, "--to"))
    if args.kind == "weekly":
        if args.month:
            raise ValidationError("period", "周工作小结请用 --week 指定周次，例如 --week 2026-W47。")
        return parse_week(args.week) if args.week else week_period(today)
    if args.week:
        raise ValidationError("period", "按月统计请用 --month 指定月份，例如 --month 2026-11。")
    return parse_month(args.month) if args.month else month_period(today.year, today.month)


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError("date", f"{option} 的日期“{text}”无法识别，请写成 YYYY-MM-DD，例如 2026-11-16。") from None


def run_report(db, args: argparse.Namespace) -> int:  # noqa: ANN001 - Database
    from policeroom.cli import _save
    from policeroom.services.registry import Services

    now = datetime.now()
    try:
        period = period_from_args(args, now.date())
    except ValidationError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return 1
    services = Services(db.sessions)
    if args.kind == "disputes-monthly":
        from policeroom.reports.summary.disputes_monthly import TITLE, dispute_table_pdf

        table = services.summary.dispute_table(period, now)
        return _save(dispute_table_pdf(table, printed_at=now), args.output, f"已保存{period.name}的{TITLE}：")
    from policeroom.reports.summary.pdf import summary_pdf, summary_title

    data = services.summary.summary(period, now)
    return _save(summary_pdf(data, printed_at=now), args.output, f"已保存《{summary_title(data)}》：")
