"""Applications' callback (redirect) and logout URLs: each list has its own endpoints to
read, add to, replace and delete from. They are the same lists ``PATCH
/applications/{id}`` sets as ``redirect_uris`` and ``logout_uris``."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.routes import _lookup
from pulumi_kinde.emulator.routes.applications import check_urls
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.validation import RequestBody


class Urls(RequestBody):
    urls: list[str]

    @field_validator("urls")
    @classmethod
    def _urls(cls, value: list[str]) -> list[str]:
        return check_urls(value)


def _url_list(call: Call, attribute: Literal["redirect_uris", "logout_uris"]) -> list[str]:
    application = _lookup.application(call.store, call.params["app_id"])
    urls: list[str] = getattr(application, attribute)
    return urls


def _add_urls(urls: list[str], new: list[str]) -> None:
    urls.extend(url for url in dict.fromkeys(new) if url not in urls)


def _urls_to_delete(call: Call) -> list[str]:
    raw = call.query.get("urls", "")
    urls = [url.strip() for url in raw.split(",") if url.strip()]
    if not urls:
        raise bad_request("URLS_REQUIRED", "urls is required")
    return urls


@route("GET", "/api/v1/applications/{app_id}/auth_redirect_urls", "getCallbackURLs")
def list_redirect_urls(call: Call) -> Reply:
    return reply(redirect_urls=list(_url_list(call, "redirect_uris")))


@route("POST", "/api/v1/applications/{app_id}/auth_redirect_urls", "addRedirectCallbackURLs")
def add_redirect_urls(call: Call) -> Reply:
    urls = _url_list(call, "redirect_uris")
    _add_urls(urls, call.body(Urls).urls)
    return reply(message="Callbacks updated", code="CALLBACKS_UPDATED")


@route("PUT", "/api/v1/applications/{app_id}/auth_redirect_urls", "replaceRedirectCallbackURLs")
def replace_redirect_urls(call: Call) -> Reply:
    urls = _url_list(call, "redirect_uris")
    new = call.body(Urls).urls
    urls[:] = list(dict.fromkeys(new))
    return reply(message="Callbacks updated", code="CALLBACKS_UPDATED")


@route("DELETE", "/api/v1/applications/{app_id}/auth_redirect_urls", "deleteCallbackURLs")
def delete_redirect_urls(call: Call) -> Reply:
    urls = _url_list(call, "redirect_uris")
    doomed = _urls_to_delete(call)
    urls[:] = [url for url in urls if url not in doomed]
    return reply(message="Callbacks deleted", code="CALLBACKS_DELETED")


@route("GET", "/api/v1/applications/{app_id}/auth_logout_urls", "getLogoutURLs")
def list_logout_urls(call: Call) -> Reply:
    urls = list(_url_list(call, "logout_uris"))
    return reply(logout_urls=urls, code="OK", message="Success")


@route("POST", "/api/v1/applications/{app_id}/auth_logout_urls", "addLogoutRedirectURLs")
def add_logout_urls(call: Call) -> Reply:
    urls = _url_list(call, "logout_uris")
    _add_urls(urls, call.body(Urls).urls)
    return reply(message="Logout URLs updated", code="LOGOUT_URLS_UPDATED")


@route("PUT", "/api/v1/applications/{app_id}/auth_logout_urls", "replaceLogoutRedirectURLs")
def replace_logout_urls(call: Call) -> Reply:
    urls = _url_list(call, "logout_uris")
    new = call.body(Urls).urls
    urls[:] = list(dict.fromkeys(new))
    return reply(message="Logout URLs updated", code="LOGOUT_URLS_UPDATED")


@route("DELETE", "/api/v1/applications/{app_id}/auth_logout_urls", "deleteLogoutURLs")
def delete_logout_urls(call: Call) -> Reply:
    urls = _url_list(call, "logout_uris")
    doomed = _urls_to_delete(call)
    urls[:] = [url for url in urls if url not in doomed]
    return reply(message="Logout URLs deleted", code="LOGOUT_URLS_DELETED")
