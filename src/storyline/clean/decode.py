"""Bytes to text: byte-order marks, binary content, UTF-8 first, then the declared or detected encoding."""

from __future__ import annotations

import codecs
import re

from storyline.ingest.decode import charset

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The opening bytes of common binary formats: images, archives, documents, executables, media.
MAGIC = (b"%PDF", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
         b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ\x90", b"\xd0\xcf\x11\xe0", b"OggS", b"ID3",
         b"fLaC", b"wOFF", b"wOF2", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"SQLite format 3")
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.IGNORECASE)
SAMPLE = 16384
MAX_CONTROL_SHARE = 0.02  # more control bytes than this (and any NUL) and it is not text


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding: a binary format's signature, NULs, control bytes."""
    if data.startswith(MAGIC):
        return True
    sample = data[:SAMPLE]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > MAX_CONTROL_SHARE * max(1, len(sample))


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML page declares in a meta tag, when Python knows it."""
    m = _DECLARED.search(data[:SAMPLE])
    return charset(m.group(1).decode("ascii", "ignore")) if m else None


def decode(data: bytes, html: bool = False) -> tuple[str | None, str]:
    """(text, encoding), or (None, reason) when the bytes are binary or undecodable."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if is_binary(data):
        return None, "binary content"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data) if html else None
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared), declared
        except (UnicodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, "binary content"
    return str(best), best.encoding
