"""The language data of quotation finding: verbs of saying (lang/en/reporting_verbs.tsv), quote marks, pronouns."""

from __future__ import annotations

from functools import lru_cache

from storyline import lang

OPENING = "“„«\""  # marks that open a quotation (a straight mark opens or closes by position)
CLOSING = "”»\""
STRAIGHT = "\""

# personal pronouns that may stand for a speaker and be resolved to a person named earlier
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# pronouns that may stand for a country, an organization ('it') or a group ('they') named earlier
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
# pronouns that name no one a reader could find: the speaker is unknown
UNKNOWN_PRONOUNS = {"i", "me", "we", "us", "you", "one", "someone", "somebody", "anyone", "anybody", "everyone",
                    "everybody", "nobody", "this", "that", "these", "those", "some", "others", "many", "few", "all",
                    "both", "each", "either", "neither", "none", "who", "whom", "which", "what", "whoever"}

# listeners named right after a verb of saying that belong in the cue ('told reporters')
AUDIENCES = {"reporters", "journalists", "lawmakers", "the press", "the media", "supporters", "the crowd",
             "an audience", "the audience", "parliament", "the parliament", "congress", "the council",
             "the assembly", "delegates", "students", "the news agency", "the agency"}

# words that may sit between a closing quote mark and its reporting verb ('”, he later told reporters')
BRIDGE_POS = {"PUNCT", "ADV", "AUX", "PART", "PRON", "PROPN", "NOUN", "DET", "ADJ", "NUM", "CCONJ", "ADP"}

# verbs whose object is a listener or a document, never what was said ('told him', 'wrote a book')
NO_OBJECT_CONTENT = {"say", "tell", "ask", "add", "write", "report", "post", "answer", "text", "email", "state",
                     "recall", "note", "mention", "observe", "tweet", "respond", "reply", "repeat", "counter"}

# words that open a 'Label: text' line that is a page label, not a speaker ('Update: ...', 'Follow us on Twitter:')
NOT_SPEAKERS = {"update", "updates", "follow", "watch", "read", "related", "photo", "photos", "video", "source",
                "sources", "note", "editor", "correction", "live", "breaking", "exclusive", "opinion", "analysis",
                "delegate", "poll", "polls", "spoiler", "subscribe", "advertisement", "caption", "credit"}

# the multiword cue that marks a source without a verb
ACCORDING = ("according", "to")


@lru_cache(maxsize=1)
def speech_forms() -> dict[str, str]:
    """Every written form of a verb of saying, mapped to its lemma."""
    forms: dict[str, str] = {}
    for row in lang.table("reporting_verbs"):
        if "speech" in lang.items(row["uses"]):
            for w in [row["lemma"], *lang.items(row["forms"])]:
                forms[w.lower()] = row["lemma"].lower()
    return forms


def is_speech_word(word: str) -> bool:
    """True when the word is a form of a verb of saying."""
    return word.lower() in speech_forms()
