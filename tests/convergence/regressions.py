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
    Regression(
        name="flag_value_changed_by_its_environment_override",
        cause="FeatureFlag.current_value showed the environment's value, which its "
        "EnvironmentFeatureFlag owns: editing the override made the flag drift on refresh",
        program=[
            Decl(
                "FeatureFlag",
                "ff1",
                {
                    "key": "theme",
                    "name": "Theme",
                    "description": "Colours",
                    "type": "str",
                    "default_value": "light",
                    "allow_override_level": "usr",
                },
            ),
            Decl(
                "EnvironmentFeatureFlag", "eff2", {"flag_key": Ref("ff1", "key"), "value": "dark"}
            ),
        ],
        edits={"eff2": {"flag_key": Ref("ff1", "key"), "value": "dim"}},
    ),
    Regression(
        name="replacing_a_user_level_flag_takes_its_overrides_along",
        cause="a flag users may override is replaced (deleted first) on any change, and Kinde "
        "drops its overrides; the override resources must be replaced with it (the engine "
        "replaces dependents of a delete-first replacement; our stand-in did not)",
        program=[
            Decl(
                "FeatureFlag",
                "ff1",
                {
                    "key": "seats",
                    "name": "Seats",
                    "description": "Seats",
                    "type": "int",
                    "default_value": 5,
                    "allow_override_level": "usr",
                },
            ),
            Decl("Organization", "o2", {"name": "Acme"}),
            Decl(
                "OrganizationFeatureFlag",
                "off3",
                {"org_code": Ref("o2", "code"), "flag_key": Ref("ff1", "key"), "value": 50},
            ),
        ],
        edits={
            "ff1": {
                "key": "seats",
                "name": "Seats per plan",
                "description": "Seats",
                "type": "int",
                "default_value": 5,
                "allow_override_level": "usr",
            }
        },
    ),
    Regression(
        name="names_at_the_limit_check_accepts",
        cause="check() allowed 128-character API names and scope keys and 0-second token "
        "lifetimes that Kinde (the emulator) refuses: they failed half-way through up",
        program=[
            Decl("Api", "a1", {"name": "N" * 64, "audience": "https://api.example.com"}),
            Decl("ApiScope", "as2", {"api_id": Ref("a1"), "key": "k" * 64}),
            Decl("Application", "app3", {"name": "W", "type": "reg", "access_token_lifetime": 1}),
        ],
    ),
]
