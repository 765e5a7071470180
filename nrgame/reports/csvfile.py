"""CSV that French Excel opens right: `;` between cells, UTF-8 with a BOM, decimal comma.

One file holds every table, each under its title line and followed by a blank line.
"""

from __future__ import annotations

import csv
import io

from nrgame.reports.tables import Table, as_text


def render_csv(tables: list[Table]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows([as_text(value) for value in row] for row in table.rows)
        writer.writerow([])
    return buffer.getvalue().encode("utf-8-sig")
