"""A realistic Kinde business, made through the emulator's HTTP API as a person would.

:func:`seed_business` returns the resource id of every object an export must adopt, by
Pulumi resource class name; :func:`secrets` the secret values that must never be written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pulumi_kinde.client import KindeClient
from pulumi_kinde.emulator import Emulator

PEOPLE = ("User", "OrganizationUser", "UserProperty")
CONNECTION_SECRET = "okta-saml-signing-key-for-tests"
GITHUB_SECRET = "github-oauth-client-secret-for-tests"
VARIABLE_SECRETS = {
    "STRIPE_API_KEY": "sk_live_stripe-key-for-tests",
    "WEBHOOK_SIGNING_SECRET": "whsec_signing-secret-for-tests",
}


@dataclass
class Business:
    """What was made: resource ids by resource class, and objects to refer to by name."""

    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    apis: dict[str, str] = field(default_factory=dict)
    scopes: dict[str, str] = field(default_factory=dict)
    apps: dict[str, str] = field(default_factory=dict)
    connections: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    webhooks: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    """Feature flag key -> its allow_override_level."""
    variables: dict[str, str] = field(default_factory=dict)
    """Environment variable key -> id."""
    categories: dict[str, str] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    """Property key -> id (the business's own, not Kinde's)."""
    not_declarable: set[str] = field(default_factory=set)
    """Objects Kinde holds that the provider cannot declare (skipped with a reason)."""

    def declared(self, *, people: bool) -> dict[str, set[str]]:
        """Ids by resource class an export must adopt, with or without users."""
        return {k: v for k, v in self.ids.items() if people or k not in PEOPLE}


def seed_business(api: KindeClient, emu: Emulator) -> Business:
    b = Business()

    for name, audience, scope_keys in (
        ("Billing API", "https://billing.example.com", ["invoices:read", "invoices:write"]),
        ("Orders API", "https://orders.example.com", ["orders:read", "orders:write", "refunds"]),
        ("Reports", "https://reports.example.com/v2", ["read"]),
        ("Reports", "https://reports.example.com/v3", ["read", "export"]),  # a name clash
    ):
        api_id = str(api.post("/api/v1/apis", {"name": name, "audience": audience})["api"]["id"])
        b.apis[audience] = api_id
        b.ids["Api"].add(api_id)
        for key in scope_keys:
            scope_body = {"key": key, "description": f"{key} on {name}"}
            scope_id = str(api.post(f"/api/v1/apis/{api_id}/scopes", scope_body)["scope"]["id"])
            b.scopes[f"{audience} {key}"] = scope_id
            b.ids["ApiScope"].add(f"{api_id}/{scope_id}")

    apps = [
        ("Web shop", "reg", ["https://shop.example.com/callback"], ["https://shop.example.com"]),
        ("Admin console", "reg", ["https://admin.example.com/cb"], []),
        ("Mobile app", "spa", ["com.example.app://callback", "https://m.example.com/cb"], []),
        ("Billing worker", "m2m", [], []),
        ("Report exporter", "m2m", [], []),
        ("TV app", "device", [], []),
        ("Café «Ünïcode» app", "spa", ["https://cafe.example.com/cb"], []),
        ("class", "reg", [], []),  # a Python keyword as a name
    ]
    for name, type_, redirects, logouts in apps:
        created = api.post("/api/v1/applications", {"name": name, "type": type_})["application"]
        app_id = str(created["id"])
        b.apps[name] = app_id
        b.ids["Application"].add(app_id)
        if redirects:
            api.put(f"/api/v1/applications/{app_id}/auth_redirect_urls", {"urls": redirects})
        if logouts:
            api.put(f"/api/v1/applications/{app_id}/auth_logout_urls", {"urls": logouts})
    api.patch(
        f"/api/v1/applications/{b.apps['Web shop']}",
        {"login_uri": "https://shop.example.com/login", "is_ask_for_name": True},
    )

    # API authorizations.
    for audience, app_names in (
        ("https://billing.example.com", ["Billing worker", "Web shop"]),
        ("https://orders.example.com", ["Web shop", "Mobile app", "Report exporter"]),
        ("https://reports.example.com/v2", ["Report exporter"]),
    ):
        api_id = b.apis[audience]
        entries = [{"id": b.apps[n]} for n in app_names]
        api.patch(f"/api/v1/apis/{api_id}/applications", {"applications": entries})
        for n in app_names:
            b.ids["ApiApplication"].add(f"{api_id}/{b.apps[n]}")
    worker, billing = b.apps["Billing worker"], b.apis["https://billing.example.com"]
    scope = b.scopes["https://billing.example.com invoices:read"]
    api.post(f"/api/v1/apis/{billing}/applications/{worker}/scopes/{scope}")

    connections = [
        (
            "github",
            "GitHub",
            "oauth2:github",
            {"client_id": "gh-id", "client_secret": GITHUB_SECRET},
        ),
        ("microsoft", "Microsoft", "oauth2:microsoft", None),
        (
            "okta-acme",
            "Acme SSO",
            "saml:okta",
            {"saml_signing_private_key": CONNECTION_SECRET, "home_realm_domains": ["acme.test"]},
        ),
        ("entra", "Entra ID", "wsfed:azure_ad", None),
        ("slack", "Slack", "oauth2:slack", None),
    ]
    for name, display, strategy, options in connections:
        body: dict[str, Any] = {"name": name, "display_name": display, "strategy": strategy}
        if options:
            body["options"] = options
        conn_id = str(api.post("/api/v1/connections", body)["connection"]["id"])
        b.connections[name] = conn_id
        b.ids["Connection"].add(conn_id)
    for record in emu.store.connections.all():  # Kinde's own Google connection is declarable
        if record.strategy == "oauth2:google":
            b.connections["Google"] = record.id
            b.ids["Connection"].add(record.id)
        elif record.is_builtin:
            b.connections[record.name] = record.id

    for app_name, conn_names in (
        ("Web shop", ["github", "Google", "Email + password"]),
        ("Admin console", ["okta-acme", "entra"]),
        ("Mobile app", ["Google", "Email (passwordless)", "slack"]),
        ("Café «Ünïcode» app", ["microsoft"]),
    ):
        for conn in conn_names:
            app_id, conn_id = b.apps[app_name], b.connections[conn]
            api.post(f"/api/v1/applications/{app_id}/connections/{conn_id}")
            b.ids["ApplicationConnection"].add(f"{app_id}/{conn_id}")

    # Organizations: handles, colours, domains, clashing and non-ASCII names.
    for i in range(24):
        body = {"name": f"Customer {i:02d}", "external_id": f"crm-{i:04d}"}
        if i % 3 == 0:
            body["handle"] = f"customer-{i:02d}"
        if i % 4 == 0:
            body["button_color"] = "#0a7cff"
            body["theme_code"] = "dark"
        code = str(api.post("/api/v1/organization", body)["organization"]["code"])
        b.orgs[body["name"]] = code
        b.ids["Organization"].add(code)
        if i % 5 == 0:
            patch = {"allowed_domains": [f"c{i}.example.com", f"c{i}.example.org"]}
            api.patch(f"/api/v1/organization/{code}", patch)
    for name in ("Acme", "Acme", "Ünïcode GmbH"):
        code = str(api.post("/api/v1/organization", {"name": name})["organization"]["code"])
        b.orgs[f"{name} {code}"] = code
        b.ids["Organization"].add(code)
    # Kinde takes a name longer than an Organization may declare: export skips it, saying why.
    legacy = api.post("/api/v1/organization", {"name": "Legacy" + "-" * 130})
    b.not_declarable.add(str(legacy["organization"]["code"]))
    for org_name, conn in (
        ("Customer 00", "okta-acme"),
        ("Customer 01", "entra"),
        ("Customer 02", "github"),
        ("Customer 03", "okta-acme"),
        ("Customer 04", "Google"),
    ):
        code, conn_id = b.orgs[org_name], b.connections[conn]
        api.post(f"/api/v1/organizations/{code}/connections/{conn_id}")
        b.ids["OrganizationConnection"].add(f"{code}/{conn_id}")

    for resource in ("invoices", "orders", "reports", "users", "settings"):
        for verb in ("read", "write", "delete"):
            key = f"{verb}:{resource}"
            body = {"key": key, "name": f"{verb.title()} {resource}"}
            if verb == "delete":
                body["description"] = f"Delete {resource} for good"
            api.post("/api/v1/permissions", body)
    for item in api.paginate("/api/v1/permissions", "permissions"):
        b.permissions[item["key"]] = str(item["id"])
        b.ids["Permission"].add(str(item["id"]))

    management = next(a for a in emu.store.apis.all() if a.is_management_api)
    management_scope = next(s for s in emu.store.api_scopes.all() if s.api_id == management.id)
    roles = [
        ("admin", "Administrator", [p for p in b.permissions if p.split(":")[1] != "settings"]),
        ("viewer", "Viewer", [p for p in b.permissions if p.startswith("read:")]),
        ("billing", "Billing", ["read:invoices", "write:invoices"]),
        ("support", "Support", ["read:users", "read:orders"]),
        ("ops", "Operations", ["read:settings", "write:settings"]),
        ("auditor", "Auditor", ["read:reports"]),
        ("empty", "No permissions", []),
        ("Admin", "Clashing key, other case", ["read:users"]),
        ("api-client", "API client", ["read:orders"]),
        ("default-member", "Member", []),
    ]
    for key, name, permission_keys in roles:
        body = {"key": key, "name": name, "description": f"The {name} role"}
        if key == "default-member":
            body["is_default_role"] = True
        role_id = str(api.post("/api/v1/roles", body)["role"]["id"])
        b.roles[key] = role_id
        b.ids["Role"].add(role_id)
        if permission_keys:
            ops = [{"id": b.permissions[k]} for k in permission_keys]
            api.patch(f"/api/v1/roles/{role_id}/permissions", {"permissions": ops})
    for role, scope_key in (
        ("admin", "https://orders.example.com orders:write"),
        ("admin", "https://billing.example.com invoices:write"),
        ("billing", "https://billing.example.com invoices:read"),
    ):
        api.post(f"/api/v1/roles/{b.roles[role]}/scopes", {"scope_id": b.scopes[scope_key]})
    # A Management API scope: Kinde's own, so the program refers to it by its id.
    api.post(f"/api/v1/roles/{b.roles['ops']}/scopes", {"scope_id": management_scope.id})
    # Kinde's system permissions (the self-serve portal's), by their ids.
    system = {p.key: p.id for p in emu.store.system_permissions.all()}
    for role, key in (("billing", "org:write:billing"), ("billing", "org:read:billing")):
        body = {"system_permissions": [{"id": system[key]}]}
        api.patch(f"/api/v1/roles/{b.roles[role]}/system_permissions", body)
        b.ids["RoleSystemPermission"].add(f"{b.roles[role]}/{system[key]}")
    # Only operations staff may sign in to the admin console.
    console = b.apps["Admin console"]
    for role in ("ops", "admin"):
        api.post(f"/api/v1/applications/{console}/access_roles/{b.roles[role]}")
    api.patch(f"/api/v1/applications/{console}", {"is_access_control_enabled": True})

    for name, path, events in (
        ("Audit trail", "audit", ["user.created", "user.deleted", "role.updated"]),
        ("CRM sync", "crm", ["organization.created", "organization.updated"]),
        ("Security", "sec", ["user.authentication_failed"]),
        ("Audit trail", "audit-2", ["user.updated"]),
        ("Permissions feed", "perm", ["permission.created", "permission.deleted"]),
        ("Signups", "signup", ["user.created", "subscriber.created"]),
    ):
        body = {
            "name": name,
            "endpoint": f"https://hooks.example.com/{path}",
            "event_types": events,
            "description": f"{name} events",
        }
        webhook_id = str(api.post("/api/v1/webhooks", body)["webhook"]["id"])
        b.webhooks[path] = webhook_id
        b.ids["Webhook"].add(webhook_id)

    # People: exported only when asked for (--include user --include organization_user).
    for given, family, identity in (
        ("Ada", "Lovelace", {"type": "email", "details": {"email": "ada@example.com"}}),
        ("Grace", "Hopper", {"type": "email", "details": {"email": "grace@example.com"}}),
        ("Bob", None, {"type": "username", "details": {"username": "bob"}}),
    ):
        profile = {"given_name": given, "family_name": family} if family else {"given_name": given}
        body = {"profile": profile, "identities": [identity]}
        user_id = str(api.post("/api/v1/user", body)["id"])
        b.users[given] = user_id
        b.ids["User"].add(user_id)
    for org_name, given, role_keys in (
        ("Customer 00", "Ada", ["admin"]),
        ("Customer 00", "Bob", []),
        ("Customer 01", "Grace", ["viewer", "billing"]),
    ):
        code, user_id = b.orgs[org_name], b.users[given]
        member = {"id": user_id, "roles": role_keys}
        api.post(f"/api/v1/organizations/{code}/users", {"users": [member]})
        b.ids["OrganizationUser"].add(f"{code}/{user_id}")
    code, ada = b.orgs["Customer 00"], b.users["Ada"]
    body = {"permission_id": b.permissions["delete:settings"]}
    api.post(f"/api/v1/organizations/{code}/users/{ada}/permissions", body)

    seed_settings(api, emu, b)
    seed_security(api, emu, b)
    return b


def seed_settings(api: KindeClient, emu: Emulator, b: Business) -> None:
    """Feature flags and their overrides, environment variables, properties and values,
    and the business's own settings."""
    flags: list[tuple[str, str, str, str, str | None]] = [
        # key, type, default, allow_override_level, environment override
        ("new_checkout", "bool", "false", "org", "true"),
        ("max_seats", "int", "10", "org", None),
        ("theme", "str", "light", "env", "dark"),
        ("beta_banner", "bool", "true", "env", None),
        ("api_rate_limit", "int", "1000", "env", "5000"),
        ("support_tier", "str", "standard", "org", None),
        ("dark_launch", "bool", "false", "usr", None),  # users may override it
        ("legacy.mode-v2", "str", "off", "env", None),
        ("welcome_message", "str", "Willkommen «Kunde»", "env", "Bienvenue"),
    ]
    for key, type_, default, level, environment in flags:
        body: dict[str, Any] = {
            "key": key,
            "name": key.replace("_", " ").title(),
            "description": f"The {key} flag",
            "type": type_,
            "default_value": default,
            "allow_override_level": level,
        }
        api.post("/api/v1/feature_flags", body)
        b.flags[key] = level
        b.ids["FeatureFlag"].add(key)
        # Kinde cannot tell an environment override from the default: every flag's
        # environment value is declared.
        b.ids["EnvironmentFeatureFlag"].add(key)
        if environment is not None:
            api.patch(f"/api/v1/environment/feature_flags/{key}", {"value": environment})
    for org_name, key, value in (
        ("Customer 00", "new_checkout", "true"),
        ("Customer 03", "new_checkout", "false"),
        ("Customer 01", "max_seats", "50"),
        ("Customer 02", "max_seats", "25"),
        ("Customer 04", "support_tier", "gold"),
        ("Customer 05", "support_tier", "platinum"),
        ("Customer 06", "dark_launch", "true"),
    ):
        code = b.orgs[org_name]
        api.patch(f"/api/v1/organizations/{code}/feature_flags/{key}", params={"value": value})
        b.ids["OrganizationFeatureFlag"].add(f"{code}/{key}")
    unicode_org = next(code for name, code in b.orgs.items() if name.startswith("Ünïcode"))
    path = f"/api/v1/organizations/{unicode_org}/feature_flags/support_tier"
    api.patch(path, params={"value": "silber «Ü»"})
    b.ids["OrganizationFeatureFlag"].add(f"{unicode_org}/support_tier")
    # Kinde can neither list nor read this: it is never exported.
    path = f"/api/v1/users/{b.users['Ada']}/feature_flags/dark_launch"
    api.patch(path, params={"value": "true"})

    for key, value in (
        ("API_BASE_URL", "https://api.example.com"),
        ("SUPPORT_EMAIL", "support@example.com"),
        ("FEATURE_LIMIT", "42"),
        ("EMPTY_SETTING", ""),
        ("PEM_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----"),
        *VARIABLE_SECRETS.items(),
    ):
        body = {"key": key, "value": value, "is_secret": key in VARIABLE_SECRETS}
        created = api.post("/api/v1/environment_variables", body)["environment_variable"]
        b.variables[key] = str(created["id"])
        b.ids["EnvironmentVariable"].add(str(created["id"]))

    for record in emu.store.property_categories.all():  # Kinde's own: declarable
        b.categories[record.name] = record.id
        b.ids["PropertyCategory"].add(record.id)
    for name, context in (
        ("Account", "org"),
        ("Billing", "org"),
        ("Profile", "usr"),
        ("Integrations", "app"),
    ):
        body = {"name": name, "context": context}
        category_id = str(api.post("/api/v1/property_categories", body)["category"]["id"])
        b.categories[name] = category_id
        b.ids["PropertyCategory"].add(category_id)
    for key, name, context, category, extra in (
        ("plan", "Plan", "org", "Account", {"is_private": True}),
        ("crm_id", "CRM id", "org", "Account", {"description": "The customer's CRM record"}),
        ("seats", "Seats", "org", "Billing", {}),  # not the first org category: see notes
        ("onboarding_notes", "Notes", "org", "Account", {"type": "multi_line_text"}),
        ("department", "Department", "usr", "Profile", {}),
        ("employee_id", "Employee id", "usr", "Profile", {"is_private": True}),
        ("owner_team", "Owner team", "app", "Integrations", {}),
        ("cost_center", "Cost center", "app", "Integrations", {"description": "Billed to"}),
    ):
        body = {
            "key": key,
            "name": name,
            "context": context,
            "category_id": b.categories[category],
            "type": "single_line_text",
            "is_private": False,
            **extra,
        }
        property_id = str(api.post("/api/v1/properties", body)["property"]["id"])
        b.properties[key] = property_id
        b.ids["Property"].add(property_id)
    for org_name, key, value in (
        ("Customer 00", "plan", "enterprise"),
        ("Customer 00", "seats", "50"),
        ("Customer 01", "plan", "startup"),
        ("Customer 02", "crm_id", "CRM-0002"),
        ("Customer 03", "onboarding_notes", "Call first.\nThen e-mail."),
        (next(n for n in b.orgs if n.startswith("Ünïcode")), "plan", "Großkunde"),
    ):
        code = b.orgs[org_name]
        api.put(f"/api/v1/organizations/{code}/properties/{key}", params={"value": value})
        b.ids["OrganizationProperty"].add(f"{code}/{key}")
    for app_name, key, value in (
        ("Web shop", "owner_team", "storefront"),
        ("Web shop", "cost_center", "CC-100"),
        ("Billing worker", "owner_team", "billing"),
    ):
        app_id = b.apps[app_name]
        api.put(f"/api/v1/applications/{app_id}/properties/{key}", {"value": value})
        b.ids["ApplicationProperty"].add(f"{app_id}/{key}")
    for given, key, value in (
        ("Ada", "department", "Engineering"),
        ("Ada", "employee_id", "E-0001"),
        ("Grace", "department", "Research"),
        ("Bob", "kp_usr_city", "Melbourne"),  # a value of one of Kinde's own properties
    ):
        user_id = b.users[given]
        api.put(f"/api/v1/users/{user_id}/properties/{key}", params={"value": value})
        b.ids["UserProperty"].add(f"{user_id}/{key}")

    business = {
        "business_name": "Acme Commerce",
        "email": "admin@acme.example.com",
        "phone": "+61 3 5550 0100",
        "industry_key": "retail_consumer_products",
        "timezone_key": "sydney_australian_eastern_standard_time",
        "privacy_url": "https://acme.example.com/privacy",
        "terms_url": "https://acme.example.com/terms",
        "is_click_wrap": True,
    }
    api.patch("/api/v1/business", business)
    b.ids["BusinessSettings"].add(str(api.get("/api/v1/business")["business"]["code"]))


