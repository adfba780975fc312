"""The business-wide settings of a Kinde business: name, contact details, policies."""

from __future__ import annotations

from typing import Annotated, Any

import pulumi
from pydantic import Field

from ..client import KindeClient
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared
from ._urls import WebUrl

__all__ = ["BusinessSettings", "BusinessSettingsArgs", "BusinessSettingsProvider"]

Text = Annotated[str, Field(min_length=1, max_length=255)]

# Argument -> the field of PATCH /business that writes it (GET /business reads other names).
_WRITE_NAMES = {
    "name": "business_name",
    "email": "email",
    "phone": "phone",
    "industry": "industry_key",
    "timezone": "timezone_key",
    "privacy_url": "privacy_url",
    "terms_url": "terms_url",
    "is_click_wrap": "is_click_wrap",
    "is_show_kinde_branding": "is_show_kinde_branding",
}


class BusinessSettingsArgs(KindeArgs):
    name: Text | None = None
    email: Annotated[str | None, Field(pattern=r"^[^@\s]+@[^@\s]+$")] = None
    phone: Text | None = None
    industry: Text | None = None
    timezone: Text | None = None
    privacy_url: WebUrl | None = None
    terms_url: WebUrl | None = None
    is_click_wrap: bool | None = None
    is_show_kinde_branding: bool | None = None


class BusinessSettingsProvider(KindeProvider[BusinessSettingsArgs, BusinessSettingsArgs]):
    kind = "business settings"
    unique = ((),)  # one business: one BusinessSettings per program
    args_model = BusinessSettingsArgs
    state_model = BusinessSettingsArgs
    kept_on_delete = "the business cannot be deleted"

    def create_object(
        self, api: KindeClient, args: BusinessSettingsArgs, rollback: Rollback
    ) -> tuple[str, BusinessSettingsArgs]:
        # The business always exists: adopt it, writing only what differs (the one read a
        # create needs: what differs is not known without it).
        code, live = _read(api)
        changed = self._changes(self._outputs(live, live), self._dump_inputs(args))
        if changed:
            _write(api, args, changed)
        return code, self.state_from(args, **live.model_dump(exclude_none=True) | _declared(args))

    def read_object(self, api: KindeClient, id_: str) -> BusinessSettingsArgs | None:
        code, live = _read(api)
        return live if code == id_ else None  # other credentials reach another business

    def update_object(
        self,
        api: KindeClient,
        id_: str,
        change: Change[BusinessSettingsArgs, BusinessSettingsArgs],
    ) -> BusinessSettingsArgs:
        _write(api, change.new, change.changed)
        return change.merged()


def _read(api: KindeClient) -> tuple[str, BusinessSettingsArgs]:
    business = api.get("/api/v1/business")["business"]
    live = BusinessSettingsArgs(
        name=business.get("name") or None,
        email=business.get("email") or None,
        phone=business.get("phone") or None,
        industry=_key_of(api, "industries", business.get("industry")),
        timezone=_key_of(api, "timezones", business.get("timezone")),
        privacy_url=business.get("privacy_url") or None,
        terms_url=business.get("terms_url") or None,
        is_click_wrap=business.get("has_clickwrap"),
        is_show_kinde_branding=business.get("has_kinde_branding"),
    )
    return str(business["code"]), live


def _key_of(api: KindeClient, catalog: str, name: str | None) -> str | None:
    """The key of the entry of ``catalog`` (``industries``, ``timezones``) Kinde shows as
    ``name`` (the business endpoint shows names; a timezone's name there lacks the
    ``[+01:00]`` offset the catalog adds). The catalog is read only when there is a name."""
    if not name:
        return None
    entries: list[dict[str, Any]] = api.get(f"/api/v1/{catalog}").get(catalog) or []
    for entry in entries:
        if name in (entry.get("name"), str(entry.get("name") or "").split(" [")[0]):
            return str(entry["key"])
    return name


def _declared(args: BusinessSettingsArgs) -> dict[str, Any]:
    return args.model_dump(exclude={"import_id"}, exclude_none=True)


def _write(api: KindeClient, args: BusinessSettingsArgs, fields: Any) -> None:
    values = args.model_dump(include=set(fields), exclude_none=True)
    api.patch("/api/v1/business", {_WRITE_NAMES[k]: v for k, v in values.items()})


class BusinessSettings(KindeResource, module="kinde", name="BusinessSettings"):
    """The settings of the Kinde business the credentials reach.

    A singleton: declare one per business (per ``profile``). Settings left out are not
    managed.

    Example::

        import pulumi_kinde as kinde

        kinde.BusinessSettings(
            "business",
            name="Tailsforce Ltd",
            industry="construction",
            timezone="london_greenwich_mean_time",
            privacy_url="https://tailsforce.example/privacy",
        )

    :id: the business code (``bus_...``)
    :find_id: The business code is ``code`` in ``GET /api/v1/business``, and this resource's
        id after its first ``up``.
    :scopes: ``ru:businesses, r:industries, r:timezones``
    :limitation: The business cannot be created or deleted: creating this resource adopts it,
        writing only the settings that differ (no request when they match), and deleting it
        leaves every setting as it is, with a warning.
    :limitation: ``industry`` and ``timezone`` take keys from Kinde's lists
        (``GET /api/v1/industries``, ``GET /api/v1/timezones``), not the names the UI shows.
    :param resource_name: the Pulumi name of this resource.
    :param name: the business's name.
    :param email: the business's contact email address.
    :param phone: the business's phone number.
    :param industry: an industry *key* from Kinde's list (``GET /industries``), e.g.
        ``"construction"``.
    :param timezone: a timezone *key* from Kinde's list (``GET /timezones``), e.g.
        ``"london_greenwich_mean_time"``.
    :param privacy_url: the URL of the privacy policy.
    :param terms_url: the URL of the terms and conditions.
    :param is_click_wrap: ask users to accept the terms (a clickwrap agreement) on sign-up.
    :param is_show_kinde_branding: show Kinde's branding (hiding it needs a paid plan).
    :param import_id: the business code, to fail unless the credentials reach that business.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = BusinessSettingsProvider

    name: pulumi.Output[str]
    """The business's name."""
    email: pulumi.Output[str | None]
    """The business's contact e-mail address."""
    phone: pulumi.Output[str | None]
    """The business's phone number."""
    industry: pulumi.Output[str | None]
    """The industry key."""
    timezone: pulumi.Output[str | None]
    """The timezone key."""
    privacy_url: pulumi.Output[str | None]
    """The URL of the privacy policy."""
    terms_url: pulumi.Output[str | None]
    """The URL of the terms and conditions."""
    is_click_wrap: pulumi.Output[bool]
    """Whether users accept the terms on sign-up."""
    is_show_kinde_branding: pulumi.Output[bool]
    """Whether Kinde's branding shows."""

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str] | None = None,
        email: pulumi.Input[str] | None = None,
        phone: pulumi.Input[str] | None = None,
        industry: pulumi.Input[str] | None = None,
        timezone: pulumi.Input[str] | None = None,
        privacy_url: pulumi.Input[str] | None = None,
        terms_url: pulumi.Input[str] | None = None,
        is_click_wrap: pulumi.Input[bool] | None = None,
        is_show_kinde_branding: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
