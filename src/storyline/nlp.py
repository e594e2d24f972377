"""The spaCy pipeline: loaded once, run in batches with nlp.pipe; sentences with offsets into the clean text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.records import Document, Sentence
from storyline.settings import DEFAULT, Settings

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded: the read commands never need it
    from spacy.language import Language
    from spacy.tokens import Doc


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break in the clean text (a paragraph's end) always ends a sentence: a heading stays apart from the
    sentence after it."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(model: str = DEFAULT.spacy_model) -> Language:
    """The spaCy pipeline, loaded once per process, with paragraph breaks set before the parser runs."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def pipe(docs: Iterable[Document], settings: Settings = DEFAULT) -> Iterator[tuple[Document, Doc]]:
    """Each document with its parsed spaCy Doc, parsed in batches."""
    nlp = load(settings.spacy_model)
    pairs = ((d.text[: settings.nlp_max_chars], d) for d in docs)
    yield from ((d, sdoc) for sdoc, d in nlp.pipe(pairs, as_tuples=True, batch_size=settings.nlp_batch_size))


def text_of(parse: Doc) -> str:
    """A parse's text, joined once per parse (spaCy's Doc.text joins every token's text again on each call)."""
    text = parse.user_data.get("storyline.text")
    if text is None:
        text = parse.user_data["storyline.text"] = parse.text
    return text


def sentences(doc: Document, sdoc: Doc, settings: Settings = DEFAULT) -> list[Sentence]:
    """The sentences of a parsed document, with character offsets into its clean text."""
    out = []
    for i, s in enumerate(sdoc.sents):
        start, end = s.start_char, s.end_char
        out.append(Sentence(doc=doc.id, index=i, start=start, end=end, text=doc.text[start:end]))
    return out
