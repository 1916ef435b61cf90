"""The mediation documents: every label of each 2010 format and the case's values are in the PDF text,
the Song font is embedded, long text flows onto further pages, and the case file's 目录 is right."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from policeroom.reports.mediation import render
from policeroom.services.mediation.docs import FORMS, CaseDoc, PartyDoc, PerformanceDoc, RecordDoc, VisitDoc

ZHANG = PartyDoc(
    role="applicant", role_label="申请人", name="张三", gender="男", ethnicity="汉族", birth_date=date(1971, 12, 1),
    occupation="退休职工", phone="13800138000", address="安华里小区3号楼2单元501室", id_number="110105197112010015",
)
LI = PartyDoc(
    role="respondent", role_label="被申请人", name="李四", gender="女", ethnicity="回族", birth_date=date(1985, 3, 9),
    occupation="个体经营", phone="13900139000", address="安华里小区3号楼2单元601室", id_number="11010519850309002X",
)
FACTS = (
    "2026年11月上旬起，李四家卫生间漏水，渗入楼下张三家卫生间和客厅顶棚，造成墙皮脱落、吊顶受潮变形。"
    "张三多次上楼协商未果，双方发生口角，张三于11月18日拨打110报警，民警建议双方到社区人民调解委员会调解。"
)
TERMS = (
    "李四于2026年11月30日前请有资质的施工队重做卫生间防水层，费用由李四承担。",
    "李四赔偿张三顶棚维修费用人民币贰仟捌佰元整，于2026年12月5日前一次付清。",
    "双方今后和睦相处，本纠纷就此了结。",
)
INVESTIGATION = RecordDoc(
    kind="investigation", at=datetime(2026, 11, 20, 15, 0), place="安华里小区3号楼601室",
    participants="物业维修工刘师傅", interviewee="李四", investigator="王调解", recorder="孙记录",
    content="601室卫生间地面防水层老化开裂，淋浴时有水沿管道渗到楼下。",
)
SESSION = RecordDoc(
    kind="session", at=datetime(2026, 11, 22, 9, 30), place="安华里社区警务室调解室", subject="卫生间漏水赔偿",
    parties_present="张三、李四", participants="楼长周大妈", recorder="孙记录",
    content="调解员向双方说明相邻关系的法律规定，双方各自陈述意见。", result="双方自愿达成协议。",
)


def make_case(**changes: object) -> CaseDoc:
    case = CaseDoc(
        number="（2026）安华人调字第15号", kind="people", committee_name="安华里社区人民调解委员会",
        station="和平里派出所", room_name="安华里社区警务室", title="张三与李四邻里纠纷", source="police",
        source_label="公安机关移送", dispute_type="邻里纠纷", accepted_on=date(2026, 11, 20), facts=FACTS,
        issues="漏水原因及维修、赔偿责任。", claims="修复漏水的防水层\n赔偿顶棚维修费用3000元",
        responsibility="李四家防水层老化是漏水原因，李四承担主要责任。", parties=(ZHANG, LI),
        mediators=("王调解", "赵警官"), recorder="孙记录", registrar="孙记录", records=(INVESTIGATION, SESSION),
        agreement_kind="written", agreed_on=date(2026, 11, 22), terms=TERMS,
        performance_method="李四以微信转账方式向张三支付。", performance_deadline=date(2026, 12, 5),
        performances=(PerformanceDoc(on=date(2026, 12, 3), content="李四支付赔偿款2800元", proof="收条一张"),),
        visits=(VisitDoc(visited_on=date(2026, 12, 10), visitor="王调解", method="上门走访", reason="了解协议履行情况",
                         performance="防水层已重做，赔偿款已付清", satisfaction="满意"),),
        archived_on=date(2026, 12, 15), filed_by="孙记录",
    )
    return replace(case, **changes)


def pdf_text(data: bytes) -> list[str]:
    """Each page's text with all white space removed (labels and values wrap and sit in cells)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(pages: list[str], title: str) -> str:
    """The pages' text without the page furniture (续 header, 第n页共m页) and the （续） labels, so that a
    text split over a page break reads whole again."""
    text = "".join(pages)
    text = re.sub(title + r"（续）编号：（2026）安华人调字第15号", "", text)
    text = re.sub(r"第\d+页共\d+页", "", text)
    return re.sub(r"(记录|纠纷主要事实、争议事项|协议内容)（续）：", "", text)


