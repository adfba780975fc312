"""Logos of the environment and of organizations, uploaded from a file or from bytes.

Kinde shows a logo's file name, never its content: a logo is compared by the SHA-256 hash of
the content declared, kept in state (the content itself is not kept in outputs).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import pulumi
from pydantic import Field, ValidationInfo, field_validator

from ..client import KindeClient, NotFoundError
from ._fields import Computed, Replace, Transient, WriteOnly
from ._ids import OrganizationCode, join_id, split_id
from ._provider import Change, KindeArgs, KindeProvider, Rollback
from ._resource import KindeResource, declared

__all__ = ["EnvironmentLogo", "OrganizationLogo", "logo_content"]

LogoType = Annotated[Literal["light", "dark"], Replace]
MAX_BYTES = 1024 * 1024
"""The largest logo Kinde takes (docs.kinde.com, "Set global brand defaults": logos must be
under 1MB; the spec states no limit; the emulator refuses larger ones, FILE_TOO_LARGE)."""
_FORMATS = "PNG, JPEG, GIF, WebP or SVG"


def sniff(data: bytes) -> tuple[str, str] | None:
    """The content type and file extension of an image Kinde takes, from its first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    if b"<svg" in data[:1024].lower():
        return "image/svg+xml", "svg"
    return None


def _decoded(content: str) -> bytes:
    return base64.b64decode(content, validate=True)


def _image(content: str) -> str:
    """A PNG, JPEG, GIF, WebP or SVG image of at most 1 MB."""
    try:
        data = _decoded(content)
    except (binascii.Error, ValueError):
        raise ValueError(
            "must be the image's bytes (content=) or their base64; or give its path as file="
        ) from None
    if not data:
        raise ValueError("must not be empty: give a logo image")
    if sniff(data) is None:
        raise ValueError(f"must be a {_FORMATS} image (it starts with {data[:8]!r})")
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"is an image of {len(data):,} bytes; Kinde takes logos up to 1 MB "
            f"({MAX_BYTES:,} bytes): make it smaller (an SVG, or fewer pixels)"
        )
    return content


def _content_hash(value: str | None, info: ValidationInfo) -> str | None:
    content = info.data.get("content")
    if not isinstance(content, str):
        return value  # no content (a state read back), or content already refused
    digest = hashlib.sha256(_decoded(content)).hexdigest()
    if value is not None and value != digest:
        raise ValueError("must be the SHA-256 of content: leave it out (it is computed)")
    return digest


def _encoded(content: object) -> object:
    # Bytes as their base64 (what the Resource class sends), anything else as given.
    return base64.b64encode(content).decode() if isinstance(content, bytes) else content


class EnvironmentLogoArgs(KindeArgs):
    type: LogoType
    content: Annotated[str, Transient]
    content_sha256: Annotated[str | None, WriteOnly, Field(validate_default=True)] = None

    _encode = field_validator("content", mode="before")(_encoded)
    _check_content = field_validator("content")(_image)
    _hash = field_validator("content_sha256")(_content_hash)


class OrganizationLogoArgs(EnvironmentLogoArgs):
    org_code: Annotated[OrganizationCode, Replace]


class EnvironmentLogoState(KindeArgs):
    type: str
    content_sha256: str | None = None
    file_name: Annotated[str | None, Computed] = None


class OrganizationLogoState(EnvironmentLogoState):
    org_code: str


