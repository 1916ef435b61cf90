"""导入Excel on the residents page: the import wizard over the resident ledger service."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from policeroom.services.people.ledger_io import GridChoice
from policeroom.services.registry import Services
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.import_wizard import ImportWizard

HINT = (
    "从 Excel 居民台账（.xlsx）导入居民。第一行可以是标题，程序会自动找到表头行，并按常见列名"
    "（姓名、身份证号/公民身份号码、性别、出生日期、民族、联系电话/手机、住址/现住址、网格/所属网格、备注）"
    "对应各列，下一步可以修改。\n\n"
    "每一行都会先核对：身份证号校验位、电话、网格等有问题的行会逐行列出原因，不会导入。"
    "身份证号已登记的居民不会重复登记，而是用表中非空的内容更新。确认之前不会写入任何数据。"
)


class ResidentImportDialog(ImportWizard):
    """Import the resident ledger (居民台账) from Excel."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services.resident_ledger, tr("导入居民台账"), tr(HINT), parent)
        from policeroom.ui.widgets.import_choices import GridChoiceBox

        services.resident_ledger.grid_choice = GridChoice()
        grids = [(g.id, f"{g.code} {g.name}") for g in services.grids.list()]
        self.add_choice_box(GridChoiceBox(services.resident_ledger.grid_choice, grids, self))

    def done_message(self, result) -> str:  # noqa: ANN001
        return tr("导入完成：新增居民 {c} 人，更新已登记居民 {u} 人。").format(c=result.created, u=result.updated)
