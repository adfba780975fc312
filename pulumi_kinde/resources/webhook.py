"""Kinde webhooks: HTTPS endpoints that Kinde calls when events happen."""

from __future__ import annotations

import re
from typing import Annotated, Any

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._fields import Replace, Unordered, input_rule
from ._listing import find_listed, find_one
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._references import EVENT_TYPES
from ._resource import KindeResource, declared
from ._urls import HttpsUrl

__all__ = ["Webhook", "WebhookArgs", "WebhookProvider"]


_EVENT_SHAPE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")


def _event_type(code: str) -> str:
    if not _EVENT_SHAPE.match(code):
        raise ValueError("is not an event type code: they look like 'user.created'")
    return code


class WebhookArgs(KindeArgs):
    name: Annotated[str, Field(min_length=1, max_length=128)]
    endpoint: Annotated[HttpsUrl, Replace]
    # The shape is checked at preview; the names against GET /event_types before the first
    # write (live: Kinde adds event types over time, so a list frozen here would refuse new
    # ones; docs.kinde.com "Add and manage webhooks").
    event_types: Annotated[
        list[Annotated[str, input_rule(_event_type)]], Unordered, Field(min_length=1)
    ]
    description: str | None = None


class WebhookState(WebhookArgs):
    pass


class WebhookProvider(KindeProvider[WebhookArgs, WebhookState]):
    kind = "webhook"
    unique = (("name", "endpoint"),)
    args_model = WebhookArgs
    state_model = WebhookState

    def create_object(
        self, api: KindeClient, args: WebhookArgs, rollback: Rollback
    ) -> tuple[str, WebhookState]:
        # Read before the write (see event_types above): the names exist in Kinde's list,
        # walked once per provider process.
        EVENT_TYPES.require(api, args.event_types, "event_types")
        body = api.post(
            "/api/v1/webhooks",
            args.model_dump(exclude={"import_id"}, exclude_none=True),
            operation=f"create webhook {args.name!r}",
        )
        return str(body["webhook"]["id"]), self.state_from(args)

    def find_created(self, api: KindeClient, args: WebhookArgs) -> str | None:
        return find_one(
            api, "/api/v1/webhooks", "webhooks", {"name": args.name, "endpoint": args.endpoint}
        )

    def read_object(self, api: KindeClient, id_: str) -> WebhookState | None:
        # Kinde has no GET of one webhook: list them and pick ours.
        found = find_listed(api, "/api/v1/webhooks", "webhooks", id_)
        if found is None:
            return None
        return WebhookState(
            name=found["name"],
            endpoint=found["endpoint"],
            event_types=sorted(found.get("event_types") or []),
            description=found.get("description"),
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[WebhookArgs, WebhookState]
    ) -> WebhookState:
        new = change.new
        EVENT_TYPES.require(api, set(new.event_types) - set(change.old.event_types), "event_types")
        body: dict[str, Any] = {"name": new.name, "event_types": new.event_types}
        if new.description is not None:
            body["description"] = new.description
        api.patch(f"/api/v1/webhooks/{id_}", body)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/webhooks/{id_}")


class Webhook(KindeResource, module="kinde", name="Webhook"):
    """A Kinde webhook: an HTTPS endpoint Kinde calls when the chosen events happen.

    Example::

        import pulumi_kinde as kinde

        kinde.Webhook(
            "audit",
            name="audit",
            endpoint="https://hooks.example.com/kinde",
            event_types=["user.created", "user.deleted"],
        )

    :id: the webhook's id (``webhook_...``)
    :find_id: In Kinde: *Settings > Environment > Webhooks*, select the webhook;
        ``kinde.get_webhook(name="audit").id`` gives the id.
    :scopes: ``crud:webhooks, r:event_types``
    :limitation: Kinde only calls ``https://`` endpoints and cannot move a webhook: a new
        ``endpoint`` replaces it.
    :limitation: Kinde has no read of one webhook: refresh lists them and picks this one.
    :param resource_name: the Pulumi name of this resource.
    :param name: the webhook's name.
    :param endpoint: the ``https://`` URL Kinde posts events to; changing it replaces the
        webhook (Kinde cannot move one).
    :param event_types: event type codes to send, e.g. ``["user.created"]`` (a set; the
        valid codes are listed below).
    :param description: what the webhook is for.
    :param import_id: the id of an existing webhook to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = WebhookProvider

    name: pulumi.Output[str]
    """The webhook's name."""
    endpoint: pulumi.Output[str]
    """The URL Kinde posts events to."""
    event_types: pulumi.Output[list[str]]
    """The event type codes sent, sorted."""
    description: pulumi.Output[str | None]
    """What the webhook is for."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        endpoint: pulumi.Input[str],
        event_types: pulumi.Input[list[pulumi.Input[str]]],
        description: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
