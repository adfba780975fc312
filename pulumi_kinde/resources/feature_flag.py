"""Kinde feature flags: typed values (str, int, bool) a program reads from tokens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import pulumi
from pulumi.dynamic import CheckFailure, CheckResult, DiffResult
from pydantic import Field, PrivateAttr, ValidationInfo, field_validator

from ..client import KindeClient
from ._fields import Replace, WriteOnly
from ._flag_value import FlagType, FlagValue, from_kinde, mismatch, to_kinde
from ._provider import Change, KindeArgs, KindeProvider, KindeResourceError, Rollback
from ._resource import KindeResource, declared
from ._values import user_props

__all__ = ["FeatureFlag", "FeatureFlagArgs", "FeatureFlagProvider"]

_ENVIRONMENT = "/api/v1/environment/feature_flags"
Level = Literal["env", "org", "usr"]
DEFINITION = ("name", "description", "default_value", "allow_override_level")
"""What Kinde never shows of a flag, and its update writes together."""
_REQUIRED = DEFINITION[:3]
"""The part of the definition a declaration must give (the level defaults to "env")."""


class FeatureFlagArgs(KindeArgs):
    key: Annotated[str, Replace, Field(pattern=r"^[A-Za-z0-9_.-]{1,128}$")]
    # The definition: required, except that an adopted flag (import_id) may leave all of it
    # out, to keep Kinde's (see FeatureFlagProvider.check).
    name: Annotated[Annotated[str, Field(min_length=1, max_length=255)] | None, WriteOnly] = None
    description: Annotated[Annotated[str, Field(min_length=1)] | None, WriteOnly] = None
    type: Annotated[FlagType, Replace]
    default_value: Annotated[FlagValue | None, WriteOnly] = None
    allow_override_level: Annotated[Level | None, WriteOnly, Field(validate_default=True)] = None

    @field_validator("default_value")
    @classmethod
    def _suits_type(
        cls, value: bool | int | str | None, info: ValidationInfo
    ) -> bool | int | str | None:
        problem = None if value is None else mismatch(info.data.get("type"), value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("allow_override_level")
    @classmethod
    def _env_by_default(cls, level: Level | None, info: ValidationInfo) -> Level | None:
        """env if left out with a declared definition; without one, Kinde's is kept."""
        if level is None and info.data.get("name") is not None:
            return "env"
        return level


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

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        failed = {f.property for f in result.failures}
        extra = [f for f in _definition_failures(user_props(news)) if f.property not in failed]
        return CheckResult(result.inputs, [*result.failures, *extra]) if extra else result

    def taken_as_declared(self, live: FeatureFlagState) -> frozenset[str]:
        # Kinde never shows a flag's definition: adoption cannot tell whether the declared
        # one matches, so it takes it as declared and writes nothing (a later change of it
        # is written). Left out, it stays unmanaged: Kinde keeps its own.
        return frozenset(DEFINITION)

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
        body["default_value"] = to_kinde(_given(args.default_value, args.key, "create"))
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
        # Kinde's update replaces the whole definition: the declared one over the last known.
        state = change.merged()
        query = {
            n: state.type if n == "type" else _given(getattr(state, n), id_, "update")
            for n in ("name", "description", "type", "default_value", "allow_override_level")
        }
        query["default_value"] = to_kinde(query["default_value"])
        api.put(f"/api/v1/feature_flags/{id_}", params=query)
        return state

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"/api/v1/feature_flags/{id_}")


def _given(value: Any, key: str, operation: str) -> Any:
    """A definition value a write needs (check() makes sure a declaration has it)."""
    if value is None:
        raise KindeResourceError(
            f"feature flag {key!r}: {operation}: declare name, description and default_value: "
            "Kinde writes a flag's definition whole and never shows it"
        )
    return value


def _definition_failures(props: Mapping[str, Any]) -> list[CheckFailure]:
    """A new flag declares its definition; an adopted one (import_id) may leave all of it out
    (Kinde keeps its own), but not a part: Kinde's update writes it whole and cannot show
    the rest."""
    adopted = props.get("import_id") is not None
    if adopted and all(props.get(n) is None for n in DEFINITION):
        return []
    missing = [n for n in _REQUIRED if props.get(n) is None]
    if not adopted:
        return [CheckFailure(n, f"feature flag argument {n!r} is required") for n in missing]
    given = ", ".join(n for n in DEFINITION if props.get(n) is not None)
    return [
        CheckFailure(
            n,
            f"feature flag argument {n!r} is required with {given}: Kinde never shows an "
            "adopted flag's definition, and its update writes name, description, "
            "default_value and allow_override_level together; declare them all, or none "
            "to keep Kinde's",
        )
        for n in missing
    ]


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
    :replaced: ``key``, ``type`` change; any change when ``allow_override_level`` is ``"usr"``
    :scopes: ``cud:feature_flags, r:environment_feature_flags``
    :limitation: Kinde cannot read a flag's definition back, only its type and current value:
        ``name``, ``description``, ``default_value`` and ``allow_override_level`` are
        write-only (refresh keeps the values last written). Adoption cannot tell whether
        they match, so it writes none of them: a declared definition is taken as declared
        (a later change of it is written), and an adopted flag may leave the whole
        definition out to keep Kinde's. Kinde's update writes the definition whole, so it
        is declared whole or not at all. The environment's value is
        ``EnvironmentFeatureFlag``'s to manage and read.
    :limitation: Kinde's update cannot set the ``"usr"`` level: a flag users may override is
        replaced (deleted, losing its overrides, and created again) when anything about it
        changes.
    :limitation: A flag's key and type cannot change: changing either replaces the flag.
    :param resource_name: the Pulumi name of this resource.
    :param key: the flag's key, used in code and tokens (letters, digits, ``_ . -``);
        changing it replaces the flag.
    :param name: the flag's display name (required, but for an adopted flag that leaves its
        whole definition out).
    :param description: what the flag is for (Kinde's update requires one; required as
        ``name`` is).
    :param type: ``"str"``, ``"int"`` or ``"bool"``; changing it replaces the flag.
    :param default_value: the value when nothing overrides it, of the flag's type: a
        non-empty ``str``, an ``int``, or ``True``/``False`` (required as ``name`` is).
    :param allow_override_level: the narrowest level that may override the flag: ``"env"``
        (default, with a declared definition), ``"org"`` (organizations too) or ``"usr"``
        (users too).
    :param import_id: the key of an existing flag to adopt instead of creating one.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = FeatureFlagProvider

    key: pulumi.Output[str]
    """The flag's key."""
    name: pulumi.Output[str | None]
    """The flag's display name, as last written or declared (write-only)."""
    description: pulumi.Output[str | None]
    """What the flag is for, as last written or declared (write-only)."""
    type: pulumi.Output[str]
    """The flag's type: ``str``, ``int`` or ``bool``."""
    default_value: pulumi.Output[str | int | bool | None]
    """The default value, as last written or declared (write-only)."""
    allow_override_level: pulumi.Output[str | None]
    """The narrowest level that may override it, as last written or declared (write-only)."""

    def __init__(
        self,
        resource_name: str,
        *,
        key: pulumi.Input[str],
        name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        type: pulumi.Input[str],
        default_value: pulumi.Input[str | int | bool] | None = None,
        allow_override_level: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
