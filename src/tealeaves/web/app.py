"""The local dashboard: server-rendered pages over a corpus store, opened read-only.

Every list page has a JSON twin (``?format=json``) and a CSV download (``?format=csv``).
Pages share the report's highlighter, position sheets and charts; htmx swaps the result
part of a page when a filter changes, so no page reloads and no JavaScript build step.
"""

from __future__ import annotations

import io
import json
import secrets
from urllib.parse import urlencode
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup, escape

from tealeaves.sinks import charts
from tealeaves.models import DocumentResult, to_dict
from tealeaves.sinks.output import write_csv_rows
from tealeaves.sinks.report import (
    STATIC, palette_css, position_sheets, statement_index, summary, template_environment,
)
from tealeaves.store.core import Store, UnsearchableQuery, snippet_pieces

PAGES = (("/", "overview"), ("/documents", "documents"), ("/actors", "actors"),
         ("/mixed", "mixed messages"), ("/search", "search"), ("/timeline", "timeline"))


def security_headers(nonce: str) -> dict[str, str]:
    """Only same-origin scripts, plus the one inline import map carrying this response's nonce."""
    csp = ("default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
           "frame-ancestors 'none'; form-action 'self'").format(nonce)
    return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV (``output.write_csv_rows``), columns in first-seen order."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    out = io.StringIO()
    write_csv_rows(out, list(names), rows)
    return out.getvalue()


def snippet_html(snippet: str) -> Markup:
    """A search snippet with the store's matched words in <mark>; every piece escaped."""
    return Markup("".join(f"<mark>{escape(text)}</mark>" if hit else str(escape(text))
                          for text, hit in snippet_pieces(snippet)))


def facet_url(path: str, query: dict[str, str], name: str, value: Optional[str]) -> str:
    """The page URL with one facet set to ``value`` (or removed when None)."""
    params = {k: v for k, v in query.items() if k != name}
    if value is not None:
        params[name] = value
    return f"{path}?{urlencode(params)}" if params else path


