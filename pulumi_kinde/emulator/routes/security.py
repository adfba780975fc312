"""Security policy: MFA and passkeys of the environment and of organizations, and an
organization's session settings.

What can be read back, as in the spec: passkey policies (``GET /passkey``,
``GET /organizations/{code}/passkey``). MFA configuration and organization session
settings can only be written (``PUT /mfa``, ``PUT /organizations/{code}/mfa``,
``PATCH /organizations/{code}/sessions``); the emulator keeps them in ``mfa_policies`` and
``session_policies`` for tests to inspect. ``PUT`` replaces: a field left out takes its
default (recovery codes on).
"""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import Field

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.records_security import (
    ENVIRONMENT,
    MfaPolicy,
    PasskeyPolicy,
    SessionPolicy,
)
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store
from pulumi_kinde.emulator.validation import RequestBody

Factor = Literal["mfa:email", "mfa:sms", "mfa:authenticator_app"]
Passkey = Literal["off", "optional", "mandatory"]
Value = TypeVar("Value")


class ReplaceMfa(RequestBody):
    policy: Literal["required", "off", "optional"]
    enabled_factors: list[Factor]
    is_recovery_codes_enabled: bool = True


class ReplaceOrganizationMfa(RequestBody):
    enabled_factors: list[Factor]
    is_recovery_codes_enabled: bool = True


class UpdatePasskey(RequestBody):
    policy: Passkey


class UpdateOrganizationPasskey(RequestBody):
    policy: Passkey | None = None
    is_override_environment_passkey_settings: bool | None = None


class UpdateSessions(RequestBody):
    is_use_org_sso_session_policy: bool | None = None
    sso_session_persistence_mode: Literal["persistent", "non_persistent"] | None = None
    is_use_org_authenticated_session_lifetime: bool | None = None
    authenticated_session_lifetime: int | None = Field(default=None, ge=1)


def _updated(message: str, code: str = "OK") -> Reply:
    return reply(message=message, code=code)


@route("PUT", "/api/v1/mfa", "ReplaceMFA")
def replace_mfa(call: Call) -> Reply:
    body = call.body(ReplaceMfa)
    call.store.mfa_policies.add(
        MfaPolicy(
            owner=ENVIRONMENT,
            policy=body.policy,
            enabled_factors=sorted(set(body.enabled_factors)),
            is_recovery_codes_enabled=body.is_recovery_codes_enabled,
        )
    )
    return _updated("MFA Configuration updated successfully")


@route("PUT", "/api/v1/organizations/{org_code}/mfa", "ReplaceOrganizationMFA")
def replace_organization_mfa(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    body = call.body(ReplaceOrganizationMfa)
    call.store.mfa_policies.add(
        MfaPolicy(
            owner=code,
            enabled_factors=sorted(set(body.enabled_factors)),
            is_recovery_codes_enabled=body.is_recovery_codes_enabled,
        )
    )
    return _updated("MFA Configuration updated successfully")


def _environment_passkey(store: Store) -> str:
    found = store.passkey_policies.get(ENVIRONMENT)
    return found.policy if found else "off"


@route("GET", "/api/v1/passkey", "GetPasskey")
def get_passkey(call: Call) -> Reply:
    policy = _environment_passkey(call.store)
    return reply(message="Success", code="OK", enabled=policy != "off", policy=policy)


@route("PUT", "/api/v1/passkey", "UpdatePasskey")
def update_passkey(call: Call) -> Reply:
    body = call.body(UpdatePasskey)
    if body.policy == "off":
        call.store.passkey_policies.remove(ENVIRONMENT)  # the default: as if never set
    else:
        call.store.passkey_policies.add(PasskeyPolicy(owner=ENVIRONMENT, policy=body.policy))
    return reply(message="Success", code="OK", enabled=body.policy != "off", policy=body.policy)


def _organization_passkey(store: Store, code: str) -> dict[str, object]:
    environment = _environment_passkey(store)
    override = store.passkey_policies.get(code)
    policy = override.policy if override else environment
    return {
        "enabled": policy != "off",
        "policy": policy,
        "is_override_environment_passkey_settings": override is not None,
        "environment_policy": environment,
    }


@route("GET", "/api/v1/organizations/{org_code}/passkey", "GetOrganizationPasskey")
def get_organization_passkey(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    return reply(message="Success", code="OK", **_organization_passkey(call.store, code))


@route("PUT", "/api/v1/organizations/{org_code}/passkey", "UpdateOrganizationPasskey")
def update_organization_passkey(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    body = call.body(UpdateOrganizationPasskey)
    override = body.is_override_environment_passkey_settings
    if override is False:
        call.store.passkey_policies.remove(code)  # back to the environment's policy
    elif body.policy is not None:
        call.store.passkey_policies.add(PasskeyPolicy(owner=code, policy=body.policy))
    elif override is True and code not in call.store.passkey_policies:
        raise bad_request("POLICY_REQUIRED", "policy is required to override the environment")
    elif override is None:
        raise bad_request("NO_CHANGES", "Send policy or is_override_environment_passkey_settings")
    shown = _organization_passkey(call.store, code)
    shown.pop("environment_policy")
    return reply(message="Success", code="OK", **shown)


def _override(
    current: Value | None, use: bool | None, value: Value | None, name: str
) -> Value | None:
    """An override after a PATCH: ``use`` False turns it off; a value applies while the
    override is on (turned on now, or already); on without any value is refused."""
    if use is False:
        return None
    if use is None and current is None:
        return None  # a value without its switch is not applied
    if value is not None:
        return value
    if current is None:
        raise bad_request(f"{name.upper()}_REQUIRED", f"{name} is required to override it")
    return current


@route("PATCH", "/api/v1/organizations/{org_code}/sessions", "UpdateOrganizationSessions")
def update_organization_sessions(call: Call) -> Reply:
    code = _lookup.organization(call.store, call.params["org_code"]).code
    body = call.body(UpdateSessions)
    if not body.model_fields_set:
        raise bad_request("NO_CHANGES", "The request changes no session setting")
    found = call.store.session_policies.get(code) or SessionPolicy(org_code=code)
    mode = _override(
        found.sso_session_persistence_mode,
        body.is_use_org_sso_session_policy,
        body.sso_session_persistence_mode,
        "sso_session_persistence_mode",
    )
    lifetime = _override(
        found.authenticated_session_lifetime,
        body.is_use_org_authenticated_session_lifetime,
        body.authenticated_session_lifetime,
        "authenticated_session_lifetime",
    )
    if mode is None and lifetime is None:
        call.store.session_policies.remove(code)
    else:
        call.store.session_policies.add(
            SessionPolicy(
                org_code=code,
                sso_session_persistence_mode=mode,
                authenticated_session_lifetime=lifetime,
            )
        )
    return _updated("Organization sessions successfully updated")