#: The fixed labels of each format (forms.md), as printed.
LABELS = {
    "application": [
        "人民调解申请书", "申请人", "被申请人", "性别", "民族", "年龄", "职业或职务", "联系方式", "单位或住址",
        "纠纷简要情况：", "当事人申请事项：", "1.", "2.", "3.",
        "安华里社区人民调解委员会已将申请人民调解的相关规定告知我，现自愿申请安华里社区人民调解委员会进行调解。",
        "申请人（签名盖章或按指印）：", "2026年11月20日",
    ],
    "intake": [
        "人民调解受理登记表", "编号：", "2026年11月20日，本人民调解委员会经当事人同意，调解张三、李四之间的纠纷。",
        "纠纷类型", "案件来源：", "□当事人申请", "□人民调解委员会主动调解", "■公安机关移送", "□法院委托", "□信访移送",
        "纠纷简要情况：", "当事人（签名）：", "登记人（签名）：", "人民调解委员会（印章）", "此表由人民调解委员会填写",
    ],
    "investigation": [
        "人民调解调查记录", "编号：", "时间", "地点", "参加人", "被调查人", "记录：", "被调查人（签名）：",
        "调查人（签名）：", "记录人（签名）：", "2026年11月20日15时00分",
    ],
    "session": [
        "人民调解记录", "编号：", "时间", "地点", "事由", "当事人", "参加人", "调解记录：", "调解结果：",
        "当事人（签名）：", "人民调解员（签名）：", "记录人（签名）：", "2026年11月22日9时30分",
    ],
    "agreement": [
        "人民调解协议书", "编号：", "当事人", "性别", "民族", "年龄", "职业或职务", "联系方式", "单位或住址",
        "纠纷主要事实、争议事项：", "经调解，自愿达成如下协议：", "一、", "二、", "三、", "履行方式、时限：",
        "本协议一式三份，当事人、人民调解委员会各持一份。", "当事人（签名盖章或按指印）：", "人民调解员（签名）：",
        "记录人（签名）：", "（人民调解委员会印）", "2026年11月22日",
    ],
    "oral-agreement": [
        "人民调解口头协议登记表", "编号：", "当事人", "性别", "民族", "年龄", "职业或职务", "联系方式", "单位或住址",
        "纠纷简要情况：", "协议内容：", "履行方式、时限：", "履行情况：", "已当场履行", "当事人（签名）：",
        "调解员（签名）：", "记录人（签名）：", "（人民调解委员会印）",
    ],
    "revisit": [
        "人民调解回访记录", "当事人", "调解协议编号", "回访事由", "回访时间", "回访方式", "回访情况：",
        "协议履行情况：", "当事人满意度：", "有无新的矛盾：", "回访人（签名）：", "（人民调解委员会印）", "2026年12月10日",
    ],
    "public-order-agreement": [
        "和平里派出所", "治安调解协议书", "编号：", "调解机关", "主持人", "调解时间", "调解地点", "当事人", "性别",
        "年龄", "身份证件号码", "联系电话", "现住址", "其他参加人", "主要事实", "经调解，双方自愿达成如下协议：",
        "履行方式、期限：", "本协议自双方当事人签字之日起生效。", "不再处罚", "依法向人民法院提起民事诉讼",
        "本协议书一式三份，双方当事人各执一份，调解机关留存一份备查。", "当事人（签名、捺指印）：",
        "主持人（签名）：", "和平里派出所（印）", "2026年11月22日",
    ],
}

