"""Enables a connection (a way to sign in) for one organization."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ._fields import Replace
from ._ids import OrganizationCode, single_id
from ._link import LinkProvider
from ._provider import KindeArgs
from ._resource import KindeResource, declared

__all__ = ["OrganizationConnection", "OrganizationConnectionArgs"]


class OrganizationConnectionArgs(KindeArgs):
    organization_code: Annotated[OrganizationCode, Replace, Field(min_length=1)]
    connection_id: Annotated[str, Replace, Field(min_length=1), single_id("Connection.id")]


class OrganizationConnectionProvider(LinkProvider):
    kind = "organization connection"
    args_model = OrganizationConnectionArgs
    state_model = OrganizationConnectionArgs
    parent_field = "organization_code"
    child_field = "connection_id"
    collection = "/api/v1/organizations/{parent}/connections"
    items_key = "connections"


class OrganizationConnection(KindeResource, module="kinde", name="OrganizationConnection"):
    """Enables one connection (a way to sign in) for one organization.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        okta = kinde.Connection(
            "acme-okta", name="acme-okta", display_name="Acme SSO", strategy="saml:okta"
        )
        kinde.OrganizationConnection("acme-sso", organization_code=acme.code, connection_id=okta.id)

    :id: ``organization_code/connection_id``
    :find_id: In Kinde: *Organizations*, select the organization, then *Authentication*: its
        connections. The two parts are the org code (see ``Organization``) and the
        connection's id (see ``Connection``).
    :scopes: ``crd:organization_connections``
    :param resource_name: the Pulumi name of this resource.
    :param organization_code: the organization (``Organization.code``).
    :param connection_id: the connection its members may sign in with.
    :param import_id: ``organization_code/connection_id`` of an existing pairing to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationConnectionProvider

    organization_code: pulumi.Output[str]
    """The organization's code."""
    connection_id: pulumi.Output[str]
    """The connection's id."""

    def __init__(
        self,
        resource_name: str,
        *,
        organization_code: pulumi.Input[str],
        connection_id: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
