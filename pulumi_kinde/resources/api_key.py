"""Kinde API keys: a secret that lets a caller use an API, shown once by Kinde."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient
from ._fields import Computed, Replace, Secret, ShownOnce, Trigger, Unordered, WriteOnly
from ._ids import OrganizationCode, ScopeId, UserId
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._references import api_scopes
from ._resource import KindeResource, declared

__all__ = ["ApiKey"]

_PATH = "/api/v1/api_keys"
_OWNER = Field(min_length=1, validate_default=True)
# Which owner each type of key needs (the other must be left out).
_OWNERS = {"organization": "org_code", "user": "user_id"}


def _owner_matches_type(value: str | None, info: ValidationInfo) -> str | None:
    key_type = info.data.get("type")
    if key_type is None:
        return value  # the type was refused (or is not known yet)
    if _OWNERS.get(key_type) == info.field_name:
        if value is None:
            raise ValueError(f"must be given for a key of type {key_type!r}")
    elif value is not None:
        owner_type = next(t for t, name in _OWNERS.items() if name == info.field_name)
        raise ValueError(
            f"must be left out for a key of type {key_type!r} (or declare type={owner_type!r})"
        )
    return value


class ApiKeyArgs(KindeArgs):
    name: Annotated[str, Replace, Field(min_length=1, max_length=255)]
    type: Annotated[Literal["environment", "organization", "user"], Replace]
    api_id: Annotated[str, Replace, Field(min_length=1)]
    scope_ids: Annotated[list[ScopeId] | None, Replace, Unordered, WriteOnly] = None
    org_code: Annotated[OrganizationCode | None, Replace, _OWNER] = None
    user_id: Annotated[UserId | None, Replace, _OWNER] = None
    rotation_trigger: Annotated[str | int | None, WriteOnly, Trigger] = None

    _owners = field_validator("org_code", "user_id")(_owner_matches_type)


class ApiKeyState(KindeArgs):
    name: str
    type: str
    api_id: str
    scope_ids: list[str] | None = None
    org_code: str | None = None
    user_id: str | None = None
    rotation_trigger: str | int | None = None
    key: Annotated[str | None, Secret, Computed, ShownOnce] = None
    status: Annotated[str | None, Computed] = None
    key_prefix: Annotated[str | None, Computed] = None
    key_suffix: Annotated[str | None, Computed] = None
    scopes: Annotated[list[str] | None, Computed] = None


class ApiKeyProvider(KindeProvider[ApiKeyArgs, ApiKeyState]):
    kind = "API key"
    args_model = ApiKeyArgs
    state_model = ApiKeyState
    # A new key (emulator records_security.ApiKey) is active and has no scope but those
    # declared.
    assigned = defaults(status="active", scopes=[])

    def create_object(
        self, api: KindeClient, args: ApiKeyArgs, rollback: Rollback
    ) -> tuple[str, ApiKeyState]:
        # Read before the first write (fail early, not half-way): the scopes are the API's;
        # no request for ids this provider process made or read already.
        scopes = api_scopes(args.api_id, ", or make the key for the scope's API (api_id)")
        scopes.require(api, args.scope_ids or (), "scope_ids")
        body = args.model_dump(exclude={"import_id", "rotation_trigger"}, exclude_none=True)
        made = api.post(_PATH, body, operation=f"create API key {args.name!r}")["api_key"]
        key_id = str(made["id"])
        rollback.add(f"API key {key_id}", lambda: api.delete(f"{_PATH}/{key_id}"))
        key = _remembered(api, made.get("key"))
        computed: dict[str, Any] = _shown(key)
        if args.scope_ids:
            # The one read a create may need: Kinde shows a key's scopes by their keys,
            # which neither the declaration (scope ids) nor the reply holds.
            found = api.get(f"{_PATH}/{key_id}")["api_key"]
            computed["scopes"] = sorted(found.get("scopes") or [])
        return key_id, self.state_from(args, key=key, **computed)

    def read_object(self, api: KindeClient, id_: str) -> ApiKeyState | None:
        found = api.get(f"{_PATH}/{id_}")["api_key"]
        return ApiKeyState(
            name=found["name"],
            type=found["type"],
            api_id=next(iter(found.get("api_ids") or []), ""),
            org_code=found.get("organization_id"),
            user_id=found.get("user_id"),
            status=found.get("status"),
            key_prefix=found.get("key_prefix"),
            key_suffix=found.get("key_suffix"),
            scopes=sorted(found.get("scopes") or []),
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[ApiKeyArgs, ApiKeyState]
    ) -> ApiKeyState:
        # Every other argument replaces the key: only the trigger changes in place.
        rotated = api.put(f"{_PATH}/{id_}", operation=f"rotate API key {id_!r}")["api_key"]
        key = _remembered(api, rotated.get("key"))
        return change.merged(key=key, **_shown(key))

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_PATH}/{id_}")


def _shown(key: str | None) -> dict[str, str]:
    """What reads show of ``key``: its first 6 and last 4 characters (spec: ``key_prefix``,
    ``key_suffix``), so neither a create nor a rotation needs to read the key back."""
    return {"key_prefix": key[:6], "key_suffix": key[-4:]} if key else {}


def _remembered(api: KindeClient, key: Any) -> str | None:
    """The key, kept out of every log line and error message from now on."""
    if not isinstance(key, str) or not key:
        return None
    api.add_secret(key)
    return key


class ApiKey(KindeResource, module="kinde", name="ApiKey"):
    """A Kinde API key: a secret with which the environment, an organization or a user calls
    one of your APIs, with some of its scopes.

    ``key`` is the key itself, a Pulumi secret. Set or change ``rotation_trigger`` (to any
    value: a date, a version) to rotate the key in place: Kinde makes a new value and the old
    one stops working. Every other argument replaces the key.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        orders = kinde.Api("orders", name="Orders", audience="https://orders.example.com")
        read = kinde.ApiScope("orders-read", api_id=orders.id, key="orders:read")
        key = kinde.ApiKey(
            "nightly-export",
            name="Nightly export",
            type="environment",
            api_id=orders.id,
            scope_ids=[read.scope_id],
            rotation_trigger="2025-01",
        )
        pulumi.export("nightly_export_key", key.key)

    :id: the key's id (``api_key_...``)
    :find_id: In Kinde: *Settings > Environment > API keys*; ``GET /api/v1/api_keys`` lists
        them with their ids.
    :scopes: ``crud:api_keys, r:api_scopes``
    :limitation: Kinde shows a key's value only when it makes or rotates the key: refresh
        keeps the value last shown, and an adopted key's value is unknown (``key`` stays
        empty until the first rotation).
    :limitation: Key names are not unique: a create whose reply is lost leaves a key no one
        has seen in Kinde, which a rerun cannot tell apart; delete it in Kinde.
    :limitation: Kinde shows the scopes' keys, not their ids: ``scope_ids`` is write-only
        (``scopes`` shows the keys).
    :param resource_name: the Pulumi name of this resource.
    :param name: the key's name.
    :param type: who uses the key: ``"environment"``, ``"organization"`` (give
        ``org_code``) or ``"user"`` (give ``user_id``).
    :param api_id: the id of the API the key is for.
    :param scope_ids: ids of that API's scopes the key grants (``ApiScope.scope_id``; a set).
    :param org_code: the organization that owns an organization key.
    :param user_id: the user who owns a user key.
    :param rotation_trigger: any value; setting or changing it rotates the key.
    :param import_id: the id of an existing key to adopt (its value stays unknown).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApiKeyProvider

    name: pulumi.Output[str]
    """The key's name."""
    type: pulumi.Output[str]
    """``environment``, ``organization`` or ``user``."""
    api_id: pulumi.Output[str]
    """The API the key is for."""
    scope_ids: pulumi.Output[list[str] | None]
    """The scope ids declared (write-only)."""
    org_code: pulumi.Output[str | None]
    """The owning organization, for an organization key."""
    user_id: pulumi.Output[str | None]
    """The owning user, for a user key."""
    rotation_trigger: pulumi.Output[str | int | None]
    """The trigger as last declared."""
    key: pulumi.Output[str | None]
    """The key: a Pulumi secret, shown by Kinde on create and rotation only."""
    status: pulumi.Output[str]
    """``active``, ``inactive`` or ``revoked``."""
    key_prefix: pulumi.Output[str]
    """The key's first 6 characters, as Kinde shows them."""
    key_suffix: pulumi.Output[str | None]
    """The key's last 4 characters."""
    scopes: pulumi.Output[list[str]]
    """The keys of the scopes the key grants, as Kinde shows them."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        type: pulumi.Input[str],
        api_id: pulumi.Input[str],
        scope_ids: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        org_code: pulumi.Input[str] | None = None,
        user_id: pulumi.Input[str] | None = None,
        rotation_trigger: pulumi.Input[str | int] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
