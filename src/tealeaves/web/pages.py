"""The dashboard's pages: one route each, a JSON twin and a CSV download for every list, and
the paging, facets and snippets they share."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Callable, Iterator, Optional, Sequence
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from markupsafe import Markup, escape

from tealeaves.codebook import codebook
from tealeaves.models import DocumentResult, to_dict
from tealeaves.sinks import charts
from tealeaves.sinks.empty import StatementCounts, empty_states
from tealeaves.sinks.output import write_csv_rows
from tealeaves.sinks.report import palette_css, position_sheets, statement_index, template_environment
from tealeaves.store.core import FACET_SAMPLE, Store, UnsearchableQuery, snippet_pieces
from tealeaves.store.sql import BadCursor
from tealeaves.store.undated import undated_documents
from tealeaves.store.views import DAY_DOCUMENTS
from tealeaves.views import MixedRow

DEFAULT_PAGE = 50  # rows of a list page unless ?limit= says otherwise
MAX_PAGE = 1000
TOP_MIXED = 5  # mixed messages on the overview
DEFAULT_TIMELINE = 120  # side-days of a timeline page: four months of one side
OVERVIEW_DAYS = 90  # the overview's timeline chart: the last days of the corpus

PAGES = (("/", "overview"), ("/documents", "documents"), ("/actors", "actors"),
         ("/mixed", "mixed messages"), ("/search", "search"), ("/timeline", "timeline"), ("/codebook", "codebook"))


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


class Paging:
    """One page of a list: ``?limit=`` (1 to MAX_PAGE) and ``?offset=`` rows, and the total.
    A list read by cursor also takes ``?after=`` (the cursor of the page before, from its
    "next" link): the page starts there, at any depth for the cost of a page, and ``offset``
    only numbers its rows."""

    def __init__(self, request: Request, default: int = DEFAULT_PAGE) -> None:
        self.request = request
        self.limit = _bounded(request.query_params.get("limit"), "limit", default, 1, MAX_PAGE)
        self.offset = _bounded(request.query_params.get("offset"), "offset", 0, 0, None)
        self.after = request.query_params.get("after") or None
        self.total: Optional[int] = None
        self.more = False  # a next page exists though the total is not counted (search)
        self.cursor: Optional[str] = None  # where the next page starts, for a list read by cursor

    def url(self, offset: int, after: Optional[str] = None) -> str:
        params = {k: v for k, v in self.request.query_params.items() if k not in ("offset", "after") and v}
        if offset:
            params["offset"] = str(offset)
        if after:
            params["after"] = after
        return f"{self.request.url.path}?{urlencode(params)}" if params else self.request.url.path

    def links(self) -> dict[str, str]:
        """URLs of the previous and next pages, where there are such pages."""
        found = {}
        if self.offset:
            found["prev"] = self.url(max(0, self.offset - self.limit))
        if self.more or (self.total is not None and self.offset + self.limit < self.total):
            found["next"] = self.url(self.offset + self.limit, self.cursor)
        return found

    def read(self, read_page: Callable[..., tuple[list[Any], Optional[str]]], **arguments: Any) -> list[Any]:
        """The page's rows from a store method that pages by cursor (``Store.documents_page``,
        ``search_page``, ``mixed_messages_page``, ``actor_documents_page``), keeping the next
        page's cursor; a cursor that is not one is a 400."""
        try:
            rows, self.cursor = read_page(**arguments, limit=self.limit, offset=self.offset, after=self.after)
        except BadCursor as problem:
            raise HTTPException(400, str(problem)) from None
        self.more = self.cursor is not None
        return rows

    def headers(self) -> dict[str, str]:
        """X-Total-Count and a Link header (RFC 8288) for the JSON twin and the CSV download."""
        headers = {"X-Total-Count": str(self.total)} if self.total is not None else {}
        if links := self.links():
            headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        return headers


def _bounded(value: Optional[str], name: str, default: int, low: int, high: Optional[int]) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if number < low or (high is not None and number > high):
        raise HTTPException(400, f"{name} must be a whole number from {low}" + (f" to {high}" if high else " up"))
    return number


