"""Quickstart: an API, a web application allowed to call it, and an admin role.

Run it against the local emulator (no Kinde account needed):

    python -m pulumi_kinde try examples/quickstart

or against Kinde with the Pulumi CLI (see the README):

    pulumi up
"""

import pulumi

import pulumi_kinde as kinde

config = pulumi.Config()
site = config.get("siteUrl") or "https://app.example.com"

api = kinde.Api("backend", name="Backend", audience=f"{site}/api")

web = kinde.Application(
    "web",
    name="Web",
    type="reg",
    login_uri=f"{site}/login",
    homepage_uri=site,
    redirect_uris=[f"{site}/api/auth/kinde_callback"],
    logout_uris=[site],
)

admin = kinde.Role("admin", key="admin", name="Administrator", description="Full access")

pulumi.export("api_id", api.id)
pulumi.export("client_id", web.client_id)
pulumi.export("client_secret", web.client_secret)  # a Pulumi secret
pulumi.export("admin_role_id", admin.id)
