"""Export and import: pool the sessions, learners and review cards of several laptops.

An imported session already present is never overwritten; the format is storage's.
"""

from __future__ import annotations

from nrgame.storage.exchange import ImportResult as ImportResult
from nrgame.storage.exchange import import_records as import_records
from nrgame.storage.exchange import write_export as write_export
from nrgame.storage.records_file import RecordsFileError as RecordsFileError
from nrgame.storage.records_file import read_export as read_export
