"""The ``pulumi-kinde`` command line: ``try`` a program offline (and, later, ``export``)."""

from .main import main

__all__ = ["main"]
