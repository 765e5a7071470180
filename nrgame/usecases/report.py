"""Report: the REEN indicators of a period, read from the base and computed by core."""

from __future__ import annotations

from nrgame.core.catalog import Catalog
from nrgame.core.indicator_records import Period
from nrgame.core.indicators import Indicators, compute
from nrgame.storage.reports import read_records
from nrgame.storage.store import Store


def indicators(store: Store, catalog: Catalog, period: Period) -> Indicators:
    return compute(read_records(store, period), catalog)
