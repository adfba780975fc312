"""The business and the catalogs its settings refer to (industries, timezones).

There is one business per set of credentials; it always exists. ``PATCH /business`` takes
industry and timezone *keys* (from ``/industries`` and ``/timezones``) while ``GET /business``
shows their display *names*, the timezone without the offset the catalog appends (as in
Kinde's examples: ``Los Angeles (Pacific Standard Time)``). In a PATCH an absent field is
left as it is and ``null`` clears an optional one. The catalogs here are short samples.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints, field_validator

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.records_settings import DEFAULT_BUSINESS_CODE, Business
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.store import Store
from pulumi_kinde.emulator.validation import RequestBody, is_url

INDUSTRIES = (
    ("administration_office_support", "Administration & Office Support"),
    ("advertising_arts_media", "Advertising, Arts & Media"),
    ("banking_financial_services", "Banking & Financial Services"),
    ("construction", "Construction"),
    ("education_training", "Education & Training"),
    ("engineering", "Engineering"),
    ("healthcare_medical", "Healthcare & Medical"),
    ("hospitality_tourism", "Hospitality & Tourism"),
    ("information_communication_technology", "Information & Communication Technology"),
    ("retail_consumer_products", "Retail & Consumer Products"),
    ("science_technology", "Science & Technology"),
    ("other", "Other"),
)
TIMEZONES = (
    ("auckland_new_zealand_standard_time", "Auckland (New Zealand Standard Time) [+12:00]"),
    ("berlin_central_european_time", "Berlin (Central European Time) [+01:00]"),
    ("london_greenwich_mean_time", "London (Greenwich Mean Time) [+00:00]"),
    ("los_angeles_pacific_standard_time", "Los Angeles (Pacific Standard Time) [-08:00]"),
    ("new_york_eastern_standard_time", "New York (Eastern Standard Time) [-05:00]"),
    ("singapore_singapore_standard_time", "Singapore (Singapore Standard Time) [+08:00]"),
    (
        "sydney_australian_eastern_standard_time",
        "Sydney (Australian Eastern Standard Time) [+10:00]",
    ),
    ("tokyo_japan_standard_time", "Tokyo (Japan Standard Time) [+09:00]"),
)
_INDUSTRY_NAMES = dict(INDUSTRIES)
_TIMEZONE_NAMES = dict(TIMEZONES)

Text = Annotated[str, StringConstraints(min_length=1, max_length=255)]


class UpdateBusiness(RequestBody):
    business_name: Text | None = None
    email: Text | None = None
    industry_key: str | None = None
    is_click_wrap: bool | None = None
    is_show_kinde_branding: bool | None = None
    kinde_perk_code: str | None = None
    phone: Text | None = None
    privacy_url: str | None = None
    terms_url: str | None = None
    timezone_key: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError(f"{value!r} is not an email address")
        return value

    @field_validator("privacy_url", "terms_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not is_url(value, web=True):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @field_validator("industry_key")
    @classmethod
    def _industry(cls, value: str | None) -> str | None:
        if value is not None and value not in _INDUSTRY_NAMES:
            raise ValueError(f"{value!r} is not an industry key (see GET /industries)")
        return value

    @field_validator("timezone_key")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in _TIMEZONE_NAMES:
            raise ValueError(f"{value!r} is not a timezone key (see GET /timezones)")
        return value


def business(store: Store) -> Business:
    """The business: the stored record, or the one every new account starts with."""
    stored = store.businesses.all()
    if stored:
        return stored[0]
    default_org = store.organizations.find(is_default=True)
    created_on = default_org.created_on if default_org else "2024-01-01T00:00:00+00:00"
    return Business(code=DEFAULT_BUSINESS_CODE, name="My business", created_on=created_on)


def _json(found: Business) -> dict[str, Any]:
    timezone = _TIMEZONE_NAMES.get(found.timezone_key or "")
    return {
        "code": found.code,
        "name": found.name,
        "phone": found.phone,
        "email": found.email,
        "industry": _INDUSTRY_NAMES.get(found.industry_key or ""),
        "timezone": timezone.split(" [")[0] if timezone else None,
        "privacy_url": found.privacy_url,
        "terms_url": found.terms_url,
        "has_clickwrap": found.has_clickwrap,
        "has_kinde_branding": found.has_kinde_branding,
        "created_on": found.created_on,
    }


# PATCH field -> record field, for the fields that null clears.
_CLEARABLE = {
    "email": "email",
    "phone": "phone",
    "industry_key": "industry_key",
    "timezone_key": "timezone_key",
    "privacy_url": "privacy_url",
    "terms_url": "terms_url",
}
# PATCH field -> record field, for the fields null leaves as they are.
_KEPT = {
    "business_name": "name",
    "is_click_wrap": "has_clickwrap",
    "is_show_kinde_branding": "has_kinde_branding",
}


@route("GET", "/api/v1/business", "getBusiness")
def get_business(call: Call) -> Reply:
    return reply(code="OK", message="Success", business=_json(business(call.store)))


@route("PATCH", "/api/v1/business", "updateBusiness")
def update_business(call: Call) -> Reply:
    body = call.body(UpdateBusiness)
    if not body.model_fields_set - {"kinde_perk_code"}:
        raise bad_request("NO_CHANGES", "The request changes no business setting")
    found = business(call.store)
    for name in body.model_fields_set:
        value = getattr(body, name)
        if name in _CLEARABLE:
            setattr(found, _CLEARABLE[name], value)
        elif name in _KEPT and value is not None:
            setattr(found, _KEPT[name], value)
    call.store.businesses.add(found)
    return reply(message="Business successfully updated", code="BUSINESS_UPDATED")


@route("GET", "/api/v1/industries", "getIndustries")
def list_industries(call: Call) -> Reply:
    items = [{"key": key, "name": name} for key, name in INDUSTRIES]
    return reply(code="OK", message="Success", industries=items)


@route("GET", "/api/v1/timezones", "getTimezones")
def list_timezones(call: Call) -> Reply:
    items = [{"key": key, "name": name} for key, name in TIMEZONES]
    return reply(code="OK", message="Success", timezones=items)
