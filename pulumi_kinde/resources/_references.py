"""References to other Kinde objects, checked before the first write that would use them.

``Role(permissions=[perm.key])`` used to fail half-way, after the role was created, with
Kinde's bare ``PERMISSION_NOT_FOUND``. Before writing, a resource now checks the ids it
refers to: ids this provider process created or read are known to exist (no request);
otherwise one walk of the list (a fresh one: a listing can move under a concurrent write)
tells, and a missing id fails with what it is instead (another object's key, say) and the
output to use. Nothing here is pickled; the memory lives as long as the provider process.
"""

from __future__ import annotations

import difflib
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from ..client import KindeClient, KindeError

__all__ = [
    "EVENT_TYPES",
    "PERMISSIONS",
    "ROLES",
    "SYSTEM_PERMISSIONS",
    "Catalog",
    "api_scopes",
    "remember",
]

_lock = threading.Lock()
# Per client (weakly: a client rebuilt for another business must not inherit these).
_known: weakref.WeakKeyDictionary[KindeClient, dict[str, set[str]]] = weakref.WeakKeyDictionary()


def remember(api: KindeClient, kind: str, *ids: str) -> None:
    """Record that objects of ``kind`` with ``ids`` exist (we made or read them)."""
    with _lock:
        _known.setdefault(api, {}).setdefault(kind, set()).update(ids)


def _known_ids(api: KindeClient, kind: str) -> set[str]:
    with _lock:
        return set(_known.get(api, {}).get(kind, ()))


@dataclass(frozen=True)
class Catalog:
    """Where the objects of one kind are listed, and how to name them in a message."""

    kind: str
    """e.g. ``"permission"``."""
    path: str
    items_key: str
    output: str
    """The output that holds the id, e.g. ``"Permission.id"``; or how to find valid values."""
    key_field: str = "key"
    id_field: str = "id"
    """The field a reference names (an event type is named by its ``code``)."""

    def require(self, api: KindeClient, ids: Iterable[str], argument: str) -> None:
        """Raise unless an object of this kind exists for each of ``ids``."""
        wanted = sorted(set(ids) - _known_ids(api, self.kind))
        if not wanted:
            return
        listed = list(api.paginate(self.path, self.items_key))
        remember(api, self.kind, *(str(item[self.id_field]) for item in listed))
        missing = [i for i in wanted if i not in _known_ids(api, self.kind)]
        if not missing:
            return
        by_key = {str(item.get(self.key_field)): str(item[self.id_field]) for item in listed}
        every = sorted(str(item[self.id_field]) for item in listed)
        problems = []
        for value in missing:
            if value in by_key:
                problems.append(
                    f"{value!r} is the {self.key_field} of {self.kind} {by_key[value]!r}, not "
                    f"its id: use {self.output}"
                )
            elif "/" in value:
                problems.append(
                    f"{value!r} looks like a pairing's id (parent/child), not a {self.kind} id: "
                    f"use {self.output}"
                )
            else:
                close = difflib.get_close_matches(value, every, n=1, cutoff=0.75)
                hint = f"did you mean {close[0]!r}? " if close else ""
                problems.append(f"no {self.kind} is {value!r}: {hint}use {self.output}")
        raise KindeError(f"{argument}: {'; '.join(problems)}")


PERMISSIONS = Catalog("permission", "/api/v1/permissions", "permissions", "Permission.id")
ROLES = Catalog("role", "/api/v1/roles", "roles", "Role.id")
SYSTEM_PERMISSIONS = Catalog(
    "system permission", "/api/v1/system_permissions", "system_permissions",
    'get_system_permission(key=...)["id"]',
)  # fmt: skip


EVENT_TYPES = Catalog(
    "event type",
    "/api/v1/event_types",
    "event_types",
    "one of the codes GET /event_types lists (Kinde adds new ones over time)",
    key_field="name",
    id_field="code",
)


def api_scopes(api_id: str) -> Catalog:
    """The scopes of one API."""
    return Catalog("API scope", f"/api/v1/apis/{api_id}/scopes", "scopes", "ApiScope.scope_id")
