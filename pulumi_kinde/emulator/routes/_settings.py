"""Lookups shared by the business-settings areas (flags, property values)."""

from __future__ import annotations

from pulumi_kinde.emulator.errors import not_found
from pulumi_kinde.emulator.records_settings import FeatureFlag
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.store import Store

__all__ = ["feature_flag", "user_id"]


def feature_flag(store: Store, key: str) -> FeatureFlag:
    """The feature flag ``key``."""
    return _lookup.require(
        store.feature_flags, key, "FEATURE_FLAG_NOT_FOUND", f"Feature flag {key!r} not found"
    )


def user_id(store: Store, id_: str) -> str:
    """``id_`` if a user has it."""
    if store.users.get(id_) is None:
        raise not_found("USER_NOT_FOUND", "User not found")
    return id_