# Names that always mean this machine: no one else's DNS can point them at it.
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
# Addresses that mean "every interface" to a server, and no single host to a browser.
ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str) -> str:
    """The name of a Host header, lower case, without port, brackets or final dot:
    'Example.org.:8000' -> 'example.org', '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        name = header[1:header.index("]")] if "]" in header else ""
    else:
        name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


def allowed_host(name: str, allowed: frozenset[str]) -> bool:
    """Whether a request for host ``name`` may be answered: a localhost name (*.localhost too),
    or one of ``allowed`` (the address the server is bound to and names the user gave)."""
    return name in LOCAL_NAMES or name.endswith(".localhost") or name in allowed


def create_app(db: str, host: str = "127.0.0.1", allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The dashboard over the store at ``db`` (a SQLite path or a postgresql:// URL).

    It answers only requests for a localhost name, the address ``host`` it is bound to or one
    of ``allowed_hosts``: any other Host header is how DNS rebinding would let a web page the
    analyst visits read the corpus through the browser."""
    allowed = frozenset(host_name(name) for name in (host, *allowed_hosts)) - ANY_ADDRESS
    app = FastAPI(title="tealeaves", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    env = template_environment()
    env.globals["facet_url"] = facet_url
    env.filters["snippet"] = snippet_html

    @app.middleware("http")
    async def refuse_other_hosts(request: Request, call_next: Callable) -> Response:
        name = host_name(request.headers.get("host", ""))
        if not allowed_host(name, allowed):
            return PlainTextResponse(
                f"this dashboard does not answer for host {name!r}: open it as http://localhost:PORT/ "
                "(or start it with --allow-host NAME for a name you trust)", status_code=400)
        return await call_next(request)

    @app.middleware("http")
    async def add_security_headers(request: Request, call_next: Callable) -> Response:
        request.state.nonce = secrets.token_urlsafe(16)
        response = await call_next(request)
        response.headers.update(security_headers(request.state.nonce))
        return response

    def open_store() -> Iterator[Store]:
        """The store, read-only, in one snapshot per request: a page never mixes two states."""
        with Store.open(db, readonly=True) as store, store.db.snapshot():
            yield store

    def page(request: Request, template: str, rows: Optional[list[dict[str, Any]]] = None,
             data: Any = None, name: str = "tealeaves", **context: Any) -> Response:
        """The HTML page, or its JSON twin / CSV download when ``?format=`` asks."""
        wanted = request.query_params.get("format", "html")
        if wanted == "json":
            return JSONResponse(data if data is not None else rows)
        if wanted == "csv" and rows is not None:
            return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        if wanted not in ("html", "csv"):
            raise HTTPException(400, f"unknown format {wanted!r}: use html, json or csv")
        query = {k: v for k, v in request.query_params.items() if k != "format" and v}
        html = env.get_template(template).render(
            request=request, nonce=request.state.nonce, pages=PAGES, path=request.url.path,
            query=query, rows=rows, db=db, **context)
        return HTMLResponse(html)

    @app.get("/palette.css")
    def palette() -> Response:
        return PlainTextResponse(palette_css(), media_type="text/css")

    @app.get("/")
    def overview(request: Request, store: Store = Depends(open_store)) -> Response:
        results = list(store.results())
        facts = summary(results, store.errors())
        specs = charts.report_charts(results, store.timeline())
        return page(request, "overview.html", data={"summary": facts, "charts": specs, "stats": store.stats()},
                    summary=facts, charts=specs, sheets=position_sheets(results))

    @app.get("/documents")
    def documents(request: Request, outlet: str = "", since: str = "", until: str = "",
                  store: Store = Depends(open_store)) -> Response:
        rows = store.documents(outlet=outlet or None, since=since or None, until=until or None)
        outlets = sorted({d["outlet"] for d in store.documents() if d["outlet"]})
        return page(request, "documents.html", rows, name="documents", outlets=outlets)

    @app.get("/documents/{document_id}")
    def document(request: Request, document_id: str, store: Store = Depends(open_store)) -> Response:
        found = list(store.results([document_id]))
        if not found:
            raise HTTPException(404, f"no document {document_id!r} in this store")
        result = found[0]
        return page(request, "document.html", data=result.to_dict(), result=result,
                    index=statement_index(found), sheets=position_sheets(found))

    @app.get("/actors")
    def actors(request: Request, side: str = "", store: Store = Depends(open_store)) -> Response:
        rows = store.actors(side or None)
        sides = sorted({a["side"] for a in store.actors() if a["side"]})
        return page(request, "actors.html", rows, name="actors", sides=sides)

    @app.get("/actors/{actor_id}")
    def actor(request: Request, actor_id: str, store: Store = Depends(open_store)) -> Response:
        entry = next((a for a in store.actors() if a["id"] == actor_id), None)
        if entry is None:
            raise HTTPException(404, f"no actor {actor_id!r} in this store")
        results = [r for r in store.results() if r.actor(actor_id)]
        own = [_only_actor(r, actor_id) for r in results]
        coherence = [{"document_id": r.document.id, "title": r.document.title, "published": r.document.published,
                      "coherence": r.speaker_coherence.get(actor_id)} for r in results]
        statements = [{"document_id": r.document.id, "published": r.document.published, **to_dict(s)}
                      for r in own for s in r.statements]
        return page(request, "actor.html", rows=None,
                    data={"actor": entry, "coherence": coherence, "statements": statements},
                    actor=entry, sheets=position_sheets(own), results=own, coherence=coherence)

    @app.get("/mixed")
    def mixed(request: Request, side: str = "", kind: str = "", store: Store = Depends(open_store)) -> Response:
        within = store.mixed_messages(side or None, kind or None)
        across = store.cross_mixed_messages(side or None, kind or None)  # two articles of one side
        rows = within + across
        every = store.mixed_messages() + store.cross_mixed_messages()
        ids = list(dict.fromkeys([r["document_id"] for r in within] + [d for r in across for d in r["document_ids"]]))
        index = statement_index(store.results(ids))
        messages = [_mixed_record(r) for r in within] + across
        return page(request, "mixed.html", rows, name="mixed_messages", messages=messages, index=index,
                    sides=sorted({r["side"] for r in every}), kinds=sorted({r["kind"] for r in every}))

    @app.get("/search")
    def search(request: Request, q: str = "", speaker: str = "", side: str = "", signal: str = "",
               outlet: str = "", since: str = "", until: str = "", store: Store = Depends(open_store)) -> Response:
        filters = {"speaker": speaker, "side": side, "signal": signal, "outlet": outlet, "since": since, "until": until}
        filters = {k: v for k, v in filters.items() if v}
        try:
            rows = store.search(q, limit=200, **filters)
            facets = store.facets(q or None, **filters)
            message = None
        except UnsearchableQuery as problem:  # the page says so, with its form to try again
            rows, facets, message = [], {}, str(problem)
        data = {"results": rows, "facets": facets} | ({"message": message} if message else {})
        return page(request, "search.html", rows, data=data, name="search",
                    facets=facets, q=q, filters=filters, message=message)

    @app.get("/timeline")
    def timeline(request: Request, side: str = "", since: str = "", until: str = "",
                 store: Store = Depends(open_store)) -> Response:
        rows = store.timeline(side or None, since=since or None, until=until or None)
        sides = sorted({r["side"] for r in store.timeline()})
        return page(request, "timeline.html", rows, name="timeline", sides=sides,
                    spec=charts.timeline_spec(rows) if rows else None)

    return app


def _only_actor(result: DocumentResult, actor_id: str) -> DocumentResult:
    """The result with only this actor's statements (for its position sheet)."""
    return replace(result, statements=tuple(s for s in result.statements if s.speaker_id == actor_id))


def _mixed_record(row: dict[str, Any]) -> dict[str, Any]:
    """A mixed-messages row with its statement ids decoded, ready for the card macro."""
    ids = row["statement_ids"]
    return {**row, "statement_ids": json.loads(ids) if isinstance(ids, str) else ids, "score": row["score"] or 0.0}
