"""Lifecycle cases of the access-control resources: permissions, scopes, grants, pairings."""

from __future__ import annotations

from collections.abc import Callable

from pulumi_kinde import (
    ApiApplication,
    ApiScope,
    ApplicationConnection,
    OrganizationConnection,
    Permission,
)
from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from tests.resources.cases import Case, Parents


def _last(id_: str) -> str:
    return id_.rsplit("/", 1)[-1]


def _make_api(api: KindeClient) -> str:
    body = api.post("/api/v1/apis", {"name": "Billing", "audience": "https://billing.example"})
    return str(body["api"]["id"])


def _make_app(api: KindeClient) -> str:
    body = api.post("/api/v1/applications", {"name": "Worker", "type": "m2m"})
    return str(body["application"]["id"])


def _make_connection(api: KindeClient) -> str:
    body = {"name": "github", "display_name": "GitHub", "strategy": "oauth2:github"}
    return str(api.post("/api/v1/connections", body)["connection"]["id"])


def _scope_parents(api: KindeClient) -> Parents:
    return {"api_id": _make_api(api)}


def _grant_parents(api: KindeClient) -> Parents:
    api_id = _make_api(api)
    scope_ids = [
        str(api.post(f"/api/v1/apis/{api_id}/scopes", {"key": key})["scope"]["id"])
        for key in ("invoices:read", "invoices:write")
    ]
    return {"api_id": api_id, "application_id": _make_app(api), "scopes": sorted(scope_ids)}


def _app_connection_parents(api: KindeClient) -> Parents:
    return {"application_id": _make_app(api), "connection_id": _make_connection(api)}


def _org_connection_parents(api: KindeClient) -> Parents:
    code = str(api.post("/api/v1/organization", {"name": "Globex"})["organization"]["code"])
    return {"organization_code": code, "connection_id": _make_connection(api)}


def _seed_permission(api: KindeClient, parents: Parents) -> str:
    api.post("/api/v1/permissions", {"key": "read:invoices", "name": "Read invoices"})
    listed = api.get("/api/v1/permissions")["permissions"]
    return str(next(p["id"] for p in listed if p["key"] == "read:invoices"))


def _seed_scope(api: KindeClient, parents: Parents) -> str:
    api_id = parents["api_id"]
    body = {"key": "invoices:read", "description": "Read invoices"}
    return f"{api_id}/{api.post(f'/api/v1/apis/{api_id}/scopes', body)['scope']['id']}"


def _seed_grant(api: KindeClient, parents: Parents) -> str:
    api_id, app_id = parents["api_id"], parents["application_id"]
    api.patch(f"/api/v1/apis/{api_id}/applications", {"applications": [{"id": app_id}]})
    for scope_id in parents["scopes"]:
        api.post(f"/api/v1/apis/{api_id}/applications/{app_id}/scopes/{scope_id}")
    return f"{api_id}/{app_id}"


def _seed_app_connection(api: KindeClient, parents: Parents) -> str:
    app_id, conn_id = parents["application_id"], parents["connection_id"]
    api.post(f"/api/v1/applications/{app_id}/connections/{conn_id}")
    return f"{app_id}/{conn_id}"


def _seed_org_connection(api: KindeClient, parents: Parents) -> str:
    code, conn_id = parents["organization_code"], parents["connection_id"]
    api.post(f"/api/v1/organizations/{code}/connections/{conn_id}")
    return f"{code}/{conn_id}"


def _revoke_grant(emu: Emulator, id_: str) -> None:
    api_id, app_id = id_.split("/")
    record = emu.store.apis.get(api_id)
    assert record is not None
    emu.store.apis.update(
        api_id, application_ids=[a for a in record.application_ids if a != app_id]
    )


def _granted(emu: Emulator, id_: str) -> bool:
    api_id, app_id = id_.split("/")
    record = emu.store.apis.get(api_id)
    return record is not None and app_id in record.application_ids


def _is_linked(field: str) -> Callable[[Emulator, str], bool]:
    def linked(emu: Emulator, id_: str) -> bool:
        parent, conn_id = id_.split("/")
        record = emu.store.connections.get(conn_id)
        return record is not None and parent in getattr(record, field)

    return linked


def _unlink(field: str) -> Callable[[Emulator, str], None]:
    def unlink(emu: Emulator, id_: str) -> None:
        parent, conn_id = id_.split("/")
        record = emu.store.connections.get(conn_id)
        assert record is not None
        kept = [p for p in getattr(record, field) if p != parent]
        emu.store.connections.update(conn_id, **{field: kept})

    return unlink


ACCESS_CASES = [
    Case(
        name="permission",
        resource=Permission,
        collection="permissions",
        create={"key": "read:invoices", "name": "Read invoices"},
        update={"name": "Read all invoices", "description": "Every invoice of the org"},
        replace=None,
        why_no_replace="Kinde changes every permission field in place",
        drift={"name": "Renamed in the UI"},
        seed=_seed_permission,
        bad=({"key": "read invoices", "name": "Read"}, "key"),
    ),
    Case(
        name="api_scope",
        resource=ApiScope,
        collection="api_scopes",
        create={"key": "invoices:read", "description": "Read invoices"},
        update={"description": "Read every invoice"},
        replace={"key": "invoices:list"},
        drift={"description": "Changed in the UI"},
        seed=_seed_scope,
        bad=({"api_id": "", "key": "invoices:read"}, "api_id"),
        setup=_scope_parents,
        id_format="api_id/scope_id",
        store_key=_last,
    ),
    Case(
        name="api_application",
        resource=ApiApplication,
        collection="apis",
        create={},
        update={"scopes": []},
        replace=None,
        replace_with=lambda api, parents: {"application_id": _make_app(api)},
        drift={},
        seed=_seed_grant,
        bad=({"api_id": "a", "application_id": "b", "scopes": "all"}, "scopes"),
        setup=_grant_parents,
        adopt_without=("scopes",),  # Kinde cannot say which scopes are granted
        id_format="api_id/application_id",
        delete_outside=_revoke_grant,
        linked=_granted,
        counted=False,
    ),
    Case(
        name="application_connection",
        resource=ApplicationConnection,
        collection="connections",
        create={},
        update=None,
        why_no_update="a pairing has nothing to change in place",
        replace=None,
        replace_with=lambda api, parents: {"connection_id": _make_connection(api)},
        drift={},
        seed=_seed_app_connection,
        bad=({"application_id": "", "connection_id": "c"}, "application_id"),
        setup=_app_connection_parents,
        id_format="application_id/connection_id",
        delete_outside=_unlink("application_ids"),
        linked=_is_linked("application_ids"),
        counted=False,
    ),
    Case(
        name="organization_connection",
        resource=OrganizationConnection,
        collection="connections",
        create={},
        update=None,
        why_no_update="a pairing has nothing to change in place",
        replace=None,
        replace_with=lambda api, parents: {"connection_id": _make_connection(api)},
        drift={},
        seed=_seed_org_connection,
        bad=({"organization_code": "o", "connection_id": ""}, "connection_id"),
        setup=_org_connection_parents,
        id_format="organization_code/connection_id",
        delete_outside=_unlink("organization_codes"),
        linked=_is_linked("organization_codes"),
        counted=False,
    ),
]
