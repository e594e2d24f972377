"""Time expressions: find them on the spaCy doc, give each a TIMEX3 type and value, resolve against an anchor.

    find(doc, parse, settings) -> list[TimeExpression]   (the build's stage: tag(parse, doc.id))
    tag(sdoc, doc_id, dct=None) -> list[TimeExpression]
        With a dct (TempEval), `value` is resolved against it.  Without one (the pipeline, before the document
        is dated), `value` is underspecified ('XXXX-12-30', 'XXXX-WXX-5'), `anchored` is True for everything
        that depends on the document date, and `meaning` holds what the expression means without that date
        (a records.TimeMeaning: MonthDay(12, 30, 'past'), WeekdayOf(5, 'past'), Shift('W', -1), Vague('PAST_REF')).
    resolve(t, anchor) -> (value, Interval | None)
        The value and the inclusive days the expression denotes if its document is dated `anchor`; monotone in
        the anchor (a later anchor never gives an earlier day), so an uncertain document date [lo, hi] gives
        the expression's interval from resolve(t, lo) and resolve(t, hi).

TimeExpression.rule is one of RULES.  Anaphoric expressions ('the day before', 'that year') are counted from the
date mentioned just before them; when that date is absolute they become absolute (OnDate, not anchored, but
`certain` stays False because the referent is a guess), otherwise they fall back to the document date and
their rule is 'anaphoric' ('By the next day, it was clear...' in a story about last year: never certain).
"""

from storyline.timex.tagger import RULE_LABELS, find, resolve, tag

RULES = RULE_LABELS

__all__ = ["find", "tag", "resolve", "RULES"]
