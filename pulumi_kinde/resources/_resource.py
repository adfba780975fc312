"""The Pulumi side of every resource: typed keyword arguments in, typed outputs back."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import pulumi
from pulumi.dynamic import Resource

from ._fields import field_behaviour
from ._provider import KindeProvider, secret_outputs

__all__ = ["REPLACE_ON_CHANGES_IGNORED", "KindeResource", "declared"]

R = TypeVar("R", bound="KindeResource")

_NOT_INPUTS = frozenset({"self", "resource_name", "opts", "profile", "__class__"})

REPLACE_ON_CHANGES_IGNORED = (
    "replace_on_changes has no effect on this resource: the Pulumi engine applies it to the "
    "keys a provider's Diff reports, which a Python dynamic provider cannot report, so a "
    "change stays an update in place; to replace the object, run `pulumi up --replace <urn>`"
)
"""Said under every resource declared with ``replace_on_changes`` (the engine ignores it)."""

# pulumi.dynamic's serialize_provider wraps pickle._Pickler._batch_setitems in a sorting
# wrapper on every call and never restores it: after about 950 resources in one process the
# wrappers nest past the recursion limit. Each resource puts the original back first.
_BATCH_SETITEMS = pickle._Pickler._batch_setitems  # type: ignore[attr-defined]


def declared(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments a resource's ``__init__`` received (pass it ``locals()``)."""
    return {k: v for k, v in arguments.items() if k not in _NOT_INPUTS and v is not None}


class KindeResource(Resource):
    """Base of every pulumi-kinde resource.

    Subclasses name their provider class and declare typed ``__init__`` keyword arguments
    and ``pulumi.Output`` attributes. ``profile`` selects which Kinde business to manage:
    ``None`` reads ``kinde:*`` config and ``KINDE_*`` variables, ``"prod"`` reads
    ``kinde-prod:*`` and ``KINDE_PROD_*``. Only the profile name is stored in state.

    A subclass's docstring is its reference page: it follows the shape described in
    ``_docstring`` (example, id, scopes, limitations, one ``:param:`` per argument), and each
    ``pulumi.Output`` attribute has a docstring; tests/test_docs.py checks both.
    """

    provider_class: ClassVar[type[KindeProvider[Any, Any]]]

    import_id: pulumi.Output[str | None]
    """The id of the Kinde object this resource adopted, if it was adopted."""

    def __init__(
        self,
        resource_name: str,
        inputs: Mapping[str, Any],
        opts: pulumi.ResourceOptions | None = None,
        profile: str | None = None,
    ) -> None:
        provider = self.provider_class(profile, resource_name)
        props: dict[str, Any] = dict.fromkeys(field_behaviour(provider.state_model))
        props.update(inputs)
        secrets = secret_outputs([provider.state_model])
        if secrets:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=secrets)
            )
        # A secret input is stored in state as given: make it a secret, not only the output.
        for name in secret_outputs([provider.args_model]):
            if props.get(name) is not None:
                props[name] = pulumi.Output.secret(props[name])
        pickle._Pickler._batch_setitems = _BATCH_SETITEMS  # type: ignore[attr-defined]
        super().__init__(provider, resource_name, props, opts)
        if opts is not None and opts.replace_on_changes:
            pulumi.log.warn(REPLACE_ON_CHANGES_IGNORED, resource=self)

    @classmethod
    def get(
        cls: type[R],
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        *,
        profile: str | None = None,
    ) -> R:
        """Reference an existing Kinde object by id, read-only: Pulumi never changes it."""
        merged = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        resource = cls.__new__(cls)
        KindeResource.__init__(resource, resource_name, {}, merged, profile)
        return resource