class _LogoProvider(KindeProvider[Any, Any]):
    """Upload, read, replace and delete one logo; subclasses say where it lives."""

    # Kinde names the stored file itself (spec example: "kinde_light.jpeg", not the name
    # uploaded) and an upload's reply does not say the name: the one read a create or an
    # update of a logo needs.
    read_after_write = True
    read_after_update = True
    upload_method: ClassVar[str]

    def path(self, args: Any) -> str:
        """The logo's path (``.../logos/{type}``) for ``args`` (or a state)."""
        raise NotImplementedError

    def logo_id(self, args: Any) -> str:
        raise NotImplementedError

    def state_for(self, id_: str) -> Any:
        """A state holding what the id says; None when the id cannot be one."""
        raise NotImplementedError

    def create_object(self, api: KindeClient, args: Any, rollback: Rollback) -> tuple[str, Any]:
        self._upload(api, args)
        return self.logo_id(args), self.state_from(args)

    def state_from(self, args: Any, **computed: Any) -> Any:
        # The content is sent, never kept: its hash stands for it.
        return super().state_from(args.model_copy(update={"content": None}), **computed)

    def read_object(self, api: KindeClient, id_: str) -> Any:
        state = self.state_for(id_)
        listed = api.get(self.path(state).rsplit("/", 1)[0]).get("logos") or []
        found = next((logo for logo in listed if logo.get("type") == state.type), None)
        if found is None:
            return None
        return state.model_copy(update={"file_name": found.get("file_name")})

    def update_object(self, api: KindeClient, id_: str, change: Change[Any, Any]) -> Any:
        self._upload(api, change.new)
        return change.old.model_copy(update={"content_sha256": change.new.content_sha256})

    def delete_object(self, api: KindeClient, id_: str) -> None:
        api.delete(self.path(self.state_for(id_)))

    def _upload(self, api: KindeClient, args: Any) -> None:
        data = _decoded(args.content)
        content_type, extension = sniff(data) or ("application/octet-stream", "bin")
        upload = {"logo": (f"{args.type}.{extension}", data, content_type)}
        api.request(self.upload_method, self.path(args), files=upload)


class EnvironmentLogoProvider(_LogoProvider):
    kind = "environment logo"
    args_model = EnvironmentLogoArgs
    state_model = EnvironmentLogoState
    upload_method = "PUT"
    unique = (("type",),)

    def path(self, args: Any) -> str:
        return f"/api/v1/environment/logos/{args.type}"

    def logo_id(self, args: Any) -> str:
        return str(args.type)

    def state_for(self, id_: str) -> Any:
        if id_ not in ("light", "dark"):
            raise _malformed(self.kind, id_, "light or dark")
        return EnvironmentLogoState(type=id_)


class OrganizationLogoProvider(_LogoProvider):
    kind = "organization logo"
    args_model = OrganizationLogoArgs
    state_model = OrganizationLogoState
    upload_method = "POST"
    unique = (("org_code", "type"),)

    def path(self, args: Any) -> str:
        return f"/api/v1/organizations/{args.org_code}/logos/{args.type}"

    def logo_id(self, args: Any) -> str:
        return join_id(args.org_code, args.type)

    def state_for(self, id_: str) -> Any:
        org_code, logo_type = split_id(id_, self.kind, "org_code", "type")
        if logo_type not in ("light", "dark"):
            raise _malformed(self.kind, id_, "org_code/light or org_code/dark")
        return OrganizationLogoState(org_code=org_code, type=logo_type)


def _malformed(kind: str, id_: str, expected: str) -> Exception:
    return NotFoundError(f"read {kind}", 404, "MALFORMED_ID", f"{id_!r} is not {expected}")


def logo_content(
    file: pulumi.Input[str] | None, content: pulumi.Input[bytes] | None
) -> pulumi.Input[str]:
    """The base64 of the logo in ``file`` (a path, read now) or ``content`` (bytes)."""
    if (file is None) == (content is None):
        raise TypeError(
            "a logo takes exactly one of file= (the path of an image) and content= (its bytes)"
        )
    if content is not None:
        return _apply(content, lambda data: base64.b64encode(data).decode())
    return _apply(file, _read)


def _apply(value: Any, fn: Any) -> pulumi.Input[str]:
    if isinstance(value, (str, bytes)):
        return str(fn(value))
    return pulumi.Output.from_input(value).apply(fn)


