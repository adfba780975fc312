"""Property values as the engine holds them, and the engine's rules for secrets.

Values are plain Python data (dict, list, str, float, bool, None) in *wire form*:

* a secret is the dict ``{SIG_KEY: SECRET_SIG, "value": <plain value>}``, exactly how it is
  encoded on the gRPC wire (``pulumi.runtime.rpc.wrap_rpc_secret``);
* an unknown value (preview only) is the string ``pulumi.runtime.rpc.UNKNOWN``.

The helpers here mirror what the engine's provider plugin layer does for a provider that
answered Configure with ``acceptSecrets=false`` (the dynamic provider): strip secrets before a
call, and copy the secretness of inputs onto same-named outputs afterwards
(``annotateSecrets`` in ``sdk/go/common/resource/plugin/provider_plugin.go``).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi.runtime.rpc import UNKNOWN

__all__ = [
    "SECRET_SIG",
    "SIG_KEY",
    "UNKNOWN",
    "annotate_secrets",
    "changed_keys",
    "contains_secrets",
    "contains_unknowns",
    "encrypt_secrets",
    "is_secret",
    "make_secret",
    "mark_secret_outputs",
    "secret_keys",
    "shown_value",
    "strip_secrets",
]

SIG_KEY = "4dabf18193072939515e22adb298388d"
"""The key that marks a map as a special value (sdk/go/common/resource/properties.go)."""

SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
"""The signature of a secret value."""

Props = dict[str, Any]


def is_secret(value: Any) -> bool:
    """Whether ``value`` is a secret wrapper."""
    return isinstance(value, Mapping) and value.get(SIG_KEY) == SECRET_SIG


def make_secret(value: Any) -> Any:
    """Wrap ``value`` as a secret (idempotent)."""
    if is_secret(value):
        return value
    return {SIG_KEY: SECRET_SIG, "value": value}


def contains_secrets(value: Any) -> bool:
    """Whether ``value`` is, or anywhere contains, a secret."""
    if is_secret(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_secrets(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_secrets(v) for v in value)
    return False


def contains_unknowns(value: Any) -> bool:
    """Whether ``value`` is, or anywhere contains, an unknown."""
    if isinstance(value, str):
        return value == UNKNOWN
    if isinstance(value, Mapping):
        return any(contains_unknowns(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknowns(v) for v in value)
    return False


def strip_secrets(value: Any) -> Any:
    """Remove every secret marker, keeping the plaintext (the engine's ``removeSecrets``)."""
    if is_secret(value):
        return strip_secrets(value["value"])
    if isinstance(value, Mapping):
        return {k: strip_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_secrets(v) for v in value]
    return value


def annotate_secrets(outs: Mapping[str, Any], ins: Mapping[str, Any]) -> Props:
    """Copy secretness from ``ins`` onto the same keys of ``outs``; return a new map.

    Objects present on both sides are walked recursively; any other output whose input
    contains a secret becomes a secret as a whole (arrays included).
    """
    result = dict(outs)
    for key, in_value in ins.items():
        if key not in result:
            continue
        out_value = result[key]
        if _is_object(out_value) and _is_object(in_value):
            result[key] = annotate_secrets(out_value, in_value)
        elif not is_secret(out_value) and contains_secrets(in_value):
            result[key] = make_secret(out_value)
    return result


def mark_secret_outputs(outs: Mapping[str, Any], names: Iterable[str]) -> Props:
    """Make the named top-level outputs secret (``additionalSecretOutputs``)."""
    result = dict(outs)
    for name in names:
        if name in result:
            result[name] = make_secret(result[name])
    return result


def secret_keys(props: Mapping[str, Any]) -> frozenset[str]:
    """The top-level keys whose value is or contains a secret."""
    return frozenset(k for k, v in props.items() if contains_secrets(v))


def encrypt_secrets(value: Any) -> Any:
    """Replace each secret by an opaque ciphertext marker, as a checkpoint stores it.

    The ciphertext is random: it carries no information about the plaintext.
    """
    if is_secret(value):
        token = base64.b64encode(os.urandom(24)).decode("ascii")
        return {SIG_KEY: SECRET_SIG, "ciphertext": f"v1:{token}"}
    if isinstance(value, Mapping):
        return {k: encrypt_secrets(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encrypt_secrets(v) for v in value]
    return value


def _is_object(value: Any) -> bool:
    return isinstance(value, Mapping) and not is_secret(value)


def shown_value(value: Any) -> str:
    """A property value as the engine shows it beside a check failure: ``[secret]`` when it
    holds a secret anywhere, ``[unknown]`` when unknown, else its JSON (``""`` for none)."""
    if value is None:
        return ""
    if contains_secrets(value):
        return "[secret]"
    if contains_unknowns(value):
        return "[unknown]"
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text


def changed_keys(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[str, ...]:
    """Top-level keys added, removed or changed (secretness and unknowns count)."""
    keys = sorted(set(olds) | set(news))
    return tuple(k for k in keys if k not in olds or k not in news or olds[k] != news[k])