def seed_security(api: KindeClient, emu: Emulator, b: Business) -> None:
    """Security policy, logos, API keys and a SCIM directory. What Kinde cannot show (MFA,
    session settings, a logo's image) is made too, and must not be exported."""
    api.put("/api/v1/passkey", {"policy": "optional"})
    b.ids["EnvironmentPasskey"].add("environment")
    api.put("/api/v1/mfa", {"policy": "optional", "enabled_factors": ["mfa:email"]})
    logo = {"logo": ("light.png", b"\x89PNG\r\n\x1a\nlogo", "image/png")}
    api.request("PUT", "/api/v1/environment/logos/light", files=logo)
    org = f"/api/v1/organizations/{b.orgs['Customer 02']}"
    api.put(f"{org}/mfa", {"enabled_factors": ["mfa:authenticator_app"]})
    api.patch(f"{org}/sessions", {"is_use_org_sso_session_policy": True,
                                  "sso_session_persistence_mode": "non_persistent"})  # fmt: skip
    api.request("POST", f"{org}/logos/dark", files=logo)

    directory = {"org_code": b.orgs["Customer 00"], "directory_name": "Acme Okta",
                 "provider_code": "okta"}  # fmt: skip
    b.ids["ScimDirectory"].add(str(api.post("/api/v1/directories", directory)["directory"]["id"]))

    orders = b.apis["https://orders.example.com"]
    read_orders = b.scopes["https://orders.example.com orders:read"]
    for body in (
        {"name": "Nightly export", "type": "environment", "scope_ids": [read_orders]},
        {"name": "Acme integration", "type": "organization", "org_code": b.orgs["Customer 01"]},
        {"name": "Ada's CLI", "type": "user", "user_id": b.users["Ada"]},
        {"name": "Old integration", "type": "environment"},
    ):
        key = api.post("/api/v1/api_keys", {**body, "api_id": orders})["api_key"]["id"]
        if body["name"] == "Old integration":
            emu.store.api_keys.update(key, status="revoked")  # revoked in the UI: skipped
        else:
            b.ids["ApiKey"].add(str(key))


def secrets(emu: Emulator) -> list[str]:
    """Every secret value the business holds: none may appear in an export."""
    app_secrets = [a.client_secret for a in emu.store.applications.all() if a.client_secret]
    return [
        emu.client_secret,
        CONNECTION_SECRET,
        GITHUB_SECRET,
        *VARIABLE_SECRETS.values(),
        *app_secrets,
        *emu.store.api_key_values.values(),
        *(d.secret_token for d in emu.store.directories.all()),
    ]
