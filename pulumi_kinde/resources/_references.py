"""References to other Kinde objects, checked before the first write that would use them.

``Role(permissions=[perm.key])`` used to fail half-way, after the role was created, with
Kinde's bare ``PERMISSION_NOT_FOUND``. Before writing, a resource now checks the ids it
refers to: ids this provider process created or read are known to exist (no request);
otherwise one walk of the list (a fresh one: a listing can move under a concurrent write)
tells, and a missing id fails with what it is instead (another object's key, say) and the
output to use. A reference that is an object of the kind elsewhere says whose it is: a scope
of another API names that API; an organization of another profile (another Kinde business)
names the profile. Nothing here is pickled; the memory lives as long as the provider process.
"""

from __future__ import annotations

import difflib
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from ..client import APIError, KindeClient, KindeError, NotFoundError
from . import _context

__all__ = [
    "EVENT_TYPES",
    "ORGANIZATION",
    "PERMISSIONS",
    "ROLES",
    "SYSTEM_PERMISSIONS",
    "Catalog",
    "api_scopes",
    "remember",
    "remember_scope",
    "require_organization",
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
    memory: str = ""
    """Under which name the ids are remembered (default: ``kind``); one API's scopes are
    not another's."""

    def require(self, api: KindeClient, ids: Iterable[str], argument: str) -> None:
        """Raise unless an object of this kind exists for each of ``ids``."""
        memory = self.memory or self.kind
        wanted = sorted(set(ids) - _known_ids(api, memory))
        if not wanted:
            return
        listed = list(api.paginate(self.path, self.items_key))
        remember(api, memory, *(str(item[self.id_field]) for item in listed))
        missing = [i for i in wanted if i not in _known_ids(api, memory)]
        if not missing:
            return
        by_key = {str(item.get(self.key_field)): str(item[self.id_field]) for item in listed}
        every = sorted(str(item[self.id_field]) for item in listed)
        problems = []
        for value in missing:
            elsewhere = self.belongs_elsewhere(api, value)
            if elsewhere:
                problems.append(elsewhere)
            elif value in by_key:
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

    def belongs_elsewhere(self, api: KindeClient, value: str) -> str:
        """Whose ``value`` is, when it is an object of this kind in another place (a scope
        of another API), with the fix; empty when it is not."""
        return ""


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


def _scopes_of(api_id: str) -> str:
    return f"API scope of {api_id}"


def remember_scope(api: KindeClient, api_id: str, scope_id: str) -> None:
    """Record that ``scope_id`` is a scope of the API ``api_id`` (we made or read it)."""
    remember(api, _scopes_of(api_id), scope_id)


@dataclass(frozen=True)
class _ApiScopes(Catalog):
    api_id: str = ""
    fix: str = ""
    """What else to do when a scope of another API is given (``", or ..."``)."""

    def belongs_elsewhere(self, api: KindeClient, value: str) -> str:
        # Only once a reference failed: one walk of the APIs with their scopes names the
        # scope's owner (and remembers every scope for the next check).
        try:
            apis = list(api.paginate("/api/v1/apis", "apis", {"expand": "scopes"}))
        except KindeError:
            return ""
        names = {str(a["id"]): a.get("name") for a in apis}
        owner = None
        for listed in apis:
            scopes = [str(s["id"]) for s in listed.get("scopes") or []]
            remember(api, _scopes_of(str(listed["id"])), *scopes)
            owner = str(listed["id"]) if value in scopes else owner
        if owner is None or owner == self.api_id:
            return ""

        def named(api_id: str) -> str:
            return f"{api_id!r} ({names[api_id]!r})" if names.get(api_id) else repr(api_id)

        return (
            f"scope {value!r} belongs to API {named(owner)}, not to API {named(self.api_id)}: "
            f"give a scope of API {self.api_id!r} (ApiScope.scope_id of a scope declared with "
            f"its api_id){self.fix}"
        )


def api_scopes(api_id: str, fix: str = "") -> Catalog:
    """The scopes of one API. ``fix`` says what else to do when a scope of another API is
    given (``", or ..."``)."""
    return _ApiScopes(
        "API scope",
        f"/api/v1/apis/{api_id}/scopes",
        "scopes",
        "ApiScope.scope_id",
        memory=_scopes_of(api_id),
        api_id=api_id,
        fix=fix,
    )


ORGANIZATION = "organization"
"""Under which name organization codes are remembered (see :func:`remember`)."""


def _where(profile: str | None) -> str:
    return f"profile {profile!r}" if profile else "the default profile"


def _missing_organization(api: KindeClient, code: str) -> APIError | None:
    """Kinde's answer when its business has no organization ``code``; None when it has."""
    if code in _known_ids(api, ORGANIZATION):
        return None
    try:
        api.get("/api/v1/organization", params={"code": code})
    except APIError as error:
        if isinstance(error, NotFoundError) or error.code == "ORGANIZATION_INVALID":
            return error
        raise
    remember(api, ORGANIZATION, code)
    return None


def require_organization(
    api: KindeClient, profile: str | None, code: str, argument: str, resource: str
) -> None:
    """Raise unless the business of ``profile`` (``api``'s) has the organization ``code``;
    when another profile of this deployment has it, say which (an organization declared
    with another profile than the resource that refers to it fails as "not found")."""
    missing = _missing_organization(api, code)
    if missing is None:
        return
    others = {p: c for p, c in _context.clients_in_use().items() if p != profile}
    for other in _context.configured_profiles() - {profile} - set(others):
        try:
            others[other] = _context.client_for(other)
        except KindeError:
            continue
    for other, client in others.items():
        try:
            found = _missing_organization(client, code) is None
        except KindeError:
            continue
        if found:
            raise KindeError(
                f"{argument}: organization {code!r} is in {_where(other)} (another Kinde "
                f"business), not in {_where(profile)} that this {resource} is declared in: "
                f"declare the {resource} with profile={other!r} (and what else it refers to "
                "there), or refer to an organization of its own profile"
            )
    raise KindeError(
        f"{argument}: Kinde knows no organization {code!r} in {_where(profile)} "
        f"(Kinde: {missing.code or missing.status}, {missing.message!r}): use the code Kinde "
        "assigned (Organization.code, 'org_...'), not a handle or a name"
    )
