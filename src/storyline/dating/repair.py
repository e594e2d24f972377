"""Date repair through same-event clusters: a well-dated report of an event dates the other reports of it.

How the pipeline uses it, after the first dating pass and clustering (see pipeline.resolve):

    peers = peer_constraints(clusters, events, published, timexes)   # doc id -> [Dated constraint, ...]
    for doc_id, constraints in peers.items():                        # re-date only those documents
        published[doc_id] = date_document(doc, timexes[doc_id], settings, pinned, peers=constraints)
        timexes[doc_id] = date_timexes(timexes[doc_id], published[doc_id])
        events of doc_id = date_events(events of doc_id, timexes[doc_id], published[doc_id])
    date_clusters(clusters, events, published, timexes)   # cluster.date from its best-evidenced member;
                                                          # consistent uncertain members inherit it

A constraint comes from the best-evidenced member (an event dated to one day, certainly, in a document not itself
dated through a cluster): another member's own time expression ('on Wednesday') is inverted: the days its
document may be dated so that the expression denotes that day; a member with no time expression, or an absolute
one, only says its report is on or after the event. A member whose current interval excludes that day is left
alone (the clustering may be wrong), and so is a member of another category, with other actors or another mode
(same_event), and a document whose date is already certain. Nothing becomes certain through a cluster alone:
a re-dated document keeps an interval, the time expressions resolved against it stay uncertain (dating.anchoring
.date_timexes), and members inherit the cluster's day as an uncertain one-day interval.
Every constraint and inheritance carries Evidence(kind='cluster') naming the peer document and sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from storyline.dating.anchoring import anchors_denoting
from storyline.dating.days import bounds, contains, stated
from storyline.dating.events import event_timex
from storyline.records import Cluster, Dated, Event, Evidence, Interval, TimeExpression, day

_STRENGTH = {"pinned": 0, "meta": 1, "header": 1, "dateline": 2, "dateline+weekday": 2}


def _single_day(d: Dated | None) -> dt.date | None:
    """The day of a certain one-day date, else None."""
    if d is None or not d.certain:
        return None
    lo, hi = bounds(d.interval)
    if lo and lo == hi:
        return lo
    got = day(d.date)
    return got if got and len(d.date or "") == 10 else None


def best_member(members: Sequence[Event], published: Mapping[str, Dated]) -> Event | None:
    """The member whose date is best evidenced: certain and one day, not itself repaired through a cluster; None
    when there is none or when such members disagree."""
    good = [m for m in members if _single_day(m.date) and m.date and m.date.source != "cluster"
            and "cluster" not in (published[m.doc].source if m.doc in published else "").split("+")]
    if not good or len({_single_day(m.date) for m in good}) != 1:
        return None

    def rank(m: Event) -> tuple[int, str, int]:
        pub = published.get(m.doc)
        strength = _STRENGTH.get(pub.source, 3) if pub and pub.certain else 4
        return strength, m.doc, m.sentence
    return min(good, key=rank)


def same_event(a: Event, b: Event) -> bool:
    """A check of the clustering before its dates are trusted: same category, shared actors (two when both name
    two), and no conflicting modes ('phone' against 'visit')."""
    if a.category != b.category or (a.mode and b.mode and a.mode != b.mode):
        return False
    left, right = set(a.actors + a.recipients), set(b.actors + b.recipients)
    return len(left & right) >= min(2, len(left), len(right)) > 0


def peer_constraints(clusters: Sequence[Cluster], events: Sequence[Event], published: Mapping[str, Dated],
                     timexes: Mapping[str, Sequence[TimeExpression]]) -> dict[str, list[Dated]]:
    """For each document whose date is not certain, the constraints that better-dated reports of the same events
    put on its date (pass them to date_document(..., peers=...))."""
    by_id = {e.id: e for e in events}
    out: dict[str, list[Dated]] = defaultdict(list)
    for c in clusters:
        members = [by_id[i] for i in c.events if i in by_id]
        if len({m.doc for m in members}) < 2:
            continue
        anchor = best_member(members, published)
        if anchor is None:
            continue
        when = _single_day(anchor.date)
        assert when is not None
        for m in members:
            pub = published.get(m.doc)
            if m.doc == anchor.doc or (pub is not None and pub.certain) or not same_event(m, anchor):
                continue
            if m.date is not None and m.date.interval is not None and not contains(m.date.interval, when):
                continue
            got = _constraint(m, when, anchor, c, timexes.get(m.doc, ()), pub)
            if got is not None:
                out[m.doc].append(got)
    return dict(out)


def _constraint(m: Event, when: dt.date, anchor: Event, c: Cluster, timexes: Sequence[TimeExpression],
                pub: Dated | None) -> Dated | None:
    """The days m's document may be dated, given that m happened on `when`; None when no day fits."""
    t = event_timex(m, timexes)
    lo_doc, hi_doc = bounds(pub.interval) if pub else (None, None)
    if t is not None and t.anchored:
        fits = anchors_denoting(t, when, lo_doc, hi_doc)
        if not fits:
            return None
        lo, hi = fits[0], fits[-1]
        how = f"'{t.text}' in sentence {m.sentence} here then dates this document {lo} to {hi}"
    elif m.future:
        return None
    else:
        lo, hi = when, None
        how = "this report is on or after it"
    note = (f"reports the same event (cluster {c.id}) as {anchor.doc} sentence {anchor.sentence}, dated {when} "
            f"there ({anchor.date.source if anchor.date else '?'}); {how}")
    text = _anchor_text(anchor)
    ev = Evidence("cluster", text, Interval.of(lo, hi), anchor.doc, anchor.sentence, note)
    return Dated(None, False, Interval.of(lo, hi), "cluster", [ev])


