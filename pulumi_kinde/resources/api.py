"""Kinde APIs: the audiences your applications request access tokens for."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Computed, Replace
from ._listing import find_one
from ._provider import KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["Api", "ApiArgs", "ApiProvider"]


class ApiArgs(KindeArgs):
    # The emulator's limits (64): no public source gives Kinde's; check() and the emulator agree.
    name: Annotated[str, Replace, Field(min_length=1, max_length=64)]
    audience: Annotated[str, Replace, Field(min_length=1, max_length=64, pattern=r"^\S+$")]


class ApiState(ApiArgs):
    is_management_api: Annotated[bool | None, Computed] = None


class ApiProvider(KindeProvider[ApiArgs, ApiState]):
    kind = "API"
    unique = (("audience",),)
    args_model = ApiArgs
    state_model = ApiState
    # The audience is unique: a replacement with the same audience must free it first.
    delete_before_replace = True

    def create_object(
        self, api: KindeClient, args: ApiArgs, rollback: Rollback
    ) -> tuple[str, ApiState]:
        body = api.post(
            "/api/v1/apis",
            {"name": args.name, "audience": args.audience},
            operation=f"create API {args.audience!r}",
        )
        return str(body["api"]["id"]), self.state_from(args, is_management_api=False)

    def find_created(self, api: KindeClient, args: ApiArgs) -> str | None:
        return find_one(api, "/api/v1/apis", "apis", {"audience": args.audience})

    def read_object(self, api: KindeClient, id_: str) -> ApiState | None:
        found = api.get(f"/api/v1/apis/{id_}")["api"]
        return ApiState(
            name=found["name"],
            audience=found["audience"],
            is_management_api=bool(found.get("is_management_api")),
        )

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/apis/{id_}")


class Api(KindeResource, module="kinde", name="Api"):
    """A Kinde API: an audience that applications request access tokens for.

    Authorize an application for it with ``ApiApplication`` and define its scopes with
    ``ApiScope``.

    Example::

        import pulumi_kinde as kinde

        api = kinde.Api("backend", name="Backend", audience="https://api.example.com")

    :id: the API's id (32 hex digits)
    :find_id: In Kinde: *Settings > APIs*, select the API: its details show the ID.
        ``kinde.get_api(audience="https://api.example.com").id`` finds it too.
    :scopes: ``crd:apis``
    :limitation: Kinde cannot rename an API or change its audience: changing either replaces it.
    :limitation: An audience is unique in a business, so a replacement deletes the old API
        before it creates the new one.
    :param resource_name: the Pulumi name of this resource.
    :param name: the API's display name.
    :param audience: the audience claim of tokens for this API, unique in the business
        (e.g. ``"https://api.example.com"``).
    :param import_id: the id of an existing API to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApiProvider

    name: pulumi.Output[str]
    """The API's display name."""
    audience: pulumi.Output[str]
    """The audience claim of tokens for this API."""
    is_management_api: pulumi.Output[bool]
    """Whether this is Kinde's own Management API (never true for APIs made here)."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        audience: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
