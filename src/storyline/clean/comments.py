"""Reader comments under an article: a thread is found by the shapes its headers, signatures and buttons
take, and everything from its start to the end of the page is chrome.

Comment bodies read like any prose, so a line's own look cannot tell them; what gives a thread away is
what repeats around each comment: a header with a time and a name ('At 15:38 20th Jan 2012, BluesBerry
wrote:', 'Catherine on September 13, 2018 at 5:23 pm said:', 'averagjoe says:'), a time stamp ('November 19,
2019 at 6:34 am', '2 days ago at 07:52 am', 'March 26, 2011 at 6:14 pm | ...'), a signature after the comment
('Posted by: bregenz | June 12, 2010 9:41 PM | Report abuse'), the time it was posted opening it ('Added:
Tuesday, 19 January, 2010, 17:55 GMT'), a reader's name and place opening or closing
their message ('Raven Morpheus, Braintree, Essex, UK'; a run of such lines alone is a list, not signatures) or
buttons ('Reply', 'Report abuse', 'Rating: 36 Votes'). A header that names a writer beside a time is enough;
other shapes must come twice, close together, below some running text; bare time stamps also need a
comments heading above them or buttons among them (so a live blog's times are not taken for a thread). When
signatures follow their comment, the thread starts at the post's own closing line above the first one (its
byline with a date, or a comments heading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.clean.pagedates import MONTHS, WEEKDAYS

_TIME = r"\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?"
_AGO = r"\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
_DAY_MONTH = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?(?:\s+\d{4})?"
              r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,?(?:\s+\d{4})?"
              r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4})")
_HANDLE = r"[^\s,:|][^,:|]{0,38}?"
_SAID = r"(?:says|said|wrote|writes|replied|commented)"
# a header naming the writer beside a time: 'At 2:10 pm on 02 Jun 2009, ghostofsichuan wrote:'
WROTE = re.compile(rf"\b{_TIME}\s*(?:on\s+)?(?:{_DAY_MONTH})?\s*,?\s*{_HANDLE}\s+(?:wrote|writes)\s*:", re.IGNORECASE)
# a signature after the comment: 'Posted by: bregenz | June 12, 2010 9:41 PM', '... | Report abuse'
SIGNATURE = re.compile(rf"\bposted by\s*:\s*{_HANDLE}\s*\|\s*{_DAY_MONTH}|\|\s*report abuse\b", re.IGNORECASE)
# 'averagjoe says:', 'Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:'
SAYS = re.compile(rf"^[^:|]{{1,90}}?\s{_SAID}\s*:$", re.IGNORECASE)
SAYS_WORDS = 4  # ... a header without a time names no more than this many words
TIME = re.compile(rf"{_TIME}|{_AGO}", re.IGNORECASE)
STAMP_WORDS = 4  # a time stamp: a time, a date, and at most this many other words ('Woyzeck', 'Posted')
_DATE_WORDS = re.compile(rf"{_AGO}|{_TIME}|{_DAY_MONTH}|\b(?:at|on|um|à|a las|alle|posted|updated|edited|"
                         rf"{'|'.join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True))})\b|[|,@–-]",
                         re.IGNORECASE)
# a comment that opens with its date and time: 'March 26, 2011 at 6:14 pm | Bias, bias, bias'
OPENS = re.compile(rf"^{_DAY_MONTH}\s*(?:at|@|,|-|–)?\s*{_TIME}\s*\|\s*\S", re.IGNORECASE)
# a comment that opens with the time it was posted: 'Added: Tuesday, 19 January, 2010, 17:55 GMT ...' (tested with
# the space before a comma or colon that tokenized text has taken out)
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
POSTED = re.compile(rf"^(?:added|posted|submitted|sent|published|updated):\s*(?:(?:{_WEEKDAY})\.?,?\s*)?{_DAY_MONTH},?\s*"
                    rf"(?:at\s+)?{_TIME}", re.IGNORECASE)
BUTTON = re.compile(r"^(?:reply|report(?: abuse| comment| this comment)?|flag|recommend(?:ed)?|log in to reply|"
                    r"complain about this comment|rating:?\s*-?\d+\s*votes?|\d+\s*(?:likes?|votes?|points?))"
                    r"\s*(?:\(\d+\)|\d+)?$|^reply\s+\S", re.IGNORECASE)
# the post's own closing line: its byline with a date ('By Web Politics Editor | September 25, 2008; 11:19 AM ET')
CLOSING = re.compile(rf"^(?:by\s+)?{_HANDLE}\s*\|\s*{_DAY_MONTH}", re.IGNORECASE)
# a reader's signature opening or closing their message: a name of two or three words, then a town and a region
# or country ('Raven Morpheus, Braintree, Essex, UK', 'Dave B (Brit ex-pat), Uxbridge, Canada Keep healthy ...'),
# or 'Cristina from Buenos Aires, Argentina:'
_WORD = r"(?:[A-Z][a-z][\w.'’-]*|[A-Z]\.?)"
_PLACE = rf"(?:{_WORD}|[A-Z]{{2,3}})(?: (?:{_WORD}|[A-Z]{{2,3}})){{0,2}}"
_READER = rf"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.? )?{_WORD}(?: {_WORD}){{1,2}}"
SIGNED = re.compile(rf"^{_READER}(?: \([^()]{{1,40}}\)| -LRB- [^()]{{1,40}}? -RRB-)? ?, {_PLACE}(?: ?, {_PLACE}){{1,3}}"
                    rf"(?: ?[:-] |\s*\.?\s*$| (?=[A-Z\"“`]))|^{_WORD}(?: {_WORD}){{0,2}} from {_PLACE}(?: ?, {_PLACE}){{0,2}} ?:(?: |$)")
HEADING_KINDS = ("comment", "end")  # pattern-table kinds of a comments heading ('34 responses to ...', 'Comments')
SHORT = 200  # the shapes other than 'wrote' and 'signature' are looked for in lines up to this long
NEAR = 40  # shapes other than 'wrote' must come again within this many lines
LOOK_BACK = 30  # lines above the first shape searched for the comments heading or the post's closing line
PROSE_WORDS = 12  # a thread starts below PROSE_LINES lines of running text (the article): this many words or more,
PROSE_LINES = 3  # ending like a sentence
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")


def shape(line: str) -> str | None:
    """The comment shape of a line ('wrote', 'signature', 'opens', 'signed', 'says', 'stamp', 'button'), or None."""
    if WROTE.search(line):
        return "wrote"
    if SIGNATURE.search(line):
        return "signature"
    if OPENS.match(line) or POSTED.match(re.sub(r"\s+(?=[,:])", "", line)):
        return "opens"
    if SIGNED.match(line):
        return "signed"
    if len(line) > SHORT:
        return None
    if BUTTON.search(line):
        return "button"
    timed = TIME.search(line)
    if SAYS.match(line) and (timed or len(line.split()) <= SAYS_WORDS + 1):
        return "says"
    if timed and len(_DATE_WORDS.sub(" ", line).split()) <= STAMP_WORDS:
        return "stamp"
    return None


def _bare(line: str) -> bool:
    """True for a line that is nothing but a reader's signature."""
    m = SIGNED.match(line)
    return m is not None and not line[m.end():].strip(" .:-")


