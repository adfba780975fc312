"""Request validation: JSON bodies through strict pydantic models, and query parameters.

Every failure is a 400 in Kinde's list shape. Codes follow Kinde's naming
(``APPLICATION_REQUIRED``, ``INVALID_PROVIDER``):

- malformed JSON: ``INVALID_JSON``; a body that is not an object: ``INVALID_REQUEST_BODY``;
- a missing required field ``name``: ``NAME_REQUIRED``;
- a field of the wrong type or an unknown enum value: ``INVALID_<FIELD>``;
- a field the endpoint does not take: ``UNKNOWN_FIELD``. The live service may ignore unknown
  fields; the emulator rejects them so that a client's misspelt field fails its tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError

from pulumi_kinde.emulator.errors import ApiError, error_body

__all__ = [
    "BULK_LIMIT",
    "RequestBody",
    "UploadedFile",
    "check_bulk",
    "is_url",
    "parse_body",
    "parse_file",
    "parse_part",
    "query_choice",
    "query_int",
]

Model = TypeVar("Model", bound=BaseModel)


class RequestBody(BaseModel):
    """Base of every request body model: strict types, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def parse_body(raw: bytes, model: type[Model], *, required: bool = True) -> Model:
    """Validate ``raw`` JSON with ``model``."""
    if not raw.strip():
        if required:
            raise ApiError(400, error_body("INVALID_REQUEST_BODY", "A request body is required"))
        raw = b"{}"
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise ApiError(400, _errors_body(exc)) from None


@dataclass(frozen=True)
class UploadedFile:
    """A file field of a ``multipart/form-data`` body."""

    file_name: str
    content: bytes
    content_type: str


def parse_file(raw: bytes, content_type: str, field: str) -> UploadedFile:
    """The file sent as ``field`` of the ``multipart/form-data`` body ``raw``."""
    if content_type.split(";")[0].strip().lower() != "multipart/form-data":
        raise ApiError(
            400, error_body("INVALID_REQUEST_BODY", "The body must be multipart/form-data")
        )
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") != field:
            continue
        content = part.get_payload(decode=True)
        if not isinstance(content, bytes) or not content:
            break
        return UploadedFile(
            file_name=part.get_filename() or field,
            content=content,
            content_type=part.get_content_type(),
        )
    code = f"{field.upper()}_REQUIRED"
    raise ApiError(
        400, error_body(code, f"{field} is required: a file in the form field {field!r}")
    )


def parse_part(data: Any, model: type[Model], *, field: str) -> Model:
    """Validate ``data``, the value of body field ``field``, with ``model``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, _errors_body(exc, (field,))) from None


def _errors_body(exc: ValidationError, prefix: tuple[str, ...] = ()) -> dict[str, Any]:
    errors = [
        _one_error(error["type"], (*prefix, *error["loc"]), error["msg"]) for error in exc.errors()
    ]
    return {"errors": [{"code": code, "message": message} for code, message in errors]}


def _one_error(kind: str, loc: tuple[int | str, ...], msg: str) -> tuple[str, str]:
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    where = where.lstrip(".") or "body"
    names = [part for part in loc if isinstance(part, str)]
    field = re.sub(r"[^A-Z0-9]+", "_", names[-1].upper()) if names else "BODY"
    if kind == "json_invalid":
        return "INVALID_JSON", f"Request body is not valid JSON: {msg}"
    if not loc:
        return "INVALID_REQUEST_BODY", "Request body must be a JSON object"
    if kind == "missing":
        return f"{field}_REQUIRED", f"{where} is required"
    if kind == "extra_forbidden":
        return "UNKNOWN_FIELD", f"Unknown field: {where}"
    return f"INVALID_{field}", f"{where}: {msg.removeprefix('Value error, ')}"


def query_int(query: Mapping[str, str], name: str) -> int | None:
    """The integer query parameter ``name``, or None when absent."""
    value = query.get(name)
    if value is None or value == "":
        return None
    if not re.fullmatch(r"-?[0-9]+", value):
        raise ApiError(400, error_body(f"INVALID_{name.upper()}", f"{name} must be an integer"))
    return int(value)


def query_choice(query: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str | None:
    """The query parameter ``name`` if it is one of ``choices``, None when absent."""
    value = query.get(name)
    if value is None or value == "":
        return None
    if value not in choices:
        raise ApiError(
            400,
            error_body(f"INVALID_{name.upper()}", f"{name} must be one of: {', '.join(choices)}"),
        )
    return value


#: The most objects one bulk POST/PATCH takes (live: docs.kinde.com, API rate limits:
#: "a maximum of 100 objects updated in a single request to bulk POST/PATCH endpoints").
BULK_LIMIT = 100


def check_bulk(items: Sequence[Any], code: str, noun: str) -> None:
    """400 ``code`` when ``items`` holds more than :data:`BULK_LIMIT` objects."""
    if len(items) > BULK_LIMIT:
        raise ApiError(
            400,
            error_body(
                code, f"At most {BULK_LIMIT} {noun} can be sent in one request, got {len(items)}"
            ),
        )


def is_url(value: str, *, web: bool = False) -> bool:
    """Whether ``value`` is an absolute URL (``web``: an http or https URL with a host)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if any(ch.isspace() for ch in value) or not parts.scheme:
        return False
    if web:
        return parts.scheme in ("http", "https") and bool(parts.netloc)
    return bool(parts.netloc or parts.path)
