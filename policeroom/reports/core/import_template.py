"""The blank import template (导入模板): the recognised headers, one example row, the rules; no Qt."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from policeroom.reports.core.xlsx import protect_cells
from policeroom.services.core.imports import ImportSpec


def import_template(spec: ImportSpec, example: Mapping[str, object], rules: Mapping[str, str]) -> bytes:
    """Sheet 1: one header per field (its label) and an example row; sheet 2 (填写说明): per field,
    required or not, the other header names that are recognised, and the rule."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{spec.name}台账"
    ws.append([f.label for f in spec.fields])
    ws.append([example.get(f.key) for f in spec.fields])
    bold = Font(bold=True)
    for i, f in enumerate(spec.fields, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
        ws.column_dimensions[cell.column_letter].width = max(10, len(f.label) * 2 + 4, len(str(example.get(f.key) or "")) + 4)
        ws.cell(row=2, column=i).number_format = "@"  # text: ID numbers keep every digit
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "必填", "也可写作", "填写要求"])
    for f in spec.fields:
        notes.append([f.label, "是" if f.required else "", "、".join(f.aliases), rules.get(f.key, "")])
    notes.append([])
    notes.append(["说明", "", "", "第一行可以是标题；合计、小计行和空行会被跳过；合并单元格的内容适用于它跨越的每一行。"
                  "身份证号已登记的居民会被更新（先显示修改前后内容），姓名或性别不符的行不会导入。"])
    for c in notes[1]:
        c.font = bold
    for col, width in zip("ABCD", (12, 6, 36, 60), strict=True):
        notes.column_dimensions[col].width = width
    for row in notes.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    protect_cells(ws)
    protect_cells(notes)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["import_template"]
