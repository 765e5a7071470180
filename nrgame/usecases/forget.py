"""Forget and purge: personal data erased on request or after its keeping time, the
indicators kept (docs/donnees-personnelles.md)."""

from __future__ import annotations

from nrgame.storage.privacy import Forgotten as Forgotten
from nrgame.storage.privacy import PrivacyError as PrivacyError
from nrgame.storage.privacy import Purged as Purged
from nrgame.storage.privacy import backup_copies as backup_copies
from nrgame.storage.privacy import forget_learner as forget_learner
from nrgame.storage.privacy import purge as purge
