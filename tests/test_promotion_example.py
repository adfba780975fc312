"""The promotion example: one program, two stacks (dev and prod), each against its own Kinde
business with its own config; same definitions, per-stack values, secrets kept secret."""

from __future__ import annotations

from pathlib import Path

from pulumi_kinde.emulator import Emulator
from pulumi_kinde.testing import ProgramRunner
from tests.conftest import stack_config

PROGRAM = Path(__file__).resolve().parent.parent / "examples" / "promotion"

STACKS = {
    "dev": {
        "promotion:apiBaseUrl": "https://api.dev.example.com",
        "promotion:newCheckout": "true",
        "promotion:maxSeats": "50",
        "promotion:supportEmail": "dev-support@example.com",
        "promotion:stripeKey": "sk_test_dev-key-for-the-example",
    },
    "prod": {
        "promotion:apiBaseUrl": "https://api.example.com",
        "promotion:newCheckout": "false",
        "promotion:maxSeats": "10",
        "promotion:supportEmail": "support@example.com",
        "promotion:stripeKey": "sk_live_prod-key-for-the-example",
    },
}


def _runner(emu: Emulator, stack: str) -> ProgramRunner:
    return ProgramRunner(
        config=stack_config(emu, **STACKS[stack]),
        secret_keys=["kinde:clientSecret", "promotion:stripeKey"],
        stack=stack,
    )


def test_one_program_promoted_from_dev_to_prod() -> None:
    with Emulator() as dev, Emulator() as prod:
        runners = {"dev": _runner(dev, "dev"), "prod": _runner(prod, "prod")}
        businesses = {"dev": dev, "prod": prod}
        for runner in runners.values():
            assert set(runner.up(PROGRAM).ops.values()) == {"create"}

        for stack, emu in businesses.items():
            values = STACKS[stack]
            flags = {f.key: f for f in emu.store.feature_flags.all()}
            assert sorted(flags) == ["max_seats", "new_checkout", "theme"]
            assert flags["new_checkout"].default_value == values["promotion:newCheckout"]
            assert flags["max_seats"].default_value == values["promotion:maxSeats"]
            variables = {v.key: v for v in emu.store.environment_variables.all()}
            assert variables["API_BASE_URL"].value == values["promotion:apiBaseUrl"]
            assert variables["STRIPE_KEY"].value == values["promotion:stripeKey"]
            assert variables["STRIPE_KEY"].is_secret
            (override,) = emu.store.organization_feature_flags.all()
            assert override.value == "true"
            (business,) = emu.store.businesses.all()
            assert business.email == values["promotion:supportEmail"]

            runner = runners[stack]
            outputs = runner.outputs
            assert outputs["max_seats_default"].value == int(values["promotion:maxSeats"])
            assert values["promotion:stripeKey"] not in runner.state_json()
            emu.reset_log()
            assert set(runner.up(PROGRAM).ops.values()) == {"same"}
            assert emu.requests == []
            assert all(step.changed == () for step in runner.refresh().steps.values())

        # Promote a change of definition: both stacks converge with one update each.
        for stack, runner in runners.items():
            runner.config["promotion:maxSeats"] = "75"
            assert runner.up(PROGRAM).ops["max-seats"] == "update"
            seats = businesses[stack].store.feature_flags.get("max_seats")
            assert seats is not None and seats.default_value == "75"

        for stack, runner in runners.items():
            runner.destroy()
            emu = businesses[stack]
            assert len(emu.store.feature_flags) == len(emu.store.environment_variables) == 0
            # What Kinde cannot delete stays: the category, and the business's settings.
            assert "Account" in [c.name for c in emu.store.property_categories]
