"""Lifecycle cases of security policy (MFA, passkeys, organization sessions), logos, API
keys and SCIM directories."""

from __future__ import annotations

from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.resources.api_key import ApiKey
from pulumi_kinde.resources.logo import EnvironmentLogo, OrganizationLogo
from pulumi_kinde.resources.mfa import EnvironmentMfa, OrganizationMfa
from pulumi_kinde.resources.organization_sessions import OrganizationSessions
from pulumi_kinde.resources.passkey import EnvironmentPasskey, OrganizationPasskey
from pulumi_kinde.resources.scim_directory import ScimDirectory
from tests.resources.cases import Case, Parents
from tests.resources.cases_settings import (
    ADOPTION,
    CREATE_FAULTS,
    DESTROY,
    LOST_REPLY,
    REPLACE,
    UPSERT,
)

REFRESH = "test_refresh_reports_drift_and_drops_an_object_deleted_outside"
WRITTEN_ON_ADOPTION = "Kinde cannot show the settings (write-only): adoption writes them"
PNG = b"\x89PNG\r\n\x1a\n" + b"light logo"
PNG_V2 = b"\x89PNG\r\n\x1a\n" + b"light logo, version 2"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def _org(api: KindeClient, name: str = "Initech") -> str:
    return str(api.post("/api/v1/organization", {"name": name})["organization"]["code"])


def _org_parents(api: KindeClient) -> Parents:
    return {"org_code": _org(api)}


def _other_org(api: KindeClient, parents: Parents) -> Parents:
    return {"org_code": _org(api, "Globex")}


def _delete_org(emu: Emulator, code: str) -> None:
    emu.store.delete_organization(code)


def _sso_org(api: KindeClient) -> Parents:
    """An organization with a SAML connection enabled: what a SCIM directory needs."""
    code = _org(api, "Provisioned")
    body = {"name": "okta", "display_name": "Okta", "strategy": "saml:custom"}
    connection = api.post("/api/v1/connections", body)["connection"]["id"]
    api.post(f"/api/v1/organizations/{code}/connections/{connection}")
    return {"org_code": code}


def _api_with_scope(api: KindeClient) -> Parents:
    body = {"name": "Orders", "audience": "https://orders.example"}
    api_id = api.post("/api/v1/apis", body)["api"]["id"]
    scope = api.post(f"/api/v1/apis/{api_id}/scopes", {"key": "read:orders"})["scope"]["id"]
    return {"api_id": api_id, "scope_ids": [scope]}


def _upload(api: KindeClient, method: str, path: str) -> None:
    api.request(method, path, files={"logo": ("light.png", PNG, "image/png")})


# -- seeds: the object made without Pulumi, for adoption and get() ------------------------


def _seed_environment_mfa(api: KindeClient, parents: Parents) -> str:
    api.put("/api/v1/mfa", {"policy": "optional", "enabled_factors": ["mfa:email"]})
    return "environment"


def _seed_organization_mfa(api: KindeClient, parents: Parents) -> str:
    code = parents["org_code"]
    api.put(f"/api/v1/organizations/{code}/mfa", {"enabled_factors": ["mfa:email"]})
    return str(code)


def _seed_environment_passkey(api: KindeClient, parents: Parents) -> str:
    api.put("/api/v1/passkey", {"policy": "optional"})
    return "environment"


def _seed_organization_passkey(api: KindeClient, parents: Parents) -> str:
    code = parents["org_code"]
    body = {"policy": "optional", "is_override_environment_passkey_settings": True}
    api.put(f"/api/v1/organizations/{code}/passkey", body)
    return str(code)


def _seed_sessions(api: KindeClient, parents: Parents) -> str:
    code = parents["org_code"]
    body = {"is_use_org_sso_session_policy": True, "sso_session_persistence_mode": "persistent"}
    api.patch(f"/api/v1/organizations/{code}/sessions", body)
    return str(code)


def _seed_environment_logo(api: KindeClient, parents: Parents) -> str:
    _upload(api, "PUT", "/api/v1/environment/logos/light")
    return "light"


def _seed_organization_logo(api: KindeClient, parents: Parents) -> str:
    code = parents["org_code"]
    _upload(api, "POST", f"/api/v1/organizations/{code}/logos/light")
    return f"{code}/light"


def _seed_api_key(api: KindeClient, parents: Parents) -> str:
    body = {"name": "Billing export", "type": "environment", **parents}
    return str(api.post("/api/v1/api_keys", body)["api_key"]["id"])


def _seed_directory(api: KindeClient, parents: Parents) -> str:
    body = {"directory_name": "Okta", "provider_code": "okta", **parents}
    return str(api.post("/api/v1/directories", body)["directory"]["id"])


