"""The shape every pairing resource shares: enable a child for a parent, or not.

A pairing has no settings: its id is ``parent/child``, both parts force replacement, create
and delete are one call each, and read lists the parent's children.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CheckResult

from ..client import KindeClient, PageStyle
from ._claims import whole_set_owner
from ._ids import join_id, split_id
from ._listing import look_twice
from ._provider import KindeArgs, KindeProvider, Rollback
from ._values import contains_unknown

__all__ = ["LinkProvider"]


class LinkProvider(KindeProvider[KindeArgs, KindeArgs]):
    """Base of pairing providers. Subclasses name the two fields and the collection path."""

    parent_field: ClassVar[str]
    child_field: ClassVar[str]
    collection: ClassVar[str]
    """Path of the parent's children, e.g. ``/api/v1/applications/{parent}/connections``."""
    items_key: ClassVar[str]
    whole_set_relation: ClassVar[str | None] = None
    """A relation whose whole set another resource may declare for the child (see _claims)."""
    page_style: ClassVar[PageStyle] = "starting_after"
    """How the collection pages (most pairing lists take ``starting_after``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "parent_field" in vars(cls):
            cls.unique = ((cls.parent_field, cls.child_field),)

    def _parts(self, args: KindeArgs) -> tuple[str, str]:
        return str(getattr(args, self.parent_field)), str(getattr(args, self.child_field))

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        child = news.get(self.child_field)
        if self.whole_set_relation and isinstance(child, str) and not contains_unknown(child):
            owner = whole_set_owner(self.whole_set_relation, child)
            if owner:
                result.failures.append(
                    CheckFailure(
                        self.child_field,
                        f"{self.kind}: {owner} already declares every pairing of {child!r} "
                        f"({self.whole_set_relation}); declare this pairing there, or remove "
                        "that list and keep one resource per pairing, not both",
                    )
                )
        return result

    def create_object(
        self, api: KindeClient, args: KindeArgs, rollback: Rollback
    ) -> tuple[str, KindeArgs]:
        parent, child = self._parts(args)
        api.post(f"{self.collection.format(parent=parent)}/{child}")
        return join_id(parent, child), self.state_from(args)

    def read_object(self, api: KindeClient, id_: str) -> KindeArgs | None:
        parent, child = split_id(id_, self.kind, self.parent_field, self.child_field)
        path = self.collection.format(parent=parent)

        def is_child(item: dict[str, Any]) -> bool:
            # Kinde lists children either bare or wrapped as {"connection": {...}}.
            inner = next((v for v in item.values() if isinstance(v, dict)), item)
            return child in (item.get("id"), inner.get("id"))

        if not look_twice(api, path, self.items_key, is_child, style=self.page_style):
            return None
        values = {self.parent_field: parent, self.child_field: child}
        return self.state_model.model_validate(values)

    def delete_object(self, api: KindeClient, id_: str) -> None:
        parent, child = split_id(id_, self.kind, self.parent_field, self.child_field)
        api.delete(f"{self.collection.format(parent=parent)}/{child}")
