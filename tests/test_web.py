"""The web app in real headless Chromium (Debian's, driven by Playwright) over a store built from the seeds."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.pipeline import build
from storyline.store import Store

SHOTS = Path(__file__).parent / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]

HOSTILE = """Hostile page test
Geneva, March 3 - The minister said talks would go on. <script>window.__pwned = 1; alert(1)</script>
An image follows <img src=x onerror="window.__pwned = 2"> and a link <a href="javascript:alert(3)">here</a>.
"Nobody will run this," the minister said on Monday.
"""


def chromium_path() -> str:
    """Debian's chromium; in CI its absence fails, elsewhere the browser tests skip."""
    path = shutil.which("chromium")
    if path is None:
        msg = "Debian's chromium is not installed (make test installs it with apt-get as root)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A store of the seeds plus one article whose text carries script and event-handler markup."""
    root = tmp_path_factory.mktemp("web")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = root / "web.duckdb"
    with Store(db) as store:
        build([seeds_dir, hostile], store)
    return db


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn on a loopback port, in a thread."""
    import uvicorn

    from storyline.web import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # noqa: ANN001, ANN201
    ctx = browser.new_context(viewport={"width": 1200, "height": 1000})
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    ctx.close()


def shot(page, name: str) -> None:  # noqa: ANN001
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_storyline_comes_first_and_the_event_log_is_paged(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Storyline"
    story = page.locator("article.entry").count()
    assert 0 < story <= 25
    # the chart spans the days shown: its ends are days of the storyline's dated entries
    ends = page.locator("svg.axis text.tick").evaluate_all("els => els.map(e => e.textContent)")
    days = {h.split(" ")[0] for h in page.locator("h2.when").all_inner_texts() if h[:4].isdigit()}
    assert set(ends) <= days
    page.click("#all-link")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Event log" and "all=1" in page.url
    first_page = page.locator("article.entry").count()
    assert story < first_page <= 50
    total = int(page.locator("p.count").inner_text().split()[0])
    if total > 50:  # the event log runs over pages
        page.click("a[rel=next]")
        page.wait_for_load_state()
        assert "page=2" in page.url and "all=1" in page.url
        assert page.locator("article.entry").count() == min(50, total - 50)
    shot(page, "event-log")
    page.click("#storyline-link")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Storyline"


def test_timeline_page_shows_entries_and_uncertain_ranges(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    shot(page, "timeline")
    entries = page.locator("article.entry")
    assert entries.count() > 0
    assert page.locator("p.actors .agents").count() > 0  # who acted, and on whom
    assert " → " in page.inner_text("main")
    assert page.locator("svg.axis").count() == 1
    # every uncertain entry is labelled so, and drawn as a range on the axis
    uncertain = page.locator("section.is-uncertain h2.when")
    for i in range(uncertain.count()):
        assert uncertain.nth(i).inner_text().startswith("uncertain:")
    uncertain_entries = page.locator("section.is-uncertain article.entry").count()
    certain_entries = page.locator("section.day:not(.is-uncertain) article.entry").count()
    assert page.locator("svg.axis rect.uncertain").count() == uncertain_entries
    assert page.locator("svg.axis circle.certain").count() == certain_entries


def test_timeline_category_filter(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    before = page.locator("article.entry").count()
    page.select_option("select[name=category]", "CONSULT")
    page.click("#apply")
    page.wait_for_load_state()
    assert "category=CONSULT" in page.url
    cats = page.locator("article.entry").evaluate_all("els => els.map(e => e.dataset.category)")
    assert set(cats) <= {"CONSULT"}
    assert len(cats) <= before
    shot(page, "timeline-consult")


def test_document_page_highlights_and_dates(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/doc/004_1f7213e7b594bad1.txt")
    assert "Published:" in page.inner_text("main")
    assert "Xi" in page.inner_text("div.text")
    shot(page, "document")


def test_event_page_lists_reports(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    links = page.locator("a.event-link")
    if links.count() == 0:
        pytest.fail("the timeline links no event page")
    links.first.click()
    page.wait_for_load_state()
    assert "/event/" in page.url
    assert page.locator("section.report").count() >= 1
    assert page.locator("div.text mark").count() >= 1
    shot(page, "event")


def test_actor_and_relations_pages(page, server: str, web_db: Path) -> None:  # noqa: ANN001
    from storyline.api import Storyline

    page.goto(server + "/actors")
    rows = page.locator("table.actors tbody tr")
    assert rows.count() >= 1
    name = rows.first.locator("a").inner_text().strip()
    rows.first.locator("a").click()
    page.wait_for_load_state()
    assert "/actor/" in page.url
    assert page.locator("h1").inner_text() == name
    with Storyline(web_db) as story:  # the events that name the actor, as the API lists them
        naming = [e for e in story.events() if name.lower() in {p.lower() for p in e["actors"] + e["recipients"]}]
    assert naming  # the most mentioned actor of the seeds takes part in events
    assert page.locator("h2:has-text('Events') + ul > li").count() == len(naming)
    shot(page, "actor")
    page.goto(server + "/relations?a=China&b=Russia")
    assert page.locator("h1").inner_text() == "Relationship: China and Russia"
    assert page.locator("svg.chart").count() + page.locator("p.empty").count() >= 1
    shot(page, "relations")


def test_search(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/")
    page.fill("header input[name=q]", "Peskov")
    page.press("header input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "/search" in page.url
    assert page.locator("ol.hits li").count() >= 1
    assert "002_602a98f70495e680.txt" in page.inner_text("ol.hits")


def test_hostile_markup_renders_as_text_everywhere(page, server: str) -> None:  # noqa: ANN001
    for path in ("/doc/zz_hostile.txt", "/search?q=minister", "/", "/actors", "/relations"):
        page.goto(server + path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("main script").count() == 0, path
        assert page.locator("main img").count() == 0, path
    page.goto(server + "/doc/zz_hostile.txt")
    text = page.inner_text("div.text")
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert 'onerror="window.__pwned = 2"' in text
    assert page.dialogs == []
    shot(page, "hostile")


def test_csp_header_and_no_external_fetch(server: str) -> None:
    import re

    import httpx

    for path in ("/", "/relations", "/actors", "/search?q=Putin", "/doc/004_1f7213e7b594bad1.txt"):
        r = httpx.get(server + path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'none'" in csp
        # every asset and link the page loads or points to is the app's own
        for url in re.findall(r'(?:src|href)="([^"]*)"', r.text):
            assert url.startswith(("/", "#")), (path, url)


def test_concurrent_readers_get_what_one_reader_gets(server: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    paths = ["/", "/actors", "/relations", "/search?q=Putin", "/doc/004_1f7213e7b594bad1.txt"] * 4
    alone = {p: httpx.get(server + p, timeout=60).text for p in set(paths)}
    with ThreadPoolExecutor(8) as pool:  # requests at once, each on a connection of its own
        answers = list(pool.map(lambda p: httpx.get(server + p, timeout=60), paths))
    for path, r in zip(paths, answers, strict=True):
        assert r.status_code == 200, (path, r.text[:200])
        assert r.text == alone[path], path


def test_a_view_keeps_reading_while_the_store_is_republished(web_db: Path, tmp_path: Path) -> None:
    from storyline.api import Storyline

    db = tmp_path / "s.duckdb"
    shutil.copy(web_db, db)
    with Storyline(db) as story:
        view = story.reader()
        before = view.docs()
        shutil.copy(web_db, tmp_path / "next.duckdb")
        os.replace(tmp_path / "next.duckdb", db)  # a build publishes a new version
        fresh = story.reader()  # reopens the store: the view's version is not closed under it
        assert view.docs() == before and fresh.docs() == before
        view.close()
        fresh.close()
