"""Renderers for the annual review: pure functions from indicators to the bytes of a file.

Each renderer is imported when its format is asked for: `nrgame` registers the report command
at every start, and the app's start-up need not load them (see docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nrgame.core.indicators import Indicators

FORMATS = ("md", "csv", "ods", "json")


def render(indicators: Indicators, fmt: str) -> bytes:
    if fmt == "md":
        from nrgame.reports.markdown import render_markdown

        return render_markdown(indicators)
    if fmt == "csv":
        from nrgame.reports.csvfile import render_csv
        from nrgame.reports.tables import tables

        return render_csv(tables(indicators))
    if fmt == "ods":
        # odfpy takes a noticeable share of start-up time.
        from nrgame.reports.odsfile import render_ods
        from nrgame.reports.tables import tables

        return render_ods(tables(indicators))
    if fmt == "json":
        from nrgame.reports.jsonfile import render_json

        return render_json(indicators)
    raise ValueError(f"format inconnu : {fmt}")
