"""Random valid Kinde programs, as data: declarations that refer to each other's outputs.

A :class:`Program` is a list of :class:`Decl` in dependency order, each naming a resource
type, a Pulumi name and arguments in which :class:`Ref` stands for another declaration's
output (``Ref("role3", "id")``). :func:`generate` draws one from a seed: 2-20 resources over
every type, references through outputs, sets with repeats in shuffled order, optional
arguments present or absent, names at their length limits and in unicode, several
organizations, users and flags, roles and members sharing permissions. :func:`edit` changes
declared values of a few of them, as a person editing the program would. Programs print as
Python (``repr``) so a failing one can be kept as a regression case.
"""

from __future__ import annotations

import random
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pulumi_kinde
from pulumi_kinde.emulator.records_access import SYSTEM_PERMISSIONS, system_permission_id

__all__ = ["Decl", "Program", "Ref", "declare", "edit", "generate", "without"]


@dataclass(frozen=True)
class Ref:
    """The output ``attr`` of the declaration named ``name``."""

    name: str
    attr: str = "id"

    def __repr__(self) -> str:
        return f"Ref({self.name!r}, {self.attr!r})"


@dataclass(frozen=True)
class Decl:
    """One resource declaration: ``getattr(pulumi_kinde, type)(name, **args)``."""

    type: str
    name: str
    args: dict[str, Any] = field(default_factory=dict)

    def refs(self) -> set[str]:
        """Names of the declarations this one refers to."""
        return set(_refs(self.args))

    def __repr__(self) -> str:
        return f"Decl({self.type!r}, {self.name!r}, {self.args!r})"


Program = list[Decl]


def _refs(value: Any) -> Iterable[str]:
    if isinstance(value, Ref):
        yield value.name
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def declare(program: Program) -> Callable[[], None]:
    """The Pulumi program that declares ``program``."""

    def run() -> None:
        made: dict[str, Any] = {}

        def resolve(value: Any) -> Any:
            if isinstance(value, Ref):
                return getattr(made[value.name], value.attr)
            if isinstance(value, dict):
                return {k: resolve(v) for k, v in value.items()}
            if isinstance(value, list):
                return [resolve(v) for v in value]
            return value

        for decl in program:
            made[decl.name] = getattr(pulumi_kinde, decl.type)(decl.name, **resolve(decl.args))

    return run


def without(program: Program, names: set[str]) -> Program:
    """``program`` minus ``names`` and everything that refers to them, transitively."""
    gone = set(names)
    kept: Program = []
    for decl in program:
        if decl.name in gone or decl.refs() & gone:
            gone.add(decl.name)
        else:
            kept.append(decl)
    return kept


def limit(type_: str, field_name: str) -> int:
    """The longest value ``type_``'s check() accepts for ``field_name`` (its max_length)."""
    info = getattr(pulumi_kinde, type_).provider_class.args_model.model_fields[field_name]
    metadata = [*info.metadata, *_nested_metadata(info.annotation)]
    lengths = [m.max_length for m in metadata if getattr(m, "max_length", None)]
    assert lengths, f"{type_}.{field_name} declares no max_length"
    return int(lengths[0])


def _nested_metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    for item in getattr(annotation, "__metadata__", ()):
        found.extend([item, *getattr(item, "metadata", ())])  # a FieldInfo holds constraints
    for member in typing.get_args(annotation):
        found.extend(_nested_metadata(member))
    return found


# -- values --------------------------------------------------------------------------------

_UNICODE = ["Café crème", "Ünïcødé", "日本語チーム", "Ωmega Ψ", "☕ Coffee", "Zoë & Noël", "Ægir"]
_EVENTS = [
    "user.created",
    "user.updated",
    "user.deleted",
    "user.authenticated",
    "organization.created",
    "organization.updated",
    "role.created",
    "permission.deleted",
]
_STRATEGIES = ["oauth2:google", "oauth2:github", "oauth2:microsoft", "saml:custom"]
_FACTORS = ["mfa:email", "mfa:sms", "mfa:authenticator_app"]
_PASSKEY = ["off", "optional", "mandatory"]
_LOGOS = [
    b"\x89PNG\r\n\x1a\n" + b"logo one",
    b"\x89PNG\r\n\x1a\n" + b"logo two",
    b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    b"GIF89a logo",
]
_SCIM_PROVIDERS = ["okta", "entra_id_azure_ad", "custom_scim_v2", "jumpcloud"]
_COLORS = ["#0a7cff", "#fff", "#123ABC", "000000"]
_SYSTEM_PERMISSIONS = [system_permission_id(key) for key, _, _ in SYSTEM_PERMISSIONS]
"""Kinde's own: the emulator gives each the same id in every business."""
_HASHES = [
    "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
    "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
]


