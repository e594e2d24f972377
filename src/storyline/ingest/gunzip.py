"""A streaming gzip reader that keeps what it could decompress and reports damage instead of raising."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16


class Gunzip(io.RawIOBase):
    """Decompress a (multi-member) gzip stream; at a truncated or corrupt spot, end cleanly and set `damage`."""

    def __init__(self, raw: BinaryIO, limit: int | None = None) -> None:
        super().__init__()
        self.raw = raw
        self.limit = limit  # decompressed bytes at most (a zip bomb stops there, with `damage` saying so)
        self.total = 0  # decompressed bytes so far
        self.damage: str | None = None  # one line saying what went wrong, or None while the stream is sound
        self.member_start = 0  # offset in the compressed file where the member being read began
        self._consumed = 0  # compressed bytes handed to zlib so far
        self._inflate = zlib.decompressobj(31)
        self._pending = b""  # compressed bytes not yet given to zlib
        self._out = b""
        self._pos = 0
        self._in_member = False
        self._done = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        """Close the compressed file too."""
        if not self.closed:
            self.raw.close()
        super().close()

    def readinto(self, buffer) -> int:  # type: ignore[override]
        """Fill the caller's buffer with decompressed bytes; 0 at the end (or at the damage)."""
        if self._pos >= len(self._out):
            self._fill()
        n = min(len(buffer), len(self._out) - self._pos)
        buffer[:n] = self._out[self._pos:self._pos + n]
        self._pos += n
        return n

    def _fill(self) -> None:
        """Decompress the next piece; remember truncation or corruption instead of raising."""
        self._out, self._pos = b"", 0
        while not self._out and not self._done:
            if not self._pending:
                self._pending = self.raw.read(CHUNK)
                if not self._pending:
                    self._done = True
                    if self._in_member:
                        self.damage = "truncated gzip: the data ends before the end of the compressed stream"
                    return
            if not self._in_member:
                self.member_start = self._consumed
                self._in_member = True
            try:
                self._out = self._inflate.decompress(self._pending)
            except zlib.error as e:
                self.damage = self._corruption(e)
                self._done = True
                return
            self._consumed += len(self._pending) - len(self._inflate.unused_data)
            self._pending = b""
            self.total += len(self._out)
            if self.limit is not None and self.total > self.limit:
                self._out = self._out[: max(0, len(self._out) - (self.total - self.limit))]
                self.damage = (f"over the limit of {self.limit:,} decompressed bytes per archive "
                               "(Settings.max_archive_bytes)")
                self._done = True
                return
            if self._inflate.eof:
                self._next_member()

    def _corruption(self, error: zlib.error) -> str:
        """What zlib's error says about the file, in plain words."""
        what = str(error).rpartition(": ")[2]  # 'Error -3 while decompressing data: incorrect header check'
        if what == "incorrect header check":
            if self.member_start == 0:
                return "not gzip data, though the file name ends in .gz"
            return f"data that is not gzip after byte {self.member_start:,}"
        if what == "incorrect data check":
            return "corrupt gzip data (a checksum does not match)"
        return f"corrupt gzip data ({what})"

    def _next_member(self) -> None:
        """After one gzip member ends, get ready for the next (trailing zero padding is allowed)."""
        rest = self._inflate.unused_data
        self._inflate = zlib.decompressobj(31)
        self._in_member = False
        if rest.strip(b"\0"):
            self._pending = rest
        else:
            self._consumed += len(rest)


def open_maybe_gzip(path, compressed: bool, limit: int | None = None
                    ) -> tuple[io.BufferedReader, Gunzip | None]:
    """A binary stream over a file, decompressed when asked (to `limit` bytes at most); the Gunzip (to check
    its damage) or None."""
    f = open(path, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    if not compressed:
        return f, None
    gz = Gunzip(f, limit)
    return io.BufferedReader(gz), gz
