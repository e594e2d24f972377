"""The timeline: the dates that matter and a summary of each, with sources."""

from storyline.timeline.core import Query, build

__all__ = ["Query", "build"]
