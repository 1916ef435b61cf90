"""``policeroom report weekly|monthly|disputes-monthly``: summaries and the dispute statistics table as PDF."""

from __future__ import annotations

import argparse
from datetime import date

from policeroom.cli.common import fail, save
from policeroom.errors import ValidationError
from policeroom.services.core import clock


def period_from_args(args: argparse.Namespace, today: date):  # noqa: ANN201 - Period
    """The period the options name; ValidationError (Chinese) for a bad week, month or date, or for a
    period that has not started yet (there is nothing to report on)."""
    period = _named_period(args, today)
    if period.start > today:
        from policeroom.services.core.dates import chinese_date

        raise ValidationError("period", f"{period.name}自{chinese_date(period.start)}开始，尚未开始"
                                        f"（今天是{chinese_date(today)}），还不能生成它的报表。")
    return period


def _named_period(args: argparse.Namespace, today: date):  # noqa: ANN202 - Period
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
    from policeroom.services.registry import Services

    if args.kind == "assessment":
        from policeroom.cli.gridwork import report_assessment

        return report_assessment(db, args)
    now = clock.now()
    try:
        period = period_from_args(args, now.date())
    except ValidationError as e:
        return fail(f"{e.message}")
    services = Services(db.sessions, args.actor)
    if args.kind == "disputes-monthly":
        from policeroom.reports.summary.disputes_monthly import TITLE, dispute_table_pdf

        table = services.summary.dispute_table(period, now)
        return save(dispute_table_pdf(table, printed_at=now), args.output, f"已保存{period.name}的{TITLE}：")
    from policeroom.reports.summary.pdf import summary_pdf, summary_title

    data = services.summary.summary(period, now)
    return save(summary_pdf(data, printed_at=now), args.output, f"已保存《{summary_title(data)}》：")