def _read(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValueError(
            f"logo argument 'file': cannot read {path!r} ({error.strerror or error}); give the "
            f"path of a {_FORMATS} image, relative to the Pulumi project directory"
        ) from None
    return base64.b64encode(data).decode()


class EnvironmentLogo(KindeResource, module="kinde", name="EnvironmentLogo"):
    """The environment's light or dark logo, uploaded from a file or from bytes.

    Give either ``file`` (a path, read when the program runs) or ``content`` (the bytes).
    Changing the image uploads it again; deleting the resource removes the logo.

    Example::

        import pulumi_kinde as kinde

        kinde.EnvironmentLogo(
            "logo",
            type="light",
            content=b'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>',
        )

    :id: ``light`` or ``dark``
    :find_id: The id is the logo's type: ``light`` or ``dark``.
    :scopes: ``ru:environments``
    :limitation: Kinde never returns a logo's image: the content is compared by its SHA-256
        hash (``content_sha256``, kept in state; the content itself is not kept in outputs),
        a logo replaced in the Kinde UI goes unseen, and adopting a logo (``import_id``)
        uploads the declared one once.
    :param resource_name: the Pulumi name of this resource.
    :param type: ``"light"`` or ``"dark"`` (the logo shown on a dark background).
    :param file: the path of the image (PNG, JPEG, GIF, WebP or SVG), read when the program
        runs; or give ``content`` instead.
    :param content: the image's bytes.
    :param import_id: ``light`` or ``dark``, to adopt that logo (it is uploaded once).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = EnvironmentLogoProvider

    type: pulumi.Output[str]
    """``light`` or ``dark``."""
    content_sha256: pulumi.Output[str]
    """The SHA-256 of the uploaded content (hex)."""
    file_name: pulumi.Output[str | None]
    """The file name Kinde shows for the logo."""

    def __init__(
        self,
        resource_name: str,
        *,
        type: pulumi.Input[str],
        file: pulumi.Input[str] | None = None,
        content: pulumi.Input[bytes] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        inputs = declared(locals())
        inputs.pop("file", None)
        inputs["content"] = logo_content(file, content)
        super().__init__(resource_name, inputs, opts, profile)


class OrganizationLogo(KindeResource, module="kinde", name="OrganizationLogo"):
    """An organization's light or dark logo, uploaded from a file or from bytes.

    Give either ``file`` (a path, read when the program runs) or ``content`` (the bytes).
    Changing the image uploads it again; deleting the resource removes the logo.

    Example::

        import pulumi_kinde as kinde

        acme = kinde.Organization("acme", name="Acme")
        kinde.OrganizationLogo(
            "acme-logo",
            org_code=acme.code,
            type="light",
            content=b'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>',
        )

    :id: ``org_code/type``
    :find_id: The org code (see ``Organization``) and the logo's type, e.g.
        ``org_1a2b/light``.
    :scopes: ``ru:organizations``
    :limitation: Kinde never returns a logo's image: as for ``EnvironmentLogo``, the content
        is compared by its SHA-256 hash, a logo replaced in the Kinde UI goes unseen, and
        adopting a logo uploads the declared one once.
    :param resource_name: the Pulumi name of this resource.
    :param org_code: the organization's code.
    :param type: ``"light"`` or ``"dark"``.
    :param file: the path of the image (PNG, JPEG, GIF, WebP or SVG), read when the program
        runs; or give ``content`` instead.
    :param content: the image's bytes.
    :param import_id: ``org_code/type`` of a logo to adopt (it is uploaded once).
    :param profile: which configured Kinde business to manage (``None``: the default one).
    :param opts: Pulumi resource options.
    """

    provider_class = OrganizationLogoProvider

    org_code: pulumi.Output[str]
    """The organization's code."""
    type: pulumi.Output[str]
    """``light`` or ``dark``."""
    content_sha256: pulumi.Output[str]
    """The SHA-256 of the uploaded content (hex)."""
    file_name: pulumi.Output[str | None]
    """The file name Kinde shows for the logo."""

    def __init__(
        self,
        resource_name: str,
        *,
        org_code: pulumi.Input[str],
        type: pulumi.Input[str],
        file: pulumi.Input[str] | None = None,
        content: pulumi.Input[bytes] | None = None,
        import_id: pulumi.Input[str] | None = None,
        profile: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        inputs = declared(locals())
        inputs.pop("file", None)
        inputs["content"] = logo_content(file, content)
        super().__init__(resource_name, inputs, opts, profile)
