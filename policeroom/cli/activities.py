"""Commands of activities, hours and points: ``export points|activities``, ``certificate issue``,
``print passbook|voucher`` (志愿服务积分存折, 积分兑换券)."""

from __future__ import annotations

import argparse

from policeroom.cli.common import save
from policeroom.services.core import clock
from policeroom.services.core.dates import chinese_date
from policeroom.services.core.exports import CLI_ACTOR


def add_certificate_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    cert = sub.add_parser("certificate", help="志愿服务记录证明，例如：certificate issue ZY2026-0001 -o 证明.pdf")
    cert.add_argument("action", choices=["issue"], help="issue 出具一份新的编号证明（记入出具登记簿）并保存为PDF")
    cert.add_argument("volunteer", metavar="志愿者编号", help="例如 ZY2026-0001")
    cert.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="保存到的PDF文件")
    cert.add_argument("--full-id", action="store_true", help="证件号码完整显示（志愿者本人要求时；默认隐藏中间几位）")


def certificate_cmd(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.activities.papers import certificate_pdf
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    v = services.points.volunteer_by_number(args.volunteer)
    cert = services.certificates.issue(v.id, full_id=bool(args.full_id))
    code = save(certificate_pdf(cert), args.output, f"已出具 {cert.number}（{v.name}，{cert.minutes / 60:.1f} 小时）：")
    if code == 0:
        services.record_output("print", f"志愿服务记录证明 {cert.number}（命令行保存PDF）")
    return code


def print_paper(services, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from policeroom.reports.activities.papers import passbook_pdf, voucher_pdf

    if args.form == "passbook":
        v = services.points.volunteer_by_number(args.number)
        return save(passbook_pdf(services.certificates.passbook(v.id)), args.output, f"已保存 {v.number} 的积分存折：")
    r = services.rewards.by_number(args.number)
    return save(voucher_pdf(r, services.settings.get().room_name), args.output, f"已保存兑换券 {r.number}：")


def export_cmd(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.reports.activities.ledger import activities_xlsx, points_xlsx
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    room = services.settings.get().room_name
    made = chinese_date(clock.today())
    if args.what == "points":
        rows = services.points.lines()
        data, what = points_xlsx(rows, f"{room}志愿服务积分台账（{made}导出）"), "积分台账"
    else:
        rows = services.activities.rows()
        data, what = activities_xlsx(rows, f"{room}志愿服务活动台账（{made}导出）"), "志愿服务活动台账"
    code = save(data, args.output, f"已导出{what} {len(rows)} 条：")
    if code == 0:
        services.exports.record(what, "全部", len(rows), False, personal=False)
    return code


def verify_ledgers(db, actor=CLI_ACTOR) -> bool:  # noqa: ANN001 - Database, Actor
    """余额 = 明细之和 for each volunteer's hours and points (as the signed-in ``actor``); prints the result."""
    from policeroom.services.registry import Services

    problems = Services(db.sessions, actor).points.check()
    if not problems:
        print("志愿服务时长和积分台账：余额与明细之和一致")
        return True
    print(f"志愿服务时长和积分台账：发现 {len(problems)} 处不一致")
    for p in problems[:20]:
        print(f"  {p.ledger} 志愿者#{p.volunteer_id}：{p.message}")
    return False
