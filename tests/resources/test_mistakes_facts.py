"""The mistakes of ``mistakes_facts.py`` (``test_mistakes.py`` runs the rows): the real engine
checks one declaration against another at preview too, and what cannot be known yet (an
unknown value in a preview) is skipped, never guessed."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.emulator.routes.logos import MAX_BYTES as LOGO_LIMIT
from pulumi_kinde.resources import _facts
from pulumi_kinde.resources._provider import KindeProvider
from pulumi_kinde.resources.feature_flag import FeatureFlagProvider
from pulumi_kinde.resources.feature_flag_override import (
    EnvironmentFeatureFlagProvider,
    OrganizationFeatureFlagProvider,
)
from pulumi_kinde.resources.logo import MAX_BYTES, EnvironmentLogoProvider
from pulumi_kinde.resources.user_password import UserPasswordProvider
from pulumi_kinde.testing import CheckFailed, ProgramRunner
from pulumi_kinde.testing.pulumi_engine import PulumiRunner
from pulumi_kinde.testing.stack import emulator_config
from tests.conftest import stack_config
from tests.resources.mistakes import Mistake
from tests.resources.mistakes_facts import MISTAKES, PNG


@pytest.fixture
def eu() -> Iterator[Emulator]:
    """The business of profile ``eu``."""
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def runner(emu: Emulator, eu: Emulator) -> ProgramRunner:
    config = {**stack_config(emu), **emulator_config(eu.url, eu.client_id, eu.client_secret, "eu")}
    return ProgramRunner(config=config, secret_keys=["kinde:clientSecret", "kinde-eu:clientSecret"])


@pytest.mark.parametrize(
    "mistake", [m for m in MISTAKES if "of this program" in " ".join(m.says)], ids=str
)
def test_the_real_engine_checks_one_declaration_against_another_at_preview(
    mistake: Mistake, emu: Emulator, real: PulumiRunner
) -> None:
    # The facts come from the checks of resources not created yet: the engine must have
    # checked them first, and handed their inputs on as known outputs in the preview.
    with pytest.raises(CheckFailed) as caught:
        real.preview(mistake.program)
    message = str(caught.value)
    assert all(part in message for part in mistake.says), message
    assert emu.requests == []


# -- what is not known is skipped, never guessed ------------------------------------------------


@pytest.fixture
def facts() -> Iterator[None]:
    _facts.reset()
    yield
    _facts.reset()


def _checked(provider: KindeProvider[Any, Any], **news: Any) -> list[tuple[str, str]]:
    return [(f.property, f.reason) for f in provider.check({}, news).failures or []]


FLAG = {"key": "plan", "name": "Plan", "description": "Plan", "type": "str"}


@pytest.mark.usefixtures("facts")
@pytest.mark.parametrize(
    ("flag", "override", "refused"),
    [
        ({**FLAG, "default_value": "free"}, {"flag_key": "plan", "value": "pro"}, ["flag_key"]),
        ({**FLAG, "default_value": "free", "allow_override_level": "org"},
         {"flag_key": "plan", "value": "pro"}, []),
        ({**FLAG, "default_value": "free", "allow_override_level": Unknown()},
         {"flag_key": "plan", "value": "pro"}, []),
        # Adopted, its definition left out: Kinde's level, which the program does not say.
        ({"key": "plan", "type": "str", "import_id": "plan"},
         {"flag_key": "plan", "value": "pro"}, []),
        ({**FLAG, "default_value": "free", "allow_override_level": "org"},
         {"flag_key": "plan", "value": 7}, ["value"]),
        ({**FLAG, "type": "bool", "default_value": False, "allow_override_level": "org"},
         {"flag_key": "plan", "value": "true"}, []),
        ({**FLAG, "type": "int", "default_value": 1.0, "allow_override_level": "org"},
         {"flag_key": "plan", "value": 2.0}, []),
        ({**FLAG, "default_value": "free"}, {"flag_key": Unknown(), "value": "pro"}, []),
        ({**FLAG, "key": "other", "default_value": "free"},
         {"flag_key": "plan", "value": "pro"}, []),
    ],
)  # fmt: skip
def test_an_organization_override_is_checked_against_what_the_program_says_of_its_flag(
    flag: dict[str, Any], override: dict[str, Any], refused: list[str]
) -> None:
    assert _checked(FeatureFlagProvider(None, "plan"), **flag) == [] or "import_id" in flag
    found = _checked(
        OrganizationFeatureFlagProvider(None, "acme-plan"), org_code=Unknown(), **override
    )
    assert [name for name, _ in found] == refused, found
    assert all("of this program" in reason for _, reason in found)


@pytest.mark.usefixtures("facts")
def test_a_flag_of_another_profile_says_nothing_of_this_ones_overrides() -> None:
    _checked(FeatureFlagProvider("eu", "plan"), **FLAG, default_value="free")
    assert _checked(EnvironmentFeatureFlagProvider(None, "it"), flag_key="plan", value=True) == []
    assert _checked(EnvironmentFeatureFlagProvider("eu", "it"), flag_key="plan", value=True)


def test_a_logo_of_kindes_largest_size_passes_and_the_limit_is_the_emulators() -> None:
    assert MAX_BYTES == LOGO_LIMIT
    content = base64.b64encode(PNG + b"0" * (MAX_BYTES - len(PNG))).decode()
    assert _checked(EnvironmentLogoProvider(), type="light", content=content) == []


@pytest.mark.parametrize(
    ("method", "hashed"),
    [
        (None, "$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
        ("md5", "5f4dcc3b5aa765d61d8327deb882cf99"),
        ("md5", "X03MO1qnZdYdgyfeuILPmQ=="),
        ("sha256", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"),
        ("crypt", "$6$rounds=5000$saltsalt$9K3yJ1tq5uG6mX0tS0p2Gm4a4Zr5Yb5c5k1n2o3p4q5r6s7t8"),
        ("crypt", "abJnggxhB/yWI"),
        ("wordpress", "$P$BZlPX7NIx8MYpXokBW2AGsN7i.aUOt0"),
        ("wordpress", "$wp$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
        ("pbkdf2", "anything Kinde may take"),
    ],
)
def test_a_hash_of_its_method_passes(method: str | None, hashed: str) -> None:
    args = {"user_id": "kp_1", "hashed_password": hashed, "hashing_method": method}
    if method == "pbkdf2":
        args.update(salt="s", variant="salted-pbkdf2-hmac-sha256")
    given = {k: v for k, v in args.items() if v is not None}
    assert _checked(UserPasswordProvider(), **given) == []
