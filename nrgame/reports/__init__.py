"""Renderers for the annual review: pure functions from indicators to the bytes of a file."""

from __future__ import annotations

from nrgame.core.indicators import Indicators
from nrgame.reports.csvfile import render_csv
from nrgame.reports.jsonfile import render_json
from nrgame.reports.markdown import render_markdown
from nrgame.reports.tables import tables

FORMATS = ("md", "csv", "ods", "json")


def render(indicators: Indicators, fmt: str) -> bytes:
    if fmt == "md":
        return render_markdown(indicators)
    if fmt == "csv":
        return render_csv(tables(indicators))
    if fmt == "ods":
        # odfpy takes a noticeable share of start-up time: loaded only when asked for.
        from nrgame.reports.odsfile import render_ods

        return render_ods(tables(indicators))
    if fmt == "json":
        return render_json(indicators)
    raise ValueError(f"format inconnu : {fmt}")
