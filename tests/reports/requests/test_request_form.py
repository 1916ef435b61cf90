"""群众求助登记表: every label and value printed, font embedded, long text flows onto more pages."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from pypdf import PdfReader

from policeroom.models import Channel, MemberRole, Satisfaction, Urgency
from policeroom.reports.requests.form import TITLE, cn_date, cn_datetime, request_form_pdf
from policeroom.services.people.grids import GridInput
from policeroom.services.people.residents import ResidentInput
from policeroom.services.people.team import MemberInput
from policeroom.services.registry import Services
from policeroom.services.requests.service import RequestInput
from tests.timing import DATA_DAY

#: the data below is written on fixed days of November 2026; times after now are refused
pytestmark = pytest.mark.today(DATA_DAY)

T0 = datetime(2026, 11, 16, 9, 30)  # a Monday
PRINTED = datetime(2026, 11, 22, 10, 5)
ID_NUMBER = "11010519491231002X"
LABELS = (
    "求助时间", "求助方式", "求助人", "性别", "身份证号", "联系电话", "住址", "事发时间", "事发地点", "网格",
    "类别", "紧急程度", "求助事项", "接待人", "带班领导", "处置人", "派遣时间", "处置时间", "处置情况",
    "处理结果", "办结", "转办", "作废", "反馈时间", "反馈内容", "回访时间", "回访方式", "满意度", "回访情况",
    "接待人（签名）", "处置人（签名）", "带班领导（签名）", "所属派出所", "编号",
)


@dataclass
class Room:
    sv: Services
    grid: int
    worker: int
    resident: int
    officer: int


@pytest.fixture
def room(officer: Services) -> Room:
    grid = officer.grids.create(GridInput(code="WG01", name="安华里一网格"))
    worker = officer.team.create(MemberInput(name="张秀兰", role=MemberRole.grid_worker, grid_ids=[grid]))
    resident = officer.residents.create(ResidentInput(
        name="李淑芬", id_number=ID_NUMBER, phone="13800001111", address="安华里3号楼2单元301", grid_id=grid,
    ))
    return Room(officer, grid, worker, resident, officer.actor.member_id)


def register(room: Room, **kw) -> int:  # noqa: ANN003
    data = dict(
        received_at=T0, channel=Channel.visit, category="邻里求助", urgency=Urgency.urgent,
        description="楼上水管漏水，渗到卫生间顶棚，联系不上楼上住户，请帮忙联系物业。",
        receiver_id=room.officer, resident_id=room.resident, occurred_at=T0 - timedelta(hours=2),
        location="安华里3号楼2单元", leader="赵国强",
    )
    data.update(kw)
    return room.sv.requests.create(RequestInput(**data))


def closed_request(room: Room, **kw) -> int:  # noqa: ANN003
    """A request walked through the whole loop: dispatch, two actions, feedback, visit, close."""
    rid = register(room, **kw)
    rq = room.sv.requests
    rq.dispatch(rid, room.worker, at=T0 + timedelta(minutes=20))
    rq.add_action(rid, T0 + timedelta(hours=1), None, "联系物业维修人员上门，关闭楼上总阀。")
    rq.add_action(rid, T0 + timedelta(hours=3), room.officer, "物业更换破裂水管，顶棚待干后修补。")
    rq.feedback(rid, T0 + timedelta(hours=5), "已电话告知求助人：水管已修好，顶棚由物业负责修补。")
    rq.visit(rid, T0 + timedelta(days=2), "电话回访", Satisfaction.satisfied, "对处置及时表示感谢。")
    rq.close(rid, at=T0 + timedelta(days=2, hours=1))
    return rid


def render(room: Room, rid: int) -> tuple[bytes, list[str]]:
    pdf = request_form_pdf(room.sv.requests.get(rid), room.sv.settings.get(), printed_at=PRINTED)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return pdf, pages


def flat(text: str) -> str:
    """Text without whitespace: extraction breaks wrapped lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def test_every_label_and_value_is_printed(room: Room) -> None:
    rid = closed_request(room)
    d = room.sv.requests.get(rid)
    _pdf, pages = render(room, rid)
    assert len(pages) == 1  # an ordinary request fits on one sheet
    text = flat(pages[0])

    for label in LABELS:
        assert flat(label) in text, label
    values = [
        "安华里社区警务室", TITLE, "和平里派出所", d.number, cn_datetime(T0), "来访", "李淑芬", "女",
        "110105********002X", "13800001111", "安华里3号楼2单元301", cn_datetime(T0 - timedelta(hours=2)),
        "安华里3号楼2单元", "WG01安华里一网格", "邻里求助", "紧急", d.description, "王建军", "赵国强", "张秀兰",
        cn_datetime(d.dispatched_at), cn_datetime(T0 + timedelta(hours=1)), "联系物业维修人员上门，关闭楼上总阀。",
        cn_datetime(T0 + timedelta(hours=3)), "物业更换破裂水管，顶棚待干后修补。", "■办结", "□转办", "□作废",
        cn_datetime(d.closed_at), "已办结", cn_datetime(d.feedback_at), d.feedback, cn_datetime(d.visit_due),
        cn_datetime(d.visited_at), "电话回访", "■满意", "□基本满意", "□不满意", "对处置及时表示感谢。",
        "打印时间：2026年11月22日10:05", "第1页共1页",
    ]
    for value in values:
        assert flat(value) in text, value
    assert ID_NUMBER not in text  # only the masked number is printed
    assert "None" not in text
    # signature dates: received, last handled (feedback), closed
    assert text.count("2026年11月16日") >= 2 and "2026年11月18日" in text
    assert cn_date(T0) == "2026年11月16日" and cn_datetime(T0) == "2026年11月16日 09:30"


