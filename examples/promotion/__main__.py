"""One program promoted from dev to prod: the business settings every environment shares,
with the values that differ per stack taken from stack config.

Run it against the dev business with ``Pulumi.dev.yaml`` and against prod with
``Pulumi.prod.yaml`` (each stack holds its own ``kinde:*`` credentials)::

    config:
      promotion:apiBaseUrl: https://api.dev.example.com
      promotion:newCheckout: "true"     # the flag's default: on in dev, off in prod
      promotion:maxSeats: "50"
      promotion:supportEmail: dev-support@example.com
      promotion:stripeKey:              # pulumi config set --secret promotion:stripeKey ...
        secure: ...

The flags, variables and property definitions are identical everywhere; only the values
above change, so what was tried in dev is exactly what reaches prod.
"""

import pulumi

import pulumi_kinde as kinde

config = pulumi.Config("promotion")
stack = pulumi.get_stack()

# Feature flags: the same definitions in every stack, the defaults per stack.
new_checkout = kinde.FeatureFlag(
    "new-checkout",
    key="new_checkout",
    name="New checkout",
    description="The redesigned checkout flow",
    type="bool",
    default_value=config.get_bool("newCheckout") or False,
    allow_override_level="org",
)
max_seats = kinde.FeatureFlag(
    "max-seats",
    key="max_seats",
    name="Seats per organization",
    description="How many members an organization may have",
    type="int",
    default_value=config.get_int("maxSeats") or 10,
)
kinde.FeatureFlag(
    "theme",
    key="theme",
    name="Theme",
    description="The default colour theme",
    type="str",
    default_value="light",
)

# Environment variables for Kinde workflows; the Stripe key stays a secret end to end.
kinde.EnvironmentVariable(
    "api-base-url",
    key="API_BASE_URL",
    value=config.get("apiBaseUrl") or f"https://api.{stack}.example.com",
)
kinde.EnvironmentVariable(
    "stripe-key",
    key="STRIPE_KEY",
    value=config.get_secret("stripeKey") or pulumi.Output.secret("sk_test_change-me"),
    is_secret=True,
)

# A custom organization property, and a pilot customer that gets the new checkout early.
account = kinde.PropertyCategory("account", name="Account", context="org")
plan = kinde.Property(
    "plan", key="plan", name="Plan", context="org", category_id=account.id, is_private=True
)
pilot = kinde.Organization("pilot", name="Pilot customer")
kinde.OrganizationProperty("pilot-plan", org_code=pilot.code, key=plan.key, value="enterprise")
kinde.OrganizationFeatureFlag(
    "pilot-new-checkout", org_code=pilot.code, flag_key=new_checkout.key, value=True
)

# The business itself: adopted, never created or deleted.
kinde.BusinessSettings(
    "business",
    email=config.get("supportEmail") or "support@example.com",
    timezone="london_greenwich_mean_time",
    privacy_url="https://example.com/privacy",
    terms_url="https://example.com/terms",
)

pulumi.export("new_checkout_default", new_checkout.default_value)
pulumi.export("max_seats_default", max_seats.default_value)
pulumi.export("pilot_org_code", pilot.code)
