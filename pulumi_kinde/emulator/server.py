"""HTTP plumbing and the request pipeline.

The pipeline, for every request:

1. ``/api/...`` calls pass the rate and concurrency limits (else 429 at once).
2. The configured latency elapses.
3. A scripted failure matching the request answers instead (or, with ``after``, after the
   request was handled).
4. ``POST /oauth2/token`` is the client-credentials grant and ``GET /.well-known/jwks`` the
   keys that verify its tokens. Other requests are routed: an unknown route is a 404
   ``ROUTE_NOT_FOUND`` (object shape); a list that refuses a charset variant of
   ``Accept: application/json`` answers 406 (see :mod:`.live`); then the bearer token is
   checked (401), then the operation's scope (403), then the handler runs under the store's
   lock and its answer, or its error, is rendered.
5. The request is logged, then answered with a ``Content-Length`` (keep-alive friendly), or,
   for a dropped request, the connection is closed without an answer.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from pulumi_kinde.emulator import live
from pulumi_kinde.emulator.auth import TokenAuthority, TokenError
from pulumi_kinde.emulator.errors import ApiError, NotFound, error_body, not_found_object
from pulumi_kinde.emulator.faults import Failure, Faults
from pulumi_kinde.emulator.requestlog import TOKEN_PATH, RequestLog, RequestRecord
from pulumi_kinde.emulator.routing import Call, Registry, Reply, Route
from pulumi_kinde.emulator.store import Store

__all__ = ["JWKS_PATH", "Dispatcher", "EmulatorHTTPServer", "Incoming", "Outgoing"]

#: Where the public keys that verify issued tokens are served.
JWKS_PATH = "/.well-known/jwks"

JSON_TYPE = "application/json; charset=utf-8"

_FAILURE_CODES = {
    429: ("TOO_MANY_REQUESTS", "Request was throttled"),
    500: ("INTERNAL_SERVER_ERROR", "An unexpected error occurred"),
    502: ("BAD_GATEWAY", "Bad gateway"),
    503: ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable"),
    504: ("GATEWAY_TIMEOUT", "Gateway timeout"),
}


@dataclass(frozen=True)
class Incoming:
    """A request as read from the socket."""

    method: str
    path: str
    query: dict[str, str]
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Outgoing:
    """An answer to write; ``status`` 0 means close the connection without answering."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def json(cls, status: int, body: Any, headers: Mapping[str, str] | None = None) -> Outgoing:
        """A JSON answer."""
        return cls(
            status,
            {"Content-Type": JSON_TYPE, **(headers or {})},
            json.dumps(body, separators=(",", ":")).encode(),
        )


DROP = Outgoing(0)