class _Draw:
    """Random choices for one program; names and keys unique within it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0

    def next(self) -> int:
        self.serial += 1
        return self.serial

    def maybe(self, p: float = 0.5) -> bool:
        return self.rng.random() < p

    def text(self, base: str, limit: int) -> str:
        """A display name: plain, unicode, or exactly ``limit`` characters long."""
        n = self.next()
        roll = self.rng.random()
        if roll < 0.15:  # at the limit, ending in the serial so it stays unique
            return (f"{base} " + "x" * limit)[: limit - len(str(n)) - 1] + f"-{n}"
        if roll < 0.25:
            word = self.rng.choice(_UNICODE)
            return ((word + " ") * limit)[: limit - len(str(n)) - 1].rstrip() + f"-{n}"
        if roll < 0.5:
            return f"{base} {self.rng.choice(_UNICODE)} {n}"
        return f"{base} {n}"

    def key(self, prefix: str, limit: int = 128, sep: str = "_") -> str:
        """A unique key; now and then exactly ``limit`` characters long."""
        n = self.next()
        if self.maybe(0.1):
            tail = f"{sep}{n}"
            return (prefix + sep + "k" * limit)[: limit - len(tail)] + tail
        return f"{prefix}{sep}{n}"

    def sample(self, items: list[Any], most: int) -> list[Any]:
        """Some of ``items``, shuffled, now and then with a repeat (sets ignore both)."""
        if not items:
            return []
        chosen = self.rng.sample(items, self.rng.randint(0, min(most, len(items))))
        if chosen and self.maybe(0.3):
            chosen.append(self.rng.choice(chosen))
        self.rng.shuffle(chosen)
        return chosen

    def flag_value(self, type_: str) -> Any:
        if type_ == "bool":
            return self.maybe()
        if type_ == "int":
            return self.rng.randint(-5, 1000)
        return self.rng.choice(["dark", "light", "Ünïcødé", "x" * 40])


# -- the generator -------------------------------------------------------------------------


class _Builder:
    """Grows a program, making what a declaration needs before the declaration itself."""

    def __init__(self, rng: random.Random) -> None:
        self.draw = _Draw(rng)
        self.rng = rng
        self.program: Program = []
        self.pairs: set[tuple[str, ...]] = set()

    # -- plumbing --------------------------------------------------------------------

    def of(self, type_: str, **where: Any) -> list[Decl]:
        return [
            d
            for d in self.program
            if d.type == type_ and all(d.args.get(k) == v for k, v in where.items())
        ]

    def add(self, type_: str, args: dict[str, Any]) -> Decl:
        prefix = "".join(c for c in type_ if c.isupper()).lower()
        decl = Decl(type_, f"{prefix}{self.draw.next()}", args)
        self.program.append(decl)
        return decl

    def some(self, type_: str, p_new: float = 0.4, **where: Any) -> Decl | None:
        """An existing declaration of ``type_`` or, with chance ``p_new``, a new one."""
        found = self.of(type_, **where)
        if found and not self.draw.maybe(p_new):
            return self.rng.choice(found)
        return getattr(self, f"make_{_snake(type_)}")(**where)

    def pair(self, *parts: str) -> bool:
        """Claim a pairing; false when the program has it already."""
        if parts in self.pairs:
            return False
        self.pairs.add(parts)
        return True

    # -- access ----------------------------------------------------------------------

    def make_permission(self) -> Decl:
        args: dict[str, Any] = {
            "key": self.draw.key("read:things", limit("Permission", "key"), sep="-"),
            "name": self.draw.text("Permission", limit("Permission", "name")),
        }
        if self.draw.maybe():
            args["description"] = self.draw.text("Lets a user", 200)
        return self.add("Permission", args)

    def make_api(self) -> Decl:
        n = self.draw.next()
        return self.add(
            "Api",
            {
                "name": self.draw.text("API", limit("Api", "name")),
                "audience": f"https://api{n}.example.com",
            },
        )

    def make_api_scope(self, api: Decl | None = None) -> Decl:
        api = api or self.some("Api")
        assert api is not None
        args: dict[str, Any] = {
            "api_id": Ref(api.name),
            "key": self.draw.key("invoices", limit("ApiScope", "key"), sep=":"),
        }
        if self.draw.maybe():
            args["description"] = self.draw.text("Scope", 200)
        return self.add("ApiScope", args)

    def make_role(self) -> Decl:
        args: dict[str, Any] = {
            "key": self.draw.key("role", limit("Role", "key")),
            "name": self.draw.text("Role", limit("Role", "name")),
        }
        if self.draw.maybe(0.3):
            args["description"] = self.draw.text("Role for", 200)
        if self.draw.maybe(0.2):
            args["is_default_role"] = self.draw.maybe()
        if self.draw.maybe(0.8):
            permissions = self.of("Permission") or [self.make_permission()]
            if self.draw.maybe(0.5):
                permissions.append(self.make_permission())
            args["permissions"] = [Ref(p.name) for p in self.draw.sample(permissions, 4)]
        if self.draw.maybe(0.3):
            scopes = self.of("ApiScope") or [self.make_api_scope()]
            args["scopes"] = [Ref(s.name, "scope_id") for s in self.draw.sample(scopes, 3)]
        return self.add("Role", args)

    def make_application(self, type: str | None = None) -> Decl:
        kind = type or self.rng.choice(["reg", "spa", "m2m", "reg"])
        args: dict[str, Any] = {
            "name": self.draw.text("App", limit("Application", "name")),
            "type": kind,
        }
        n = self.draw.next()
        if kind != "m2m":
            if self.draw.maybe(0.8):
                args["redirect_uris"] = self.draw.sample(
                    [
                        f"https://app{n}.example.com/callback",
                        f"http://localhost:{3000 + n}/callback",
                        f"https://*.app{n}.example.com/callback",
                        f"myapp{n}://auth.example.com/kinde_callback",
                    ],
                    3,
                )
            if self.draw.maybe(0.6):
                args["logout_uris"] = self.draw.sample(
                    [f"https://app{n}.example.com", f"http://localhost:{3000 + n}"], 2
                )
            if self.draw.maybe(0.3):
                args["login_uri"] = f"https://app{n}.example.com/login"
            if self.draw.maybe(0.3):
                args["homepage_uri"] = f"https://app{n}.example.com"
        for flag in ("is_ask_for_name", "has_marketing_consent", "use_gravatar_fallback"):
            if self.draw.maybe(0.2):
                args[flag] = self.draw.maybe()
        if self.draw.maybe(0.2):
            args["access_token_lifetime"] = self.rng.choice([1, 3600, 86400, 31_536_000])
        if kind != "m2m" and self.draw.maybe(0.25):
            roles = self.of("Role") or [self.make_role()]
            args["access_roles"] = [Ref(r.name) for r in self.draw.sample(roles, 2)]
            if args["access_roles"] and self.draw.maybe():
                args["is_access_control_enabled"] = True
        return self.add("Application", args)

    def make_api_application(self) -> Decl | None:
        api = self.some("Api")
        app = (
            self.some("Application", type="m2m") if self.draw.maybe() else self.some("Application")
        )
        assert api is not None and app is not None
        if not self.pair("ApiApplication", api.name, app.name):
            return None
        args: dict[str, Any] = {"api_id": Ref(api.name), "application_id": Ref(app.name)}
        scopes = [s for s in self.of("ApiScope") if s.args["api_id"] == Ref(api.name)]
        if self.draw.maybe(0.7):
            scopes = scopes or [self.make_api_scope(api)]
            args["scopes"] = [Ref(s.name, "scope_id") for s in self.draw.sample(scopes, 3)]
        return self.add("ApiApplication", args)

    def make_connection(self, whole_set: bool | None = None) -> Decl:
        args: dict[str, Any] = {
            "name": self.draw.key("conn", limit=64, sep="-"),
            "display_name": self.draw.text("Sign in", limit("Connection", "display_name")),
            "strategy": self.rng.choice(_STRATEGIES),
        }
        if self.draw.maybe(0.4):
            n = self.draw.next()
            if args["strategy"].startswith("saml:"):
                args["options"] = {
                    "saml_entity_id": f"urn:acme:{n}",
                    "saml_idp_metadata_url": f"https://idp{n}.example.com/metadata",
                    "home_realm_domains": [f"acme{n}.example.com"],
                }
            else:
                args["options"] = {"client_id": f"cid-{n}", "client_secret": f"s3cret-{n}"}
        if whole_set or (whole_set is None and self.draw.maybe(0.3)):
            apps = self.of("Application") or [self.make_application("reg")]
            args["enabled_applications"] = [Ref(a.name) for a in self.draw.sample(apps, 3)]
        return self.add("Connection", args)

    def make_application_connection(self) -> Decl | None:
        app = self.some("Application")
        free = [c for c in self.of("Connection") if "enabled_applications" not in c.args]
        connection = self.rng.choice(free) if free and self.draw.maybe(0.6) else None
        connection = connection or self.make_connection(whole_set=False)
        assert app is not None
        if not self.pair("ApplicationConnection", app.name, connection.name):
            return None
        return self.add(
            "ApplicationConnection",
            {"application_id": Ref(app.name), "connection_id": Ref(connection.name)},
        )

    def make_role_system_permission(self) -> Decl | None:
        role = self.some("Role")
        permission = self.rng.choice(_SYSTEM_PERMISSIONS)
        assert role is not None
        if not self.pair("RoleSystemPermission", role.name, permission):
            return None
        return self.add(
            "RoleSystemPermission", {"role_id": Ref(role.name), "system_permission_id": permission}
        )

    # -- tenancy ---------------------------------------------------------------------

    def make_organization(self) -> Decl:
        args: dict[str, Any] = {"name": self.draw.text("Org", limit("Organization", "name"))}
        if self.draw.maybe(0.5):
            args["handle"] = self.draw.key("org", limit=64, sep="-")
        if self.draw.maybe(0.3):
            args["external_id"] = self.draw.key("ext", sep="-")
        for color in ("button_color", "background_color", "link_color_dark"):
            if self.draw.maybe(0.2):
                args[color] = self.rng.choice(_COLORS)
        if self.draw.maybe(0.3):
            n = self.draw.next()
            args["allowed_domains"] = self.draw.sample(
                [f"org{n}.example.com", f"org{n}.example.org", f"sub.org{n}.example.com"], 3
            )
        if self.draw.maybe(0.3):
            args["is_allow_registrations"] = self.draw.maybe()
        if self.draw.maybe(0.2):
            args["theme_code"] = self.rng.choice(["light", "dark", "user_preference"])
        return self.add("Organization", args)

    def make_organization_connection(self) -> Decl | None:
        org = self.some("Organization")
        connection = self.some("Connection")
        assert org is not None and connection is not None
        if not self.pair("OrganizationConnection", org.name, connection.name):
            return None
        return self.add(
            "OrganizationConnection",
            {"organization_code": Ref(org.name, "code"), "connection_id": Ref(connection.name)},
        )

    def make_user(self) -> Decl:
        n = self.draw.next()
        args: dict[str, Any] = {}
        if self.draw.maybe(0.8):
            args["given_name"] = self.draw.text("Ada", 64)
        if self.draw.maybe(0.6):
            args["family_name"] = self.rng.choice(["Lovelace", "Hopper", "Ng", "Ødegård"])
        emails = [f"user{n}@example.com", f"user{n}.alt@example.org"]
        args["emails"] = self.draw.sample(emails, 2) or emails[:1]
        if self.draw.maybe(0.2):
            args["phones"] = [f"+1415555{n:04d}"]
            args["phone_country"] = "us"
        if self.draw.maybe(0.2):
            args["is_suspended"] = self.draw.maybe()
        return self.add("User", args)

    def make_organization_user(self) -> Decl | None:
        org = self.some("Organization")
        user = self.some("User")
        assert org is not None and user is not None
        if not self.pair("OrganizationUser", org.name, user.name):
            return None
        args: dict[str, Any] = {
            "organization_code": Ref(org.name, "code"),
            "user_id": Ref(user.name),
        }
        if self.draw.maybe(0.7):
            roles = self.of("Role") or [self.make_role()]
            args["roles"] = [Ref(r.name) for r in self.draw.sample(roles, 2)]
        if self.draw.maybe(0.6):
            # Often the very permissions a chosen role gives: held both ways, a classic trap.
            chosen = [d for d in self.program if Ref(d.name) in args.get("roles", [])]
            given = [ref for role in chosen for ref in role.args.get("permissions", [])]
            others = [Ref(p.name) for p in self.of("Permission")] or [
                Ref(self.make_permission().name)
            ]
            args["permissions"] = self.draw.sample(list(dict.fromkeys(given + others)), 3)
        return self.add("OrganizationUser", args)

    def make_organization_user_api_scope(self) -> Decl | None:
        member = self.some("OrganizationUser")
        scope = self.some("ApiScope")
        if member is None or scope is None:
            return None  # the membership drawn is one the program has already
        if not self.pair("OrganizationUserApiScope", member.name, scope.name):
            return None
        # Through the membership's outputs, so the grant waits for the membership.
        return self.add(
            "OrganizationUserApiScope",
            {
                "organization_code": Ref(member.name, "organization_code"),
                "user_id": Ref(member.name, "user_id"),
                "api_id": scope.args["api_id"],
                "scope_id": Ref(scope.name, "scope_id"),
            },
        )

    def make_user_password(self) -> Decl | None:
        user = self.some("User")
        assert user is not None
        if not self.pair("UserPassword", user.name):
            return None
        args: dict[str, Any] = {
            "user_id": Ref(user.name),
            "hashed_password": self.rng.choice(_HASHES),
        }
        if self.draw.maybe(0.3):
            args["is_temporary_password"] = self.draw.maybe()
        return self.add("UserPassword", args)

    # -- settings --------------------------------------------------------------------

    def make_feature_flag(self, levels: tuple[str, ...] = ("env", "org", "usr")) -> Decl:
        type_ = self.rng.choice(["str", "int", "bool"])
        args: dict[str, Any] = {
            "key": self.draw.key("flag", sep="_"),
            "name": self.draw.text("Flag", limit("FeatureFlag", "name")),
            "description": self.draw.text("About", 300),
            "type": type_,
            "default_value": self.draw.flag_value(type_),
        }
        level = self.rng.choice(levels)
        if level != "env" or self.draw.maybe(0.5):
            args["allow_override_level"] = level
        return self.add("FeatureFlag", args)

    def _flag(self, levels: tuple[str, ...]) -> Decl:
        found = [
            f for f in self.of("FeatureFlag") if f.args.get("allow_override_level", "env") in levels
        ]
        if found and self.draw.maybe(0.6):
            return self.rng.choice(found)
        return self.make_feature_flag(levels)

    def make_environment_feature_flag(self) -> Decl | None:
        flag = self._flag(("env", "org", "usr"))
        if not self.pair("EnvironmentFeatureFlag", flag.name):
            return None
        value = self.draw.flag_value(flag.args["type"])
        return self.add(
            "EnvironmentFeatureFlag", {"flag_key": Ref(flag.name, "key"), "value": value}
        )

    def make_organization_feature_flag(self) -> Decl | None:
        flag = self._flag(("org", "usr"))
        org = self.some("Organization")
        assert org is not None
        if not self.pair("OrganizationFeatureFlag", flag.name, org.name):
            return None
        return self.add(
            "OrganizationFeatureFlag",
            {
                "org_code": Ref(org.name, "code"),
                "flag_key": Ref(flag.name, "key"),
                "value": self.draw.flag_value(flag.args["type"]),
            },
        )

    def make_user_feature_flag(self) -> Decl | None:
        flag = self._flag(("usr",))
        user = self.some("User")
        assert user is not None
        if not self.pair("UserFeatureFlag", flag.name, user.name):
            return None
        return self.add(
            "UserFeatureFlag",
            {
                "user_id": Ref(user.name),
                "flag_key": Ref(flag.name, "key"),
                "value": self.draw.flag_value(flag.args["type"]),
            },
        )

    def make_environment_variable(self) -> Decl:
        args: dict[str, Any] = {
            "key": self.draw.key("API_URL").upper(),
            "value": self.rng.choice(["https://api.example.com", "Ünïcødé value", "x" * 300]),
        }
        if self.draw.maybe(0.6):
            args["is_secret"] = self.draw.maybe(0.3)
        return self.add("EnvironmentVariable", args)

    def make_property_category(self, context: str | None = None) -> Decl:
        args = {
            "name": self.draw.text("Category", limit("PropertyCategory", "name")),
            "context": context or self.rng.choice(["org", "usr", "app"]),
        }
        return self.add("PropertyCategory", args)

    def make_property(self, context: str | None = None) -> Decl:
        context = context or self.rng.choice(["org", "usr", "app"])
        categories = self.of("PropertyCategory", context=context)
        category = (
            self.rng.choice(categories)
            if categories and self.draw.maybe(0.6)
            else self.make_property_category(context)
        )
        args: dict[str, Any] = {
            "key": self.draw.key("prop").lower(),
            "name": self.draw.text("Property", limit("Property", "name")),
            "context": context,
            "category_id": Ref(category.name),
        }
        if self.draw.maybe(0.4):
            args["description"] = self.draw.text("What", 200)
        if self.draw.maybe(0.3):
            args["is_private"] = self.draw.maybe()
        if self.draw.maybe(0.3):
            args["type"] = self.rng.choice(["single_line_text", "multi_line_text"])
        return self.add("Property", args)

    def _property_value(
        self, type_: str, context: str, owner_type: str, owner_arg: str
    ) -> Decl | None:
        found = self.of("Property", context=context)
        prop = (
            self.rng.choice(found)
            if found and self.draw.maybe(0.6)
            else self.make_property(context)
        )
        owner = (
            self.some(owner_type, type="reg")
            if owner_type == "Application"
            else self.some(owner_type)
        )
        assert owner is not None
        if not self.pair(type_, prop.name, owner.name):
            return None
        attr = "code" if owner_type == "Organization" else "id"
        value = self.rng.choice(["emea", "Ünïcødé", "x" * 200, "gold"])
        return self.add(
            type_, {owner_arg: Ref(owner.name, attr), "key": Ref(prop.name, "key"), "value": value}
        )

    def make_organization_property(self) -> Decl | None:
        return self._property_value("OrganizationProperty", "org", "Organization", "org_code")

    def make_user_property(self) -> Decl | None:
        return self._property_value("UserProperty", "usr", "User", "user_id")

    def make_application_property(self) -> Decl | None:
        return self._property_value("ApplicationProperty", "app", "Application", "application_id")

    def make_business_settings(self) -> Decl | None:
        if self.of("BusinessSettings"):
            return None
        args: dict[str, Any] = {}
        if self.draw.maybe(0.6):
            args["name"] = self.draw.text("Business", limit("BusinessSettings", "name"))
        if self.draw.maybe(0.5):
            args["email"] = f"hello{self.draw.next()}@example.com"
        if self.draw.maybe(0.3):
            args["industry"] = "construction"
        if self.draw.maybe(0.3):
            args["timezone"] = "london_greenwich_mean_time"
        if self.draw.maybe(0.3):
            args["privacy_url"] = "https://example.com/privacy"
        if self.draw.maybe(0.3):
            args["is_click_wrap"] = self.draw.maybe()
        return self.add("BusinessSettings", args or {"is_show_kinde_branding": True})

    def make_webhook(self) -> Decl:
        args: dict[str, Any] = {
            "name": self.draw.text("Hook", limit("Webhook", "name")),
            "endpoint": f"https://hooks{self.draw.next()}.example.com/kinde",
            "event_types": self.draw.sample(_EVENTS, 4) or ["user.created"],
        }
        if self.draw.maybe(0.4):
            args["description"] = self.draw.text("Sends", 200)
        return self.add("Webhook", args)

    # -- security, branding, API keys, SCIM ---------------------------------------------

    def _factors(self) -> list[str]:
        return self.draw.sample(_FACTORS, 3) or ["mfa:email"]

    def make_environment_mfa(self) -> Decl | None:
        if not self.pair("EnvironmentMfa"):
            return None
        args: dict[str, Any] = {
            "policy": self.rng.choice(["required", "optional", "off"]),
            "enabled_factors": self._factors(),
        }
        if self.draw.maybe(0.3):
            args["is_recovery_codes_enabled"] = self.draw.maybe()
        return self.add("EnvironmentMfa", args)

    def make_environment_passkey(self) -> Decl | None:
        if not self.pair("EnvironmentPasskey"):
            return None
        return self.add("EnvironmentPasskey", {"policy": self.rng.choice(_PASSKEY)})

    def make_environment_logo(self) -> Decl | None:
        logo_type = self.rng.choice(["light", "dark"])
        if not self.pair("EnvironmentLogo", logo_type):
            return None
        return self.add("EnvironmentLogo", {"type": logo_type, "content": self.rng.choice(_LOGOS)})

    def _org_setting(self, type_: str, args: dict[str, Any], *key: str) -> Decl | None:
        org = self.some("Organization")
        assert org is not None
        if not self.pair(type_, org.name, *key):
            return None
        return self.add(type_, {"org_code": Ref(org.name, "code"), **args})

    def make_organization_mfa(self) -> Decl | None:
        args: dict[str, Any] = {"enabled_factors": self._factors()}
        if self.draw.maybe(0.3):
            args["is_recovery_codes_enabled"] = self.draw.maybe()
        return self._org_setting("OrganizationMfa", args)

    def make_organization_passkey(self) -> Decl | None:
        return self._org_setting("OrganizationPasskey", {"policy": self.rng.choice(_PASSKEY)})

    def make_organization_sessions(self) -> Decl | None:
        args: dict[str, Any] = {}
        if self.draw.maybe(0.6):
            args["sso_session_persistence_mode"] = self.rng.choice(["persistent", "non_persistent"])
        if not args or self.draw.maybe(0.5):
            args["authenticated_session_lifetime"] = self.rng.choice([60, 3600, 86400])
        return self._org_setting("OrganizationSessions", args)

    def make_organization_logo(self) -> Decl | None:
        logo_type = self.rng.choice(["light", "dark"])
        args = {"type": logo_type, "content": self.rng.choice(_LOGOS)}
        return self._org_setting("OrganizationLogo", args, logo_type)

    def make_api_key(self) -> Decl:
        api = self.some("Api")
        assert api is not None
        args: dict[str, Any] = {
            "name": self.draw.text("Key", limit("ApiKey", "name")),
            "type": self.rng.choice(["environment", "organization", "user"]),
            "api_id": Ref(api.name),
        }
        if args["type"] == "organization":
            org = self.some("Organization")
            assert org is not None
            args["org_code"] = Ref(org.name, "code")
        elif args["type"] == "user":
            user = self.some("User")
            assert user is not None
            args["user_id"] = Ref(user.name)
        scopes = [s for s in self.of("ApiScope") if s.args["api_id"] == Ref(api.name)]
        if scopes and self.draw.maybe(0.5):
            args["scope_ids"] = [Ref(s.name, "scope_id") for s in self.draw.sample(scopes, 2)]
        if self.draw.maybe(0.5):
            args["rotation_trigger"] = f"v{self.draw.next()}"
        return self.add("ApiKey", args)

    def make_scim_directory(self) -> Decl:
        # A directory of its own organization (one each), which owns a SAML connection: the
        # references make the connection before the directory, as Kinde needs.
        org = self.make_organization()
        connection = self.add(
            "Connection",
            {
                "name": self.draw.key("sso", limit=64, sep="-"),
                "display_name": self.draw.text("SSO", limit("Connection", "display_name")),
                "strategy": "saml:custom",
                "organization_code": Ref(org.name, "code"),
            },
        )
        self.pair("ScimDirectory", org.name)
        return self.add(
            "ScimDirectory",
            {
                "org_code": Ref(org.name, "code"),
                "directory_name": self.draw.text(
                    "Directory", limit("ScimDirectory", "directory_name")
                ),
                "provider_code": self.rng.choice(_SCIM_PROVIDERS),
                "enterprise_connection_id": Ref(connection.name),
            },
        )


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


TYPES: tuple[str, ...] = tuple(
    sorted(cls.__name__ for cls in pulumi_kinde.resources.RESOURCE_TYPES)
)
"""Every public resource type; each must have a ``make_*`` above (a test checks)."""


def generate(seed: int) -> Program:
    """A random valid program of 2-20 resources over every type, drawn from ``seed``."""
    rng = random.Random(seed)
    builder = _Builder(rng)
    target = rng.randint(2, 20)
    for _ in range(200):
        if len(builder.program) >= target:
            break
        getattr(builder, f"make_{_snake(rng.choice(TYPES))}")()
    # Declarations only refer to earlier ones, so every prefix is a whole program.
    return builder.program[:20]


# -- edits ---------------------------------------------------------------------------------


def edit(program: Program, seed: int) -> Program:
    """``program`` with declared values of one to three of its resources changed."""
    rng = random.Random(seed)
    builder = _Builder(rng)
    builder.program = list(program)
    builder.draw.serial = 10_000  # new names and keys never clash with the program's
    editable = [d for d in program if _EDITS.get(d.type)]
    if not editable:
        return list(program)
    chosen = {d.name for d in rng.sample(editable, min(len(editable), rng.randint(1, 3)))}
    edited: Program = []
    for index, decl in enumerate(program):
        if decl.name in chosen:
            args = dict(decl.args)
            # Only what is declared before it: a reference to a later declaration would
            # not resolve (declarations refer to earlier ones only).
            builder.program = list(program[:index])
            _EDITS[decl.type](builder, args)
            decl = replace(decl, args=args)
        edited.append(decl)
    return edited


def _named(field_name: str, base: str, limit: int) -> Callable[[_Builder, dict[str, Any]], None]:
    def change(b: _Builder, args: dict[str, Any]) -> None:
        args[field_name] = b.draw.text(base, limit)

    return change


def _resample(
    field_name: str, type_: str, attr: str = "id", most: int = 3
) -> Callable[[_Builder, dict[str, Any]], None]:
    def change(b: _Builder, args: dict[str, Any]) -> None:
        args[field_name] = [Ref(d.name, attr) for d in b.draw.sample(b.of(type_), most)]

    return change


def _own_scopes(b: _Builder, args: dict[str, Any]) -> None:
    """Other scopes of the authorization's own API: Kinde refuses a scope of another API
    (tests/resources/mistakes_facts.py), and an edit is one a person would make."""
    own = [s for s in b.of("ApiScope") if s.args["api_id"] == args["api_id"]]
    args["scopes"] = [Ref(s.name, "scope_id") for s in b.draw.sample(own, 3)]


def _flip(field_name: str) -> Callable[[_Builder, dict[str, Any]], None]:
    def change(b: _Builder, args: dict[str, Any]) -> None:
        args[field_name] = not args.get(field_name, False)

    return change


def _new_value(b: _Builder, args: dict[str, Any]) -> None:
    value = args["value"]
    kind = "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else "str"
    args["value"] = b.draw.flag_value(kind) if kind != "bool" else not value


def _property_value(b: _Builder, args: dict[str, Any]) -> None:
    args["value"] = f"{args['value'][:20]} v{b.draw.next()}"


def _new_logo(b: _Builder, args: dict[str, Any]) -> None:
    args["content"] = b.rng.choice([c for c in _LOGOS if c != args["content"]])


def _one_of(
    *changes: Callable[[_Builder, dict[str, Any]], None],
) -> Callable[[_Builder, dict[str, Any]], None]:
    def change(b: _Builder, args: dict[str, Any]) -> None:
        b.rng.choice(changes)(b, args)

    return change


def _access_roles(b: _Builder, args: dict[str, Any]) -> None:
    """Other access roles (at least one while access control is on); none for m2m."""
    if args["type"] == "m2m" or not b.of("Role"):  # an edit declares nothing new
        args["name"] = b.draw.text("App v3", 128)
        return
    roles = b.draw.sample(b.of("Role"), 2)
    if not roles and args.get("is_access_control_enabled"):
        args["is_access_control_enabled"] = False
    args["access_roles"] = [Ref(r.name) for r in roles]


_EDITS: dict[str, Callable[[_Builder, dict[str, Any]], None]] = {
    "Api": _named("name", "API v2", 64),  # replaces
    "ApiApplication": _own_scopes,
    "ApiScope": _named("description", "Now", 200),
    "Application": _one_of(_named("name", "App v2", 128), _flip("is_ask_for_name"), _access_roles),
    "Connection": _named("display_name", "Sign in v2", 128),
    "EnvironmentFeatureFlag": _new_value,
    "EnvironmentVariable": lambda b, a: a.update(value=f"changed {b.draw.next()}"),
    "FeatureFlag": _one_of(_named("name", "Flag v2", 255), _named("description", "Now", 300)),
    "Organization": _one_of(_named("name", "Org v2", 128), _flip("is_allow_registrations")),
    "OrganizationFeatureFlag": _new_value,
    "OrganizationProperty": _property_value,
    "OrganizationUser": _one_of(
        _resample("roles", "Role", most=2), _resample("permissions", "Permission")
    ),
    "Permission": _one_of(_named("name", "Permission v2", 128), _named("description", "Now", 200)),
    "Property": _one_of(_named("name", "Property v2", 255), _flip("is_private")),
    "PropertyCategory": _named("name", "Category v2", 255),
    "Role": _one_of(
        _named("name", "Role v2", 128),
        _resample("permissions", "Permission", most=4),
        _flip("is_default_role"),
    ),
    "User": _one_of(_named("given_name", "Grace", 64), _flip("is_suspended")),
    "UserPassword": _one_of(
        lambda b, a: a.update(
            hashed_password=next(h for h in _HASHES if h != a["hashed_password"])
        ),
        _flip("is_temporary_password"),
    ),
    "UserFeatureFlag": _new_value,
    "UserProperty": _property_value,
    "ApplicationProperty": _property_value,
    "BusinessSettings": _flip("is_click_wrap"),
    "Webhook": _one_of(
        _named("name", "Hook v2", 128),
        lambda b, a: a.update(event_types=b.draw.sample(_EVENTS, 4) or ["user.deleted"]),
    ),
    "ApiKey": _one_of(
        lambda b, a: a.update(rotation_trigger=f"v{b.draw.next()}"),  # rotates
        _named("name", "Key v2", 255),  # replaces
    ),
    "EnvironmentLogo": _new_logo,
    "EnvironmentMfa": _one_of(
        lambda b, a: a.update(policy=b.rng.choice(["required", "optional", "off"])),
        lambda b, a: a.update(enabled_factors=b._factors()),
    ),
    "EnvironmentPasskey": lambda b, a: a.update(policy=b.rng.choice(_PASSKEY)),
    "OrganizationLogo": _new_logo,
    "OrganizationMfa": _one_of(
        lambda b, a: a.update(enabled_factors=b._factors()), _flip("is_recovery_codes_enabled")
    ),
    "OrganizationPasskey": lambda b, a: a.update(policy=b.rng.choice(_PASSKEY)),
    "OrganizationSessions": lambda b, a: a.update(
        authenticated_session_lifetime=b.rng.choice([120, 7200, 604800])
    ),
    "ScimDirectory": _named("directory_name", "Directory v2", 255),
}
