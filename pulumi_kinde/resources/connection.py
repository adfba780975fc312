"""Kinde connections: the ways users authenticate (social, enterprise SAML, ...)."""

from __future__ import annotations

from typing import Annotated, Any

import pulumi
from pulumi.dynamic import CreateResult, DiffResult
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient
from ._claims import claim_whole_set
from ._connection_options import known_strategy, option_problems
from ._fields import Replace, Secret, Unordered, WriteOnly, input_rule, validating_inputs
from ._ids import ApplicationId, OrganizationCode
from ._listing import look_twice
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["Connection", "ConnectionArgs", "ConnectionProvider"]


class ConnectionArgs(KindeArgs):
    name: Annotated[str, Field(min_length=1, max_length=128)]
    display_name: Annotated[str, Field(min_length=1, max_length=128)]
    # A str read back as it is: Kinde adds strategies; new declarations are checked.
    strategy: Annotated[str, Replace, input_rule(known_strategy)]
    enabled_applications: Annotated[list[ApplicationId] | None, Unordered, WriteOnly] = None
    organization_code: Annotated[OrganizationCode | None, Replace, WriteOnly] = None
    options: Annotated[dict[str, Any] | None, WriteOnly, Secret] = None

    @field_validator("options")
    @classmethod
    def _options_suit_the_strategy(
        cls, options: dict[str, Any] | None, info: ValidationInfo
    ) -> dict[str, Any] | None:
        strategy = info.data.get("strategy")
        if not strategy or not validating_inputs(info.context):
            return options
        problems = option_problems(strategy, options or {})
        if problems:
            raise ValueError("; ".join(problems))
        return options


class ConnectionState(ConnectionArgs):
    pass


def _unwrapped(item: dict[str, Any]) -> dict[str, Any]:
    """A listed connection: Kinde lists them flat; the spec wraps each as {"connection": ...}."""
    inner = item.get("connection")
    return inner if isinstance(inner, dict) else item


class ConnectionProvider(KindeProvider[ConnectionArgs, ConnectionState]):
    kind = "connection"
    args_model = ConnectionArgs
    state_model = ConnectionState

    def _claim(self, id_: str, props: dict[str, Any]) -> None:
        """Declaring ``enabled_applications`` owns every application pairing of ``id_``."""
        if props.get("enabled_applications") is not None:
            owner = f"the Connection {props.get('name')!r}"
            claim_whole_set("Connection.enabled_applications", id_, owner)

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        self._claim(id_, news)
        return super().diff(id_, olds, news)

    def create(self, props: dict[str, Any]) -> CreateResult:
        result = super().create(props)
        self._claim(result.id, props)
        return result

    def create_object(
        self, api: KindeClient, args: ConnectionArgs, rollback: Rollback
    ) -> tuple[str, ConnectionState]:
        _remember_secrets(api, args.options)
        body = api.post(
            "/api/v1/connections",
            args.model_dump(exclude={"import_id"}, exclude_none=True),
            operation=f"create connection {args.name!r}",
        )
        return str(body["connection"]["id"]), self.state_from(args)

    def find_created(self, api: KindeClient, args: ConnectionArgs) -> str | None:
        found = look_twice(
            api,
            "/api/v1/connections",
            "connections",
            lambda item: (
                _unwrapped(item).get("name") == args.name
                and _unwrapped(item).get("strategy") == args.strategy
            ),
            style="starting_after",
        )
        return str(_unwrapped(found[0])["id"]) if len(found) == 1 else None

    def read_object(self, api: KindeClient, id_: str) -> ConnectionState | None:
        # Kinde never returns options or enabled applications: the base keeps the last
        # values written (they are WriteOnly).
        found = api.get(f"/api/v1/connections/{id_}")["connection"]
        return ConnectionState(
            name=found["name"],
            display_name=found.get("display_name") or found["name"],
            strategy=found["strategy"],
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[ConnectionArgs, ConnectionState]
    ) -> ConnectionState:
        _remember_secrets(api, change.new.options)
        body = change.new.model_dump(
            include={"name", "display_name", "enabled_applications", "options"}, exclude_none=True
        )
        api.patch(f"/api/v1/connections/{id_}", body)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/connections/{id_}")


def _remember_secrets(api: KindeClient, options: dict[str, Any] | None) -> None:
    """Keep every string option (client secrets, keys) out of logs and error messages."""
    for value in (options or {}).values():
        if isinstance(value, str):
            api.add_secret(value)


class Connection(KindeResource, module="kinde", name="Connection"):
    """A Kinde authentication connection: a social (Google, GitHub ...) or enterprise (SAML,
    Microsoft Entra ID) way to sign in.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        config = pulumi.Config()
        google = kinde.Connection(
            "google",
            name="google",
            display_name="Google",
            strategy="oauth2:google",
            options={
                "client_id": "1234-abc.apps.googleusercontent.com",
                "client_secret": config.require_secret("googleClientSecret"),
            },
        )

    :id: the connection's id (``conn_...``)
    :find_id: In Kinde: *Settings > Environment > Authentication* lists the connections;
        ``kinde.get_connection(name="google").id`` gives the id.
    :scopes: ``crud:connections``
    :limitation: Kinde never returns ``options`` or ``enabled_applications``: both are
        write-only, so refresh cannot see changes made to them outside Pulumi.
    :limitation: A connection's strategy cannot change, nor the organization of an enterprise
        connection: changing either replaces the connection.
    :param resource_name: the Pulumi name of this resource.
    :param name: the connection's name.
    :param display_name: the name shown on the sign-in button.
    :param strategy: e.g. ``"oauth2:google"`` or ``"saml:custom"`` (the valid strategies are
        listed below); changing it replaces the connection.
    :param enabled_applications: ids of applications that offer this connection (a set
        this resource then owns; or leave it out and use ``ApplicationConnection``
        resources, one per pairing: a program that does both fails in check).
    :param organization_code: make this an organization's own (enterprise) connection.
    :param options: the strategy's settings (client id, client secret, SAML metadata, ...;
        the keys of each strategy are listed below): a Pulumi secret, never read back.
    :param import_id: the id of an existing connection to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ConnectionProvider

    name: pulumi.Output[str]
    """The connection's name."""
    display_name: pulumi.Output[str]
    """The name on the sign-in button."""
    strategy: pulumi.Output[str]
    """The connection's strategy, e.g. ``oauth2:google``."""
    enabled_applications: pulumi.Output[list[str] | None]
    """Ids of the applications offering it, as last written (Kinde does not return them)."""
    organization_code: pulumi.Output[str | None]
    """The organization of an enterprise connection, as declared."""
    options: pulumi.Output[dict[str, Any] | None]
    """The strategy's settings as last written: a Pulumi secret (Kinde does not return them)."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        display_name: pulumi.Input[str],
        strategy: pulumi.Input[str],
        enabled_applications: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        organization_code: pulumi.Input[str] | None = None,
        options: pulumi.Input[dict[str, Any]] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
