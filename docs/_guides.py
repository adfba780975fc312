"""The lookups page and the configuration page, read from ``lookups`` and the client settings."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable
from typing import Any

from _markdown import bullets, code, md, table
from _resource_pages import short_scopes

from pulumi_kinde import lookups
from pulumi_kinde.client import ClientSettings, setting_sources
from pulumi_kinde.resources import RESOURCE_TYPES, _context
from pulumi_kinde.resources._docstring import attribute_docs
from pulumi_kinde.resources._reference import scopes
from pulumi_kinde.resources._resource import KindeResource

__all__ = ["configuration_page", "lookups_page", "readme_configuration"]

LOOKUPS_EXAMPLE = """\
import pulumi
import pulumi_kinde as kinde

# Objects made in the Kinde UI, or by another stack; here, by this first program.
kinde.Role("admin", key="admin", name="Administrator")
kinde.Organization("acme", name="Acme", handle="acme")"""

LOOKUPS_USE = """\
import pulumi
import pulumi_kinde as kinde

admin = kinde.get_role(key="admin")  # Found(id, state), read while the program runs
acme = kinde.get_organization(handle="acme")
pulumi.export("admin_role_id", admin.id)
pulumi.export("acme_name", acme.state.name)

# A lookup that depends on a resource of this program takes Inputs: get_*_output.
viewer = kinde.Role("viewer", key="viewer", name="Viewer")
found = kinde.get_role_output(id=viewer.id)
pulumi.export("viewer_key", found.apply(lambda f: f.state.key))

