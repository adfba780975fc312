"""A starter business using the six core resources, wired to each other.

Config (all optional): ``siteUrl``; ``googleClientSecret`` (a secret) enables the Google
connection with your own OAuth credentials.
"""

import pulumi

import pulumi_kinde as kinde

config = pulumi.Config()
site = config.get("siteUrl") or "https://app.example.com"
google_secret = config.get_secret("googleClientSecret") or pulumi.Output.secret("change-me")

api = kinde.Api("backend", name="Backend API", audience=f"{site}/api")

web = kinde.Application(
    "web",
    name="Web app",
    type="reg",
    redirect_uris=[f"{site}/callback"],
    logout_uris=[site],
    is_ask_for_name=True,
    access_token_lifetime=3600,
)
worker = kinde.Application("worker", name="Billing worker", type="m2m")

google = kinde.Connection(
    "google",
    name="google-workspace",
    display_name="Google",
    strategy="oauth2:google",
    enabled_applications=[web.id],
    options={"client_id": "google-client-id", "client_secret": google_secret},
)

acme = kinde.Organization(
    "acme",
    name="Acme Corp",
    handle="acme",
    external_id="crm-0001",
    is_allow_registrations=True,
    allowed_domains=["acme.example"],
    button_color="#0a7cff",
    theme_code="light",
)

kinde.Role("member", key="member", name="Member", description="Every signed-in user")

kinde.Webhook(
    "audit",
    name="Audit trail",
    endpoint=f"{site}/hooks/kinde",
    event_types=["user.created", "user.deleted", "organization.created"],
    description="Feeds the audit log",
)

pulumi.export("web_client_id", web.client_id)
pulumi.export("web_client_secret", web.client_secret)
pulumi.export("worker_client_id", worker.client_id)
pulumi.export("organization_code", acme.code)
pulumi.export("api_audience", api.audience)
