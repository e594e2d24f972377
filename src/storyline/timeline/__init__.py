"""The timeline: the storyline of a store (the days that matter and what happened on each, with sources) or the
full event log."""

from storyline.timeline.core import Query, Source, event_log, storyline

__all__ = ["Query", "Source", "event_log", "storyline"]
