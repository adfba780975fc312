"""A scripted in-process Kinde for client tests: answers through ``httpx.MockTransport``."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

CLIENT_SECRET = "s3cret-client-secret-value"
DOMAIN = "https://acme.kinde.com"

Handler = Callable[[httpx.Request], httpx.Response]


def kinde_json(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers=headers or {})


@dataclass
class FakeKinde:
    """Issues numbered tokens and answers API calls from a queue of scripted responses."""

    expires_in: int = 86400
    script: list[Handler | httpx.Response] = field(default_factory=list)
    default: Handler | None = None
    requests: list[httpx.Request] = field(default_factory=list)
    token_requests: list[httpx.Request] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            if request.url.path == "/oauth2/token":
                self.token_requests.append(request)
                number = len(self.token_requests)
                return kinde_json(
                    200,
                    {
                        "access_token": f"token-{number}-abcdef",
                        "expires_in": self.expires_in,
                        "token_type": "bearer",
                    },
                )
            self.requests.append(request)
            step = self.script.pop(0) if self.script else self.default
        if step is None:
            return kinde_json(200, {"code": "OK", "message": "Success"})
        return step if isinstance(step, httpx.Response) else step(request)

    @property
    def api_calls(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]
