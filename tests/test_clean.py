"""Cleaning: site chrome in plain text, page dates and their roles, HTML, encodings, bad input, language."""

from __future__ import annotations

from storyline.clean import clean
from storyline.clean.core import content_hash
from storyline.clean.decode import decode
from storyline.clean.pagedates import line_date
from storyline.clean.text import strip_chrome
from storyline.records import Document, Raw, Reject

PARA1 = ("The harbour authority in Valdoria said on Tuesday that the new container terminal would open "
         "in the spring, after two years of delays caused by flooding and a dispute with the builders.")
PARA2 = ("Mayor Ilse Brandt told reporters the city had paid its share and expected the national government "
         "to do the same, adding that \u201cthe port cannot wait another winter.\u201d")
PARA3 = ("Dock workers have threatened a strike if the operator cuts shifts once the automated cranes arrive, "
         "a union spokesman said in a statement released late on Wednesday evening.")

PAGE = f"""Your Trusted News Source From Across The Globe
Friday, March 8, 2024
[ad_1]
Valdoria port terminal to open in spring after long delays

{PARA1}

- Advertisement -

Cranes and crews
{PARA2}
Photo: Harbour crane at dusk / Valdoria Port Authority
READ MORE: Port strikes spread along the coast >>>
{PARA3}
Read more: Why container shipping costs are rising again
Related Posts
Strike talks collapse at northern ferry line
New bridge toll angers commuters
Leave a comment
Your email address will not be published. Required fields are marked *
Save my name, email, and website in this browser for the next time I comment.
We use cookies to give you the best experience on our website. By continuing you agree to our cookie policy. Accept
[ad_2]
Source link
"""


def _raw(data: bytes | str, kind: str = "text", **kw) -> Raw:
    """A Raw record from bytes or text."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    return Raw(id="doc.txt", path="doc.txt", data=data, kind=kind, **kw)


def test_chrome_lines_removed_and_article_kept() -> None:
    doc = clean(_raw(PAGE))
    assert isinstance(doc, Document)
    assert doc.title == "Valdoria port terminal to open in spring after long delays"
    for para in (PARA1, PARA2, PARA3, "Cranes and crews"):
        assert para in doc.text
    for chrome in ("Trusted News", "[ad_", "Advertisement", "Photo:", "READ MORE", "Read more", "Related Posts",
                   "Strike talks collapse", "bridge toll", "Leave a comment", "email address", "Save my name",
                   "cookies", "Source link", "March 8"):
        assert chrome not in doc.text, chrome
    assert doc.text.startswith(PARA1)
    assert doc.language == "en"
    assert doc.content_hash == content_hash(doc.text)


def test_subheading_kept_and_dateline_left_for_dating() -> None:
    text = ("Talks resume in Geneva\n\nGENEVA, May 3 (Staff) \u2013 " + PARA1 + "\n\nA fragile truce\n\n" + PARA2)
    doc = clean(_raw(text))
    assert doc.title == "Talks resume in Geneva"
    assert doc.text.startswith("GENEVA, May 3 (Staff) \u2013")
    assert "\n\nA fragile truce\n\n" in doc.text
    assert doc.page_dates == []


def test_rendered_date_with_weekday_in_header() -> None:
    doc = clean(_raw(f"Tuesday, October 4, 2022\n\nHeadline about the port\n\n{PARA1}\n\n{PARA2}"))
    (pd,) = doc.page_dates
    assert (pd.date, pd.role, pd.where, pd.line) == ("2022-10-04", "rendered", "header", 1)
    assert "October 4" not in doc.text


def test_weather_widget_date_is_rendered() -> None:
    doc = clean(_raw(f"-3.5 \u00b0C\n17 January 2023\n\n{PARA1}\n\n{PARA2}"))
    (pd,) = doc.page_dates
    assert (pd.date, pd.role, pd.where) == ("2023-01-17", "rendered", "widget")
    assert "3.5" not in doc.text and "January" not in doc.text


def test_labelled_dates_are_published_or_updated() -> None:
    doc = clean(_raw(f"Published: 12 May 2021 | World\nUpdated May 13, 2021 at 9:40 a.m. EDT\n\n{PARA1}\n{PARA2}"))
    roles = {(p.date, p.role) for p in doc.page_dates}
    assert roles == {("2021-05-12", "published"), ("2021-05-13", "updated")}
    assert doc.text.startswith(PARA1)


def test_date_label_line_with_section_then_title() -> None:
    doc = clean(_raw(f" date 2020-02-29 Business\nPort deal signed after all-night talks\n{PARA1}\n{PARA3}"))
    (pd,) = doc.page_dates
    assert (pd.date, pd.role, pd.where) == ("2020-02-29", "published", "header")
    assert doc.title == "Port deal signed after all-night talks"


def test_bare_date_in_footer_is_unknown_and_bad_dates_are_not_dates() -> None:
    doc = clean(_raw(f"{PARA1}\n{PARA2}\nMarch 2, 2019"))
    (pd,) = doc.page_dates
    assert (pd.role, pd.where) == ("unknown", "footer")
    # chrome date lines whose date cannot be used: removed from the text, but no page date
    assert line_date("Monday, June 21, 2022").date is None  # 21 June 2022 was a Tuesday
    assert line_date("03/04/2022").date is None  # day-first or month-first: ambiguous
    assert line_date("31/04/2022").date is None  # not a day
    assert line_date("03.04.2022").date == "2022-04-03"  # dotted dates are day-first
    assert line_date("25/12/2022").date == "2022-12-25"
    assert line_date("December 30, 2022 \u2013 The minister said") is None  # a sentence, not chrome
    assert line_date("Posted on 2022/11/05").role == "published"
    doc = clean(_raw(f"Published 03/04/2022\n{PARA1}\n{PARA2}"))
    assert doc.page_dates == [] and doc.text.startswith(PARA1)


def test_html_main_text_title_and_meta_date() -> None:
    body = " ".join([PARA1, PARA2, PARA3] * 2)
    html = f"""<!DOCTYPE html><html><head><title>Valdoria port opens | Example Herald</title>
