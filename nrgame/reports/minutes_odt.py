"""The minutes as an OpenDocument text, for the office suite a town hall already uses.

Built from the Markdown of `render_minutes`, which writes only a small subset (headings,
bullets, tables, paragraphs, **bold**): the text is written once, so the two formats never say
different things. odfpy is imported with this module, only when an ODT is asked for.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P, Span

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def render_minutes_odt(markdown: str) -> bytes:
    doc = OpenDocumentText()
    bold = Style(name="gras", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    header = Style(name="entete", family="paragraph")
    header.addElement(TextProperties(fontweight="bold"))
    header.addElement(ParagraphProperties(marginbottom="0.1cm"))
    doc.automaticstyles.addElement(header)
    column = Style(name="colonne", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="5cm"))
    doc.automaticstyles.addElement(column)
    headings = {
        level: _heading_style(doc, level, size) for level, size in ((1, 18), (2, 14), (3, 12))
    }

    def paragraph(text: str, style: Style | None = None) -> P:
        para = P(stylename=style) if style is not None else P()
        for index, part in enumerate(_BOLD.split(_unescape(text))):
            if index % 2:
                para.addElement(Span(stylename=bold, text=part))
            elif part:
                para.addText(part)
        return para

    bullets: List | None = None
    rows: list[list[str]] = []
    for line in markdown.splitlines():
        if not line.startswith("- "):
            bullets = None
        if line.startswith("|"):
            rows.append(_cells(line))
            continue
        if rows:
            doc.text.addElement(_table(rows, header, column, paragraph))
            rows = []
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            heading = H(outlinelevel=level, stylename=headings[min(level, 3)])
            heading.addText(line[level:].strip())
            doc.text.addElement(heading)
        elif line.startswith("- "):
            if bullets is None:
                bullets = List()
                doc.text.addElement(bullets)
            item = ListItem()
            item.addElement(paragraph(line[2:]))
            bullets.addElement(item)
        elif line.strip():
            doc.text.addElement(paragraph(line))
    if rows:
        doc.text.addElement(_table(rows, header, column, paragraph))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _heading_style(doc: OpenDocumentText, level: int, size: int) -> Style:
    style = Style(name=f"titre{level}", family="paragraph")
    style.addElement(TextProperties(fontsize=f"{size}pt", fontweight="bold"))
    style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.2cm"))
    doc.automaticstyles.addElement(style)
    return style


def _cells(line: str) -> list[str]:
    """« | a | b \\| c | » → ["a", "b | c"]; the separator row « |---|---| » gives []."""
    inner = line.strip().removeprefix("|").removesuffix("|")
    cells = [c.strip().replace("\x00", "|") for c in inner.replace("\\|", "\x00").split("|")]
    return [] if all(set(c) <= {"-"} for c in cells) else cells


def _table(
    rows: list[list[str]],
    header: Style,
    column: Style,
    paragraph: Callable[[str, Style | None], P],
) -> Table:
    kept = [row for row in rows if row]
    table = Table()
    for _ in kept[0]:
        table.addElement(TableColumn(stylename=column))
    for index, cells in enumerate(kept):
        row = TableRow()
        for text in cells:
            cell = TableCell(valuetype="string")
            cell.addElement(paragraph(text, header if index == 0 else None))
            row.addElement(cell)
        table.addElement(row)
    return table


def _unescape(text: str) -> str:
    return text.replace("\\|", "|")
