"""Fuzzing every reader and `clean` (hypothesis, a fixed budget of examples): whatever the bytes, reading gives
Raw or Reject records whose strings can be stored and printed, reasons are one line, and cleaning never raises."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean import clean
from storyline.ingest.readers import read_file
from storyline.records import Raw, Reject

BUDGET = settings(max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "25")), deadline=None,
                  derandomize=True, suppress_health_check=list(HealthCheck))
SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".warc", ".rss", ".atom", ".xml")
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=12)
FIELDS = ("id", "text", "html", "title", "url", "source", "published")
RECORDS = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.text(), max_size=6)
MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<html>", "<body>", "<meta charset=\"x\">",
                                   "&#x110000;", "&#xD800;", "&amp;", "<![CDATA[", "]]>", "<script>", "<!--",
                                   "Talks resumed in Geneva on Monday. ", "\ud800", "\x00", "é", "<item>",
                                   "</item>", "<rss version=\"2.0\"><channel>", "<title>", "</title>",
                                   "<description>", "</description>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                                   "WARC/1.0\r\n", "WARC-Type: response\r\n", "Content-Length: 5\r\n\r\n"]),
                  max_size=30).map("".join)


def check(path: Path, name: str) -> None:
    """Read one file and clean what it gives; every string must be storable, every reason one line."""
    for item in read_file(path, name):
        item.id.encode("utf-8")
        item.path.encode("utf-8")
        if isinstance(item, Reject):
            assert "\n" not in item.reason and len(item.reason) <= 200, item.reason
            continue
        assert isinstance(item, Raw)
        doc = clean(item)
        if not isinstance(doc, Reject):
            doc.text.encode("utf-8")
            (doc.title or "").encode("utf-8")


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


@BUDGET
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
def test_any_bytes_under_any_name(tmp_path_factory, data: bytes, suffix: str, gz: bool) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    name = "f" + suffix + (".gz" if gz else "")
    check(write(tmp, name, gzip.compress(data) if gz else data), name)


@BUDGET
@given(markup=MARKUP, suffix=st.sampled_from(SUFFIXES), cut=st.integers(0, 100))
def test_markup_like_input(tmp_path_factory, markup: str, suffix: str, cut: int) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    data = markup.encode("utf-8", "surrogatepass")
    check(write(tmp, "m" + suffix, data), "m" + suffix)
    packed = gzip.compress(data)
    check(write(tmp, "m" + suffix + ".gz", packed[: max(1, len(packed) * cut // 100)]), "m" + suffix + ".gz")


@BUDGET
@given(records=st.lists(RECORDS | JSON_VALUES, max_size=4))
def test_json_records(tmp_path_factory, records: list) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    lines = "\n".join(json.dumps(r) for r in records).encode()
    check(write(tmp, "r.jsonl", lines), "r.jsonl")
    check(write(tmp, "r.json", json.dumps(records).encode()), "r.json")


@BUDGET
@given(name=st.binary(min_size=1, max_size=20).filter(lambda b: b"/" not in b and b"\0" not in b
                                                       and not b.startswith(b".")))
def test_any_file_name(tmp_path_factory, name: bytes) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    with open(os.path.join(os.fsencode(tmp), name + b".txt"), "wb") as f:
        f.write(b"Talks resumed in Geneva on Monday after a week of delays.")
    from storyline.ingest import read

    for item in read([tmp]):
        item.id.encode("utf-8")
        item.path.encode("utf-8")
