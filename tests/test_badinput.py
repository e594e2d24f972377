"""Bad input: each class is skipped with a one-line reason, its raw bytes kept, and the run goes on."""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import pytest
from test_ingest import ARTICLE, items, page, three_pages, warc_bytes, write

from storyline.ingest import read
from storyline.pipeline import BuildReport, ingest_all
from storyline.records import Raw, Reject
from storyline.settings import DEFAULT
from storyline.store import Store


def reasons(path: Path, settings=DEFAULT) -> dict[str, str]:
    """Reject reasons by id for a file or folder."""
    return {r.id: r.reason for r in read([path], settings) if isinstance(r, Reject)}


def garbage(n: int, seed: int = 7) -> bytes:
    """Random bytes without NUL (so only the decoding can refuse them)."""
    return bytes(b or 1 for b in random.Random(seed).randbytes(n))


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("nul.txt", b"Talks in Geneva\x00\x00\x01\x02 resumed" * 20, "binary file (NUL bytes), not text"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document), not text"),
    ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image), not text"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\t\n  ", "empty file (only white space)"),
    ("comment.html", b"<!-- nothing but a comment -->", "malformed HTML: lxml cannot parse it (Document is empty)"),
    ("hollow.htm", b"<html><head></head><body> </body></html>", "malformed HTML: the page has no text"),
    ("table.xyz", b"a,b\n1,2\n", "unsupported file type .xyz"),
    ("README", b"plain words", "unsupported file type (no file name suffix)"),
    ("archive.gz", gzip.compress(b"hello"), "unsupported file type .gz"),
    ("sitemap.xml", b'<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
     "not an RSS or Atom feed (root element <urlset>)"),
    ("list.json", b"[1, 2", "invalid JSON (Expecting ',' delimiter at line 1 column 6)"),
    ("number.json", b"42", "a JSON number where an object or a list of objects was expected"),
    ("keywords.json", b'["talks", "tariffs", 3]', "a JSON list of numbers and strings where objects were expected"),
])
def test_each_bad_file_has_its_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    write(tmp_path, name, data)
    (item,) = items(tmp_path)
    assert isinstance(item, Reject) and item.reason == reason
    assert item.data == data  # the raw bytes are kept


def test_undecodable_bytes_are_rejected(tmp_path: Path) -> None:
    write(tmp_path, "noise.txt", garbage(4000))
    (item,) = items(tmp_path)
    assert isinstance(item, Reject)
    assert item.reason in ("undecodable text: not UTF-8 and no other encoding fits",
                           "binary file (control characters), not text")


def test_oversized_files_and_records(tmp_path: Path) -> None:
    small = DEFAULT.with_(max_bytes=300)
    big = (ARTICLE * 5).encode()
    write(tmp_path, "big.txt", big)
    write(tmp_path, "big.html.gz", gzip.compress(page(ARTICLE * 5).encode()))
    lines = [json.dumps({"id": "ok", "text": ARTICLE[:100]}), json.dumps({"id": "huge", "text": ARTICLE * 5}),
             json.dumps({"id": "ok2", "text": ARTICLE[:90]})]
    write(tmp_path, "w.jsonl", "\n".join(lines) + "\n")
    got = list(read([tmp_path], small))
    rejected = {r.id: r for r in got if isinstance(r, Reject)}
    assert rejected["big.txt"].reason.startswith("oversized: size over the limit of 300 bytes (Settings.max_bytes)")
    assert big.startswith(rejected["big.txt"].data) and rejected["big.txt"].data
    assert rejected["big.html.gz"].reason.startswith("oversized: decompressed size over the limit of 300 bytes")
    assert rejected["w.jsonl#2"].reason == "line 2: oversized record over the limit of 300 bytes (Settings.max_bytes)"
    assert [r.id for r in got if isinstance(r, Raw)] == ["ok", "ok2"]  # the lines around it are read


