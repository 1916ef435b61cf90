"""群众求助 at station scale: 1,000,000 requests, list, scrolling and search against a LIKE scan.

Generates (or reuses) a database with ``--rows`` requests spread over ten years and six police
rooms, then measures in fresh child processes, through the real service API signed in as the
officer:

- opening the list (count + first 200 ids + their rows), scrolling to random offsets;
- searches of every kind (1/2-character names, phrases, phone fragments, numbers, pinyin
  initials, nothing), each next to a plain ``LIKE '%q%'`` scan over the same columns;
- filters (overdue, status) and sorting by other columns;
- peak memory (``ru_maxrss`` and tracemalloc) of a process that opens the list and searches.

Usage::

    python benchmarks/requests_scale.py                     # 1,000,000 rows in a temp dir, deleted after
    python benchmarks/requests_scale.py --db /tmp/rq1m.db   # generate there once, reuse next time
    python benchmarks/requests_scale.py --rows 100000 --keep --repeat 30

Rows go in through raw ``sqlite3`` (big transactions, ``synchronous=OFF`` and no journal while
generating only; indexes are dropped and rebuilt from their own DDL), and both FTS5 tables get the
text the service writes (``body_text`` / ``char_tokens`` from ``request_search``, the same pinyin
keys), then are merged ('optimize') as a bulk-loaded FTS5 index should be before everyday saves. The timeline tables (request_event / request_action) stay empty: the list never reads them.
The machine may be noisy: every figure is repeated (rounds interleave the figures) and reported as
median / p95 / max, plus the first call in the fresh process.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SEED = 20261122
YEARS = 10
CHUNK = int(os.environ.get("RQ_CHUNK", 20_000))
OPEN_TARGET_MS = 150.0
SEARCH_TARGET_MS = 50.0
MEMORY_TARGET_MB = 300.0

# ------------------------------------------------------------------------------------------------
# Generation: the station, its rooms and their people
# ------------------------------------------------------------------------------------------------


@dataclass
class Room:
    """One police room's community: grids (ids), team (ids), compounds, roads and people."""

    name: str
    compounds: list[tuple[str, int]]  # (compound, buildings)
    roads: list[str]
    stations: list[str]
    grid_ids: list[int] = field(default_factory=list)
    grid_of_compound: dict[str, list[int]] = field(default_factory=dict)
    officer_id: int = 0
    officer_name: str = ""
    staff_ids: list[int] = field(default_factory=list)
    worker_of_grid: dict[int, int] = field(default_factory=dict)
    # requesters: (name, phone, address, grid_id, resident_id)
    people: list[tuple[str, str, str, int, int | None]] = field(default_factory=list)
    weight: float = 1.0


#: The demo room (安华里, already seeded) and five neighbours pooled on the same station database.
OTHER_ROOMS = (
    ("和平街", [("和平街十一区", 32), ("和平街十二区", 28), ("和平家园", 12)], ["和平街北口", "樱花西街", "和平街东街", "樱花园东街"], ["和平西桥", "和平里北街"]),
    ("小关", [("小关东里", 16), ("小关北里", 40), ("惠新苑", 10)], ["惠新东街", "北四环东路", "小关北街"], ["惠新西街南口", "惠新西街北口"]),
    ("左家庄", [("左家庄北里", 18), ("左家庄中街", 12), ("曙光里", 20)], ["左家庄中街", "三元桥路", "曙光西路"], ["柳芳", "三元桥"]),
    ("香河园", [("香河园北里", 14), ("西坝河北里", 24), ("光熙门北里", 26)], ["西坝河路", "光熙门北路", "香河园路"], ["光熙门", "西坝河"]),
    ("芍药居", [("芍药居北里", 30), ("芍药居小区", 22), ("望京西园", 18)], ["芍药居北路", "北土城东路", "京承高速辅路"], ["芍药居", "太阳宫"]),
)  # fmt: skip
DEMO_ROOM = ("安华里", [("安华里小区", 10), ("安华西里小区", 9), ("安贞里小区", 10), ("华严北里小区", 8)], ["安华路", "安贞路", "北土城东路", "安华西路"], ["安华桥", "北土城", "安贞门"])  # fmt: skip
ROOM_WEIGHTS = (1.0, 1.3, 0.9, 1.1, 0.8, 1.2)


