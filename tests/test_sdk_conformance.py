"""Conformance with an independent client: Kinde's official Python SDK reads the emulator.

Every resource's lifecycle (create, read, update, read, delete, with the objects it needs)
runs in this process with its provider, as the lifecycle suite declares it, but each request
the provider makes is sent by the management client of ``kinde-python-sdk`` instead of ours:
the SDK's method for that operation builds the request from the provider's values, sends it
to the emulator and deserializes the answer into its models. A request the SDK has no method
for, cannot build, or an answer it cannot read fails the test; what the provider gets back is
the SDK's raw answer, so the lifecycle goes on as it would with our client.

Where the SDK and the live evidence disagree, the test follows the evidence and says so
(:data:`DISAGREEMENTS`).
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from pulumi_kinde.client import ClientSettings, KindeClient
from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.requestlog import TOKEN_PATH
from pulumi_kinde.emulator.routing import REGISTRY
from pulumi_kinde.resources import _context
from tests.resources.cases import Case
from tests.resources.test_lifecycle import ALL_CASES

sdk_api = pytest.importorskip(
    "kinde_sdk.management.api", reason="kinde-python-sdk is not installed (pip install -e .[test])"
)
from kinde_sdk.management import ManagementClient  # noqa: E402
from kinde_sdk.management.exceptions import ApiException  # noqa: E402
from kinde_sdk.management.management_token_manager import ManagementTokenManager  # noqa: E402

#: Headers sent instead of the SDK's where the SDK and the live evidence disagree.
DISAGREEMENTS = {
    # Live: kinde-ruby-sdk commit 83317c1: the connection list refuses a charset variant of
    # Accept with 406. The SDK sends "application/json; charset=utf-8" there, which a live
    # business (and the emulator) refuses; the test sends "application/json", as we do.
    "GetConnections": {"_headers": {"Accept": "application/json"}},
}

#: Values of live answers that the SDK's models cannot hold, and the evidence for them. The
#: emulator answers as the live service does; each must show up, so that the emulator
#: cannot drift back to the spec's form unnoticed.
EVIDENCE_OVER_SDK = {
    # Live: Kinde's seed script and nxt-fwd/kinde-go e2e tests: create returns the new id;
    # the SDK's answer model (the spec's) has no `permission`, so its reading drops it.
    "CreatePermission: .permission": "Permission create",
    # Live: kinde-ruby-sdk commit 83317c1 and third-party providers: connection lists hold
    # flat {id, name, display_name, strategy}; the SDK's item model is the single-GET
    # wrapper {code, message, connection}, so it reads every item as empty.
    "GetApplicationConnections: .connections[].id": "Connection lists",
    "GetOrganizationConnections: .connections[].id": "Connection lists",
}


@dataclass(frozen=True)
class SdkOperation:
    """One SDK method: how it names the path, query and body of its operation."""

    api: type  # the SDK's API class; the client's instance of it sends the request
    method: str
    path_params: tuple[str, ...]
    query_params: dict[str, str]
    body_param: str | None
    file_params: tuple[str, ...] = ()


def _sdk_operations() -> dict[tuple[str, str], SdkOperation]:
    """Every SDK method by (HTTP method, path template), read from its request builder."""
    found = {}
    for class_name, cls in inspect.getmembers(sdk_api, inspect.isclass):
        if not class_name.endswith("Api"):
            continue
        for name, function in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_") or not name.endswith("_serialize"):
                continue
            source = inspect.getsource(function)
            verb = re.search(r"method='(\w+)'", source)
            path = re.search(r"resource_path='([^']+)'", source)
            if not (verb and path):
                continue
            body = re.search(r"_body_params = (\w+)", source)
            found[(verb.group(1), path.group(1))] = SdkOperation(
                api=cls,
                method=name[1:].removesuffix("_serialize"),
                path_params=tuple(re.findall(r"_path_params\['(\w+)'\]", source)),
                query_params=dict(re.findall(r"_query_params\.append\(\('(\w+)', (\w+)", source)),
                body_param=body.group(1) if body else None,
                file_params=tuple(re.findall(r"_files\['(\w+)'\]", source)),
            )
    return found


def _query_value(raw: str, annotation: Any) -> Any:
    """A query value as the SDK method's parameter takes it (``StrictInt``, ``StrictBool``...)."""
    kind = repr(annotation)
    if re.search(r"StrictBool|\bbool\b", kind):
        return raw == "true"
    if re.search(r"StrictInt|\bint\b", kind) and raw.lstrip("-").isdigit():
        return int(raw)
    return raw


