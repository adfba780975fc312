"""Enables a connection (a way to sign in) for one application."""

from __future__ import annotations

from typing import Annotated

import pulumi
from pydantic import Field

from ._fields import Replace
from ._ids import single_id
from ._link import LinkProvider
from ._provider import KindeArgs
from ._resource import KindeResource, declared

__all__ = ["ApplicationConnection", "ApplicationConnectionArgs"]


class ApplicationConnectionArgs(KindeArgs):
    application_id: Annotated[str, Replace, Field(min_length=1), single_id("Application.id")]
    connection_id: Annotated[str, Replace, Field(min_length=1), single_id("Connection.id")]


class ApplicationConnectionProvider(LinkProvider):
    kind = "application connection"
    args_model = ApplicationConnectionArgs
    state_model = ApplicationConnectionArgs
    parent_field = "application_id"
    child_field = "connection_id"
    collection = "/api/v1/applications/{parent}/connections"
    items_key = "connections"
    whole_set_relation = "Connection.enabled_applications"


class ApplicationConnection(KindeResource, module="kinde", name="ApplicationConnection"):
    """Enables one connection (a way to sign in) for one application.

    Example::

        import pulumi_kinde as kinde

        web = kinde.Application("web", name="Web", type="reg")
        github = kinde.Connection(
            "github",
            name="github",
            display_name="GitHub",
            strategy="oauth2:github",
        )
        kinde.ApplicationConnection("web-github", application_id=web.id, connection_id=github.id)

    :id: ``application_id/connection_id``
    :find_id: In Kinde: *Settings > Environment > Applications*, *View details* on the
        application, then *Authentication*: the connections enabled for it. The two parts are
        the application's id (see ``Application``) and the connection's (see ``Connection``).
    :scopes: ``crd:application_connections``
    :limitation: A connection's applications are one set in Kinde: declare its pairings either
        here (one resource each) or in ``Connection.enabled_applications``, not both (check
        fails).
    :param resource_name: the Pulumi name of this resource.
    :param application_id: the application.
    :param connection_id: the connection to offer on the application's sign-in page.
    :param import_id: ``application_id/connection_id`` of an existing pairing to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = ApplicationConnectionProvider

    application_id: pulumi.Output[str]
    """The application's id."""
    connection_id: pulumi.Output[str]
    """The connection's id."""

    def __init__(
        self,
        resource_name: str,
        *,
        application_id: pulumi.Input[str],
        connection_id: pulumi.Input[str],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
