"""The public surface is small and pinned: adding to it is a decision, not an accident."""

from __future__ import annotations

import pulumi_kinde
import pulumi_kinde.client
from pulumi_kinde.resources import RESOURCE_TYPES
from pulumi_kinde.resources._resource import KindeResource

_NOT_RESOURCES = ["Found", "KindeLookupError", "KindeResourceError"]


def test_package_exports() -> None:
    resources = [n for n in pulumi_kinde.__all__ if n[0].isupper() and n not in _NOT_RESOURCES]
    assert sorted(set(pulumi_kinde.__all__) - set(resources)) == sorted(
        {*_NOT_RESOURCES, "lookups", *pulumi_kinde.lookups.__all__}
    )
    assert sorted(resources) == [
        "Api",
        "ApiApplication",
        "ApiKey",
        "ApiScope",
        "Application",
        "ApplicationConnection",
        "ApplicationProperty",
        "BusinessSettings",
        "Connection",
        "EnvironmentFeatureFlag",
        "EnvironmentLogo",
        "EnvironmentMfa",
        "EnvironmentPasskey",
        "EnvironmentVariable",
        "FeatureFlag",
        "Organization",
        "OrganizationConnection",
        "OrganizationFeatureFlag",
        "OrganizationLogo",
        "OrganizationMfa",
        "OrganizationPasskey",
        "OrganizationProperty",
        "OrganizationSessions",
        "OrganizationUser",
        "OrganizationUserApiScope",
        "Permission",
        "Property",
        "PropertyCategory",
        "Role",
        "RoleSystemPermission",
        "ScimDirectory",
        "User",
        "UserFeatureFlag",
        "UserPassword",
        "UserProperty",
        "Webhook",
    ]
    for name in pulumi_kinde.__all__:
        assert getattr(pulumi_kinde, name).__doc__ or name.endswith("_output")


def test_client_exports_the_exception_tree() -> None:
    client = pulumi_kinde.client
    for name in ("NotFoundError", "ForbiddenError", "ConflictError", "RateLimitedError"):
        assert issubclass(getattr(client, name), client.APIError)
    assert issubclass(client.APIError, client.KindeError)
    assert "KindeClient" in client.__all__ and "resolve_settings" in client.__all__


def test_the_declared_resource_list_is_exactly_the_public_resources() -> None:
    public = {
        getattr(pulumi_kinde, n)
        for n in pulumi_kinde.__all__
        if isinstance(getattr(pulumi_kinde, n), type)
        and issubclass(getattr(pulumi_kinde, n), KindeResource)
    }
    assert len(RESOURCE_TYPES) == len(set(RESOURCE_TYPES))
    assert set(RESOURCE_TYPES) == public
