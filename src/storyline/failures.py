"""What a user reads when one item fails: a reason on one line, in plain words, with the stage and the error's
class; and strings made safe to store and print (no lone surrogates from odd file names or JSON escapes)."""

from __future__ import annotations

import os
import re
import sys
import traceback

MAX_REASON = 200  # characters in a reject reason
SURROGATE = re.compile("[\ud800-\udfff]")
SPACE = re.compile(r"\s+")

# what each stage does, in the words of a failure reason
STAGES = {
    "read": "could not be read",
    "clean": "could not be cleaned",
    "dedupe": "duplicate check skipped",
    "store": "could not be stored",
    "parse": "could not be parsed (spaCy); kept without its analysis",
    "sentences": "sentences not split",
    "timex": "time expressions skipped",
    "actors": "actor mentions skipped",
    "quotes": "quotes skipped",
    "events": "events skipped",
    "date": "date not decided (left unknown)",
    "relink": "actor links not corrected",
    "catalogue": "left out of the actor list",
    "cluster": "left out of the event clusters",
    "repair": "dates not repaired through clusters",
    "store-analysis": "analysis could not be stored (it is tried again by the next build)",
}


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """Text on one line (white space collapsed), cut to `limit` characters with an ellipsis."""
    line = SPACE.sub(" ", safe_text(str(text))).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def safe_text(s: str) -> str:
    """Text with lone surrogates (JSON '\\ud800' escapes, undecodable names) replaced by U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", s)


def safe_name(s: str) -> str:
    """A file name or id safe to store and print: bytes that are not UTF-8 (kept by Python as surrogate
    escapes) shown as '\\xff', other lone surrogates as '\\ud800'."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return SURROGATE.sub(_escape, s)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def failure(stage: str, error: BaseException, rest: str = "") -> str:
    """The one-line reason for an unexpected error in a stage: what was skipped, and the error's class."""
    what = STAGES.get(stage, f"{stage} failed")
    if isinstance(error, OSError) and error.strerror:
        cause = f"{type(error).__name__}: {error.strerror}"
    elif isinstance(error, MemoryError | RecursionError):
        cause = f"{type(error).__name__}: the item is too large or too deeply nested"
    else:
        cause = f"an internal error ({type(error).__name__})"
    debug(error)
    return one_line(f"{what}: {cause}{'; ' + rest if rest else ''}")


def debug(error: BaseException) -> None:
    """With STORYLINE_DEBUG=1 in the environment, print the error's traceback (for developers) to stderr."""
    if os.environ.get("STORYLINE_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