class Dispatcher:
    """Turns an :class:`Incoming` request into an :class:`Outgoing` answer."""

    def __init__(
        self,
        *,
        registry: Registry,
        store: Store,
        authority: TokenAuthority,
        faults: Faults,
        log: RequestLog,
        max_page_size: int,
    ) -> None:
        self.registry = registry
        self.store = store
        self.authority = authority
        self.faults = faults
        self.log = log
        self.max_page_size = max_page_size
        self.base_url = ""
        self.after_write: Callable[[], None] | None = None
        """Called (under the store's lock) after each write request that succeeded."""
        self.spec_forms: frozenset[str] = frozenset()

    @property
    def audience(self) -> str:
        """The audience a token must be requested for."""
        return f"{self.base_url}/api"

    def dispatch(self, request: Incoming) -> Outgoing:
        """Run the pipeline for one request and log it."""
        matched = self.registry.match(request.method, request.path)
        if request.path == TOKEN_PATH:
            operation_id: str | None = "token"
        elif request.path == JWKS_PATH:
            operation_id = "jwks"
        else:
            operation_id = matched[0].operation_id if matched else None
        admitted = False
        if request.path.startswith("/api/"):
            refusal = self.faults.admit()
            if refusal is not None:
                return self._logged(request, operation_id, _failure(refusal), refusal.reason)
            admitted = True
        try:
            if self.faults.latency:
                time.sleep(self.faults.latency)
            failure = self.faults.scripted(request.method, request.path)
            if failure is not None and not failure.after:
                return self._logged(request, operation_id, _failure(failure), failure.reason)
            answer = self._answer(request, matched)
            if failure is not None:
                return self._logged(request, operation_id, _failure(failure), failure.reason)
            return self._logged(request, operation_id, answer, None)
        finally:
            if admitted:
                self.faults.release()

    def _logged(
        self, request: Incoming, operation_id: str | None, answer: Outgoing, fault: str | None
    ) -> Outgoing:
        self.log.append(
            RequestRecord(
                method=request.method,
                path=request.path,
                query=dict(request.query),
                status=answer.status,
                operation_id=operation_id,
                fault=fault,
                user_agent=request.headers.get("User-Agent") or "",
            )
        )
        return answer

    def _answer(self, request: Incoming, matched: tuple[Route, dict[str, str]] | None) -> Outgoing:
        if request.path == TOKEN_PATH:
            return self._token(request)
        if request.path == JWKS_PATH and request.method == "GET":
            return Outgoing.json(200, self.authority.jwks())
        if matched is None:
            error = not_found_object("ROUTE_NOT_FOUND", "The requested API route does not exist")
            return Outgoing.json(error.status, error.body)
        route, params = matched
        if route.operation_id in live.STRICT_ACCEPT and live.charset_only(
            request.headers.get("Accept")
        ):
            # Live: kinde-ruby-sdk commit 83317c1 (406 for a charset variant on this list).
            body = error_body("NOT_ACCEPTABLE", "Send Accept: application/json")
            return Outgoing.json(406, body)
        try:
            if route.scope is not None:  # an operation needing no scope is public
                grant = self.authority.authenticate(request.headers.get("Authorization"))
                self.authority.authorize(grant, route.scope)
            call = Call(
                method=request.method,
                path=request.path,
                params=params,
                query=request.query,
                raw_body=request.body,
                store=self.store,
                base_url=self.base_url,
                max_page_size=self.max_page_size,
                spec_forms=self.spec_forms,
                headers=request.headers,
            )
            with self.store.lock:
                reply = route.handler(call)
                if self.after_write is not None and request.method != "GET" and reply.status < 400:
                    self.after_write()
        except NotFound as missing:
            error = missing.to_api_error(route.not_found)
            return Outgoing.json(error.status, error.body, error.headers)
        except ApiError as error:
            return Outgoing.json(error.status, error.body, error.headers)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return Outgoing.json(500, error_body(*_FAILURE_CODES[500]))
        return _render(reply)

    def _token(self, request: Incoming) -> Outgoing:
        headers = {"Cache-Control": "no-store"}
        if request.method != "POST":
            return Outgoing.json(
                405,
                {"error": "invalid_request", "error_description": "Use POST"},
                {**headers, "Allow": "POST"},
            )
        content_type = request.headers.get("Content-Type", "")
        if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            return Outgoing.json(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "The body must be application/x-www-form-urlencoded",
                },
                headers,
            )
        form = {
            key: values[0]
            for key, values in parse_qs(request.body.decode("utf-8", "replace")).items()
        }
        try:
            body = self.authority.issue(
                form,
                _basic_credentials(request.headers.get("Authorization")),
                audience=self.audience,
                issuer=self.base_url,
            )
        except TokenError as refused:
            return Outgoing.json(refused.status, refused.body, headers)
        return Outgoing.json(200, body, headers)


def _render(reply: Reply) -> Outgoing:
    if reply.body is None:
        return Outgoing(reply.status, dict(reply.headers))
    return Outgoing.json(reply.status, reply.body, reply.headers)


def _failure(failure: Failure) -> Outgoing:
    if failure.status == "drop":
        return DROP
    code, message = _FAILURE_CODES.get(failure.status, ("ERROR", "Injected failure"))
    if failure.reason == "concurrency":
        message = "Too many concurrent requests"
    return Outgoing.json(failure.status, error_body(code, message), failure.headers())


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, _, client_secret = decoded.partition(":")
    return unquote(client_id), unquote(client_secret)


class _HeaderView(Mapping[str, str]):
    """Case-insensitive read-only view of the request headers."""

    def __init__(self, message: Message) -> None:
        self._message = message

    def __getitem__(self, name: str) -> str:
        value = self._message.get(name)
        if value is None:
            raise KeyError(name)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._message.keys())

    def __len__(self) -> int:
        return len(self._message)


class _Handler(BaseHTTPRequestHandler):
    """Reads a request, asks the dispatcher, writes the answer."""

    protocol_version = "HTTP/1.1"
    # Headers and body are written separately: without TCP_NODELAY, Nagle's algorithm and
    # the client's delayed ACK would add ~40 ms to every keep-alive exchange.
    disable_nagle_algorithm = True
    server: EmulatorHTTPServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self._read_body()
        if body is None:
            return
        target = urlsplit(self.path)
        query = {
            key: values[0] for key, values in parse_qs(target.query, keep_blank_values=True).items()
        }
        answer = self.server.dispatcher.dispatch(
            Incoming(self.command, target.path, query, _HeaderView(self.headers), body)
        )
        if answer.status == 0:
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            size = int(length)
            if size < 0:
                raise ValueError(length)
        except ValueError:
            self.close_connection = True
            self.send_error(400, "Invalid Content-Length")
            return None
        return self.rfile.read(size)

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request log line; the emulator keeps its own log."""


class EmulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that can close its open keep-alive connections on stop."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self) -> None:
        """Shut down every connection still open (idle keep-alive ones included)."""
        with self._open_lock:
            connections = list(self._open)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
