"""``print FORM NUMBER -o FILE.pdf``: one document as a PDF (求助登记表, 值班表, 值班日志, 调解文书)."""

from __future__ import annotations

import argparse
from datetime import date

from policeroom.cli.common import save
from policeroom.errors import DomainError
from policeroom.services.core.dates import chinese_date, date_span


def print_form(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.requests.form import request_form_pdf
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    if args.form != "work-log" and not (args.number or "").strip():
        from policeroom.cli.common import fail

        return fail(f"请写明要打印的编号，例如：print {args.form} " + {
            "request": "QZ2026-000123", "roster": "2026-W48", "duty-sheet": "2026-11-22"}.get(args.form, "（2026）安华人调字第1号")
            + " -o 文件.pdf")  # fmt: skip
    if args.form == "roster":
        code = _print_roster(services, args)
    elif args.form in ("passbook", "voucher"):
        from policeroom.cli.activities import print_paper

        code = print_paper(services, args)
    elif args.form == "duty-sheet":
        code = _print_duty_sheet(services, args)
    elif args.form == "drill":
        code = _print_drill(services, args)
    elif args.form == "work-log":
        code = _print_work_log(services, args)
    elif args.form != "request":
        code = _print_mediation(services, args)
    else:
        detail = services.requests.get_by_number(args.number)  # NotFound: 没有编号为 … 的求助记录
        code = save(request_form_pdf(detail, services.settings.get()), args.output, f"已保存 {detail.number} 的登记表：")
    if code == 0:  # documents with personal data: who printed which one is in the history
        services.record_output("print", f"{args.form} {args.number}（命令行保存PDF）")
    return code


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
    return save(data, args.output, f"已保存 {date_span(start, end)}的{title}：")


def _print_drill(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.errors import ValidationError
    from policeroom.reports.forces.drill import drill_pdf

    try:
        day = date.fromisoformat((args.date or "").strip())
    except ValueError:
        raise ValidationError("date", "请在应急单元名称后写拉动测试的日期，例如：print drill 安华市场应急单元 2026-11-18 -o 记录.pdf") from None
    detail = services.emergency.drill(services.emergency.drill_on(args.number, day))
    return save(drill_pdf(detail, services.settings.get()), args.output, f"已保存{detail.unit}{chinese_date(day)}的拉动测试记录：")
def _print_work_log(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    """``print work-log --member 王建军 --week 2026-W48 -o 日志.pdf``: one person's 警务工作日志 of one week."""
    from policeroom.errors import ValidationError
    from policeroom.reports.fieldwork.worklog import work_log_pdf
    from policeroom.services.core import clock
    from policeroom.services.summary.types import parse_week, week_period

    if not (args.member or "").strip():
        raise ValidationError("member", "请用 --member 写明团队成员的姓名，例如 --member 王建军。")
    period = parse_week(args.week) if args.week else week_period(clock.today())
    member_id = services.work_log.member_by_name(args.member)  # NotFound: 团队中没有名为 … 的成员
    week = services.work_log.week(member_id, period.start)
    args.number = f"{week.member} {period.key}"
    return save(work_log_pdf(week, services.settings.get()), args.output,
                f"已保存 {week.member} {period.name}的警务工作日志：")  # fmt: skip


def _print_duty_sheet(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.errors import ValidationError
    from policeroom.reports.roster.pdf import duty_sheet_pdf

    try:
        day = date.fromisoformat(args.number.strip())
    except ValueError:
        raise ValidationError("day", f"日期“{args.number}”无法识别，请写成 2026-11-22。") from None
    on_duty, handovers = services.duty.sheet(day)
    data = duty_sheet_pdf(day, on_duty, handovers, services.settings.get())
    return save(data, args.output, f"已保存 {chinese_date(day)}的值班日志：")


def _print_mediation(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.reports.mediation import render
    from policeroom.services.mediation.docs import blank_paper, form_refusal
    from policeroom.services.mediation.forms import form_title

    blank = bool(getattr(args, "blank", False))
    case_id = services.cases.id_by_number(args.number)  # NotFound: 没有编号为 … 的调解案件
    doc = services.cases.doc(case_id)
    refusal = form_refusal(args.form, doc, blank=blank)
    if refusal:
        raise DomainError(refusal)
    data = render(args.form, blank_paper(doc, args.form) if blank else doc)
    what = f"空白{form_title(args.form, doc.kind)}" if blank else form_title(args.form, doc.kind)
    return save(data, args.output, f"已保存 {doc.number} 的{what}：")