# Kinde's list entries, filtered by exact field values.
pulumi.export("default_roles", [r["key"] for r in kinde.list_roles(is_default_role=True)])"""


#: ``get_*`` lookups of what no resource manages (Kinde's own objects): the read scope each
#: needs, since no resource's scopes can say it.
PLAIN_LOOKUPS = {
    "get_environment": ("read:environments",),
    "get_system_permission": ("read:system_permissions",),
}


def _resource_of(function: Callable[..., Any]) -> type[KindeResource]:
    """The resource whose state a ``get_*`` lookup returns."""
    returned = str(inspect.signature(function).return_annotation)
    for resource in RESOURCE_TYPES:
        if f"[{resource.provider_class.state_model.__name__}]" in returned:
            return resource
    raise LookupError(f"{function.__name__} returns no resource's state: {returned}")


def _keys(function: Callable[..., Any]) -> str:
    names = [n for n in inspect.signature(function).parameters if n != "profile"]
    if not names:
        return "none"
    first, rest = names[0], names[1:]
    return ", ".join([f"`{first}` (positional)"] + [f"`{n}=`" for n in rest])


def _lookup_rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for name in lookups.__all__:
        function = getattr(lookups, name)
        if not name.startswith("get_") or name.endswith("_output"):
            continue
        if name in PLAIN_LOOKUPS:
            doc = md(inspect.getdoc(function) or "")
            plain = short_scopes(PLAIN_LOOKUPS[name])
            rows.append((f"`{name}`", doc, _keys(function), "`dict`", plain))
            continue
        resource = _resource_of(function)
        reads = tuple(s for s in scopes(resource) if s.startswith("read:"))
        returns = f"`Found[{resource.provider_class.state_model.__name__}]`"
        rows.append(
            (
                f"`{name}`",
                md(inspect.getdoc(function) or ""),
                _keys(function),
                f"{returns}: outputs of [`{resource.__name__}`](resources/{resource.__name__}.md)",
                short_scopes(reads),
            )
        )
    return rows


def _list_rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (f"`{name}`", md(inspect.getdoc(getattr(lookups, name)) or ""))
        for name in lookups.__all__
        if name.startswith("list_")
    ]
    return rows


def lookups_page() -> str:
    found_docs = attribute_docs(lookups.Found)
    error_doc = inspect.getdoc(lookups.KindeLookupError) or ""
    summary, _, cases = error_doc.partition("\n\n")
    lines = [
        "# Lookups",
        "",
        md((inspect.getdoc(lookups) or "").split("\n\n")[0]),
        "",
        "First, objects to look up (in Kinde already, or made by another stack, as here):",
        "",
        *code(LOOKUPS_EXAMPLE),
        "",
        "Then a program finds them:",
        "",
        *code(LOOKUPS_USE),
        "",
        "## Finding one object: `get_*`",
        "",
        "Give exactly one key: the id (positional) or one natural key. Each `get_X` has a "
        "`get_X_output` twin taking `pulumi.Input` values and returning an `Output`. Lookups "
        "read the same stack config and environment as the provider (see "
        "[configuration](configuration.md)); `profile=` picks another business. The M2M "
        "application needs the read scopes shown.",
        "",
        *table(["lookup", "finds", "keys", "returns", "scopes"], _lookup_rows()),
        "",
        "`Found` has two fields:",
        "",
        *bullets(f"`{n}`: {md(t)}" for n, t in found_docs.items()),
        "",
        "## When nothing matches",
        "",
        f"Lookups raise `KindeLookupError`. {md(summary)}",
        "",
        *bullets(md(item.removeprefix("- ")) for item in re.split(r"\n(?=- )", cases)),
        "",
        "In a Pulumi program, an exception fails `preview` and `up` with that message; catch "
        "it to make a lookup optional.",
        "",
        "## Listing: `list_*`",
        "",
        "Each returns Kinde's list entries as dicts, keeping those whose fields equal every "
        "keyword given (`profile=` picks another business):",
        "",
        *table(["lookup", "returns"], _list_rows()),
    ]
    return "\n".join(lines) + "\n"


# -- configuration --------------------------------------------------------------------------


def _defaults() -> dict[str, str]:
    found = {}
    for item in dataclasses.fields(ClientSettings):
        default = item.default
        shown = f'"{default}"' if isinstance(default, str) else repr(default)
        found[item.name] = "" if default is dataclasses.MISSING else f"`{shown}`"
    return found


def _settings_rows(profile: str | None) -> list[tuple[str, ...]]:
    docs, defaults = attribute_docs(ClientSettings), _defaults()
    rows: list[tuple[str, ...]] = [
        (f"`{key}`", f"`{var}`", defaults[name] or "required", md(docs[name]))
        for name, key, var in setting_sources(profile)
    ]
    namespace = setting_sources(profile)[0][1].split(":")[0]
    rows += [
        (f"`{namespace}:{key}`", "", defaults[name], md(docs[name]))
        for key, name, _ in _context.TUNING
    ]
    return rows


def readme_configuration() -> list[str]:
    return table(["stack config", "environment", "default", "meaning"], _settings_rows(None))


def configuration_page() -> str:
    docs, defaults = attribute_docs(ClientSettings), _defaults()
    fixed = [
        f"`{n}` ({defaults[n]}): {md(docs[n])}"
        for n in ("connect_timeout", "read_timeout", "user_agent")
    ]
    prod = _settings_rows("prod")
    lines = [
        "# Configuration",
        "",
        "The provider reads stack config first, then the environment (the variable names of "
        "Kinde's Terraform provider). Credentials are read in the provider process and never "
        "enter Pulumi state: the provider in state holds only a profile name. Give either a "
        "client id and secret, or an access token.",
        "",
        *readme_configuration(),
        "",
        "```bash",
        "pulumi config set kinde:domain acme.kinde.com",
        "pulumi config set kinde:clientId 0123456789abcdef0123456789abcdef",
        "pulumi config set --secret kinde:clientSecret s3cr3t",
        "pulumi config set kinde:maxRequestsPerSecond 10",
        "```",
        "",
        "## Profiles: more than one business",
        "",
        "Every resource and lookup takes `profile=`. A profile reads its own namespace and "
        'variables, e.g. for `profile="prod"`:',
        "",
        *table(["stack config", "environment"], [(row[0], row[1]) for row in prod]),
        "",
        "## Fixed settings",
        "",
        *bullets(fixed),
        "",
        "## Logging",
        "",
        f"`{_context.LOG_VARIABLE}=debug` in the environment of `pulumi up` logs every "
        "request of the provider process to stderr: method, path, status and time, never a "
        "secret.",
        "",
        "```bash",
        f"export {_context.LOG_VARIABLE}=debug",
        "```",
    ]
    return "\n".join(lines) + "\n"