SECURITY_CASES = [
    Case(
        name="environment_mfa",
        resource=EnvironmentMfa,
        collection="mfa_policies",
        create={"policy": "optional", "enabled_factors": ["mfa:email"]},
        update={"policy": "required", "enabled_factors": ["mfa:email", "mfa:authenticator_app"]},
        replace=None,
        why_no_replace="a singleton whose settings all change in place",
        drift={},
        seed=_seed_environment_mfa,
        bad=({"policy": "always", "enabled_factors": []}, "policy"),
        id_format="environment",
        not_applicable=(
            (REFRESH, "Kinde cannot show the MFA configuration: nothing to see drift in"),
            (ADOPTION, WRITTEN_ON_ADOPTION),
            (DESTROY, "Kinde cannot remove the MFA configuration: delete leaves it"),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="organization_mfa",
        resource=OrganizationMfa,
        collection="mfa_policies",
        create={"enabled_factors": ["mfa:email"]},
        update={"enabled_factors": ["mfa:email", "mfa:sms"], "is_recovery_codes_enabled": False},
        replace=None,
        replace_with=_other_org,
        drift={},  # Kinde cannot show it: only the organization's deletion shows
        seed=_seed_organization_mfa,
        bad=({"org_code": "o", "enabled_factors": ["mfa:pigeon"]}, "enabled_factors"),
        setup=_org_parents,
        id_format="org_code",
        delete_outside=_delete_org,
        not_applicable=(
            (ADOPTION, WRITTEN_ON_ADOPTION),
            (DESTROY, "Kinde cannot remove an organization's MFA configuration"),
            (REPLACE, "Kinde cannot remove an organization's MFA configuration: the old stays"),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="environment_passkey",
        resource=EnvironmentPasskey,
        collection="passkey_policies",
        create={"policy": "optional"},
        update={"policy": "mandatory"},
        replace=None,
        why_no_replace="a singleton whose policy changes in place",
        drift={"policy": "mandatory"},
        seed=_seed_environment_passkey,
        bad=({"policy": "always"}, "policy"),
        id_format="environment",
        why_never_gone="the environment always has a passkey policy",
        not_applicable=(
            (DESTROY, "the environment always has a passkey policy: delete leaves it"),
            (
                CREATE_FAULTS,
                "create adopts the policy: after the probe run it already matches, so no "
                "write is left to fail (see the update fault suite)",
            ),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="organization_passkey",
        resource=OrganizationPasskey,
        collection="passkey_policies",
        create={"policy": "optional"},
        update={"policy": "mandatory"},
        replace=None,
        replace_with=_other_org,
        drift={"policy": "off"},
        seed=_seed_organization_passkey,
        bad=({"org_code": "o", "policy": "sometimes"}, "policy"),
        setup=_org_parents,
        id_format="org_code",
        delete_outside=lambda emu, id_: emu.store.passkey_policies.remove(id_),
        not_applicable=((LOST_REPLY, UPSERT),),
    ),
    Case(
        name="organization_sessions",
        resource=OrganizationSessions,
        collection="session_policies",
        create={
            "sso_session_persistence_mode": "non_persistent",
            "authenticated_session_lifetime": 86400,
        },
        update={
            "sso_session_persistence_mode": "persistent",
            "authenticated_session_lifetime": 3600,
        },
        replace=None,
        replace_with=_other_org,
        drift={},  # Kinde cannot show them: only the organization's deletion shows
        seed=_seed_sessions,
        bad=({"org_code": "o"}, "authenticated_session_lifetime"),
        setup=_org_parents,
        id_format="org_code",
        delete_outside=_delete_org,
        not_applicable=((ADOPTION, WRITTEN_ON_ADOPTION), (LOST_REPLY, UPSERT)),
    ),
    Case(
        name="environment_logo",
        resource=EnvironmentLogo,
        collection="logos",
        create={"type": "light", "content": PNG},
        update={"content": PNG_V2},
        replace={"type": "dark"},
        drift={},  # Kinde never shows a logo's content
        seed=_seed_environment_logo,
        bad=({"type": "light", "content": b"%PDF-1.4 not an image"}, "content"),
        id_format="type",
        store_key=lambda id_: f"environment/{id_}",
        delete_outside=lambda emu, id_: emu.store.logos.remove(f"environment/{id_}"),
        not_applicable=(
            (ADOPTION, "Kinde never shows a logo's content: adoption uploads it"),
            (LOST_REPLY, UPSERT),
        ),
    ),
    Case(
        name="organization_logo",
        resource=OrganizationLogo,
        collection="logos",
        create={"type": "dark", "content": SVG},
        update={"content": PNG},
        replace={"type": "light"},
        drift={},  # Kinde never shows a logo's content
        seed=_seed_organization_logo,
        bad=({"org_code": "o", "type": "medium", "content": PNG}, "type"),
        setup=_org_parents,
        id_format="org_code/type",
        delete_outside=lambda emu, id_: emu.store.logos.remove(id_),
        not_applicable=((ADOPTION, "Kinde never shows a logo's content: adoption uploads it"),),
    ),
    Case(
        name="api_key",
        resource=ApiKey,
        collection="api_keys",
        create={"name": "Billing export", "type": "environment", "rotation_trigger": "2025-01"},
        update={"rotation_trigger": "2025-07"},
        replace={"name": "Billing export v2"},
        drift={"name": "Renamed in the UI"},
        seed=_seed_api_key,
        bad=({"name": "K", "type": "organization", "api_id": "a"}, "org_code"),
        setup=_api_with_scope,
        not_applicable=(
            (
                LOST_REPLY,
                "key names are not unique: a key made by a lost reply cannot be told from "
                "another, and its value was in the lost reply; a rerun makes another",
            ),
        ),
    ),
    Case(
        name="scim_directory",
        resource=ScimDirectory,
        collection="directories",
        create={"directory_name": "Okta", "provider_code": "okta"},
        update={"directory_name": "Okta (production)"},
        replace={"provider_code": "entra_id_azure_ad"},
        drift={"directory_name": "Renamed in the UI"},
        seed=_seed_directory,
        bad=({"org_code": "o", "directory_name": "D", "provider_code": "ldap"}, "provider_code"),
        setup=_sso_org,
        delete_outside=lambda emu, id_: emu.store.directories.remove(id_),
    ),
]
