"""Same-event clustering and cluster-based date repair on events built here."""

from __future__ import annotations

from storyline import dating
from storyline.cluster import assign
from storyline.cluster.core import compatible_dates
from storyline.records import Dated, Event, Interval
from storyline.settings import DEFAULT

TF_ONLY = DEFAULT.with_(embeddings=False)


def certain(day: str, source: str = "dateline") -> Dated:
    return Dated(day, True, Interval(day, day), source)


def uncertain(lo: str | None, hi: str | None) -> Dated:
    return Dated(None, False, Interval(lo, hi), "latest-mention")


def ev(id: str, doc: str, text: str, category: str = "CONSULT", actors=("Xi Jinping",), recipients=("Vladimir Putin",),
       date: Dated | None = None, mode: str | None = None, sentence: int = 0, **kw) -> Event:
    return Event(id=id, doc=doc, sentence=sentence, start=0, end=len(text), text=text, category=category, mode=mode,
                 actors=list(actors), recipients=list(recipients), date=date, **kw)


CALL_A = "Chinese President Xi Jinping held a video call with Russian President Vladimir Putin on Wednesday."
CALL_B = "Putin and Xi held talks by video call on Wednesday, the Kremlin said, calling the exchange between the two leaders warm."
VISIT = "Xi Jinping arrived in Moscow for a state visit to Vladimir Putin, his first trip abroad this year."


def test_same_event_in_other_words_is_merged():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    b = ev("b", "001", CALL_B, date=uncertain("2021-12-09", "2021-12-21"), mode="video")
    clusters = assign([a, b], [], TF_ONLY)
    assert a.cluster == b.cluster
    (c,) = [c for c in clusters if c.id == a.cluster]
    assert set(c.documents) == {"001", "004"}
    assert {"Xi Jinping", "Vladimir Putin"} <= set(c.actors)
    assert c.story is not None


def test_different_weekdays_are_not_merged():
    a = ev("a", "001", CALL_A, date=uncertain("2021-12-09", "2021-12-21"))
    b = ev("b", "002", CALL_A.replace("on Wednesday", "on Friday"), date=uncertain("2021-12-09", "2021-12-21"))
    assign([a, b], [], TF_ONLY)
    assert a.cluster != b.cluster


def test_different_dates_are_not_merged():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    b = ev("b", "005", CALL_A, date=certain("2022-06-15"), mode="video")
    assign([a, b], [], TF_ONLY)
    assert a.cluster != b.cluster


def test_different_manner_and_unrelated_text_are_not_merged():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    b = ev("b", "002", VISIT, date=None, mode="visit")
    c = ev("c", "003", "Flooding closed schools across the region.", category="CONSULT", actors=(), recipients=(),
           date=None)
    assign([a, b, c], [], TF_ONLY)
    assert len({a.cluster, b.cluster, c.cluster}) == 3


def test_negated_mentions_stay_apart():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"))
    b = ev("b", "001", CALL_A.replace("held", "did not hold"), date=certain("2021-12-15"), negated=True)
    assign([a, b], [], TF_ONLY)
    assert a.cluster != b.cluster


def test_incremental_assign_keeps_old_clusters():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    first = assign([a], [], TF_ONLY)
    old = {c.id: list(c.events) for c in first}
    b = ev("b", "001", CALL_B, date=uncertain("2021-12-09", "2021-12-21"), mode="video")
    d = ev("d", "006", VISIT, date=certain("2023-03-20"), mode="visit")
    # the stored cluster comes back from the store; the old event keeps its cluster id
    second = assign([a, b, d], first, TF_ONLY)
    assert a.cluster in old and b.cluster == a.cluster
    assert d.cluster not in old
    by_id = {c.id: c for c in second}
    assert set(old[a.cluster]) <= set(by_id[a.cluster].events)


def test_stories_join_documents_through_shared_clusters():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    b = ev("b", "001", CALL_B, date=uncertain("2021-12-09", "2021-12-21"), mode="video")
    c = ev("c", "001", "Blinken spoke with Kuleba by phone.", actors=("Antony Blinken",),
           recipients=("Dmytro Kuleba",), date=certain("2022-02-04"), sentence=3)
    clusters = assign([a, b, c], [], TF_ONLY)
    stories = {c.id: c.story for c in clusters}
    assert stories[a.cluster] == stories[c.cluster]


def test_compatible_dates():
    assert compatible_dates(certain("2021-12-15"), uncertain("2021-12-10", "2022-01-01"))
    assert not compatible_dates(certain("2021-12-15"), uncertain("2022-01-01", None))
    assert compatible_dates(None, certain("2021-12-15"))
    assert not compatible_dates(certain("2021-12-15"), certain("2021-12-16"))


def test_date_repair_uncertain_member_inherits_with_evidence():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    b = ev("b", "001", CALL_B, date=uncertain("2021-12-09", "2021-12-21"), mode="video")
    clusters = assign([a, b], [], TF_ONLY)
    dating.date_clusters(clusters, [a, b])
    (c,) = [c for c in clusters if c.id == a.cluster]
    assert c.date is not None and c.date.certain and c.date.date == "2021-12-15"
    # the uncertain report inherits the day as its interval, with the cluster evidence naming the dated report
    assert b.date is not None and b.date.interval == Interval("2021-12-15", "2021-12-15")
    assert b.date.source == "cluster"
    assert any(e.kind == "cluster" and e.doc == "004" for e in b.date.evidence)


def test_date_repair_never_certain_from_conflict():
    # two certain reports disagree: the cluster is not given either day as certain
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"))
    b = ev("b", "001", CALL_B, date=certain("2021-12-16"))
    u = ev("u", "002", CALL_A, date=None)
    from storyline.records import Cluster

    c = Cluster(id="c1", events=["a", "b", "u"], documents=["004", "001", "002"], category="CONSULT", actors=[])
    dating.date_clusters([c], [a, b, u])
    assert c.date is None or not c.date.certain
    assert u.date is None or not u.date.certain


def test_undated_mention_in_another_report_needs_strong_evidence():
    a = ev("a", "004", CALL_A, date=certain("2021-12-15"), mode="video")
    u = ev("u", "002", "At the meeting, President Xi backed demands from his Russian counterpart, Putin, to end "
           "NATO enlargement.", category="SUPPORT", date=uncertain("2021-12-08", "2026-11-22"))
    same_doc = ev("s", "004", "Xi told Putin during the video call that relations were better than an alliance.",
                  date=None, sentence=5)
    assign([a, u, same_doc], [], TF_ONLY)
    assert u.cluster != a.cluster
    assert same_doc.cluster == a.cluster


def test_word_features_are_scikit_learns_murmurhash() -> None:
    """Stored word statistics were counted with scikit-learn's murmurhash3_32: the features must stay the same."""
    from sklearn.utils import murmurhash3_32

    from storyline.cluster.terms import FEATURES, feature

    for term in ("obama", "haïti", "北京", "earthquak", "x" * 300, "a b"):
        assert feature(term) == murmurhash3_32(term, positive=True) % FEATURES
