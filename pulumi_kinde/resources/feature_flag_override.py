"""Feature flag overrides: a flag's value for the environment, an organization or a user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

import pulumi
from pulumi.dynamic import CheckFailure, ReadResult
from pydantic import Field, field_validator

from ..client import KindeClient
from ._facts import Declaration, declaration
from ._fields import Replace, WriteOnly
from ._flag_value import FlagValue, from_kinde, override_mismatch, to_kinde, typed
from ._ids import OrganizationCode, UserId, join_id, split_id
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared
from ._values import user_props

__all__ = [
    "EnvironmentFeatureFlag",
    "OrganizationFeatureFlag",
    "UserFeatureFlag",
]

_ENVIRONMENT = "/api/v1/environment/feature_flags"
FlagKey = Annotated[str, Replace, Field(pattern=r"^[A-Za-z0-9_.-]{1,128}$")]
_SINGLE = Field(min_length=1, pattern=r"^[^/\s]+$")
OrganizationOwner = Annotated[OrganizationCode, Replace, _SINGLE]
UserOwner = Annotated[UserId, Replace, _SINGLE]


def _not_empty(value: bool | int | str) -> bool | int | str:
    if value == "":
        raise ValueError("must not be empty (Kinde refuses an empty value)")
    return value


class EnvironmentFeatureFlagArgs(KindeArgs):
    flag_key: FlagKey
    value: FlagValue

    _check_value = field_validator("value")(_not_empty)


class OrganizationFeatureFlagArgs(EnvironmentFeatureFlagArgs):
    org_code: OrganizationOwner


class UserFeatureFlagArgs(KindeArgs):
    user_id: UserOwner
    flag_key: FlagKey
    value: Annotated[FlagValue, WriteOnly]

    _check_value = field_validator("value")(_not_empty)


class UserFeatureFlagState(KindeArgs):
    user_id: str
    flag_key: str
    value: FlagValue | None = None


LEVELS = ("env", "org", "usr")
"""Override levels, broadest first: a flag may be overridden at its allow_override_level and
every broader level (emulator routes/feature_flags.py: Kinde refuses the others with
FEATURE_FLAG_OVERRIDE_NOT_ALLOWED)."""
_WHOSE = {"env": "the environment's", "org": "an organization's", "usr": "a user's"}


def _override_level(flag: Declaration) -> str | None:
    """The flag's allow_override_level as the program declares it (None: not known here)."""
    if not flag.known("allow_override_level"):
        return None
    level = flag.values.get("allow_override_level")
    if level is not None:
        return level if level in LEVELS else None
    # Left out: "env" for a new flag, or one that declares its definition; an adopted flag
    # that leaves its definition out keeps Kinde's level, which the program does not say.
    new = flag.known("import_id") and flag.values.get("import_id") is None
    return "env" if new or "name" in flag.values else None


def against_the_flag(
    provider: KindeProvider[Any, Any], level: str, props: Mapping[str, Any], unknown: set[str]
) -> list[CheckFailure]:
    """An override of ``level`` checked against its flag, where the program declares it:
    the flag's allow_override_level must allow the level, and the value must suit the flag's
    type (a bool given for a str flag would be kept as the text "true")."""
    flag = None
    if "flag_key" not in unknown:
        flag = declaration(provider.profile, "feature flag", "key", props.get("flag_key"))
    if flag is None:
        return []
    failures = []
    allowed = _override_level(flag)
    if allowed is not None and LEVELS.index(allowed) < LEVELS.index(level):
        wider = " (or 'usr', users too)" if level == "org" else ""
        failures.append(
            CheckFailure(
                "flag_key",
                f"{provider.kind} argument 'flag_key': the flag is {flag.said}, whose "
                f"allow_override_level is {allowed!r}, so Kinde refuses {_WHOSE[level]} value "
                f"of it: declare allow_override_level={level!r}{wider} on it",
            )
        )
    flag_type = flag.values.get("type") if flag.known("type") else None
    value = props.get("value")
    if "value" not in unknown and value is not None and flag_type is not None:
        problem = override_mismatch(flag_type, typed(value))
        if problem:
            failures.append(
                CheckFailure(
                    "value",
                    f"{provider.kind} argument 'value': the flag is {flag.said}, of type "
                    f"{flag_type!r}: {problem}; or declare the flag with the value's type",
                )
            )
    return failures


def _environment_flags(api: KindeClient) -> dict[str, Any]:
    flags: dict[str, Any] = api.get(_ENVIRONMENT).get("feature_flags") or {}
    return flags


class _OverrideProvider(KindeProvider[Any, Any]):
    """Keeps the program's spelling of a value Kinde returns as a string (``"true"``)."""

    level: ClassVar[str]

    def against_program(self, props: Mapping[str, Any], unknown: set[str]) -> list[CheckFailure]:
        found = super().against_program(props, unknown)
        return [*found, *against_the_flag(self, self.level, props, unknown)]

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        result = super().read(id_, props)
        prior = user_props(props).get("value")
        outs, inputs = result.outs or {}, result.inputs or {}
        live = outs.get("value")
        if prior is not None and live is not None and to_kinde(typed(prior)) == to_kinde(live):
            outs["value"] = inputs["value"] = prior
        return result


