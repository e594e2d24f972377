"""The plain-text cleaner on the traps of scraped pages: reader comments and their headers, 'Reply' buttons,
bylines, photo credits and teasers go; the article stays. And the trained model file it ships."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import EXAMPLES

from storyline.clean import clean
from storyline.clean import model as line_model
from storyline.clean.comments import thread_start
from storyline.clean.lines import CONTEXT, FEATURES, Page, line_features
from storyline.clean.text import strip_chrome
from storyline.records import Document, Raw

ARTICLE = [
    "The harbour authority in Valdoria said on Tuesday that the new container terminal would open in the "
    "spring, after two years of delays caused by flooding and a dispute with the builders.",
    "Mayor Ilse Brandt told reporters the city had paid its share and expected the national government to do "
    "the same, adding that the port could not wait another winter for the cranes to arrive.",
    "Dock workers have threatened a strike if the operator cuts shifts once the automated cranes arrive, a union "
    "spokesman said in a statement released late on Wednesday evening.",
    "The operator, Nordhaven Logistics, said no jobs would be lost in the first year and that it would retrain "
    "crane drivers to run the new remote-controlled equipment from a control room.",
    "Shipping lines have already booked slots for the first months, the authority said, and the first vessel "
    "is due to berth in the second week of April if the final inspections go to plan.",
]
HEADLINE = "Valdoria port terminal to open in spring after long delays"


def _clean(text: str) -> Document:
    """The document `storyline build` makes of a .txt file with this text."""
    doc = clean(Raw(id="page.txt", path="page.txt", data=text.encode("utf-8"), kind="text"))
    assert isinstance(doc, Document)
    return doc


def _article_kept(doc: Document) -> None:
    """Every paragraph of the article is in the clean text."""
    for para in ARTICLE:
        assert para in doc.text, para[:40]


def _page(*chrome_after: str, chrome_before: tuple[str, ...] = ()) -> str:
    """A page: chrome, the headline, the article, then more chrome; one item a line, paragraphs apart."""
    return "\n\n".join([*chrome_before, HEADLINE, *ARTICLE, *chrome_after]) + "\n"


COMMENT_BODIES = [
    "I have lived in Valdoria all my life and I will believe the terminal opens when I see the first ship there.",
    "The council wasted millions on this project while the hospital waits for a new wing, shame on all of them.",
    "Good news for the town at last, my son works at the docks and the new jobs will be welcome for everyone here.",
    "Why does nobody mention the flooding risk, the same quay was under water twice in the last ten years alone.",
]


def test_reader_comments_with_time_and_name_headers_are_chrome() -> None:
    thread = [f"At 15:{38 + k} 20th Jan 2012, {name} wrote: {body}" for k, (name, body) in
              enumerate(zip(("BluesBerry", "harbourfan", "Old_Salt", "kestrel77"), COMMENT_BODIES, strict=True))]
    doc = _clean(_page("Comments", *thread))
    _article_kept(doc)
    for body in COMMENT_BODIES:
        assert body[:40] not in doc.text
    assert "wrote" not in doc.text and not doc.page_dates  # a comment's time is no page date


def test_comment_headers_on_their_own_line_and_reply_buttons_are_chrome() -> None:
    thread = []
    for k, (name, body) in enumerate(zip(("averagjoe", "portwatcher", "Ilse fan", "dockhand"), COMMENT_BODIES,
                                         strict=True)):
        thread += [f"{name} says:", f"March 26, 2011 at {k + 5}:14 pm", body, "Reply"]
    doc = _clean(_page("4 responses to \u201cValdoria port terminal to open\u201d", *thread))
    _article_kept(doc)
    for chrome in ("says:", "Reply", "6:14 pm", *(b[:40] for b in COMMENT_BODIES)):
        assert chrome not in doc.text, chrome


def test_comments_that_open_with_their_date_and_reply_x_lines() -> None:
    thread = [f"March 26, 2011 at {k + 5}:14 pm | {body}" for k, body in enumerate(COMMENT_BODIES)]
    thread.insert(2, "Reply Obama should have sent the navy to clear the harbour years ago, everyone knows it.")
    doc = _clean(_page(*thread))
    _article_kept(doc)
    assert "Reply" not in doc.text and "Bias" not in doc.text
    for body in COMMENT_BODIES:
        assert body[:40] not in doc.text


def test_comments_that_open_with_the_time_they_were_posted_are_chrome() -> None:
    thread = [f"Added : Tuesday , 19 January , 2010 , 17:{50 - k} GMT 17:{50 - k} UK {body}"  # as Timeline17 has them
              for k, body in enumerate(COMMENT_BODIES)]
    doc = _clean(_page(*thread))
    _article_kept(doc)
    for body in COMMENT_BODIES:
        assert body[:40] not in doc.text
    # one such stamp on top of the article is the article's own: it is not taken for a thread
    assert thread_start(["Posted: 19 January 2010 17:55 GMT", *ARTICLE]) is None


def test_readers_messages_signed_with_a_name_and_a_place_are_chrome() -> None:
    signatures = ("Raven Morpheus, Braintree, Essex, UK", "Dave B (Brit ex-pat), Uxbridge, Canada",
                  "Cristina from Buenos Aires, Argentina:", "Mvula Zakeyo, Lusaka, Zambia")
    glued = [f"{name} {body}" for name, body in zip(signatures, COMMENT_BODIES, strict=True)]  # as Timeline17 has them
    below = [x for name, body in zip(signatures, COMMENT_BODIES, strict=True) for x in (body, name)]
    for thread in (glued, below):
        doc = _clean(_page("Have your say", *thread))
        _article_kept(doc)
        for body in COMMENT_BODIES:
            assert body[:40] not in doc.text
    # names with places in a list, one a line, are no signatures: the article keeps them
    listed = ["NASA picked three firms to build the landers:", "Blue Origin, Kent, Washington",
              "Ceres Robotics, Palo Alto, California", "Sierra Nevada Corporation, Louisville, Colorado"]
    doc = _clean(_page(chrome_before=()).replace(ARTICLE[2], "\n\n".join([ARTICLE[2], *listed])))
    assert thread_start([*ARTICLE, *listed, *ARTICLE]) is None and "Ceres Robotics" in doc.text


def test_signatures_after_comments_start_the_thread_at_the_posts_closing_byline() -> None:
    lines = [*ARTICLE, "By Web Politics Editor | September 25, 2008; 11:19 AM ET"]
    for name, body in zip(("mthomps71", "TAH1", "laj82", "RABO"), COMMENT_BODIES, strict=True):
        lines += [body, f"Posted by: {name} | September 25, 2008 4:26 PM | Report abuse"]
    assert thread_start(lines) == len(ARTICLE)
    doc = _clean("\n".join([HEADLINE, *lines]))
    _article_kept(doc)
    assert "Posted by" not in doc.text and COMMENT_BODIES[0][:40] not in doc.text


def test_no_thread_in_an_article_that_quotes_a_time() -> None:
    lines = [*ARTICLE, "At 10:30 on Monday the harbour master said the inspections were on schedule.",
             "He said the cranes would be tested at 9:00 every morning for a week."]
    assert thread_start(lines) is None
    assert thread_start(["averagjoe says:", *ARTICLE]) is None  # one short shape alone is no thread


def test_bylines_are_chrome() -> None:
    for byline in ("March 19, 2011 | By Jason Hanna, CNN", "By Jason Hanna, CNN", "By Lena Ostrova and Tom Berg",
                   "By LENA OSTROVA, Associated Press"):
        doc = _clean(_page(chrome_before=(byline,)))
        _article_kept(doc)
        assert "Hanna" not in doc.text and "Ostrova" not in doc.text, byline
        assert doc.title == HEADLINE


def test_photo_credits_and_teasers_are_chrome() -> None:
    page = "\n\n".join([HEADLINE, ARTICLE[0], "Cranes at the new terminal. Photo: Nordhaven Logistics/Reuters",
                        ARTICLE[1], "READ MORE: Port strikes spread along the coast >>>", ARTICLE[2],
                        "(AP Photo/Lena Ostrova)", ARTICLE[3], "Related stories", "Ferry strike enters second week",
                        "New bridge toll angers commuters", "Why shipping costs are rising again", ARTICLE[4],
                        "Sign up for our morning newsletter"])
    doc = _clean(page)
    _article_kept(doc)
    for chrome in ("Photo", "READ MORE", "Ferry strike", "bridge toll", "shipping costs", "newsletter"):
        assert chrome not in doc.text, chrome


def test_menus_and_footers_of_a_flattened_page_are_chrome() -> None:
    menu = ["Home", "World", "Business", "Markets", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
    footer = ["About us", "Contact", "Privacy policy", "Terms of use", "\u00a9 2024 Valdoria Herald"]
    doc = _clean("\n".join(menu) + "\n" + _page(*footer))
    _article_kept(doc)
    assert doc.title == HEADLINE
    assert doc.text.startswith(ARTICLE[0]) and doc.text.endswith(ARTICLE[-1])


def test_sentence_per_line_text_keeps_every_sentence() -> None:
    sentences = [s.strip() + "." for para in ARTICLE for s in para.split(", ") if len(s) > 30]
    doc = _clean("\n".join(sentences))
    assert all(s in doc.text for s in sentences)


def test_the_shipped_model_loads_and_answers_in_0_1() -> None:
    fitted = line_model.shipped()
    assert fitted.first.feature.shape[0] > 0 and 0.0 < fitted.threshold < 1.0
    page = Page(lines=[HEADLINE, *ARTICLE, "Share"], groups=[None] * 7, blank_before=[True] * 7,
                blank_after=[True] * 7)
    p = fitted.first.probability(line_features(page))
    assert p.shape == (7,) and np.all((p >= 0) & (p <= 1))
    assert p[1] > fitted.threshold  # a paragraph of running text


def test_a_model_file_for_other_features_is_refused() -> None:
    data = json.loads(json.dumps({"features": list(FEATURES[:-1]), "context": list(CONTEXT)}))
    with pytest.raises(ValueError, match="retrain"):
        line_model.from_json(data)


def test_trees_read_from_json_evaluate_like_the_tree() -> None:
    # one tree: feature 0 <= 0.5 goes left (leaf -1), else right (leaf +2); baseline 0.5
    trees = line_model.Trees.from_json({"baseline": 0.5, "depth": 2, "trees": [
        {"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
         "value": [0, -1.0, 2.0], "leaf": [False, True, True]}]})
    p = trees.probability(np.array([[0.0], [1.0]]))
    assert np.allclose(p, 1 / (1 + np.exp(-np.array([-0.5, 2.5]))))


def test_the_html_path_does_not_use_the_model() -> None:
    text = "\n".join(["Markets", "Opinion", "Culture", *ARTICLE, "Most read", "Ferry strike enters second week"])
    assert "Opinion" in strip_chrome(text, find_title=False, learned=False).text  # the pattern table alone
    assert "Opinion" not in strip_chrome(text, find_title=False).text


def test_a_byline_glued_to_the_first_sentence_is_cut_off_it() -> None:
    for byline in ("By Richard Black Environment correspondent , BBC News", "By Joe Lynam , BBC business correspondent",
                   "By Peter Bowes BBC News , Los Angeles", "By Ned Parker , Los Angeles Times Staff Writer"):
        doc = _clean("\n\n".join([HEADLINE, f"{byline} {ARTICLE[0]}", *ARTICLE[1:]]))
        assert doc.text.startswith(ARTICLE[0]) and byline.split()[2] not in doc.text, byline
    closing = "By Web Politics Editor | September 25, 2008; 11:19 AM ET"  # a post's closing line stays whole
    assert strip_chrome(closing, find_title=False, learned=False).text == closing
    by_the_way = "By the way , the port has been closed since Monday ."  # not a byline: the pattern table keeps it
    assert strip_chrome(by_the_way, find_title=False, learned=False).text == by_the_way


TEASERS = [  # a 'More stories' block after the article: other articles' headlines and first sentences
    "Ferry strike enters second week",
    "Ferry crews on the northern routes stayed off work for an eighth day on Monday, leaving islanders without a "
    "service as talks between the union and the operator broke down again.",
    "New bridge toll angers commuters",
    "Drivers crossing the Eastway bridge will pay twice as much from next month, the roads agency confirmed, in a "
    "move that business groups said would hurt shops in the old town.",
    "School meals go organic in three districts",
    "Pupils in three districts will get organic lunches from September under a pilot scheme that the education "
    "board said would be extended if parents and farmers back it.",
]


def test_teasers_of_other_articles_after_the_article_are_chrome() -> None:
    doc = _clean(_page("More stories", *TEASERS, "About us", "Contact", "Privacy policy"))
    _article_kept(doc)
    for teaser in TEASERS:
        assert teaser[:30] not in doc.text, teaser



def test_a_short_closing_paragraph_of_the_article_stays() -> None:
    page = (EXAMPLES / "globalwire" / "2026-03-11-framework-deal.txt").read_text(encoding="utf-8")
    paragraphs = [x for x in page.split("\n\n") if len(x.split()) >= 8 and x.endswith(".")]  # the article's
    closing = "The White House is expected to comment on Thursday."  # nine words, after an ad: the model doubts it
    assert paragraphs[-1] == closing
    doc = _clean(page)
    for para in paragraphs:
        assert para in doc.text, para[:40]
    assert "Read more" not in doc.text and "Source link" not in doc.text
    first = "Geneva, March 3 - The minister said talks would go on. <script>alert(1)</script>"  # odd markup in it
    doc = _clean(f"Hostile page test\n{first}\nAn image follows and a link here.\n\"Nobody will run this,\" he said.\n")
    assert first in doc.text


PROGRAMMES = [  # a week of radio listings, as a broadcaster's press pages print them
    "{day}: the breakfast show presenter Nia Holm is joined by the cellist Arvo Lind in the studio.",
    "In this week's episode of the series Harbour Lives, Tom Vey meets the last ferryman of Valdoria.",
    "Producer: Ann Quist. The evening programme looks back at forty years of the port's brass band.",
    "Listeners send in their memories of the old quay, and the choir sings live from the town hall.",
]


def test_a_broadcast_schedule_yields_no_document() -> None:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday next",
            "Tuesday next", "Wednesday next", "Thursday next")
    schedule = "\n\n".join(line.format(day=day) + f" ({day}, part {k})" for k, day in enumerate(days)
                             for line in PROGRAMMES)
    got = clean(Raw(id="week.txt", path="week.txt", data=schedule.encode("utf-8"), kind="text"))
    assert not isinstance(got, Document) and got.reason == "a broadcast schedule, not an article"
    # an article that names a programme and its presenter now and then stays an article
    article = "\n\n".join([*ARTICLE, *(f"{para} ({k})" for k in range(8) for para in ARTICLE), PROGRAMMES[0].format(day="Monday")])
    _article_kept(_clean(article))
