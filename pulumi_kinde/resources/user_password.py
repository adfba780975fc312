"""A user's password, set from a hash (for users seeded or migrated from another system)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

import pulumi
from pulumi.dynamic import CheckFailure, CheckResult
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient
from ._facts import one_each
from ._fields import Replace, Secret, WriteOnly, validating_inputs
from ._ids import UserId
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared
from ._values import contains_unknown, user_props

__all__ = ["UserPassword", "UserPasswordArgs", "UserPasswordProvider"]

HashingMethod = Literal[
    "bcrypt", "crypt", "md5", "sha256", "wordpress", "pbkdf2", "firebase-scrypt",
    "aspnet-identity-v2",
]  # fmt: skip

# Spec, PUT /users/{user_id}/password: what each hashing method needs and refuses.
_FIREBASE = ("signer_key", "salt_separator", "rounds", "mem_cost")
_NEEDS = {"pbkdf2": ("salt", "variant"), "firebase-scrypt": ("salt", *_FIREBASE)}
_REFUSES = {
    "firebase-scrypt": ("iterations", "variant"),
    "aspnet-identity-v2": ("salt", "salt_position", "iterations", "variant"),
}
_HASH_FIELDS = (
    "hashed_password", "hashing_method", "salt", "salt_position", "iterations", "variant",
    *_FIREBASE, "is_temporary_password",
)  # fmt: skip


class UserPasswordArgs(KindeArgs):
    user_id: Annotated[UserId, Replace, Field(min_length=1)]
    hashed_password: Annotated[str, Secret, WriteOnly, Field(min_length=1)]
    salt: Annotated[str | None, Secret, WriteOnly] = None
    salt_position: Annotated[Literal["prefix", "suffix"] | None, WriteOnly] = None
    iterations: Annotated[int | None, WriteOnly, Field(ge=1)] = None
    variant: Annotated[str | None, WriteOnly] = None
    signer_key: Annotated[str | None, Secret, WriteOnly] = None
    salt_separator: Annotated[str | None, WriteOnly] = None
    rounds: Annotated[int | None, WriteOnly, Field(ge=1, le=16)] = None
    mem_cost: Annotated[int | None, WriteOnly, Field(ge=1, le=20)] = None
    is_temporary_password: Annotated[bool | None, WriteOnly] = None
    # Last, so that its check sees every parameter it rules on.
    hashing_method: Annotated[HashingMethod | None, WriteOnly, Field(validate_default=True)] = None

    @field_validator("hashing_method")
    @classmethod
    def _parameters_fit_the_method(
        cls, method: HashingMethod | None, info: ValidationInfo
    ) -> HashingMethod | None:
        if not validating_inputs(info.context):
            return method
        name = method or "bcrypt"
        given = {n for n, v in info.data.items() if v is not None}
        missing = [n for n in _NEEDS.get(name, ()) if n not in given]
        refused = _REFUSES.get(name, ()) + (() if name == "firebase-scrypt" else _FIREBASE)
        extra = [n for n in refused if n in given]
        if missing:
            raise ValueError(f"{name!r} needs {', '.join(missing)}")
        if extra:
            raise ValueError(f"{name!r} does not take {', '.join(extra)}: remove it")
        return method


_BCRYPT = r"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}"
_HEX_OR_BASE64 = "{} hexadecimal digits (or {} characters of base64)"
# What a hash of each method looks like, where its form is certain (a password given in
# place of its hash would be stored as the hash, and no one could sign in). pbkdf2,
# firebase-scrypt and aspnet-identity-v2 hashes are base64 or hex of varying length.
_HASHES: dict[str, tuple[re.Pattern[str], str]] = {
    "bcrypt": (re.compile(_BCRYPT), "'$2b$12$' and 53 more characters"),
    "md5": (
        re.compile(r"[0-9a-fA-F]{32}|[A-Za-z0-9+/]{22}=="),
        _HEX_OR_BASE64.format(32, 24),
    ),
    "sha256": (
        re.compile(r"[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}="),
        _HEX_OR_BASE64.format(64, 44),
    ),
    "crypt": (
        re.compile(r"\$[0-9a-z]{1,4}\$[^$\s]+\$\S+|[./0-9A-Za-z]{13}"),
        "'$6$' (or '$1$', '$5$', '$2b$'), its salt, '$' and the hash; or 13 characters of "
        "DES crypt",
    ),
    "wordpress": (
        re.compile(rf"\$[PH]\$[./0-9A-Za-z]{{31}}|(\$wp)?{_BCRYPT}"),
        "'$P$' and 31 more characters (phpass), or '$wp$2y$10$' and 53 more (WordPress 6.8+)",
    ),
}


def _not_a_hash(hashed: object, method: object) -> str | None:
    """Why ``hashed`` cannot be a hash made by ``method`` (None when it can, or when that
    cannot be told). Never quotes the value: it is a secret."""
    name = method or "bcrypt"
    if not isinstance(hashed, str) or not isinstance(name, str) or name not in _HASHES:
        return None
    pattern, looks = _HASHES[name]
    if pattern.fullmatch(hashed):
        return None
    default = " (Kinde's default, as hashing_method is left out)" if method is None else ""
    how = " (bcrypt.hashpw(password, bcrypt.gensalt()))" if name == "bcrypt" else ""
    article = "an" if name[0] in "aeiou" or name == "md5" else "a"
    return (
        f"user password argument 'hashed_password': is not {article} {name} hash{default}, "
        f"which looks like {looks}: give the password's hash{how}, never the password "
        "itself, or set hashing_method to the method that made it"
    )


class UserPasswordState(UserPasswordArgs):
    hashed_password: Annotated[str | None, Secret, WriteOnly] = None  # type: ignore[assignment]
    """Never read back: refresh carries the last value written over."""


class UserPasswordProvider(KindeProvider[UserPasswordArgs, UserPasswordState]):
    kind = "user password"
    args_model = UserPasswordArgs
    state_model = UserPasswordState
    unique = (("user_id",),)  # one password a user: two would overwrite each other

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        props = user_props(news)
        if contains_unknown(props.get("hashed_password")) or contains_unknown(
            props.get("hashing_method")
        ):
            return result
        problem = _not_a_hash(props.get("hashed_password"), props.get("hashing_method"))
        if problem is None:
            return result
        failure = CheckFailure("hashed_password", problem)
        return CheckResult(result.inputs, one_each([failure], besides=result.failures or []))

    def create_object(
        self, api: KindeClient, args: UserPasswordArgs, rollback: Rollback
    ) -> tuple[str, UserPasswordState]:
        _set(api, args)
        return args.user_id, self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> UserPasswordState | None:
        # The password cannot be read: what refresh can see is whether the user exists. The
        # write-only fields are carried over by the base.
        api.get("/api/v1/user", params={"id": id_})
        return UserPasswordState(user_id=id_)

    def update_object(
        self, api: KindeClient, id_: str, change: Change[UserPasswordArgs, UserPasswordState]
    ) -> UserPasswordState:
        _set(api, change.new)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        pulumi.log.warn(
            f"user password {id_!r}: Kinde has no way to remove a password; the user keeps "
            "it, and it is no longer managed by Pulumi"
        )


def _set(api: KindeClient, args: UserPasswordArgs) -> None:
    for secret in (args.hashed_password, args.salt, args.signer_key):
        api.add_secret(secret)
    body = args.model_dump(include=set(_HASH_FIELDS), exclude_none=True)
    api.put(f"/api/v1/users/{args.user_id}/password", body)


class UserPassword(KindeResource, module="kinde", name="UserPassword"):
    """Sets a user's password from a hash, e.g. for users seeded in a test environment or
    moved from another system. Its id is the user's id.

    Kinde takes passwords only hashed (bcrypt unless ``hashing_method`` says otherwise) and
    never returns them: every argument is write-only, ``hashed_password``, ``salt`` and
    ``signer_key`` are Pulumi secrets (encrypted in state, never logged), and changing any
    argument sets the password again. Kinde cannot remove a password: deleting this resource
    leaves the user's password as it is, with a warning.

    Example::

        import pulumi_kinde as kinde

        # A bcrypt hash, e.g. bcrypt.hashpw(b"...", bcrypt.gensalt()).decode(), never the
        # password itself; a real one is best kept as a stack secret (pulumi config set
        # --secret tester_hash '$2b$12$...', then pulumi.Config().require_secret(...)).
        hashed = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
        tester = kinde.User("tester", given_name="Test", emails=["tester@example.com"])
        kinde.UserPassword(
            "tester-password", user_id=tester.id, hashed_password=hashed, is_temporary_password=True
        )

    :id: the user's id (``kp_...``)
    :find_id: In Kinde: *Users*, open the user: the id is on the profile and in the URL.
        ``kinde.get_user(email=...).id`` gives it.
    :scopes: ``u:user_passwords, r:users``
    :limitation: Kinde takes only hashed passwords and never returns them: every argument is
        write-only, and refresh cannot tell a password changed outside Pulumi.
    :limitation: Kinde cannot remove a password: delete leaves it, with a warning.
    :param resource_name: the Pulumi name of this resource.
    :param user_id: the user (``User.id``); changing it sets another user's password.
    :param hashed_password: the hash, e.g. ``bcrypt.hashpw(b"...", bcrypt.gensalt())``; for
        ``aspnet-identity-v2`` the base64 ``PasswordHash`` as is.
    :param hashing_method: ``"bcrypt"`` (Kinde's default), ``"crypt"``, ``"md5"``,
        ``"sha256"``, ``"wordpress"``, ``"pbkdf2"``, ``"firebase-scrypt"`` or
        ``"aspnet-identity-v2"``.
    :param salt: the salt, for methods that keep it apart (required for ``pbkdf2`` and
        ``firebase-scrypt``, refused by ``aspnet-identity-v2``).
    :param salt_position: ``"prefix"`` or ``"suffix"``: where the salt goes.
    :param iterations: the ``pbkdf2`` iteration count (Kinde assumes 24000).
    :param variant: the ``pbkdf2`` variant, e.g. ``"salted-pbkdf2-hmac-sha256"`` (required).
    :param signer_key: ``firebase-scrypt``: the project's base64 signer key (required).
    :param salt_separator: ``firebase-scrypt``: the base64 salt separator (required).
    :param rounds: ``firebase-scrypt``: scrypt rounds, 1-16 (required).
    :param mem_cost: ``firebase-scrypt``: scrypt memory cost, 1-20 (required).
    :param is_temporary_password: make the user choose a new password at the next sign-in.
    :param import_id: the user id, to take over a password set outside Pulumi (adopting sets
        the declared one: Kinde cannot tell whether they match).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = UserPasswordProvider

    user_id: pulumi.Output[str]
    """The user's id."""
    hashed_password: pulumi.Output[str]
    """The hash last written: a Pulumi secret."""
    hashing_method: pulumi.Output[str | None]
    """The hashing method last written."""
    salt: pulumi.Output[str | None]
    """The salt last written: a Pulumi secret."""
    salt_position: pulumi.Output[str | None]
    """Where the salt goes, as last written."""
    iterations: pulumi.Output[int | None]
    """The pbkdf2 iteration count last written."""
    variant: pulumi.Output[str | None]
    """The pbkdf2 variant last written."""
    signer_key: pulumi.Output[str | None]
    """The firebase-scrypt signer key last written: a Pulumi secret."""
    salt_separator: pulumi.Output[str | None]
    """The firebase-scrypt salt separator last written."""
    rounds: pulumi.Output[int | None]
    """The firebase-scrypt rounds last written."""
    mem_cost: pulumi.Output[int | None]
    """The firebase-scrypt memory cost last written."""
    is_temporary_password: pulumi.Output[bool | None]
    """Whether the user must choose a new password at the next sign-in."""

    def __init__(
        self,
        resource_name: str,
        *,
        user_id: pulumi.Input[str],
        hashed_password: pulumi.Input[str],
        hashing_method: pulumi.Input[str] | None = None,
        salt: pulumi.Input[str] | None = None,
        salt_position: pulumi.Input[str] | None = None,
        iterations: pulumi.Input[int] | None = None,
        variant: pulumi.Input[str] | None = None,
        signer_key: pulumi.Input[str] | None = None,
        salt_separator: pulumi.Input[str] | None = None,
        rounds: pulumi.Input[int] | None = None,
        mem_cost: pulumi.Input[int] | None = None,
        is_temporary_password: pulumi.Input[bool] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