#: Values of the case each form must show.
VALUES = {
    "application": ["张三", "李四", "汉族", "回族", "54岁", "41岁", "13800138000", "安华里小区3号楼2单元601室",
                    "修复漏水的防水层", "赔偿顶棚维修费用3000元", FACTS],
    "intake": ["（2026）安华人调字第15号", "邻里纠纷", FACTS],
    "investigation": ["（2026）安华人调字第15号", "安华里小区3号楼601室", "物业维修工刘师傅", "李四", INVESTIGATION.content],
    "session": ["（2026）安华人调字第15号", "安华里社区警务室调解室", "卫生间漏水赔偿", "张三、李四", "楼长周大妈",
                SESSION.content, "双方自愿达成协议。"],
    "agreement": ["（2026）安华人调字第15号", "张三", "李四", "54岁", "41岁", "退休职工", "个体经营", FACTS,
                  "漏水原因及维修、赔偿责任。", *TERMS, "李四以微信转账方式向张三支付。", "2026年12月5日前履行完毕"],
    "oral-agreement": ["（2026）安华人调字第15号", "张三", "李四", FACTS, *TERMS],
    "revisit": ["张三、李四", "（2026）安华人调字第15号", "了解协议履行情况", "上门走访", "防水层已重做，赔偿款已付清", "满意"],
    "public-order-agreement": ["（2026）安华人调字第15号", "王调解、赵警官", "张三", "李四", "110105197112010015",
                               "11010519850309002X", "楼长周大妈", FACTS, *TERMS],
}


def _case_for(form: str) -> CaseDoc:
    if form == "public-order-agreement":
        return make_case(kind="public_order")
    if form == "oral-agreement":
        return make_case(agreement_kind="oral", performed_on_the_spot=True)
    return make_case()


def test_every_form_has_labels_and_values() -> None:
    assert set(LABELS) == set(FORMS) - {"casefile"}


@pytest.mark.parametrize("form", sorted(LABELS))
def test_form_text_carries_labels_and_case_values(form: str) -> None:
    text = "".join(pdf_text(render(form, _case_for(form))))

    missing = [label for label in LABELS[form] + VALUES[form] if squash(label) not in text]
    assert not missing, f"{form}: missing {missing}"


def _fonts(data: bytes) -> list:
    fonts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts += [f.get_object() for f in page["/Resources"]["/Font"].values()]
    return fonts


@pytest.mark.parametrize("form", FORMS)
def test_song_font_embedded_and_only_font(form: str) -> None:
    fonts = _fonts(render(form, _case_for(form)))

    assert fonts
    for font in fonts:
        assert str(font["/BaseFont"]).endswith("+PoliceroomSong-Regular"), font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_age_is_computed_on_the_document_date() -> None:
    # 张三 was born on 1 December 1971: 54 on the agreement's date, 55 ten days later.
    on_agreement = "".join(pdf_text(render("agreement", make_case())))
    later = "".join(pdf_text(render("agreement", make_case(), doc_date=date(2026, 12, 2))))

    assert "张三性别男民族汉族年龄54岁" in on_agreement
    assert "张三性别男民族汉族年龄55岁" in later


def test_typed_age_used_without_birth_date() -> None:
    wang = PartyDoc(role="other", role_label="其他当事人", name="王五", age=63)
    text = "".join(pdf_text(render("agreement", make_case(parties=(ZHANG, LI, wang)))))

    assert "王五性别民族年龄63岁" in text
    assert "本协议一式四份" in text  # three parties and the committee


def test_copies_given_by_the_case() -> None:
    assert "本协议一式五份" in "".join(pdf_text(render("agreement", make_case(copies=5))))


def test_long_facts_and_thirty_terms_flow_onto_further_pages() -> None:
    facts = "".join(f"第{i}段：双方就楼上漏水问题多次协商，情况较为复杂，需要详细记录。" for i in range(1, 40))
    terms = tuple(f"第{i}项约定：李四于2026年12月{i % 28 + 1}日前完成第{i}项维修工作并通知张三验收。" for i in range(1, 31))
    pages = pdf_text(render("agreement", make_case(facts=facts, terms=terms)))
    text = body_text(pages, "人民调解协议书")

    assert len(pages) >= 3
    assert squash(facts) in text
    for n, term in enumerate(terms, start=1):  # every term, none cut off at a page break
        assert term in text, n
    for n, page in enumerate(pages[1:], start=2):
        assert "人民调解协议书（续）编号：（2026）安华人调字第15号" in page
        assert f"第{n}页共{len(pages)}页" in page
    assert "纠纷主要事实、争议事项（续）：" in pages[1] or "协议内容（续）：" in pages[1]
    assert "（人民调解委员会印）" in pages[-1]


