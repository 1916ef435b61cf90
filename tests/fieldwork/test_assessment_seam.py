"""Visits and patrols in the 网格员考核 (seam 2): 走访完成率 and 巡防完成率 with numerator/denominator,
weight 0 unless the officer weights them, each number opening its records, on screen and in the PDF."""

from __future__ import annotations

import io
import os
from datetime import date, time

import pytest

from policeroom.services.fieldwork.types import VisitInput
from tests.fieldwork.helpers import community, household, patrol, worker
from tests.fieldwork.test_worklog import shifts

TODAY = date(2026, 11, 27)
MON = date(2026, 11, 23)


def _month(officer) -> dict[str, int]:  # noqa: ANN001
    ids = community(officer)
    h1 = household(officer, ids, "301", "困难家庭")
    household(officer, ids, "302", "困难家庭")
    officer.households.create_visit(VisitInput(h1, date(2026, 11, 20), ids["w1"], purpose="走访"))
    shifts(officer, [(ids["w1"], MON, "patrol", ids["g1"]), (ids["w1"], date(2026, 11, 24), "patrol", ids["g1"]),
                     (ids["w1"], date(2026, 11, 25), "patrol", ids["g1"])])  # fmt: skip
    ids["p"] = patrol(officer, ids, MON, [time(19, 5), time(19, 10), time(19, 30), time(19, 40)])
    ids["h1"] = h1
    return ids


@pytest.mark.today(TODAY)
def test_visit_and_patrol_rates_are_in_the_sheet_unscored_by_default(officer) -> None:  # noqa: ANN001
    ids = _month(officer)
    sheet = officer.assessment.sheet("2026-11")
    row = next(r for r in sheet.rows if r.member_id == ids["w1"])
    rates = {r.spec.key: r for r in row.rates}
    assert (rates["visit_rate"].numerator, rates["visit_rate"].denominator) == (1, 2)
    assert (rates["patrol_rate"].numerator, rates["patrol_rate"].denominator) == (1, 3)
    assert rates["visit_rate"].spec.label == "走访完成率" and rates["patrol_rate"].spec.label == "巡防完成率"
    facts = {f.key: f.value for f in row.facts}
    assert (facts["visits_due"], facts["visits_done"], facts["patrols_planned"], facts["patrols_recorded"]) == (2, 1, 3, 1)
    assert sheet.weights["visit_rate"] == 0 and sheet.weights["patrol_rate"] == 0
    before = row.score
    weights = dict(sheet.weights, visit_rate=50, patrol_rate=50)
    officer.assessment.save_weights(weights)
    after = next(r for r in officer.assessment.sheet("2026-11").rows if r.member_id == ids["w1"])
    assert after.score != before
    assert "走访完成率×50" in officer.assessment.sheet("2026-11").formula
    assert any("应走访户数" in d for d in sheet.definitions)


@pytest.mark.today(TODAY)
def test_each_fieldwork_number_opens_its_records(officer) -> None:  # noqa: ANN001
    ids = _month(officer)
    rec = officer.assessment.records
    assert [(r.kind, r.id, r.status) for r in rec("2026-11", ids["w1"], "visits_done")] == [("household", ids["h1"], "已走访")]
    assert len(rec("2026-11", ids["w1"], "visits_due")) == 2
    planned = rec("2026-11", ids["w1"], "patrols_planned")
    assert [(r.kind, r.status) for r in planned] == [("patrol_record", "已记录"), ("roster_shift", "未记录"),
                                                     ("roster_shift", "未记录")]  # fmt: skip
    assert [(r.kind, r.id) for r in rec("2026-11", ids["w1"], "patrols_recorded")] == [("patrol_record", ids["p"])]
    assert [r.kind for r in rec("2026-11", ids["w1"], "visits")] == ["household_visit"]
    # the grid worker sees their own numbers
    assert len(worker(officer, ids, "w1").assessment.records("2026-11", ids["w1"], "patrols_planned")) == 3


@pytest.mark.today(TODAY)
def test_printed_sheet_shows_the_fieldwork_rates(officer) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    from policeroom.reports.gridwork.assessment import assessment_pdf

    _month(officer)
    pdf = assessment_pdf(officer.assessment.sheet("2026-11"), "安华里社区警务室")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
    assert "走访完成率" in text and "50.0%（1/2）" in text
    assert "巡防完成率" in text and "33.3%（1/3）" in text
    if os.environ.get("POLICEROOM_SHOTS"):
        with open(os.path.join(os.environ["POLICEROOM_SHOTS"], "assessment_fieldwork.pdf"), "wb") as f:
            f.write(pdf)


@pytest.mark.today(TODAY)
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_assessment_screen_shows_and_opens_them(officer, bus, qtbot) -> None:  # noqa: ANN001
    from policeroom.ui.fieldwork.households import HouseholdDialog
    from policeroom.ui.fieldwork.patrol_dialog import PatrolDialog
    from policeroom.ui.gridwork.assessment import AssessmentPage, RecordsDialog
    from tests.ui.requests.test_requests_ui import run_modal

    ids = _month(officer)
    page = AssessmentPage(officer, bus)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    col = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())].index("张秀兰")
    rows = {page.table.verticalHeaderItem(r).text(): r for r in range(page.table.rowCount())}
    assert page.table.item(rows["走访完成率"], col).text() == "50.0%（1/2）"
    assert page.table.item(rows["巡防完成率"], col).text() == "33.3%（1/3）"
    if os.environ.get("POLICEROOM_SHOTS"):
        page.grab().save(os.path.join(os.environ["POLICEROOM_SHOTS"], "assessment_fieldwork.png"))
    dlg = page.open_cell(rows["已走访户数"], col)
    assert isinstance(dlg, RecordsDialog) and dlg.table.rowCount() == 1
    seen: list[object] = []
    run_modal(lambda: dlg.open_row(0), lambda d: (seen.append(type(d)), d.reject()))
    dlg.close()
    dlg = page.open_cell(rows["巡防完成率"], col)  # the rate opens its numerator's records
    assert dlg.table.rowCount() == 1 and dlg.lines[0].id == ids["p"]
    run_modal(lambda: dlg.open_row(0), lambda d: (seen.append(type(d)), d.reject()))
    dlg.close()
    assert seen == [HouseholdDialog, PatrolDialog]
