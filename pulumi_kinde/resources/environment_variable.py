"""Kinde environment variables: values that Kinde workflows read, some of them secret."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi
from pulumi.dynamic import ReadResult
from pydantic import Field

from ..client import KindeClient
from ._fields import Secret
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared
from ._values import user_props

__all__ = ["EnvironmentVariable", "EnvironmentVariableArgs", "EnvironmentVariableProvider"]

_PATH = "/api/v1/environment_variables"
Key = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]


class EnvironmentVariableArgs(KindeArgs):
    key: Key
    value: Annotated[str, Secret, Field(max_length=4096)]
    is_secret: bool = False


class EnvironmentVariableState(KindeArgs):
    key: str
    value: Annotated[str | None, Secret] = None
    is_secret: bool = False


class EnvironmentVariableProvider(KindeProvider[EnvironmentVariableArgs, EnvironmentVariableState]):
    kind = "environment variable"
    unique = (("key",),)
    args_model = EnvironmentVariableArgs
    state_model = EnvironmentVariableState
    delete_before_replace = True  # the key is unique: the old variable must go first

    def replaced_fields(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], changed: list[str]
    ) -> list[str]:
        replaced = super().replaced_fields(olds, news, changed)
        if olds.get("is_secret"):
            # Live: docs.kinde.com, "Add and update environment variables": a sensitive
            # variable's value cannot be updated, only deleted and created again. Turning
            # is_secret off would show the value, which Kinde does not do either.
            replaced += [
                n
                for n in changed
                if n == "value" or (n == "is_secret" and not news.get("is_secret"))
            ]
        return replaced

    def taken_as_declared(self, live: EnvironmentVariableState) -> frozenset[str]:
        # Kinde neither shows nor updates a secret value: adoption takes the declared one.
        return frozenset({"value"}) if live.is_secret else frozenset()

    def create_object(
        self, api: KindeClient, args: EnvironmentVariableArgs, rollback: Rollback
    ) -> tuple[str, EnvironmentVariableState]:
        _remember(api, args)
        body = api.post(
            _PATH,
            args.model_dump(exclude={"import_id"}),
            operation=f"create environment variable {args.key!r}",
        )
        return str(body["environment_variable"]["id"]), self.state_from(args)

    def find_created(self, api: KindeClient, args: EnvironmentVariableArgs) -> str | None:
        listed = api.get(_PATH).get("environment_variables") or []
        return next((str(v["id"]) for v in listed if v.get("key") == args.key), None)

    def read_object(self, api: KindeClient, id_: str) -> EnvironmentVariableState | None:
        found = api.get(f"{_PATH}/{id_}")["environment_variable"]
        return EnvironmentVariableState(
            key=found["key"], value=found.get("value"), is_secret=bool(found.get("is_secret"))
        )

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        result = super().read(id_, props)
        outs, inputs = result.outs or {}, result.inputs or {}
        prior = user_props(props).get("value")
        if outs.get("is_secret") and outs.get("value") is None and prior is not None:
            # Kinde never returns a secret value: keep the one last written.
            outs["value"] = inputs["value"] = prior
        return result

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[EnvironmentVariableArgs, EnvironmentVariableState],
    ) -> EnvironmentVariableState:
        _remember(api, change.new)
        body = change.new.model_dump(include=set(change.changed))
        api.patch(f"{_PATH}/{id_}", body)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_PATH}/{id_}")


def _remember(api: KindeClient, args: EnvironmentVariableArgs) -> None:
    """Keep a secret value out of every log line and error message."""
    if args.is_secret:
        api.add_secret(args.value)


def _secret_if(value: pulumi.Input[str], is_secret: pulumi.Input[bool]) -> pulumi.Output[str]:
    """``value``, made a Pulumi secret when ``is_secret`` turns out true."""
    return pulumi.Output.from_input(is_secret).apply(
        lambda secret: pulumi.Output.secret(value) if secret else pulumi.Output.from_input(value)
    )


class EnvironmentVariable(KindeResource, module="kinde", name="EnvironmentVariable"):
    """A Kinde environment variable, read by Kinde workflows.

    ``value`` is always a Pulumi secret, as an input and as an output (the resource wraps
    it), so state never holds it in plain text. Kinde never returns a secret variable's
    value, and cannot update it: refresh keeps the value last written, a change made in the
    Kinde UI goes unseen, and changing ``value`` in the program (or turning ``is_secret``
    off) replaces the variable: the old one is deleted first (keys are unique), then a new
    one is created, with a new id. Adopting a secret variable (``import_id``) writes
    nothing: the declared value is taken as the one Kinde holds, so declare the right one;
    a wrong one goes unnoticed until you change it.

    Example::

        import pulumi
        import pulumi_kinde as kinde

        config = pulumi.Config()
        kinde.EnvironmentVariable("api-url", key="API_URL", value="https://api.example.com")
        kinde.EnvironmentVariable(
            "stripe-key",
            key="STRIPE_API_KEY",
            value=config.require_secret("stripeKey"),
            is_secret=True,
        )

    :id: the variable's id (``env_var_...``)
    :find_id: In Kinde: *Settings > Data management > Env variables* lists the variables by
        key; ``GET /api/v1/environment_variables`` gives their ids.
    :replaced: a secret variable's ``value`` change, or ``is_secret`` turning off (deleting
        first)
    :scopes: ``crud:environment_variables``
    :limitation: Kinde never returns a secret variable's value: refresh keeps the value last
        written, a change made in the Kinde UI goes unseen, and adoption (``import_id``)
        writes the value once.
    :limitation: Kinde's docs say a sensitive variable's value cannot be updated, only deleted
        and added again (docs.kinde.com, "Add and update environment variables").
    :param resource_name: the Pulumi name of this resource.
    :param key: the variable's name, e.g. ``"STRIPE_API_KEY"`` (letters, digits, ``_``).
    :param value: the variable's value.
    :param is_secret: whether the value is sensitive: Kinde then never shows it again.
    :param import_id: the id of an existing variable to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = EnvironmentVariableProvider

    key: pulumi.Output[str]
    """The variable's name."""
    value: pulumi.Output[str]
    """The value: a Pulumi secret."""
    is_secret: pulumi.Output[bool]
    """Whether the value is sensitive (Kinde never shows it)."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        value: pulumi.Input[str],
        is_secret: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        inputs = declared(locals())
        if is_secret is not None:
            inputs["value"] = _secret_if(value, is_secret)
        super().__init__(resource_name, inputs, opts, profile)
