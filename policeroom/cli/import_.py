"""``import residents|disputes FILE.xlsx [--commit]``: check a ledger kept in Excel, and import it.

Without ``--commit`` nothing is written: the command prints what the import would do (rows read,
accepted, new, updated with the fields, unchanged, merged, skipped) and every bad row as
``第N行 [列名] 原因``, and exits 1 when there are bad rows. With ``--commit`` the good rows are
written in one transaction. The command line has no sign-in yet: it writes as 命令行.
"""

from __future__ import annotations

import argparse
from typing import Any

from policeroom.cli.common import fail, out


def add_import_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser(
        "import", help="检查并导入Excel台账，例如：import residents 居民台账.xlsx --create-grids --commit"
    )
    p.add_argument("what", choices=["residents", "disputes"], help="residents 居民台账；disputes 矛盾纠纷排查台账")
    p.add_argument("file", metavar="FILE.xlsx", help="要导入的Excel文件")
    grids = p.add_mutually_exclusive_group()
    grids.add_argument("--create-grids", action="store_true", help="文件中系统没有的网格：新建")
    grids.add_argument("--grid-map", nargs="+", metavar="名称=编号", help="文件中系统没有的网格：对应到已有网格，如 第1网格=WG01")
    grids.add_argument("--no-grid", action="store_true", help="文件中系统没有的网格：不填网格导入")
    p.add_argument("--commit", action="store_true", help="写入数据库（不加此项只检查，不写入）")


def _grid_choice(services, args: argparse.Namespace):  # noqa: ANN001, ANN202
    from policeroom.services.people.ledger_io import GridChoice

    if args.create_grids:
        return GridChoice("create")
    if args.no_grid:
        return GridChoice("none")
    if args.grid_map:
        known = {}
        for g in services.grids.list(include_archived=True):
            known.update({g.code.upper(): g.id, g.name: g.id})
        mapping = {}
        for item in args.grid_map:
            name, sep, target = item.partition("=")
            if not sep or target.strip().upper() not in known and target.strip() not in known:
                raise ValueError(f"--grid-map {item}：应写成 文件中的网格=已有网格编号，如 第1网格=WG01")
            mapping[name.strip()] = known.get(target.strip().upper(), known.get(target.strip()))
        return GridChoice("map", mapping)
    return GridChoice("ask")


def _print_report(report: Any, sheet, headers_left: list[str], what: str) -> None:  # noqa: ANN001
    updates = [r for r in report.good if r.row in report.changes]
    new = len(report.good) - len(report.existing_rows)
    out(f"读取 {len(sheet.rows) + len(sheet.skipped)} 行（工作表“{sheet.name}”，表头在第 {sheet.header_row} 行）")
    if headers_left:
        out("这些列不会导入：" + "、".join(headers_left))
    existing = "已在台账中（跳过）" if what == "disputes" else "更新"
    out(f"可导入 {len(report.good)} 行：新增 {new}，{existing} {len(report.existing_rows) - len(report.unchanged_rows)}，"
        f"未变化 {len(report.unchanged_rows)}；文件内重复已合并 {len(report.merged)} 行")
    for r in updates:
        fields = "；".join(f"{label} {before} → {after}" for label, before, after in report.changes[r.row])
        out(f"  更新 第{r.row}行 {r.values.get('name', '')}：{fields}")
    out(f"跳过：汇总行 {len(report.skipped)} 行，空行 {report.blank} 行")
    for n, why in report.skipped:
        out(f"  第{n}行 {why}")
    if report.unknown.get("grid"):
        from policeroom.services.people.ledger_io import unknown_grids_text

        out(unknown_grids_text(report) + "（用 --create-grids 新建、--grid-map 对应到已有网格，或 --no-grid 不填网格）")
    out(f"有问题 {len(report.bad)} 行")
    for e in report.errors:
        out(f"  第{e.row}行 [{e.column}] {e.message}")


def run_import(db, args: argparse.Namespace) -> int:  # noqa: ANN001
    from policeroom.services.core.imports import ImportFileError, guess_mapping, unmapped_columns
    from policeroom.services.registry import Services

    services = Services(db.sessions, args.actor)
    ledger = services.resident_ledger if args.what == "residents" else services.dispute_ledger
    try:
        if args.what == "residents":
            ledger.grid_choice = _grid_choice(services, args)
        spec, sheet = ledger.read(args.file)
    except (ValueError, ImportFileError) as e:
        return fail(getattr(e, "message", None) or str(e))
    mapping = guess_mapping(spec, sheet.headers)
    report = ledger.check(spec, sheet, mapping)
    _print_report(report, sheet, unmapped_columns(sheet.headers, mapping), args.what)
    if not args.commit:
        out("未写入（检查模式）。确认无误后加 --commit 写入。")
        return 1 if report.bad else 0
    result = ledger.commit(report)
    parts = f"新增 {result.created} 条"
    if hasattr(result, "unchanged"):  # residents; a dispute already in the ledger is skipped
        parts += f"，更新 {result.updated} 条，未变化 {result.unchanged} 条"
    out(f"已写入：{parts}。")
    return 0
