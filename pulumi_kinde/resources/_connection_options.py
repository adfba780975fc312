"""Connection strategies and the options each takes, as Kinde's spec defines them.

``POST /connections`` enumerates the strategies and describes ``options`` as one of three
shapes: social OAuth2 providers, Microsoft Entra ID (``*:azure_ad``) and SAML. Checking a
declaration against them finds a misspelled option at preview instead of at the first write.
Option *values* are secrets (client secrets, signing keys): messages name keys and types only.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal, get_args

__all__ = ["STRATEGIES", "Strategy", "known_strategy", "option_problems", "options_for"]

Strategy = Literal[
    "oauth2:apple",
    "oauth2:azure_ad",
    "oauth2:bitbucket",
    "oauth2:discord",
    "oauth2:facebook",
    "oauth2:github",
    "oauth2:gitlab",
    "oauth2:google",
    "oauth2:linkedin",
    "oauth2:microsoft",
    "oauth2:patreon",
    "oauth2:slack",
    "oauth2:stripe",
    "oauth2:twitch",
    "oauth2:twitter",
    "oauth2:xero",
    "saml:custom",
    "saml:cloudflare",
    "saml:okta",
    "saml:microsoft",
    "saml:google",
    "wsfed:azure_ad",
]

STRATEGIES: tuple[str, ...] = get_args(Strategy)


def known_strategy(strategy: str) -> str:
    """``strategy`` if Kinde's spec knows it; else say which one was meant."""
    if strategy not in STRATEGIES:
        close = [s for s in STRATEGIES if s.partition(":")[2] == strategy] or (
            difflib.get_close_matches(strategy, STRATEGIES, n=1, cutoff=0.5)
        )
        hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
        raise ValueError(
            f"is not a Kinde connection strategy; {hint}strategies are: {', '.join(STRATEGIES)}"
        )
    return strategy


_SOCIAL: dict[str, type] = {
    "client_id": str,
    "client_secret": str,
    "is_use_custom_domain": bool,
    "is_trusted": bool,
}
_ENTRA: dict[str, type] = {
    **_SOCIAL,
    "home_realm_domains": list,
    "entra_id_domain": str,
    "is_use_common_endpoint": bool,
    "is_sync_user_profile_on_login": bool,
    "is_retrieve_provider_user_groups": bool,
    "is_extended_attributes_required": bool,
    "is_auto_join_organization_enabled": bool,
    "is_create_missing_user": bool,
    "is_force_show_sso_button": bool,
    "upstream_params": dict,
}
_SAML: dict[str, type] = {
    "home_realm_domains": list,
    "saml_entity_id": str,
    "saml_idp_metadata_url": str,
    "saml_idp_metadata_xml": str,
    "saml_sign_in_url": str,
    "sign_request_algorithm": str,
    "protocol_binding": str,
    "name_id_format": str,
    "saml_email_key_attr": str,
    "saml_user_id_key_attr": str,
    "saml_first_name_key_attr": str,
    "saml_last_name_key_attr": str,
    "is_create_missing_user": bool,
    "is_force_show_sso_button": bool,
    "upstream_params": dict,
    "saml_signing_certificate": str,
    "saml_signing_private_key": str,
    "is_auto_join_organization_enabled": bool,
    "is_use_custom_domain": bool,
    "is_trusted": bool,
}
_TYPE_NAMES = {str: "a string", bool: "true or false", list: "a list", dict: "a mapping"}


def options_for(strategy: str) -> dict[str, type]:
    """The option keys ``strategy`` takes, with the type of each value."""
    if strategy.endswith(":azure_ad"):
        return _ENTRA
    if strategy.startswith("saml:"):
        return _SAML
    if strategy.startswith("oauth2:"):
        return _SOCIAL
    return {}


def option_problems(strategy: str, options: dict[str, Any]) -> list[str]:
    """What is wrong with ``options`` for ``strategy``: unknown keys and mistyped values."""
    known = options_for(strategy)
    problems = []
    unknown = sorted(set(options) - set(known))
    if unknown:
        valid = ", ".join(sorted(known)) or "none"
        problems.append(
            f"{', '.join(map(repr, unknown))} {'is' if len(unknown) == 1 else 'are'} not an "
            f"option of a {strategy} connection; its options are: {valid}"
        )
    for key, value in sorted(options.items()):
        expected = known.get(key)
        if expected is None or value is None:
            continue
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            problems.append(
                f"option {key!r} must be {_TYPE_NAMES[expected]} (got {type(value).__name__})"
            )
    return problems
