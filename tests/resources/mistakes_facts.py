"""Mistakes that facts of the program, or of Kinde, tell: the table of
``tests/resources/test_mistakes.py`` continued (it runs these rows).

At preview, one resource is checked against another of the same program: an override
against its flag's ``allow_override_level`` and type, a property value against its
property's context, an id against what the program declares under another name (a handle, a
username). Where only Kinde (or this run's own creates) can tell, one read before the first
write names whose the value is: a scope of another API, an organization of another profile,
a social connection where an enterprise one goes.

``untouched`` is a regular expression here (matched at the start of each written path): the
first write of an API authorization goes under an API's id, which no program knows
beforehand.
"""

from __future__ import annotations

import pulumi_kinde as kinde
from pulumi_kinde.resources.logo import MAX_BYTES
from tests.resources.mistakes import Mistake

PNG = b"\x89PNG\r\n\x1a\n"


def _flag(type_: str = "str", default: object = "light", **args: object) -> kinde.FeatureFlag:
    return kinde.FeatureFlag(
        "plan",
        key="plan",
        name="Plan",
        description="Pricing plan",
        type=type_,
        default_value=default,  # type: ignore[arg-type]
        **args,  # type: ignore[arg-type]
    )


def _bool_for_a_str_flag() -> None:
    plan = _flag()
    kinde.EnvironmentFeatureFlag("plan-here", flag_key=plan.key, value=True)


def _text_for_an_int_flag() -> None:
    seats = _flag("int", 5, allow_override_level="org")
    acme = kinde.Organization("acme", name="Acme")
    kinde.OrganizationFeatureFlag("acme-seats", org_code=acme.code, flag_key=seats.key, value="ten")


def _organization_override_of_an_env_flag() -> None:
    plan = _flag()
    acme = kinde.Organization("acme", name="Acme")
    kinde.OrganizationFeatureFlag("acme-plan", org_code=acme.code, flag_key=plan.key, value="pro")


def _user_override_of_an_org_flag() -> None:
    plan = _flag(allow_override_level="org")
    ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.UserFeatureFlag("ada-plan", user_id=ada.id, flag_key=plan.key, value="pro")


def _organization_value_of_a_user_property() -> None:
    profile = kinde.PropertyCategory("profile", name="Profile", context="usr")
    city = kinde.Property("city", key="city", name="City", context="usr", category_id=profile.id)
    acme = kinde.Organization("acme", name="Acme")
    kinde.OrganizationProperty("acme-city", org_code=acme.code, key=city.key, value="London")


def _plaintext_password() -> None:
    ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.UserPassword("ada-password", user_id=ada.id, hashed_password="never-shown-in-messages")


def _email_where_a_user_id_goes() -> None:
    acme = kinde.Organization("acme", name="Acme")
    kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.OrganizationUser("ada-acme", organization_code=acme.code, user_id="ada@example.com")


def _username_where_a_user_id_goes() -> None:
    plan = _flag(allow_override_level="usr")
    kinde.User("ada", given_name="Ada", usernames=["ada_l"])
    kinde.UserFeatureFlag("ada-plan", user_id="ada_l", flag_key=plan.key, value="pro")


def _handle_where_an_organization_code_goes() -> None:
    kinde.Organization("acme", name="Acme", handle="acme")
    ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.OrganizationUser("ada-acme", organization_code="acme", user_id=ada.id)


def _authorization_with_a_scope_of_another_api() -> None:
    billing = kinde.Api("billing", name="Billing", audience="https://billing.example.com")
    orders = kinde.Api("orders", name="Orders", audience="https://orders.example.com")
    read = kinde.ApiScope("orders-read", api_id=orders.id, key="orders:read")
    worker = kinde.Application("worker", name="Worker", type="m2m")
    kinde.ApiApplication(
        "worker-billing", api_id=billing.id, application_id=worker.id, scopes=[read.scope_id]
    )


def _api_key_with_a_scope_of_another_api() -> None:
    billing = kinde.Api("billing", name="Billing", audience="https://billing.example.com")
    orders = kinde.Api("orders", name="Orders", audience="https://orders.example.com")
    read = kinde.ApiScope("orders-read", api_id=orders.id, key="orders:read")
    kinde.ApiKey(
        "export", name="Export", type="environment", api_id=billing.id, scope_ids=[read.scope_id]
    )


def _membership_of_an_organization_of_another_profile() -> None:
    acme = kinde.Organization("acme-eu", name="Acme EU", profile="eu")
    ada = kinde.User("ada", given_name="Ada", emails=["ada@example.com"])
    kinde.OrganizationUser("ada-acme", organization_code=acme.code, user_id=ada.id)


