"""Readers: every input layout, on files written here; ids, kinds, metadata, decoding, streaming order."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read
from storyline.ingest.readers import read_file
from storyline.records import Raw, Reject

ARTICLE = ("Geneva, March 2 \u2013 Chinese and American negotiators opened trade talks in Geneva on Monday, "
           "the first meeting since Washington raised tariffs last month.\n"
           "\"We have come to listen,\" Vice Commerce Minister Zhao Liming told reporters.\n")
PAGE = ("<html><head><title>Talks open in Geneva</title></head><body><nav>Home | World</nav>"
        "<article><h1>Talks open in Geneva</h1><p>{body}</p></article></body></html>")


def page(body: str = ARTICLE) -> str:
    """A small HTML page around an article text."""
    return PAGE.format(body=body)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write a file (text as UTF-8), creating folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def items(path: Path) -> list[Raw | Reject]:
    """Everything the readers make of a file or folder."""
    return list(read([path]))


def warc_bytes(pages: list[tuple[str, bytes, str]], compress: bool, date: str = "2026-03-02T10:00:00Z") -> bytes:
    """A WARC file of HTTP responses (url, body, content type), each preceded by its request."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for url, body, ctype in pages:
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                        http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")],
                                                                      is_http_request=True),
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(req)
        status = "404 Not Found" if "missing" in url else "200 OK"
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": date}))
    return buf.getvalue()


def three_pages() -> list[tuple[str, bytes, str]]:
    """Three distinct HTML pages for WARC tests."""
    return [(f"https://news.example/{i}", page(f"Article number {i}. " + ARTICLE).encode(),
             "text/html; charset=utf-8") for i in range(3)]


def test_text_and_markdown(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.md", "# Talks open\n\n" + ARTICLE)
    got = items(tmp_path)
    assert [(r.id, r.kind) for r in got] == [("a.txt", "text"), ("b.md", "text")]
    assert got[0].text == ARTICLE and got[0].data == ARTICLE.encode()
    assert got[1].text.startswith("# Talks open")


def test_html_htm_and_gzipped_html(tmp_path: Path) -> None:
    write(tmp_path, "p.html", page())
    write(tmp_path, "q.HTM", page())
    write(tmp_path, "sub/r.html.gz", gzip.compress(page().encode()))
    got = {r.id: r for r in items(tmp_path)}
    assert set(got) == {"p.html", "q.HTM", "sub/r.html.gz"}
    assert all(isinstance(r, Raw) and r.kind == "html" for r in got.values())
    assert got["sub/r.html.gz"].data == page().encode()  # kept decompressed, byte for byte
    assert "<article>" in got["sub/r.html.gz"].text


def test_single_file_id_is_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, "deep/folder/story.txt", ARTICLE)
    (item,) = items(path)
    assert item.id == "story.txt" and item.path == str(path)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b/z.txt", "a.txt", "b/a.txt", "c/d/e.txt", "B.txt"):
        write(tmp_path, name, ARTICLE + name)
    assert [r.id for r in items(tmp_path)] == ["B.txt", "a.txt", "b/a.txt", "b/z.txt", "c/d/e.txt"]


