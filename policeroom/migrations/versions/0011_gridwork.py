"""grid work: grid events (网格事件) with categories and photos, places, inspection items and inspections

The default categories (治安隐患 … 其他, with 立案条件/结案条件 and time limits) and place kinds with
their checklists are written here, so a new database has editable lists to start from.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-05 10:46:43.486621
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


#: step -> urgency -> working hours (立案, 派遣, 处置, 反馈, 核查)
_LIMITS = {
    "register": {"normal": 8, "urgent": 4, "critical": 1},
    "dispatch": {"normal": 8, "urgent": 2, "critical": 1},
    "handle": {"normal": 40, "urgent": 16, "critical": 4},
    "feedback": {"normal": 8, "urgent": 4, "critical": 2},
    "check": {"normal": 16, "urgent": 8, "critical": 4},
}
_FAST = {step: {u: max(1, v // 2) for u, v in by_urgency.items()} for step, by_urgency in _LIMITS.items()}
#: name, 立案条件, 结案条件, faster limits, 矛盾纠纷
_CATEGORIES = [
    ("治安隐患", "存在可能引发治安案件、事件的隐患（如防盗设施损坏、可疑人员聚集、监控缺失）。",
     "隐患已消除或已移交职能部门并有回复；现场复核照片。", True, False),
    ("消防隐患", "堵塞消防通道、占用安全出口、私拉乱接电线、电动车违规充电、消防器材缺失或失效等。",
     "隐患已整改，现场复核无误并留存照片。", True, False),
    ("出租屋", "出租屋未登记、住户信息未申报、存在群租或安全隐患。",
     "出租屋及住户信息已登记，隐患已整改。", False, False),
    ("矛盾纠纷", "居民之间、居民与单位之间已经发生或可能激化的矛盾纠纷。",
     "纠纷已化解或已转入矛盾纠纷排查台账、人民调解处理。", False, True),
    ("环境秩序", "占道经营、乱堆乱放、噪声扰民、违章搭建等影响社区秩序的问题。",
     "问题已处理或已移交城管、物业等部门并有处理结果。", False, False),
    ("特殊人群", "社区矫正对象、严重精神障碍患者、吸毒人员等特殊人群出现异常情况。",
     "已落实管控或帮扶措施，并通报相关部门。", True, False),
    ("其他", "不属于以上类别、需要警务室或网格处理的事项。", "事项已处理完毕并反馈上报人。", False, False),
]  # fmt: skip
#: place kind -> checklist (item, frequency)
_PLACE_KINDS = [
    ("出租屋", [("住户信息登记是否及时、准确", "monthly"), ("消防器材是否齐全有效", "monthly"),
             ("有无私拉电线、电动车室内充电", "monthly"), ("有无群租、改变房屋结构", "quarterly")]),
    ("“三小”场所", [("安全出口、疏散通道是否畅通", "half_month"), ("灭火器是否在有效期", "monthly"),
                  ("是否住人（三合一）", "half_month"), ("电气线路是否规范", "monthly")]),
    ("企业", [("消防设施是否完好", "monthly"), ("值班巡逻制度是否落实", "quarterly"),
            ("危险物品存放是否规范", "monthly")]),
    ("学校", [("校门护学岗是否落实", "weekly"), ("门卫登记、一键报警是否正常", "monthly"),
            ("周边有无摊贩、可疑人员", "weekly")]),
    ("重点部位", [("监控设备是否正常", "weekly"), ("防护设施是否完好", "monthly"), ("值守人员是否在岗", "weekly")]),
]  # fmt: skip


def _seed_lists() -> None:
    categories = sa.table(
        "event_category",
        sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("admit_rule", sa.Text),
        sa.column("close_rule", sa.Text), sa.column("time_type", sa.String), sa.column("limits", sa.JSON),
        sa.column("sort_order", sa.Integer), sa.column("is_dispute", sa.Boolean), sa.column("archived", sa.Boolean),
    )  # fmt: skip
    op.bulk_insert(
        categories,
        [
            {
                "id": i,
                "name": name,
                "admit_rule": admit,
                "close_rule": close,
                "time_type": "working_hours",
                "limits": _FAST if fast else _LIMITS,
                "sort_order": i,
                "is_dispute": dispute,
                "archived": False,
            }  # fmt: skip
            for i, (name, admit, close, fast, dispute) in enumerate(_CATEGORIES, start=1)
        ],
    )
    kinds = sa.table(
        "place_kind", sa.column("id", sa.Integer), sa.column("name", sa.String),
        sa.column("sort_order", sa.Integer), sa.column("archived", sa.Boolean),
    )  # fmt: skip
    items = sa.table(
        "inspection_item", sa.column("place_kind_id", sa.Integer), sa.column("text", sa.String),
        sa.column("frequency", sa.String), sa.column("category_id", sa.Integer),
        sa.column("sort_order", sa.Integer), sa.column("archived", sa.Boolean),
    )  # fmt: skip
    fire = 2  # 消防隐患
    op.bulk_insert(kinds, [{"id": i, "name": n, "sort_order": i, "archived": False}
                           for i, (n, _) in enumerate(_PLACE_KINDS, start=1)])  # fmt: skip
    op.bulk_insert(
        items,
        [
            {"place_kind_id": k, "text": text, "frequency": freq, "sort_order": j, "archived": False,
             "category_id": fire if ("消防" in text or "灭火" in text or "电" in text or "出口" in text) else 1}
            for k, (_, checklist) in enumerate(_PLACE_KINDS, start=1)
            for j, (text, freq) in enumerate(checklist, start=1)
        ],
    )  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "event_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("admit_rule", sa.Text(), nullable=False),
        sa.Column("close_rule", sa.Text(), nullable=False),
        sa.Column("time_type", sa.String(length=20), nullable=False),
        sa.Column("limits", sa.JSON(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_dispute", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_category")),
        sa.UniqueConstraint("name", name=op.f("uq_event_category_name")),
    )
    op.create_table(
        "place_kind",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_kind")),
        sa.UniqueConstraint("name", name=op.f("uq_place_kind_name")),
    )
    op.create_table(
        "inspection_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_kind_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum(
                "weekly",
                "half_month",
                "monthly",
                "quarterly",
                "half_year",
                "yearly",
                name="inspection_frequency",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["event_category.id"], name=op.f("fk_inspection_item_category_id_event_category")
        ),
        sa.ForeignKeyConstraint(
            ["place_kind_id"], ["place_kind.id"], name=op.f("fk_inspection_item_place_kind_id_place_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_item")),
    )
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_item_place_kind_id"), ["place_kind_id"], unique=False)

    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_place_grid_id_grid")),
        sa.ForeignKeyConstraint(["kind_id"], ["place_kind.id"], name=op.f("fk_place_kind_id_place_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place")),
    )
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_place_kind_id"), ["kind_id"], unique=False)

    op.create_table(
        "inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["team_member.id"], name=op.f("fk_inspection_inspector_id_team_member")
        ),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"], name=op.f("fk_inspection_place_id_place")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection")),
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_inspector_id"), ["inspector_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_on_date"), ["on_date"], unique=False)
        batch_op.create_index("ix_inspection_place_on", ["place_id", "on_date"], unique=False)

    op.create_table(
        "grid_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "patrol_check",
                "snapshot",
                "tip",
                "assigned",
                "patrol",
                "request",
                name="grid_event_source",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("reporter_name", sa.String(length=50), nullable=False),
        sa.Column("reporter_phone", sa.String(length=30), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "urgency",
            sa.Enum("normal", "urgent", "critical", name="grid_event_urgency", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "reported",
                "registered",
                "dispatched",
                "handled",
                "fed_back",
                "closed",
                "rejected",
                name="grid_event_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.Column("fed_back_at", sa.DateTime(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("check_note", sa.Text(), nullable=False),
        sa.Column("rejected_reason", sa.String(length=200), nullable=False),
        sa.Column("self_handled", sa.Boolean(), nullable=False),
        sa.Column("step_due", sa.DateTime(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("dispute_id", sa.Integer(), nullable=True),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("tip_ref", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"], ["event_category.id"], name=op.f("fk_grid_event_category_id_event_category")
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["dispute_entry.id"], name=op.f("fk_grid_event_dispute_id_dispute_entry")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_grid_event_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["handler_id"], ["team_member.id"], name=op.f("fk_grid_event_handler_id_team_member")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"], ["inspection.id"], name=op.f("fk_grid_event_inspection_id_inspection")
        ),
        sa.ForeignKeyConstraint(["place_id"], ["place.id"], name=op.f("fk_grid_event_place_id_place")),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["team_member.id"], name=op.f("fk_grid_event_reporter_id_team_member")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["assistance_request.id"],
            name=op.f("fk_grid_event_request_id_assistance_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_event")),
        sa.UniqueConstraint("number", name=op.f("uq_grid_event_number")),
        sa.UniqueConstraint("year", "seq", name="uq_grid_event_year_seq"),
    )
    with op.batch_alter_table("grid_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_event_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_closed_at"), ["closed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_dispute_id"), ["dispute_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_found_at"), ["found_at"], unique=False)
        batch_op.create_index("ix_grid_event_grid_found", ["grid_id", "found_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_handler_id"), ["handler_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_place_id"), ["place_id"], unique=False)
        batch_op.create_index("ix_grid_event_reporter_found", ["reporter_id", "found_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_status"), ["status"], unique=False)
        batch_op.create_index("ix_grid_event_status_found", ["status", "found_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_grid_event_step_due"), ["step_due"], unique=False)

    op.create_table(
        "grid_event_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=120), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["grid_event.id"],
            name=op.f("fk_grid_event_photo_event_id_grid_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_event_photo")),
    )
    with op.batch_alter_table("grid_event_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_event_photo_event_id"), ["event_id"], unique=False)

    op.create_table(
        "inspection_tick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["grid_event.id"], name=op.f("fk_inspection_tick_event_id_grid_event")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspection.id"],
            name=op.f("fk_inspection_tick_inspection_id_inspection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["inspection_item.id"], name=op.f("fk_inspection_tick_item_id_inspection_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_tick")),
        sa.UniqueConstraint("inspection_id", "item_id", name="uq_inspection_tick_inspection_id"),
    )
    with op.batch_alter_table("inspection_tick", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_tick_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_tick_item_id"), ["item_id"], unique=False)
    _seed_lists()


def downgrade() -> None:
    with op.batch_alter_table("inspection_tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_tick_item_id"))
        batch_op.drop_index(batch_op.f("ix_inspection_tick_inspection_id"))

    op.drop_table("inspection_tick")
    with op.batch_alter_table("grid_event_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_event_photo_event_id"))

    op.drop_table("grid_event_photo")
    with op.batch_alter_table("grid_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_event_step_due"))
        batch_op.drop_index("ix_grid_event_status_found")
        batch_op.drop_index(batch_op.f("ix_grid_event_status"))
        batch_op.drop_index(batch_op.f("ix_grid_event_request_id"))
        batch_op.drop_index("ix_grid_event_reporter_found")
        batch_op.drop_index(batch_op.f("ix_grid_event_place_id"))
        batch_op.drop_index(batch_op.f("ix_grid_event_inspection_id"))
        batch_op.drop_index(batch_op.f("ix_grid_event_handler_id"))
        batch_op.drop_index("ix_grid_event_grid_found")
        batch_op.drop_index(batch_op.f("ix_grid_event_found_at"))
        batch_op.drop_index(batch_op.f("ix_grid_event_dispute_id"))
        batch_op.drop_index(batch_op.f("ix_grid_event_closed_at"))
        batch_op.drop_index(batch_op.f("ix_grid_event_category_id"))

    op.drop_table("grid_event")
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_index("ix_inspection_place_on")
        batch_op.drop_index(batch_op.f("ix_inspection_on_date"))
        batch_op.drop_index(batch_op.f("ix_inspection_inspector_id"))

    op.drop_table("inspection")
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_kind_id"))
        batch_op.drop_index(batch_op.f("ix_place_grid_id"))

    op.drop_table("place")
    with op.batch_alter_table("inspection_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_item_place_kind_id"))

    op.drop_table("inspection_item")
    op.drop_table("place_kind")
    op.drop_table("event_category")
