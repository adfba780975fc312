"""Webhooks and the event types they subscribe to. There is no GET of one webhook: a client
lists and filters. A webhook's endpoint cannot change, and the same name on the same endpoint
is refused.

Live (docs.kinde.com, "About webhooks"): an endpoint must be an ``https://`` URL, and ids
have the form ``webhook_<hex>``."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator import ids
from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store, Webhook
from pulumi_kinde.emulator.validation import RequestBody, is_url

Name = Annotated[str, StringConstraints(min_length=1, max_length=255)]

#: (code, name) of the event types a webhook can subscribe to.
EVENT_TYPES = (
    ("user.created", "User created"),
    ("user.updated", "User updated"),
    ("user.deleted", "User deleted"),
    ("user.authenticated", "User authenticated"),
    ("user.authentication_failed", "User authentication failed"),
    ("organization.created", "Organization created"),
    ("organization.updated", "Organization updated"),
    ("organization.deleted", "Organization deleted"),
    ("role.created", "Role created"),
    ("role.updated", "Role updated"),
    ("role.deleted", "Role deleted"),
    ("permission.created", "Permission created"),
    ("permission.updated", "Permission updated"),
    ("permission.deleted", "Permission deleted"),
    ("subscriber.created", "Subscriber created"),
    ("access_request.created", "Access request created"),
)
_EVENT_CODES = frozenset(code for code, _ in EVENT_TYPES)


def _check_event_types(value: list[str] | None) -> list[str] | None:
    if value is not None:
        if not value:
            raise ValueError("at least one event type is required")
        unknown = sorted(set(value) - _EVENT_CODES)
        if unknown:
            raise ValueError(f"unknown event types: {', '.join(unknown)}")
    return value


class CreateWebhook(RequestBody):
    endpoint: str
    event_types: list[str]
    name: Name
    description: str | None = None

    @field_validator("endpoint")
    @classmethod
    def _endpoint(cls, value: str) -> str:
        # Live: docs.kinde.com "About webhooks": endpoints must be HTTPS.
        if not is_url(value, web=True) or not value.lower().startswith("https://"):
            raise ValueError(f"{value!r} is not an https:// URL")
        return value

    @field_validator("event_types")
    @classmethod
    def _events(cls, value: list[str]) -> list[str]:
        _check_event_types(value)
        return value


class UpdateWebhook(RequestBody):
    event_types: list[str] | None = None
    name: Name | None = None
    description: str | None = None

    @field_validator("event_types")
    @classmethod
    def _events(cls, value: list[str] | None) -> list[str] | None:
        return _check_event_types(value)


def _check_unique(store: Store, endpoint: str, name: str, webhook_id: str | None) -> None:
    for other in store.webhooks.filter(endpoint=endpoint, name=name):
        if other.id != webhook_id:
            raise bad_request(
                "WEBHOOK_ALREADY_EXISTS", "A webhook with this name and endpoint already exists"
            )


@route("GET", "/api/v1/event_types", "GetEventTypes")
def list_event_types(call: Call) -> Reply:
    items = [
        {
            "id": hashlib.sha256(code.encode()).hexdigest()[:32],
            "code": code,
            "name": name,
            "origin": "kinde",
            "schema": {"type": "object", "properties": {"data": {"type": "object"}}},
        }
        for code, name in EVENT_TYPES
    ]
    return reply(code="OK", message="Success", event_types=items)


@route("GET", "/api/v1/webhooks", "GetWebHooks")
def list_webhooks(call: Call) -> Reply:
    items = []
    for webhook in call.store.webhooks.all():
        item: dict[str, Any] = {
            "id": webhook.id,
            "name": webhook.name,
            "endpoint": webhook.endpoint,
        }
        item["description"] = webhook.description  # Live: unset is null, not absent
        item.update(event_types=list(webhook.event_types), created_on=webhook.created_on)
        items.append(item)
    return reply(code="OK", message="Success", webhooks=items)


@route("POST", "/api/v1/webhooks", "CreateWebHook")
def create_webhook(call: Call) -> Reply:
    body = call.body(CreateWebhook)
    _check_unique(call.store, body.endpoint, body.name, None)
    webhook = call.store.webhooks.add(
        Webhook(
            id=ids.webhook_id(),
            name=body.name,
            endpoint=body.endpoint,
            event_types=list(dict.fromkeys(body.event_types)),
            created_on=_lookup.now(),
            description=body.description,
        )
    )
    return reply(
        code="WEBHOOK_CREATED",
        message="Webhook successfully created",
        webhook={"id": webhook.id, "endpoint": webhook.endpoint},
    )


@route("PATCH", "/api/v1/webhooks/{webhook_id}", "UpdateWebHook")
def update_webhook(call: Call) -> Reply:
    webhook = _lookup.webhook(call.store, call.params["webhook_id"])
    body = call.body(UpdateWebhook)
    if body.name is not None:
        _check_unique(call.store, webhook.endpoint, body.name, webhook.id)
        webhook.name = body.name
    if body.event_types is not None:
        webhook.event_types = list(dict.fromkeys(body.event_types))
    if "description" in body.model_fields_set:
        webhook.description = body.description
    return reply(
        message="Webhook successfully updated", code="WEBHOOK_UPDATED", webhook={"id": webhook.id}
    )


@route("DELETE", "/api/v1/webhooks/{webhook_id}", "DeleteWebHook")
def delete_webhook(call: Call) -> Reply:
    webhook = _lookup.webhook(call.store, call.params["webhook_id"])
    call.store.delete_webhook(webhook.id)
    return reply(code="WEBHOOK_DELETED", message="Webhook successfully deleted")
