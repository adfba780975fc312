"""Kinde API scopes: the scopes an API defines, e.g. ``invoices:read``."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Computed, Replace
from ._ids import join_id, single_id, split_id
from ._listing import find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._references import remember_scope
from ._resource import KindeResource, declared

__all__ = ["ApiScope", "ApiScopeArgs", "ApiScopeProvider"]


class ApiScopeArgs(KindeArgs):
    api_id: Annotated[str, Replace, Field(min_length=1), single_id("Api.id")]
    key: Annotated[str, Replace, Field(min_length=1, max_length=64, pattern=r"^\S+$")]
    description: str | None = None


class ApiScopeState(ApiScopeArgs):
    scope_id: Annotated[str | None, Computed] = None


class ApiScopeProvider(KindeProvider[ApiScopeArgs, ApiScopeState]):
    kind = "API scope"
    unique = (("api_id", "key"),)
    args_model = ApiScopeArgs
    state_model = ApiScopeState
    delete_before_replace = True  # the key is unique within its API

    def create_object(
        self, api: KindeClient, args: ApiScopeArgs, rollback: Rollback
    ) -> tuple[str, ApiScopeState]:
        body = api.post(
            f"/api/v1/apis/{args.api_id}/scopes",
            args.model_dump(include={"key", "description"}, exclude_none=True),
            operation=f"create API scope {args.key!r}",
        )
        scope_id = str(body["scope"]["id"])
        remember_scope(api, args.api_id, scope_id)
        return join_id(args.api_id, scope_id), self.state_from(args, scope_id=scope_id)

    def find_created(self, api: KindeClient, args: ApiScopeArgs) -> str | None:
        found = find_one(api, f"/api/v1/apis/{args.api_id}/scopes", "scopes", {"key": args.key})
        return join_id(args.api_id, found) if found else None

    def read_object(self, api: KindeClient, id_: str) -> ApiScopeState | None:
        api_id, scope_id = split_id(id_, self.kind, "api_id", "scope_id")
        scope = api.get(f"/api/v1/apis/{api_id}/scopes/{scope_id}")["scope"]
        remember_scope(api, api_id, scope_id)
        return ApiScopeState(
            api_id=api_id,
            key=scope["key"],
            description=scope.get("description"),
            scope_id=scope_id,
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[ApiScopeArgs, ApiScopeState]
    ) -> ApiScopeState:
        api_id, scope_id = split_id(id_, self.kind, "api_id", "scope_id")
        api.patch(
            f"/api/v1/apis/{api_id}/scopes/{scope_id}",
            {"description": change.new.description or ""},
        )
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api_id, scope_id = split_id(id_, self.kind, "api_id", "scope_id")
        api.delete(f"/api/v1/apis/{api_id}/scopes/{scope_id}")


class ApiScope(KindeResource, module="kinde", name="ApiScope"):
    """A scope defined on a Kinde API, e.g. ``invoices:read``.

    Grant it to applications with ``ApiApplication(scopes=[scope.scope_id])`` and to roles
    with ``Role(scopes=[scope.scope_id])``: grants take ``scope_id``, not the resource id.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        billing = kinde.Api("billing", name="Billing", audience="https://billing.example.com")
        read = kinde.ApiScope(
            "invoices-read", api_id=billing.id, key="invoices:read", description="Read invoices"
        )
        pulumi.export("scope_id", read.scope_id)

    :id: ``api_id/scope_id``
    :find_id: In Kinde: *Settings > APIs*, select the API, then *Scopes*. The scope ids
        (``api_scope_...``) are listed by ``GET /api/v1/apis/{api_id}/scopes``.
    :scopes: ``cru:api_scopes, d:apis_scopes``
    :limitation: Kinde changes only a scope's description in place: a new key (or API)
        replaces the scope, deleting the old one first since keys are unique within an API.
    :param resource_name: the Pulumi name of this resource.
    :param api_id: the API that defines the scope; changing it replaces the scope.
    :param key: the scope's key, unique within the API (e.g. ``"invoices:read"``);
        changing it replaces the scope.
    :param description: what the scope allows.
    :param import_id: ``api_id/scope_id`` of an existing scope to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApiScopeProvider

    api_id: pulumi.Output[str]
    """The API that defines the scope."""
    key: pulumi.Output[str]
    """The scope's key, e.g. ``invoices:read``."""
    description: pulumi.Output[str | None]
    """What the scope allows."""
    scope_id: pulumi.Output[str]
    """Kinde's id of the scope (the resource id is ``api_id/scope_id``): what grants take."""

    def __init__(
        self,
        resource_name: str,
        *,
        api_id: pulumi.Input[str],
        key: pulumi.Input[str],
        description: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
