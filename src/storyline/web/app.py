"""FastAPI app with server-rendered pages over a store opened read-only.

All scraped text goes through Jinja2's autoescaping (or markupsafe.escape where HTML is assembled here);
every response carries a Content-Security-Policy that allows only the app's own assets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from storyline import validate
from storyline.api import Storyline
from storyline.export.graph import actor_graph, ties
from storyline.records import Dated, dated_json, when
from storyline.relations import monthly, side
from storyline.web import svg

HERE = Path(__file__).parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; connect-src 'none'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
T = TypeVar("T")


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """The text escaped, with the given character spans wrapped in <mark>."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup('<mark id="s{}">').format(start) + escape(text[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


PAGE = 50  # timeline entries per page
ACTORS_LISTED = 200  # actor names offered in the timeline page's filter (the most mentioned)


def _when(e: dict[str, Any]) -> str:
    """The heading an entry is listed under: its day, else its uncertain interval."""
    if e["certain"] and e["date"]:
        return str(e["date"])
    if e.get("day"):
        return f"{e['day']} (uncertain)"
    return when(e)


def create_app(db: str | Path | Storyline) -> FastAPI:
    """The web app over one store file (or a Storyline opened on it)."""
    app = FastAPI(title="storyline", docs_url=None, redoc_url=None, openapi_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["when"] = lambda d: when(dated_json(d) if d is None or isinstance(d, Dated) else d)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    story = db if isinstance(db, Storyline) else Storyline(db)

    def read(fn: Callable[[Storyline], T]) -> T:
        """fn on a view of the latest published store with a connection of its own: requests read at once."""
        with story.reader() as view:
            return fn(view)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def render(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.exception_handler(validate.BadValue)
    async def bad_value(request: Request, e: validate.BadValue) -> HTMLResponse:
        """A query parameter that cannot be used: 400, and the one line saying what is accepted."""
        return templates.TemplateResponse(request, "error.html", {"message": str(e)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_type(request: Request, e: RequestValidationError) -> HTMLResponse:
        """A query parameter of the wrong type ('page=abc'): 400, and one line naming it (not FastAPI's JSON)."""
        first = e.errors()[0]
        name, given = first["loc"][-1], first.get("input")
        message = f"{name} {str(given)!r} is not accepted: {first['msg'].lower()}"
        return templates.TemplateResponse(request, "error.html", {"message": message}, status_code=400)

    @app.get("/", response_class=HTMLResponse)
    def timeline_page(request: Request, q: str | None = None, actor: str | None = None,
                      category: str | None = None, date_from: str | None = None,
                      date_to: str | None = None, all: bool = False, page: int = 1) -> HTMLResponse:  # noqa: A002
        filters: dict[str, Any] = {"query": q, "actor": actor, "category": category, "date_from": date_from,
                                   "date_to": date_to}
        query, entries, actors = read(lambda s: (s.filters(**filters), s.timeline(**filters, all=all),
                                               s.actors(limit=ACTORS_LISTED)))
        pages = max(1, -(-len(entries) // PAGE))
        page = min(validate.count("page", page) or 1, pages)  # past the last page: the last
        shown = entries[(page - 1) * PAGE:page * PAGE]
        groups: dict[str, list[dict[str, Any]]] = {}
        for e in shown:
            groups.setdefault(_when(e), []).append(e)
        categories = sorted({e["category"] for e in entries if e["category"]} |
                            ({query.category} if query.category else set()))
        base = {k: v for k, v in (("q", q), ("actor", actor), ("category", category), ("date_from", date_from),
                                  ("date_to", date_to)) if validate.text(v)}
        args = base | ({"all": "1"} if all else {})
        return render(request, "timeline.html", groups=groups, entries=entries, shown=shown, page=page, pages=pages,
                      axis=svg.timeline_axis(shown), query=query, all_events=all, actors=actors,
                      categories=categories,
                      storyline_url="/?" + urlencode(base), log_url="/?" + urlencode(base | {"all": "1"}),
                      link=lambda **more: "/?" + urlencode(args | {k: str(v) for k, v in more.items()}))

    @app.get("/event/{cluster_id:path}", response_class=HTMLResponse)
    def event_page(request: Request, cluster_id: str) -> HTMLResponse:
        event = read(lambda s: s.event(cluster_id))
        if event is None:
            raise HTTPException(404, "no such event")
        reports = []
        for d in event.documents:
            members = [e for e in event.members if e.doc == d.id]
            reports.append({"doc": d, "text": highlight(d.text, [(e.start, e.end) for e in members]),
                            "events": members, "published": event.published.get(d.id)})
        return render(request, "event.html", cluster=event.cluster, reports=reports)

    @app.get("/doc/{doc_id:path}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        view = read(lambda s: s.document(doc_id))
        if view is None:
            raise HTTPException(404, "no such document")
        spans = [(e.start, e.end) for e in view.events] + [(q.start, q.end) for q in view.quotes]
        return render(request, "document.html", doc=view.doc, text=highlight(view.doc.text, spans),
                      published=view.published, events=view.events, quotes=view.quotes)

    @app.get("/actors", response_class=HTMLResponse)
    def actors_page(request: Request, q: str | None = None) -> HTMLResponse:
        return render(request, "actors.html", actors=read(lambda s: s.actors(q)), q=q or "")

    @app.get("/actor/{actor_id:path}", response_class=HTMLResponse)
    def actor_page(request: Request, actor_id: str) -> HTMLResponse:
        found = read(lambda s: s.actor(actor_id))
        if found is None:
            raise HTTPException(404, "no such actor")
        actor, events, quotes = found["actor"], found["events"], found["quotes"]
        counterparts = Counter(p for e in events for p in e["actors"] + e["recipients"]
                               if p.lower() != actor["name"].lower())
        return render(request, "actor.html", actor=actor, events=events, quotes=quotes,
                    counterparts=counterparts.most_common(20))

    @app.get("/relations", response_class=HTMLResponse)
    def relations_page(request: Request, a: str | None = None, b: str | None = None) -> HTMLResponse:
        for given in (a, b):
            if validate.text(given):
                read(lambda s: s.filters(actor=given))  # noqa: B023 - called at once
        a, b = validate.text(a) or "China", validate.text(b) or "Russia"

        def load(s: Storyline) -> tuple[list[dict[str, Any]], Any, list[dict[str, Any]]]:
            actors = s.actors()
            rows = monthly(s.events(), side(actors, a), side(actors, b))
            return rows, ties(actor_graph(s)), actors

        rows, graph, actors = read(load)
        ranked = sorted(graph.degree(weight="weight"), key=lambda kv: -kv[1])[:24]
        keep = {n for n, _ in ranked}
        nodes = [{"name": n, "type": graph.nodes[n].get("type", ""), "mentions": graph.nodes[n].get("mentions", 0)}
                 for n, _ in ranked]
        edges = [{"a": u, "b": v, **d} for u, v, d in graph.edges(data=True) if u in keep and v in keep]
        return render(request, "relations.html", a=a, b=b, rows=rows, chart=svg.monthly_chart(rows),
                    network=svg.network(nodes, edges), actors=actors[:200])

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        hits = read(lambda s: s.search(q))
        return render(request, "search.html", q=q, hits=hits)

    return app
