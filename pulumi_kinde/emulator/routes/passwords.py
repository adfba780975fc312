"""A user's password, set from a hash (``PUT /users/{user_id}/password``).

Kinde takes a password only as a hash, with its hashing method (bcrypt by default) and the
parameters that method needs; nothing returns it. The rules below are the spec's: pbkdf2
needs ``salt`` and ``variant``; firebase-scrypt needs its salt and the project's
``signer_key``, ``salt_separator``, ``rounds`` (1-16) and ``mem_cost`` (1-20), which every
other method refuses; aspnet-identity-v2 embeds its salt and refuses the salt parameters.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pulumi_kinde.emulator.errors import bad_request
from pulumi_kinde.emulator.routes import _users
from pulumi_kinde.emulator.routing import Call, Reply, reply, route
from pulumi_kinde.emulator.validation import RequestBody

HashingMethod = Literal[
    "bcrypt", "crypt", "md5", "sha256", "wordpress", "pbkdf2", "firebase-scrypt",
    "aspnet-identity-v2",
]  # fmt: skip

_FIREBASE = ("signer_key", "salt_separator", "rounds", "mem_cost")
_REQUIRED = {"pbkdf2": ("salt", "variant"), "firebase-scrypt": ("salt", *_FIREBASE)}
_REFUSED = {
    "firebase-scrypt": ("iterations", "variant"),
    "aspnet-identity-v2": ("salt", "salt_position", "iterations", "variant"),
}


class SetPassword(RequestBody):
    hashed_password: Annotated[str, StringConstraints(min_length=1)]
    hashing_method: HashingMethod = "bcrypt"
    salt: str | None = None
    salt_position: Literal["prefix", "suffix"] | None = None
    iterations: Annotated[int, Field(ge=1)] | None = None
    variant: str | None = None
    signer_key: str | None = None
    salt_separator: str | None = None
    rounds: Annotated[int, Field(ge=1, le=16)] | None = None
    mem_cost: Annotated[int, Field(ge=1, le=20)] | None = None
    is_temporary_password: bool | None = None


@route("PUT", "/api/v1/users/{user_id}/password", "SetUserPassword")
def set_password(call: Call) -> Reply:
    user = _users.user(call.store, call.params["user_id"])
    body = call.body(SetPassword)
    method = body.hashing_method
    given = {name for name in body.model_fields_set if getattr(body, name) is not None}
    refused = _REFUSED.get(method, ()) + (() if method == "firebase-scrypt" else _FIREBASE)
    for name in _REQUIRED.get(method, ()):
        if name not in given:
            raise bad_request(f"{name.upper()}_REQUIRED", f"{name} is required for {method}")
    for name in refused:
        if name in given:
            raise bad_request(f"INVALID_{name.upper()}", f"{name} is not used with {method}")
    user.password_hash = body.hashed_password
    user.password_hashing_method = method
    user.is_password_temporary = bool(body.is_temporary_password)
    return reply(code="PASSWORD_SET", message="User password set")
