"""``export visits`` and ``print work-log`` from the command line on the demo; the printed 警务工作日志 checked
with pypdf (a hand-built week), its font embedded; the demo's field work (every kind, missed points, overdue)."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from policeroom.__main__ import main
from policeroom.reports.fieldwork.worklog import work_log_pdf
from policeroom.services.fieldwork.types import TalkInput, VisitInput
from policeroom.services.fieldwork.worklog import EntryInput
from tests.fieldwork.helpers import community, household, patrol
from tests.reports.test_embedded_fonts import unembedded_fonts

TODAY = datetime(2026, 11, 27, 18, 0)


@pytest.fixture(autouse=True)
def _logs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("POLICEROOM_LOG_DIR", str(tmp_path.parent / f"{tmp_path.name}-logs"))
    monkeypatch.delenv("POLICEROOM_DATABASE_URL", raising=False)


@pytest.mark.today(TODAY)
def test_the_printed_work_log_of_a_week(officer) -> None:  # noqa: ANN001
    ids = community(officer)
    me = ids["officer"]
    hid = household(officer, ids, "301", "空巢老人")
    officer.households.create_visit(VisitInput(hid, date(2026, 11, 23), me, time(9, 0), time(10, 0),
                                               purpose="看望独居老人", action="留下联系卡"))  # fmt: skip
    patrol(officer, ids, date(2026, 11, 24), [time(19, 5), None, time(19, 30), time(19, 40)])
    officer.talks.create(TalkInput(date(2026, 11, 25), "社区广场", "反诈", ids["g1"], time(15, 0), time(16, 0),
                                   "老年居民", 60, 120, [me]))  # fmt: skip
    officer.work_log.add(EntryInput(me, date(2026, 11, 26), "警务宣传", "张贴警情公示", kind="notice"))
    week = officer.work_log.week(me, date(2026, 11, 27))
    data = work_log_pdf(week, officer.settings.get())
    reader = PdfReader(io.BytesIO(data))
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    for needle in ("安华里社区警务室", "警务工作日志（2026年第48周）", "社区民警：王建军", "11月23日", "星期一",
                   "入户走访3号楼-2单元-301（空巢老人）：看望独居老人", "留下联系卡", "漏巡：第2点菜市场",
                   "反诈宣传：对象老年居民，60人，发放资料120份", "警情公示", "手工填写", "（无记录）",
                   "本周共记录4项工作，记录时段合计4小时", "审阅人："):  # fmt: skip
        assert needle in text, needle
    path = Path(officer.ctx.sessions.kw["bind"].url.database).parent / "log.pdf"
    path.write_bytes(data)
    assert unembedded_fonts(path) == []


@pytest.mark.today(TODAY)
@pytest.mark.usefixtures("cli_as_demo_officer")  # the commands sign in
def test_cli_export_visits_and_print_work_log(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "a.db")
    assert main(["--db", db, "seed-demo", "--residents", "60", "--requests-per-year", "10"]) == 0
    capsys.readouterr()
    out = tmp_path / "走访.xlsx"
    assert main(["--db", db, "export", "visits", "--from", "2026-09-01", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "的入户走访记录" in said
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0].startswith("安华里社区警务室入户走访记录台账（2026年9月1日至2026年12月31日）")
    assert rows[1][:4] == ("走访日期", "网格", "地址", "户类")
    kinds = {r[3] for r in rows[2:]}
    assert {"普通", "困难家庭", "流动人员", "空巢老人", "社区矫正对象", "出租屋"} <= kinds
    assert int(said.split("记录 ")[1].split(" 条")[0]) == len(rows) - 2
    pdf = tmp_path / "日志.pdf"
    assert main(["--db", db, "print", "work-log", "--member", "王建军", "--week", "2026-W47", "-o", str(pdf)]) == 0
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "")
    assert "警务工作日志（2026年第47周）" in text and "警情公示" in text and "入户走访" in text
    assert main(["--db", db, "print", "work-log", "--member", "没有这人", "-o", str(pdf)]) == 1
    assert "团队中没有名为“没有这人”的成员" in capsys.readouterr().err
    assert main(["--db", db, "print", "work-log", "--week", "2026-W47", "-o", str(pdf)]) == 1
    assert "--member" in capsys.readouterr().err


@pytest.mark.today(TODAY)
def test_demo_field_work(services) -> None:  # noqa: ANN001
    from policeroom.services.demo.seed import seed_demo

    seed_demo(services.ctx, residents=80, requests_per_year=20, mediation=False)
    rows = services.patrols.list()
    assert len(rows) > 50
    assert any(r.reading.missed for r in rows) and any(r.reading.out_of_order for r in rows)
    assert any(r.reading.problems for r in rows)
    households = services.households.list()
    assert {h.kind for h in households} == {"普通", "困难家庭", "流动人员", "空巢老人", "社区矫正对象", "出租屋"}
    assert services.households.due_counts().overdue > 0
    assert len(services.talks.list()) > 10
    plans = services.patrols.planned(date(2026, 9, 1), date(2026, 11, 26))
    assert any(not p.recorded for p in plans) and sum(p.recorded for p in plans) > len(plans) / 2
    officer = services.work_log.officer_id()
    week = services.work_log.week(officer, date(2026, 11, 20))
    assert {i.source for i in week.items} >= {"household_visit", "patrol_record"}


def test_print_without_a_number_says_which(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "a.db")
    assert main(["--db", db, "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "print", "request", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "请写明要打印的编号，例如：print request QZ2026-000123 -o 文件.pdf" in capsys.readouterr().err
