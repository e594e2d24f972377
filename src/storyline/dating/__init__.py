"""Dating: the document's date from all evidence, the dates of its time expressions and events, and date repair
through same-event clusters.

Use, for a corpus: archive = archive_layout((doc.id, doc.path, printed_date(doc)) for every document)
per document:       published = date_document(doc, timexes, settings, pinned=pins.get(doc.id),
                                              context=Context(archive=archive.get(doc.id)))
                    timexes = date_timexes(timexes, published, comments_start(doc.text))
                    events = date_events(events, timexes, published)
per copy:           date_document(copy, [], settings, context=Context(archive=..., original=id, original_date=...))
After clustering:   see storyline.dating.repair (peer_constraints, then date_document(..., peers=...), then
                    date_clusters).
"""

from storyline.dating.anchoring import date_timexes, resolve_between
from storyline.dating.datelines import comments_start
from storyline.dating.documents import Context, date_document, printed_date
from storyline.dating.events import date_events, event_timex
from storyline.dating.paths import archive_layout
from storyline.dating.repair import cluster_date, date_clusters, peer_constraints

__all__ = ["date_document", "date_timexes", "date_events", "event_timex", "resolve_between",
           "peer_constraints", "date_clusters", "cluster_date", "Context", "archive_layout", "printed_date",
           "comments_start"]
