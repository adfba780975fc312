"""Contract tests: a scripted tour of every endpoint the emulator serves, validating each
request and each response against the official Management API spec with openapi-core."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.routing import REGISTRY

#: The spec's only server is https://{subdomain}.kinde.com: requests are validated as if sent
#: there.
SPEC_HOST = "https://emulator.kinde.com"

#: Exchanges whose validation is skipped because the spec disagrees with the live service.
#: Key: (operationId, "request" | "response", status); value: why.
SPEC_DISAGREES: dict[tuple[str, str, int], str] = {
    # The spec's own field description says to send 'NO_PERMISSION_REQUIRED' to clear the
    # assignment permission, but its schema declares `format: uuid`, which that is not.
    ("UpdateRoles", "request", 201): "NO_PERMISSION_REQUIRED is documented but not a uuid",
}


class OpenAPIRequest:
    """An httpx request seen through openapi-core's Request protocol."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = SPEC_HOST
        self.path = request.url.path
        self.method = request.method.lower()
        query = parse_qsl(request.url.query.decode(), keep_blank_values=True)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )
        self.body: bytes | None = request.read() or None  # a multipart body is a stream
        self.content_type: str = request.headers.get("content-type", "")


class OpenAPIResponse:
    """An httpx response seen through openapi-core's Response protocol."""

    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type: str = response.headers.get("content-type", "")
        self.data: bytes | None = response.content or None


def _describe(exc: BaseException) -> str:
    """An openapi-core error with the schema errors behind it."""
    parts = [f"{type(exc).__name__}: {str(exc)[:300]}"]
    cause: BaseException | None = exc
    while cause is not None:
        for error in getattr(cause, "schema_errors", ()) or ():
            where = "/".join(map(str, error.absolute_path))
            parts.append(f"  - {where}: {error.message[:300]}")
        cause = cause.__cause__ or cause.__context__
    return "\n".join(parts)


@dataclass
class SpecChecker:
    """An httpx response hook validating every exchange against the spec."""

    spec: OpenAPI
    failures: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, int]] = field(default_factory=list)

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        matched = REGISTRY.match(request.method, request.url.path)
        operation_id = matched[0].operation_id if matched else "?"
        openapi_request = OpenAPIRequest(request)
        checks: list[tuple[str, Callable[[], None]]] = [
            ("request", lambda: self.spec.validate_request(openapi_request)),
            (
                "response",
                lambda: self.spec.validate_response(openapi_request, OpenAPIResponse(response)),
            ),
        ]
        for part, check in checks:
            key = (operation_id, part, response.status_code)
            if key in SPEC_DISAGREES:
                self.skipped.append(key)
                continue
            try:
                check()
            except Exception as exc:
                self.failures.append(
                    f"{request.method} {request.url.path} -> {response.status_code} "
                    f"({operation_id}) {part}:\n{_describe(exc)}\n{response.text[:500]}"
                )


#: Request bodies whose ``options`` the spec declares as a ``oneOf`` of three object schemas
#: with only optional properties: every object matches all three, so no request carrying
#: ``options`` could ever validate. It is meant as ``anyOf``; the spec is patched in memory.
OPTIONS_ONE_OF = (
    ("/api/v1/connections", "post"),
    ("/api/v1/connections/{connection_id}", "patch"),
    ("/api/v1/connections/{connection_id}", "put"),
)


def _nullable_answers(document: dict[str, Any]) -> None:
    """Let every property of every answer be null, as on the live service.

    Live: fields without a value come back as ``null``, not left out (a recorded
    ``GET /permissions`` page in moredure/kinde-go), where the spec declares most of them
    non-nullable. The emulator answers as the live service does; requests stay strict.
    """
    components = document["components"]["schemas"]
    done: set[int] = set()

    def relax(schema: Any) -> None:
        if not isinstance(schema, dict) or id(schema) in done:
            return
        done.add(id(schema))
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            relax(components[ref.rsplit("/", 1)[1]])
        for prop in (schema.get("properties") or {}).values():
            if isinstance(prop, dict) and "$ref" not in prop:
                prop["nullable"] = True
            relax(prop)
        for key in ("items", "additionalProperties"):
            relax(schema.get(key))
        for key in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(key) or ():
                relax(part)

    for operations in document["paths"].values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for answer in (operation.get("responses") or {}).values():
                for content in (answer.get("content") or {}).values():
                    relax(content.get("schema"))


