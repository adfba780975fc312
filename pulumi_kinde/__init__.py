"""Manage a Kinde business as code with Pulumi."""

__all__: list[str] = []
