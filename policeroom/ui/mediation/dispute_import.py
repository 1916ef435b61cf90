"""导入Excel for the dispute screening ledger (矛盾纠纷排查台账): the import wizard over its service.

The dispute ledger page opens it with ``DisputeImportDialog(services, page).exec()`` and reloads
when ``result_counts`` is set.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from policeroom.services.registry import Services
from policeroom.ui.i18n import tr
from policeroom.ui.widgets.import_wizard import ImportWizard

HINT = (
    "从 Excel 矛盾纠纷排查台账（.xlsx）导入。第一行可以是标题，程序会自动找到表头行，并按常见列名"
    "（排查日期、网格、纠纷类型、当事人、涉及人数、简要情况、风险等级、化解责任人、化解时限、化解状态等）"
    "对应各列，下一步可以修改。当事人一格可写多人，用顿号分开，电话可写在姓名后的括号中。\n\n"
    "每一行都按台账的规则核对（纠纷类型须在类型表中，责任人须是团队成员，涉及人数不少于当事人……），"
    "有问题的行逐行列出原因，不会导入。排查日期和简要情况都相同的纠纷已在台账中时不再重复登记。"
    "导入的纠纷按排查日期重新编号。确认之前不会写入任何数据。"
)


class DisputeImportDialog(ImportWizard):
    """Import the screening ledger from Excel."""

    existing_updates = False
    existing_text = "台账中已有 {u} 条，不再重复登记"
    existing_note = "台账中已有（排查日期和简要情况相同），跳过"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services.dispute_ledger, tr("导入矛盾纠纷排查台账"), tr(HINT), parent)

    def done_message(self, result) -> str:  # noqa: ANN001
        return tr("导入完成：新增纠纷 {c} 条。").format(c=result.created)
