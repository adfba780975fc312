"""Authorization of an application for an API, with the API scopes granted to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient, NotFoundError
from ._fields import Replace, Unordered, WriteOnly
from ._ids import ScopeId, join_id, single_id, split_id
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._references import Catalog, api_scopes
from ._resource import KindeResource, declared

__all__ = ["ApiApplication", "ApiApplicationArgs", "ApiApplicationProvider"]


class ApiApplicationArgs(KindeArgs):
    api_id: Annotated[str, Replace, Field(min_length=1), single_id("Api.id")]
    application_id: Annotated[str, Replace, Field(min_length=1), single_id("Application.id")]
    scopes: Annotated[list[ScopeId] | None, Unordered, WriteOnly] = None


class ApiApplicationState(ApiApplicationArgs):
    pass


class ApiApplicationProvider(KindeProvider[ApiApplicationArgs, ApiApplicationState]):
    kind = "API authorization"
    unique = (("api_id", "application_id"),)
    args_model = ApiApplicationArgs
    state_model = ApiApplicationState
    delete_before_replace = True

    def create_object(
        self, api: KindeClient, args: ApiApplicationArgs, rollback: Rollback
    ) -> tuple[str, ApiApplicationState]:
        # Read before the first write (fail early, not half-way): the scopes exist on the
        # API; no request for ids this provider process made or read already.
        _scopes(args.api_id).require(api, args.scopes or (), "scopes")
        _connect(api, args.api_id, args.application_id, "connect")
        rollback.add(
            "API authorization",
            lambda: _connect(api, args.api_id, args.application_id, "delete"),
        )
        _grant(api, args.api_id, args.application_id, add=args.scopes or [], remove=[])
        return join_id(args.api_id, args.application_id), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> ApiApplicationState | None:
        api_id, application_id = split_id(id_, self.kind, "api_id", "application_id")
        found = api.get(f"/api/v1/apis/{api_id}")["api"]
        if not any(a.get("id") == application_id for a in found.get("applications") or []):
            return None
        # Kinde does not return the scopes granted to an application: they are write-only.
        return ApiApplicationState(api_id=api_id, application_id=application_id)

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[ApiApplicationArgs, ApiApplicationState],
    ) -> ApiApplicationState:
        old, new = set(change.old.scopes or ()), set(change.new.scopes or ())
        _scopes(change.new.api_id).require(api, new - old, "scopes")
        _grant(api, change.new.api_id, change.new.application_id, add=new - old, remove=old - new)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api_id, application_id = split_id(id_, self.kind, "api_id", "application_id")
        _connect(api, api_id, application_id, "delete")


def _scopes(api_id: str) -> Catalog:
    return api_scopes(
        api_id, ", or authorize the application for the scope's API (another ApiApplication)"
    )


def _connect(api: KindeClient, api_id: str, application_id: str, operation: str) -> None:
    entry = {"id": application_id}
    if operation != "connect":
        entry["operation"] = operation
    api.patch(f"/api/v1/apis/{api_id}/applications", {"applications": [entry]})


def _grant(
    api: KindeClient,
    api_id: str,
    application_id: str,
    *,
    add: Iterable[str],
    remove: Iterable[str],
) -> None:
    path = f"/api/v1/apis/{api_id}/applications/{application_id}/scopes"
    for scope_id in sorted(add):
        api.post(f"{path}/{scope_id}")
    for scope_id in sorted(remove):
        try:
            api.delete(f"{path}/{scope_id}")
        except NotFoundError:
            continue  # not granted: an earlier, interrupted run revoked it already


class ApiApplication(KindeResource, module="kinde", name="ApiApplication"):
    """Authorizes an application to request tokens for an API, with the API scopes granted to it.

    Example::

        import pulumi_kinde as kinde

        billing = kinde.Api("billing", name="Billing", audience="https://billing.example.com")
        read = kinde.ApiScope("invoices-read", api_id=billing.id, key="invoices:read")
        worker = kinde.Application("worker", name="Worker", type="m2m")
        kinde.ApiApplication(
            "worker-billing", api_id=billing.id, application_id=worker.id, scopes=[read.scope_id]
        )

    :id: ``api_id/application_id``
    :find_id: In Kinde: *Settings > APIs*, select the API, then *Applications*: the applications
        authorized for it. The two parts are the API's id (see ``Api``) and the application's
        (see ``Application``).
    :scopes: ``ru:apis, c:api_application_scopes, d:apis_application_scopes, r:api_scopes``
    :limitation: Kinde does not return the scopes granted to an application: ``scopes`` is
        write-only, and refresh cannot see grants changed outside Pulumi.
    :param resource_name: the Pulumi name of this resource.
    :param api_id: the API; changing it replaces the authorization.
    :param application_id: the application; changing it replaces the authorization.
    :param scopes: ids of the API's scopes granted to the application (``ApiScope.scope_id``;
        a set). This resource owns the whole set of grants of its pairing.
    :param import_id: ``api_id/application_id`` of an existing authorization to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApiApplicationProvider

    api_id: pulumi.Output[str]
    """The API's id."""
    application_id: pulumi.Output[str]
    """The application's id."""
    scopes: pulumi.Output[list[str] | None]
    """Ids of the granted API scopes, as last written (Kinde does not return them)."""

    def __init__(
        self,
        resource_name: str,
        *,
        api_id: pulumi.Input[str],
        application_id: pulumi.Input[str],
        scopes: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
