"""Time the mediation documents: Song font load, one agreement, a 12-document case file.

Targets (issue 4): an agreement within 200 ms once the font is loaded, a 12-document case file
within 3 s. Run from the repository root::

    python benchmarks/mediation_docs.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from policeroom.services.mediation.docs import CaseDoc, PartyDoc, PerformanceDoc, RecordDoc, VisitDoc  # noqa: E402

AGREEMENT_TARGET_MS = 200
CASEFILE_TARGET_MS = 3000


def sample_case() -> CaseDoc:
    """A realistic case whose file holds 12 documents (and a 30-line session record)."""
    zhang = PartyDoc(role="applicant", role_label="申请人", name="张三", gender="男", ethnicity="汉族",
                     birth_date=date(1971, 12, 1), occupation="退休职工", phone="13800138000",
                     address="安华里小区3号楼2单元501室", id_number="110105197112010015")
    li = PartyDoc(role="respondent", role_label="被申请人", name="李四", gender="女", ethnicity="回族",
                  birth_date=date(1985, 3, 9), occupation="个体经营", phone="13900139000",
                  address="安华里小区3号楼2单元601室", id_number="11010519850309002X")
    facts = "2026年11月上旬起，李四家卫生间漏水，渗入楼下张三家卫生间和客厅顶棚，造成墙皮脱落、吊顶受潮变形。" * 3
    investigation = RecordDoc(kind="investigation", at=datetime(2026, 11, 20, 15, 0), place="3号楼601室",
                              interviewee="李四", investigator="王调解", recorder="孙记录",
                              content="601室卫生间地面防水层老化开裂，淋浴时有水沿管道渗到楼下。" * 4)
    session = RecordDoc(kind="session", at=datetime(2026, 11, 22, 9, 30), place="警务室调解室", subject="漏水赔偿",
                        parties_present="张三、李四", participants="楼长周大妈", recorder="孙记录",
                        content="调解员向双方说明相邻关系的法律规定，双方各自陈述意见。" * 30, result="双方自愿达成协议。")
    return CaseDoc(
        number="（2026）安华人调字第15号", kind="people", committee_name="安华里社区人民调解委员会",
        station="和平里派出所", room_name="安华里社区警务室", title="张三与李四邻里纠纷", source="application",
        source_label="当事人申请", dispute_type="邻里纠纷", accepted_on=date(2026, 11, 20), facts=facts,
        issues="漏水原因及维修、赔偿责任。", claims="修复防水层\n赔偿维修费用", parties=(zhang, li),
        mediators=("王调解", "赵警官"), recorder="孙记录", registrar="孙记录",
        records=(investigation, replace(investigation, interviewee="张三"), session,
                 replace(session, at=datetime(2026, 11, 25, 9, 30))),
        agreement_kind="written", agreed_on=date(2026, 11, 25),
        terms=tuple(f"第{i}项：李四于2026年12月{i}日前完成相应维修并通知张三验收。" for i in range(1, 9)),
        performance_method="微信转账。", performance_deadline=date(2026, 12, 5),
        performances=(PerformanceDoc(on=date(2026, 12, 3), content="支付赔偿款2800元", proof="收条一张"),),
        visits=(VisitDoc(visited_on=date(2026, 12, 10), visitor="王调解", method="上门走访",
                         performance="已履行完毕", satisfaction="满意"),),
        confirmation_applied_on=date(2026, 11, 28), confirmation_court="某区人民法院",
        archived_on=date(2026, 12, 15), filed_by="孙记录", file_remarks="收条原件一张附卷。",
    )


def timed(fn, runs: int) -> tuple[float, object]:  # noqa: ANN001
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from policeroom.reports.core.fonts import register_song_font
    from policeroom.reports.mediation import render
    import_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    register_song_font()
    font_ms = (time.perf_counter() - start) * 1000

    case = sample_case()
    start = time.perf_counter()
    render("agreement", case)  # first render: reportlab's lazy tables, our modules
    first_ms = (time.perf_counter() - start) * 1000
    agreement_ms, _ = timed(lambda: render("agreement", case), args.runs)
    casefile_ms, data = timed(lambda: render("casefile", case), max(3, args.runs // 3))

    from pypdf import PdfReader

    from policeroom.reports.mediation.casefile import casefile_docs
    from policeroom.reports.mediation.layout import Ctx, make_styles

    docs = casefile_docs(Ctx(case, case.archived_on, make_styles(register_song_font())))
    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"import reportlab + reports.mediation: {import_ms:7.1f} ms")
    print(f"Song font load (register_song_font):  {font_ms:7.1f} ms")
    print(f"agreement, first render:              {first_ms:7.1f} ms")
    print(f"agreement, median of {args.runs:<3}             {agreement_ms:7.1f} ms  (target <= {AGREEMENT_TARGET_MS} ms)")
    print(f"case file, {len(docs)} documents, {pages} pages:  {casefile_ms:7.1f} ms  (target <= {CASEFILE_TARGET_MS} ms,"
          f" {len(data) / 1024:.0f} KiB)")
    ok = agreement_ms <= AGREEMENT_TARGET_MS and casefile_ms <= CASEFILE_TARGET_MS
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
