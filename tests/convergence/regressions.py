"""Programs the generator found that once broke convergence, shrunk, with their cause."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.convergence.programs import Decl, Program, Ref

__all__ = ["REGRESSIONS", "Regression"]


@dataclass(frozen=True)
class Regression:
    name: str
    cause: str
    program: Program
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)


REGRESSIONS: list[Regression] = [
    Regression(
        name="member_holds_a_permission_its_role_gives",
        cause="OrganizationUser read every listed permission as direct (issue 13)",
        program=[
            Decl("Permission", "p1", {"key": "read:a", "name": "A"}),
            Decl("Permission", "p2", {"key": "read:b", "name": "B"}),
            Decl("Role", "r3", {"key": "member", "name": "Member", "permissions": [Ref("p1")]}),
            Decl("Organization", "o4", {"name": "Acme"}),
            Decl("User", "u5", {"given_name": "Ada", "emails": ["ada@example.com"]}),
            Decl(
                "OrganizationUser",
                "ou6",
                {
                    "organization_code": Ref("o4", "code"),
                    "user_id": Ref("u5"),
                    "roles": [Ref("r3")],
                    "permissions": [Ref("p1"), Ref("p2")],
                },
            ),
        ],
        edits={
            "r3": {"key": "member", "name": "Member", "permissions": [Ref("p2")]},
        },
    ),
]
