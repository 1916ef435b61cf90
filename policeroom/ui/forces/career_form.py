"""Adding a training (培训), a commendation (表彰) or the year's evaluation (年度评价) to a volunteer."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from policeroom.models import VolunteerCommendation, VolunteerEvaluation, VolunteerTraining
from policeroom.services.core import clock
from policeroom.services.forces.types import EVALUATION_GRADES
from policeroom.services.registry import Services
from policeroom.ui.widgets.fields import OptionalDateEdit
from policeroom.ui.widgets.forms import RecordDialog, tr

TITLES = {"training": "添加培训记录", "commendation": "添加表彰记录", "evaluation": "年度评价"}


class CareerDialog(RecordDialog):
    def __init__(self, services: Services, volunteer_id: int, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(tr(TITLES[kind]), parent)
        self.services, self.volunteer_id, self.kind = services, volunteer_id, kind
        self.limits_from = {"training": VolunteerTraining, "commendation": VolunteerCommendation,
                            "evaluation": VolunteerEvaluation}[kind]  # fmt: skip
        if kind == "evaluation":
            self.year = self.add_field(tr("年度"), "year", QSpinBox())
            self.year.setRange(2000, clock.today().year)
            self.year.setValue(clock.today().year)
            self.grade = self.add_field(tr("评价等次"), "grade", QComboBox())
            self.grade.addItems(list(EVALUATION_GRADES))
            self.remarks = self.add_field(tr("评语"), "remarks", QLineEdit())
            return
        self.on = self.add_field(tr("日期"), "on", OptionalDateEdit())
        self.on.set_value(clock.today())
        self.title = self.add_field(tr("培训内容") if kind == "training" else tr("表彰名称"), "title", QLineEdit())
        if kind == "training":
            self.hours = self.add_field(tr("学时"), "hours", QSpinBox())
            self.hours.setRange(0, 1000)
            self.organiser = self.add_field(tr("组织单位"), "organiser", QLineEdit())
        else:
            self.issuer = self.add_field(tr("授予单位"), "issuer", QLineEdit())

    def submit(self) -> None:
        career = self.services.volunteer_career
        if self.kind == "evaluation":
            career.set_evaluation(self.volunteer_id, self.year.value(), self.grade.currentText(), self.remarks.text())
        elif self.kind == "training":
            career.add_training(self.volunteer_id, self.on.value(), self.title.text(), self.hours.value(),
                                self.organiser.text())
        else:
            career.add_commendation(self.volunteer_id, self.on.value(), self.title.text(), self.issuer.text())
