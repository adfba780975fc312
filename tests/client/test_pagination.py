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
    assert items == ITEMS[:2] and len(fake.requests) == 2


def test_empty_list_is_one_request(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(200, {"code": "OK", "next_token": "x"})
    assert list(make_client().paginate("/api/v1/roles", "roles")) == []
    assert len(fake.requests) == 1


def _shifting_pages(
    changes: dict[int, Callable[[list[dict[str, str]]], object]],
) -> Callable[[httpx.Request], httpx.Response]:
    """Offset pages over a list that ``changes[n]`` edits just before page ``n`` is served:
    what the live service's offset ``next_token`` does while others write."""
    items = [dict(item) for item in ITEMS]
    served = [0]

    def answer(request: httpx.Request) -> httpx.Response:
        served[0] += 1
        if served[0] in changes:
            changes[served[0]](items)
        size = int(request.url.params["page_size"])
        start = int(request.url.params.get("next_token", "0"))
        token = str(start + size) if start + size < len(items) else None
        return kinde_json(200, {"roles": items[start : start + size], "next_token": token})

    return answer


def test_a_walk_never_yields_an_id_twice(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    def create_two(items: list[dict[str, str]]) -> None:
        items[:0] = [{"id": "new_a"}, {"id": "new_b"}]

    # Two objects created at the head while page 2 is fetched: its first two repeat.
    fake.default = _shifting_pages({2: create_two})
    walked = [item["id"] for item in make_client().paginate("/api/v1/roles", "roles")]
    assert len(walked) == len(set(walked)) == len(ITEMS)


def test_collect_walks_a_moving_list_twice_and_misses_nothing(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    # An object of page 1 is deleted while page 2 is fetched: one walk skips id_100.
    fake.default = _shifting_pages({2: lambda items: items.pop(0)})
    one_walk = [i["id"] for i in make_client().paginate("/api/v1/roles", "roles")]
    assert "id_100" not in one_walk  # what a single offset walk does
    fake.default = _shifting_pages({2: lambda items: items.pop(0)})
    collected = [i["id"] for i in make_client().collect("/api/v1/roles", "roles")]
    assert set(collected) == {item["id"] for item in ITEMS}
    assert len(collected) == len(set(collected))


def test_collect_walks_a_one_page_list_once(
    fake: FakeKinde, make_client: Callable[..., KindeClient]
) -> None:
    fake.default = lambda _: kinde_json(200, {"roles": ITEMS[:3]})
    assert make_client().collect("/api/v1/roles", "roles") == ITEMS[:3]
    assert len(fake.requests) == 1