class EnvironmentFeatureFlagProvider(_OverrideProvider):
    kind = "environment feature flag"
    level = "env"
    unique = (("flag_key",),)
    args_model = EnvironmentFeatureFlagArgs
    state_model = EnvironmentFeatureFlagArgs

    def create_object(
        self, api: KindeClient, args: EnvironmentFeatureFlagArgs, rollback: Rollback
    ) -> tuple[str, EnvironmentFeatureFlagArgs]:
        api.patch(f"{_ENVIRONMENT}/{args.flag_key}", {"value": to_kinde(args.value)})
        return args.flag_key, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> EnvironmentFeatureFlagArgs | None:
        found = _environment_flags(api).get(id_)
        if found is None:
            return None
        value = from_kinde(found["type"], found["value"])
        return EnvironmentFeatureFlagArgs(flag_key=id_, value=value)

    def update_object(self, api: KindeClient, id_: str, change: Change[Any, Any]) -> Any:
        api.patch(f"{_ENVIRONMENT}/{id_}", {"value": to_kinde(change.new.value)})
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(f"{_ENVIRONMENT}/{id_}")


class OrganizationFeatureFlagProvider(_OverrideProvider):
    kind = "organization feature flag"
    level = "org"
    unique = (("org_code", "flag_key"),)
    args_model = OrganizationFeatureFlagArgs
    state_model = OrganizationFeatureFlagArgs
    _PATH: ClassVar[str] = "/api/v1/organizations/{}/feature_flags"

    def create_object(
        self, api: KindeClient, args: OrganizationFeatureFlagArgs, rollback: Rollback
    ) -> tuple[str, OrganizationFeatureFlagArgs]:
        path = self._PATH.format(args.org_code)
        api.patch(f"{path}/{args.flag_key}", params={"value": to_kinde(args.value)})
        return join_id(args.org_code, args.flag_key), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> OrganizationFeatureFlagArgs | None:
        org_code, flag_key = split_id(id_, self.kind, "org_code", "flag_key")
        flags = api.get(self._PATH.format(org_code)).get("feature_flags") or {}
        found = flags.get(flag_key)
        if found is None:
            return None
        value = from_kinde(found["type"], found["value"])
        return OrganizationFeatureFlagArgs(org_code=org_code, flag_key=flag_key, value=value)

    def update_object(self, api: KindeClient, id_: str, change: Change[Any, Any]) -> Any:
        org_code, flag_key = split_id(id_, self.kind, "org_code", "flag_key")
        path = f"{self._PATH.format(org_code)}/{flag_key}"
        api.patch(path, params={"value": to_kinde(change.new.value)})
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        org_code, flag_key = split_id(id_, self.kind, "org_code", "flag_key")
        api.delete(f"{self._PATH.format(org_code)}/{flag_key}")


class UserFeatureFlagProvider(KindeProvider[UserFeatureFlagArgs, UserFeatureFlagState]):
    kind = "user feature flag"
    unique = (("user_id", "flag_key"),)
    args_model = UserFeatureFlagArgs
    state_model = UserFeatureFlagState
    kept_on_delete = "Kinde has no way to remove a user's override"

    def against_program(self, props: Mapping[str, Any], unknown: set[str]) -> list[CheckFailure]:
        found = super().against_program(props, unknown)
        return [*found, *against_the_flag(self, "usr", props, unknown)]

    def _write(self, api: KindeClient, user_id: str, flag_key: str, value: Any) -> None:
        path = f"/api/v1/users/{user_id}/feature_flags/{flag_key}"
        api.patch(path, params={"value": to_kinde(value)})

    def create_object(
        self, api: KindeClient, args: UserFeatureFlagArgs, rollback: Rollback
    ) -> tuple[str, UserFeatureFlagState]:
        self._write(api, args.user_id, args.flag_key, args.value)
        return join_id(args.user_id, args.flag_key), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> UserFeatureFlagState | None:
        # Kinde cannot show a user's overrides: check that the user and the flag exist.
        user_id, flag_key = split_id(id_, self.kind, "user_id", "flag_key")
        if flag_key not in _environment_flags(api):
            return None
        api.get("/api/v1/user", params={"id": user_id})
        return UserFeatureFlagState(user_id=user_id, flag_key=flag_key)

    def update_object(
        self, api: KindeClient, id_: str, change: Change[UserFeatureFlagArgs, UserFeatureFlagState]
    ) -> UserFeatureFlagState:
        self._write(api, change.new.user_id, change.new.flag_key, change.new.value)
        return change.merged()


