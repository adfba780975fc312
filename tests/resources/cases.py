"""The six core resources as lifecycle test cases: declarations, drift and seeding.

Each case says how to declare the resource (``create``), an in-place change (``update``),
a replace-only change (``replace``), how to change it behind Pulumi's back (``drift``), and
how to create a matching object without Pulumi (``seed``) for adoption tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pulumi_kinde import Api, Application, Connection, Organization, Role, Webhook
from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources._resource import KindeResource

Parents = dict[str, Any]
Seed = Callable[[KindeClient, Parents], str]


@dataclass(frozen=True)
class Case:
    name: str
    resource: type[KindeResource]
    collection: str
    create: dict[str, Any]
    update: dict[str, Any] | None
    replace: dict[str, Any] | None
    drift: dict[str, Any]
    """Outputs that change when the object is edited behind the provider's back."""
    seed: Seed
    bad: tuple[dict[str, Any], str]
    """Invalid arguments, and the field check() must name."""
    adopt_without: tuple[str, ...] = ()
    """Write-only arguments left out when adopting (Kinde cannot tell whether they match)."""
    setup: Callable[[KindeClient], Parents] | None = None
    """Creates the objects this one needs (behind Pulumi's back); returns their arguments."""
    replace_with: Callable[[KindeClient, Parents], dict[str, Any]] | None = None
    """Makes a replace-only change that needs a new parent (e.g. another connection)."""
    why_no_update: str = ""
    why_no_replace: str = ""
    counted: bool = True
    """Whether creating one adds a record to ``collection`` (pairings only link records)."""
    id_format: str = "id"
    """The resource id's format, e.g. ``api_id/scope_id`` for a composite id."""
    store_key: Callable[[str], str] = str
    """The emulator store key of the object with this resource id."""
    delete_outside: Callable[[Emulator, str], object] | None = None
    """Deletes the object behind Pulumi's back (default: the store's delete helper)."""
    drift_store: dict[str, Any] | None = None
    """The emulator store fields to edit for ``drift``, where their names differ."""
    linked: Callable[[Emulator, str], bool] | None = None
    """Whether a pairing with this id exists (default: the store holds the object)."""
    not_applicable: tuple[tuple[str, str], ...] = ()
    """``(test function name, why)`` for generic tests that do not apply to this resource
    (e.g. destroy of what Kinde cannot delete); they are skipped with that reason
    (tests/resources/conftest.py)."""

    def __post_init__(self) -> None:
        assert self.update is not None or self.why_no_update, f"{self.name}: why no update?"
        no_replace = self.replace is None and self.replace_with is None
        assert not no_replace or self.why_no_replace, f"{self.name}: why no replace?"

    def __str__(self) -> str:
        return self.name

    def delete_behind_the_back(self, emu: Emulator, id_: str) -> None:
        if self.delete_outside is not None:
            self.delete_outside(emu, id_)
        else:
            getattr(emu.store, f"delete_{self.collection.removesuffix('s')}")(self.store_key(id_))

    def exists(self, emu: Emulator, id_: str) -> bool:
        if self.linked is not None:
            return self.linked(emu, id_)
        return self.store_key(id_) in getattr(emu.store, self.collection)

    def count(self, emu: Emulator) -> int:
        return len(getattr(emu.store, self.collection))


def _seed_role(api: KindeClient, parents: Parents) -> str:
    body = api.post("/api/v1/roles", {"key": "admin", "name": "Admin", "description": "Admins"})
    return str(body["role"]["id"])


def _seed_api(api: KindeClient, parents: Parents) -> str:
    body = api.post("/api/v1/apis", {"name": "Backend", "audience": "https://api.example.com"})
    return str(body["api"]["id"])


def _seed_application(api: KindeClient, parents: Parents) -> str:
    app_id = str(
        api.post("/api/v1/applications", {"name": "Web", "type": "reg"})["application"]["id"]
    )
    api.patch(f"/api/v1/applications/{app_id}", {"is_ask_for_name": True})
    api.put(f"/api/v1/applications/{app_id}/auth_redirect_urls", {"urls": ["https://a.example/cb"]})
    api.put(f"/api/v1/applications/{app_id}/auth_logout_urls", {"urls": ["https://a.example"]})
    return app_id