def test_json_lines_with_bad_records(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "good-1", "text": ARTICLE, "published": "2026-03-02"}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "n", "text": 5}),
        json.dumps({"id": "t", "title": "Only a title"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "d", "text": ARTICLE, "published": "last Tuesday"}),
        json.dumps({"id": {"nested": 1}, "text": ARTICLE}),
        json.dumps({"id": "e", "text": "   "}),
        json.dumps({"id": "good-2", "html": page()}),
    ]
    write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    assert reasons(tmp_path) == {
        "wire.jsonl#2": f"line 2: invalid JSON (Expecting ',' delimiter at column {len(lines[1]) + 1})",
        "wire.jsonl#3": "line 3: field 'text' is a number, expected a string",
        "wire.jsonl#4": "line 4: fields 'text' and 'html' are missing",
        "wire.jsonl#5": "line 5: a JSON list where an object was expected",
        "wire.jsonl#7": "line 7: field 'id' is a object, expected a string or a number",
        "wire.jsonl#8": "line 8: fields 'text' and 'html' are empty",
    }
    raws = {r.id: r for r in items(tmp_path) if isinstance(r, Raw)}
    assert list(raws) == ["good-1", "d", "good-2"]  # a date that is no date never costs the article
    assert raws["d"].published == "last Tuesday"  # kept as given: dating shows it as evidence, unused


def test_json_list_with_a_bad_item(tmp_path: Path) -> None:
    write(tmp_path, "l.json", json.dumps([{"text": ARTICLE}, {"text": ["not", "a", "string"]}]))
    got = items(tmp_path)
    assert isinstance(got[0], Raw) and got[0].id == "l.json#1"
    assert got[1].reason == "item 2: field 'text' is a list, expected a string"