def test_long_investigation_record_continues_with_its_header() -> None:
    content = "被调查人陈述：" + "当晚十点左右楼上又开始漏水，我上楼敲门没有人应。" * 80
    record = replace(INVESTIGATION, content=content)
    pages = pdf_text(render("investigation", make_case(records=(record, SESSION))))

    assert len(pages) >= 2
    assert squash(content) in body_text(pages, "人民调解调查记录")
    assert "人民调解调查记录（续）编号：（2026）安华人调字第15号" in pages[1]
    assert "记录（续）：" in pages[1]


def test_sessions_one_per_page_group_or_one_by_index() -> None:
    second = replace(SESSION, at=datetime(2026, 11, 25, 14, 0), content="第二次调解，双方就赔偿金额达成一致。")
    case = make_case(records=(INVESTIGATION, SESSION, second))
    all_pages = pdf_text(render("session", case))
    only_second = "".join(pdf_text(render("session", case, record_index=1)))

    assert len(all_pages) == 2
    assert SESSION.content in all_pages[0] and "第二次调解" in all_pages[1]
    assert "第二次调解" in only_second and SESSION.content not in only_second
    with pytest.raises(ValueError):
        render("session", case, record_index=2)


def test_blank_forms_when_nothing_recorded() -> None:
    case = make_case(records=(), visits=())
    for form in ("investigation", "session", "revisit"):
        text = "".join(pdf_text(render(form, case)))
        assert all(squash(label) in text for label in LABELS[form][:7]), form


def test_failed_case_names_the_other_way() -> None:
    case = make_case(agreement_kind=None, agreed_on=None, terms=(), performances=(), visits=(),
                     failed_on=date(2026, 11, 25), failed_reason="双方对赔偿金额分歧较大", other_way_label="向人民法院起诉")
    session = "".join(pdf_text(render("session", case)))
    casefile = "".join(pdf_text(render("casefile", case)))

    assert "已告知当事人可以通过向人民法院起诉解决纠纷" in session
    assert "卷宗情况说明" in casefile and "向人民法院起诉" in casefile
    assert "人民调解协议书" not in casefile


def test_markup_characters_and_control_characters_are_printed_safely() -> None:
    text = "".join(pdf_text(render("agreement", make_case(facts="A<b>&C\x07 李四说：“<别吵>”"))))

    assert "A<b>&C李四说：“<别吵>”" in text


def test_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError):
        render("summons", make_case())


# -- the case file --------------------------------------------------------------------------------
def _toc(data: bytes) -> list[tuple[int, str, int]]:
    """(序号, 文书名称, 页号) rows of the 卷内目录 (page 2); each cell is a line of the extracted text."""
    lines = [line.strip() for line in PdfReader(io.BytesIO(data)).pages[1].extract_text().splitlines()]
    assert lines[0] == "卷内目录"
    cells = [line for line in lines[lines.index("备注") + 1:] if line]
    rows = []
    i = 0
    while i < len(cells):
        number, name, page = cells[i:i + 3]
        rows.append((int(number), name, int(page)))
        i += 3
        if i < len(cells) and not cells[i].isdigit():  # a 备注
            i += 1
    return rows


def test_casefile_toc_page_numbers_match_where_documents_start() -> None:
    second = replace(SESSION, at=datetime(2026, 11, 25, 14, 0), content="第二次调解。" * 400)
    case = make_case(records=(INVESTIGATION, SESSION, second), confirmation_applied_on=date(2026, 11, 28),
                     confirmation_court="某区人民法院", file_remarks="卷内收条原件一张。", source="application")
    data = render("casefile", case)
    pages = pdf_text(data)
    toc = _toc(data)
    names = [name for _i, name, _p in toc]

    assert names == [
        "人民调解申请书", "人民调解当事人权利义务告知书", "当事人身份证明", "人民调解调查记录", "人民调解记录",
        "人民调解记录", "人民调解协议书", "履行凭证", "人民调解回访记录", "司法确认材料", "卷宗情况说明",
        "封底（卷内备考表）",
    ]
    assert [i for i, _n, _p in toc] == list(range(1, len(toc) + 1))
    first_page = {"封底（卷内备考表）": "卷内备考表", "履行凭证": "调解协议履行凭证"}
    for _i, name, page in toc:
        printed = pages[page + 1]  # the cover and the 目录 are not numbered
        assert printed.lstrip("第0123456789页").startswith(first_page.get(name, name)), (name, page, printed[:30])
        assert f"第{page}页" in printed
    starts = [page for _i, _n, page in toc]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[5] - starts[4] >= 1 and starts[6] - starts[5] >= 2  # the long second session takes 2+ pages
    assert f"本卷共{len(pages) - 2}页" in pages[-1]
    for n, page in enumerate(pages[2:], start=1):
        assert f"第{n}页" in page


