"""OpenDocument spreadsheet (the open format French administrations are asked to use).

One sheet per table: a bold header row, then the rows; numbers are typed cells, so the
spreadsheet computes with them.
"""

from __future__ import annotations

import io
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table as OdsTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import P

from nrgame.reports.tables import Cell, Table, as_text


def render_ods(tables: list[Table]) -> bytes:
    doc = OpenDocumentSpreadsheet()
    bold = Style(name="entete", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    widths: dict[int, Any] = {}
    for table in tables:
        sheet = OdsTable(name=table.name)
        for index, title in enumerate(table.headers):
            width = max([len(title)] + [len(as_text(row[index])) for row in table.rows])
            key = min(60, max(8, width))
            if key not in widths:
                style = Style(name=f"col{key}", family="table-column")
                style.addElement(TableColumnProperties(columnwidth=f"{0.22 * key:.2f}cm"))
                doc.automaticstyles.addElement(style)
                widths[key] = style
            sheet.addElement(TableColumn(stylename=widths[key]))
        header = TableRow()
        for title in table.headers:
            cell = TableCell(valuetype="string", stylename=bold)
            cell.addElement(P(text=title))
            header.addElement(cell)
        sheet.addElement(header)
        for row in table.rows:
            line = TableRow()
            for value in row:
                line.addElement(_cell(value))
            sheet.addElement(line)
        doc.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _cell(value: Cell) -> TableCell:
    if value is None:
        return TableCell()
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=as_text(value)))
        return cell
    cell = TableCell(valuetype="string")
    cell.addElement(P(text=as_text(value)))
    return cell
