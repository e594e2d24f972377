"""Quotation finding on sentences written for these tests: each construction, exact offsets, speakers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline import nlp
from storyline.quotes import find
from storyline.quotes.marks import segments, trim
from storyline.records import Document, Mention, Quote


def quotes_of(text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    """The quotations found in a text, after checking every offset points at the words it claims."""
    doc = Document(id="t.txt", path="t.txt", kind="text", raw=b"", text=text)
    found = find(replace(doc, mentions=mentions or []), nlp.load()(text))
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.doc == "t.txt"
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    return found


def only(text: str, mentions: list[Mention] | None = None) -> Quote:
    """The one quotation of a text."""
    found = quotes_of(text, mentions)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def written(text: str, q: Quote) -> str:
    """The speaker as the text writes it, from the stored offsets."""
    assert q.speaker_start is not None and q.speaker_end is not None
    return text[q.speaker_start:q.speaker_end]


def test_speaker_after_curly_quote():
    q = only("“We will not back down,” Mayor Anna Berg said on Tuesday.")
    assert q.text == "We will not back down"
    assert q.speaker == "Mayor Anna Berg" and q.cue == "said" and q.direct
    assert q.sentence == 0


def test_inverted_cue_after_quote():
    text = "The strike went on. “Nobody asked us,” said the union leader."
    q = only(text)
    assert q.text == "Nobody asked us" and q.speaker == "the union leader" and q.sentence == 1


def test_speaker_before_quote_with_straight_marks_over_two_sentences():
    text = 'A company spokesperson said, "The talks failed. We will try again next week."'
    q = only(text)
    assert q.text == "The talks failed. We will try again next week."
    assert q.speaker == "A company spokesperson" and q.direct and q.sentence == 0


def test_unquoted_direct_speech_with_inverted_said():
    q = only("The plan is dead, said the foreign minister.")
    assert q.text == "The plan is dead"
    assert q.speaker == "the foreign minister" and q.direct


def test_according_to():
    q = only("The factory will close in May, according to the union.")
    assert q.cue == "according to" and q.speaker == "the union"
    assert q.text == "The factory will close in May" and not q.direct


def test_indirect_speech_takes_the_that_clause():
    text = "Mayor Tom Hale told reporters Monday that the bridge would reopen before the winter."
    q = only(text)
    assert q.text == "the bridge would reopen before the winter"
    assert q.cue == "told reporters" and q.speaker == "Mayor Tom Hale" and not q.direct


def test_partial_quote_inside_indirect_speech():
    text = "The minister said that the country is ready to work “with every partner that respects the law” next year."
    q = only(text)
    assert "with every partner that respects the law" in q.text and q.text.startswith("the country")
    assert q.speaker == "The minister"


def test_pronoun_speaker_resolves_to_the_person_the_text_is_about():
    text = ("Maria Lopez visited the steel plant on Monday. She met the workers and the managers there. "
            "“We need more safety inspectors,” she said.")
    q = only(text)
    assert q.speaker == "Maria Lopez"
    assert written(text, q) == "she"


def test_pronoun_nobody_named_is_an_unknown_speaker_kept_as_written():
    text = "“The roads are closed,” he said."
    q = only(text)
    assert q.speaker is None and q.actor is None and written(text, q) == "he"


def test_quote_continued_after_the_reporting_clause_is_one_quotation():
    text = "“The vote was fair,” she said. “We accept the result and we will move on.”"
    q = only(text)
    assert q.text.startswith("The vote was fair") and q.text.endswith("we will move on.")


def test_speech_inside_a_quote_is_not_a_second_quotation():
    text = "“They told me that the deal is off,” Anna Berg said."
    q = only(text)
    assert q.speaker == "Anna Berg" and q.text == "They told me that the deal is off"


def test_a_quoted_title_is_not_speech():
    assert quotes_of('He spoke about it on "Good Morning America" on Monday.') == []


def test_verbs_of_saying_beyond_said():
    for verb in ("warned", "stressed", "claimed", "noted", "added"):
        q = only(f"The general {verb} that the border would stay closed.")
        assert q.cue == verb and q.speaker == "The general" and q.text == "the border would stay closed"


def test_speaker_named_by_an_actor_mention():
    text = "“Prices will fall,” Tom Hale said."
    start = text.index("Tom Hale")
    mention = Mention(doc="t.txt", index=0, sentence=0, start=start, end=start + 8, text="Tom Hale",
                      label="PERSON", actor="person:tom-hale")
    q = only(text, [mention])
    assert q.actor == "person:tom-hale" and q.speaker
    assert written(text, q) == "Tom Hale"


@pytest.mark.parametrize("text,content", [
    ("He said ''we are ready'' today.", "we are ready"),
    ("She said “yes” and left.", "yes"),
    ('They said "no" twice.', "no"),
])
def test_quote_marks_curly_straight_and_doubled(text: str, content: str):
    found = segments(text)
    assert [text[s.start:s.end] for s in found] == [content]


def test_trim_drops_unpaired_marks_and_commas_only():
    text = "“We won, "
    assert text[slice(*trim(text, 0, len(text)))] == "We won"
    text = "“We won,” "
    assert text[slice(*trim(text, 0, len(text)))] == "“We won,”"
    text = "the “best” deal,"
    assert text[slice(*trim(text, 0, len(text)))] == "the “best” deal"


def test_relative_pronoun_speaker_is_named_by_its_antecedent():
    text = "The plan was attacked by Senator Ruth Ames, who has said that the tax would hurt farmers."
    q = only(text)
    assert q.speaker == "Senator Ruth Ames" and written(text, q) == "who"
    assert q.text == "the tax would hurt farmers"


def test_according_to_inside_reported_speech_is_not_a_second_quotation():
    q = only("The minister said the border would stay closed, according to the agency.")
    assert q.speaker == "The minister" and q.cue == "said"


def test_dateline_is_not_the_speaker():
    q = only("GENEVA, March 3 (Reuters) - Foreign Minister Anna Berg said on Tuesday that the talks would resume.")
    assert q.speaker == "Foreign Minister Anna Berg" and q.text == "the talks would resume"


def test_quote_over_several_sentences_with_the_writer_after_it():
    text = ("The article appeared on Monday. “This visit confirms our partnership. We expect a great deal. "
            "It is a fine chance to meet an old friend,” Putin wrote.")
    q = only(text)
    assert q.text.startswith("This visit") and q.text.endswith("an old friend")
    assert q.speaker == "Putin" and q.cue == "wrote" and q.direct and q.sentence == 1


def test_name_and_colon_introduce_a_quote():
    text = "The ruling drew a sharp reply. Senator Ruth Ames: “This decision will not stand in any court.”"
    q = only(text)
    assert q.speaker == "Senator Ruth Ames" and q.cue == ":" and q.text == "This decision will not stand in any court."


def test_quotes_signed_with_a_dash_and_a_name_are_theirs():
    text = ("Readers wrote to us after the debate.\n\n“He scares me. His words make me afraid.” ― Lena Ortiz\n"
            "“The most unqualified candidate I have seen in my life.”― Tom R. Baker.\n\nGetty Images.")
    first, second = quotes_of(text)
    assert first.text == "He scares me. His words make me afraid." and written(text, first) == "Lena Ortiz"
    assert first.cue == "―" and first.direct
    assert second.text.startswith("The most unqualified") and written(text, second) == "Tom R. Baker"


def test_a_dash_before_more_words_signs_nothing():
    text = "“We will rebuild the bridge” — a promise the mayor made in 2019 and again this week."
    assert all(q.cue != "—" for q in quotes_of(text))


def test_headline_name_colon_statement():
    text = "Mark Hollis: The bridge will reopen in May\n\nThe city council met on Monday to discuss the repairs."
    q = only(text)
    assert q.speaker == "Mark Hollis" and q.cue == ":" and q.text == "The bridge will reopen in May"


def test_page_labels_are_not_speakers():
    assert quotes_of("Update: The bridge will reopen in May\n\nFollow Mark Hollis on Twitter: @hollis") == []
