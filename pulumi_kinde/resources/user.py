"""Kinde users: a person's profile and the identities they sign in with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

import pulumi
from pydantic import Field, ValidationInfo, field_validator

from ..client import ConflictError, KindeClient
from ._fields import Unordered, WriteOnly, validating_inputs
from ._ids import OrganizationCode
from ._provider import Change, KindeArgs, KindeProvider, Rollback, defaults
from ._resource import KindeResource, declared

__all__ = ["User", "UserArgs", "UserProvider"]


Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Phone = Annotated[str, Field(pattern=r"^\+[1-9][0-9]{6,14}$")]
Username = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^\S+$")]

# Identity kinds this resource manages: (field, Kinde identity type).
_IDENTITIES = (("emails", "email"), ("phones", "phone"), ("usernames", "username"))


class UserArgs(KindeArgs):
    given_name: str | None = None
    family_name: str | None = None
    picture: Annotated[str | None, Field(pattern=r"^https://\S+$")] = None
    emails: Annotated[list[Email] | None, Unordered] = None
    phones: Annotated[list[Phone] | None, Unordered] = None
    usernames: Annotated[list[Username] | None, Unordered] = None
    organization_code: Annotated[OrganizationCode | None, WriteOnly] = None
    phone_country: Annotated[
        str | None, WriteOnly, Field(pattern=r"^[a-z]{2}$", validate_default=True)
    ] = None
    is_suspended: bool | None = None
    provided_id: str | None = None

    @field_validator("phone_country")
    @classmethod
    def _phones_need_a_country(cls, country: str | None, info: ValidationInfo) -> str | None:
        if validating_inputs(info.context) and info.data.get("phones") and not country:
            raise ValueError("is required with phones, e.g. phone_country='us'")
        return country


class UserState(UserArgs):
    pass


class UserProvider(KindeProvider[UserArgs, UserState]):
    kind = "user"
    # E-mail addresses, phone numbers and usernames are unique across the business, e-mail
    # addresses and usernames whatever their case (emulator routes/_users.py).
    unique_items = ("emails", "phones", "usernames")
    unique_ignoring_case = frozenset({"emails", "usernames"})
    args_model = UserArgs
    state_model = UserState
    # A new user (emulator records_users.User) is not suspended and has only the identities
    # the create declares.
    assigned = defaults(emails=[], phones=[], usernames=[], is_suspended=False)

    def create_object(
        self, api: KindeClient, args: UserArgs, rollback: Rollback
    ) -> tuple[str, UserState]:
        identities = [
            {"type": kind, "details": _details(kind, value, args.phone_country)}
            for field, kind in _IDENTITIES
            for value in getattr(args, field) or ()
        ]
        body: dict[str, Any] = {
            "profile": args.model_dump(
                include={"given_name", "family_name", "picture"}, exclude_none=True
            ),
            "identities": identities,
        }
        if args.organization_code:
            body["organization_code"] = args.organization_code
        if args.provided_id:
            body["provided_id"] = args.provided_id
        user_id = str(api.post("/api/v1/user", body, operation="create user")["id"])
        rollback.add(f"user {user_id}", lambda: api.delete("/api/v1/user", params={"id": user_id}))
        if args.is_suspended:
            api.patch("/api/v1/user", {"is_suspended": True}, params={"id": user_id})
        return user_id, self.state_from(args)

    def find_created(self, api: KindeClient, args: UserArgs) -> str | None:
        # An e-mail identity is unique in a Kinde business.
        if not args.emails:
            return None
        users = api.get("/api/v1/users", params={"email": args.emails[0]}).get("users") or []
        return str(users[0]["id"]) if len(users) == 1 else None

    def read_object(self, api: KindeClient, id_: str) -> UserState | None:
        user = api.get("/api/v1/user", params={"id": id_})
        listed = api.paginate(
            f"/api/v1/users/{id_}/identities", "identities", style="starting_after"
        )
        values: dict[str, list[str]] = {field: [] for field, _ in _IDENTITIES}
        fields = {kind: field for field, kind in _IDENTITIES}
        for identity in listed:
            field = fields.get(identity.get("type", ""))
            value = identity.get("email") or identity.get("name")
            if field and value:
                values[field].append(value)
        return UserState(
            given_name=user.get("first_name") or None,
            family_name=user.get("last_name") or None,
            picture=user.get("picture") or None,
            emails=sorted(values["emails"]),
            phones=sorted(values["phones"]),
            usernames=sorted(values["usernames"]),
            is_suspended=user.get("is_suspended"),
            provided_id=user.get("provided_id") or None,
        )

    def update_object(
        self, api: KindeClient, id_: str, change: Change[UserArgs, UserState]
    ) -> UserState:
        profile = ("given_name", "family_name", "picture", "is_suspended", "provided_id")
        if change.any(*profile):
            body = change.new.model_dump(include=set(profile), exclude_none=True)
            api.patch("/api/v1/user", body, params={"id": id_})
        for field, kind in _IDENTITIES:
            if field in change:
                old, new = (
                    set(getattr(change.old, field) or ()),
                    set(getattr(change.new, field) or ()),
                )
                _add_identities(api, id_, kind, new - old, change.new.phone_country)
                _remove_identities(api, id_, old - new)
        return change.merged()

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete("/api/v1/user", params={"id": id_})


def _details(kind: str, value: str, country: str | None) -> dict[str, str]:
    details = {kind: value}
    if kind == "phone" and country:
        details["phone_country_id"] = country
    return details


def _add_identities(
    api: KindeClient, user_id: str, kind: str, values: Iterable[str], country: str | None
) -> None:
    for value in sorted(values):
        body = {"type": kind, "value": value}
        if kind == "phone" and country:
            body["phone_country_id"] = country
        try:
            api.post(f"/api/v1/users/{user_id}/identities", body)
        except ConflictError:
            # In use: by this user when an earlier, interrupted run added it; else a clash.
            if value not in _identity_values(api, user_id):
                raise


def _identity_values(api: KindeClient, user_id: str) -> set[str]:
    listed = api.paginate(
        f"/api/v1/users/{user_id}/identities", "identities", style="starting_after"
    )
    return {str(i.get("email") or i.get("name")) for i in listed}


def _remove_identities(api: KindeClient, user_id: str, values: set[str]) -> None:
    if not values:
        return
    listed = api.paginate(
        f"/api/v1/users/{user_id}/identities", "identities", style="starting_after"
    )
    for identity in list(listed):
        if (identity.get("email") or identity.get("name")) in values:
            api.delete(f"/api/v1/identities/{identity['id']}")


class User(KindeResource, module="kinde", name="User"):
    """A Kinde user: profile, sign-in identities, and the suspended flag.

    Only what you declare is sent to Kinde or exported; undeclared profile fields and
    identities are left as they are. Organization memberships after creation belong to
    ``OrganizationUser``.

    Example::

        import pulumi_kinde as kinde

        kinde.User("ada", given_name="Ada", family_name="Lovelace", emails=["ada@example.com"])

    :id: the user's id (``kp_...``)
    :find_id: In Kinde: *Users*, select the user: the id (``kp_...``) is on their profile.
        ``GET /api/v1/users?email=...`` finds it too.
    :scopes: ``crud:users, cr:user_identities, d:identities``
    :limitation: Kinde does not return ``organization_code`` or ``phone_country``: they are
        write-only, and ``organization_code`` only counts when the user is created.
    :limitation: An e-mail, phone or username identity belongs to one user of the business:
        adding one another user has fails.
    :param resource_name: the Pulumi name of this resource.
    :param given_name: first name.
    :param family_name: last name.
    :param picture: an ``https://`` URL of the user's picture.
    :param emails: e-mail identities (a set; added and removed through Kinde's identities).
    :param phones: phone identities in E.164 form, e.g. ``"+14155550100"`` (a set).
    :param usernames: username identities (a set).
    :param organization_code: the organization the user joins when created (write-only).
    :param phone_country: the ISO country code of the phones, e.g. ``"us"`` (required with
        ``phones``; write-only).
    :param is_suspended: suspend the user (they cannot sign in).
    :param provided_id: your own id for the user.
    :param import_id: the id (``kp_...``) of an existing user to adopt.
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = UserProvider

    given_name: pulumi.Output[str | None]
    """First name."""
    family_name: pulumi.Output[str | None]
    """Last name."""
    picture: pulumi.Output[str | None]
    """The URL of the user's picture."""
    emails: pulumi.Output[list[str] | None]
    """The user's e-mail identities, sorted."""
    phones: pulumi.Output[list[str] | None]
    """The user's phone identities, sorted."""
    usernames: pulumi.Output[list[str] | None]
    """The user's username identities, sorted."""
    organization_code: pulumi.Output[str | None]
    """The organization joined at creation, as declared (write-only)."""
    phone_country: pulumi.Output[str | None]
    """The country code of the phones, as declared (write-only)."""
    is_suspended: pulumi.Output[bool | None]
    """Whether the user is suspended."""
    provided_id: pulumi.Output[str | None]
    """Your own id for the user."""

    def __init__(
        self,
        resource_name: str,
        *,
        given_name: pulumi.Input[str] | None = None,
        family_name: pulumi.Input[str] | None = None,
        picture: pulumi.Input[str] | None = None,
        emails: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        phones: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        usernames: pulumi.Input[list[pulumi.Input[str]]] | None = None,
        organization_code: pulumi.Input[str] | None = None,
        phone_country: pulumi.Input[str] | None = None,
        is_suspended: pulumi.Input[bool] | None = None,
        provided_id: pulumi.Input[str] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(resource_name, declared(locals()), opts, profile)