def _scim_directory_on_a_social_connection() -> None:
    acme = kinde.Organization("acme", name="Acme")
    google = kinde.Connection(
        "google", name="google", display_name="Google", strategy="oauth2:google"
    )
    kinde.OrganizationConnection(
        "acme-google", organization_code=acme.code, connection_id=google.id
    )
    kinde.ScimDirectory(
        "acme-scim",
        org_code=acme.code,
        directory_name="Acme",
        provider_code="okta",
        enterprise_connection_id=google.id,
    )


def _reg_application_of_an_organization() -> None:
    kinde.Application("web", name="Web", type="reg", org_code="org_1")


def _logo_over_the_limit() -> None:
    kinde.EnvironmentLogo("logo", type="light", content=PNG + b"0" * MAX_BYTES)


MISTAKES: list[Mistake] = [
    Mistake(
        "True given for a str flag's value",
        _bool_for_a_str_flag,
        "preview",
        (
            "'value'",
            "FeatureFlag 'plan' of this program",
            "of type 'str'",
            "must be a string, not True or False",
            "write it in quotes",
        ),
    ),
    Mistake(
        "text given for an int flag's value",
        _text_for_an_int_flag,
        "preview",
        (
            "'value'",
            "FeatureFlag 'plan' of this program",
            "must be a whole number (or its digits as text)",
        ),
    ),
    Mistake(
        "an organization's value of a flag only the environment may override",
        _organization_override_of_an_env_flag,
        "preview",
        (
            "organization feature flag argument 'flag_key'",
            "FeatureFlag 'plan' of this program",
            "allow_override_level is 'env'",
            "refuses an organization's value",
            "allow_override_level='org'",
        ),
    ),
    Mistake(
        "a user's value of a flag only organizations may override",
        _user_override_of_an_org_flag,
        "preview",
        (
            "user feature flag argument 'flag_key'",
            "FeatureFlag 'plan' of this program",
            "allow_override_level is 'org'",
            "allow_override_level='usr'",
        ),
    ),
    Mistake(
        "an organization's value of a user property",
        _organization_value_of_a_user_property,
        "preview",
        (
            "organization property argument 'key'",
            "Property 'city' of this program",
            "context 'usr'",
            "use UserProperty",
            "or declare a property of context 'org'",
        ),
    ),
    Mistake(
        "org_code on a regular web application",
        _reg_application_of_an_organization,
        "preview",
        ("'org_code'", "only an m2m application can belong to an organization", "type='m2m'"),
    ),
    Mistake(
        "a password given as its hash",
        _plaintext_password,
        "preview",
        (
            "'hashed_password'",
            "is not a bcrypt hash",
            "never the password itself",
            "hashing_method",
            "(given [secret])",
        ),
    ),
    Mistake(
        "an e-mail address where a user id goes",
        _email_where_a_user_id_goes,
        "preview",
        ("'user_id'", "is an e-mail address, not a user id", "User.id", "kinde.get_user"),
    ),
    Mistake(
        "a username where a user id goes",
        _username_where_a_user_id_goes,
        "preview",
        ("'user_id'", "is the username of User 'ada' of this program, not its id", "User.id"),
    ),
    Mistake(
        "an organization's handle where its code goes",
        _handle_where_an_organization_code_goes,
        "preview",
        (
            "'organization_code'",
            "is the handle of Organization 'acme' of this program, not its code",
            "Organization.code",
        ),
    ),
    Mistake(
        "a logo over Kinde's size limit",
        _logo_over_the_limit,
        "preview",
        ("'content'", "bytes; Kinde takes logos up to 1 MB", "make it smaller"),
    ),
    Mistake(
        "a scope of another API granted by an API authorization",
        _authorization_with_a_scope_of_another_api,
        "before the first write",
        (
            "scopes: scope",
            "belongs to API",
            "('Orders')",
            "not to API",
            "('Billing')",
            "give a scope of API",
            "or authorize the application for the scope's API",
        ),
        untouched=r"/api/v1/apis/[^/]+/applications",
    ),
    Mistake(
        "a scope of another API given to an API key",
        _api_key_with_a_scope_of_another_api,
        "before the first write",
        (
            "scope_ids: scope",
            "belongs to API",
            "('Orders')",
            "not to API",
            "('Billing')",
            "or make the key for the scope's API",
        ),
        untouched="/api/v1/api_keys",
    ),
    Mistake(
        "a membership of an organization declared under another profile",
        _membership_of_an_organization_of_another_profile,
        "before the first write",
        (
            "organization_code: organization",
            "is in profile 'eu'",
            "not in the default profile",
            "profile='eu'",
        ),
        untouched="/api/v1/organizations/",
    ),
    Mistake(
        "a SCIM directory on a social connection",
        _scim_directory_on_a_social_connection,
        "before the first write",
        (
            "enterprise_connection_id: connection",
            "('Google', strategy 'oauth2:google') is a social connection",
            "SAML or Microsoft Entra ID",
        ),
        untouched="/api/v1/directories",
    ),
]