def _model(annotation: Any) -> Any:
    """The SDK model class inside a parameter's annotation (``Optional[Annotated[M, ...]]``)."""
    if inspect.isclass(annotation) and hasattr(annotation, "from_dict"):
        return annotation
    for inner in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _model(inner)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model(origin) if origin is not None and origin is not annotation else None


def _from_dict(model: Any, body: dict[str, Any], notes: set[str], name: str) -> Any:
    """The SDK request model for ``body``, built as an SDK user would build it.

    The spec declares connection ``options`` as a ``oneOf`` of three object schemas whose
    properties are all optional, so every options object matches all three and the SDK's
    ``from_dict`` refuses it ("Multiple matches"). A user constructs the variant instead:
    so does this, picking the variant that keeps every key (the contract test patches the
    same defect of the spec).
    """
    try:
        return model.from_dict(body)
    except ValueError as error:
        if "Multiple matches" not in str(error):
            raise
    chosen: dict[str, Any] = {}
    for key, value in body.items():
        info = model.model_fields.get(key)
        wrapper = _model(info.annotation) if info is not None else None
        if wrapper is None or "one_of_schemas" not in wrapper.model_fields:
            continue
        variants = [
            v for v in _classes(wrapper.model_fields["actual_instance"].annotation)
            if hasattr(v, "from_dict")
        ]  # fmt: skip
        wanted = {k: v for k, v in value.items() if v is not None}
        for variant in variants:
            candidate = variant.from_dict(value)
            if candidate is not None and candidate.to_dict() == wanted:
                chosen[key] = wrapper(candidate)
                notes.add(f"{name}: {key} built as {variant.__name__} (the spec's oneOf overlaps)")
                break
    built = model.from_dict({k: v for k, v in body.items() if k not in chosen})
    for key, value in chosen.items():
        setattr(built, key, value)
    return built


def _classes(annotation: Any) -> list[Any]:
    if inspect.isclass(annotation):
        return [annotation]
    return [c for inner in getattr(annotation, "__args__", ()) for c in _classes(inner)]


def _as_dict(data: Any) -> Any:
    if hasattr(data, "to_dict"):
        return data.to_dict()
    if isinstance(data, list):
        return [_as_dict(item) for item in data]
    if isinstance(data, dict):
        return {k: _as_dict(v) for k, v in data.items()}
    return data


def _lost(raw: Any, read: Any, where: str = "") -> list[str]:
    """Paths of the non-null values of ``raw`` that ``read`` (the SDK's model) lacks."""
    if isinstance(raw, dict):
        if not isinstance(read, dict):
            return [where or "."] if any(v is not None for v in raw.values()) else []
        lost = []
        for key, value in raw.items():
            if value is not None:
                lost += _lost(value, read.get(key), f"{where}.{key}")
        return lost
    if isinstance(raw, list):
        if not isinstance(read, list) or len(read) != len(raw):
            return [where] if raw else []
        return [p for r, s in zip(raw, read, strict=True) for p in _lost(r, s, f"{where}[]")][:1]
    return [] if read is not None else [where]


@dataclass
class Findings:
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    """Requests the SDK could not build, answers it could not read."""
    lost: set[str] = field(default_factory=set)
    """Values of an answer that the SDK's reading of it does not hold."""
    notes: set[str] = field(default_factory=set)
    """What the SDK dropped from our requests (query parameters the spec does not declare)."""