@pytest.fixture(scope="session")
def spec() -> OpenAPI:
    text = (
        resources.files("pulumi_kinde.emulator")
        .joinpath("kinde-mgmt-api-specs.yaml")
        .read_text(encoding="utf-8")
    )
    document = yaml.safe_load(text)
    for path, method in OPTIONS_ONE_OF:
        body = document["paths"][path][method]["requestBody"]["content"]["application/json"]
        options = body["schema"]["properties"]["options"]
        options["anyOf"] = options.pop("oneOf")
    _nullable_answers(document)
    return OpenAPI.from_dict(document)


@pytest.fixture
def checker(spec: OpenAPI) -> SpecChecker:
    return SpecChecker(spec)


@pytest.fixture
def client(
    emulator: Emulator, get_token: Callable[[], str], checker: SpecChecker, tls: ssl.SSLContext
) -> Iterator[httpx.Client]:
    """A client whose every exchange is validated against the spec."""
    with httpx.Client(
        base_url=emulator.url,
        transport=httpx.HTTPTransport(verify=tls),
        headers={"Authorization": f"Bearer {get_token()}"},
        event_hooks={"response": [checker]},
        timeout=10,
    ) as validated:
        yield validated


class Tour:
    """Calls endpoints, asserting each status, and remembers ids between steps."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        assert response.status_code == expect, f"{method} {path}: {response.text}"
        return response.json() if response.content else None

    def apis(self) -> None:
        listed = self.call("GET", "/api/v1/apis", params={"expand": "scopes"})
        assert any(a["is_management_api"] for a in listed["apis"])
        api_id = self.call(
            "POST", "/api/v1/apis", json={"name": "Backend", "audience": "https://api.test"}
        )["api"]["id"]
        assert self.call("GET", f"/api/v1/apis/{api_id}")["api"]["audience"] == "https://api.test"
        scope_id = self.call(
            "POST",
            f"/api/v1/apis/{api_id}/scopes",
            json={"key": "read:things", "description": "Read things"},
        )["scope"]["id"]
        self.call("GET", f"/api/v1/apis/{api_id}/scopes")
        self.call("PATCH", f"/api/v1/apis/{api_id}/scopes/{scope_id}", json={"description": "R"})
        assert self.call("GET", f"/api/v1/apis/{api_id}/scopes/{scope_id}")["scope"] == {
            "id": scope_id,
            "key": "read:things",
            "description": "R",
        }
        app_id = self.call(
            "POST", "/api/v1/applications", 201, json={"name": "Worker", "type": "m2m"}
        )["application"]["id"]
        authorized = self.call(
            "PATCH", f"/api/v1/apis/{api_id}/applications", json={"applications": [{"id": app_id}]}
        )
        assert authorized["applications_connected"] == [app_id]
        app_scope = f"/api/v1/apis/{api_id}/applications/{app_id}/scopes/{scope_id}"
        self.call("POST", app_scope)
        self.call("DELETE", app_scope)
        self.call(
            "PATCH",
            f"/api/v1/apis/{api_id}/applications",
            json={"applications": [{"id": app_id, "operation": "delete"}]},
        )
        self.call("DELETE", f"/api/v1/apis/{api_id}/scopes/{scope_id}")
        self.call("DELETE", f"/api/v1/apis/{api_id}")
        self.call("GET", f"/api/v1/apis/{api_id}", 400)
        self.call("DELETE", f"/api/v1/applications/{app_id}")

    def applications(self) -> None:
        created = self.call(
            "POST", "/api/v1/applications", 201, json={"name": "Web", "type": "reg"}
        )["application"]
        app_id = created["id"]
        assert created["client_secret"]
        spa = self.call("POST", "/api/v1/applications", 201, json={"name": "SPA", "type": "spa"})
        assert "client_secret" not in spa["application"]
        self.call("GET", "/api/v1/applications", params={"sort": "name_asc", "page_size": 1})
        self.call(
            "PATCH",
            f"/api/v1/applications/{app_id}",
            json={
                "name": "Web app",
                "login_uri": "https://app.test/login",
                "homepage_uri": "https://app.test",
                "redirect_uris": ["https://app.test/callback"],
                "is_ask_for_name": True,
            },
        )
        got = self.call("GET", f"/api/v1/applications/{app_id}")["application"]
        assert got["name"] == "Web app" and got["is_ask_for_name"] is True
        for kind, key in (
            ("auth_redirect_urls", "redirect_urls"),
            ("auth_logout_urls", "logout_urls"),
        ):
            base = f"/api/v1/applications/{app_id}/{kind}"
            self.call("POST", base, json={"urls": ["https://app.test/a"]})
            self.call("PUT", base, json={"urls": ["https://app.test/a", "https://app.test/b"]})
            self.call("DELETE", base, params={"urls": "https://app.test/a"})
            assert self.call("GET", base)[key] == ["https://app.test/b"]
        connection_id = self.call("GET", "/api/v1/connections")["connections"][0]["id"]
        connection = f"/api/v1/applications/{app_id}/connections/{connection_id}"
        self.call("POST", connection)
        listed = self.call("GET", f"/api/v1/applications/{app_id}/connections")
        assert [c["id"] for c in listed["connections"]] == [connection_id]
        self.call("DELETE", connection)
        role_id = self.call("POST", "/api/v1/roles", 201, json={"name": "Staff", "key": "staff"})[
            "role"
        ]["id"]
        access_role = f"/api/v1/applications/{app_id}/access_roles/{role_id}"
        self.call("POST", access_role)
        roles = self.call("GET", f"/api/v1/applications/{app_id}/access_roles")["roles"]
        assert [r["id"] for r in roles] == [role_id]
        self.call("DELETE", access_role)
        category_id = self.call(
            "POST", "/api/v1/property_categories", 201, json={"name": "App", "context": "app"}
        )["category"]["id"]
        property_id = self.call(
            "POST",
            "/api/v1/properties",
            201,
            json={
                "name": "Tier",
                "key": "tier",
                "type": "single_line_text",
                "context": "app",
                "is_private": False,
                "category_id": category_id,
            },
        )["property"]["id"]
        self.call("PUT", f"/api/v1/applications/{app_id}/properties/tier", json={"value": "gold"})
        values = self.call("GET", f"/api/v1/applications/{app_id}/properties")["properties"]
        assert [(v["key"], v["value"]) for v in values] == [("tier", "gold")]
        self.call(
            "PATCH",
            f"/api/v1/applications/{app_id}/tokens",
            json={"access_token_lifetime": 3600, "is_hasura_mapping_enabled": True},
        )
        self.call("DELETE", f"/api/v1/applications/{app_id}")
        self.call("GET", f"/api/v1/applications/{app_id}", 400)
        self.call("DELETE", f"/api/v1/applications/{spa['application']['id']}")
        self.call("DELETE", f"/api/v1/roles/{role_id}")
        self.call("DELETE", f"/api/v1/properties/{property_id}")

    def connections(self) -> None:
        listed = self.call("GET", "/api/v1/connections", params={"page_size": 2})
        assert listed["has_more"] is True
        app_id = self.call(
            "POST", "/api/v1/applications", 201, json={"name": "Web", "type": "reg"}
        )["application"]["id"]
        connection_id = self.call(
            "POST",
            "/api/v1/connections",
            201,
            json={
                "name": "github",
                "display_name": "GitHub",
                "strategy": "oauth2:github",
                "enabled_applications": [app_id],
                "options": {"client_id": "abc", "client_secret": "s3cret", "is_trusted": True},
            },
        )["connection"]["id"]
        got = self.call("GET", f"/api/v1/connections/{connection_id}")["connection"]
        assert "options" not in got and got["strategy"] == "oauth2:github"
        self.call(
            "PATCH",
            f"/api/v1/connections/{connection_id}",
            json={"display_name": "GitHub SSO", "options": {"client_secret": "rotated"}},
        )
        self.call(
            "PUT",
            f"/api/v1/connections/{connection_id}",
            json={"name": "github", "display_name": "GitHub", "options": {"client_id": "x"}},
        )
        self.call("DELETE", f"/api/v1/connections/{connection_id}")
        self.call("DELETE", f"/api/v1/connections/{connection_id}", 404)
        self.call("GET", f"/api/v1/connections/{connection_id}", 400)
        self.call("DELETE", f"/api/v1/applications/{app_id}")

    def organizations(self) -> None:
        code = self.call(
            "POST",
            "/api/v1/organization",
            json={
                "name": "Acme",
                "handle": "acme",
                "external_id": "ext-1",
                "link_color": "#0056F1",
                "theme_code": "light",
                "feature_flags": {"beta": "bool"},
            },
        )["organization"]["code"]
        got = self.call("GET", "/api/v1/organization", params={"code": code})
        assert got["link_color"]["hex"] == "#0056F1"
        self.call("GET", "/api/v1/organizations", params={"sort": "name_asc", "page_size": 5})
        self.call(
            "PATCH",
            f"/api/v1/organization/{code}",
            json={
                "name": "Acme Inc",
                "theme_code": "dark",
                "button_color": "#fff",
                "allowed_domains": ["acme.test"],
                "is_auto_join_domain_list": True,
                "is_enforce_mfa": False,
                "sender_email": "hello@acme.test",
                "is_suspended": True,
            },
        )
        got = self.call("GET", "/api/v1/organization", params={"code": code})
        assert got["color_scheme"] == "dark" and got["suspended_on"]
        self.call("DELETE", f"/api/v1/organization/{code}/handle")
        connection_id = self.call("GET", "/api/v1/connections")["connections"][0]["id"]
        connection = f"/api/v1/organizations/{code}/connections/{connection_id}"
        self.call("POST", connection)
        self.call("GET", f"/api/v1/organizations/{code}/connections")
        self.call("DELETE", connection)
        self.call("DELETE", f"/api/v1/organization/{code}")
        self.call("DELETE", f"/api/v1/organization/{code}", 404)
        self.call("GET", "/api/v1/organization", 400, params={"code": code})

    def roles_and_permissions(self) -> None:
        for key in ("read:reports", "write:reports"):
            self.call("POST", "/api/v1/permissions", 201, json={"name": key.title(), "key": key})
        permissions = self.call("GET", "/api/v1/permissions", params={"sort": "name_asc"})
        ids = {p["key"]: p["id"] for p in permissions["permissions"]}
        self.call("PATCH", f"/api/v1/permissions/{ids['read:reports']}", json={"description": "R"})
        role_id = self.call(
            "POST",
            "/api/v1/roles",
            201,
            json={
                "name": "Admin",
                "key": "admin",
                "description": "Admins",
                "assignment_permission_id": ids["write:reports"],
            },
        )["role"]["id"]
        self.call("GET", "/api/v1/roles", params={"sort": "key_asc", "page_size": 2})
        self.call("GET", f"/api/v1/roles/{role_id}")
        self.call(
            "PATCH",
            f"/api/v1/roles/{role_id}",
            201,
            json={"name": "Administrators", "key": "admin"},
        )
        self.call(
            "PATCH",
            f"/api/v1/roles/{role_id}",
            201,
            json={
                "name": "Administrators",
                "key": "admin",
                "assignment_permission_id": "NO_PERMISSION_REQUIRED",
            },
        )
        changed = self.call(
            "PATCH",
            f"/api/v1/roles/{role_id}/permissions",
            json={"permissions": [{"id": ids["read:reports"]}, {"id": ids["write:reports"]}]},
        )
        assert sorted(changed["permissions_added"]) == sorted(ids.values())
        self.call("GET", f"/api/v1/roles/{role_id}/permissions", params={"page_size": 1})
        self.call("DELETE", f"/api/v1/roles/{role_id}/permissions/{ids['read:reports']}")
        scopes = self.call("GET", "/api/v1/apis", params={"expand": "scopes"})["apis"][0]["scopes"]
        self.call(
            "POST", f"/api/v1/roles/{role_id}/scopes", 201, json={"scope_id": scopes[0]["id"]}
        )
        assert (
            self.call("GET", f"/api/v1/roles/{role_id}/scopes")["scopes"][0]["id"]
            == scopes[0]["id"]
        )
        self.call("DELETE", f"/api/v1/roles/{role_id}/scopes/{scopes[0]['id']}")
        self.call("DELETE", f"/api/v1/roles/{role_id}")
        self.call("GET", f"/api/v1/roles/{role_id}", 400)
        for permission_id in ids.values():
            self.call("DELETE", f"/api/v1/permissions/{permission_id}")

    def webhooks(self) -> None:
        events = self.call("GET", "/api/v1/event_types")["event_types"]
        codes = [e["code"] for e in events]
        assert "user.created" in codes
        webhook_id = self.call(
            "POST",
            "/api/v1/webhooks",
            json={
                "name": "Audit",
                "endpoint": "https://hooks.test/kinde",
                "event_types": codes[:2],
                "description": "Audit trail",
            },
        )["webhook"]["id"]
        self.call("GET", "/api/v1/webhooks")
        self.call(
            "PATCH",
            f"/api/v1/webhooks/{webhook_id}",
            json={"name": "Audit log", "event_types": codes[:1], "description": None},
        )
        self.call("DELETE", f"/api/v1/webhooks/{webhook_id}")
        self.call("DELETE", f"/api/v1/webhooks/{webhook_id}", 400)

    def properties(self) -> None:
        category_id = self.call(
            "POST", "/api/v1/property_categories", 201, json={"name": "Profile", "context": "usr"}
        )["category"]["id"]
        self.call("PUT", f"/api/v1/property_categories/{category_id}", json={"name": "About"})
        self.call("GET", "/api/v1/property_categories", params={"context": "usr"})
        property_id = self.call(
            "POST",
            "/api/v1/properties",
            201,
            json={
                "name": "Nickname",
                "key": "nickname",
                "type": "single_line_text",
                "context": "usr",
                "is_private": True,
                "category_id": category_id,
            },
        )["property"]["id"]
        self.call("GET", "/api/v1/properties", params={"context": "usr", "page_size": 2})
        self.call(
            "PUT",
            f"/api/v1/properties/{property_id}",
            json={"name": "Alias", "is_private": False, "category_id": category_id},
        )
        self.call("DELETE", f"/api/v1/properties/{property_id}")

    def users(self) -> None:
        code = self.call("POST", "/api/v1/organization", json={"name": "Members"})["organization"][
            "code"
        ]
        created = self.call(
            "POST",
            "/api/v1/user",
            json={
                "profile": {
                    "given_name": "Ada",
                    "family_name": "Lovelace",
                    "picture": "https://pics.test/ada.png",
                },
                "organization_code": code,
                "provided_id": "ext-ada",
                "identities": [
                    {"type": "email", "is_verified": True, "details": {"email": "ada@ex.test"}},
                    {
                        "type": "phone",
                        "details": {"phone": "+61426148233", "phone_country_id": "au"},
                    },
                    {"type": "username", "details": {"username": "ada"}},
                ],
            },
        )
        user_id = created["id"]
        assert [i["type"] for i in created["identities"]] == ["email", "phone", "username"]
        got = self.call(
            "GET", "/api/v1/user", params={"id": user_id, "expand": "organizations,identities"}
        )
        assert (got["preferred_email"], got["organizations"]) == ("ada@ex.test", [code])
        self.call("GET", "/api/v1/user", params={"id": user_id})
        updated = self.call(
            "PATCH",
            "/api/v1/user",
            params={"id": user_id},
            json={
                "given_name": "Augusta",
                "family_name": "King",
                "picture": "https://pics.test/augusta.png",
                "is_suspended": True,
                "is_password_reset_requested": True,
                "provided_id": "ext-augusta",
            },
        )
        assert updated["given_name"] == "Augusta" and updated["email"] == "ada@ex.test"
        other = self.call("POST", "/api/v1/user", json={"profile": {"given_name": "Bo"}})["id"]
        listed = self.call(
            "GET",
            "/api/v1/users",
            params={"page_size": 1, "expand": "organizations,identities,billing"},
        )
        assert [u["id"] for u in listed["users"]] == [user_id] and listed["next_token"]
        self.call("GET", "/api/v1/users", params={"next_token": listed["next_token"]})
        found = self.call(
            "GET",
            "/api/v1/users",
            params={"email": "ADA@ex.test", "has_organization": "true", "user_id": user_id},
        )
        assert [u["email"] for u in found["users"]] == ["ada@ex.test"]
        duplicate = {"identities": [{"type": "email", "details": {"email": "ada@ex.test"}}]}
        self.call("POST", "/api/v1/user", 400, json=duplicate)
        for removed in (user_id, other):
            self.call("DELETE", "/api/v1/user", params={"id": removed, "is_delete_profile": "true"})
        self.call("GET", "/api/v1/user", 400, params={"id": user_id})
        self.call("PATCH", "/api/v1/user", 400, params={"id": user_id}, json={"given_name": "X"})
        self.call("DELETE", "/api/v1/user", 400, params={"id": user_id})
        self.call("DELETE", f"/api/v1/organization/{code}")

    def identities(self) -> None:
        user_id = self.call(
            "POST",
            "/api/v1/user",
            json={"identities": [{"type": "email", "details": {"email": "grace@ex.test"}}]},
        )["id"]
        base = f"/api/v1/users/{user_id}/identities"
        email_id = self.call("POST", base, 201, json={"type": "email", "value": "g@work.test"})[
            "identity"
        ]["id"]
        self.call(
            "POST",
            base,
            201,
            json={"type": "phone", "value": "426148233", "phone_country_id": "au"},
        )
        google = next(
            c["id"]
            for c in self.call("GET", "/api/v1/connections")["connections"]
            if c["strategy"] == "oauth2:google"
        )
        self.call(
            "POST",
            base,
            201,
            json={"type": "social", "value": "grace@gmail.test", "connection_id": google},
        )
        self.call("POST", base, 400, json={"type": "email", "value": "GRACE@ex.test"})
        first = self.call("GET", base)
        assert len(first["identities"]) == 4 and first["has_more"] is False
        self.call("GET", base, params={"starting_after": first["identities"][1]["id"]})
        self.call("GET", base, params={"ending_before": first["identities"][1]["id"]})
        assert self.call("GET", f"/api/v1/identities/{email_id}")["is_primary"] is False
        self.call("PATCH", f"/api/v1/identities/{email_id}", json={"is_primary": True})
        assert self.call("GET", f"/api/v1/identities/{email_id}")["is_primary"] is True
        self.call("PATCH", f"/api/v1/identities/{email_id}", 400, json={"is_primary": False})
        self.call("DELETE", f"/api/v1/identities/{email_id}")
        self.call("GET", f"/api/v1/identities/{email_id}", 400)
        self.call("DELETE", f"/api/v1/identities/{email_id}", 400)
        self.call("DELETE", "/api/v1/user", params={"id": user_id})
        self.call("GET", base, 400)

    def organization_users(self) -> None:
        code = self.call("POST", "/api/v1/organization", json={"name": "Shop"})["organization"][
            "code"
        ]
        for key in ("read:orders", "refund:orders"):
            self.call("POST", "/api/v1/permissions", 201, json={"name": key, "key": key})
        permission_ids = {
            p["key"]: p["id"] for p in self.call("GET", "/api/v1/permissions")["permissions"]
        }
        role_ids = {}
        for key in ("clerk", "manager"):
            role_ids[key] = self.call(
                "POST", "/api/v1/roles", 201, json={"name": key.title(), "key": key}
            )["role"]["id"]
        self.call(
            "PATCH",
            f"/api/v1/roles/{role_ids['clerk']}/permissions",
            json={"permissions": [{"id": permission_ids["read:orders"]}]},
        )
        user_ids = [
            self.call(
                "POST",
                "/api/v1/user",
                json={
                    "profile": {"given_name": name, "family_name": "Tester"},
                    "identities": [{"type": "email", "details": {"email": f"{name}@shop.test"}}],
                },
            )["id"]
            for name in ("ann", "bob")
        ]
        ann, bob = user_ids
        base = f"/api/v1/organizations/{code}/users"
        added = self.call(
            "POST",
            base,
            json={
                "users": [
                    {"id": ann, "roles": ["clerk"], "permissions": ["refund:orders"]},
                    {"id": bob},
                ]
            },
        )
        assert added["users_added"] == user_ids
        listed = self.call("GET", base, params={"sort": "name_desc", "page_size": 1})
        assert [u["id"] for u in listed["organization_users"]] == [bob]
        self.call("GET", base, params={"next_token": listed["next_token"], "sort": "name_desc"})
        clerks = self.call(
            "GET", base, params={"roles": "clerk", "permissions": "read:orders,refund:orders"}
        )
        assert [(u["id"], u["roles"]) for u in clerks["organization_users"]] == [(ann, ["clerk"])]
        changed = self.call(
            "PATCH",
            base,
            json={
                "users": [
                    {"id": bob, "roles": ["clerk"]},
                    {"id": ann, "operation": "delete"},
                ]
            },
        )
        assert (changed["users_updated"], changed["users_removed"]) == ([bob], [ann])
        member = f"{base}/{bob}"
        self.call("POST", f"{member}/roles", json={"role_id": role_ids["manager"]})
        roles = self.call("GET", f"{member}/roles")["roles"]
        assert {r["key"] for r in roles} == {"clerk", "manager"}
        self.call("DELETE", f"{member}/roles/{role_ids['manager']}")
        self.call(
            "POST", f"{member}/permissions", json={"permission_id": permission_ids["refund:orders"]}
        )
        held = self.call("GET", f"{member}/permissions", params={"expand": "roles"})["permissions"]
        assert {p["key"]: [r["key"] for r in p["roles"]] for p in held} == {
            "read:orders": ["clerk"],
            "refund:orders": [],
        }
        self.call("GET", f"{member}/permissions")
        self.call("DELETE", f"{member}/permissions/{permission_ids['refund:orders']}")
        self.call("DELETE", f"{member}/permissions/{permission_ids['read:orders']}", 400)
        self.call("DELETE", f"{member}/roles/{role_ids['manager']}", 400)
        self.call("DELETE", member)
        self.call("DELETE", member, 400)
        for user_id in user_ids:
            self.call("DELETE", "/api/v1/user", params={"id": user_id})
        for role_id in role_ids.values():
            self.call("DELETE", f"/api/v1/roles/{role_id}")
        for permission_id in permission_ids.values():
            self.call("DELETE", f"/api/v1/permissions/{permission_id}")
        self.call("DELETE", f"/api/v1/organization/{code}")


def tour_leaves_nothing(
    tour: Tour, area: str, checker: SpecChecker, emulator: Emulator, undeletable: set[str]
) -> None:
    """Run ``area`` of ``tour``: every exchange valid against the spec, and the emulator left
    as it was, but for the ``undeletable`` collections (what the API cannot delete)."""
    before = emulator.snapshot()
    getattr(tour, area)()
    assert not checker.failures, "\n\n".join(checker.failures)
    after = emulator.snapshot()
    assert {k: v for k, v in after.items() if k not in undeletable} == {
        k: v for k, v in before.items() if k not in undeletable
    }


def operations_toured(
    tour: Tour, areas: tuple[str, ...], emulator: Emulator, modules: frozenset[str]
) -> tuple[set[str], set[str]]:
    """Run every area of ``tour``; return the operations served by the route ``modules``
    and those of them the tour did not call."""
    for area in areas:
        getattr(tour, area)()
    called = {record.operation_id for record in emulator.api_requests()}
    served = {r.operation_id for r in REGISTRY.routes() if r.handler.__module__ in modules}
    return served, served - called


AREAS = (
    "apis",
    "applications",
    "connections",
    "organizations",
    "roles_and_permissions",
    "webhooks",
    "properties",
    "users",
    "identities",
    "organization_users",
)


@pytest.mark.parametrize("area", AREAS)
def test_tour_validates_against_spec(
    area: str, client: httpx.Client, checker: SpecChecker, emulator: Emulator
) -> None:
    before = emulator.snapshot()
    getattr(Tour(client), area)()
    assert not checker.failures, "\n\n".join(checker.failures)
    # Each tour cleans up after itself, except what the API gives no way to delete.
    after = emulator.snapshot()
    undeletable = {"property_categories"}  # the API has no DELETE for them
    assert {k: v for k, v in after.items() if k not in undeletable} == {
        k: v for k, v in before.items() if k not in undeletable
    }


#: Route modules toured (and checked for coverage) in ``test_contract_settings.py`` and
#: ``test_contract_access.py``.
SETTINGS_TOURED = frozenset(
    f"pulumi_kinde.emulator.routes.{name}"
    for name in (
        "business",
        "environment_info",
        "environment_variables",
        "feature_flags",
        "member_api_scopes",
        "passwords",
        "property_values",
        "system_permissions",
    )
)
#: Route modules toured in ``test_contract_security.py``.
SECURITY_TOURED = frozenset(
    f"pulumi_kinde.emulator.routes.{name}"
    for name in ("api_keys", "directories", "logos", "security")
)
TOURED_ELSEWHERE = SETTINGS_TOURED | SECURITY_TOURED


def test_tour_covers_every_served_operation(client: httpx.Client, emulator: Emulator) -> None:
    tour = Tour(client)
    for area in AREAS:
        getattr(tour, area)()
    called = {record.operation_id for record in emulator.api_requests()}
    served = {
        route.operation_id
        for route in REGISTRY.routes()
        if route.handler.__module__ not in TOURED_ELSEWHERE
    }
    assert served - called == set()


def test_allow_list_entries_are_used(client: httpx.Client, checker: SpecChecker) -> None:
    Tour(client).roles_and_permissions()
    assert set(checker.skipped) == set(SPEC_DISAGREES)


def test_every_served_route_is_in_the_spec(spec: OpenAPI) -> None:
    paths = spec.spec / "paths"
    for route in REGISTRY.routes():
        assert route.template in paths, route.template
        operation = paths / route.template / route.method.lower()
        assert (operation / "operationId").read_value() == route.operation_id


INVALID_REQUESTS = [
    pytest.param("POST", "/api/v1/roles", {"name": "x"}, "KEY_REQUIRED", id="missing-field"),
    pytest.param(
        "POST", "/api/v1/applications", {"name": "a", "type": "desktop"}, "INVALID_TYPE", id="enum"
    ),
    pytest.param(
        "POST", "/api/v1/apis", {"name": 5, "audience": "https://a"}, "INVALID_NAME", id="type"
    ),
    pytest.param(
        "POST",
        "/api/v1/roles",
        {"name": "x", "key": "k", "colour": "red"},
        "UNKNOWN_FIELD",
        id="unknown-field",
    ),
    pytest.param("POST", "/api/v1/webhooks", b'{"name": ', "INVALID_JSON", id="malformed-json"),
    pytest.param("POST", "/api/v1/permissions", [], "INVALID_REQUEST_BODY", id="not-an-object"),
    pytest.param("POST", "/api/v1/roles", None, "INVALID_REQUEST_BODY", id="no-body"),
    pytest.param(
        "POST",
        "/api/v1/organization",
        {"name": "x", "link_color": "blue"},
        "INVALID_LINK_COLOR",
        id="bad-color",
    ),
    pytest.param(
        "POST",
        "/api/v1/connections",
        {
            "name": "x",
            "display_name": "X",
            "strategy": "oauth2:github",
            "options": {"client_secret": 1},
        },
        "INVALID_CLIENT_SECRET",
        id="nested-type",
    ),
    pytest.param(
        "POST",
        "/api/v1/webhooks",
        {"name": "w", "endpoint": "https://h.test", "event_types": ["nope.happened"]},
        "INVALID_EVENT_TYPES",
        id="unknown-event-type",
    ),
    pytest.param(
        "POST",
        "/api/v1/webhooks",
        {"name": "w", "endpoint": "ftp://h", "event_types": []},
        "INVALID_ENDPOINT",
        id="bad-url",
    ),
    pytest.param("GET", "/api/v1/roles?page_size=abc", None, "INVALID_PAGE_SIZE", id="query-int"),
    pytest.param("GET", "/api/v1/roles?sort=upside_down", None, "INVALID_SORT", id="query-enum"),
]


@pytest.mark.parametrize(("method", "path", "body", "code"), INVALID_REQUESTS)
def test_invalid_requests_are_refused(
    method: str,
    path: str,
    body: Any,
    code: str,
    emulator: Emulator,
    api: httpx.Client,
    spec: OpenAPI,
) -> None:
    before = emulator.snapshot()
    if isinstance(body, bytes):
        kwargs: dict[str, Any] = {
            "content": body,
            "headers": {"Content-Type": "application/json"},
        }
    else:
        kwargs = {} if body is None else {"json": body}
    response = api.request(method, path, **kwargs)
    assert response.status_code == 400, response.text
    assert code in [error["code"] for error in response.json()["errors"]]
    spec.validate_response(OpenAPIRequest(response.request), OpenAPIResponse(response))
    assert emulator.snapshot() == before
