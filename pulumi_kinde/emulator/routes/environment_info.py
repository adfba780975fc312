"""The environment the Management API serves (``GET /environment``): read-only here."""

from __future__ import annotations

from urllib.parse import urlsplit

from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routing import Call, Reply, reply, route

#: Branding fields the emulator does not model: always null, as Kinde returns unset ones.
_UNSET = (
    "logo", "logo_dark", "favicon_svg", "favicon_fallback", "link_color", "background_color",
    "button_color", "button_text_color", "link_color_dark", "background_color_dark",
    "button_text_color_dark", "button_color_dark", "button_border_radius",
    "card_border_radius", "input_border_radius",
)  # fmt: skip

_SCHEMES = {"light": "light", "dark": "dark", "user_preference": "light dark"}


@route("GET", "/api/v1/environment", "getEnvironment")
def get_environment(call: Call) -> Reply:
    environment = _lookup.require(
        call.store.environments, "production", "ENVIRONMENT_NOT_FOUND", "Environment not found"
    )
    item = {
        "code": environment.code,
        "name": environment.name,
        "hotjar_site_id": environment.hotjar_site_id,
        "google_analytics_tag": environment.google_analytics_tag,
        "contentsquare_tag_id": environment.contentsquare_tag_id,
        "is_default": environment.is_default,
        "is_live": environment.is_live,
        "kinde_domain": urlsplit(call.base_url).netloc,
        "custom_domain": environment.custom_domain,
        **dict.fromkeys(_UNSET),
        "theme_code": environment.theme_code,
        "color_scheme": _SCHEMES[environment.theme_code],
        "created_on": environment.created_on,
    }
    return reply(code="OK", message="success_response", environment=item)
