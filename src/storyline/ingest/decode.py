"""Bytes to text: byte order marks, UTF-8, a declared charset, then charset-normalizer; binary data refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyline.records import Reject

# the signatures of common binary formats, and what to call them in a reject reason
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x1f\x8b", "gzip data without a .gz name"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

# byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

SNIFF = 1 << 16  # how many leading bytes (or characters) the binary checks look at
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
PREFERRED = "cp1252"  # the usual legacy encoding of Western web pages, preferred among tied guesses
TIE = 0.01
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
# codecs Python knows that no web page is written in: they fail on any input, or turn text into other text
NOT_CHARSETS = {"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7", "palmos"}


class NotText(ValueError):
    """Bytes that cannot be read as text; the message is the one-line reason."""


def binary_kind(data: bytes) -> str | None:
    """What binary format the bytes start with, or None."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    m = META_CHARSET.search(data[:4096])
    return charset(m.group(1).decode("ascii", "replace")) if m else None


def charset(name: str) -> str | None:
    """Python's name of a declared charset, or None when Python does not know it as a text encoding that web
    pages use ('undefined', 'punycode', 'base64' are declared by broken pages, and are ignored)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    return info.name if info._is_text_encoding and info.name not in NOT_CHARSETS else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with; NotText when the bytes are binary or undecodable."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec)
            except UnicodeDecodeError as e:
                raise NotText(f"undecodable text: invalid {codec} after its byte order mark ({e.reason})") from None
    what = binary_kind(data)
    if what:
        raise NotText(f"binary file ({what}), not text")
    if b"\0" in data[:SNIFF]:
        return _wide(data)
    for guess in ("utf-8", charset(declared) if declared else None):
        if guess:
            try:
                return _checked(data.decode(guess), guess)
            except (UnicodeError, LookupError):
                pass
    return _detected(data)


def _detected(data: bytes) -> tuple[str, str]:
    """Decode with charset-normalizer's guess; among equally good guesses, prefer the web's usual cp1252."""
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise NotText("undecodable text: not UTF-8 and no other encoding fits")
    for match in results:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence - TIE
        if tied and PREFERRED in match.could_be_from_charset:
            try:
                return _checked(data.decode(PREFERRED), PREFERRED)
            except UnicodeDecodeError:
                break
    return _checked(str(best), best.encoding)


def _wide(data: bytes) -> tuple[str, str]:
    """UTF-16 or UTF-32 text without a byte order mark, or else binary data."""
    best = from_bytes(data[:SNIFF]).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        try:
            return _checked(data.decode(best.encoding), best.encoding)
        except UnicodeDecodeError:
            pass
    raise NotText("binary file (NUL bytes), not text")


def _checked(text: str, codec: str) -> tuple[str, str]:
    """The decoded text, unless control characters show it is binary data in disguise."""
    sample = text[:SNIFF]
    if sample and len(CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise NotText("binary file (control characters), not text")
    return text, codec


def file_text(path: object, doc_id: str, data: bytes, declared: str | None = None) -> str | Reject:
    """A file's decoded text, or the Reject that says why it is no text (its raw bytes kept)."""
    try:
        return decode(data, declared)[0]
    except NotText as e:
        return Reject(id=doc_id, path=str(path), reason=str(e), data=data)