class EnvironmentFeatureFlag(KindeResource, module="kinde", name="EnvironmentFeatureFlag"):
    """A feature flag's value for the whole environment, overriding its default.

    Example::

        import pulumi_kinde as kinde

        theme = kinde.FeatureFlag(
            "theme",
            key="theme",
            name="Theme",
            description="UI theme",
            type="str",
            default_value="light",
        )
        kinde.EnvironmentFeatureFlag("theme-here", flag_key=theme.key, value="dark")

    :id: the flag's key
    :find_id: In Kinde: *Settings > Environment > Feature flags* lists the environment's flags
        by key.
    :scopes: ``rud:environment_feature_flags``
    :limitation: Kinde lists the environment's current value of a flag without saying whether
        it is an override: once the override is removed outside Pulumi, refresh shows the
        flag's default as this resource's value.
    :param resource_name: the Pulumi name of this resource.
    :param flag_key: the flag's key (``FeatureFlag.key``); changing it replaces this.
    :param value: the value, of the flag's type (``str``, ``int`` or ``True``/``False``).
    :param import_id: the key of a flag whose environment value to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = EnvironmentFeatureFlagProvider

    flag_key: pulumi.Output[str]
    """The flag's key."""
    value: pulumi.Output[str | int | bool]
    """The environment's value of the flag."""

    def __init__(
        self,
        resource_name: str,
        *,
        flag_key: pulumi.Input[str],
        value: pulumi.Input[str | int | bool],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class OrganizationFeatureFlag(KindeResource, module="kinde", name="OrganizationFeatureFlag"):
    """A feature flag's value for one organization.

    Example::

        import pulumi_kinde as kinde

        plan = kinde.FeatureFlag(
            "plan",
            key="plan",
            name="Plan",
            description="Pricing plan",
            type="str",
            default_value="free",
            allow_override_level="org",
        )
        acme = kinde.Organization("acme", name="Acme")
        kinde.OrganizationFeatureFlag(
            "acme-plan",
            org_code=acme.code,
            flag_key=plan.key,
            value="pro",
        )

    :id: ``org_code/flag_key``
    :find_id: In Kinde: *Organizations*, select the organization, then *Feature flags*. The
        two parts are the org code (see ``Organization``) and the flag's key.
    :scopes: ``rud:organization_feature_flags``
    :limitation: The flag's ``allow_override_level`` must be ``"org"`` or ``"usr"``: Kinde
        refuses an organization's value otherwise.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code; changing it replaces this.
    :param flag_key: the flag's key (``FeatureFlag.key``); changing it replaces this.
    :param value: the value, of the flag's type (``str``, ``int`` or ``True``/``False``).
    :param import_id: ``org_code/flag_key`` of an override to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationFeatureFlagProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    flag_key: pulumi.Output[str]
    """The flag's key."""
    value: pulumi.Output[str | int | bool]
    """The organization's value of the flag."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        flag_key: pulumi.Input[str],
        value: pulumi.Input[str | int | bool],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)


class UserFeatureFlag(KindeResource, module="kinde", name="UserFeatureFlag"):
    """A feature flag's value for one user.

    Example::

        import pulumi_kinde as kinde

        seats = kinde.FeatureFlag(
            "seats",
            key="seats",
            name="Seats",
            description="Seats per user",
            type="int",
            default_value=5,
            allow_override_level="usr",
        )
        ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
        kinde.UserFeatureFlag("ada-seats", user_id=ada.id, flag_key=seats.key, value=10)

    :id: ``user_id/flag_key``
    :find_id: In Kinde: *Users*, select the user, then *Feature flags*. The two parts are the
        user's id (see ``User``) and the flag's key.
    :scopes: ``u:user_feature_flags, r:environment_feature_flags, r:users``
    :limitation: Kinde cannot show a user's overrides: ``value`` is write-only (refresh only
        notices the user or the flag disappearing; adoption writes the value once).
    :limitation: Kinde cannot remove a user's override: deleting this resource leaves it in
        Kinde, with a warning.
    :limitation: The flag's ``allow_override_level`` must be ``"usr"``.
    :param resource_name: the Pulumi name of this resource.
    :param user_id: the user's id (``kp_...``); changing it replaces this.
    :param flag_key: the flag's key (``FeatureFlag.key``); changing it replaces this.
    :param value: the value, of the flag's type (``str``, ``int`` or ``True``/``False``).
    :param import_id: ``user_id/flag_key`` of an override to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = UserFeatureFlagProvider

    user_id: pulumi.Output[str]
    """The user's id."""
    flag_key: pulumi.Output[str]
    """The flag's key."""
    value: pulumi.Output[str | int | bool]
    """The user's value of the flag, as last written (write-only)."""

    def __init__(
        self,
        resource_name: str,
        *,
        user_id: pulumi.Input[str],
        flag_key: pulumi.Input[str],
        value: pulumi.Input[str | int | bool],
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
