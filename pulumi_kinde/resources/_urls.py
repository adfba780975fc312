"""The URLs Kinde accepts, checked at preview with a message that says the fix.

Live rules (docs.kinde.com, "Set callback and redirect URLs"; the React Native SDK README):
callback and logout URLs are absolute, with no surrounding spaces; native apps use custom
schemes (``myapp://<sub>.kinde.com/kinde_callback``), so a scheme other than http/https is
valid there; a wildcard may appear only in an http/https URL, once, in the leftmost label of
the host (``https://*.hello.com``; partial labels such as ``https://prefix-*-suffix.hello.com``
too), never at root level (``*.com``) or as a whole label on a public suffix
(``*.vercel.app`` no, ``*something.vercel.app`` yes), never in the path. Sign-in and home
page URLs are web pages: http/https only, no wildcard. Webhook endpoints must be HTTPS
(docs.kinde.com, "About webhooks").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field

from ._fields import input_rule

__all__ = ["CallbackUrl", "HttpsUrl", "WebUrl", "check_url"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
_HOST = re.compile(r"^[A-Za-z0-9*_.-]+$|^[0-9A-Fa-f:.]+$")  # a name, or an IP address
# Schemes that are never an app's callback: scripts, files and other protocols.
_NOT_APPS = frozenset(
    {"javascript", "data", "vbscript", "file", "about", "blob", "ftp", "ftps", "mailto", "tel",
     "sms", "ws", "wss", "view-source", "chrome"}
)  # fmt: skip
_EXAMPLES = {
    "callback": "https://app.example.com/callback (or myapp://app.example.com/kinde_callback)",
    "web": "https://app.example.com",
    "https": "https://hooks.example.com/kinde",
}


@cache
def _public_suffixes() -> Any:
    from publicsuffixlist import PublicSuffixList  # loaded only when a wildcard needs it

    return PublicSuffixList()


def check_url(url: str, kind: str) -> str:
    """``url`` if Kinde accepts it as a ``kind`` URL ("callback", "web" or "https")."""
    example = _EXAMPLES[kind]
    if url != url.strip() or any(c.isspace() for c in url):
        raise ValueError(f"must not contain spaces; e.g. {example}")
    scheme, sep, rest = url.partition(":")
    if scheme.lower() in _NOT_APPS:
        raise ValueError(f"uses the {scheme}: scheme, which is no app's URL; use e.g. {example}")
    if not sep or not _SCHEME.match(scheme) or not rest.startswith("//"):
        raise ValueError(f"is not an absolute URL (scheme://host/...); use e.g. {example}")
    scheme = scheme.lower()
    web = scheme in ("http", "https")
    if kind == "https" and scheme != "https":
        raise ValueError(
            f"must be an https:// URL (Kinde only calls HTTPS endpoints); e.g. {example}"
        )
    if kind == "web" and not web:
        raise ValueError(f"must be an http:// or https:// URL; e.g. {example}")
    if scheme in _NOT_APPS:
        raise ValueError(
            f"uses the {scheme}: scheme, which is no app's callback; use e.g. {example}"
        )
    parts = urlsplit(url)
    host = parts.hostname or ""
    if web:
        if not _HOST.match(host):
            raise ValueError(f"has no valid host name; use e.g. {example}")
        try:
            parts.port  # noqa: B018 (raises on a bad port)
        except ValueError:
            raise ValueError(f"has an invalid port; use e.g. {example}") from None
    elif not rest[2:]:
        raise ValueError(f"has nothing after {scheme}://; use e.g. {example}")
    if "*" in url:
        _check_wildcard(url, host, parts.path + parts.query + parts.fragment, web, kind)
    return url


def _check_wildcard(url: str, host: str, after_host: str, web: bool, kind: str) -> None:
    if kind != "callback" or not web:
        why = {
            "callback": "Kinde allows one only in an http/https callback or logout URL",
            "web": "a sign-in or home page is one exact URL",
            "https": "a webhook calls one exact endpoint",
        }[kind]
        raise ValueError(f"may not hold a wildcard: {why}")
    if url.count("*") > 1:
        raise ValueError("may hold one wildcard (*) only")
    if "*" in after_host:
        raise ValueError("may hold a wildcard in the host only, never in the path")
    labels = host.split(".")
    if "*" not in labels[0]:
        raise ValueError(
            "may hold a wildcard in the leftmost label of the host only (*.example.com)"
        )
    parent = ".".join(labels[1:])
    if len(labels) < 3:
        raise ValueError(
            f"may not use a wildcard at root level ({host}); put it under a domain of yours, "
            "e.g. https://*.example.com"
        )
    if labels[0] == "*" and _public_suffixes().is_public(parent):
        raise ValueError(
            f"may not use a whole-label wildcard on the public suffix {parent!r}; name your "
            f"part of it, e.g. https://*.myapp.{parent} or https://myapp-*.{parent}"
        )


CallbackUrl = Annotated[
    str, Field(min_length=1, max_length=2048), input_rule(lambda u: check_url(u, "callback"))
]
"""A callback or logout URL: absolute; http(s) or an app's custom scheme; wildcard rules."""
WebUrl = Annotated[
    str, Field(min_length=1, max_length=2048), input_rule(lambda u: check_url(u, "web"))
]
"""A web page: an absolute http(s) URL, no wildcard."""
HttpsUrl = Annotated[
    str, Field(min_length=1, max_length=2048), input_rule(lambda u: check_url(u, "https"))
]
"""An HTTPS endpoint Kinde calls, no wildcard."""