class SdkTransport(httpx.BaseTransport):
    """Sends each API request our client makes through the SDK's method for it."""

    def __init__(self, emu: Emulator, findings: Findings) -> None:
        self.direct = httpx.HTTPTransport()
        self.findings = findings
        self.operations = _sdk_operations()
        ManagementTokenManager.reset_instances()
        self.sdk = ManagementClient(emu.url.removeprefix("http://"), "sdk", "unused")
        self.sdk.configuration.host = emu.url
        # Keep the raw answer the SDK is about to read: when it cannot read it, the
        # provider still gets it (the request is not sent twice).
        self.raw: Any = None
        read = self.sdk.api_client.response_deserialize

        def keep(response_data: Any, response_types_map: Any = None) -> Any:
            self.raw = response_data
            return read(response_data, response_types_map)

        self.sdk.api_client.response_deserialize = keep  # type: ignore[method-assign]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == TOKEN_PATH:
            return self.direct.handle_request(request)
        matched = REGISTRY.match(request.method, request.url.path)
        assert matched is not None, f"the emulator serves no {request.method} {request.url.path}"
        route, params = matched
        operation = self.operations.get((route.method, route.template))
        name = route.operation_id
        self.findings.operations.add(name)
        self.findings.requests += 1
        if operation is None:
            self.findings.failures.append(f"{name}: the SDK has no method")
            return self.direct.handle_request(request)
        api = operation.api(self.sdk.api_client)  # as ManagementClient builds each of its APIs
        send = getattr(api, f"{operation.method}_with_http_info")
        signature = inspect.signature(send).parameters
        kwargs: dict[str, Any] = {p: params[p] for p in operation.path_params}
        self.raw = None
        try:
            for key, value in parse_qsl(request.url.query.decode(), keep_blank_values=True):
                if key not in operation.query_params:
                    self.findings.notes.add(f"{name}: the SDK (and the spec) has no {key!r}")
                    continue
                python = operation.query_params[key]
                kwargs[python] = _query_value(value, signature[python].annotation)
            request.read()  # a multipart upload streams its body
            if request.headers.get("Content-Type", "").startswith("multipart/form-data"):
                kwargs.update(_files(request, operation, name))
            elif request.content:
                assert operation.body_param, f"{name}: the SDK sends no body"
                model = _model(signature[operation.body_param].annotation)
                body = json.loads(request.content)
                kwargs[operation.body_param] = (
                    _from_dict(model, body, self.findings.notes, name) if model else body
                )
            kwargs.update(DISAGREEMENTS.get(name, {}))
            token = request.headers["Authorization"].removeprefix("Bearer ")
            self.sdk.token_manager.set_tokens({"access_token": token, "expires_in": 3600})
            answer = send(**kwargs)
        except ApiException as refused:  # an error answer: the provider handles it
            return httpx.Response(refused.status or 500, content=(refused.body or "").encode())
        except Exception as error:  # the SDK could not build the request or read the answer
            self.findings.failures.append(f"{name}: {type(error).__name__}: {error}"[:600])
            if self.raw is None:  # never sent
                return self.direct.handle_request(request)
            return httpx.Response(self.raw.status, content=self.raw.data or b"")
        if answer.raw_data and answer.data is None:  # the SDK (and the spec) declares no answer
            self.findings.notes.add(f"{name}: the SDK reads no answer")
        elif answer.raw_data:
            for lost in _lost(json.loads(answer.raw_data), _as_dict(answer.data)):
                self.findings.lost.add(f"{name}: {lost}")
        return httpx.Response(
            answer.status_code,
            content=answer.raw_data or b"",
            headers={"Content-Type": "application/json"},
        )


