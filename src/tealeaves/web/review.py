"""The dashboard's review mode (``tealeaves serve --review``): an analyst corrects statements
and actors in the browser (``tealeaves.store.corrections``).

Off by default: the dashboard stays read-only. When on, writes need the per-run token the
server prints (exchanged once for a SameSite=Strict, HttpOnly cookie) and, in every form, a
per-run CSRF token that only the review page carries; a write from another origin is refused.
Every value is shown through the autoescaping templates.
"""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any, Optional
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from tealeaves.codebook import codebook
from tealeaves.models import STATEMENT_KINDS
from tealeaves.store import corrections as fixes
from tealeaves.store.core import Store
from tealeaves.store.corrections import Correction, CorrectionError
from tealeaves.web.pages import PAGES

COOKIE = "tealeaves_review"
QUEUE = 20  # statements on one review page
RECENT = 20  # latest corrections listed under them
MAX_FORM = 64 * 1024  # bytes of one posted form
router = APIRouter()


def enable(app: FastAPI) -> str:
    """Switch review mode on for this app; returns the per-run token that opens it."""
    app.state.review_token = secrets.token_urlsafe(32)
    app.state.csrf_token = secrets.token_urlsafe(32)
    app.state.templates.globals["mode"] = "review mode"  # every page says so, and links the review page
    app.include_router(router)
    return str(app.state.review_token)


def _signed_in(request: Request) -> None:
    token = request.cookies.get(COOKIE, "")
    if not secrets.compare_digest(token.encode(), request.app.state.review_token.encode()):
        raise HTTPException(403, "review mode needs the address 'tealeaves serve --review' printed "
                                 "(http://127.0.0.1:PORT/review/start?token=...): open that one first")


@router.get("/review/start")
def start(request: Request, token: str = "") -> Response:
    """Trade the printed token for the review cookie, and leave the token out of the address bar."""
    if not secrets.compare_digest(token.encode(), request.app.state.review_token.encode()):
        return PlainTextResponse("wrong or missing review token: use the address 'tealeaves serve --review' "
                                 "printed when it started", status_code=403)
    response = RedirectResponse("/review", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


@router.get("/review")
def review_page(request: Request, offset: int = 0, done: str = "", problem: str = "") -> Response:
    _signed_in(request)
    with Store.open(request.app.state.db, readonly=True) as store, store.db.snapshot():
        rows = fixes.review_queue(store, limit=QUEUE, offset=max(0, offset))
        recent = fixes.corrections(store, limit=RECENT)
    html = request.app.state.templates.get_template("review.html").render(
        request=request, nonce=request.state.nonce, pages=PAGES,
        path="/review", db=request.app.state.db, rows=rows, recent=recent,
        offset=max(0, offset), step=QUEUE, csrf=request.app.state.csrf_token, codes=codebook().names(),
        kinds=STATEMENT_KINDS, done=done, problem=problem)
    return HTMLResponse(html)


@router.post("/review/correct")
async def correct(request: Request) -> Response:
    """Record the corrections one form asks for, then show the review page again."""
    _signed_in(request)
    _same_origin(request)
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, f"a review form is at most {MAX_FORM} bytes")
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
    if not secrets.compare_digest(form.get("csrf", "").encode(), request.app.state.csrf_token.encode()):
        raise HTTPException(403, "this form did not come from the review page (CSRF token missing or wrong): "
                                 "reload the review page and try again")
    who, why = form.get("who", "").strip() or "dashboard", form.get("why", "").strip()
    try:
        with Store.open(request.app.state.db) as store:
            made = _corrections(store, form)
            for correction in made:
                fixes.check(correction)
            for correction in made:
                fixes.record(store, dataclasses.replace(correction, who=who, why=why))
    except CorrectionError as problem:
        return RedirectResponse(f"/review?{urlencode({'problem': str(problem)})}", status_code=303)
    return RedirectResponse(f"/review?{urlencode({'done': f'{len(made)} recorded'})}", status_code=303)


def _same_origin(request: Request) -> None:
    """Refuse a write whose Origin names another site. The dashboard's own pages send "null"
    (their Referrer-Policy is no-referrer), as a page elsewhere may: the SameSite cookie and the
    CSRF token are what refuse those."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        raise HTTPException(403, f"a write from {origin} is refused: review only from this dashboard's own page")


def _corrections(store: Store, form: dict[str, str]) -> list[Correction]:
    """The corrections a posted form asks for (before who and why are added)."""
    action = form.get("action", "")
    if action in ("actor_side", "merge_actors"):
        actor = form.get("actor", "").strip()
        value = {"side": form.get("side", "").strip() or None} if action == "actor_side" else \
            {"into": form.get("into", "").strip()}
        return [Correction(action, value, actor=actor)]
    if action == "add_statement":
        try:
            start, end = int(form.get("start", "")), int(form.get("end", ""))
        except ValueError:
            raise CorrectionError("a missed statement needs its start and end: character offsets") from None
        key = fixes.span_key(store, form.get("document_id", ""), start, end)
        return [Correction(action, {"speaker": form.get("speaker", "").strip() or None,
                                    "signal": form.get("signal") or None, "kind": form.get("kind") or "indirect"},
                           **key)]
    key = fixes.statement_key(store, form.get("statement", ""))
    if action in ("accept", "not_statement"):
        return [Correction(action, {}, **key)]
    if action != "save":
        raise CorrectionError(f"unknown review action {action!r}")
    now = _current(store, form.get("statement", ""))
    changes = [(name, (form.get(name) or "").strip() or None) for name in ("speaker", "side", "signal", "kind")
               if name in form]
    made = [Correction(name, {name: value}, **key) for name, value in changes if value != now.get(name)]
    if any(c.action == "side" for c in made) and not (now.get("speaker") or form.get("speaker", "").strip()):
        raise CorrectionError("this statement has no speaker, so no side: give it a speaker first")
    return made or [Correction("accept", {}, **key)]  # saved unchanged: the row is right as it is


def _current(store: Store, statement_id: str) -> dict[str, Optional[Any]]:
    rows = store.db.query('SELECT s."signal", s."kind", a."name" AS speaker, a."side" AS side FROM statements s '
                          'LEFT JOIN actors a ON a."document_id" = s."document_id" AND a."id" = s."speaker_id" '
                          'WHERE s."id" = ?', (statement_id,))
    return rows[0] if rows else {}
