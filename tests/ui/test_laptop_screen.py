"""Everything fits a 1366×768 laptop (issue 11, item 14).

The main window at 1366×728 (768 minus the taskbar) opens every page and tab: no column header and no
placeholder is cut, and the wide lists need no horizontal scroll. Every dialog in ``policeroom/ui`` is
built with demo data: it fits the screen with its buttons, and a form's labels sit beside their boxes.
A new dialog class without an entry in ``_dialogs()`` fails the test.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from sqlalchemy import select

import policeroom.ui
from policeroom.db import open_database
from policeroom.services.registry import Services
from tests.timing import frozen

NOW = datetime(2026, 12, 3, 10, 15)
pytestmark = pytest.mark.today(NOW)
SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 minus the taskbar
TITLE_BAR = 32  # the window frame the offscreen platform does not draw
#: padding of a header section / line edit in the qt-material theme (text + this must fit the width)
HEADER_PAD = 12
EDIT_PAD = 16
CELL_PAD = 8
#: cells up to this many characters are values (dates, states, figures) that must show whole; longer
#: ones (descriptions, addresses) may end in … and show whole in their tooltip or detail
SHORT = 15


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path, qapp):  # noqa: ANN001, ANN201
    from policeroom.services.demo.seed import DEMO_PASSWORD, seed_demo
    from policeroom.ui.theme import apply_theme, setup_fonts

    tmp = tmp_path_factory.mktemp("laptop")
    shutil.copy(migrated_template, tmp / "demo.db")
    db = open_database("sqlite:///" + str(tmp / "demo.db"))
    services = Services(db.sessions)
    setup_fonts(qapp)
    apply_theme(qapp, dark=False, cache_dir=tmp / "theme")
    with frozen(NOW):
        result = seed_demo(services.ctx, residents=60, requests_per_year=120)
    services.sign_in(services.accounts.authenticate(result.officer_username, DEMO_PASSWORD))
    yield services, db, tmp
    qapp.setStyleSheet("")
    db.close()


def _first(db, model):  # noqa: ANN001, ANN202
    with db.sessions() as s:
        return s.scalars(select(model.id).order_by(model.id)).first()


def _dialogs(services: Services, db, parent: QWidget) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    from policeroom.models import AssistanceRequest, MediationCase, RecordKind, Resident
    from policeroom.ui.bus import ChangeBus

    bus = ChangeBus()
    request = services.requests.get(_first(db, AssistanceRequest))
    case = services.cases.get(_first(db, MediationCase))
    account = services.accounts.list()[-1]
    member = services.team.list()[0]

    def ui(path: str) -> object:
        return importlib.import_module("policeroom.ui." + path)

    def login() -> QDialog:
        return ui("login").LoginDialog(lambda: services, "wangjianjun", "安华里社区警务室", parent)

    def step(name: str) -> Callable[[], QDialog]:
        module = "oversight" if hasattr(ui("requests.oversight"), name) else "steps"
        return lambda: getattr(ui("requests." + module), name)(services, request, parent)

    def case_step(name: str, **kw) -> Callable[[], QDialog]:  # noqa: ANN003
        return lambda: getattr(ui("mediation.steps"), name)(services, case, parent=parent, **kw)

    def pdf() -> QDialog:
        return ui("widgets.pdf_preview").PdfPreviewDialog(_any_pdf(), "测试.pdf", parent)

    today = date(2026, 12, 3)
    return {
        "FirstRunDialog": lambda: ui("first_run").FirstRunDialog(services, parent),
        "LoginDialog": login,
        "RecoveryKeyDialog": lambda: ui("vault.recovery_key").RecoveryKeyDialog(
            "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2", room_name="安华里社区警务室", database="C:/警务室/policeroom.db",
            converted=True, parent=parent),
        "HandoverDialog": lambda: ui("roster.duty").HandoverDialog(services, today, parent),
        "CellDialog": lambda: ui("roster.grid").CellDialog(services, member.name, today, [], False, parent),
        "ShiftDialog": lambda: ui("roster.setup").ShiftDialog(services, None, parent),
        "NeedDialog": lambda: ui("roster.setup").NeedDialog(services, None, parent),
        "AbsenceDialog": lambda: ui("roster.availability").AbsenceDialog(services, None, parent),
        "PreferenceDialog": lambda: ui("roster.availability").PreferenceDialog(services, None, parent),
        "SwapDialog": lambda: ui("roster.swaps").SwapDialog(services, parent),
        "HolidayDialog": lambda: ui("roster.setup_calendar").HolidayDialog(services, 2027, parent),
        "AccountDialog": lambda: ui("settings.accounts").AccountDialog(services, parent),
        "AccountEditDialog": lambda: ui("settings.accounts").AccountEditDialog(services, account, parent),
        "ChangePasswordDialog": lambda: ui("settings.password").ChangePasswordDialog(services, parent),
        "ResetPasswordDialog": lambda: ui("settings.password").ResetPasswordDialog(services, account, parent),
        "RequestDialog(new)": lambda: ui("requests.register").RequestDialog(services, None, parent),
        "RequestDialog": lambda: ui("requests.register").RequestDialog(services, request.id, parent),
        **{name: step(name) for name in (
            "SuperviseDialog", "ReplyDialog", "ExtensionDialog", "DecideExtensionDialog", "ResumeDialog",
            "DispatchDialog", "ActionDialog", "FeedbackDialog", "VisitDialog", "CloseDialog", "ReferDialog",
            "VoidDialog", "ReworkDialog", "ParkDialog")},
        "RequestDetailDialog": lambda: ui("requests.detail").RequestDetailDialog(services, bus, request.id, parent),
        "CaseDialog(new)": lambda: ui("mediation.case_form").CaseDialog(services, None, parent),
        "CaseDialog": lambda: ui("mediation.case_form").CaseDialog(services, case.id, parent),
        "DisputeDialog(new)": lambda: ui("mediation.disputes").DisputeDialog(services, None, parent),
        "DisputeImportDialog": lambda: ui("mediation.dispute_import").DisputeImportDialog(services, parent),
        "CaseRecordDialog": case_step("CaseRecordDialog", kind=RecordKind.session),
        "AgreementDialog": case_step("AgreementDialog"),
        "FailDialog": case_step("FailDialog"),
        "PerformanceDialog": case_step("PerformanceDialog"),
        "mediation.VisitDialog": case_step("VisitDialog"),
        "ConfirmationDialog": case_step("ConfirmationDialog"),
        "ArchiveDialog": case_step("ArchiveDialog"),
        "PartyDialog": lambda: ui("mediation.parties").PartyDialog(services, None, full=True, parent=parent),
        "CaseDetailDialog": lambda: ui("mediation.detail").CaseDetailDialog(services, bus, case.id, parent),
        "HistoryDialog": lambda: ui("widgets.history").HistoryDialog(
            "QZ2026-000001", services.history("assistance_request", request.id), parent),
        "PdfPreviewDialog": pdf,
        "ResidentDialog(new)": lambda: ui("people.residents").ResidentDialog(services, None, parent),
        "ResidentDialog": lambda: ui("people.residents").ResidentDialog(services, _first(db, Resident), parent),
        "GridDialog": lambda: ui("people.grids").GridDialog(services, None, parent),
        "ResidentImportDialog": lambda: ui("people.import_dialog").ResidentImportDialog(services, parent),
        "TeamMemberDialog": lambda: ui("people.team").TeamMemberDialog(services, member.id, parent),
        **_forces_dialogs(services, db, parent),
        **_tip_dialogs(services, db, parent, bus),
        **_activities_dialogs(services, db, parent),
        **_gridwork_dialogs(services, db, bus, parent),
        **_fieldwork_dialogs(services, db, parent, ui),
    }


def _forces_dialogs(services: Services, db, parent: QWidget) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    """群防群治: the volunteer, team, partner, unit and drill forms (issue 14)."""
    from policeroom.models import Drill, EmergencyUnit, PartnerUnit, Volunteer, VolunteerTeam

    def ui(path: str) -> object:
        return importlib.import_module("policeroom.ui.forces." + path)

    vid, drill = _first(db, Volunteer), _first(db, Drill)
    return {
        "VolunteerDialog(new)": lambda: ui("volunteer_form").VolunteerDialog(services, None, parent),
        "VolunteerDialog": lambda: ui("volunteer_form").VolunteerDialog(services, vid, parent),
        **{f"CareerDialog({k})": (lambda k=k: ui("career_form").CareerDialog(services, vid, k, parent))
           for k in ("training", "commendation", "evaluation")},
        "StatusDialog": lambda: ui("volunteers").StatusDialog(services, vid, "ZY2026-0001", parent),
        "YearEndDialog": lambda: ui("volunteers").YearEndDialog(services, parent),
        "TeamDialog": lambda: ui("group_forms").TeamDialog(services, _first(db, VolunteerTeam), parent),
        "PartnerDialog": lambda: ui("group_forms").PartnerDialog(services, _first(db, PartnerUnit), parent),
        "UnitDialog": lambda: ui("unit_form").UnitDialog(services, _first(db, EmergencyUnit), parent),
        "DrillDialog": lambda: ui("drill_form").DrillDialog(services, services.emergency.drill(drill).data, drill, parent),
    }


def _tip_dialogs(services: Services, db, parent: QWidget, bus) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    from policeroom.models import Tip
    from policeroom.services.tips.types import Intake
    from policeroom.ui.tips import detail, register, settings, steps

    tip = _first(db, Tip)

    def step(move: str) -> Callable[[], QDialog]:
        return lambda: steps.build(move, services, services.tips.detail(tip), parent)

    return {
        "TipDialog": lambda: register.TipDialog(services, parent),
        "TipDialog(edit)": lambda: register.TipDialog(services, parent, tip_id=tip),
        "CodeDialog": lambda: register.CodeDialog(services, Intake(tip, "JB2026-000001", "1234567890123456"), parent),
        "TipDetailDialog": lambda: detail.TipDetailDialog(services, bus, tip, parent),
        "TipSettingsDialog": lambda: settings.TipSettingsDialog(services, parent),
        **{f"TipStep.{m}": step(m) for m in ("decline", "assign", "verify", "assess", "approve", "notify", "claim")},
    }


def _activities_dialogs(services: Services, db, parent: QWidget) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    """群防群治 · 活动、积分兑换、证明."""
    from policeroom.models import Activity, Volunteer
    from policeroom.ui.bus import ChangeBus

    def ui(path: str) -> object:
        return importlib.import_module("policeroom.ui.activities." + path)

    bus, activity, volunteer = ChangeBus(), _first(db, Activity), _first(db, Volunteer)
    return {
        "ActivityDialog(new)": lambda: ui("form").ActivityDialog(services, None, parent),
        "ActivityDialog": lambda: ui("form").ActivityDialog(services, activity, parent),
        "ActivityDetailDialog": lambda: ui("detail").ActivityDetailDialog(services, bus, activity, parent),
        "ActivitySettingsDialog": lambda: ui("settings").ActivitySettingsDialog(services, parent),
        "ApplyDialog": lambda: ui("points").ApplyDialog(services, volunteer, parent),
        "LedgerDialog": lambda: ui("points").LedgerDialog(services, bus, volunteer, parent),
        "CatalogueDialog": lambda: ui("catalogue").CatalogueDialog(services, parent),
        "IssueDialog": lambda: ui("certificates").IssueDialog(services, parent),
    }


def _gridwork_dialogs(services: Services, db, bus, parent: QWidget) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    """网格工作's dialogs, on the demo's first grid event and place."""
    from policeroom.models import GridEvent, Place, Risk
    from policeroom.services.mediation.types import DisputeInput

    def ui(path: str) -> object:
        return importlib.import_module("policeroom.ui.gridwork." + path)

    event_id, place_id = _first(db, GridEvent), _first(db, Place)
    detail = services.grid_events.get(event_id)
    place = next(p for p in services.places.places() if p.id == place_id)
    draft = DisputeInput(screened_on=date(2026, 12, 3), dispute_type="邻里", risk=Risk.blue, summary="漏水争吵")
    lines = services.assessment.records("2026-11", services.team.list()[3].id, "reported")
    return {
        "EventDialog(new)": lambda: ui("event_form").EventDialog(services, None, parent),
        "EventDialog": lambda: ui("event_form").EventDialog(services, event_id, parent),
        "EventDetailDialog": lambda: ui("event_detail").EventDetailDialog(services, bus, event_id, parent),
        "MoveDialog": lambda: ui("moves").MoveDialog(services, detail, "dispatch", parent),
        "MoveDialog(extend)": lambda: ui("moves").MoveDialog(services, detail, "extend_ask", parent),
        "EventDisputeDialog": lambda: ui("dispute_link").EventDisputeDialog(services, event_id, draft, parent),
        "PlaceDialog": lambda: ui("places").PlaceDialog(services, place_id, parent),
        "InspectionDialog": lambda: ui("places").InspectionDialog(services, place, parent),
        "InspectionsDialog": lambda: ui("places").InspectionsDialog(services, bus, place, parent),
        "ChecklistDialog": lambda: ui("checklists").ChecklistDialog(services, parent),
        "RecordsDialog": lambda: ui("assessment").RecordsDialog(services, bus, "考核记录", lines, parent),
        "WeightsDialog": lambda: ui("assessment").WeightsDialog(services, parent),
    }


def _fieldwork_dialogs(services: Services, db, parent: QWidget, ui) -> dict[str, Callable[[], QDialog]]:  # noqa: ANN001
    from policeroom.models import (
        Household,
        HouseholdVisit,
        PatrolPoint,
        PatrolRecord,
        PreventionTalk,
        WorkLogEntry,
    )

    with db.sessions() as s:
        found = s.scalar(select(PatrolPoint.record_id).where(PatrolPoint.problem.is_(True)).order_by(PatrolPoint.id))
    finding = services.patrols.get(found) if found else None
    route = services.patrols.routes()[0].id
    return {
        "PatrolDialog(new)": lambda: ui("fieldwork.patrol_dialog").PatrolDialog(services, None, parent),
        "PatrolDialog": lambda: ui("fieldwork.patrol_dialog").PatrolDialog(services, _first(db, PatrolRecord), parent),
        "RouteDialog": lambda: ui("fieldwork.routes").RouteDialog(services, route, parent),
        "RoutesDialog": lambda: ui("fieldwork.routes").RoutesDialog(services, parent),
        "FindingDialog": lambda: ui("fieldwork.patrols").FindingDialog(services, finding, parent),
        "HouseholdDialog(new)": lambda: ui("fieldwork.households").HouseholdDialog(services, None, parent),
        "HouseholdDialog": lambda: ui("fieldwork.households").HouseholdDialog(services, _first(db, Household), parent),
        "fieldwork.VisitDialog": lambda: ui("fieldwork.visits").VisitDialog(services, _first(db, HouseholdVisit), parent),
        "TalkDialog": lambda: ui("fieldwork.talks").TalkDialog(services, _first(db, PreventionTalk), parent),
        "EntryDialog": lambda: ui("fieldwork.worklog").EntryDialog(services, _first(db, WorkLogEntry), parent),
    }


#: base classes that are never shown themselves
ABSTRACT = {"RecordDialog", "StepDialog", "ImportWizard", "_Confirmed"}


def _any_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    c = Canvas(out)
    c.drawString(72, 720, "1366")
    c.save()
    return out.getvalue()


def dialog_classes() -> set[str]:
    """Every QDialog subclass defined under policeroom/ui, as ``module.Class``."""
    found = set()
    for info in pkgutil.walk_packages(policeroom.ui.__path__, "policeroom.ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.add(f"{module.__name__}.{name}")
    return found


def _screen_problems(where: str, root: QWidget) -> list[str]:
    """Cut headers, cut placeholders and wide lists among the visible widgets under ``root``."""
    out = []
    for view in root.findChildren(QTableView):
        if not view.isVisible() or view.model() is None:
            continue
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for col in range(header.count()):
            if header.isSectionHidden(col):
                continue
            text = str(view.model().headerData(col, header.orientation()) or "")
            need = max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) + HEADER_PAD
            if header.sectionSize(col) < need and header.sectionResizeMode(col) != QHeaderView.ResizeMode.Stretch:
                out.append(f"{where}: header {text!r} {header.sectionSize(col)} < {need}")
        model = view.model()
        for row in range(min(model.rowCount(), 40)):
            for col in range(header.count()):
                text = str(model.index(row, col).data() or "")
                if (header.isSectionHidden(col) or not text or "\n" in text or len(text) > SHORT
                        or header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch):
                    continue
                need = view.fontMetrics().horizontalAdvance(text) + CELL_PAD
                if header.sectionSize(col) < need:
                    out.append(f"{where}: cell {text!r} under {model.headerData(col, header.orientation())!r} "
                               f"{header.sectionSize(col)} < {need}")
        if view.horizontalScrollBar().maximum() > 0 and view.width() > 900:
            out.append(f"{where}: {view.objectName() or type(view).__name__} scrolls sideways "
                       f"({view.horizontalScrollBar().maximum()} px)")
    for edit in root.findChildren(QLineEdit):
        text = edit.placeholderText()
        if edit.isVisible() and text and edit.fontMetrics().horizontalAdvance(text) + EDIT_PAD > edit.width():
            out.append(f"{where}: placeholder {text!r} {edit.width()} < "
                       f"{edit.fontMetrics().horizontalAdvance(text) + EDIT_PAD}")
    return out


def _tabs_of(root: QWidget):  # noqa: ANN202
    """Show every tab of every tab widget under ``root`` in turn, yielding its title."""
    yield ""
    for tabs in root.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if tabs.isVisible():
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                yield tabs.tabText(i)


def test_every_page_fits_1366(demo, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.main_window import MainWindow
    from policeroom.ui.prefs import Preferences

    services, db, tmp = demo
    prefs = Preferences(QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat))
    win = MainWindow(prefs, room_name="", demo=False)
    qtbot.addWidget(win)
    win.resize(SCREEN.size())
    win.show()
    win.attach(services, db)
    problems = []
    for key in win.NAV:
        page = win.show_module(key)
        QApplication.processEvents()
        if win.width() > SCREEN.width() or win.height() > SCREEN.height():
            problems.append(f"{key}: the window grew to {win.width()}×{win.height()}")
            win.resize(SCREEN.size())
        for tab in _tabs_of(page):
            if win.width() > SCREEN.width() or win.height() > SCREEN.height():
                problems.append(f"{key}/{tab}: the window grew to {win.width()}×{win.height()}")
                win.resize(SCREEN.size())
            problems += _screen_problems(f"{key}/{tab}", page)
            if os.environ.get("POLICEROOM_SHOTS"):
                win.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], f"{key}-{tab}.png"))
    problems = sorted(set(problems))
    print("\n".join(problems))
    assert problems == []


def _form_problems(name: str, dialog: QDialog) -> list[str]:
    out = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if not (label and field and isinstance(label.widget(), QLabel)) or not label.widget().isVisible():
                continue
            box_widget = label.widget().buddy() or field.widget()
            if box_widget is None or not box_widget.isVisible():
                continue
            top = label.widget().mapTo(dialog, QPoint(0, 0)).y()
            box = box_widget.mapTo(dialog, QPoint(0, 0)).y()
            if abs(top - box) > 8:
                out.append(f"{name}: label {label.widget().text()!r} at y={top}, its box at y={box}")
    return out


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Code that sizes itself from the screen sees the laptop's (the offscreen screen is another size)."""
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(SCREEN))
    monkeypatch.setattr(QScreen, "geometry", lambda _self: QRect(0, 0, 1366, 768))