def facet_url(path: str, query: dict[str, str], name: str, value: Optional[str]) -> str:
    """The page URL with one facet set to ``value`` (or removed when None)."""
    params = {k: v for k, v in query.items() if k != name}
    if value is not None:
        params[name] = value
    return f"{path}?{urlencode(params)}" if params else path


def templates() -> jinja2.Environment:
    """The report's templates, with the dashboard's facet links and search snippets."""
    env = template_environment()
    env.globals["facet_url"] = facet_url
    env.filters["snippet"] = snippet_html
    env.globals["codebook_url"] = "/codebook"
    return env


router = APIRouter()


def open_store(request: Request) -> Iterator[Store]:
    """The store, read-only, in one snapshot per request: a page never mixes two states."""
    with Store.open(request.app.state.db, readonly=True) as store, store.db.snapshot():
        yield store

def page(request: Request, template: str, rows: Optional[Sequence[Any]] = None,
         data: Any = None, name: str = "tealeaves", paging: Optional[Paging] = None,
         **context: Any) -> Response:
    """The HTML page, or its JSON twin / CSV download when ``?format=`` asks (the same
    page of rows or records, ``models.to_dict``, with the total and the next page's URL in headers)."""
    wanted = request.query_params.get("format", "html")
    headers = paging.headers() if paging else {}
    if wanted == "json":
        return JSONResponse(to_dict(data if data is not None else rows), headers=headers)
    if wanted == "csv" and rows is not None:
        return Response(to_csv(to_dict(rows)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"', **headers})
    if wanted not in ("html", "csv"):
        raise HTTPException(400, f"unknown format {wanted!r}: use html, json or csv")
    query = {k: v for k, v in request.query_params.items() if k not in ("format", "offset") and v}
    html = request.app.state.templates.get_template(template).render(
        request=request, nonce=request.state.nonce, pages=PAGES, path=request.url.path,
        query=query, rows=rows, db=request.app.state.db, paging=paging, **context)
    return HTMLResponse(html)

@router.get("/palette.css")
def palette() -> Response:
    return PlainTextResponse(palette_css(), media_type="text/css")

@router.get("/codebook")
def codebook_page(request: Request) -> Response:
    """Every signal code with its label, kind, direction, heading and colour: where legends link."""
    return page(request, "codebook.html", data=codebook().codes)

@router.get("/")
def overview(request: Request, store: Store = Depends(open_store)) -> Response:
    facts = store.summary()
    last = store.last_day()
    since = (date.fromisoformat(last) - timedelta(days=OVERVIEW_DAYS - 1)).isoformat() if last else None
    specs = charts.charts_from_rows(store.signal_mix(), store.timeline(since=since, documents=False))
    top = store.mixed_page(limit=TOP_MIXED)
    positions = store.position_counts()
    return page(request, "overview.html", data={"summary": facts, "charts": specs, "positions": positions,
                                                 "top_mixed": top},
                summary=facts, charts=specs, positions=positions, messages=top, index=_index_of(store, top),
                overview_days=OVERVIEW_DAYS, empty=empty_states(StatementCounts.of_store(store)))

@router.get("/documents")
def documents(request: Request, outlet: str = "", since: str = "", until: str = "",
              store: Store = Depends(open_store)) -> Response:
    paging = Paging(request)
    filters = {"outlet": outlet or None, "since": since or None, "until": until or None}
    rows = paging.read(store.documents_page, **filters)
    paging.total = store.documents_total(**filters)
    return page(request, "documents.html", rows, name="documents", paging=paging, outlets=store.outlets())

@router.get("/documents/{document_id}")
def document(request: Request, document_id: str, store: Store = Depends(open_store)) -> Response:
    found = list(store.results([document_id]))
    if not found:
        raise HTTPException(404, f"no document {document_id!r} in this store")
    result = found[0]
    return page(request, "document.html", data=result.to_dict(), result=result,
                index=statement_index(found), sheets=position_sheets(found), empty=empty_states(StatementCounts.of(found)))

@router.get("/actors")
def actors(request: Request, side: str = "", store: Store = Depends(open_store)) -> Response:
    paging = Paging(request)
    rows = store.actors(side or None, limit=paging.limit, offset=paging.offset)
    paging.total = store.actors_total(side or None)
    return page(request, "actors.html", rows, name="actors", paging=paging, sides=store.summary()["sides"])

@router.get("/actors/{actor_id}")
def actor(request: Request, actor_id: str, store: Store = Depends(open_store)) -> Response:
    entry = store.actor(actor_id)
    if entry is None:
        raise HTTPException(404, f"no actor {actor_id!r} in this store")
    paging = Paging(request, default=20)  # documents of this actor, newest first
    members = set(entry.members)
    ids = paging.read(lambda **page: store.actor_documents_page(members, entry.documents, **page))
    results = list(store.results(ids))
    paging.total = entry.documents
    own = [_only_actors(r, members) for r in results]
    coherence = [{"document_id": r.document.id, "title": r.document.title, "published": r.document.published,
                  "coherence": next((r.speaker_coherence[m] for m in sorted(members)
                                     if m in r.speaker_coherence), None)} for r in results]
    statements = [{"document_id": r.document.id, "published": r.document.published, **to_dict(s)}
                  for r in own for s in r.statements]
    return page(request, "actor.html", rows=None, paging=paging,
                data={"actor": entry, "coherence": coherence, "statements": statements},
                actor=entry, sheets=position_sheets(own), results=own, coherence=coherence,
                empty=empty_states(StatementCounts.of(own)))

@router.get("/mixed")
def mixed(request: Request, side: str = "", kind: str = "", store: Store = Depends(open_store)) -> Response:
    paging = Paging(request)
    rows = paging.read(store.mixed_messages_page, side=side or None, kind=kind or None)
    paging.total = store.mixed_total(side or None, kind or None)
    sides, kinds = store.mixed_facets()
    return page(request, "mixed.html", rows, name="mixed_messages", paging=paging, messages=rows,
                index=_index_of(store, rows), sides=sides, kinds=kinds,
                empty=empty_states(StatementCounts.of_store(store)) if not rows else {})

@router.get("/search")
def search(request: Request, q: str = "", speaker: str = "", side: str = "", signal: str = "",
           outlet: str = "", since: str = "", until: str = "", store: Store = Depends(open_store)) -> Response:
    filters = {"speaker": speaker, "side": side, "signal": signal, "outlet": outlet, "since": since, "until": until}
    filters = {k: v for k, v in filters.items() if v}
    paging = Paging(request)
    try:
        rows = paging.read(store.search_page, query=q, **filters)
        facets = store.facets(q or None, **filters)
        message = None
    except UnsearchableQuery as problem:  # the page says so, with its form to try again
        rows, facets, message = [], {}, str(problem)
    data = {"results": rows, "facets": facets} | ({"message": message} if message else {})
    sampled = FACET_SAMPLE if q.strip() or filters else None
    return page(request, "search.html", rows, data=data, name="search", paging=paging,
                facets=facets, facets_sampled=sampled, q=q, filters=filters, message=message)

@router.get("/timeline")
def timeline(request: Request, side: str = "", since: str = "", until: str = "",
             store: Store = Depends(open_store)) -> Response:
    paging = Paging(request, default=DEFAULT_TIMELINE)
    filters = {"since": since or None, "until": until or None}
    rows = store.timeline(side or None, since=since or None, until=until or None, limit=paging.limit,
                          offset=paging.offset)
    paging.total = store.timeline_total(side or None, **filters)
    return page(request, "timeline.html", rows, name="timeline", paging=paging, sides=store.timeline_sides(),
                day_documents=DAY_DOCUMENTS,
                spec=charts.timeline_spec(rows) if rows else None, undated=undated_documents(store).note(),
                empty=empty_states(StatementCounts.of_store(store)) if not rows else {})


def _only_actors(result: DocumentResult, actor_ids: set[str]) -> DocumentResult:
    """The result with only these actors' statements (one corpus actor's ids: its position sheet)."""
    return replace(result, statements=tuple(s for s in result.statements if s.speaker_id in actor_ids))


def _index_of(store: Store, messages: list[MixedRow]) -> dict[str, Any]:
    """The statements of a page of mixed messages, read from their documents only."""
    return statement_index(store.results(list(dict.fromkeys(d for m in messages for d in m.document_ids))))
