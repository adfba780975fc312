"""Records of what the access-control additions keep: Kinde's system permissions and the
environment the business runs in.

Role system permission ids live on :class:`records.Role`, a member's API scope grants on
:class:`records_users.OrganizationUser` and a user's password on :class:`records_users.User`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["SYSTEM_PERMISSIONS", "Environment", "SystemPermission", "system_permission_id"]

#: Kinde's system permissions (they govern the self-serve portal). The live set is Kinde's and
#: grows; these are the ones its docs name ("org:write:billing" in "Enable self-serve portal
#: for orgs"; "org:read:billing" in the spec's example) and a few like them.
SYSTEM_PERMISSIONS = (
    ("org:read:billing", "Read billing details", "View plan and billing details"),
    ("org:write:billing", "Update billing details", "Change plan and update card details"),
    ("org:read:members", "Read members", "View the organization's members"),
    ("org:write:members", "Manage members", "Invite, update and remove members"),
)


def system_permission_id(key: str) -> str:
    """A system permission's id, e.g. ``perm_019541f3fa0c874fc47b3ae73585b21c``: the same for
    a key in every emulator (they are Kinde's, not the business's), so a program or test can
    name one without looking it up."""
    return "perm_" + hashlib.sha256(key.encode()).hexdigest()[:32]


@dataclass
class SystemPermission:
    """A permission Kinde defines (not the business): it cannot be created or deleted."""

    id: str
    key: str
    name: str
    description: str | None = None


@dataclass
class Environment:
    """The environment the Management API serves (``production`` in the emulator)."""

    code: str
    name: str
    created_on: str
    is_default: bool = True
    is_live: bool = True
    custom_domain: str | None = None
    hotjar_site_id: str | None = None
    google_analytics_tag: str | None = None
    contentsquare_tag_id: str | None = None
    theme_code: str = "user_preference"
