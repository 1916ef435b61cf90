"""The 防范宣传 tab: prevention talks (日期, 地点, 主题, 对象, 人数, 发放资料, 参加人员)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from policeroom.models import PreventionTalk
from policeroom.services.fieldwork.types import TalkInput, TalkRow
from policeroom.services.registry import Services
from policeroom.ui.bus import ChangeBus
from policeroom.ui.fieldwork.common import grid_combo, member_choices, py_time, time_edit
from policeroom.ui.widgets.dates import pydate, qdate, today_qdate
from policeroom.ui.widgets.fields import CheckList
from policeroom.ui.widgets.forms import RecordDialog, combo_select, tr
from policeroom.ui.widgets.list_page import ListPage
from policeroom.ui.widgets.table import Column, ListTableModel


class TalkDialog(RecordDialog):
    limits_from = PreventionTalk

    def __init__(self, services: Services, talk_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记防范宣传") if talk_id is None else tr("编辑防范宣传"), parent)
        self.services, self.talk_id = services, talk_id
        self.saved_id: int | None = None
        self.day = self.add_field(tr("日期"), "day", QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(today_qdate())
        self.day.setMaximumDate(today_qdate())
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        self.timed = QCheckBox(tr("记录时段"))
        self.start, self.end = time_edit(), time_edit()
        for w in (self.timed, self.start, QLabel(tr("至")), self.end):
            row.addWidget(w)
        row.addStretch(1)
        self.timed.toggled.connect(lambda on: (self.start.setEnabled(on), self.end.setEnabled(on)))
        self.start.setEnabled(False)
        self.end.setEnabled(False)
        self.add_field(tr("时段"), "end_time", times)
        limited = services.actor.limited_to_grids
        self.grid = self.add_field(tr("网格"), "grid_id", grid_combo(services, none_label=None if limited else "全社区"))
        self.place = self.add_field(tr("地点"), "place", QLineEdit())
        self.place.setPlaceholderText(tr("例如 社区文化广场"))
        self.topic = self.add_field(tr("主题"), "topic", QComboBox())
        self.topic.setEditable(True)
        self.topic.addItems(services.talks.topics())
        self.audience = self.add_field(tr("对象"), "audience", QLineEdit())
        self.audience.setPlaceholderText(tr("例如 老年居民、中小学生、商户"))
        self.add_column()
        self.people = self.add_field(tr("人数"), "people_reached", QSpinBox())
        self.people.setRange(0, 100_000)
        self.people.setSuffix(tr(" 人"))
        self.materials = self.add_field(tr("发放资料"), "materials", QSpinBox())
        self.materials.setRange(0, 100_000)
        self.materials.setSuffix(tr(" 份"))
        self.givers = self.add_field(tr("参加人员"), "giver_ids", CheckList())
        self.givers.set_items(member_choices(services), [services.actor.member_id] if services.actor.member_id else [])
        self.others = self.add_field(tr("其他参加人员"), "other_givers", QLineEdit())
        self.others.setPlaceholderText(tr("志愿者等"))
        self.notes = self.add_field(tr("内容摘要"), "notes", QPlainTextEdit())
        self.notes.setFixedHeight(60)
        if talk_id is not None:
            t = services.talks.get(talk_id)
            self.enable_history(f"{t.topic}宣传", lambda: services.history("prevention_talk", talk_id))
            self.day.setDate(qdate(t.day))
            if t.start_time and t.end_time:
                self.timed.setChecked(True)
                self.start.setTime(time_edit(t.start_time).time())
                self.end.setTime(time_edit(t.end_time).time())
            combo_select(self.grid, t.grid_id)
            self.place.setText(t.place)
            self.topic.setCurrentText(t.topic)
            self.audience.setText(t.audience)
            self.people.setValue(t.people_reached)
            self.materials.setValue(t.materials)
            self.givers.set_checked(t.giver_ids)
            self.others.setText(t.other_givers)
            self.notes.setPlainText(t.notes)

    def data(self) -> TalkInput:
        timed = self.timed.isChecked()
        return TalkInput(
            pydate(self.day.date()), self.place.text(), self.topic.currentText(), self.grid.currentData(),
            py_time(self.start) if timed else None, py_time(self.end) if timed else None, self.audience.text(),
            self.people.value(), self.materials.value(), self.givers.checked_ids(), self.others.text(),
            self.notes.toPlainText(),
        )  # fmt: skip

    def submit(self) -> None:
        if self.talk_id is None:
            self.saved_id = self.services.talks.create(self.data())
        else:
            self.services.talks.update(self.talk_id, self.data())
            self.saved_id = self.talk_id


def talk_columns() -> list[Column[TalkRow]]:
    people = lambda r: "、".join(r.givers) + (f"、{r.other_givers}" if r.other_givers else "")  # noqa: E731
    return [
        Column(tr("日期"), lambda r: f"{r.day:%Y-%m-%d}", export=lambda r: r.day),
        Column(tr("主题"), lambda r: r.topic),
        Column(tr("地点"), lambda r: r.place),
        Column(tr("网格"), lambda r: r.grid),
        Column(tr("对象"), lambda r: r.audience),
        Column(tr("人数"), lambda r: r.people_reached, align_right=True),
        Column(tr("发放资料（份）"), lambda r: r.materials, align_right=True),
        Column(tr("参加人员"), people, tooltip=people),
    ]


class TalksPage(ListPage):
    kind = "prevention_talk"
    noun = "宣传记录"
    dialog_class = TalkDialog
    export_name = "防范宣传记录"

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        self.services, self.bus = services, bus
        model: ListTableModel[TalkRow] = ListTableModel(talk_columns(), self._load)
        self.topic_filter = QComboBox()
        self.topic_filter.addItem(tr("全部主题"), None)
        for t in services.talks.topics():
            self.topic_filter.addItem(t, t)
        super().__init__(model, tr("搜索：地点、主题、对象"), services, bus, parent)
        self.new_button.setText(tr("登记宣传"))
        self.add_filter_row(self.topic_filter)
        bus.changed.connect(lambda kind, _ids: kind == "prevention_talk" and self.reload())
        self.reload()
        self.resize_columns([90, 110, 160, 160, 120, 60, 110, 200])

    def _load(self, _sort: str | None, _descending: bool) -> list[TalkRow]:
        return self.services.talks.list(query=self.query, topic=self.topic_filter.currentData())

    def record_service(self):  # noqa: ANN201
        return self.services.talks

    def row_title(self, row: TalkRow | None) -> str:  # type: ignore[override]
        return f"{row.day} {row.topic}" if row is not None else ""