def _files(request: httpx.Request, operation: SdkOperation, name: str) -> dict[str, Any]:
    """A multipart upload's files, as the SDK method takes them: (file name, bytes)."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.content)
    files: dict[str, Any] = {}
    for part in message.iter_parts():
        field_name = part.get_param("name", header="content-disposition")
        assert field_name in operation.file_params, f"{name}: the SDK takes no file {field_name!r}"
        files[str(field_name)] = (part.get_filename(), part.get_payload(decode=True))
    return files


@pytest.fixture
def findings() -> Findings:
    return Findings()


@pytest.fixture
def sdk_client(emu: Emulator, findings: Findings) -> Iterator[KindeClient]:
    settings = ClientSettings(
        emu.url, client_id=emu.client_id, client_secret=emu.client_secret, max_retries=0
    )
    _context.reset()
    client = _context.pin(KindeClient(settings, transport=SdkTransport(emu, findings)))
    try:
        yield client
    finally:
        _context.reset()
        ManagementTokenManager.reset_instances()


def _lifecycle(case: Case, api: KindeClient) -> None:
    """Create, read, update, read and delete one object, as the engine would."""
    provider = case.resource.provider_class()
    parents = case.setup(api) if case.setup else {}
    checked = provider.check({}, {**case.create, **parents})
    assert not checked.failures, checked.failures
    created = provider.create(checked.inputs)
    read = provider.read(created.id, created.outs)
    assert read.id == created.id, f"{case.name}: read after create"
    outs = read.outs
    if case.update is not None:
        news = provider.check(checked.inputs, {**case.create, **parents, **case.update}).inputs
        if not provider.diff(created.id, outs, news).replaces:
            outs = {**outs, **provider.update(created.id, outs, news).outs}
            assert provider.read(created.id, outs).id == created.id
    provider.delete(created.id, outs)


def test_the_official_sdk_reads_every_answer(
    emu: Emulator, sdk_client: KindeClient, findings: Findings
) -> None:
    for case in ALL_CASES:
        emu.reset()  # a fresh business for each case, as the lifecycle suite has
        _lifecycle(case, sdk_client)
    unexpected = sorted(findings.lost - set(EVIDENCE_OVER_SDK))
    report = (
        f"kinde-python-sdk drove {len(findings.operations)} operations in "
        f"{findings.requests} requests: {len(findings.failures)} failures, "
        f"{len(unexpected)} unexpected losses, {len(findings.lost)} values the SDK could "
        "not hold"
    )
    print(report, *sorted(findings.notes), *sorted(findings.lost), sep="\n  ")
    assert not findings.failures, report + ":\n" + "\n".join(sorted(set(findings.failures)))
    assert not unexpected, report + ":\n" + "\n".join(unexpected)
    assert findings.lost == set(EVIDENCE_OVER_SDK), "the emulator went back to the spec's form"
    assert len(findings.operations) >= 90, report


def test_the_sdk_default_accept_is_refused_where_kinde_refuses_it(
    emu: Emulator, sdk_client: KindeClient
) -> None:
    token = sdk_client._tokens.token()  # the SDK is only the HTTP client here
    ManagementTokenManager.reset_instances()
    sdk = ManagementClient(emu.url.removeprefix("http://"), "sdk", "unused")
    sdk.configuration.host = emu.url
    sdk.token_manager.set_tokens({"access_token": token, "expires_in": 3600})
    with pytest.raises(ApiException) as refused:
        sdk.connections_api.get_connections()
    assert refused.value.status == 406  # as on a live business: see DISAGREEMENTS
    listed = sdk.connections_api.get_connections_with_http_info(**DISAGREEMENTS["GetConnections"])
    raw = json.loads(listed.raw_data)["connections"]
    assert raw and set(raw[0]) == {"id", "name", "display_name", "strategy"}  # flat, as live
    # The SDK models each item as the single-GET wrapper, and so reads nothing of it.
    assert [c.connection for c in listed.data.connections] == [None] * len(raw)
