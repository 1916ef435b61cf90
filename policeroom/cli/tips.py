"""线索举报 on the command line: ``export tips``, ``print tip-receipt|tip-transfer|tip-reward|tip-lapse``,
``report rewards --month``. No output of any of them carries the tipster."""

from __future__ import annotations

import argparse
from datetime import date

from policeroom.cli.common import fail, save
from policeroom.services.core import clock

PRINT_FORMS = {
    "tip-receipt": ("receipt", "举报受理回执（补打，不显示查询码）"),
    "tip-transfer": ("transfer", "线索移交函"),
    "tip-reward": ("reward", "领奖回执"),
    "tip-lapse": ("lapse", "举报奖励逾期视为放弃通知"),
}


def export_tips(db, args: argparse.Namespace) -> int:  # noqa: ANN001 - Database
    from policeroom.reports.tips.ledger import TITLE, tips_xlsx
    from policeroom.services.registry import Services
    from policeroom.services.tips.types import TipFilter

    services = Services(db.sessions, args.actor)
    services.tips.settle_lapses()
    f = TipFilter(date_from=_day(args.date_from), date_to=_day(args.date_to))
    rows = services.tips.rows(f)
    data = tips_xlsx(rows, services.settings.get().room_name, clock.today())
    code = save(data, args.output, f"已导出线索 {len(rows)} 条（不含举报人信息）：")
    if code == 0:
        services.exports.record(TITLE, _span(args), len(rows), False, personal=False)
    return code


def print_tip(db, args: argparse.Namespace) -> int:  # noqa: ANN001 - Database
    from policeroom.reports.tips import papers
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    services.tips.settle_lapses()
    form, title = PRINT_FORMS[args.form]
    tip_id = services.tips.id_by_number(args.number)  # NotFound: 没有编号为 … 的线索
    paper = services.tips.paper(tip_id, form)
    render = {"receipt": papers.receipt_pdf, "transfer": papers.transfer_letter_pdf,
              "reward": papers.reward_receipt_pdf, "lapse": papers.lapse_notice_pdf}[form]  # fmt: skip
    code = save(render(paper), args.output, f"已保存 {paper.number} 的{title}：")
    if code == 0:
        services.record_output("print", f"{title} {paper.number}（命令行保存PDF）")
    return code


def report_rewards(db, args: argparse.Namespace) -> int:  # noqa: ANN001 - Database
    from policeroom.reports.tips.ledger import REGISTER_TITLE, reward_register_pdf
    from policeroom.services.registry import Services

    today = clock.today()
    if args.week or args.date_from or args.date_to:
        return fail("奖励发放登记表按月生成，请用 --month 指定月份，例如 --month 2026-11。")
    try:
        y, m = (args.month or f"{today:%Y-%m}").strip().split("-")
        month = date(int(y), int(m), 1)
    except ValueError:
        return fail(f"月份“{args.month}”无法识别，请写成 2026-11。")
    services = Services(db.sessions, args.actor)
    services.tips.settle_lapses()
    lines = services.tips.reward_lines(month)
    data = reward_register_pdf(lines, services.settings.get().room_name, month, clock.now())
    code = save(data, args.output, f"已保存{month.year}年{month.month}月的{REGISTER_TITLE}（{len(lines)}笔）：")
    if code == 0:
        services.record_output("print", f"{REGISTER_TITLE} {month:%Y-%m}（命令行保存PDF）")
    return code


def _day(text: str | None) -> date | None:
    from policeroom.cli.common import parse_date

    return parse_date(text, "--from/--to")


def _span(args: argparse.Namespace) -> str:
    return f"{args.date_from or '最早'} 至 {args.date_to or '最新'}"
