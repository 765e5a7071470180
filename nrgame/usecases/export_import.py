"""Export and import: pool the sessions, learners and review cards of several laptops.

An imported session already present is never overwritten; the format is storage's.
"""

from __future__ import annotations

from nrgame.storage.records import ImportResult as ImportResult
from nrgame.storage.records import RecordsFileError as RecordsFileError
from nrgame.storage.records import import_records as import_records
from nrgame.storage.records import read_export as read_export
from nrgame.storage.records import write_export as write_export
