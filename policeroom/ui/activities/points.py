"""积分兑换 tab: volunteers' hours, points and stars; redemptions 申请 → 审批 → 发券 → 核销 | 过期 | 撤销."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from policeroom.models import REDEMPTION_STATUS_LABELS
from policeroom.services.activities.types import LedgerLine, RedemptionRow, VolunteerStanding
from policeroom.services.registry import Services
from policeroom.ui.activities.common import (
    KINDS,
    VolunteerPicker,
    ask_text,
    export_view,
    hours,
    points,
    run,
    selected_id,
    table,
)
from policeroom.ui.bus import ChangeBus
from policeroom.ui.requests.common import fmt_dt
from policeroom.ui.widgets.forms import tr
from policeroom.ui.widgets.list_page import SearchBox
from policeroom.ui.widgets.table import Column, IdWindowModel, ListTableModel


class StandingModel(IdWindowModel[VolunteerStanding]):
    """Ten thousand volunteers: ids in order, rows (with hours, points, star) a page at a time."""

    def row_id(self, row: VolunteerStanding) -> int:
        return row.volunteer.id


STANDING_COLUMNS = [
    Column(tr("志愿者编号"), lambda r: r.volunteer.number),
    Column(tr("姓名"), lambda r: r.volunteer.name),
    Column(tr("星级"), lambda r: r.star_label),
    Column(tr("确认时长（小时）"), lambda r: hours(r.minutes), align_right=True),
    Column(tr("积分余额"), lambda r: points(r.points), align_right=True),
]
REDEMPTION_COLUMNS = [
    Column(tr("兑换券号"), lambda r: r.number or tr("（未发券）")),
    Column(tr("志愿者"), lambda r: f"{r.volunteer_name}（{r.volunteer_number}）"),
    Column(tr("物品"), lambda r: r.item),
    Column(tr("积分"), lambda r: r.points, align_right=True),
    Column(tr("申请时间"), lambda r: fmt_dt(r.applied_at)),
    Column(tr("状态"), lambda r: r.status_label, tooltip=lambda r: r.closed_reason),
    Column(tr("有效期至"), lambda r: str(r.valid_until or "")),
    Column(tr("核销"), lambda r: f"{r.redeemed_by} {r.redeemed_place}".strip()),
]
LINE_COLUMNS = [
    Column(tr("时间"), lambda r: fmt_dt(r.at)),
    Column(tr("类别"), lambda r: r.kind),
    Column(tr("摘要"), lambda r: r.summary + (tr("（已冲正）") if r.reversed else "")),
    Column(tr("变动"), lambda r: points(r.amount), align_right=True),
    Column(tr("余额"), lambda r: points(r.balance_after), align_right=True),
    Column(tr("经办人"), lambda r: r.operator),
    Column(tr("原因"), lambda r: r.reason),
]


class PointsTab(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus = services, bus
        self.query = ""
        # -- left: volunteers --
        self.search = SearchBox(tr("搜索姓名或志愿者编号"))
        self.search.search.connect(self._search)
        self.standings = StandingModel(
            STANDING_COLUMNS, lambda _k, _d: services.points.standing_ids(self.query), services.points.standings_for
        )
        self.people = table(self.standings, [110, 90, 120, 130, 90])
        self.bonus_button = QPushButton(tr("奖励/调整积分"))
        self.bonus_button.setToolTip(tr("表彰、介绍新志愿者等奖励，或扣减；须写明原因（社区民警）"))
        self.lines_button = QPushButton(tr("积分明细"))
        self.passbook_button = QPushButton(tr("打印存折"))
        self.export_people = QPushButton(tr("导出Excel"))
        self.export_people.clicked.connect(lambda: export_view(self, services, self.people, tr("志愿者时长与积分")))
        left_bar = QHBoxLayout()
        for b in (self.bonus_button, self.lines_button, self.passbook_button, self.export_people):
            left_bar.addWidget(b)
        left_bar.addStretch(1)
        left = QGroupBox(tr("志愿者时长与积分"))
        ll = QVBoxLayout(left)
        ll.addWidget(self.search)
        ll.addWidget(self.people, 1)
        ll.addLayout(left_bar)
        # -- right: redemptions --
        self.status_filter = QComboBox()
        self.status_filter.addItem(tr("全部状态"), None)
        for st, label in REDEMPTION_STATUS_LABELS.items():
            self.status_filter.addItem(label, st.value)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.redemptions = ListTableModel(REDEMPTION_COLUMNS, lambda _k, _d: self.services.rewards.rows(self.status_filter.currentData()))
        self.vouchers = table(self.redemptions, [130, 170, 150, 50, 140, 70, 100])
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, label in (("apply", "申请兑换"), ("approve", "审批"), ("issue", "发券"), ("redeem", "核销"),
                           ("revoke", "撤销"), ("print", "打印兑换券"), ("expire", "过期处理"), ("items", "兑换物品"),
                           ("export", "导出Excel")):  # fmt: skip
            b = QPushButton(tr(label))
            b.clicked.connect(lambda _c=False, k=key: self.act(k))
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addStretch(1)
        right = QGroupBox(tr("积分兑换"))
        rl = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("状态")))
        top.addWidget(self.status_filter)
        top.addStretch(1)
        rl.addLayout(top)
        rl.addWidget(self.vouchers, 1)
        rl.addLayout(bar)
        self.waiting = QLabel()
        rl.addWidget(self.waiting)
        split = QSplitter(Qt.Orientation.Vertical)  # both tables the window's width (a 1366 laptop too)
        split.addWidget(left)
        split.addWidget(right)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.bonus_button.clicked.connect(lambda: self.bonus())
        self.lines_button.clicked.connect(self.show_lines)
        self.passbook_button.clicked.connect(self.print_passbook)
        officer = services.actor.role.value == "officer"
        self.bonus_button.setEnabled(officer)
        for key in ("approve", "revoke"):
            self.buttons[key].setEnabled(officer)
        if services.actor.limited_to_grids:
            for key in ("apply", "issue", "redeem", "expire", "items"):
                self.buttons[key].setEnabled(False)
        bus.changed.connect(lambda kind, _ids: self.reload() if kind in KINDS else None)
        self.reload()

    def _search(self, q: str) -> None:
        self.query = q
        self.standings.reload()

    def reload(self) -> None:
        keep = selected_id(self.vouchers), selected_id(self.people)
        self.standings.reload()
        self.redemptions.reload()
        for view, model, rid in ((self.vouchers, self.redemptions, keep[0]), (self.people, self.standings, keep[1])):
            row = model.row_of_id(rid) if rid is not None else -1
            if row >= 0:
                view.selectRow(row)
        n = self.services.rewards.waiting_approval()
        self.waiting.setText(tr("待审批的兑换申请：{n} 件").format(n=n) if n else tr("没有待审批的兑换申请。"))

    def volunteer(self) -> int | None:
        return selected_id(self.people)

    # -- points ---------------------------------------------------------------------------
    def bonus(self, volunteer_id: int | None = None, amount: float | None = None, reason: str | None = None) -> bool:
        vid = volunteer_id or self.volunteer()
        if vid is None:
            return False
        if amount is None:
            amount, ok = QInputDialog.getDouble(self, tr("奖励/调整积分"), tr("积分（扣减写负数）"), 5, -10000, 10000, 1)
            if not ok:
                return False
        if reason is None:
            reason, ok = ask_text(self, tr("奖励/调整积分"), tr("原因（如：年度优秀志愿者表彰、介绍新志愿者加入）"))
            if not ok:
                return False
        done = run(self, self.services.points.bonus, vid, amount, reason)
        if done:
            self.bus.notify("points")
        return done

    def show_lines(self) -> None:
        vid = self.volunteer()
        if vid is not None:
            LedgerDialog(self.services, self.bus, vid, self).exec()

    def print_passbook(self) -> None:
        from policeroom.reports.activities.papers import passbook_pdf
        from policeroom.ui.widgets.pdf_preview import show_pdf

        vid = self.volunteer()
        if vid is not None:
            book = self.services.certificates.passbook(vid)
            self.services.record_output("print", f"志愿服务积分存折 {book.volunteer.number}")
            show_pdf(self, passbook_pdf(book), f"积分存折-{book.volunteer.number}.pdf")

    # -- redemptions ----------------------------------------------------------------------
    def act(self, key: str, rid: int | None = None, **answers: object) -> bool:
        r = self.services.rewards
        if key == "items":
            from policeroom.ui.activities.catalogue import CatalogueDialog

            CatalogueDialog(self.services, self).exec()
            return True
        if key == "export":
            filters = self.status_filter.currentText() if self.status_filter.currentIndex() > 0 else ""
            return export_view(self, self.services, self.vouchers, tr("积分兑换登记"), filters) is not None
        if key == "apply":
            return self.apply_for(answers.get("volunteer_id"), answers.get("item_id"))  # type: ignore[arg-type]
        if key == "expire":
            out: list[int] = []
            ok = run(self, lambda: out.append(r.expire_overdue()))
            if ok:
                self.waiting.setText(tr("已处理过期兑换券 {n} 张，积分已退回。").format(n=out[0]))
                self._changed()
            return ok
        rid = rid or selected_id(self.vouchers)
        if rid is None:
            return False
        if key == "print":
            self.print_voucher(rid)
            return True
        if key == "redeem":
            by = answers.get("by") or ask_text(self, tr("核销"), tr("核销人"))[0]
            place = answers.get("place") or ask_text(self, tr("核销"), tr("核销地点"))[0]
            ok = run(self, r.redeem, rid, by, place)
        elif key == "revoke":
            reason = answers.get("reason")
            if reason is None:
                reason, accepted = ask_text(self, tr("撤销兑换"), tr("撤销原因（积分将退回）"))
                if not accepted:
                    return False
            ok = run(self, r.revoke, rid, reason)
        else:
            ok = run(self, {"approve": r.approve, "issue": r.issue}[key], rid)
        if ok:
            self._changed()
            if key == "issue" and answers.get("preview", True):
                self.print_voucher(rid)
        return ok

    def _changed(self) -> None:
        self.bus.notify("redemption")
        self.bus.notify("points")

    def apply_for(self, volunteer_id: int | None = None, item_id: int | None = None) -> bool:
        if volunteer_id is None or item_id is None:
            dlg = ApplyDialog(self.services, self.volunteer(), self)
            if not dlg.exec():
                return False
            volunteer_id, item_id = dlg.picker.volunteer_id(), dlg.item.currentData()
        ok = run(self, self.services.rewards.apply, volunteer_id, item_id)
        if ok:
            self._changed()
        return ok

    def voucher_pdf(self, rid: int) -> bytes | None:
        from policeroom.reports.activities.papers import voucher_pdf

        row = next((x for x in self.services.rewards.rows() if x.id == rid), None)
        if row is None or not row.number:
            return None
        return voucher_pdf(row, self.services.settings.get().room_name)

    def print_voucher(self, rid: int) -> None:
        from policeroom.ui.widgets.pdf_preview import show_pdf

        pdf = self.voucher_pdf(rid)
        if pdf is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, tr("打印兑换券"), tr("该兑换尚未发券，没有兑换券可打印。"))
            return
        self.services.record_output("print", f"积分兑换券 #{rid}")
        show_pdf(self, pdf, "积分兑换券.pdf")


class ApplyDialog(QDialog):
    def __init__(self, services: Services, volunteer_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("申请兑换"))
        self.picker = VolunteerPicker(services)
        if volunteer_id:
            self.picker.select(volunteer_id)
        self.item = QComboBox()
        for it in services.rewards.items(available_only=True):
            self.item.addItem(f"{it.name}（{it.points}分，库存{it.stock}）", it.id)
        form = QFormLayout(self)
        form.addRow(tr("志愿者"), self.picker)
        form.addRow(tr("兑换物品"), self.item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("申请"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class LedgerDialog(QDialog):
    """One volunteer's points ledger; the officer reverses a wrong entry (冲正) with a reason."""

    def __init__(self, services: Services, bus: ChangeBus, volunteer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.bus, self.vid = services, bus, volunteer_id
        st = services.points.standing(volunteer_id)
        self.setWindowTitle(tr("积分明细 — {name}（{number}）").format(name=st.volunteer.name, number=st.volunteer.number))
        self.resize(900, 480)
        self.model = ListTableModel(LINE_COLUMNS, lambda _k, _d: services.points.lines(volunteer_id))
        self.view = table(self.model, [130, 70, 260, 60, 60, 70])
        self.reverse_button = QPushButton(tr("冲正所选记录"))
        self.reverse_button.setEnabled(services.actor.role.value == "officer")
        self.reverse_button.clicked.connect(lambda: self.reverse())
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("确认时长 {h} 小时，积分余额 {p} 分，{star}").format(
            h=hours(st.minutes), p=points(st.points), star=st.star_label or tr("未达星级"))))  # fmt: skip
        lay.addWidget(self.view, 1)
        lay.addWidget(self.reverse_button)
        self.model.reload()

    def reverse(self, entry_id: int | None = None, reason: str | None = None) -> bool:
        entry_id = entry_id or selected_id(self.view)
        if entry_id is None:
            return False
        if reason is None:
            reason, ok = ask_text(self, tr("冲正"), tr("冲正原因"))
            if not ok:
                return False
        done = run(self, self.services.points.reverse, entry_id, reason)
        if done:
            self.bus.notify("points")
            self.model.reload()
        return done


__all__ = ["LedgerLine", "PointsTab", "RedemptionRow"]
