"""Dating: the document's date from all evidence, and the dates of its time expressions and events."""

from storyline.dating.documents import date_document, date_events, date_timexes

__all__ = ["date_document", "date_timexes", "date_events"]
