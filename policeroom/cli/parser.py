"""The command line's arguments (命令行参数): kept light, it loads before the first window."""

from __future__ import annotations

import argparse

from policeroom import APP_TITLE, __version__
from policeroom.cli.argparse_zh import ChineseArgumentParser
from policeroom.cli.import_ import add_import_parser
from policeroom.services.mediation.forms import FORMS as MEDIATION_FORMS

TIP_FORMS = ("tip-receipt", "tip-transfer", "tip-reward", "tip-lapse")

REPORT_KINDS = ("weekly", "monthly", "disputes-monthly", "rewards", "assessment")


def add_report_parser(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    report = sub.add_parser(
        "report", help="生成工作小结或统计表PDF，例如：report weekly --week 2026-W47 -o 周工作小结.pdf"
    )
    report.add_argument(
        "kind", choices=REPORT_KINDS,
        help="weekly 周工作小结；monthly 月度小结（或用 --from/--to 指定任意区间）；"
        "disputes-monthly 矛盾纠纷排查调处情况统计表；rewards 举报奖励发放登记表（--month，不含姓名）；assessment 网格员考核表（--month）",
    )  # fmt: skip
    report.add_argument("--week", metavar="YYYY-Www", help="周次（ISO周，周一至周日），例如 2026-W47；默认：本周")
    report.add_argument("--month", metavar="YYYY-MM", help="月份，例如 2026-11；默认：本月")
    report.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="任意区间的起始日期")
    report.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="任意区间的结束日期（含当天）")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="保存到的PDF文件")



def build_parser() -> argparse.ArgumentParser:
    p = ChineseArgumentParser(
        prog="policeroom",
        description=f"{APP_TITLE}：群众求助、矛盾纠纷、值班排班、人员与网格。不带子命令时打开窗口。",
    )
    p.add_argument("--db", metavar="PATH或URL", help="数据库文件路径或数据库URL（默认：用户数据目录中的 policeroom.db；"
                   "也可用环境变量 POLICEROOM_DATABASE_URL）")
    p.add_argument("--user", metavar="用户名", help="以此账户登录后执行子命令（也可用环境变量 POLICEROOM_USER；密码在终端输入，或用环境变量 "
                   "POLICEROOM_PASSWORD）；按此人的权限执行并记入修改记录。seed-demo 和尚未设置账户的数据库不需要")
    p.add_argument("--demo", action="store_true", help="在一个临时的演示数据库上打开（不影响正式数据）")
    p.add_argument("--version", action="version", version=f"policeroom {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="子命令")
    seed = sub.add_parser("seed-demo", help="向空数据库填入演示社区（团队、网格、居民）")
    seed.add_argument("--residents", type=int, default=360, help="居民人数（默认360）")
    seed.add_argument("--seed", type=int, default=20261122, help="随机种子")
    seed.add_argument("--requests-per-year", type=int, default=600, help="每年的群众求助件数（默认600，共两年）")
    backup = sub.add_parser("backup", help="把数据库复制一份带时间戳的备份")
    backup.add_argument("-o", "--output-dir", help="备份目录（默认：数据库旁的 backups 文件夹）")
    restore = sub.add_parser("restore", help="用一份备份替换数据库文件（先检查备份；原文件另存为 名称.before-restore-时间.db）")
    restore.add_argument("backup", metavar="BACKUP", help="备份文件，例如 backups/policeroom-20261122-080000-000000-daily.db")
    restore.add_argument("--recovery-key", metavar="恢复密钥",
                         help="加密的备份：用恢复密钥打开（不用 --user 和密码），例如 ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2")
    sub.add_parser("upgrade", help="把数据库升级到当前版本（先自动备份）")
    verify = sub.add_parser("verify", help="核验：修改记录链是否完整（记录被改动、删除或调换）、数据库文件是否完好；完好时退出码0，否则1")
    verify.add_argument("--recovery-key", metavar="恢复密钥", help="加密的数据库：用恢复密钥打开（不用 --user 和密码）")
    sub.add_parser("self-check", help="自检：程序文件是否齐全（字体、数据库迁移、排班求解器、PDF、界面），不打开数据库")
    print_ = sub.add_parser("print", help="把一份单据保存为PDF，例如：print request QZ2026-000123 -o 登记表.pdf")
    print_.add_argument(
        "form", choices=["request", "roster", "duty-sheet", "drill", "work-log", *MEDIATION_FORMS, *TIP_FORMS, "passbook",
                         "voucher"],
        help="单据：request = 群众求助登记表；roster = 值班表（编号写周次 2026-W48 或月份 2026-11）；"
        "work-log = 警务工作日志（用 --member 姓名 --week 2026-W48，不写编号）；"
        "duty-sheet = 当天值班日志和交接班记录（编号写日期 2026-11-22）；drill = 拉动测试记录（写应急单元名称和日期：drill 安华市场应急单元 2026-11-18）；application 申请书、intake 受理登记表、investigation 调查记录、"
        "session 调解记录、agreement 协议书、oral-agreement 口头协议登记表、revisit 回访记录、"
        "public-order-agreement 治安调解协议书、casefile 卷宗；tip-receipt 举报受理回执（补打）、tip-transfer 线索移交函、"
        "tip-reward 领奖回执、tip-lapse 奖励逾期视为放弃通知；passbook 志愿服务积分存折（编号写志愿者编号）、"
        "voucher 积分兑换券（编号写券号 DH2026-000001）",
    )
    print_.add_argument("number", nargs="?", default="", help="编号，例如 QZ2026-000123 或 （2026）安华人调字第1号")
    print_.add_argument("date", nargs="?", metavar="DATE", help="drill：拉动测试的日期，例如 2026-11-18")
    print_.add_argument("--member", metavar="姓名", help="work-log：团队成员的姓名")
    print_.add_argument("--week", metavar="YYYY-Www", help="work-log：周次（ISO周，周一至周日），例如 2026-W48；默认：本周")
    print_.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="保存到的PDF文件")
    print_.add_argument("--blank", action="store_true",
                        help="调解文书：打印空白表格（只有编号和当事人），供手工填写；案件尚无协议、回访或记录时需要它")
    export = sub.add_parser("export", help="把台账导出为Excel，例如：export requests --from 2026-01-01 -o 台账.xlsx")
    export.add_argument(
        "what", choices=["requests", "disputes", "mediations", "roster", "grid-events", "visits", "residents", "team", "grids",
                         "volunteers", "tips", "points", "activities"],
        help="台账：roster 值班表、requests 群众求助登记台账、disputes 矛盾纠纷排查台账、mediations 人民调解案件台账；grid-events 网格事件台账；"
        "visits 入户走访记录台账；名单：residents 居民、team 团队成员、grids 网格、volunteers 平安志愿者；"
        "tips 线索举报台账（不含任何举报人信息）；points 志愿服务积分台账、activities 志愿服务活动台账",
    )
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="起始日期（默认：今年1月1日；值班表默认本月）")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="结束日期（含当天；默认：今年12月31日；值班表默认本月底）")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="保存到的xlsx文件")
    export.add_argument("--full", action="store_true", help="导出完整身份证号和电话（默认隐藏中间几位；记入修改记录）")
    add_report_parser(sub)
    from policeroom.cli.roster import add_roster_parser

    add_roster_parser(sub)
    add_import_parser(sub)
    from policeroom.cli.activities import add_certificate_parser

    add_certificate_parser(sub)
    return p
