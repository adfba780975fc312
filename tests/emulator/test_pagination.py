"""Both pagination styles: next_token lists and starting_after/ending_before lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pulumi_kinde.emulator import Emulator


def _walk(
    api: httpx.Client, path: str, items_key: str, **params: Any
) -> tuple[list[dict[str, Any]], int]:
    """Follow next_token to the end; the items and the number of pages."""
    items: list[dict[str, Any]] = []
    pages = 0
    token: str | None = None
    while True:
        query = {**params, **({"next_token": token} if token else {})}
        response = api.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        items.extend(body[items_key])
        token = body.get("next_token")
        if not token:
            return items, pages


def _create_roles(api: httpx.Client, count: int) -> None:
    for n in range(count):
        response = api.post("/api/v1/roles", json={"name": f"Role {n:02d}", "key": f"r{n:02d}"})
        assert response.status_code == 201


CREATORS: dict[str, tuple[str, str, Callable[[int], dict[str, Any]]]] = {
    "roles": ("/api/v1/roles", "roles", lambda n: {"name": f"R{n:02d}", "key": f"r{n}"}),
    "permissions": (
        "/api/v1/permissions",
        "permissions",
        lambda n: {"name": f"P{n:02d}", "key": f"p{n}"},
    ),
    "applications": (
        "/api/v1/applications",
        "applications",
        lambda n: {"name": f"A{n:02d}", "type": "reg"},
    ),
    "organizations": ("/api/v1/organization", "organizations", lambda n: {"name": f"O{n:02d}"}),
}


@pytest.mark.parametrize("kind", sorted(CREATORS))
def test_next_token_walk_returns_everything_once(
    kind: str, api: httpx.Client, emulator: Emulator
) -> None:
    create_path, items_key, body = CREATORS[kind]
    for n in range(23):
        assert api.post(create_path, json=body(n)).status_code in (200, 201)
    list_path = "/api/v1/organizations" if kind == "organizations" else create_path
    expected = len(getattr(emulator.store, kind))  # includes seeded objects
    items, pages = _walk(api, list_path, items_key, page_size=5)
    assert pages == -(-expected // 5)
    identity = "code" if kind == "organizations" else "id"
    keys = [item[identity] for item in items]
    assert len(keys) == len(set(keys)) == expected


def test_default_page_size_is_10(api: httpx.Client) -> None:
    _create_roles(api, 12)
    first = api.get("/api/v1/roles").json()
    assert len(first["roles"]) == 10
    assert first["next_token"]
    rest = api.get("/api/v1/roles", params={"next_token": first["next_token"]}).json()
    assert len(rest["roles"]) == 2
    assert "next_token" not in rest


def test_sorted_walk(api: httpx.Client) -> None:
    _create_roles(api, 7)
    items, _ = _walk(api, "/api/v1/roles", "roles", page_size=3, sort="name_desc")
    names = [item["name"] for item in items]
    assert names == sorted(names, reverse=True) and len(names) == 7


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"page_size": 501}, "PAGE_SIZE_LIMIT_EXCEEDED"),
        ({"page_size": 0}, "INVALID_PAGE_SIZE"),
        ({"page_size": "ten"}, "INVALID_PAGE_SIZE"),
        ({"next_token": "%%%not-a-token"}, "INVALID_NEXT_TOKEN"),
    ],
)
def test_bad_paging_parameters(api: httpx.Client, params: dict[str, Any], code: str) -> None:
    response = api.get("/api/v1/permissions", params=params)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == code


def test_page_size_500_is_allowed(api: httpx.Client) -> None:
    assert api.get("/api/v1/roles", params={"page_size": 500}).status_code == 200


def test_cursor_walk_forward_and_back(api: httpx.Client, emulator: Emulator) -> None:
    for n in range(10):
        response = api.post(
            "/api/v1/connections",
            json={"name": f"c{n}", "display_name": f"C{n}", "strategy": "oauth2:github"},
        )
        assert response.status_code == 201
    everything = [c.id for c in emulator.store.connections]  # 3 built-in + 10
    forward: list[str] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"page_size": 4, **({"starting_after": after} if after else {})}
        body = api.get("/api/v1/connections", params=params).json()
        forward.extend(c["id"] for c in body["connections"])
        if not body["has_more"]:
            break
        after = forward[-1]
    assert forward == everything
    back = api.get(
        "/api/v1/connections", params={"page_size": 4, "ending_before": everything[-1]}
    ).json()
    assert [c["id"] for c in back["connections"]] == everything[-5:-1]
    assert back["has_more"] is True


def test_cursor_takes_one_direction_only(api: httpx.Client) -> None:
    response = api.get(
        "/api/v1/connections", params={"starting_after": "conn_a", "ending_before": "conn_b"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "TOO_MANY_PARAMETERS"


def test_max_page_size_is_configurable() -> None:
    with Emulator(max_page_size=100) as emu:
        grant = httpx.post(
            f"{emu.url}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_id": emu.client_id,
                "client_secret": emu.client_secret,
                "audience": emu.audience,
            },
        ).json()
        headers = {"Authorization": f"Bearer {grant['access_token']}"}
        url = f"{emu.url}/api/v1/roles"
        assert httpx.get(url, params={"page_size": 100}, headers=headers).status_code == 200
        too_big = httpx.get(url, params={"page_size": 101}, headers=headers)
        assert too_big.json()["errors"][0]["message"] == "Page size cannot be greater than 100"
