"""The weekly summary PDF and the 统计表 PDF: every figure of the hand-built week, in the extracted text."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from policeroom.reports.summary.disputes_monthly import dispute_table_pdf
from policeroom.reports.summary.pdf import summary_pdf
from policeroom.services.registry import Services
from policeroom.services.summary.types import month_period, parse_week
from tests.services.summary.week_data import NOW, WEEK, ZS_ID, ZS_PHONE, build_week
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)

PRINTED = datetime(2026, 11, 20, 12, 0)
# label, this week, last week, 环比, a year ago, 同比 — counted by hand from tests/services/summary/week_data.py
ROWS = [
    ("接收求助（件）", "5", "2", "+150.0%", "1", "+400.0%"),
    ("办结（件）", "2", "1", "+100.0%", "1", "+100.0%"),
    ("转办（件）", "1", "0", "新增", "0", "新增"),
    ("按时办结率", "50.0%", "100.0%", "-50.0个百分点", "100.0%", "-50.0个百分点"),
    ("超期未办（件）", "2", "0", "新增", "0", "新增"),
    ("回访（件）", "2", "1", "+100.0%", "1", "+100.0%"),
    ("满意率", "50.0%", "100.0%", "-50.0个百分点", "100.0%", "-50.0个百分点"),
    ("排查纠纷（件）", "2", "1", "+100.0%", "0", "新增"),
    ("其中红色风险（件）", "1", "0", "新增", "0", "新增"),
    ("涉及人数（人）", "5", "6", "-16.7%", "0", "新增"),
    ("化解（件）", "1", "0", "新增", "0", "新增"),
    ("调处数（受理）（件）", "1", "1", "持平", "0", "新增"),
    ("调解成功数（件）", "1", "0", "新增", "0", "新增"),
    ("调解不成（件）", "1", "0", "新增", "0", "新增"),
    ("调解成功率", "50.0%", "—", "—", "—", "—"),
    ("调解会次（次）", "1", "0", "新增", "0", "新增"),
    ("协议回访（次）", "1", "0", "新增", "0", "新增"),
    ("值班班次（人次）", "4", "0", "新增", "0", "新增"),
    ("在岗时长（小时）", "35", "0", "新增", "0", "新增"),
    ("巡防（次）", "1", "0", "新增", "0", "新增"),
    ("巡防时长（小时）", "2", "0", "新增", "0", "新增"),
    ("签到（人次）", "3", "0", "新增", "0", "新增"),
    ("迟到（人次）", "1", "0", "新增", "0", "新增"),
    ("缺勤（人次）", "1", "0", "新增", "0", "新增"),
]


@pytest.fixture
def week(officer: Services) -> Services:
    officer.ids = build_week(officer)
    return officer


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _tokens(pdf: bytes) -> list[str]:
    return [t.strip() for page in _pages(pdf) for t in page.splitlines() if t.strip()]


def test_every_figure_is_printed(week: Services) -> None:
    pdf = summary_pdf(week.summary.summary(parse_week(WEEK), NOW), printed_at=PRINTED)
    tokens = _tokens(pdf)
    for label, *values in ROWS:
        i = tokens.index(label)
        assert tokens[i + 1 : i + 6] == values, label
    text = "\n".join(_pages(pdf))
    assert "《安华里社区警务室2026年第45周工作小结》" in text
    assert "（2026年11月2日—11月8日）" in text
    for heading in ("一、数据概况", "二、重点工作及典型事例", "三、辖区形势及纠纷特点", "四、存在问题",
                    "五、下周工作安排", "民警签名：王建军", "2026年11月20日"):  # fmt: skip
        assert heading in text, heading
    # the charts' labels and values
    for label in ("本周群众求助（按类别）", "本周排查纠纷（按类型）", "近8周趋势", "邻里求助", "走失人员", "第45周"):
        assert label in text, label
    assert "环比：与上周（2026年10月26日—11月1日）相比" in text
    assert "同比：与去年同期（2025年11月3日—11月9日）相比" in text


def test_font_embedded(week: Services) -> None:
    pdf = summary_pdf(week.summary.summary(parse_week(WEEK), NOW), printed_at=PRINTED)
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                   if "/DescendantFonts" in f.get_object() else f.get_object().get("/FontDescriptor")
                   for f in fonts.values()]  # fmt: skip
    assert any(d is not None and "/FontFile2" in d.get_object() for d in descriptors)


def test_personal_data_masked(week: Services) -> None:
    period = parse_week(WEEK)
    texts = week.summary.summary(period, NOW).texts
    texts.problems = f"张三丰（{ZS_ID}，{ZS_PHONE}）多次来访，李四不配合。"
    week.summary.save_texts(period, texts)
    text = "\n".join(_pages(summary_pdf(week.summary.summary(period, NOW), printed_at=PRINTED)))
    assert "张某某（110105********002X，138****0000）多次来访，李某不配合。" in text
    assert "张三丰" not in text and ZS_ID not in text and ZS_PHONE not in text
    assert "张某某、李某" in text  # the pre-filled red-risk line
    week.summary.set_mask_names(False)
    text = "\n".join(_pages(summary_pdf(week.summary.summary(period, NOW), printed_at=PRINTED)))
    assert "张三丰（110105********002X，138****0000）" in text  # numbers stay masked


def test_no_roster_no_roster_lines(officer: Services) -> None:
    pdf = summary_pdf(officer.summary.summary(parse_week(WEEK), NOW), printed_at=PRINTED)
    text = "\n".join(_pages(pdf))
    assert "值班班次" not in text and "值班巡防数据未列入" in text
    assert "本期无数据" in text and "未接收群众求助" in text


def test_monthly_summary_header(week: Services) -> None:
    pdf = summary_pdf(week.summary.summary(month_period(2026, 11), NOW), printed_at=PRINTED)
    text = "\n".join(_pages(pdf))
    assert "《安华里社区警务室2026年11月工作小结》" in text and "五、下月工作安排" in text
    assert "近8个月趋势" in text and "上月" in text


def test_dispute_table_pdf(week: Services) -> None:
    table = week.summary.dispute_table(month_period(2026, 11), NOW)
    pdf = dispute_table_pdf(table, printed_at=PRINTED)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert pages[0].mediabox.width > pages[0].mediabox.height  # landscape
    tokens = _tokens(pdf)
    text = "\n".join(tokens)
    assert "安华里社区警务室矛盾纠纷排查调处情况统计表" in text and "（2026年11月，2026年11月1日—11月30日）" in text

    def row(label: str) -> list[str]:
        i = tokens.index(label)
        return tokens[i + 1 : i + 8]

    #           排查 调处 成功 不成 成功率 人数 重大
    assert row("邻里") == ["2", "1", "1", "0", "100.0%", "5", "1"]
    assert row("婚姻家庭") == ["1", "0", "0", "1", "0.0%", "2", "0"]
    assert row("物业") == ["1", "1", "0", "0", "—", "6", "1"]
    assert row("合计") == ["4", "2", "1", "1", "50.0%", "13", "2"]
    assert "填报日期：2026年11月20日" in text and date(2026, 11, 20)
    # issue 11 item 13: the room screens and reports; the title and 填报单位 name the same unit
    assert "填报单位：安华里社区警务室" in text and "人民调解委员会" not in text
    assert "".join(text.split()).count("第1页共1页") == 1  # issue 11 item 13: 第n页 共m页
