"""Both of Kinde's pagination styles walk every page, at page_size 100, and stop."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from pulumi_kinde.client import KindeClient
from tests.client.fake_kinde import FakeKinde, kinde_json

ITEMS = [{"id": f"id_{n:03d}", "key": f"k{n}"} for n in range(250)]


def _next_token_pages(request: httpx.Request) -> httpx.Response:
    size = int(request.url.params["page_size"])
    start = int(request.url.params.get("next_token", "0"))
    page = ITEMS[start : start + size]
    token = str(start + size) if start + size < len(ITEMS) else None
    return kinde_json(200, {"code": "OK", "roles": page, "next_token": token})


def _starting_after_pages(request: httpx.Request) -> httpx.Response:
    size = int(request.url.params["page_size"])
    after = request.url.params.get("starting_after")
    start = next(i + 1 for i, item in enumerate(ITEMS) if item["id"] == after) if after else 0
    page = ITEMS[start : start + size]
    return kinde_json(200, {"users": page, "has_more": start + size < len(ITEMS)})


def test_next_token_style_walks_every_page(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = _next_token_pages
    items = list(make_client().paginate("/api/v1/roles", "roles", {"sort": "name_asc"}))
    assert items == ITEMS
    assert len(fake.requests) == 3
    assert all(r.url.params["page_size"] == "100" for r in fake.requests)
    assert all(r.url.params["sort"] == "name_asc" for r in fake.requests)


def test_starting_after_style_walks_every_page(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = _starting_after_pages
    items = list(make_client().paginate("/api/v1/users", "users", style="starting_after"))
    assert items == ITEMS
    assert [r.url.params.get("starting_after") for r in fake.requests] == [
        None,
        "id_099",
        "id_199",
    ]


def test_a_server_repeating_its_cursor_does_not_loop_forever(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(200, {"roles": ITEMS[:2], "next_token": "same"})
    items = list(make_client().paginate("/api/v1/roles", "roles"))
    assert len(items) == 4 and len(fake.requests) == 2


def test_empty_list_is_one_request(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(200, {"code": "OK", "next_token": "x"})
    assert list(make_client().paginate("/api/v1/roles", "roles")) == []
    assert len(fake.requests) == 1
