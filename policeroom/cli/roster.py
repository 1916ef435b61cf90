"""``roster generate 2027-01`` (or ``2027-W02``): 一键排班 from the command line, for scripts and checks.

Generates and saves exactly like the button (days before today and days with a check-in are kept), then
prints the summary: broken rules, unmet requirements with their reasons, spreads, days off per person.
"""

from __future__ import annotations

import argparse

from policeroom.cli.common import out


def add_roster_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    roster = sub.add_parser("roster", help="值班排班，例如：roster generate 2027-01（一键排班并打印排班结果）")
    actions = roster.add_subparsers(dest="roster_action", metavar="操作", required=True)
    gen = actions.add_parser("generate", help="一键排班并保存（与界面上的“一键排班”相同），打印违规、缺额、公平性和休息天数")
    gen.add_argument("period", metavar="周次或月份", help="周次（ISO周）如 2027-W02，或月份如 2027-01")
    gen.add_argument("--time-limit", type=float, default=1.6, metavar="秒", help="求解时间上限（秒，默认1.6）")


def run_roster(db, args: argparse.Namespace) -> int:  # noqa: ANN001 - Database
    from policeroom.cli.printing import _roster_period
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    start, end, _title = _roster_period(args.period)
    plan = services.roster.plan(start, end)
    result = services.roster.generate(start, end, time_limit=args.time_limit)
    view = services.roster.view(start, end)
    for line in summary_lines(view, result, plan):
        out(line)
    return 0


def summary_lines(view, result, plan) -> list[str]:  # noqa: ANN001 - RosterView, GenerateResult, GeneratePlan
    """The summary of a generated period, in Chinese, one finding a line."""
    from policeroom.services.roster.fairness import days_off, days_off_spreads
    from policeroom.services.roster.rules import station_days
    from policeroom.services.roster.types import md

    p = view.problem
    broken = [v for v in view.violations if not v.is_requirement and not v.is_soft]
    unmet = [v for v in view.violations if v.is_requirement]
    owed = [v for v in view.violations if v.is_soft]
    lines = [f"已排好 {md(p.start)}至{md(p.end)}，用时{result.seconds:.1f}秒（{result.status}）。"]
    if plan.text:
        lines += plan.text.splitlines()
    lines.append(f"违反规则：{len(broken)} 处")
    lines += [f"  {v.message}" for v in broken]
    lines.append(f"未满足要求：{len(unmet)} 项")
    lines += [f"  {v.message}" for v in unmet]
    lines.append(f"欠补休：{len(owed)} 周次")
    lines += [f"  {v.message}" for v in owed]
    covers = station_days(p, view.cells)
    if covers:
        lines.append(f"所值班（民警休息日由派出所值班民警备勤）：{len(covers)} 天")
    lines.append("公平性（最少—最多）：")
    lines += [f"  {s.text}" for s in result.spreads]
    lines += [f"  {s.text}" for s in days_off_spreads(p, view.cells)]
    rest = days_off(p, view.cells)
    lines.append("每人休息天数（整天无班无备勤）：")
    lines.append("  " + "、".join(f"{m.name}{rest[m.id]}天" for m in p.members))
    return lines
