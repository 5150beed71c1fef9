"""The local dashboard: server-rendered pages over a corpus store, opened read-only.

Every list page has a JSON twin (``?format=json``) and a CSV download (``?format=csv``).
Pages share the report's highlighter, position sheets and charts; htmx swaps the result
part of a page when a filter changes, so no page reloads and no JavaScript build step.
"""

from __future__ import annotations

import secrets
from typing import Callable, Iterable

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from tealeaves.sinks.report import STATIC
from tealeaves.web import review as review_mode
from tealeaves.web.pages import router, templates


def security_headers(nonce: str) -> dict[str, str]:
    """Only same-origin scripts, plus the one inline import map carrying this response's nonce."""
    csp = ("default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
           "frame-ancestors 'none'; form-action 'self'").format(nonce)
    return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


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


def create_app(db: str, host: str = "127.0.0.1", allowed_hosts: Iterable[str] = (), review: bool = False) -> FastAPI:
    """The dashboard over the store at ``db`` (a SQLite path or a postgresql:// URL); with
    ``review``, its review mode too (``web.review``: the token is ``app.state.review_token``).

    It answers only requests for a localhost name, the address ``host`` it is bound to or one
    of ``allowed_hosts``: any other Host header is how DNS rebinding would let a web page the
    analyst visits read the corpus through the browser."""
    allowed = frozenset(host_name(name) for name in (host, *allowed_hosts)) - ANY_ADDRESS
    app = FastAPI(title="tealeaves", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(router)
    app.state.db = db
    app.state.templates = templates()
    if review:
        review_mode.enable(app)

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

    return app