def thread_start(lines: Sequence[str], kinds: Sequence[str | None] = ()) -> int | None:
    """The index of the line where the page's comment thread starts, or None when it has none.
    `kinds` are the pattern table's kinds of the lines, when known (a comments heading)."""
    found = [shape(line) for line in lines]
    bare = [False, *(s == "signed" and _bare(line) for s, line in zip(found, lines, strict=True)), False]
    found = [None if bare[k + 1] and (bare[k] or bare[k + 2]) else s  # signatures alone on their lines stand
             for k, s in enumerate(found)]  # between messages: a run of them is a list of names and places
    marked = [k for k, s in enumerate(found) if s is not None]
    prose_lines = [k for k, line in enumerate(lines) if len(line.split()) >= PROSE_WORDS and _SENTENCE_END.search(line)]
    prose = prose_lines[PROSE_LINES - 1] if len(prose_lines) >= PROSE_LINES else len(lines)
    for n, k in enumerate(marked):
        if found[k] == "wrote":
            return k
        near = [j for j in marked[n + 1:] if j - k <= NEAR]
        if k <= prose or not near:
            continue
        heading = next((j for j in range(k - 1, max(prose, k - LOOK_BACK - 1), -1)
                        if j < len(kinds) and kinds[j] in HEADING_KINDS), None)
        if found[k] == "stamp" and heading is None and not any(found[j] in ("button", "says") for j in near):
            continue  # bare times: a live blog's, unless comment headings or buttons go with them
        if heading is not None:
            return heading
        if found[k] == "signature":  # signatures follow their comment: start at the post's closing byline
            return next((j for j in range(k - 1, max(prose, k - LOOK_BACK - 1), -1) if CLOSING.match(lines[j])), k)
        return k
    return None
