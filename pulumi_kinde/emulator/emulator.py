"""The :class:`Emulator`: a local Kinde Management API server and its test controls."""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from pulumi_kinde.emulator import persistence, routes
from pulumi_kinde.emulator.auth import TokenAuthority
from pulumi_kinde.emulator.faults import Faults
from pulumi_kinde.emulator.requestlog import RequestLog, RequestRecord
from pulumi_kinde.emulator.routing import REGISTRY
from pulumi_kinde.emulator.server import Dispatcher, EmulatorHTTPServer
from pulumi_kinde.emulator.store import Store

__all__ = ["DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "MAX_PAGE_SIZE", "Emulator"]

DEFAULT_CLIENT_ID = "emulator-client-id"
DEFAULT_CLIENT_SECRET = "emulator-client-secret"
#: The largest ``page_size`` Kinde documents.
MAX_PAGE_SIZE = 500


class Emulator:
    """A stateful Kinde Management API on ``127.0.0.1``, for tests and for trying programs.

    The socket is bound on construction (``port=0`` picks a free port), so :attr:`url` is
    known at once; :meth:`start` serves from a background thread. Use it as a context
    manager to start and stop it::

        with Emulator() as emu:
            client = make_client(emu.url, emu.client_id, emu.client_secret)

    ``scopes=None`` grants tokens every scope; a set restricts them (to test 403 answers).

    ``data`` names a file that keeps the business across restarts: loaded when it exists
    (else seeded and written), and written again, atomically, after every successful write
    request. Tokens are not kept: a client asks for a new one after a restart.
    """

    def __init__(
        self,
        port: int = 0,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        token_ttl: float = 3600.0,
        scopes: Iterable[str] | None = None,
        *,
        host: str = "127.0.0.1",
        max_page_size: int = MAX_PAGE_SIZE,
        data: str | os.PathLike[str] | None = None,
    ) -> None:
        routes.load_all()
        self.faults = Faults()
        self.store = Store()
        self._log = RequestLog()
        self._authority = TokenAuthority(
            client_id, client_secret, token_ttl=token_ttl, scopes=scopes
        )
        self._dispatcher = Dispatcher(
            registry=REGISTRY,
            store=self.store,
            authority=self._authority,
            faults=self.faults,
            log=self._log,
            max_page_size=max_page_size,
        )
        self._server = EmulatorHTTPServer((host, port), self._dispatcher)
        bound_port = self._server.server_address[1]
        self.url = f"http://{host}:{bound_port}"
        self._dispatcher.base_url = self.url
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.data_path = Path(data) if data is not None else None
        saved = persistence.read_json(self.data_path) if self.data_path else None
        if saved is None:
            self._seed()
        else:
            self.load(saved)
        if self.data_path is not None:
            self.save()
            self._dispatcher.after_write = self.save

    # Lifecycle

    def start(self) -> Emulator:
        """Serve in a background (daemon) thread; returns self. Starting twice does nothing."""
        if self._stopped:
            raise RuntimeError("a stopped Emulator cannot be restarted; make a new one")
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                # How long stop() may wait for the serving loop to notice.
                kwargs={"poll_interval": 0.01},
                name=f"kinde-emulator-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until :meth:`stop` (or KeyboardInterrupt)."""
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._close()

    def stop(self) -> None:
        """Stop serving, close every open connection and release the port."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _close(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._server.close_open_connections()
            self._server.server_close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # Addresses and credentials

    @property
    def port(self) -> int:
        """The TCP port served."""
        return int(self.url.rsplit(":", 1)[1])

    @property
    def audience(self) -> str:
        """The audience tokens must be requested for: ``<url>/api``."""
        return self._dispatcher.audience

    @property
    def client_id(self) -> str:
        """The client id the token endpoint accepts."""
        return self._authority.client_id

    @property
    def client_secret(self) -> str:
        """The client secret the token endpoint accepts."""
        return self._authority.client_secret

    @property
    def max_page_size(self) -> int:
        """The largest ``page_size`` accepted."""
        return self._dispatcher.max_page_size

    # Tokens

    @property
    def token_ttl(self) -> float:
        """Lifetime in seconds of tokens issued from now on."""
        return self._authority.token_ttl

    @token_ttl.setter
    def token_ttl(self, seconds: float) -> None:
        self._authority.token_ttl = seconds

    @property
    def scopes(self) -> frozenset[str] | None:
        """Scopes granted to tokens issued from now on (None: all)."""
        return self._authority.scopes

    @scopes.setter
    def scopes(self, scopes: Iterable[str] | None) -> None:
        self._authority.scopes = None if scopes is None else frozenset(scopes)

    @property
    def token_requests(self) -> int:
        """How many tokens were granted."""
        return self._authority.grants_issued

    def issued_tokens(self) -> list[str]:
        """Every access token issued and not revoked: what a secret scan looks for."""
        return self._authority.issued()

    def revoke_tokens(self) -> None:
        """Invalidate every token issued so far (later use: 401 ``TOKEN_INVALID``)."""
        self._authority.revoke_all()

    def expire_tokens(self) -> None:
        """Expire every token issued so far (later use: 401 ``TOKEN_EXPIRED``)."""
        self._authority.expire_all()

    # Request log

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request answered or dropped, oldest first, token requests included."""
        return self._log.records()

    def api_requests(self, method: str | None = None) -> list[RequestRecord]:
        """The requests other than token requests, optionally only those with ``method``."""
        wanted = method.upper() if method else None
        return [
            record
            for record in self._log.records()
            if not record.is_token_request and (wanted is None or record.method == wanted)
        ]

    def reset_log(self) -> None:
        """Forget the request log (the token count is kept)."""
        self._log.clear()

    # State

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """A deep copy of every stored object: ``{collection: {id: fields}}``."""
        return self.store.snapshot()

    def reset(self) -> None:
        """Back to a fresh business: state reseeded, faults cleared, log emptied.
        Issued tokens stay valid."""
        with self.store.lock:
            for collection in self.store.collections().values():
                collection.clear()
            self._seed()
        self.faults.clear()
        self._log.clear()
        self.save()

    def dump(self) -> dict[str, Any]:
        """Every stored object as JSON-ready data, with this emulator's URL."""
        return {**persistence.dump_store(self.store), "url": self.url}

    def load(self, data: dict[str, Any]) -> None:
        """Replace the stored business with ``data`` (from :meth:`dump`)."""
        with self.store.lock:
            persistence.load_store(self.store, data)
            # The Management API's audience is the domain's: follow the URL if it moved.
            for api in self.store.apis.filter(is_management_api=True):
                api.audience = self.audience

    def save(self) -> None:
        """Write the business to the ``data`` file now (atomically); no-op without one."""
        if self.data_path is not None:
            with self.store.lock:
                persistence.write_atomic(self.data_path, self.dump())

    @staticmethod
    def saved_port(data: str | os.PathLike[str]) -> int | None:
        """The port an emulator last served the business in ``data`` on, if any."""
        saved = persistence.read_json(data)
        url = saved.get("url") if saved else None
        return urlsplit(url).port if isinstance(url, str) else None

    def _seed(self) -> None:
        now = datetime.datetime.now(datetime.timezone.utc).isoformat()
        self.store.seed(self.audience, now)

    def __repr__(self) -> str:
        state = "running" if self._thread is not None else "stopped" if self._stopped else "idle"
        return f"<Emulator {self.url} {state}>"
