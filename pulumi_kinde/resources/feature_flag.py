"""Kinde feature flags: typed values (str, int, bool) a program reads from tokens."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pulumi
from pulumi.dynamic import DiffResult
from pydantic import Field, PrivateAttr, ValidationInfo, field_validator

from ..client import KindeClient
from ._fields import Replace, WriteOnly
from ._flag_value import FlagType, FlagValue, from_kinde, mismatch, to_kinde
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["FeatureFlag", "FeatureFlagArgs", "FeatureFlagProvider"]

_ENVIRONMENT = "/api/v1/environment/feature_flags"
Level = Literal["env", "org", "usr"]


class FeatureFlagArgs(KindeArgs):
    key: Annotated[str, Replace, Field(pattern=r"^[A-Za-z0-9_.-]{1,128}$")]
    name: Annotated[str, WriteOnly, Field(min_length=1, max_length=255)]
    description: Annotated[str, WriteOnly, Field(min_length=1)]
    type: Annotated[FlagType, Replace]
    default_value: Annotated[FlagValue, WriteOnly]
    allow_override_level: Annotated[Level, WriteOnly] = "env"

    @field_validator("default_value")
    @classmethod
    def _suits_type(cls, value: bool | int | str, info: ValidationInfo) -> bool | int | str:
        problem = mismatch(info.data.get("type"), value)
        if problem:
            raise ValueError(problem)
        return value


class FeatureFlagState(KindeArgs):
    key: str
    type: FlagType
    name: str | None = None
    description: str | None = None
    default_value: FlagValue | None = None
    allow_override_level: Level | None = None
    _environment_value: FlagValue | None = PrivateAttr(default=None)

    @property
    def environment_value(self) -> FlagValue | None:
        """The value Kinde lists for the environment (its override, else the default), as
        read. Not an output: EnvironmentFeatureFlag owns it, and a flag's outputs must not
        change when another resource does."""
        return self._environment_value


class FeatureFlagProvider(KindeProvider[FeatureFlagArgs, FeatureFlagState]):
    kind = "feature flag"
    unique = (("key",),)
    args_model = FeatureFlagArgs
    state_model = FeatureFlagState
    delete_before_replace = True  # the replacement usually keeps the key, which is unique

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        result = super().diff(id_, olds, news)
        if result.changes and news.get("allow_override_level") == "usr":
            # Kinde's update cannot set the "usr" level: such a flag changes by replacement.
            result.replaces = self._changes(olds, news)
            result.delete_before_replace = True
        return result

    def create_object(
        self, api: KindeClient, args: FeatureFlagArgs, rollback: Rollback
    ) -> tuple[str, FeatureFlagState]:
        body = args.model_dump(exclude={"import_id"})
        body["default_value"] = to_kinde(args.default_value)
        api.post("/api/v1/feature_flags", body, operation=f"create feature flag {args.key!r}")
        return args.key, self.state_from(args)

    def find_created(self, api: KindeClient, args: FeatureFlagArgs) -> str | None:
        return args.key if args.key in (api.get(_ENVIRONMENT).get("feature_flags") or {}) else None

    def read_object(self, api: KindeClient, id_: str) -> FeatureFlagState | None:
        # No GET of a definition: the environment's list shows each flag's type and value.
        found = (api.get(_ENVIRONMENT).get("feature_flags") or {}).get(id_)
        if found is None:
            return None
        value = found.get("value")
        state = FeatureFlagState(key=id_, type=found["type"])
        state._environment_value = None if value is None else from_kinde(found["type"], value)
        return state

    def update_object(
        self, api: KindeClient, id_: str, change: Change[FeatureFlagArgs, FeatureFlagState]
    ) -> FeatureFlagState:
        new = change.new
        if new.allow_override_level == "usr":
            # Only adoption gets here (diff replaces such flags): nothing can be written.
            pulumi.log.warn(
                f"feature flag {id_!r}: Kinde cannot update a flag users may override; "
                "its name, description and default are taken as declared, not written"
            )
            return change.merged()
        query = new.model_dump(exclude={"import_id", "key"})
        query["default_value"] = to_kinde(new.default_value)
        api.put(f"/api/v1/feature_flags/{id_}", params=query)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/feature_flags/{id_}")


class FeatureFlag(KindeResource, module="kinde", name="FeatureFlag"):
    """A Kinde feature flag: a typed value (``str``, ``int`` or ``bool``) your code reads from
    tokens, with overrides per environment, organization or user.

    Example::

        import pulumi_kinde as kinde

        kinde.FeatureFlag(
            "beta-banner",
            key="beta_banner",
            name="Beta banner",
            description="Show the beta banner",
            type="bool",
            default_value=False,
        )

    :id: the flag's key
    :find_id: In Kinde: *Releases > Feature flags* lists the flags by key.
    :scopes: ``cud:feature_flags, r:environment_feature_flags``
    :limitation: Kinde cannot read a flag's definition back, only its type and current value:
        ``name``, ``description``, ``default_value`` and ``allow_override_level`` are
        write-only (refresh keeps the values last written; adoption writes them once). The
        environment's value is ``EnvironmentFeatureFlag``'s to manage and read.
    :limitation: Kinde's update cannot set the ``"usr"`` level: a flag users may override is
        replaced (deleted, losing its overrides, and created again) when anything about it
        changes.
    :limitation: A flag's key and type cannot change: changing either replaces the flag.
    :param resource_name: the Pulumi name of this resource.
    :param key: the flag's key, used in code and tokens (letters, digits, ``_ . -``);
        changing it replaces the flag.
    :param name: the flag's display name.
    :param description: what the flag is for (Kinde's update requires one).
    :param type: ``"str"``, ``"int"`` or ``"bool"``; changing it replaces the flag.
    :param default_value: the value when nothing overrides it, of the flag's type: a
        non-empty ``str``, an ``int``, or ``True``/``False``.
    :param allow_override_level: the narrowest level that may override the flag: ``"env"``
        (default), ``"org"`` (organizations too) or ``"usr"`` (users too).
    :param import_id: the key of an existing flag to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = FeatureFlagProvider

    key: pulumi.Output[str]
    """The flag's key."""
    name: pulumi.Output[str]
    """The flag's display name, as last written (write-only)."""
    description: pulumi.Output[str]
    """What the flag is for, as last written (write-only)."""
    type: pulumi.Output[str]
    """The flag's type: ``str``, ``int`` or ``bool``."""
    default_value: pulumi.Output[str | int | bool]
    """The default value, as last written (write-only)."""
    allow_override_level: pulumi.Output[str]
    """The narrowest level that may override it, as last written (write-only)."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        name: pulumi.Input[str],
        description: pulumi.Input[str],
        type: pulumi.Input[str],
        default_value: pulumi.Input[str | int | bool],
        allow_override_level: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
