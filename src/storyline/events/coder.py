"""The coder plug-in point: a Coder turns one sentence into events; coders are registered by name and the one used is
chosen by Settings.event_coder ('rules' by default). A new coder is a module of storyline.events that registers a
factory with @register('name') (or a module of another package, named under the entry point group
'storyline.coders'): every such module is imported when a coder is looked up (docs/extending.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from storyline.plugins import discover, filed_under
from storyline.records import Event, Sentence
from storyline.settings import DEFAULT, Settings


@runtime_checkable
class Coder(Protocol):
    """Anything that codes a sentence into PLOVER events."""

    name: str

    def code(self, sentence: Sentence) -> list[Event]:
        """The events of one sentence, the main one first (an empty list when there is none)."""
        ...


CoderFactory = Callable[[Settings], Coder]
CODERS: dict[str, CoderFactory] = {}


def register(name: str) -> Callable[[CoderFactory], CoderFactory]:
    """Register a coder factory under a name usable in Settings.event_coder."""
    return filed_under(CODERS, name)


def coder_name(settings: Settings) -> str:
    """The coder the settings ask for."""
    return settings.event_coder or "rules"


def coders() -> list[str]:
    """The names of every event coder (those of storyline.events and of 'storyline.coders' entry points)."""
    discover("storyline.events", "storyline.coders")
    return sorted(CODERS)


def get_coder(settings: Settings = DEFAULT) -> Coder:
    """The coder the settings ask for, built once per call."""
    name = coder_name(settings)
    if name not in CODERS:
        discover("storyline.events", "storyline.coders")
    if name not in CODERS:
        raise ValueError(f"unknown event coder {name!r}; choose from {', '.join(sorted(CODERS))}")
    return CODERS[name](settings)


@register("rules")
def _rules(settings: Settings) -> Coder:
    from storyline.events.rules import RuleCoder

    return RuleCoder(settings)
