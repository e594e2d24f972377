"""CSV and TSV files, read by the plug-in reader ingest/tables.py: one article a row, every row's bytes kept."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest.readers import read
from storyline.records import Raw, Reject

CSV = ('id,title,published,text\n'
       'a1,Talks open,2026-03-02,"China and the US opened talks in Geneva on Monday, officials said."\n'
       'a2,Empty,2026-03-03,\n'
       ',Multi-line,,"First line of the story.\nSecond line, with a ""quote""."\n')


def test_a_csv_file_gives_one_article_a_row(tmp_path: Path) -> None:
    (tmp_path / "corpus.csv").write_text(CSV, encoding="utf-8")
    items = list(read([tmp_path]))
    raws = [i for i in items if isinstance(i, Raw)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [(r.id, r.title, r.published) for r in raws] == [("a1", "Talks open", "2026-03-02"),
                                                             ("corpus.csv#3", "Multi-line", None)]
    assert raws[0].text.startswith("China and the US") and raws[1].text.endswith('with a "quote".')
    assert raws[1].data == b',Multi-line,,"First line of the story.\nSecond line, with a ""quote""."\n'
    assert [(r.id, r.reason) for r in rejects] == [("a2", "row 2 has no text")]


def test_a_tsv_file_without_a_text_column_is_one_reject(tmp_path: Path) -> None:
    (tmp_path / "notes.tsv").write_text("id\tnote\n1\thello\n", encoding="utf-8")
    (item,) = list(read([tmp_path / "notes.tsv"]))
    assert isinstance(item, Reject) and "without a text" in item.reason
