"""Read what the user gave us, streaming: folders, text, HTML, JSON lines, WARC, feeds. Yields Raw or Reject."""

from storyline.ingest.readers import read

__all__ = ["read"]