def test_font_is_embedded(room: Room) -> None:
    pdf, _pages = render(room, closed_request(room))
    reader = PdfReader(io.BytesIO(pdf))
    ours = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if str(font["/BaseFont"]).endswith("+PoliceroomSans-Regular"):
                ours.append(font)
    assert ours
    for font in ours:
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_long_text_flows_onto_more_pages_with_the_header(room: Room) -> None:
    long = "".join(f"第{i}段：楼道里堆放杂物，影响通行和消防安全，多次与邻居沟通未果，请求社区民警协调处理。" for i in range(1, 88))
    long += "全文完"
    assert len(long) <= 4000
    rid = register(room, description=long)
    room.sv.requests.dispatch(rid, room.worker, at=T0 + timedelta(minutes=20))
    room.sv.requests.add_action(rid, T0 + timedelta(hours=1), None, "上门了解情况，" * 120 + "处置完")
    number = room.sv.requests.get(rid).number
    _pdf, pages = render(room, rid)

    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        text = flat(page)
        assert TITLE in text and "安华里社区警务室" in text and number in text, n
        assert f"第{n}页共{len(pages)}页" in text
    everything = flat("".join(pages))
    for i in range(1, 88):  # nothing cut off: every piece of the description is there, in order
        assert f"第{i}段：" in everything
    assert "全文完" in everything and "处置完" in everything
    assert everything.index("第87段") < everything.index("全文完") < everything.index("处置完")
    # a continued table repeats its section heading on the next page
    assert "一、求助登记" in flat(pages[1])


def test_anonymous_request_prints_no_identity(room: Room) -> None:
    rid = register(room, anonymous=True, anonymous_reason="担心被报复", channel=Channel.phone)
    room.sv.requests.refer(rid, "街道综合执法队", at=T0 + timedelta(hours=1))
    _pdf, pages = render(room, rid)
    text = flat("".join(pages))

    assert "匿名" in text and "担心被报复" in text
    for secret in ("李淑芬", "13800001111", "110105", "安华里3号楼2单元301"):
        assert secret not in text, secret
    assert "■转办（街道综合执法队）" in text and "转办时间" in text and "已转办" in text


def test_open_request_leaves_blank_space(room: Room) -> None:
    rid = register(room, resident_id=None, requester_name="王大爷", occurred_at=None, location="", leader="")
    _pdf, pages = render(room, rid)
    text = flat("".join(pages))

    assert "王大爷" in text and "待派遣" in text
    assert "■" not in text  # no outcome, no satisfaction ticked
    assert "None" not in text and "null" not in text
    assert "年月日" in text  # the signature dates left to fill in by hand


def test_voided_request_prints_the_reason(room: Room) -> None:
    rid = register(room)
    room.sv.requests.void(rid, "重复登记")
    text = flat("".join(render(room, rid)[1]))
    assert "■作废（原因：重复登记）" in text and "作废时间" in text and "已作废" in text


def test_markup_and_control_characters_print_as_text(room: Room) -> None:
    rid = register(room, description="漏水\x0b严重 <b>楼上</b> & 楼下\r\n第二行")
    text = "".join(render(room, rid)[1])
    assert "漏水" in text and "严重 <b>楼上</b> & 楼下" in text and "第二行" in text  # Word's \x0b: a line break


def test_free_text_has_a_limit_and_the_longest_accepted_prints_quickly(room: Room) -> None:
    """Issue 12, item 8: a 1 MB text is refused with the limit; the longest accepted one prints."""
    import time

    from policeroom.errors import ValidationError
    from policeroom.services.core.text import TEXT_LIMIT

    with pytest.raises(ValidationError, match="求助事项不能超过4000字"):
        register(room, description="漏" * 1_000_000)
    rid = register(room, description="楼上漏水，" * 800)  # the longest accepted
    assert TEXT_LIMIT >= 4000
    started = time.perf_counter()
    _pdf, pages = render(room, rid)
    assert time.perf_counter() - started < 60 and len(pages) >= 2