def test_every_dialog_fits_1366(demo, qtbot, laptop_screen) -> None:  # noqa: ANN001
    services, db, _tmp = demo
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(SCREEN.size())
    dialogs = _dialogs(services, db, parent)
    problems, covered = [], set()
    for name, make in dialogs.items():
        dialog = make()
        covered.add(f"{type(dialog).__module__}.{type(dialog).__name__}")
        dialog.show()
        QApplication.processEvents()
        dialog.resize(dialog.size().boundedTo(SCREEN.size()))
        QApplication.processEvents()
        size = dialog.size()
        if size.width() > SCREEN.width() or size.height() + TITLE_BAR > SCREEN.height():
            problems.append(f"{name}: {size.width()}×{size.height()} does not fit the screen")
        for box in dialog.findChildren(QDialogButtonBox):
            for button in box.findChildren(QAbstractButton):
                if button.isVisible():
                    bottom = button.mapTo(dialog, QPoint(0, button.height())).y()
                    if bottom + TITLE_BAR > SCREEN.height() or bottom > dialog.height():
                        problems.append(f"{name}: button {button.text()!r} ends at y={bottom}")
        if os.environ.get("POLICEROOM_SHOTS"):  # for a person to look at: POLICEROOM_SHOTS=out/1366 pytest ...
            dialog.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], f"{name}.png"))
        problems += _form_problems(name, dialog)
        problems += _screen_problems(name, dialog)
        dialog.close()
        dialog.deleteLater()
    missing = {name for name in dialog_classes() if name.rsplit(".", 1)[1] not in ABSTRACT} - covered
    assert missing == set(), "a new dialog needs an entry in _dialogs()"
    print("\n".join(problems))
    assert problems == []

