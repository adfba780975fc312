"""A B2B multi-tenant setup: two customer organizations, roles built from permissions, a
billing API with two scopes that an M2M worker (and one member) may call, users in both
organizations, and an admin console only administrators may sign in to. Acme signs in with
its own Okta (SAML), which provisions its staff over SCIM; it has its logo, requires passkeys
and holds an API key for the billing API.
"""

from pathlib import Path

import pulumi

import pulumi_kinde as kinde

# Permissions, and the roles made of them (each role owns its whole set).
permissions = {
    key: kinde.Permission(key.replace(":", "-"), key=key, name=name)
    for key, name in [
        ("read:invoices", "Read invoices"),
        ("write:invoices", "Write invoices"),
        ("manage:members", "Manage members"),
    ]
}
admin = kinde.Role(
    "admin",
    key="admin",
    name="Administrator",
    permissions=[p.id for p in permissions.values()],
)
viewer = kinde.Role(
    "viewer", key="viewer", name="Viewer", permissions=[permissions["read:invoices"].id]
)

# An API with two scopes, and an M2M worker authorized for both.
billing = kinde.Api("billing", name="Billing API", audience="https://billing.example.com")
scopes = [
    kinde.ApiScope(f"scope-{key.replace(':', '-')}", api_id=billing.id, key=key)
    for key in ("invoices:read", "invoices:write")
]
worker = kinde.Application("invoice-worker", name="Invoice worker", type="m2m")
kinde.ApiApplication(
    "invoice-worker-billing",
    api_id=billing.id,
    application_id=worker.id,
    scopes=[s.scope_id for s in scopes],
)

# Two tenants, each with users holding a role there; one user belongs to both. Gus is a viewer
# in Globex with two permissions given directly: write:invoices, and read:invoices, which the
# viewer role gives too (held directly, it stays if his role changes). A membership owns its
# direct permissions only: what its roles bring is the roles' business.
tenants = {
    handle: kinde.Organization(handle, name=name, handle=handle, is_allow_registrations=False)
    for handle, name in [("acme", "Acme Corp"), ("globex", "Globex")]
}
people = {
    "ada": kinde.User("ada", given_name="Ada", family_name="Admin", emails=["ada@acme.example"]),
    "gus": kinde.User("gus", given_name="Gus", family_name="Guest", emails=["gus@globex.example"]),
}
memberships = [
    ("acme", "ada", admin, []),
    ("globex", "ada", viewer, []),
    ("globex", "gus", viewer, ["write:invoices", "read:invoices"]),
]
members = {}
for tenant, person, role, direct in memberships:
    members[person, tenant] = kinde.OrganizationUser(
        f"{person}-in-{tenant}",
        organization_code=tenants[tenant].code,
        user_id=people[person].id,
        roles=[role.id],
        permissions=[permissions[key].id for key in direct] or None,
    )

# Acme's own sign-in: its Okta (SAML), enabled for Acme, which also provisions Acme's staff
# (SCIM). Kinde needs the connection enabled before the directory: hence depends_on.
okta = kinde.Connection(
    "acme-okta",
    name="acme-okta",
    display_name="Acme Okta",
    strategy="saml:okta",
    options={"saml_idp_metadata_url": "https://acme.okta.example/app/sso/saml/metadata"},
)
okta_for_acme = kinde.OrganizationConnection(
    "acme-okta-enabled", organization_code=tenants["acme"].code, connection_id=okta.id
)
scim = kinde.ScimDirectory(
    "acme-scim",
    org_code=tenants["acme"].code,
    directory_name="Acme Okta",
    provider_code="okta",
    enterprise_connection_id=okta.id,
    opts=pulumi.ResourceOptions(depends_on=[okta_for_acme]),
)

# Acme's branding and security policy; Globex keeps shorter sessions than the environment.
kinde.OrganizationLogo(
    "acme-logo",
    org_code=tenants["acme"].code,
    type="light",
    file=str(Path(__file__).with_name("acme-logo.svg")),
)
kinde.OrganizationPasskey("acme-passkeys", org_code=tenants["acme"].code, policy="mandatory")
kinde.OrganizationSessions(
    "globex-sessions",
    org_code=tenants["globex"].code,
    sso_session_persistence_mode="non_persistent",
    authenticated_session_lifetime=8 * 3600,
)

# An API key Acme's own systems call the billing API with (change the trigger to rotate it).
acme_key = kinde.ApiKey(
    "acme-billing-key",
    name="Acme billing export",
    type="organization",
    org_code=tenants["acme"].code,
    api_id=billing.id,
    scope_ids=[scopes[0].scope_id],
    rotation_trigger="2025-01",
)

# Ada may call the billing API as a member of Acme (a member's API scope; it needs the
# membership first).
kinde.OrganizationUserApiScope(
    "ada-in-acme-invoices-read",
    organization_code=tenants["acme"].code,
    user_id=people["ada"].id,
    api_id=billing.id,
    scope_id=scopes[0].scope_id,
    opts=pulumi.ResourceOptions(depends_on=[members["ada", "acme"]]),
)

# An admin console only administrators may sign in to: the role is allowed before access
# control is turned on, so one `up` does both.
kinde.Application(
    "admin-console",
    name="Admin console",
    type="reg",
    redirect_uris=["https://admin.example.com/callback"],
    access_roles=[admin.id],
    is_access_control_enabled=True,
)

pulumi.export("organization_codes", {h: org.code for h, org in tenants.items()})
pulumi.export("worker_client_id", worker.client_id)
pulumi.export("worker_client_secret", worker.client_secret)
pulumi.export("acme_api_key", acme_key.key)  # a Pulumi secret
pulumi.export("acme_scim_endpoint_id", scim.directory_endpoint_id)
pulumi.export("acme_scim_token", scim.secret_token)  # a Pulumi secret