def test_jsonl_records(tmp_path: Path) -> None:
    rows = [
        {"id": "wire-1", "text": ARTICLE, "title": "Talks open", "published": "2026-03-02", "source": "Wire",
         "url": "https://wire.example/1"},
        {"url": "https://wire.example/2", "html": "<p>" + ARTICLE + "</p>", "title": "Second",
         "published": "Tue, 03 Mar 2026 23:30:00 -0500"},
        {"text": "No id and no url: " + ARTICLE},
        {"id": 7, "text": "A numeric id. " + ARTICLE},
    ]
    write(tmp_path, "wire.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    got = items(tmp_path / "wire.jsonl")
    assert [r.id for r in got] == ["wire-1", "https://wire.example/2", "wire.jsonl#3", "7"]
    first, second = got[0], got[1]
    assert (first.kind, first.title, first.published, first.source, first.url) == (
        "json", "Talks open", "2026-03-02", "Wire", "https://wire.example/1")
    assert first.text == ARTICLE and json.loads(first.data) == rows[0]
    assert second.kind == "html" and "<p>" in second.text and "<title>Second</title>" in second.text
    assert second.published == "2026-03-03T23:30:00-05:00"  # the local date stays the local date


def test_jsonl_gz_and_repeated_ids(tmp_path: Path) -> None:
    rows = [{"id": "same", "text": ARTICLE}, {"id": "same", "text": "Another. " + ARTICLE}]
    write(tmp_path, "w.jsonl.gz", gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    assert [r.id for r in items(tmp_path / "w.jsonl.gz")] == ["same", "w.jsonl.gz#2"]


def test_json_object_and_list(tmp_path: Path) -> None:
    write(tmp_path, "one.json", json.dumps({"id": "ignored", "text": ARTICLE, "title": "One"}))
    write(tmp_path, "many.json", json.dumps([{"id": "m1", "text": ARTICLE}, {"url": "https://x.example/2",
                                                                             "html": page()}]))
    got = {r.id: r for r in items(tmp_path)}
    assert set(got) == {"one.json", "m1", "https://x.example/2"}
    assert got["one.json"].title == "One" and got["one.json"].kind == "json"
    assert got["https://x.example/2"].kind == "html"


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    for name, compress in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = write(tmp_path / name.replace(".", "_"), name, warc_bytes(three_pages(), compress))
        got = items(path)
        assert [r.id for r in got] == [f"https://news.example/{i}" for i in range(3)]
        for i, r in enumerate(got):
            assert isinstance(r, Raw) and r.kind == "html" and r.url == r.id
            assert r.data == three_pages()[i][1]
            assert r.captured == "2026-03-02T10:00:00Z" and r.published is None  # a crawl date is no publication


def test_warc_non_html_and_error_responses_are_rejected(tmp_path: Path) -> None:
    pages = [("https://news.example/a", page().encode(), "text/html"),
             ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
             ("https://news.example/missing", b"<html><body>Not found</body></html>", "text/html")]
    got = items(write(tmp_path, "c.warc", warc_bytes(pages, False)))
    assert isinstance(got[0], Raw)
    assert got[1].reason == "WARC record of type image/png, not HTML"
    assert got[2].reason == "WARC record with HTTP status 404, not a page"


def test_warc_charset_from_http_header(tmp_path: Path) -> None:
    body = page("Caf\u00e9 talks in Gen\u00e8ve, the minister said. " + ARTICLE.replace("\u2013", "-"))
    pages = [("https://news.example/fr", body.encode("cp1252"), "text/html; charset=windows-1252")]
    (item,) = items(write(tmp_path, "fr.warc", warc_bytes(pages, False)))
    assert "Caf\u00e9 talks in Gen\u00e8ve" in item.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Capital Briefs</title>
<item><title>Talks open</title><link>https://briefs.example/1</link><guid>brief-1</guid>
<pubDate>Mon, 02 Mar 2026 21:15:00 -0500</pubDate>
<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>
<item><title>Plain</title><link>https://briefs.example/2</link><description>{body}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Asia Desk</title>
<entry><id>urn:asia-desk:1</id><title>Talks stall</title><link href="https://asia.example/1"/>
<published>2026-03-04T18:00:00+08:00</published><updated>2026-03-05T09:00:00Z</updated>
<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss(tmp_path: Path) -> None:
    got = items(write(tmp_path, "briefs.rss", RSS.format(body=ARTICLE)))
    assert [r.id for r in got] == ["brief-1", "https://briefs.example/2"]
    first, plain = got
    assert (first.kind, first.title, first.url, first.source) == ("html", "Talks open", "https://briefs.example/1",
                                                                   "Capital Briefs")
    assert first.published == "2026-03-02T21:15:00-05:00"
    assert "Zhao Liming" in first.text and "<article>" in first.text
    assert plain.kind == "feed" and plain.published is None and plain.text.startswith("Geneva, March 2")


def test_atom_in_an_xml_file(tmp_path: Path) -> None:
    (entry,) = items(write(tmp_path, "asia.xml", ATOM.format(body=ARTICLE)))
    assert entry.id == "urn:asia-desk:1" and entry.kind == "html" and entry.source == "Asia Desk"
    assert entry.published == "2026-03-04T18:00:00+08:00"  # 'updated' is not a publication date


def test_non_utf8_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    text = "Caf\u00e9 talks in Gen\u00e8ve resumed on Monday, the Swiss foreign minister said. " * 3
    write(tmp_path, "latin.txt", text.encode("cp1252"))
    write(tmp_path, "wide.txt", text.encode("utf-16"))
    write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode())
    got = {r.id: r for r in items(tmp_path)}
    assert all(isinstance(r, Raw) and r.text == text for r in got.values()), got
    assert got["latin.txt"].data == text.encode("cp1252")  # the raw bytes stay as given


def test_html_declared_charset(tmp_path: Path) -> None:
    markup = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
              "<body><p>Les n\u00e9gociations \u00e0 Gen\u00e8ve reprennent.</p></body></html>")
    (item,) = items(write(tmp_path, "fr.html", markup.encode("latin-1")))
    assert "n\u00e9gociations \u00e0 Gen\u00e8ve" in item.text


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    body = warc_bytes(three_pages()[:1], False)
    write(tmp_path, "a.warc", body)
    write(tmp_path, "b.warc", body)
    assert [r.id for r in items(tmp_path)] == ["https://news.example/0", "https://news.example/0#2"]


def test_read_file_streams_one_record_at_a_time(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"Record {i}. " + ARTICLE}) + "\n" for i in range(1000))
    path = write(tmp_path, "big.jsonl", lines)
    stream = read_file(path, "big.jsonl")
    assert next(stream).id == "r0"  # the first record comes before the rest is parsed
    assert sum(1 for _ in stream) == 999


def test_multi_member_gzip(tmp_path: Path) -> None:
    rows = [json.dumps({"id": f"m{i}", "text": f"Member {i}. " + ARTICLE}) + "\n" for i in range(3)]
    data = b"".join(gzip.compress(r.encode()) for r in rows)  # as `cat a.gz b.gz c.gz` makes it
    got = items(write(tmp_path, "parts.jsonl.gz", data))
    assert [r.id for r in got] == ["m0", "m1", "m2"] and all(isinstance(r, Raw) for r in got)


def test_warc_capture_date_bounds_the_document_date_from_above(tmp_path: Path) -> None:
    """WARC-Date is when the page was fetched: an upper bound on the article's date, never its publication date."""
    from storyline.pipeline import build
    from storyline.store import Store

    body = ("<html><body><article><h1>Talks resume in Geneva</h1><p>" + "The ministers met on Tuesday to discuss "
            "tariffs and export licences, officials said. " * 12 + "</p></article></body></html>").encode()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "crawl.warc.gz").write_bytes(
        warc_bytes([("http://example.org/talks", body, "text/html")], compress=True, date="2026-03-05T08:00:00Z"))
    with Store(tmp_path / "s.duckdb") as store:
        build([tmp_path / "c"], store)
        doc = next(store.documents())
        assert [(p.date, p.role) for p in doc.page_dates if p.where == "meta"] == [("2026-03-05", "rendered")]
        published = store.published(doc.id)
        assert published is not None and not published.certain
        assert published.interval is not None and published.interval.hi == "2026-03-05"
