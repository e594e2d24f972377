"""Language identification (py3langid): an ISO 639-1 code for a clean text."""

from __future__ import annotations

SAMPLE_CHARS = 400  # the opening of a text is enough to tell its language, and keeps this fast
MIN_CHARS = 20  # below this, no guess


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None for too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang
