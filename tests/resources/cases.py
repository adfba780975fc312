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

Seed = Callable[[KindeClient], str]


@dataclass(frozen=True)
class Case:
    name: str
    resource: type[KindeResource]
    collection: str
    create: dict[str, Any]
    update: dict[str, Any] | None
    replace: dict[str, Any] | None
    drift: dict[str, Any]
    """Fields to change in the emulator's store, behind the provider's back."""
    seed: Seed
    bad: tuple[dict[str, Any], str]
    """Invalid arguments, and the field check() must name."""
    adopt_without: tuple[str, ...] = ()
    """Write-only arguments left out when adopting (Kinde cannot tell whether they match)."""

    def __str__(self) -> str:
        return self.name

    def args(self, **changes: Any) -> dict[str, Any]:
        return {**self.create, **changes}

    def delete_behind_the_back(self, emu: Emulator, id_: str) -> None:
        getattr(emu.store, f"delete_{self.collection.removesuffix('s')}")(id_)

    def count(self, emu: Emulator) -> int:
        return len(getattr(emu.store, self.collection))


def _seed_role(api: KindeClient) -> str:
    body = api.post("/api/v1/roles", {"key": "admin", "name": "Admin", "description": "Admins"})
    return str(body["role"]["id"])


def _seed_api(api: KindeClient) -> str:
    body = api.post("/api/v1/apis", {"name": "Backend", "audience": "https://api.example.com"})
    return str(body["api"]["id"])


def _seed_application(api: KindeClient) -> str:
    app_id = str(
        api.post("/api/v1/applications", {"name": "Web", "type": "reg"})["application"]["id"]
    )
    api.patch(f"/api/v1/applications/{app_id}", {"is_ask_for_name": True})
    api.put(f"/api/v1/applications/{app_id}/auth_redirect_urls", {"urls": ["https://a.example/cb"]})
    api.put(f"/api/v1/applications/{app_id}/auth_logout_urls", {"urls": ["https://a.example"]})
    return app_id


def _seed_connection(api: KindeClient) -> str:
    body = {"name": "google", "display_name": "Google", "strategy": "oauth2:google"}
    return str(api.post("/api/v1/connections", body)["connection"]["id"])


def _seed_organization(api: KindeClient) -> str:
    body = {"name": "Acme", "handle": "acme", "button_color": "#0a7cff"}
    code = str(api.post("/api/v1/organization", body)["organization"]["code"])
    api.patch(f"/api/v1/organization/{code}", {"allowed_domains": ["acme.example"]})
    return code


def _seed_webhook(api: KindeClient) -> str:
    body = {"name": "audit", "endpoint": "https://hooks.example/k", "event_types": ["user.created"]}
    return str(api.post("/api/v1/webhooks", body)["webhook"]["id"])


CASES = [
    Case(
        name="role",
        resource=Role,
        collection="roles",
        create={"key": "admin", "name": "Admin", "description": "Admins"},
        update={"name": "Administrator", "description": "Can do anything"},
        replace=None,  # Kinde changes every role field in place
        drift={"name": "Renamed in the UI"},
        seed=_seed_role,
        bad=({"key": "has spaces", "name": "Admin"}, "key"),
    ),
    Case(
        name="api",
        resource=Api,
        collection="apis",
        create={"name": "Backend", "audience": "https://api.example.com"},
        update=None,  # Kinde cannot change an API in place
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
        replace=None,  # every organization field changes in place
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
        bad=({"name": "w", "endpoint": "http://plain.example", "event_types": ["x"]}, "endpoint"),
    ),
]
