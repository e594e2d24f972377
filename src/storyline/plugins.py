"""Plug-ins: stages, event coders, input formats and exports register themselves by name when their module is
imported; discover() imports every module of a package and every entry point of a group, so that a new one is a
new file in the package (or a package of its own that names it under the group in its pyproject.toml)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from importlib.metadata import entry_points
from typing import TypeVar

T = TypeVar("T")


@cache
def discover(package: str, group: str) -> None:
    """Import every module of a package and load every entry point of a group (once per process)."""
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        importlib.import_module(f"{package}.{info.name}")
    for ep in entry_points(group=group):
        ep.load()


def filed_under(table: dict[str, T], *names: str) -> Callable[[T], T]:
    """A decorator that files what it decorates in a table under each name and returns it unchanged."""

    def register(item: T) -> T:
        for name in names:
            table[name] = item
        return item

    return register