def test_truncated_gzip_html(tmp_path: Path) -> None:
    data = gzip.compress(page(ARTICLE * 20).encode())
    write(tmp_path, "cut.html.gz", data[: len(data) // 2])
    (item,) = items(tmp_path)
    assert item.reason == "truncated gzip: the data ends before the end of the compressed stream"
    assert item.data == data[: len(data) // 2]


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(page(ARTICLE * 20).encode()))
    data[30:60] = b"\xff" * 30
    write(tmp_path, "bad.html.gz", bytes(data))
    (item,) = items(tmp_path)
    assert item.reason.startswith("corrupt gzip data (")


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{i}", "text": f"Record {i}. {ARTICLE}"}) + "\n" for i in range(40))
    data = gzip.compress(rows.encode())
    write(tmp_path, "cut.jsonl.gz", data[: len(data) * 2 // 3])
    got = items(tmp_path)
    *kept, last = got
    assert kept and all(isinstance(r, Raw) for r in kept)
    assert [r.id for r in kept] == [f"r{i}" for i in range(len(kept))]
    assert all(r.text.endswith(ARTICLE) for r in kept)  # no half record slipped through
    assert isinstance(last, Reject) and last.reason == (
        f"truncated gzip: the data ends before the end of the compressed stream: kept lines 1-{len(kept)}, "
        "the rest is lost")


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path, compress: bool) -> None:
    pages = three_pages()
    data = warc_bytes(pages, compress)
    for cut in (len(data) - 150, len(data) - 400):
        path = write(tmp_path, f"cut{cut}.warc" + (".gz" if compress else ""), data[:cut])
        got = items(path)
        kept = [r for r in got if isinstance(r, Raw)]
        assert kept and [r.data for r in kept] == [p[1] for p in pages[: len(kept)]]  # whole pages only
        assert len(kept) < 3
        last = got[-1]
        assert isinstance(last, Reject) and "truncated or damaged WARC at record" in last.reason
        assert last.reason.endswith(f"kept {len(kept)} page(s) read before it")
        assert last.data and last.data in data  # raw bytes from the damaged spot


def test_not_a_warc(tmp_path: Path) -> None:
    write(tmp_path, "fake.warc", b"this is not a web archive at all\n" * 5)
    (item,) = items(tmp_path)
    assert item.reason == "not a WARC file (it does not start with a WARC/1.x record header)"
    assert item.data == b"this is not a web archive at all\n" * 5


def test_missing_path() -> None:
    (item,) = list(read(["/nonexistent/storyline/folder"]))
    assert item.reason == "no such file or folder"


def test_the_run_goes_on_and_the_store_keeps_rejects(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    bad = {"a-empty.txt": b"", "b-binary.txt": b"\x00\x01\x02" * 50, "c-weird.xyz": b"?",
           "d-cut.html.gz": gzip.compress(page().encode())[:40]}
    for name, data in bad.items():
        write(corpus, name, data)
    write(corpus, "e-good.txt", ARTICLE)
    write(corpus, "f-lines.jsonl", '{"text": 1}\n' + json.dumps({"id": "g", "text": ARTICLE + " More."}) + "\n")
    report = BuildReport()
    with Store(tmp_path / "s.duckdb") as store:
        ingest_all([corpus], store, DEFAULT, report, lambda *a: None)
        assert store.document_ids() == ["e-good.txt", "g"]
        rows = {r["id"]: r for r in store.rows("SELECT id, reason, raw FROM rejects")}
    assert report.added == 2 and len(report.rejects) == 5
    assert set(rows) == {*bad, "f-lines.jsonl#1"}
    for name, data in bad.items():
        assert bytes(rows[name]["raw"]) == data, name
    assert rows["f-lines.jsonl#1"]["reason"] == "line 1: field 'text' is a number, expected a string"
    assert bytes(rows["f-lines.jsonl#1"]["raw"]) == b'{"text": 1}'


def test_hidden_entries_are_one_reject_each(tmp_path: Path) -> None:
    write(tmp_path, ".git/objects/ab/cdef", b"\x00\x01")
    write(tmp_path, "sub/.DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path, "sub/story.txt", ARTICLE)
    got = items(tmp_path)
    assert [(r.id, getattr(r, "reason", None)) for r in got] == [
        (".git", "hidden folder skipped"), ("sub/.DS_Store", "hidden file skipped"), ("sub/story.txt", None)]


def test_oversized_warc_record_does_not_stop_the_file(tmp_path: Path) -> None:
    pages = three_pages()
    pages[1] = (pages[1][0], page(ARTICLE * 30).encode(), "text/html")
    got = items(write(tmp_path, "c.warc.gz", warc_bytes(pages, True)))
    small = [r for r in read([tmp_path / "c.warc.gz"], DEFAULT.with_(max_bytes=2000))]
    assert all(isinstance(r, Raw) for r in got)
    assert [type(r).__name__ for r in small] == ["Raw", "Reject", "Raw"]
    assert small[1].reason == "oversized: WARC record over the limit of 2,000 bytes (Settings.max_bytes)"


def test_unknown_compressed_type_names_both_suffixes(tmp_path: Path) -> None:
    write(tmp_path, "backup.tar.gz", gzip.compress(b"x" * 100))
    (item,) = items(tmp_path)
    assert item.reason == "unsupported file type .tar.gz"


# --- inputs that crashed whole builds (issue 9): each is read, or rejected in one line, and the run goes on ---

SPRINT = ("Detroit, June 4 \u2013 The new electric coupe from Volta Motors goes from zero to 60 mph in 5.8 seconds, "
          "the company said on Thursday.\nIts battery charges in 2.5 hours, engineers told reporters at the show.\n")


def odd_inputs(folder: Path) -> dict[bytes, bytes]:
    """One file of each class of input that used to stop a build, by (byte) file name."""
    body = ARTICLE.encode()
    plain = ARTICLE.encode("ascii", "ignore")  # beside one byte of cp1252
    rec = {"id": "r", "text": ARTICLE, "title": "T", "url": "https://e.example/a", "source": "Wire"}
    files = {
        b"name-\xff\xfe.txt": body,  # a file name that is not UTF-8
        b"deep.json": b"[" * 100_000 + b"]" * 100_000,
        b"deep.jsonl": b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
        b"bigint.jsonl": b'{"id": 9' + b"9" * 5000 + b', "text": ' + json.dumps(ARTICLE).encode() + b"}\n",
        b"bignum.json": b'{"text": ' + json.dumps(ARTICLE).encode() + b', "published": 1' + b"0" * 5000 + b"}",
        b"charset-undefined.html": b'<meta charset="undefined"><p>' + plain + b" caf\xe9</p>",
        b"charset-punycode.htm": b'<meta charset="punycode"><p>' + plain + b" caf\xe9</p>",
        b"charset-base64.html": b'<meta charset="base64"><p>' + plain + b" \xff</p>",
        b"refs.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F &#xD800;</title><item>'
                      b"<title>A &#x110000; B &#0;</title><link>https://e.example/1</link><description>" + body +
                      b" &#55296; &#99999999999;</description></item></channel></rss>"),
        b"divs.html": b"<html><body>" + b"<div>" * 100_000 + b"<p>" + body + b"</p>" + b"</div>" * 100_000
                      + b"</body></html>",
        b"fraction.txt": SPRINT.encode(),  # its own story, so that it is analysed, not set aside as a copy
    }
    for field in ("text", "id", "title", "url", "source"):
        bad = dict(rec, **{field: rec[field] + "\ud800 \udfff"})
        files[f"surrogate-{field}.jsonl".encode()] = json.dumps(bad).encode() + b"\n"
        files[f"surrogate-{field}.json".encode()] = json.dumps([bad]).encode()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(data)
    return files


def test_odd_inputs_are_read_or_rejected_in_one_line(tmp_path: Path) -> None:
    odd_inputs(tmp_path)
    got = list(read([tmp_path]))
    for item in got:
        for value in (item.id, item.path, getattr(item, "reason", ""), getattr(item, "text", "") or "",
                      getattr(item, "title", "") or ""):
            value.encode("utf-8")  # storable and printable: no lone surrogates anywhere
        if isinstance(item, Reject):
            assert "\n" not in item.reason and len(item.reason) <= 200, item.reason
    raws = {r.id: r for r in got if isinstance(r, Raw)}
    rejects = {r.id: r.reason for r in got if isinstance(r, Reject)}
    assert "name-\\xff\\xfe.txt" in raws  # the undecodable bytes of the name shown as escapes
    assert rejects["deep.json"] == "invalid JSON (nested too deeply to read)"
    assert rejects["deep.jsonl#1"] == "line 1: invalid JSON (nested too deeply to read)"
    assert raws["9" + "9" * 5000].text == ARTICLE  # a 5,001-digit id is kept as its digits
    assert raws["bignum.json"].published == "1" + "0" * 199  # no date: kept as given (cut), as evidence
    for name, word in (("charset-undefined.html", "café"), ("charset-punycode.htm", "café")):
        assert word in raws[name].text  # the bogus charset is ignored, the bytes decoded by detection
    entry = raws["https://e.example/1"]
    assert "\ufffd" in entry.title and ARTICLE in entry.text
    assert ARTICLE in raws["divs.html"].text
    by_file = {Path(r.path).name: r for r in raws.values()}
    assert "\ufffd" in by_file["surrogate-text.jsonl"].text and "\ufffd" in by_file["surrogate-title.json"].title
    assert by_file["surrogate-id.jsonl"].id.startswith("r\\ud800 \\udfff")  # a lone surrogate in an id: its escape


def test_odd_inputs_clean_to_documents(tmp_path: Path) -> None:
    from storyline.clean import clean

    odd_inputs(tmp_path)
    for item in read([tmp_path]):
        if isinstance(item, Raw):
            doc = clean(item)
            assert isinstance(doc, Reject) or doc.text.strip(), item.id
            if item.id == "divs.html":
                assert "negotiators opened trade talks" in doc.text  # text inside 100,000 divs is not lost


def test_the_time_tagger_reads_fractional_durations() -> None:
    from storyline.timex.tagger import _duration

    assert _duration(5.8, "seconds") == "PT5.8S"
    assert _duration(2.5, "minutes") == "PT2M30S"
    assert _duration(1.99, "days") == "P2D"
    assert _duration(1.5, "days") == "P1DT12H"


@pytest.mark.parametrize(("value", "iso"), [
    ("2012-05-29T10:00:00+02:00", "2012-05-29T10:00:00+02:00"),
    ("May 29, 2012", "2012-05-29"),
    ("29 May 2012", "2012-05-29"),
    ("27/05/2012", "2012-05-27"),
    ("05/27/2012", "2012-05-27"),
    ("05/06/2012", "05/06/2012"),  # day and month could be swapped: kept as given, not guessed
    ("Tue, 29 May 2012 10:00:00 +0200", "2012-05-29T10:00:00+02:00"),
    ("1338285600", "2012-05-29T10:00:00+00:00"),
    (1338285600, "2012-05-29T10:00:00+00:00"),
    (20120529, "2012-05-29"),
    ("29 mai 2012", "2012-05-29"),
    ("last Tuesday", "last Tuesday"),
    ("2012-05", "2012-05"),
])
def test_published_in_common_forms(value, iso) -> None:
    from storyline.ingest.dates import published_value

    assert published_value(value) == iso


def test_published_never_costs_the_record(tmp_path: Path) -> None:
    values = ["May 29, 2012", "27/05/2012", 1338285600, "soon", 3.5, "05/06/2012"]
    write(tmp_path, "p.jsonl", "".join(json.dumps({"id": f"p{i}", "text": ARTICLE, "published": v}) + "\n"
                                     for i, v in enumerate(values)))
    got = items(tmp_path)
    assert all(isinstance(r, Raw) for r in got) and len(got) == len(values)
    assert [r.published for r in got][:3] == ["2012-05-29", "2012-05-27", "2012-05-29T10:00:00+00:00"]


def test_archive_limits(tmp_path: Path) -> None:
    small = DEFAULT.with_(max_records=1000, max_archive_bytes=200_000)
    lines = b"".join(json.dumps({"text": f"line {i}"}).encode() + b"\n" for i in range(5000))
    write(tmp_path, "many.jsonl.gz", gzip.compress(lines))
    write(tmp_path, "bomb.jsonl.gz", gzip.compress(b'{"text": "' + b"a" * 300_000 + b'"}\n'))
    write(tmp_path, "list.json", json.dumps([{"text": "x"}] * 1001))
    reasons_by_id = reasons(tmp_path, small)
    assert reasons_by_id["many.jsonl.gz"] == ("over the limit of 1,000 records per file (Settings.max_records); "
                                              "nothing read from it: split it, or raise the limit")
    assert reasons_by_id["bomb.jsonl.gz"] == ("over the limit of 200,000 decompressed bytes per archive "
                                              "(Settings.max_archive_bytes); nothing read from it")
    assert reasons_by_id["list.json"].startswith("a list of 1,001 records, over the limit of 1,000 per file")


def test_a_reader_bug_rejects_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.ingest import feeds

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setattr(feeds, "read_feed", broken)
    write(tmp_path, "a.rss", b"<rss/>")
    write(tmp_path, "b.txt", ARTICLE)
    got = items(tmp_path)
    assert got[0].reason == "could not be read: an internal error (AttributeError)"  # no Python text shown
    assert isinstance(got[1], Raw)


# --- more inputs of the same classes (bogus encodings elsewhere, other archive damage, other nesting, dates) ---

def more_odd_inputs(folder: Path) -> dict[str, bytes]:
    """One file of each further odd input, by file name."""
    body = ARTICLE.encode()
    pages = three_pages()
    plain = warc_bytes(pages, False)
    length = plain.index(b"Content-Length: ", plain.index(b"WARC-Type: response")) + len(b"Content-Length: ")
    digits = plain[length:plain.index(b"\r\n", length)]
    short = plain[:length] + str(int(digits) - 10).encode() + plain[length + len(digits):]
    files = {
        "undefined.atom": (b'<?xml version="1.0" encoding="undefined"?><feed xmlns="http://www.w3.org/2005/Atom">'
                           b'<title>F</title><entry><title>Caf\xe9</title><id>urn:a</id>'
                           b'<link href="https://e.example/atom"/><summary>' + ARTICLE.encode("ascii", "ignore")
                           + b" caf\xe9</summary></entry></feed>"),  # cp1252 bytes in a feed declaring no encoding
        "short.warc": short,  # a record's Content-Length 10 bytes short: warcio warns on standard error
        "junk.warc": b"\r\n\r\nWARC/1.0".join(plain.split(b"\r\n\r\nWARC/1.0", 2)[:2]) + b"\r\n\r\nHELLO junk"
                     + b"\r\n\r\nWARC/1.0" + plain.split(b"\r\n\r\nWARC/1.0", 2)[2],  # junk after the first page
        "plain.jsonl.gz": json.dumps({"id": "p", "text": ARTICLE}).encode() + b"\n",  # not gzipped at all
        "tables.html": b"<html><body>" + b"<table><tr><td>" * 30_000 + b"<p>" + body + b"</p>"
                       + b"</td></tr></table>" * 30_000 + b"</body></html>",
        "terms.html": b"<html><body>" + b"<dl><dd>" * 30_000 + b"<p>" + body + b"</p>" + b"</dd></dl>" * 30_000
                      + b"</body></html>",
        "dates.jsonl": b"".join(json.dumps({"id": f"date-{i}", "text": f"Item {i}. {ARTICLE}", "published": v}).encode()
                                + b"\n" for i, v in enumerate([{"$date": 1338285600000}, ["2012-05-29"], True,
                                                                {"a": 1, "b": 2}, "0001-01-01T00:00:00",
                                                                "1970-01-01T00:00:00Z", None])),
        "fraction.md": body + b" It took 2.5 hours, then 0.75 seconds, then 1.5 days.",
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_more_odd_inputs_are_read_or_rejected_in_one_line(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    more_odd_inputs(tmp_path)
    got = list(read([tmp_path]))
    assert capfd.readouterr().err == ""  # nothing printed by a library (warcio's three-line warning)
    raws = {r.id: r for r in got if isinstance(r, Raw)}
    rejects = {r.id: r.reason for r in got if isinstance(r, Reject)}
    assert all("\n" not in r and len(r) <= 200 for r in rejects.values())
    assert "café" in raws["urn:a"].text and raws["urn:a"].title == "Café"  # a bogus encoding is ignored
    assert rejects["short.warc#3"] == ("damaged WARC: record 2 does not end where its Content-Length says; bytes "
                                       "after it were skipped (its page may be cut short)")
    assert {"https://news.example/0", "https://news.example/1", "https://news.example/2"} <= set(raws)
    assert rejects["junk.warc#3"] == ("truncated or damaged WARC at record 3 (a record starts with 'HELLO junk', "
                                      "not a WARC header); kept 1 page(s) read before it")
    assert rejects["plain.jsonl.gz"] == "not gzip data, though the file name ends in .gz"
    assert "negotiators opened trade talks" in raws["tables.html"].text
    published = {r.id: r.published for r in raws.values() if r.id.startswith("date-")}
    assert published == {"date-0": "2012-05-29T10:00:00+00:00", "date-1": "2012-05-29", "date-2": "True",
                         "date-3": '{"a": 1, "b": 2}', "date-4": "0001-01-01T00:00:00",
                         "date-5": "1970-01-01T00:00:00Z", "date-6": None}  # never rejected for its date


def test_deeply_nested_tables_and_lists_keep_their_text(tmp_path: Path) -> None:
    from storyline.clean import clean

    more_odd_inputs(tmp_path)
    for name in ("tables.html", "terms.html"):
        (item,) = items(tmp_path / name)
        assert isinstance(item, Raw), getattr(item, "reason", "")
        assert "negotiators opened trade talks" in clean(item).text


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00", "1970-01-01T00:00:00Z", "1970-01-01", "9999-12-31",
                                   "1899-12-31"])
def test_no_article_date_is_never_a_certain_date(value: str) -> None:
    from test_dating import document

    from storyline.dating import date_document

    dated = date_document(document("Officials met on Tuesday to discuss the budget.", meta=value), [])
    assert not dated.certain and dated.source != "meta"
    assert any(e.kind == "meta" and "ignored" in e.note for e in dated.evidence)


def test_each_odd_input_beside_the_samples_builds(tmp_path: Path, seeds_dir: Path, seeds_db: Path) -> None:
    """The issue's check: every odd input in one folder with the sample articles gives exit 0, no traceback,
    a one-line reject or a document for each, and the sample timeline."""
    import shutil

    from test_cli_build import storyline as run_storyline

    import storyline

    corpus = tmp_path / "corpus"
    names = {os.fsdecode(n) for n in odd_inputs(corpus)} | set(more_odd_inputs(corpus))
    names |= {os.fsdecode(os.path.basename(n)) for n in invented_inputs(corpus)}
    for f in seeds_dir.iterdir():
        shutil.copy(f, corpus / f.name)
    run = run_storyline("build", corpus, "--db", tmp_path / "s.duckdb")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    with storyline.open(tmp_path / "s.duckdb") as s, storyline.open(seeds_db) as samples:
        paths = {Path(r["path"]).name for r in s.store.rows("SELECT path FROM documents")}
        rejected = s.store.rows("SELECT path, reason FROM rejects")
        for r in rejected:
            assert "\n" not in r["reason"] and len(r["reason"]) <= 200, r
        accounted = paths | {Path(r["path"]).name for r in rejected}
        assert {n.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for n in names} <= accounted
        analysed = {r["id"] for r in s.store.rows("SELECT id FROM documents WHERE analysed")}
        assert {"fraction.txt", "harbour.txt"} <= analysed  # the fractional durations went through the time tagger
        durations = {r["value"] for r in s.store.rows("SELECT value FROM timexes WHERE doc IN ('fraction.txt', "
                                                      "'harbour.txt')")}
        assert {"PT5.8S", "PT2H30M", "PT12H45M", "PT1M15S"} <= durations, durations
        seed_ids = {f.name for f in seeds_dir.iterdir()}
        reference = samples.timeline()
        mine = [e for e in s.timeline() if set(e["documents"]) <= seed_ids]
        assert reference and mine == reference


# --- inputs of the same classes that none of the above has (issue 9: checked on inputs we did not have) ---

HARBOUR = ("Rotterdam, May 12 \u2013 Dock workers ended a strike at the port of Rotterdam on Friday after 0.5 weeks, "
           "the union said.\nThe talks had run for 12.75 hours; a deal of 3.25 years was signed, and the first ships "
           "left 1.25 minutes after midnight, 2.5 nights after the walkout began.\n")


def invented_inputs(folder: Path) -> dict[bytes, bytes]:
    """Further inputs of each class, by (byte) path in the folder: names, surrogates, numbers and nesting,
    charsets, character references, fractions, bombs, and files that are no records."""
    body = ARTICLE.encode()
    plain = ARTICLE.encode("ascii", "ignore")

    def line(rid: str, **fields) -> bytes:
        return json.dumps({"id": rid, "text": f"{rid}. {ARTICLE}", **fields}).encode() + b"\n"

    def rss(declaration: bytes, item: bytes) -> bytes:
        return (b'<?xml version="1.0"' + declaration + b'?><rss version="2.0"><channel><title>F</title><item>'
                + item + b"</item></channel></rss>")

    files = {
        b"folder-\xe9t\xe9/inside.txt": body,  # a folder name that is not UTF-8
        b"caf\xe9-\x80.jsonl": line("latin-name"),
        b"surrogate-key.jsonl": (b'{"te\\ud800xt": "x", "id": "sk", "text": ' + json.dumps(ARTICLE).encode()
                                 + b', "published": "2012-05-29\\udc80"}\n'),
        b"surrogate-html.jsonl": json.dumps({"id": "sh\udfff", "html": page(ARTICLE + " \ud800"),
                                             "url": "https://e.example/\ud83d"}).encode() + b"\n",
        b"surrogates-reversed.json": b'[{"text": ' + json.dumps(ARTICLE).encode()[:-1] + b' \\udc00\\ud800", '
                                     b'"title": "\\udbff"}]',
        b"negative-bignum.jsonl": (b'{"id": "nb", "text": ' + json.dumps(ARTICLE).encode() + b', "published": -'
                                   + b"7" * 6000 + b"}\n"),
        b"floats.jsonl": line("inf").replace(b"}\n", b', "published": 1e999999}\n')
                         + line("nan").replace(b"}\n", b', "published": NaN}\n'),
        b"deep-object.json": b'{"a": ' * 120_000 + b"1" + b"}" * 120_000,
        b"deep-text.jsonl": b'{"id": "dt", "text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n",
        b"xml-utf16.rss": rss(b' encoding="utf-16"', b"<title>T</title><link>https://e.example/u16</link>"
                              b"<description>" + plain + b"</description>"),  # plain ASCII bytes declaring UTF-16
        b"xml-cp037.rss": rss(b' encoding="cp037"', b"<title>T</title><link>https://e.example/ebcdic</link>"
                              b"<description>" + plain + b"</description>"),
        b"xml-rot13.rss": rss(b' encoding="rot13"', b"<title>Caf\xe9</title><link>https://e.example/r13</link>"
                              b"<description>" + plain + b" caf\xe9</description>"),
        b"refs.atom": (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>&#1114112;</title>'
                       b"<entry><title>X &#xDFFF; &#x1F;</title><id>urn:refs</id>"
                       b'<link href="https://e.example/a&#xD800;b"/><content type="html">&lt;p&gt;' + plain
                       + b" &amp;#x110000; &#x7FFFFFFF;&lt;/p&gt;</content></entry></feed>"),
        b"refs-cdata.rss": rss(b"", b"<title>C</title><link>https://e.example/cd</link><description><![CDATA[<p>"
                               + plain + b" &#x110000; &#xD800;</p>]]></description>"),
        b"refs.html": b"<html><body><p>" + body + b" &#x110000; &#xD800; &#99999999999999999999; &#0;</p></body></html>",
        b"harbour.txt": HARBOUR.encode(),
        b"bomb.html.gz": gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>", 9),  # 30 MB from 30 kB
        b"many-lines.jsonl.gz": gzip.compress(b'{"text": "x"}\n' * 150_000, 9),
        b"garbage.html": garbage(50_000, seed=3),
        b"empty.jsonl": b"",
        b"array.jsonl": json.dumps([{"id": "arr1", "text": "arr1. " + ARTICLE},
                                    {"id": "arr2", "text": "arr2. " + ARTICLE}]).encode(),  # a JSON list, no lines
        b"pretty.jsonl": b"\n  " + json.dumps([{"id": "pretty1", "text": "pretty1. " + ARTICLE}], indent=2).encode(),
        b"utf16.txt": ARTICLE.encode("utf-16"),
    }
    for name, data in files.items():
        path = os.path.join(os.fsencode(folder), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    os.symlink("/nonexistent/storyline/target.txt", folder / "broken-link.txt")
    os.symlink(".", folder / "loop")
    return {**files, b"broken-link.txt": b"", b"loop": b""}


def test_invented_inputs_are_read_or_rejected_in_one_line(tmp_path: Path) -> None:
    from storyline.clean import clean

    invented_inputs(tmp_path)
    got = list(read([tmp_path]))
    for item in got:
        for value in (item.id, item.path, getattr(item, "reason", ""), getattr(item, "text", "") or "",
                      getattr(item, "title", "") or "", getattr(item, "url", "") or ""):
            value.encode("utf-8")  # no lone surrogates anywhere
    raws = {r.id: r for r in got if isinstance(r, Raw)}
    rejects = {r.id: r.reason for r in got if isinstance(r, Reject)}
    assert all("\n" not in r and len(r) <= 200 for r in rejects.values()), rejects
    assert ARTICLE in raws["folder-\\xe9t\\xe9/inside.txt"].text and "latin-name" in raws
    assert raws["sk"].text == ARTICLE and "\ufffd" in raws["surrogates-reversed.json#1"].text
    assert {"nb", "inf", "nan"} <= set(raws)  # a number that is no date never costs the record
    assert rejects["deep-object.json"] == "invalid JSON (nested too deeply to read)"
    assert rejects["deep-text.jsonl#1"] == "line 1: invalid JSON (nested too deeply to read)"
    for url in ("https://e.example/u16", "https://e.example/ebcdic"):  # a declaration its own bytes belie
        assert raws[url].text.strip() == ARTICLE.encode("ascii", "ignore").decode().strip()
    assert raws["https://e.example/r13"].title == "Café"
    assert "\ufffd" in raws["urn:refs"].title
    for rid in ("https://e.example/cd", "refs.html"):  # references to no character read as U+FFFD
        assert "negotiators opened trade talks" in clean(raws[rid]).text and "\ufffd" in clean(raws[rid]).text
    assert rejects["bomb.html.gz"].startswith("oversized: decompressed size over the limit of 20,000,000 bytes")
    assert rejects["many-lines.jsonl.gz"].startswith("over the limit of 100,000 records per file")
    assert rejects["garbage.html"] in ("undecodable text: not UTF-8 and no other encoding fits",
                                       "binary file (control characters), not text")
    assert rejects["empty.jsonl"] == "empty file"
    assert raws["arr2"].text == "arr2. " + ARTICLE and raws["pretty1"].text == "pretty1. " + ARTICLE
    assert raws["utf16.txt"].text == ARTICLE
    assert rejects["broken-link.txt"] == "not a regular file"
    assert rejects["loop"] == "symbolic link to a folder skipped"
