"""Mistakes with unique values, for the table of ``test_mistakes.py``: one value declared
twice (caught at preview, naming both resources), and creates that clash with an object
Kinde has already (refused by Kinde, nothing changes; the message tells the cases apart).

A clash needs a stack that already holds something, which a :class:`Mistake` (one program)
cannot say: those rows are :class:`Clash` rows, a program run first (``before``, in this
stack or in another one) and the program that clashes (``after``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pulumi

import pulumi_kinde as kinde
from pulumi_kinde.emulator import Emulator
from tests.resources.mistakes import Mistake, twice

__all__ = ["CLASHES", "MISTAKES", "Clash"]

AtTheCreate = Literal["at the create: Kinde refuses it and nothing changes"]
AT_THE_CREATE: AtTheCreate = "at the create: Kinde refuses it and nothing changes"


def _two_users_one_email() -> None:
    kinde.User("ada", given_name="Ada", emails=["Ada@Example.com"])
    kinde.User("ada-work", given_name="Ada", emails=["ada@example.com", "ada@work.example"])


def _two_organizations_one_handle() -> None:
    kinde.Organization("acme", name="Acme", handle="Acme")
    kinde.Organization("acme-eu", name="Acme EU", handle="acme")


MISTAKES: list[Mistake] = [
    Mistake(
        "two users with one e-mail address (in any case)",
        _two_users_one_email,
        "preview",
        (
            "user resources 'ada' and 'ada-work' both declare",
            # The second of the two checks fails, quoting its own spelling: the engine
            # checks them in either order ('Ada@Example.com' or 'ada@example.com').
            "xample.com' in emails, which only one user may have in a Kinde business",
            "remove one of them",
        ),
    ),
    Mistake(
        "two users with one username",
        twice(lambda n: kinde.User(n, given_name="Ada", usernames=["ada"])),
        "preview",
        ("'first' and 'second' both declare 'ada' in usernames", "remove one of them"),
    ),
    Mistake(
        "two organizations with one handle (in any case)",
        _two_organizations_one_handle,
        "preview",
        (
            "organization resources 'acme' and 'acme-eu' both declare handle=",
            "which only one organization may have in a Kinde business",
        ),
    ),
    Mistake(
        "two roles with one key",
        twice(lambda n: kinde.Role(n, key="admin", name=n)),
        "preview",
        ("role resources 'first' and 'second' both declare key='admin'", "remove one of them"),
    ),
    Mistake(
        "two webhooks with one name and endpoint",
        twice(
            lambda n: kinde.Webhook(
                n,
                name="Audit",
                endpoint="https://hooks.example.com/k",
                event_types=["user.created"],
            )
        ),
        "preview",
        ("both declare name='Audit', endpoint='https://hooks.example.com/k'",),
    ),
    Mistake(
        "two resources adopting one object",
        twice(lambda n: kinde.Role(n, key=n, name=n, import_id="01a2b3c4-role")),
        "preview",
        (
            "role resources 'first' and 'second' both declare import_id='01a2b3c4-role'",
            "one Kinde object is managed by one resource",
            "remove one of them",
        ),
    ),
]


@dataclass(frozen=True)
class Clash:
    """A create that clashes with an object Kinde has: ``before`` makes it (in this stack,
    or in another one when ``outside``), then ``after`` is run in this stack."""

    name: str
    before: Callable[[], object]
    after: Callable[[], object]
    held: Callable[[Emulator], str]
    """The id of the object ``after`` clashes with."""
    says: tuple[str, ...]
    """Parts of the message, in order; ``{id}`` stands for the object's id."""
    outside: bool = False
    where: AtTheCreate = AT_THE_CREATE

    def __str__(self) -> str:
        return self.name


def _role(name: str) -> Callable[[], object]:
    return lambda: kinde.Role(name, key="admin", name="Admin")


def _webhook(name: str) -> Callable[[], object]:
    return lambda: kinde.Webhook(
        name, name="audit", endpoint="https://hooks.example.com/k", event_types=["user.created"]
    )


def _api(name: str, *, delete_first: bool | None = None) -> Callable[[], object]:
    opts = pulumi.ResourceOptions(delete_before_replace=delete_first)
    return lambda: kinde.Api(
        "billing", name=name, audience="https://billing.example.com", opts=opts
    )


def role_id(emu: Emulator) -> str:
    return next(r.id for r in emu.store.roles.all() if r.key == "admin")


def webhook_id(emu: Emulator) -> str:
    return next(w.id for w in emu.store.webhooks.all() if w.name == "audit")


def api_id(emu: Emulator) -> str:
    return next(a.id for a in emu.store.apis.all() if a.audience == "https://billing.example.com")


_BOTH_CASES = (
    "If a resource of this stack holds it under another name",
    "renamed, or moved to another parent): add aliases=[pulumi.Alias(name='<its old name>')]",
    "which keeps the object and sends no request",
    "if another resource of this program declares it too: remove one of them",
    "Only if it was made outside this stack (or by a run that was stopped): add "
    "import_id='{id}' to adopt it",
)

CLASHES: list[Clash] = [
    Clash(
        "a role renamed without aliases",
        _role("admin"),
        _role("administrator"),
        role_id,
        (
            "ROLE_KEY_ALREADY_EXISTS",
            "it exists already as role '{id}' (key='admin')",
            *_BOTH_CASES,
        ),
    ),
    Clash(
        "a webhook renamed without aliases",
        _webhook("audit"),
        _webhook("audit-hook"),
        webhook_id,
        (
            "WEBHOOK_ALREADY_EXISTS",
            "it exists already as webhook '{id}' (name='audit', "
            "endpoint='https://hooks.example.com/k')",
            *_BOTH_CASES,
        ),
    ),
    Clash(
        "delete_before_replace=False on an API whose audience is kept",
        _api("Billing"),
        _api("Billing v2", delete_first=False),
        api_id,
        (
            "API_AUDIENCE_ALREADY_EXISTS",
            "it exists already as API '{id}' (audience='https://billing.example.com'): the "
            "object 'billing' holds now",
            "remove delete_before_replace=False from the options of 'billing'",
            "or undo the change of name",
        ),
    ),
    Clash(
        "a role that another stack made",
        _role("admin"),
        _role("admin"),
        role_id,
        ("it exists already as role '{id}' (key='admin')", *_BOTH_CASES),
        outside=True,
    ),
]