def _anchor_text(anchor: Event) -> str:
    """The words the anchor's date rests on: its time expression's text, else its sentence."""
    if anchor.date and anchor.date.evidence and anchor.date.evidence[0].text:
        return anchor.date.evidence[0].text
    return anchor.text[:120]


def consistent(m: Event, when: dt.date, timexes: Mapping[str, Sequence[TimeExpression]],
               published: Mapping[str, Dated]) -> bool:
    """Whether a member's own evidence allows it to have happened on `when`: its interval holds that day and its
    own time expression ('on Wednesday') can denote it for some date its document may have."""
    if m.date is not None and m.date.interval is not None and not contains(m.date.interval, when):
        return False
    t = event_timex(m, timexes.get(m.doc, ()))
    if t is None or not t.anchored:
        return True
    pub = published.get(m.doc)
    lo, hi = bounds(pub.interval) if pub else (None, None)
    return bool(anchors_denoting(t, when, lo, hi))


def cluster_date(members: Sequence[Event], published: Mapping[str, Dated] | None = None,
                 timexes: Mapping[str, Sequence[TimeExpression]] | None = None) -> Dated | None:
    """A cluster's date from its members: the best-evidenced member's day when certain members agree (members
    whose own evidence contradicts it are recorded as Evidence(kind='conflict'): the clustering may have merged
    two events); else the hull of the members' intervals, uncertain (not their intersection: a wrongly merged
    report would then push the others out of their own true interval)."""
    published = published or {}
    if len(members) == 1:
        return members[0].date
    anchor = best_member(members, published)
    if anchor is not None and anchor.date is not None:
        when = _single_day(anchor.date)
        assert when is not None
        ev = [Evidence("cluster", _anchor_text(anchor), Interval.of(when, when), anchor.doc, anchor.sentence,
                       f"best-evidenced member ({anchor.date.source}) of {len(members)} reports")]
        for m in members:
            if m is not anchor and not consistent(m, when, timexes or {}, published):
                ev.append(Evidence("conflict", m.text[:120], m.date.interval if m.date and m.date.interval
                                   else Interval(None, None), m.doc, m.sentence,
                                   f"this report's own date cannot be {when}: not the same event?"))
        return Dated(stated(when, when, True), True, Interval.of(when, when), "cluster", ev)
    dated = [m for m in members if m.date is not None and m.date.interval is not None]
    if not dated:
        return None
    ends = [bounds(m.date.interval) for m in dated if m.date]
    lo = None if any(x is None for x, _ in ends) else min(x for x, _ in ends if x)
    hi = None if any(x is None for _, x in ends) else max(x for _, x in ends if x)
    note = "no member is dated for certain: the days any report allows (the clustering may be wrong)"
    evidence = [Evidence("cluster", m.text[:120], m.date.interval or Interval(None, None), m.doc, m.sentence, note)
                for m in dated if m.date]
    return Dated(stated(lo, hi, False), False, Interval.of(lo, hi) if (lo or hi) else None, "cluster", evidence)


def date_clusters(clusters: Sequence[Cluster], events: Sequence[Event],
                  published: Mapping[str, Dated] | None = None,
                  timexes: Mapping[str, Sequence[TimeExpression]] | None = None) -> None:
    """Set each cluster's date, and give members with uncertain dates the cluster's day as their interval when
    their own evidence allows it (with Evidence(kind='cluster')). The inherited date stays uncertain: it rests
    on the clustering, which can be wrong; the cluster's own date is certain when its best member is."""
    by_id = {e.id: e for e in events}
    published = published or {}
    for c in clusters:
        members = [by_id[i] for i in c.events if i in by_id]
        if not members:
            continue
        c.date = cluster_date(members, published, timexes)
        if c.date is None or not c.date.certain or len(members) < 2:
            continue
        when = _single_day(c.date)
        anchor = best_member(members, published)
        if when is None or anchor is None:
            continue
        for m in members:
            if m.date is not None and m.date.certain:
                continue
            if not same_event(m, anchor) or not consistent(m, when, timexes or {}, published):
                continue
            own = m.date.evidence if m.date else []
            m.date = Dated(stated(when, when, False), False, Interval.of(when, when), "cluster",
                           [*c.date.evidence[:1], *own])