def test_casefile_cover() -> None:
    text = pdf_text(render("casefile", make_case()))[0]

    for expected in ("安华里社区人民调解委员会", "调解卷宗", "卷名张三与李四邻里纠纷", "卷号（2026）安华人调字第15号",
                     "人民调解员王调解、赵警官", "调解日期自2026年11月20日至2026年11月22日", "立卷人孙记录",
                     "立卷日期2026年12月15日", "保管期限长期", "备注"):
        assert expected in text, expected


def test_casefile_documents_in_official_order() -> None:
    pages = pdf_text(render("casefile", make_case()))
    text = "".join(pages[2:])
    order = ["人民调解受理登记表", "人民调解当事人权利义务告知书", "当事人身份证明", "人民调解调查记录", "人民调解记录",
             "人民调解协议书", "调解协议履行凭证", "人民调解回访记录", "卷内备考表"]
    positions = [text.index(title) for title in order]

    assert positions == sorted(positions)
    assert "第二十三条" in text and "选择或者接受人民调解员" in text and "如实陈述纠纷事实" in text
    assert "110105197112010015" in text and "身份证复印件粘贴处（正面）" in text
    assert "李四支付赔偿款2800元" in text and "收条一张" in text
    assert "人民调解申请书" not in text  # referred by the police: the 受理登记表 opens the file


def test_public_order_casefile_uses_the_public_order_agreement() -> None:
    text = "".join(pdf_text(render("casefile", make_case(kind="public_order"))))

    assert "治安调解协议书" in text and "本协议书一式三份" in text


def test_public_order_casefile_is_the_police_stations() -> None:
    """Issue 11 item 6: a 治安调解 file has no 人民调解委员会 and no 司法确认 in it; it is the station's."""
    case = make_case(kind="public_order", number="（2026）和平里派出所治调字第1号",
                     facts="2026年11月18日，张三与李四因漏水争吵，张三推搡李四致其轻微伤。",
                     confirmation_applied_on=date(2026, 12, 1), confirmation_court="东城区人民法院")
    text = "".join(pdf_text(render("casefile", case)))

    assert "人民调解委员会" not in text and "司法确认" not in text and "人民调解员" not in text
    assert "和平里派出所治安调解卷宗" in text and "治安调解受理登记表" in text
    assert "治安调解当事人权利义务告知书" in text and "予以处罚" in text
    assert "和平里派出所（印）" in text and "治安调解记录" in text
    intake = "".join(pdf_text(render("intake", case)))
    assert "人民调解委员会" not in intake and "治安调解受理登记表" in intake


def test_performance_method_and_deadline_are_separate_clauses() -> None:
    """Issue 11 item 7: "银行转账履行期限：…" glued two clauses."""
    case = make_case(performance_method="银行转账", performance_deadline=date(2026, 8, 15))
    for form in ("agreement", "public-order-agreement"):
        text = "".join(pdf_text(render(form, replace(case, kind="public_order") if "public" in form else case)))
        assert "履行方式：银行转账。履行期限：2026年8月15日前履行完毕。" in text, form


@pytest.mark.parametrize("form", ["agreement", "public-order-agreement"])
def test_signature_block_stays_with_the_last_terms(form: str) -> None:
    """Issue 11 item 7: the signatures never stand alone on the last page; the last term goes with them."""
    for extra in range(0, 12):
        facts = FACTS + "双方各执一词。" * (extra * 12)
        case = make_case(facts=facts, kind="public_order" if "public" in form else "people")
        pages = pdf_text(render(form, case))
        if len(pages) < 2:
            continue
        sign = "主持人（签名）：" if "public" in form else "人民调解员（签名）："
        last = next(pg for pg in pages if sign in pg)
        assert squash(TERMS[-1]) in last, (extra, len(pages))