<meta property="og:title" content="Valdoria port terminal opens">
<meta property="article:published_time" content="2023-04-11T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Valdoria port terminal opens</h1><p>{PARA1}</p><p>{PARA2}</p>
<p>Read more: Ferry strike enters second week</p><p>{PARA3}</p><p>{body}</p></article>
<footer><p>Copyright 2023 Example Herald. All rights reserved.</p><p>Subscribe to our newsletter</p></footer>
</body></html>"""
    doc = clean(_raw(html, kind="html", url="https://example.org/port"))
    assert isinstance(doc, Document)
    assert doc.title == "Valdoria port terminal opens"
    assert PARA1 in doc.text and PARA3 in doc.text
    assert "Read more" not in doc.text and "newsletter" not in doc.text and "Sport" not in doc.text
    assert doc.meta_published == "2023-04-11"
    assert any(p.role == "published" and p.where == "meta" for p in doc.page_dates)


def test_container_date_wins_over_page_metadata() -> None:
    html = f"<html><head><meta name='date' content='2019-01-02'></head><body><p>{PARA1}</p></body></html>"
    doc = clean(_raw(html, kind="html", published="2018-12-31"))
    assert doc.meta_published == "2018-12-31"


def test_cp1252_bytes_are_decoded() -> None:
    text = ("\u201cThe caf\u00e9 on the quay will stay open,\u201d said Ren\u00e9e M\u00fcller, who has run it "
            "since 1998 \u2013 through storms, strikes and two changes of owner. " * 3)
    data = text.encode("cp1252")
    assert decode(data) [0] == text
    doc = clean(_raw(data))
    assert "Ren\u00e9e M\u00fcller" in doc.text and "caf\u00e9" in doc.text


def test_latin1_html_with_declared_charset() -> None:
    html = ("<html><head><meta charset='iso-8859-1'></head><body><p>"
            + "La r\u00e9union \u00e0 Gen\u00e8ve a dur\u00e9 toute la nuit, ont d\u00e9clar\u00e9 les d\u00e9l\u00e9gu\u00e9s. " * 8
            + "</p></body></html>")
    doc = clean(_raw(html.encode("latin-1"), kind="html"))
    assert "Gen\u00e8ve" in doc.text
    assert doc.language == "fr"


def test_binary_and_empty_inputs_are_rejected_with_one_line_reasons() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    zeros = b"some text\x00\x01\x02" * 50
    for data in (png, zeros):
        rej = clean(_raw(data))
        assert isinstance(rej, Reject) and rej.reason == "binary content"
        assert rej.data == data
    rej = clean(_raw("[ad_1]\n- Advertisement -\nSource link\n"))
    assert isinstance(rej, Reject) and rej.reason == "empty after cleaning"
    assert "\n" not in rej.reason


def test_language_of_other_texts() -> None:
    german = ("Die Hafenverwaltung teilte am Dienstag mit, dass das neue Containerterminal im Fr\u00fchjahr "
              "er\u00f6ffnet werden soll, nachdem es zwei Jahre lang Verz\u00f6gerungen gegeben hatte.")
    assert clean(_raw(german)).language == "de"


def test_content_hash_ignores_case_punctuation_and_spacing() -> None:
    assert content_hash("Hello,  World!\n") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello word")


def test_chrome_report_lists_each_removed_line() -> None:
    cleaned = strip_chrome("[ad_1]\nTitle of the piece here\n" + PARA1 + "\nSource link")
    assert [kind for _, kind in cleaned.removed] == ["inline", "end"]
    assert [line for line, _ in cleaned.removed] == [1, 4]


def test_utf16_with_bom_and_html_saved_as_text() -> None:
    doc = clean(_raw(("\ufeff" + PARA1 + "\n" + PARA2).encode("utf-16-le")))
    assert isinstance(doc, Document) and doc.text.startswith(PARA1)
    page = f"<!DOCTYPE html><html><head><title>Port</title></head><body><p>{PARA1}</p><p>{PARA2}</p></body></html>"
    doc = clean(_raw(page, kind="text"))
    assert "<p>" not in doc.text and PARA1 in doc.text


def test_malformed_html_gives_a_document_or_a_one_line_reason() -> None:
    for page in (f"<html><body><div><p>{PARA1}<p>{PARA2}</div></span></table>", "<html><body></body></html>",
                 "<<<>>> <html <body <p"):
        out = clean(_raw(page, kind="html"))
        if isinstance(out, Reject):
            assert out.reason and "\n" not in out.reason
        else:
            assert PARA1 in out.text


def test_chrome_dates_in_other_languages() -> None:
    cases = {
        "segunda-feira, 22 de janeiro de 2018 às 0:13": ("2018-01-22", ""),
        "Montag, 3. Juni 2024": ("2024-06-03", ""),
        "Publié le 12 mars 2021": ("2021-03-12", "published"),
        "Actualizado el 5 de mayo de 2020 a las 10:32": ("2020-05-05", "updated"),
    }
    for line, (iso, role) in cases.items():
        found = line_date(line)
        assert found is not None and (found.date, found.role) == (iso, role), line
    assert line_date("Dienstag, 3. Juni 2024").date is None  # 3 June 2024 was a Monday


def test_masthead_navigation_and_section_label_above_the_headline() -> None:
    page = (f"Harbour Post | Coastal News Daily\n\nHome  World  Business  Sport  Opinion\n\nFEATURE\n\n"
            f"Ferries return to the northern route\n\nBy Harbour Post staff\n\n{PARA1}\n\n{PARA2}")
    doc = clean(_raw(page))
    assert doc.title == "Ferries return to the northern route"
    assert doc.text.startswith(PARA1)
    for chrome in ("Harbour Post", "Opinion", "FEATURE", "By Harbour"):
        assert chrome not in doc.text


def test_markdown_headline_and_byline_date() -> None:
    page = f"# Ferries return to the northern route\n\n*By Lena Ostrova | 2 April 2025*\n\n{PARA1}\n\n{PARA2}"
    doc = clean(_raw(page))
    assert doc.title == "Ferries return to the northern route"
    (pd,) = doc.page_dates
    assert (pd.date, pd.role) == ("2025-04-02", "published")
    assert doc.text == f"{PARA1}\n\n{PARA2}"