def _dt(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite DATETIME storage format (always with microseconds)."""
    return None if value is None else value.isoformat(" ", "microseconds")


def build_station(conn: sqlite3.Connection, rng: random.Random, today: date) -> list[Room]:
    """Add five more rooms (grids, team members) next to the seeded demo room; collect requesters."""
    from policeroom.services.core.pinyin import name_keys
    from policeroom.services.demo.data import household_address, people, person_name

    rooms: list[Room] = []
    demo = Room(DEMO_ROOM[0], DEMO_ROOM[1], DEMO_ROOM[2], DEMO_ROOM[3])
    for (gid,) in conn.execute("SELECT id FROM grid ORDER BY id"):
        demo.grid_ids.append(gid)
    for mid, name, role in conn.execute("SELECT id, name, role FROM team_member ORDER BY id"):
        if role == "officer":
            demo.officer_id, demo.officer_name = mid, name
        elif role == "staff":
            demo.staff_ids.append(mid)
    for gid, mid in conn.execute("SELECT grid_id, member_id FROM grid_assignment"):
        demo.worker_of_grid[gid] = mid
    # the demo's grids cover its compounds in order (see DEMO_GRIDS)
    compounds_by_grid = {1: "安华里小区", 2: "安华里小区", 3: "安华西里小区", 4: "安华西里小区",
                         5: "安贞里小区", 6: "安贞里小区", 7: "华严北里小区", 8: "华严北里小区"}  # fmt: skip
    for i, gid in enumerate(demo.grid_ids):
        demo.grid_of_compound.setdefault(compounds_by_grid.get(i + 1, "安华里小区"), []).append(gid)
    residents = conn.execute("SELECT id, name, coalesce(phone, ''), address, grid_id FROM resident").fetchall()
    for rid, name, phone, address, gid in residents:
        demo.people.append((name, phone, address, gid, rid))
    rooms.append(demo)

    now = _dt(datetime.now())
    code_no = 100
    for name, compounds, roads, stations in OTHER_ROOMS:
        room = Room(name, compounds, roads, stations)
        for c_index, (compound, _buildings) in enumerate(compounds):
            for part in range(3 if c_index == 0 else 2 if c_index == 1 else 3):
                code_no += 1
                cur = conn.execute(
                    "INSERT INTO grid (code, name, description, households, archived, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, 0, ?, ?)",
                    (f"WG{code_no}", f"{name}{'一二三四五六七八'[len(room.grid_ids) % 8]}网格",
                     f"{compound}第{part + 1}片区", rng.randint(280, 620), now, now),
                )  # fmt: skip
                room.grid_ids.append(cur.lastrowid)
                room.grid_of_compound.setdefault(compound, []).append(cur.lastrowid)

        def member(role: str, notes: str = "") -> int:
            gender = rng.choice(("male", "female"))
            mname = person_name(rng, gender, rng.randint(1965, 1998))
            full, initials = name_keys(mname)
            cur = conn.execute(
                "INSERT INTO team_member (name, name_pinyin, name_initials, role, phone, active, joined_on, notes,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                (mname, full, initials, role, f"139{rng.randrange(10**8):08d}",
                 (today - timedelta(days=rng.randint(200, 3650))).isoformat(), notes, now, now),
            )  # fmt: skip
            return cur.lastrowid

        room.officer_id = member("officer")
        room.officer_name = conn.execute("SELECT name FROM team_member WHERE id = ?", (room.officer_id,)).fetchone()[0]
        room.staff_ids = [member("staff", "警务辅助人员") for _ in range(2)]
        for gid in room.grid_ids:
            mid = member("grid_worker")
            conn.execute("INSERT INTO grid_assignment (grid_id, member_id) VALUES (?, ?)", (gid, mid))
            room.worker_of_grid[gid] = mid
        rooms.append(room)

    # Requesters: the demo room's residents plus invented people in every room (walk-ins, callers).
    for room, weight in zip(rooms, ROOM_WEIGHTS, strict=True):
        room.weight = weight
        for p in people(rng, 20_000, today=today):
            compound, buildings = rng.choice(room.compounds)
            gids = room.grid_of_compound.get(compound) or room.grid_ids
            building = rng.randint(1, buildings)
            gid = gids[(building - 1) * len(gids) // buildings]
            room.people.append((p.name, p.phone or "", household_address(rng, compound, building), gid, None))
    return rooms


# ------------------------------------------------------------------------------------------------
# Generation: descriptions and outcomes
# ------------------------------------------------------------------------------------------------

_ELDERS = ("父亲", "母亲", "爷爷", "奶奶", "姥姥", "姥爷", "老伴", "岳母", "公公")
_KIDS = ("儿子", "女儿", "孙子", "孙女", "外孙", "外孙女")
_CONDITION = ("患有阿尔茨海默病", "记忆力不好", "行动不便", "患有高血压", "听力较差", "患有糖尿病", "有轻度认知障碍")
_CLOTHES = ("深蓝色羽绒服", "灰色夹克", "黑色棉袄", "红色外套", "白色衬衫", "格子衬衫", "蓝白校服", "咖啡色毛衣")
_WHEN = ("今天上午", "今天下午", "昨天晚上", "今天早上七点左右", "中午吃完饭", "傍晚", "凌晨")
_ITEMS = ("旧家具", "纸箱杂物", "电动自行车", "花盆", "装修垃圾", "废品", "旧沙发", "婴儿车")
_ISSUES = ("楼道堆物", "漏水赔偿", "停车位", "装修噪音", "饲养宠物", "晾晒衣物滴水", "空调外机位置", "公共部位占用")
_DOCS = ("身份证", "户口簿", "居住证", "无犯罪记录证明", "临时身份证", "户籍证明", "出入境证件", "暂住登记")
_DISTRICTS = ("朝阳区", "海淀区", "东城区", "西城区", "丰台区", "通州区", "昌平区")
_CARS = ("白色轿车", "黑色SUV", "银色面包车", "红色轿车", "小货车", "出租车", "灰色轿车", "电动三轮车")
_NOISE = ("装修电钻声", "大声喧哗", "音响声音过大", "打麻将声", "狗叫声", "空调外机噪音", "钢琴声", "跑步机声")
_LEGAL = ("劳动合同纠纷", "房屋租赁合同", "遗产继承", "婚姻家庭", "民间借贷", "物业费纠纷", "消费者权益保护", "交通事故赔偿", "拖欠工资")
_FOUND = ("黑色钱包", "手机", "钥匙串", "双肩包", "银行卡", "身份证", "电动车钥匙", "老年卡")
_PRODUCTS = ("保健品", "净水器", "理财产品", "燃气报警器", "养老床位", "收藏品")
_PARTY = ("物业", "燃气公司", "供电公司", "自来水公司", "热力公司", "居委会", "街道", "城管", "房东", "开锁公司")
_DEPARTMENTS = ("城管", "物业", "街道办事处", "民政", "司法所", "燃气公司", "供电公司", "自来水公司", "热力公司", "交通支队", "市场监管所")
_VOID = ("重复登记", "误登记", "求助人撤回", "信息有误，已重新登记")
_VISIT_METHODS = ("电话回访", "上门回访", "短信回访", "当面回访")

TEMPLATES: dict[str, tuple[str, ...]] = {
    "走失人员": (
        "求助人称其{elder}（{old}岁，{condition}）{when}从{place}出门后未归，身穿{clothes}，手机无人接听，请求协助寻找。",
        "{elder}{old}岁，{condition}，{when}独自外出买菜至今未回，家属已在{place}一带寻找未果。",
        "{kid}{child}岁，放学后未按时回家，家长到学校和{place}寻找未果，请求帮助查找。",
        "{when}在{place}发现一名老人迷路，自称姓{surname}，说不清住址，请求帮助联系家属。",
    ),
    "危难求助": (
        "{elder}独居，在家中摔倒无法起身，邻居听到呼救后求助，请求帮助开门并联系120。",
        "有人被困在{building}{unit}单元电梯内，物业电话无人接听，请求救助。",
        "求助人被反锁在{building}{unit}单元{flat}室内无法出门，家中有{old}岁老人需要服药。",
        "{when}在{place}有人醉酒倒地，天气寒冷，请求协助送医并联系家属。",
        "求助人称接到自称公检法的电话，被要求向“安全账户”转账{money}元，担心被骗，请求民警帮助核实。",
    ),
    "水电气热险情": (
        "{building}{unit}单元{floor}层楼道内有较浓燃气味，请求协助排查并通知燃气公司。",
        "楼上{flat}室水管爆裂，水从楼上渗漏至{floor}层住户家中，楼上家中无人，请求帮助联系。",
        "{building}{unit}单元停电已超过{hours}小时，家中有老人需用制氧机，请求协调供电抢修。",
        "小区暖气不热，室内温度仅{temp}度，多次联系物业未解决，家中有婴儿。",
        "{place}井盖缺失，夜间存在安全隐患，请求设置警示并通知有关部门。",
        "{building}地下室进水，水深约{depth}厘米，配电箱有被淹危险。",
    ),
    "邻里求助": (
        "楼上住户家中漏水，{floor}层天花板渗水，联系不上楼上住户，请求帮助联系。",
        "邻居长期在楼道堆放{items}，影响通行和消防安全，协商未果，请求协调。",
        "与邻居因{issue}发生纠纷，双方争执不下，请求民警调解。",
        "对门住户饲养的狗经常在楼道便溺，多次沟通无果，请求协调。",
        "{building}{unit}单元邻居{when}砸门辱骂，求助人担心人身安全，请求出警处置。",
    ),
    "生活困难": (
        "独居老人{name}，{old}岁，{condition}，子女在外地，生活无人照料，请求社区帮助联系居家养老服务。",
        "求助人失业{months}个月，家中有两个孩子上学，生活困难，咨询低保申请手续。",
        "外地来京人员钱包丢失，身无分文，请求帮助联系家属或救助站。",
        "{elder}{old}岁，行动不便，家中断粮，请求社区协助送餐。",
        "残疾人{name}反映轮椅损坏无法出门，请求联系残联帮助维修。",
    ),
    "证件咨询": (
        "咨询{doc}办理流程及所需材料。",
        "{doc}丢失，询问如何挂失补办，求助人下周需要出差。",
        "为{kid}咨询户口迁入{district}的政策和所需材料。",
        "咨询居住证办理、签注续期，求助人在本社区租房居住{months}个月。",
        "{elder}行动不便，咨询{doc}能否上门办理。",
    ),
    "车辆挪移": (
        "车牌号{plate}的{car}停在{place}，堵住出入口，无法联系车主，请求帮助挪车。",
        "{place}有{car}占用消防通道，车牌{plate}，请求联系车主挪车。",
        "{car}（{plate}）停在{building}门口，挡住救护车通行，请求挪车。",
        "小区地下车库求助人车位被{plate}的{car}占用，请求帮助联系车主。",
    ),
    "噪声扰民": (
        "{building}{unit}单元{flat}室夜间{noise}，影响休息，请求处理。",
        "{place}附近广场舞音响声音过大，每天晚上{evening}点至{late}点，请求协调。",
        "楼下商铺{noise}，从早上{hour}点持续至晚上，影响老人休息。",
        "{building}{unit}单元有住户周末装修，{noise}持续不断，请求劝导。",
    ),
    "法律咨询": (
        "咨询{legal}相关问题，求助人准备起诉，询问应到哪里立案。",
        "求助人与房东因押金{money}元发生纠纷，咨询{legal}。",
        "咨询{legal}，对方拒不履行，希望了解调解途径。",
        "{elder}被推销{product}花费{money}元，家属咨询能否退款。",
    ),
    "其他": (
        "在{place}拾到{found}一个，交至警务室，请求寻找失主。",
        "反映{place}路灯损坏，夜间行人通行不便。",
        "反映有可疑人员上门推销{product}，提醒居民注意防范诈骗。",
        "求助人{found}丢失，可能遗落在{place}，请求帮助查看监控。",
        "反映{place}有流浪犬出没，担心伤人，请求联系有关部门。",
    ),
}  # fmt: skip

FEEDBACK: dict[str, tuple[str, ...]] = {
    "走失人员": (
        "经民警和网格员寻找，已在{place}找到，已安全送回家中。",
        "调看监控后在{place}找到走失人员，已交家属接回。",
    ),
    "危难求助": ("已协助开门并联系120，{elder}已送医。", "已联系{party}到场处置，求助人已脱离危险。"),
    "车辆挪移": ("已电话联系车主，车辆已挪走。", "联系不上车主，已张贴挪车提示并通知{party}。"),
    "证件咨询": ("已告知办理流程和所需材料。", "已告知到{district}政务服务中心办理，求助人表示清楚。"),
    "法律咨询": ("已告知可到司法所申请人民调解或到法院立案。", "已联系司法所律师为求助人解答。"),
}  # fmt: skip
FEEDBACK_ANY = (
    "已联系{party}上门处理，问题已解决，已告知求助人。",
    "民警到场了解情况，经协调双方达成一致，已告知求助人。",
    "已联系{party}，{party}答复{days}日内处理，已告知求助人。",
    "经现场劝导，问题已解决，求助人表示认可。",
    "已将情况反映给{party}，{party}已安排人员处理。",
)


class _Fill(dict):
    """Template values drawn on demand (only the keys a template uses cost a random draw)."""

    def __init__(self, rng: random.Random, room: Room, person_name) -> None:  # noqa: ANN001
        super().__init__()
        self.rng, self.room, self.person_name = rng, room, person_name

    def __missing__(self, key: str) -> str:
        r, room = self.rng, self.room
        if key == "place":
            value = _place(r, room)
        elif key == "building":
            value = f"{r.choice(room.compounds)[0]}{r.randint(1, 20)}号楼"
        else:
            value = {
                "elder": lambda: r.choice(_ELDERS), "kid": lambda: r.choice(_KIDS),
                "old": lambda: str(r.randint(66, 94)), "child": lambda: str(r.randint(4, 14)),
                "condition": lambda: r.choice(_CONDITION), "clothes": lambda: r.choice(_CLOTHES),
                "when": lambda: r.choice(_WHEN), "unit": lambda: str(r.randint(1, 4)),
                "floor": lambda: str(r.randint(1, 6)), "flat": lambda: f"{r.randint(1, 6)}0{r.randint(1, 2)}",
                "hours": lambda: str(r.randint(2, 12)), "temp": lambda: str(r.randint(11, 16)),
                "depth": lambda: str(r.randint(5, 40)), "items": lambda: r.choice(_ITEMS),
                "issue": lambda: r.choice(_ISSUES), "name": lambda: self.person_name(r, r.choice(("male", "female")), 1945),
                "surname": lambda: self.person_name(r, "male", 1950)[0], "months": lambda: str(r.randint(2, 14)),
                "doc": lambda: r.choice(_DOCS), "district": lambda: r.choice(_DISTRICTS), "car": lambda: r.choice(_CARS),
                "plate": lambda: "京" + r.choice("ABCEFGHJKLMNPQ") + "".join(r.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5)),
                "noise": lambda: r.choice(_NOISE), "evening": lambda: str(r.randint(7, 8)), "late": lambda: str(r.randint(9, 11)),
                "hour": lambda: str(r.randint(6, 9)), "legal": lambda: r.choice(_LEGAL), "money": lambda: str(r.randrange(500, 80000, 100)),
                "product": lambda: r.choice(_PRODUCTS), "found": lambda: r.choice(_FOUND), "party": lambda: r.choice(_PARTY),
                "days": lambda: str(r.randint(2, 7)),
            }[key]()  # fmt: skip
        self[key] = value
        return value


def _place(r: random.Random, room: Room) -> str:
    compound, buildings = r.choice(room.compounds)
    roads = room.roads
    kind = r.random()
    if kind < 0.35:
        return f"{compound}{r.randint(1, buildings)}号楼{r.choice(('楼下', '东侧', '西侧', '门口', '北侧空地'))}"
    if kind < 0.5:
        return f"{compound}{r.choice(('东门', '西门', '南门', '北门', '地下车库', '南侧小广场', '自行车棚'))}"
    if kind < 0.65:
        a, b = r.sample(roads, 2) if len(roads) > 1 else (roads[0], roads[0])
        return f"{a}与{b}交叉口"
    if kind < 0.75:
        return f"{r.choice(roads)}公交站"
    if kind < 0.85:
        return f"地铁{r.choice(room.stations)}站{r.choice('ABCD')}口"
    return f"{room.name}社区{r.choice(('菜市场', '卫生服务站', '养老驿站', '活动中心', '幼儿园', '小学门口'))}"


_CATEGORY_WEIGHTS = {
    "走失人员": 3, "危难求助": 4, "水电气热险情": 8, "邻里求助": 20, "生活困难": 10,
    "证件咨询": 15, "车辆挪移": 14, "噪声扰民": 12, "法律咨询": 8, "其他": 6,
}  # fmt: skip
_URGENCY = {  # (normal, urgent, critical) weights by category
    "走失人员": (0, 40, 60), "危难求助": (0, 45, 55), "水电气热险情": (20, 60, 20),
}  # fmt: skip
_CHANNELS = (("visit", 35), ("phone", 30), ("110", 15), ("grid_report", 15), ("other", 5))


def _frac(r: random.Random) -> float:
    """Share of a step's time limit used: usually well inside it, now and then late."""
    return r.uniform(1.05, 2.6) if r.random() < 0.07 else r.betavariate(2, 4)


# Columns written per request (same order as the tuples from make_rows).
COLUMNS = (
    "id", "number", "year", "seq", "received_at", "channel", "resident_id", "requester_name", "requester_initials",
    "requester_phone", "requester_address", "anonymous", "anonymous_reason", "occurred_at", "location", "grid_id",
    "category", "urgency", "description", "receiver_id", "leader", "status", "assignee_id", "dispatched_at",
    "first_action_at", "feedback_at", "feedback", "visit_due", "visited_at", "visit_method", "satisfaction",
    "visit_remarks", "closed_at", "referred_to", "void_reason", "step_due", "created_at", "updated_at",
)  # fmt: skip

_STATE: dict[str, object] = {}  # set before the worker pool forks


def make_rows(task: tuple[int, list[tuple[int, float, int, int]]]) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows for one chunk: (request rows, trigram rows, character rows). Runs in a worker process."""
    from policeroom.models import Status, Urgency
    from policeroom.services.core.pinyin import name_keys
    from policeroom.services.demo.data import person_name
    from policeroom.services.requests.rules import RequestRules, step_window
    from policeroom.services.requests.search import body_text, char_tokens

    chunk_no, items = task
    rooms: list[Room] = _STATE["rooms"]  # type: ignore[assignment]
    now: datetime = _STATE["now"]  # type: ignore[assignment]
    base: datetime = _STATE["base"]  # type: ignore[assignment]
    visit_due_cache: dict[date, date] = _STATE.setdefault("visit_due_cache", {})  # type: ignore[assignment]
    rules = RequestRules()
    r = random.Random(SEED * 1000 + chunk_no)
    cats = list(_CATEGORY_WEIGHTS)
    cat_w = list(_CATEGORY_WEIGHTS.values())
    room_w = [room.weight for room in rooms]
    channels = [c for c, _ in _CHANNELS]
    channel_w = [w for _, w in _CHANNELS]
    out_rows: list[tuple] = []
    out_fts: list[tuple] = []
    out_chars: list[tuple] = []

    def visit_due(at: datetime) -> datetime:
        d = at.date()
        due = visit_due_cache.get(d)
        if due is None:
            from policeroom.services.core.workdays import add_working_days

            due = visit_due_cache[d] = add_working_days(datetime.combine(d, datetime.min.time()), rules.visit_working_days).date()
        return datetime.combine(due, at.time())

    for rid, ts, year, seq in items:
        received = base + timedelta(seconds=ts)
        room = r.choices(rooms, room_w)[0]
        category = r.choices(cats, cat_w)[0]
        uw = _URGENCY.get(category, (88, 10, 2))
        urgency = r.choices(("normal", "urgent", "critical"), uw)[0]
        channel = r.choices(channels, channel_w)[0]
        anonymous = r.random() < 0.02
        if anonymous:
            name = phone = address = ""
            resident_id = None
            gid = r.choice(room.grid_ids)
            reason = r.choice(("担心遭到报复", "不愿透露身份", "邻里关系顾虑"))
        else:
            name, phone, address, gid, resident_id = r.choice(room.people)
            reason = ""
        fill = _Fill(r, room, person_name)
        description = r.choice(TEMPLATES[category]).format_map(fill)
        if r.random() < 0.5 and address:
            location = address
        else:
            location = fill["place"]
        occurred = received - timedelta(minutes=r.randint(5, 2880)) if r.random() < 0.8 else None
        receiver = room.officer_id if r.random() < 0.3 else r.choice(room.staff_ids)
        leader = room.officer_name if r.random() < 0.6 else ""

        # Walk the closed loop with realistic step times; a step in the future has not happened yet.
        status, assignee = Status.registered, None
        dispatched = first_action = feedback_at = visited = closed = None
        feedback = visit_method = visit_remarks = referred_to = void_reason = ""
        satisfaction = visit_due_at = None
        stuck = r.random() < 0.003  # forgotten somewhere along the loop: stays open, overdue
        roll = r.random()
        u = Urgency(urgency)
        last = received
        while True:  # one pass; ``break`` stops the walk at the current status
            if roll < 0.03:
                if received + timedelta(hours=6) < now:
                    status, void_reason = Status.voided, r.choice(_VOID)
                break
            at = received + timedelta(hours=rules.hours("dispatch", u) * _frac(r))
            if at > now or (stuck and r.random() < 0.25):
                break
            worker = room.worker_of_grid.get(gid)
            pick = r.random()
            assignee = worker if (worker and pick < 0.6) else room.officer_id if pick < 0.7 else r.choice(room.staff_ids)
            dispatched, status, last = at, Status.dispatched, at
            if roll < 0.11:  # referred to another department (转办), closed for us
                at = dispatched + timedelta(hours=r.uniform(0.2, 6))
                if at <= now:
                    status, referred_to, closed, last = Status.referred, r.choice(_DEPARTMENTS), at, at
                break
            at = dispatched + timedelta(hours=rules.hours("handle", u) * _frac(r))
            if at > now or (stuck and r.random() < 0.33):
                break
            first_action, status, last = at, Status.handling, at
            at = max(first_action + timedelta(minutes=r.randint(10, 240)),
                     dispatched + timedelta(hours=rules.hours("feedback", u) * _frac(r)))  # fmt: skip
            if at > now or (stuck and r.random() < 0.5):
                break
            feedback_at, status, last = at, Status.fed_back, at
            feedback = r.choice(FEEDBACK.get(category, ()) + FEEDBACK_ANY).format_map(fill)
            visit_due_at = visit_due(feedback_at)
            at = feedback_at + timedelta(hours=r.uniform(2, 60) if r.random() < 0.93 else r.uniform(80, 160))
            if at > now or stuck:
                break
            visited, status, last = at, Status.visited, at
            visit_method = r.choice(_VISIT_METHODS)
            satisfaction = r.choices(("satisfied", "fairly", "unsatisfied"), (85, 12, 3))[0]
            visit_remarks = "" if r.random() < 0.7 else r.choice(("求助人表示感谢", "求助人对处理结果满意", "希望今后加强巡逻"))
            at = visited + timedelta(hours=24 * _frac(r))
            if at > now:
                break
            closed, status, last = at, Status.closed, at
            break

        window = step_window(rules, status, u, received_at=received, dispatched_at=dispatched,
                             feedback_at=feedback_at, visited_at=visited)  # fmt: skip
        step_due = window[1] if window else None
        initials = ""
        full = ""
        if name:
            full, initials = name_keys(name)
        number = f"QZ{year}-{seq:06d}"
        out_rows.append((
            rid, number, year, seq, _dt(received), channel, resident_id, name, initials, phone, address,
            int(anonymous), reason, _dt(occurred), location, gid, category, urgency, description, receiver,
            leader, status.value, assignee, _dt(dispatched), _dt(first_action), _dt(feedback_at), feedback,
            _dt(visit_due_at), _dt(visited), visit_method, satisfaction, visit_remarks, _dt(closed), referred_to,
            void_reason, _dt(step_due), _dt(received), _dt(last),
        ))  # fmt: skip
        # Exactly what index_request writes, computed by the service's own functions.
        body = body_text(SimpleNamespace(
            number=number, requester_name=name, requester_phone=phone, requester_address=address, location=location,
            category=category, description=description, feedback=feedback, referred_to=referred_to,
        ))  # fmt: skip
        out_fts.append((rid, body))
        py = " ".join(p for p in (initials, full.replace(" ", "")) if p)
        out_chars.append((rid, char_tokens(body), py))
    return out_rows, out_fts, out_chars


def _timestamps(rng: random.Random, n: int, start: datetime, end: datetime) -> list[float]:
    """``n`` sorted arrival times (seconds after midnight of ``start``): daytime-heavy, growing."""
    hour_w = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 9, 10, 12, 12, 11, 10, 9, 8, 6, 4, 2, 1]
    hours = list(range(24))
    days = (end - start).days
    end_ts = (end - datetime.combine(start.date(), datetime.min.time())).total_seconds()
    out = []
    while len(out) < n:
        u = rng.random()  # density grows by half over the span: inverse CDF of a linear ramp
        frac = (math.sqrt(1 + u * (1.5**2 - 1)) - 1) / 0.5  # linear density from 1 to 1.5
        d = int(frac * days)
        ts = d * 86400 + rng.choices(hours, hour_w)[0] * 3600 + rng.randrange(3600)
        if ts < end_ts:
            out.append(float(ts))
    out.sort()
    return out


def ensure_indexes(path: Path) -> list[str]:
    """Create indexes the current models declare but a reused database lacks (schema edited in place)."""
    from sqlalchemy import create_engine, inspect

    from policeroom.models import AssistanceRequest

    engine = create_engine(f"sqlite:///{path}")
    try:
        have = {ix["name"] for ix in inspect(engine).get_indexes("assistance_request")}
        made = []
        for index in AssistanceRequest.__table__.indexes:
            if index.name not in have:
                index.create(engine)
                made.append(str(index.name))
        return made
    finally:
        engine.dispose()


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def generate(path: Path, n: int, workers: int) -> dict[str, float]:
    """Create the database at ``path`` with ``n`` requests; returns timings and size."""
    import multiprocessing

    from policeroom.db import open_database
    from policeroom.services.demo.seed import seed_demo
    from policeroom.services.registry import Services

    t_start = time.perf_counter()
    now = datetime.now().replace(microsecond=0)
    today = now.date()
    db = open_database(f"sqlite:///{path}")  # creates and migrates: the real schema, FTS tables included
    services = Services(db.sessions)
    # The demo's own requests (if this version seeds any) are left out: the numbering is ours.
    extra = {"requests_per_year": 0} if "requests_per_year" in inspect.signature(seed_demo).parameters else {}
    seed_demo(services.ctx, residents=2000, today=today, **extra)
    db.close()

    conn = sqlite3.connect(str(path), isolation_level=None)
    # Generation only: no journal, no fsync, a big cache for rebuilding the indexes.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -524288")
    conn.execute("PRAGMA temp_store = MEMORY")
    rng = random.Random(SEED)
    conn.execute("BEGIN")
    rooms = build_station(conn, rng, today)
    conn.execute("COMMIT")
    t_setup = time.perf_counter()
    _say(f"station ready: {len(rooms)} rooms, {sum(len(r.grid_ids) for r in rooms)} grids, "
         f"{sum(len(r.people) for r in rooms)} requesters ({t_setup - t_start:.1f} s)")  # fmt: skip

    start = now - timedelta(days=round(365.25 * YEARS))
    base = datetime.combine(start.date(), datetime.min.time())
    stamps = _timestamps(rng, n, start, now)
    first_id = (conn.execute("SELECT max(id) FROM assistance_request").fetchone()[0] or 0) + 1
    seqs: dict[int, int] = {}
    items: list[tuple[int, float, int, int]] = []
    for i, ts in enumerate(stamps):
        year = (base + timedelta(seconds=ts)).year
        seqs[year] = seqs.get(year, 0) + 1
        items.append((first_id + i, ts, year, seqs[year]))
    del stamps
    tasks = [(k // CHUNK, items[k : k + CHUNK]) for k in range(0, len(items), CHUNK)]
    del items

    # Secondary indexes are rebuilt once at the end (from their own DDL): much faster than
    # maintaining eleven b-trees row by row. UNIQUE constraints' auto-indexes stay.
    index_ddl = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assistance_request' "
        "AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in index_ddl:
        conn.execute(f'DROP INDEX "{name}"')
    # FTS5 flushes its pending terms every 1 MB by default; bigger flushes mean fewer merges.
    # Reset to the default afterwards so the database is configured exactly as the app makes it.
    for table in ("request_search", "request_search_chars"):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {64 * 1024 * 1024})")

    cols = ", ".join(COLUMNS)
    marks = ", ".join("?" * len(COLUMNS))
    insert_req = f"INSERT INTO assistance_request ({cols}) VALUES ({marks})"
    _STATE.update(rooms=rooms, now=now, base=base)
    t_rows = time.perf_counter()
    done = 0
    t_insert = 0.0
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) if workers > 0 else _InlinePool() as pool:
        conn.execute("BEGIN")
        for k, (rows, fts, chars) in enumerate(pool.imap(make_rows, tasks)):
            t0 = time.perf_counter()
            conn.executemany(insert_req, rows)
            conn.executemany("INSERT INTO request_search (rowid, body) VALUES (?, ?)", fts)
            conn.executemany("INSERT INTO request_search_chars (rowid, chars, py) VALUES (?, ?, ?)", chars)
            done += len(rows)
            if k % 10 == 9:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
            t_insert += time.perf_counter() - t0
            if k % 5 == 4 or done == n:
                rate = done / (time.perf_counter() - t_rows)
                _say(f"  {done:>9,} rows  {rate:,.0f} rows/s  (sqlite {t_insert:.0f} s)")
        conn.execute("COMMIT")
    t_loaded = time.perf_counter()
    conn.execute("BEGIN")
    for year, seq in seqs.items():
        conn.execute("INSERT OR REPLACE INTO counter (key, value) VALUES (?, ?)", (f"QZ{year}", seq))
    for table in ("request_search", "request_search_chars"):
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {1024 * 1024})")
    conn.execute("COMMIT")
    # A bulk-loaded FTS5 index is a few huge segments; left so, the first everyday saves crisis-merge
    # them inside their own transaction (measured: saves of 3-23 s). Merged into one, it behaves
    # like an index grown one save at a time (no save over 0.5 s in 20,000).
    t0 = time.perf_counter()
    for table in ("request_search", "request_search_chars"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    t_optimize = time.perf_counter() - t0
    _say(f"  FTS optimize: {t_optimize:.0f} s")
    for name, sql in index_ddl:
        t0 = time.perf_counter()
        conn.execute(sql)
        _say(f"  index {name}: {time.perf_counter() - t0:.1f} s")
    t_indexed = time.perf_counter()
    conn.execute("PRAGMA journal_mode = WAL")  # as the app runs it
    conn.close()
    size = path.stat().st_size / 2**20
    return {
        "rows": n, "setup_s": t_setup - t_start, "load_s": t_loaded - t_rows, "sqlite_s": t_insert,
        "index_s": t_indexed - t_loaded - t_optimize, "optimize_s": t_optimize, "total_s": t_indexed - t_start, "size_mb": size,
    }  # fmt: skip


class _InlinePool:
    """``--workers 0``: generate in the main process (for debugging)."""

    def __enter__(self) -> _InlinePool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def imap(self, fn, tasks):  # noqa: ANN001, ANN201
        return map(fn, tasks)


def verify_index(path: Path, samples: int = 200) -> int:
    """Compare the generated FTS rows with what ``index_request`` computes from the stored request."""
    from policeroom.services.core.pinyin import name_keys
    from policeroom.services.requests.search import body_text, char_tokens

    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    hi = conn.execute("SELECT max(id) FROM assistance_request").fetchone()[0]
    rng = random.Random(7)
    bad = 0
    for rid in rng.sample(range(1, hi + 1), min(samples, hi)):
        r = conn.execute("SELECT * FROM assistance_request WHERE id = ?", (rid,)).fetchone()
        ns = SimpleNamespace(**dict(r))
        body = conn.execute("SELECT body FROM request_search WHERE rowid = ?", (rid,)).fetchone()[0]
        chars, py = conn.execute("SELECT chars, py FROM request_search_chars WHERE rowid = ?", (rid,)).fetchone()
        full, initials = name_keys(ns.requester_name) if ns.requester_name else ("", "")
        want_py = " ".join(p for p in (ns.requester_initials, full.replace(" ", "")) if p)
        if body != body_text(ns) or chars != char_tokens(body) or py != want_py or initials != ns.requester_initials:
            bad += 1
    conn.close()
    return bad


# ------------------------------------------------------------------------------------------------
# Measuring (in fresh child processes)
# ------------------------------------------------------------------------------------------------

LIKE_COLUMNS = ("number", "requester_name", "requester_phone", "requester_address", "location", "description")


def pick_queries(path: Path) -> list[tuple[str, str, str]]:
    """(key, label, query): the searches, chosen from the data so that they exist."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    hi = conn.execute("SELECT max(id) FROM assistance_request").fetchone()[0]
    rng = random.Random(11)
    two = conn.execute(
        "SELECT requester_name, count(*) AS c FROM assistance_request WHERE id % 97 = 0 AND length(requester_name) = 2 "
        "GROUP BY requester_name ORDER BY c DESC LIMIT 1"
    ).fetchone()[0]
    rare = conn.execute(
        "SELECT requester_name FROM assistance_request WHERE id % 997 = 0 AND length(requester_name) = 3 "
        "GROUP BY requester_name ORDER BY count(*), requester_name LIMIT 1"
    ).fetchone()[0]
    phone = number = ""
    while not (len(phone) == 11 and number):
        rid = rng.randint(1, hi)
        phone, number = conn.execute(
            "SELECT requester_phone, number FROM assistance_request WHERE id = ?", (rid,)
        ).fetchone() or ("", "")
    conn.close()
    return [
        ("surname", "1 char surname", "王"),
        ("name2", "2 char full name", two),
        ("name3", "3 char name (rare)", rare),
        ("phrase", "3+ char phrase", "燃气味"),
        ("phone", "phone fragment (7)", phone[3:10]),
        ("number", "request number", number),
        ("pinyin", "pinyin initials", "zs"),
        ("nothing", "matches nothing", "查无此事"),
        # broad queries: worst cases for counting and ordering many hits
        ("broad1", "broad: 1 char 区", "区"),
        ("broad2", "broad: 2 chars 请求", "请求"),
        ("broad3", "broad: 4 chars 请求协助", "请求协助"),
    ]


def _stats(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    p95 = s[max(0, math.ceil(0.95 * len(s)) - 1)]
    return {"n": len(s), "median": statistics.median(s), "p95": p95, "max": s[-1], "min": s[0]}


def _ms(fn) -> tuple[float, object]:  # noqa: ANN001
    t0 = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t0) * 1000, value


def _open_services(path: Path):  # noqa: ANN202
    from policeroom.db import open_database
    from policeroom.services.demo.seed import DEMO_PASSWORD
    from policeroom.services.registry import Services

    db = open_database(f"sqlite:///{path}")
    services = Services(db.sessions)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    username = conn.execute(
        "SELECT a.username FROM account a JOIN team_member m ON m.id = a.member_id WHERE m.role = 'officer' "
        "ORDER BY a.id LIMIT 1"
    ).fetchone()[0]
    conn.close()
    services.sign_in(services.accounts.authenticate(username, DEMO_PASSWORD))
    return db, services


def child_timing(path: Path, repeat: int, like_repeat: int) -> dict:
    """All timed figures, through the real service API, in this (fresh) process."""
    from sqlalchemy import text

    from policeroom.models import Status
    from policeroom.services.requests.rules import OPEN_STATUSES
    from policeroom.services.requests.service import RequestFilter

    queries = pick_queries(path)
    db, services = _open_services(path)
    rq = services.requests
    rng = random.Random(3)
    out: dict = {"queries": [[k, label, q] for k, label, q in queries], "figures": {}}
    samples: dict[str, dict[str, list[float]]] = {}
    first: dict[str, dict[str, float]] = {}
    info: dict[str, object] = {}

    def record(name: str, parts: dict[str, float]) -> None:
        if name not in first:
            first[name] = parts
            return
        bucket = samples.setdefault(name, {})
        for k, v in parts.items():
            bucket.setdefault(k, []).append(v)

    def open_list() -> None:
        t_count, total = _ms(lambda: rq.count(RequestFilter()))
        t_ids, ids = _ms(lambda: rq.ids(RequestFilter(), limit=200))
        t_rows, rows = _ms(lambda: rq.rows(ids))
        info["total"] = total
        assert len(rows) == min(200, total)
        record("open", {"count": t_count, "ids": t_ids, "rows": t_rows, "total": t_count + t_ids + t_rows})

    def scroll(offset: int, name: str = "scroll") -> None:
        t_ids, ids = _ms(lambda: rq.ids(RequestFilter(), limit=200, offset=offset))
        t_rows, _rows = _ms(lambda: rq.rows(ids))
        record(name, {"ids": t_ids, "rows": t_rows, "total": t_ids + t_rows})

    def search(key: str, q: str) -> None:
        f = RequestFilter(query=q)
        t_count, hits = _ms(lambda: rq.count(f))
        t_ids, ids = _ms(lambda: rq.ids(f, limit=200))
        info[f"hits_{key}"] = hits
        assert len(ids) == min(200, hits)
        record(f"search_{key}", {"count": t_count, "ids": t_ids, "total": t_count + t_ids})

    def filtered(name: str, f: RequestFilter) -> None:
        t_count, hits = _ms(lambda: rq.count(f))
        t_ids, ids = _ms(lambda: rq.ids(f, limit=200))
        t_rows, _rows = _ms(lambda: rq.rows(ids))
        info[f"hits_{name}"] = hits
        record(name, {"count": t_count, "ids": t_ids, "rows": t_rows, "total": t_count + t_ids + t_rows})

    def search_with(name: str, f: RequestFilter, sort_key: str = "number") -> None:
        t_count, hits = _ms(lambda: rq.count(f))
        t_ids, _ids = _ms(lambda: rq.ids(f, sort=sort_key, limit=200))
        info[f"hits_{name}"] = hits
        record(name, {"count": t_count, "ids": t_ids, "total": t_count + t_ids})

    def sort(name: str, key: str, descending: bool) -> None:
        t_ids, ids = _ms(lambda: rq.ids(RequestFilter(), sort=key, descending=descending, limit=200))
        t_rows, _rows = _ms(lambda: rq.rows(ids))
        record(name, {"ids": t_ids, "rows": t_rows, "total": t_ids + t_rows})

    now = datetime.now()
    steps: list[tuple[str, object]] = [("open", open_list)]
    steps += [(f"search_{k}", (lambda k=k, q=q: search(k, q))) for k, _label, q in queries]
    steps += [
        ("overdue", lambda: filtered("overdue", RequestFilter(overdue_only=True))),
        ("status", lambda: filtered("status", RequestFilter(statuses=(Status.handling,)))),
        ("open_statuses", lambda: filtered("open_statuses", RequestFilter(statuses=OPEN_STATUSES))),
        ("sort_received", lambda: sort("sort_received", "received_at", True)),
        ("search_received_1", lambda: search_with("search_received_1", RequestFilter(query="王"), "received_at")),
        ("search_received_3", lambda: search_with("search_received_3", RequestFilter(query="燃气味"), "received_at")),
        ("search_open", lambda: search_with("search_open", RequestFilter(query="王", statuses=OPEN_STATUSES))),
        ("search_two_terms", lambda: search_with("search_two_terms", RequestFilter(query="王 漏水"))),
        ("sort_category", lambda: sort("sort_category", "category", True)),
        ("sort_requester", lambda: sort("sort_requester", "requester", False)),
        ("sort_due", lambda: sort("sort_due", "due", False)),
        ("sort_channel", lambda: sort("sort_channel", "channel", True)),
    ]
    del now
    # Round 0 is each figure's first call in this process (cold: statement compilation, FTS
    # structure, page cache of this connection); then ``repeat`` rounds, figures interleaved so
    # that a noisy neighbour spreads over all of them.
    for _round in range(repeat + 1):
        for _name, fn in steps:
            fn()  # type: ignore[operator]
        total = int(info["total"])  # type: ignore[arg-type]
        for _ in range(3):
            scroll(rng.randrange(0, max(1, total - 200)))
        scroll(max(0, total - 200), "scroll_last")
        # what the list's model (ui/requests/model.py) asks for: a chunk of 1000 ids, then a page of rows
        at = rng.randrange(0, max(1, total - 1000))
        t_ids, ids = _ms(lambda: rq.ids(RequestFilter(), limit=1000, offset=at))  # noqa: B023
        t_rows, _rows = _ms(lambda: rq.rows(ids[:200]))  # noqa: B023
        record("scroll_model", {"ids": t_ids, "rows": t_rows, "total": t_ids + t_rows})

    # The plain LIKE scan of the same query over the same columns, for comparison.
    like_samples: dict[str, dict[str, list[float]]] = {}
    like_first: dict[str, dict[str, float]] = {}
    with db.engine.connect() as conn:
        for r in range(like_repeat + 1):
            for key, _label, q in queries:
                cols = list(LIKE_COLUMNS) + (["requester_initials"] if q.isascii() and q.isalpha() else [])
                where = " OR ".join(f"{c} LIKE :p" for c in cols)
                p = {"p": f"%{q}%"}
                t_count, hits = _ms(lambda: conn.execute(text(f"SELECT count(*) FROM assistance_request WHERE {where}"), p).scalar())  # noqa: B023,E501
                t_ids, _ids = _ms(lambda: conn.execute(text(
                    f"SELECT id FROM assistance_request WHERE {where} ORDER BY received_at DESC, id DESC LIMIT 200"), p).all())  # noqa: B023,E501
                info[f"like_hits_{key}"] = hits
                parts = {"count": t_count, "ids": t_ids, "total": t_count + t_ids}
                if r == 0:
                    like_first[key] = parts
                else:
                    for k, v in parts.items():
                        like_samples.setdefault(key, {}).setdefault(k, []).append(v)
    db.close()
    out["figures"] = {name: {k: _stats(v) for k, v in parts.items()} for name, parts in samples.items()}
    out["first"] = first
    out["like"] = {name: {k: _stats(v) for k, v in parts.items()} for name, parts in like_samples.items()}
    out["like_first"] = like_first
    out["info"] = info
    out["rss"] = _rss_mb()
    return out


def child_memory(path: Path) -> dict:
    """Peak memory of a process that opens the list and runs all searches (and scrolls a bit)."""
    import tracemalloc

    tracemalloc.start()
    from policeroom.services.requests.service import RequestFilter

    rss0 = _rss_mb()["peak_mb"]

    queries = pick_queries(path)
    db, services = _open_services(path)
    rss_open = _rss_mb()["peak_mb"]
    rq = services.requests
    total = rq.count(RequestFilter())
    rows = rq.rows(rq.ids(RequestFilter(), limit=200))
    rng = random.Random(5)
    for _ in range(20):
        rq.rows(rq.ids(RequestFilter(), limit=200, offset=rng.randrange(total - 200)))
    for _key, _label, q in queries:
        f = RequestFilter(query=q)
        rq.count(f)
        rows = rq.rows(rq.ids(f, limit=200))
    del rows
    current, peak = tracemalloc.get_traced_memory()
    db.close()
    return {
        "rss": _rss_mb(), "rss_at_start_mb": rss0, "rss_after_open_db_mb": rss_open,
        "tracemalloc_peak_mb": peak / 2**20, "tracemalloc_current_mb": current / 2**20,
    }  # fmt: skip


def _rss_mb() -> dict[str, float]:
    """Peak RSS of this process: ``ru_maxrss`` and, on Linux, VmHWM.

    ``ru_maxrss`` survives ``execve`` on Linux, so a child spawned by the (large) generating
    process reports the parent's peak; VmHWM belongs to the process's own address space.
    """
    out = {"ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    out["peak_mb"] = out.get("VmHWM", out["ru_maxrss_mb"])
    return out


def run_child(mode: str, path: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--db", str(path),
           "--repeat", str(args.repeat), "--like-repeat", str(args.like_repeat)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"child {mode} failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------


def size_breakdown(path: Path) -> list[tuple[str, float]]:
    """MB per table (its indexes and FTS shadow tables folded in), if SQLite has dbstat."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    sizes: dict[str, float] = {}
    for name, size in rows:
        table = owner.get(name, name)
        for fts in ("request_search_chars", "request_search"):
            if table.startswith(fts + "_"):
                table = fts
                break
        if table.startswith("sqlite_autoindex_"):
            table = table[len("sqlite_autoindex_") :].rsplit("_", 1)[0]
        sizes[table] = sizes.get(table, 0) + size / 2**20
    return sorted(sizes.items(), key=lambda kv: -kv[1])[:6]


def _fmt(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def print_report(gen: dict | None, path: Path, timing: dict, memory: dict, args: argparse.Namespace) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    n, first_at, last_at = conn.execute("SELECT count(*), min(received_at), max(received_at) FROM assistance_request").fetchone()
    by_status = conn.execute("SELECT status, count(*) FROM assistance_request GROUP BY status ORDER BY 2 DESC").fetchall()
    grids = conn.execute("SELECT count(*) FROM grid").fetchone()[0]
    conn.close()
    size = sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()) / 2**20
    print(f"\n群众求助 at scale — SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, {datetime.now():%Y-%m-%d %H:%M}")  # fmt: skip
    print(f"database: {path}")
    print(f"  {n:,} requests, {first_at[:10]} .. {last_at[:10]}, 6 rooms / {grids} grids; "
          + ", ".join(f"{s} {c:,}" for s, c in by_status))  # fmt: skip
    if gen:
        print(f"  generated in {gen['total_s']:.0f} s (station and people {gen['setup_s']:.0f} s, rows + FTS "
              f"{gen['load_s']:.0f} s of which SQLite inserts {gen['sqlite_s']:.0f} s, FTS optimize {gen['optimize_s']:.0f} s, "
              f"indexes {gen['index_s']:.0f} s); "
              f"FTS rows checked against index_request: {gen.get('verify_bad', '?')} of 200 differ")  # fmt: skip
    parts = ", ".join(f"{t} {mb:,.0f}" for t, mb in size_breakdown(path))
    print(f"  size {size:,.0f} MB ({parts})")

    fig, first, like, info = timing["figures"], timing["first"], timing["like"], timing["info"]
    reps = args.repeat
    print(f"\nTimings in ms through RequestService in a fresh process, signed in as the officer; "
          f"{reps} rounds after a first call (figures interleaved); p95 = nearest rank.")  # fmt: skip
    head = f"{'figure':<34}{'hits':>10}{'first':>8}{'median':>8}{'p95':>8}{'max':>8}{'target':>8}  {'parts (median)':<30}"
    print("\n" + head + "\n" + "-" * len(head))

    def line(name: str, label: str, hits: object, target: float | None, part_keys: tuple[str, ...]) -> None:
        st = fig[name]["total"]
        parts = " + ".join(f"{k} {_fmt(fig[name][k]['median'])}" for k in part_keys)
        ok = "" if target is None else ("ok" if st["p95"] <= target else ("p95!" if st["median"] <= target else "MISS"))
        hits_s = f"{hits:,}" if isinstance(hits, int) else str(hits or "")
        print(f"{label:<34}{hits_s:>10}{_fmt(first[name]['total']):>8}{_fmt(st['median']):>8}{_fmt(st['p95']):>8}"
              f"{_fmt(st['max']):>8}{(_fmt(target) + ' ' + ok) if target else '':>8}  {parts}")  # fmt: skip

    line("open", "open the list (count+ids+rows)", info["total"], OPEN_TARGET_MS, ("count", "ids", "rows"))
    line("scroll", "scroll: ids+rows at random offset", f"n={fig['scroll']['total']['n']}", None, ("ids", "rows"))
    line("scroll_last", "scroll: the last page", "", None, ("ids", "rows"))
    line("scroll_model", "scroll: model chunk (1000 ids+200 rows)", "", None, ("ids", "rows"))
    for key, label, q in timing["queries"]:
        line(f"search_{key}", f"search {label}: {q}", info[f"hits_{key}"], SEARCH_TARGET_MS, ("count", "ids"))
    line("overdue", "filter overdue (count+ids+rows)", info["hits_overdue"], None, ("count", "ids", "rows"))
    line("status", "filter status 处置中", info["hits_status"], None, ("count", "ids", "rows"))
    line("open_statuses", "filter all open statuses", info["hits_open_statuses"], None, ("count", "ids", "rows"))
    line("sort_received", "sort by 求助时间 desc, 200", "", None, ("ids", "rows"))
    line("search_received_1", "search 王, sorted by 求助时间", info["hits_search_received_1"], SEARCH_TARGET_MS, ("count", "ids"))
    line("search_received_3", "search 燃气味, sorted by 求助时间", info["hits_search_received_3"], SEARCH_TARGET_MS,
         ("count", "ids"))  # fmt: skip
    line("search_open", "search 王 + open statuses", info["hits_search_open"], SEARCH_TARGET_MS, ("count", "ids"))
    line("search_two_terms", "search two terms: 王 漏水", info["hits_search_two_terms"], SEARCH_TARGET_MS, ("count", "ids"))
    line("sort_category", "sort by category desc, 200", "", None, ("ids", "rows"))
    line("sort_requester", "sort by requester asc, 200", "", None, ("ids", "rows"))
    line("sort_due", "sort by due asc, 200", "", None, ("ids", "rows"))
    line("sort_channel", "sort by channel desc, 200", "", None, ("ids", "rows"))

    print(f"\nSearch next to a plain LIKE '%q%' scan of {', '.join(LIKE_COLUMNS)} (+ requester_initials for "
          f"pinyin), count + first 200 by received_at; LIKE {args.like_repeat} rounds.")  # fmt: skip
    head = (f"{'query':<30}{'FTS hits':>10}{'LIKE hits':>10}{'FTS med':>9}{'FTS p95':>9}"
            f"{'LIKE med':>10}{'LIKE p95':>10}{'faster':>8}")  # fmt: skip
    print("\n" + head + "\n" + "-" * len(head))
    for key, label, q in timing["queries"]:
        f, lk = fig[f"search_{key}"]["total"], like[key]["total"]
        print(f"{(label + ': ' + q)[:28]:<30}{info[f'hits_{key}']:>10,}{info[f'like_hits_{key}']:>10,}{_fmt(f['median']):>9}"
              f"{_fmt(f['p95']):>9}{_fmt(lk['median']):>10}{_fmt(lk['p95']):>10}{lk['median'] / max(f['median'], 1e-3):>7.0f}x")  # fmt: skip

    print("\nMemory (process that opens the list, scrolls 20 times and runs every search once):")
    peak = memory["rss"]["peak_mb"]
    print(f"  peak RSS {peak:.0f} MB (VmHWM; target < {MEMORY_TARGET_MB:.0f}: {'ok' if peak < MEMORY_TARGET_MB else 'MISS'}; "
          f"ru_maxrss {memory['rss']['ru_maxrss_mb']:.0f} MB, which Linux carries over from the spawning process); "
          f"peak after imports "
          f"{memory['rss_at_start_mb']:.0f} MB, after opening the database and signing in {memory['rss_after_open_db_mb']:.0f} MB; "
          f"tracemalloc peak {memory['tracemalloc_peak_mb']:.1f} MB (Python objects)")  # fmt: skip
    print(f"  peak RSS of the timing process (all figures + LIKE scans): {timing['rss']['peak_mb']:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, help="database to reuse (generated there first if missing)")
    ap.add_argument("--keep", action="store_true", help="keep a generated temporary database")
    ap.add_argument("--repeat", type=int, default=20, help="rounds per figure (after the first call)")
    ap.add_argument("--like-repeat", type=int, default=20, help="rounds of the LIKE comparison")
    ap.add_argument("--workers", type=int, default=2, help="generator processes (0: inline)")
    ap.add_argument("--child", choices=("timing", "memory"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        result = child_timing(args.db, args.repeat, args.like_repeat) if args.child == "timing" else child_memory(args.db)
        print(json.dumps(result, ensure_ascii=False))
        return

    tmpdir = None
    gen = None
    path = args.db
    if path is None:
        tmpdir = Path(tempfile.mkdtemp(prefix="policeroom-scale-"))
        path = tmpdir / "requests.db"
    path = path.resolve()
    if path.exists():
        n = sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT count(*) FROM assistance_request").fetchone()[0]
        _say(f"reusing {path} ({n:,} requests)")
        if n != args.rows:
            _say(f"note: --rows {args.rows:,} ignored, the database has {n:,}")
        made = ensure_indexes(path)
        if made:
            _say(f"created indexes the current models declare: {', '.join(made)}")
    else:
        _say(f"generating {args.rows:,} requests in {path} ...")
        gen = generate(path, args.rows, args.workers)
        gen["verify_bad"] = verify_index(path)
        _say(f"generated in {gen['total_s']:.0f} s, {gen['size_mb']:,.0f} MB")
    try:
        _say("measuring (timing process) ...")
        timing = run_child("timing", path, args)
        _say("measuring (memory process) ...")
        memory = run_child("memory", path, args)
        print_report(gen, path, timing, memory, args)
    finally:
        if tmpdir is not None and not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)
        elif tmpdir is not None:
            _say(f"kept {path}")


if __name__ == "__main__":
    main()