def _seed_connection(api: KindeClient, parents: Parents) -> str:
    body = {"name": "google", "display_name": "Google", "strategy": "oauth2:google"}
    return str(api.post("/api/v1/connections", body)["connection"]["id"])


def _seed_organization(api: KindeClient, parents: Parents) -> str:
    body = {"name": "Acme", "handle": "acme", "button_color": "#0a7cff"}
    code = str(api.post("/api/v1/organization", body)["organization"]["code"])
    api.patch(f"/api/v1/organization/{code}", {"allowed_domains": ["acme.example"]})
    return code


def _seed_webhook(api: KindeClient, parents: Parents) -> str:
    body = {"name": "audit", "endpoint": "https://hooks.example/k", "event_types": ["user.created"]}
    return str(api.post("/api/v1/webhooks", body)["webhook"]["id"])


CASES = [
    Case(
        name="role",
        resource=Role,
        collection="roles",
        create={"key": "admin", "name": "Admin", "description": "Admins"},
        update={"name": "Administrator", "description": "Can do anything"},
        replace=None,
        why_no_replace="Kinde changes every role field in place",
        drift={"name": "Renamed in the UI"},
        seed=_seed_role,
        bad=({"key": "has spaces", "name": "Admin"}, "key"),
    ),
    Case(
        name="api",
        resource=Api,
        collection="apis",
        create={"name": "Backend", "audience": "https://api.example.com"},
        update=None,
        why_no_update="Kinde cannot change an API in place",
        replace={"name": "Backend v2"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_api,
        bad=({"name": "", "audience": "https://api.example.com"}, "name"),
    ),
    Case(
        name="application",
        resource=Application,
        collection="applications",
        create={
            "name": "Web",
            "type": "reg",
            "redirect_uris": ["https://a.example/cb"],
            "logout_uris": ["https://a.example"],
            "is_ask_for_name": True,
        },
        update={
            "name": "Web app",
            "redirect_uris": ["https://a.example/cb", "https://b.example/cb"],
            "access_token_lifetime": 7200,
        },
        replace={"type": "spa"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_application,
        bad=({"name": "Web", "type": "desktop"}, "type"),
    ),
    Case(
        name="connection",
        resource=Connection,
        collection="connections",
        create={
            "name": "google",
            "display_name": "Google",
            "strategy": "oauth2:google",
            "options": {"client_id": "gid", "client_secret": "google-oauth-secret-1"},
        },
        update={"display_name": "Google SSO"},
        replace={"strategy": "oauth2:github"},
        drift={"display_name": "Renamed in the UI"},
        seed=_seed_connection,
        bad=({"name": "g", "display_name": "G", "strategy": "google"}, "strategy"),
        adopt_without=("options",),
    ),
    Case(
        name="organization",
        resource=Organization,
        collection="organizations",
        create={
            "name": "Acme",
            "handle": "acme",
            "button_color": "#0a7cff",
            "allowed_domains": ["acme.example"],
        },
        update={"name": "Acme Corp", "allowed_domains": ["acme.example", "acme.test"]},
        replace=None,
        why_no_replace="Kinde changes every organization field in place",
        drift={"name": "Renamed in the UI"},
        seed=_seed_organization,
        bad=({"name": "Acme", "button_color": "blue"}, "button_color"),
    ),
    Case(
        name="webhook",
        resource=Webhook,
        collection="webhooks",
        create={
            "name": "audit",
            "endpoint": "https://hooks.example/k",
            "event_types": ["user.created"],
        },
        update={"event_types": ["user.created", "user.deleted"], "description": "Audit"},
        replace={"endpoint": "https://hooks.example/v2"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_webhook,
        bad=(
            {"name": "w", "endpoint": "http://plain.example", "event_types": ["user.created"]},
            "endpoint",
        ),
    ),
]
