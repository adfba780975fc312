"""check() of every resource, fed random and hostile inputs: an answer, never a crash.

Inputs are built from each resource's own argument names (so most examples reach its field
validators) and from garbage: wrong types, empty and huge strings, bad URLs, unknown enum
values, unicode, nulls, unknown keys, nested lists and maps, and the preview's unknown
value. Some start from a valid declaration and break a few fields of it. check() runs in
this process, as the provider server would call it; it must return a CheckResult whose
failures each name a field with a reason, or a clean result whose inputs check again to
themselves, and it must never build a client (so never send a request).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckFailure, CheckResult
from pulumi.output import Unknown

from pulumi_kinde.resources import RESOURCE_TYPES, _context
from pulumi_kinde.resources._fields import field_behaviour
from pulumi_kinde.resources._provider import KindeProvider
from pulumi_kinde.resources._resource import KindeResource
from pulumi_kinde.resources._values import contains_unknown
from tests.reliability import tally
from tests.resources.test_lifecycle import ALL_CASES

EXAMPLES = 150  # per resource type: enough that a third of them being refusals holds every run


# The package's declared list, never KindeResource.__subclasses__(): that also finds
# test-only resources defined by whichever test modules were imported first.
RESOURCES = sorted(RESOURCE_TYPES, key=lambda cls: cls.__name__)

_HOSTILE_TEXT = [
    "",
    " ",
    "\t\n",
    "\x00",
    "null",
    "None",
    "undefined",
    "true",
    "0",
    "-1",
    "1e309",
    "NaN",
    "http://",
    "https://",
    "https:// spaced.example",
    "http://plain.example",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://files.example",
    "//no-scheme.example",
    "https://\u202eevil.example",
    "https://example.com/" + "a" * 3000,
    "#0a7cff",
    "blue",
    "#GGGGGG",
    "reg",
    "desktop",
    "REG",
    "m2m ",
    "oauth2:google",
    "oauth2:nope",
    "bool",
    "str",
    "int",
    "org",
    "usr",
    "app",
    "env",
    "user.created",
    "no.such.event",
    "a/b",
    "../../etc",
    "%00",
    "'; DROP TABLE roles; --",
    "<script>alert(1)</script>",
    "ünïcødé",
    "😀" * 10,
    "\ud7ff\ue000\uffff",
    "\uff21\uff43\uff4d\uff45",  # fullwidth "Acme"
    "+14155550100",
    "not-an-email",
    "ada@example.com",
]

_huge = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["a", "é", "😀", " ", "\x00", "ab:"]),
    st.integers(min_value=300, max_value=20_000),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(_HOSTILE_TEXT),
    _huge,
    st.builds(Unknown),
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(_HOSTILE_TEXT), children, max_size=4
        )
    ),
    max_leaves=12,
)


def _valid_base(cls: type[KindeResource]) -> dict[str, Any]:
    """A declaration check() accepts: the lifecycle case's, with ids for its parents."""
    model = cls.provider_class.args_model
    base: dict[str, Any] = {}
    for case in ALL_CASES:
        if case.resource is cls:
            base = dict(case.create)
    for name, info in model.model_fields.items():
        if info.is_required() and name not in base:
            base[name] = f"{name}_0123456789"
    # Arguments a rule requires, not the model (a new property's category): filled alike.
    for failure in cls.provider_class().check({}, base).failures or []:
        if failure.property not in base and "is required" in failure.reason:
            base[failure.property] = f"{failure.property}_0123456789"
    return base


def _inputs(cls: type[KindeResource]) -> st.SearchStrategy[dict[str, Any]]:
    names = sorted(field_behaviour(cls.provider_class.args_model))
    keys = st.sampled_from([*names, "__provider", "bogus", "Name", "", "profile"])
    fields = st.fixed_dictionaries({}, optional=dict.fromkeys(names, _values))
    extra = st.dictionaries(st.text(max_size=12) | keys, _values, max_size=3)
    garbage = st.builds(lambda a, b: {**a, **b}, fields, extra)
    broken = st.builds(
        lambda base, changes, dropped: {
            k: v for k, v in {**base, **changes}.items() if k not in dropped
        },
        st.just(_valid_base(cls)),
        st.dictionaries(keys, _values, max_size=3),
        st.sets(keys, max_size=2),
    )
    return st.one_of(garbage, broken, st.just(_valid_base(cls)))


@pytest.fixture(autouse=True)
def _no_clients() -> Iterator[None]:
    _context.reset()
    yield
    _context.reset()


@pytest.mark.parametrize("cls", RESOURCES, ids=lambda cls: cls.__name__)
def test_check_answers_every_input_with_field_failures_or_clean_inputs(
    cls: type[KindeResource],
) -> None:
    provider: KindeProvider[Any, Any] = cls.provider_class()
    names = set(field_behaviour(cls.provider_class.args_model))
    tried = {"clean": 0, "refused": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(olds=st.one_of(st.just({}), _inputs(cls)), news=_inputs(cls))
    def check(olds: dict[str, Any], news: dict[str, Any]) -> None:
        tally.add("inputs")
        result = provider.check(olds, news)
        assert isinstance(result, CheckResult)
        failures = result.failures or []
        for failure in failures:
            assert isinstance(failure, CheckFailure)
            assert failure.property in names | set(news), failure
            # "" only for an unknown argument named "": every failure names its field.
            assert failure.property or "" in news, f"a failure names no field: {failure.reason}"
            assert isinstance(failure.reason, str)
            assert failure.reason.startswith(f"{provider.kind} "), failure.reason
        if failures:
            tried["refused"] += 1
        else:
            tried["clean"] += 1
            inputs = result.inputs
            assert isinstance(inputs, dict)
            if not contains_unknown(news):
                again = provider.check({}, inputs)
                assert not again.failures, again.failures
                assert again.inputs == inputs
        assert _context._clients == {}, "check() built a client"

    check()
    # Both answers were exercised: the valid declaration alone guarantees a clean one.
    assert tried["clean"] >= 1 and tried["refused"] >= EXAMPLES // 3, tried
