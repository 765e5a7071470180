"""Recorded sessions: consult them, correct a declared audience (its history kept), delete
one."""

from __future__ import annotations

from nrgame.storage.records import AudienceChange as AudienceChange
from nrgame.storage.records import SessionDetail as SessionDetail
from nrgame.storage.records import SessionRow as SessionRow
from nrgame.storage.records import correct_audience as correct_audience
from nrgame.storage.records import delete_session as delete_session
from nrgame.storage.records import list_sessions as list_sessions
from nrgame.storage.records import session_detail as session_detail
