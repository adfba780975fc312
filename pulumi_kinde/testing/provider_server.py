"""Drive ``python -m pulumi.dynamic`` over gRPC exactly as the Pulumi engine does.

The engine starts the dynamic provider as ``python -u -m pulumi.dynamic``, reads the port from
the first line of its stdout, dials ``127.0.0.1:<port>`` and calls Handshake, Configure, then
Check / Diff / Create / Read / Update / Delete. :class:`ProviderServer` does the same and plays
the engine's provider-plugin layer too: because the dynamic provider answers Configure with
``acceptSecrets=false``, secret markers are stripped from every request, and the secretness of
inputs is copied onto the same-named properties of every response.

Property maps are plain Python dicts in wire form (see ``_values``): a secret is
``{SIG_KEY: SECRET_SIG, "value": v}`` and an unknown (preview only) is ``rpc.UNKNOWN``.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import IO, Any, Literal, NamedTuple

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from .._tagged_output import TAG_ENV, untag
from . import _forkserver
from ._errors import ProviderError
from ._values import annotate_secrets, strip_secrets
from ._wire import from_struct, to_struct

__all__ = [
    "LIFECYCLE_RPCS",
    "CheckResponse",
    "CreateResponse",
    "DiffResponse",
    "ProviderServer",
    "ReadResponse",
]

LIFECYCLE_RPCS = ("Check", "Diff", "Create", "Read", "Update", "Delete")
"""The resource lifecycle calls counted by :attr:`ProviderServer.calls`."""

Changes = Literal["none", "some", "unknown"]

_CHANGES: dict[int, Changes] = {
    provider_pb2.DiffResponse.DIFF_NONE: "none",
    provider_pb2.DiffResponse.DIFF_SOME: "some",
    provider_pb2.DiffResponse.DIFF_UNKNOWN: "unknown",
}
_LOG_LIMIT = 2000  # lines of provider stdout/stderr kept for error messages
_MAX_MESSAGE = 400 * 1024 * 1024  # the engine's gRPC message limit (rpcutil.GrpcChannelOptions)
_CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", _MAX_MESSAGE),
    ("grpc.max_send_message_length", _MAX_MESSAGE),
    ("grpc.enable_http_proxy", 0),  # talk to 127.0.0.1 directly, whatever *_proxy says
]


class CheckResponse(NamedTuple):
    """What Check returned: the inputs to use and ``(property, reason)`` failures."""

    inputs: dict[str, Any]
    failures: list[tuple[str, str]]


class DiffResponse(NamedTuple):
    """What Diff returned."""

    changes: Changes
    replaces: list[str]
    delete_before_replace: bool


class CreateResponse(NamedTuple):
    """What Create returned."""

    id: str
    outs: dict[str, Any]


class ReadResponse(NamedTuple):
    """What Read returned; an empty ``id`` means the resource is gone."""

    id: str
    outs: dict[str, Any]
    inputs: dict[str, Any] | None


class ProviderServer:
    """A running ``python -m pulumi.dynamic`` process and a typed client for it.

    ``env`` overrides entries of the inherited environment; ``project`` is exported as
    ``PULUMI_PROJECT`` like the engine does. Every RPC is bounded by ``rpc_timeout`` seconds.
    ``fork`` chooses how the process starts: forked from a warm parent that has the imports
    done already (fast; the default on Linux, see ``_forkserver``), or started the way the
    engine starts it (``fork=False``; about a second of CPU for imports).
    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        project: str | None = None,
        cwd: str | os.PathLike[str] | None = None,
        rpc_timeout: float = 60.0,
        start_timeout: float = 30.0,
        fork: bool | None = None,
    ) -> None:
        self._rpc_timeout = rpc_timeout
        self._accept_secrets: bool | None = None
        self._calls = dict.fromkeys(LIFECYCLE_RPCS, 0)
        self._calls_lock = threading.Lock()
        self._log: collections.deque[tuple[str, str]] = collections.deque(maxlen=_LOG_LIMIT)
        self._closed = False

        full_env = dict(os.environ)
        if project:
            full_env["PULUMI_PROJECT"] = project
        full_env[TAG_ENV] = "1"
        full_env.update(env or {})
        self._process: subprocess.Popen[bytes] | _forkserver.ForkedProcess
        if _forkserver.available(full_env) if fork is None else fork:
            self._process = _forkserver.spawn(full_env, os.fspath(cwd or os.getcwd()))
        else:
            self._process = subprocess.Popen(
                [sys.executable, "-u", "-m", "pulumi.dynamic"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=full_env,
                cwd=cwd,
            )
        self._finalizer = weakref.finalize(self, _stop_process, self._process)
        ports: queue.Queue[str] = queue.Queue()
        self._readers = [
            _start_reader(self._process.stdout, self._log, ports),
            _start_reader(self._process.stderr, self._log, None),
        ]
        try:
            self.port = self._wait_for_port(ports, start_timeout)
            self._channel = grpc.insecure_channel(
                f"127.0.0.1:{self.port}", options=_CHANNEL_OPTIONS
            )
            grpc.channel_ready_future(self._channel).result(timeout=start_timeout)
            self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)
            self._handshake()
        except BaseException:
            self.close()
            raise

    # -- lifecycle ----------------------------------------------------------------------

    def __enter__(self) -> ProviderServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the channel and stop the process (terminate, bounded wait, then kill)."""
        if self._closed:
            return
        self._closed = True
        channel = getattr(self, "_channel", None)
        if channel is not None:
            # grpc's close() waits ~0.2 s for its polling thread; nothing here needs to wait.
            threading.Thread(target=channel.close, name="grpc-channel-close", daemon=True).start()
        self._finalizer()
        for reader in self._readers:
            reader.join(timeout=5)

    @property
    def pid(self) -> int:
        """The provider process id."""
        return self._process.pid

    @property
    def calls(self) -> dict[str, int]:
        """How many Check, Diff, Create, Read, Update and Delete calls were sent."""
        with self._calls_lock:
            return dict(self._calls)

    @property
    def accept_secrets(self) -> bool | None:
        """The provider's ``acceptSecrets`` answer to Configure (``None`` before Configure)."""
        return self._accept_secrets

    @property
    def logs(self) -> str:
        """The provider's stdout (after the port line) and stderr, most recent lines."""
        return "\n".join(text for _, text in self._log)

    @property
    def messages(self) -> list[tuple[str, str]]:
        """The same lines as :attr:`logs`, each as ``(urn, text)``: the URN of the resource
        whose RPC was being served when the line was written (``""`` when unknown)."""
        return list(self._log)

    # -- RPCs ---------------------------------------------------------------------------

    def configure(self, config: Mapping[str, str]) -> None:
        """Send the whole stack configuration (keys like ``"kinde:domain"``)."""
        request = provider_pb2.ConfigureRequest(
            args=to_struct(dict(config)),
            acceptSecrets=True,
            acceptResources=True,
            sends_old_inputs=True,
            sends_old_inputs_to_delete=True,
        )
        response = self._call("Configure", request)
        self._accept_secrets = bool(response.acceptSecrets)

    def check(self, urn: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> CheckResponse:
        """Check(olds = last inputs, news = program inputs)."""
        request = provider_pb2.CheckRequest(
            urn=urn,
            olds=self._marshal(olds),
            news=self._marshal(news),
            name=_urn_name(urn),
            type=_urn_type(urn),
        )
        response = self._call("Check", request, urn)
        inputs = self._annotate(from_struct(response.inputs), news)
        failures = [(f.property, f.reason) for f in response.failures]
        return CheckResponse(inputs, failures)

    def diff(
        self,
        urn: str,
        id: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        *,
        old_inputs: Mapping[str, Any] | None = None,
        ignore_changes: Iterable[str] = (),
    ) -> DiffResponse:
        """Diff(olds = last outputs, news = checked inputs)."""
        request = provider_pb2.DiffRequest(
            id=id,
            urn=urn,
            olds=self._marshal(olds),
            news=self._marshal(news),
            old_inputs=self._marshal(old_inputs or {}),
            ignoreChanges=list(ignore_changes),
            name=_urn_name(urn),
            type=_urn_type(urn),
        )
        response = self._call("Diff", request, urn)
        return DiffResponse(
            changes=_CHANGES.get(response.changes, "unknown"),
            replaces=list(response.replaces),
            delete_before_replace=bool(response.deleteBeforeReplace),
        )

    def create(self, urn: str, inputs: Mapping[str, Any]) -> CreateResponse:
        """Create(checked inputs)."""
        request = provider_pb2.CreateRequest(
            urn=urn, properties=self._marshal(inputs), name=_urn_name(urn), type=_urn_type(urn)
        )
        response = self._call("Create", request, urn)
        outs = self._annotate(from_struct(response.properties), inputs)
        return CreateResponse(response.id, outs)

    def read(
        self,
        urn: str,
        id: str,
        properties: Mapping[str, Any],
        inputs: Mapping[str, Any] | None,
    ) -> ReadResponse:
        """Read(id, properties = last outputs, inputs = last inputs)."""
        request = provider_pb2.ReadRequest(
            id=id,
            urn=urn,
            properties=self._marshal(properties),
            name=_urn_name(urn),
            type=_urn_type(urn),
        )
        if inputs is not None:
            request.inputs.CopyFrom(self._marshal(inputs))
        response = self._call("Read", request, urn)
        outs = self._annotate(from_struct(response.properties), properties)
        new_inputs = None
        if response.HasField("inputs"):
            new_inputs = self._annotate(from_struct(response.inputs), inputs or {})
        return ReadResponse(response.id, outs, new_inputs)

    def update(
        self,
        urn: str,
        id: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        *,
        old_inputs: Mapping[str, Any] | None = None,
        ignore_changes: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Update(olds = last outputs, news = checked inputs); returns the new outputs."""
        request = provider_pb2.UpdateRequest(
            id=id,
            urn=urn,
            olds=self._marshal(olds),
            news=self._marshal(news),
            old_inputs=self._marshal(old_inputs or {}),
            ignoreChanges=list(ignore_changes),
            name=_urn_name(urn),
            type=_urn_type(urn),
        )
        response = self._call("Update", request, urn)
        return self._annotate(from_struct(response.properties), news)

    def delete(
        self,
        urn: str,
        id: str,
        outs: Mapping[str, Any],
        *,
        old_inputs: Mapping[str, Any] | None = None,
    ) -> None:
        """Delete(id, last outputs)."""
        request = provider_pb2.DeleteRequest(
            id=id,
            urn=urn,
            properties=self._marshal(outs),
            old_inputs=self._marshal(old_inputs or {}),
            name=_urn_name(urn),
            type=_urn_type(urn),
        )
        self._call("Delete", request, urn)

    # -- internals ----------------------------------------------------------------------

    def _handshake(self) -> None:
        try:
            self._stub.Handshake(
                provider_pb2.ProviderHandshakeRequest(configure_with_urn=True, supports_views=True),
                timeout=self._rpc_timeout,
            )
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise self._error("Handshake", exc, "") from None
        try:
            self._stub.GetPluginInfo(empty_pb2.Empty(), timeout=self._rpc_timeout)
        except grpc.RpcError as exc:
            raise self._error("GetPluginInfo", exc, "") from None

    def _wait_for_port(self, ports: queue.Queue[str], timeout: float) -> int:
        try:
            line = ports.get(timeout=timeout)
        except queue.Empty:
            line = None
        if line and line.strip().isdigit():
            return int(line.strip())
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=1)
        for reader in self._readers:
            reader.join(timeout=1)
        problem = f"no port announced within {timeout}s" if line is None else f"got {line!r}"
        status = self._process.poll()
        exited = f" (exit status {status})" if status is not None else ""
        raise ProviderError("Start", f"{problem}{exited}\n{self.logs}")

    def _marshal(self, props: Mapping[str, Any]) -> Any:
        if self._accept_secrets is None:
            raise RuntimeError("configure() must be called before any resource RPC")
        return to_struct(props if self._accept_secrets else strip_secrets(props))

    def _annotate(self, outs: dict[str, Any], ins: Mapping[str, Any]) -> dict[str, Any]:
        return outs if self._accept_secrets else annotate_secrets(outs, ins)

    def _call(self, method: str, request: Any, urn: str = "") -> Any:
        if self._closed:
            raise RuntimeError("the provider server is closed")
        if method in self._calls:
            with self._calls_lock:
                self._calls[method] += 1
        try:
            return getattr(self._stub, method)(request, timeout=self._rpc_timeout)
        except grpc.RpcError as exc:
            raise self._error(method, exc, urn) from None

    def _error(self, method: str, exc: Any, urn: str) -> ProviderError:
        code = exc.code()
        details = exc.details() or ""
        if code == grpc.StatusCode.DEADLINE_EXCEEDED:
            details = f"no answer within {self._rpc_timeout}s"
        if self._process.poll() is not None:
            details += f"\nprovider exited with {self._process.returncode}:\n{self.logs}"
        return ProviderError(method, details, urn=urn, code=code.name)


def _urn_name(urn: str) -> str:
    """The ``name`` request field the engine derives from a URN."""
    parts = urn.split("::", 3)
    return parts[3] if len(parts) == 4 else ""


def _urn_type(urn: str) -> str:
    """The ``type`` request field the engine derives from a URN."""
    parts = urn.split("::", 3)
    return parts[2].split("$")[-1] if len(parts) == 4 else ""


def _start_reader(
    stream: IO[bytes] | None,
    log: collections.deque[tuple[str, str]],
    ports: queue.Queue[str] | None,
) -> threading.Thread:
    """Drain ``stream`` so the provider never blocks on a full pipe."""

    def drain() -> None:
        if stream is None:
            return
        first = ports is not None
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if first and ports is not None:
                ports.put(line)
                first = False
            else:
                log.append(untag(line))
        if first and ports is not None:
            ports.put("")  # EOF before the port line: the process exited
        stream.close()

    thread = threading.Thread(target=drain, name="pulumi-dynamic-output", daemon=True)
    thread.start()
    return thread


def _stop_process(process: subprocess.Popen[bytes] | _forkserver.ForkedProcess) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
