"""The self-contained HTML report, and the views it shares with the dashboard.

``highlighted_article``, ``position_sheets``, ``summary`` and ``statement_index`` turn
records into what a page shows; ``render_report`` puts them, the charts and the inlined
CSS and JavaScript into one HTML file that opens offline. ``store_report`` summarises a
store's scope (dates, side, actor, topic) instead of embedding every article.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from statistics import mean
from typing import Any, Iterable, Optional, Sequence

import jinja2
from markupsafe import Markup, escape

from tealeaves import __version__
from tealeaves.analysis.escalation import day_row
from tealeaves.codebook import codebook
from tealeaves.io.readers import read_inputs
from tealeaves.lexicon import Lexicon
from tealeaves.models import OBSERVER_KINDS, Actor, Document, DocumentResult, InputError, Span, Statement
from tealeaves.sinks import charts
from tealeaves.sinks.empty import StatementCounts, empty_states
from tealeaves.store.core import Store
from tealeaves.views import TimelineRow

STATIC = resources.files("tealeaves") / "web" / "static"
CLASSIC_SCRIPTS = ("vega-6.4.0.min.js", "vega-lite-6.5.0.min.js", "vega-embed-7.3.0.min.js")
MODULES = {"vega-util": "vega-util-shim.js", "vega-interpreter": "vega-interpreter-2.3.2.js"}
CHARTS_SCRIPT = "tealeaves-charts.js"

@dataclass(frozen=True)
class Located:
    """A statement with the document and speaker it belongs to."""

    statement: Statement
    result: DocumentResult
    speaker: Optional[Actor]


# --- views shared with the dashboard ---------------------------------------------------------


def statement_index(results: Iterable[DocumentResult]) -> dict[str, Located]:
    """Statement id -> the statement located in its document (for mixed messages and standoffs)."""
    return {s.id: Located(s, r, r.actor(s.speaker_id)) for r in results for s in r.statements}


def speaker_label(actor: Optional[Actor]) -> str:
    """'Name — role · side' (or 'unknown speaker')."""
    if actor is None:
        return "unknown speaker"
    where = actor.side or ("observer" if actor.kind in OBSERVER_KINDS else None)
    details = " · ".join(x for x in (actor.role, where) if x)
    return f"{actor.name} — {details}" if details else actor.name


def highlighted_article(result: DocumentResult) -> Markup:
    """The document text as HTML, every statement's words wrapped in a link coloured by signal.

    Spans are the statement's content (the words said, or the action), else the whole
    statement; where spans overlap, the later one starts where the earlier ends. Each piece
    of text is escaped here, so article text can never become markup.
    """
    text = result.document.text
    spans = sorted(
        ((part.start, part.end, s) for s in result.statements for part in (s.content or (Span(s.start, s.end, s.text),))),
        key=lambda item: (item[0], -item[1]),
    )
    html: list[str] = []
    position = 0
    for start, end, statement in spans:
        start = max(start, position)
        if start >= end:
            continue
        html.append(str(escape(text[position:start])))
        signal = charts.signal_of(statement)
        title = f"{speaker_label(result.actor(statement.speaker_id))} · {signal.replace('_', ' ')} · {statement.kind}"
        html.append(
            f'<a class="mark sig-{escape(signal)} kind-{escape(statement.kind)}" href="#st-{escape(statement.id)}" '
            f'data-statement="{escape(statement.id)}" title="{escape(title)}">{escape(text[start:end])}</a>'
        )
        position = end
    html.append(str(escape(text[position:])))
    return Markup("".join(html))


def signals_present(results: Iterable[DocumentResult]) -> list[str]:
    """The signal codes (``uncoded`` included) the statements carry, in palette order."""
    present = {charts.signal_of(s) for r in results for s in r.statements}
    return [code for code in charts.PALETTE if code in present] + sorted(present - charts.PALETTE.keys())


def position_sheets(results: Iterable[DocumentResult]) -> list[dict[str, Any]]:
    """Per side, then per actor: the statements of each document's position sheet
    (``analysis.positions``, the one definition) under its headings, in the codebook's order.
    Actors are merged across documents by name and side."""
    sides: dict[str, dict[str, Any]] = {}
    for rank, result in enumerate(results):
        order = {s.id: n for n, s in enumerate(result.statements)}
        for actor_id, headings in result.positions.get("actors", {}).items():
            actor = result.actor(actor_id)
            if actor is None or not actor.side:
                continue
            sheet = sides.setdefault(actor.side, {"side": actor.side, "groups": defaultdict(list), "actors": {}})
            person = sheet["actors"].setdefault(actor.name, {"name": actor.name, "role": actor.role,
                                                             "groups": defaultdict(list)})
            for heading, ids in headings.items():
                located = [((rank, order[i]), Located(result.statements[order[i]], result, actor))
                           for i in ids if i in order]
                sheet["groups"][heading].extend(located)
                person["groups"][heading].extend(located)
    return [
        {"side": s["side"], "groups": _ordered(s["groups"]),
         "actors": [{**a, "groups": _ordered(a["groups"])} for a in sorted(s["actors"].values(), key=lambda a: a["name"])]}
        for s in sorted(sides.values(), key=lambda s: s["side"])
    ]


def _ordered(groups: dict[str, list[tuple[tuple[int, int], Located]]]) -> list[tuple[str, list[Located]]]:
    """(heading label, statements) in the codebook's heading order, statements in input and
    reading order."""
    return [(label, [located for _, located in sorted(groups[key], key=lambda pair: pair[0])])
            for key, label in codebook().positions.items() if groups.get(key)]


def summary(results: Sequence[DocumentResult], errors: Sequence[InputError] = ()) -> dict[str, Any]:
    """Counts a reader wants first, and each side's coherence (mean over documents)."""
    actors = {(a.name, a.side) for r in results for a in r.actors}
    coherence: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for side, value in result.coherence.items():
            coherence[side].append(value)
    return {
        "documents": len(results),
        "actors": len(actors),
        "sides": sorted({a.side for r in results for a in r.actors if a.side}),
        "statements": sum(len(r.statements) for r in results),
        "coded": sum(1 for r in results for s in r.statements if s.signal),
        "mixed_messages": sum(len(r.mixed_messages) for r in results),
        "standoffs": sum(len(r.standoffs) for r in results),
        "warnings": sum(len(r.warnings) for r in results),
        "errors": len(errors),
        "coherence": {side: round(mean(values), 2) for side, values in sorted(coherence.items())},
    }


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def palette_css() -> str:
    """One CSS class per signal code, from the single palette in ``charts``."""
    return "\n".join(f".sig-{code}{{--sig:{colour}}}" for code, colour in charts.PALETTE.items())


def template_environment() -> jinja2.Environment:
    """The Jinja2 environment of the report and the dashboard (autoescaped)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("tealeaves", "web/templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(highlighted_article=highlighted_article, speaker_label=speaker_label, signals_present=signals_present,
                       script_json=script_json, palette=charts.PALETTE, version=__version__,
                       heading_label=lambda key: codebook().positions.get(key, key),
                       codes=codebook().codes, codebook_url="#codebook")
    env.filters["pct"] = lambda value: f"{value:.0%}"
    env.filters["label"] = label
    return env


# --- the report ------------------------------------------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"


def is_store(target: str) -> bool:
    """True for a ``postgresql://`` URL or an existing SQLite file (by its header)."""
    if target.startswith(("postgresql://", "postgres://")):
        return True
    path = Path(target)
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER


DEFAULT_TOP = 20  # mixed messages, standoffs, documents with sheets and documents listed in a store report


class ScopedReport:
    """What a report of a store's scope shows, gathered one document at a time so that its
    memory and size are bounded by ``top``, not by the scope: the summary and charts of every
    document, the ``top`` strongest mixed messages and standoffs, the position sheets of the
    ``top`` newest documents, and a list of the ``top`` newest documents with links."""

    def __init__(self, top: int = DEFAULT_TOP) -> None:
        self.top = top
        self.totals: dict[str, Any] = {"documents": 0, "statements": 0, "coded": 0, "mixed_messages": 0,
                                       "standoffs": 0, "warnings": 0}
        self.actors: set[tuple[str, Optional[str]]] = set()
        self.coherence: dict[str, list[float]] = defaultdict(list)
        self.mix: Counter[tuple[str, str]] = Counter()
        self.days: dict[tuple[str, str], Counter[str]] = {}
        self.mixed: list[tuple[float, int, Any, dict[str, Located]]] = []  # a heap of the strongest
        self.standoffs: list[tuple[int, Any, dict[str, Located]]] = []
        self.newest: list[DocumentResult] = []  # the first ``top`` results (the scope is newest first)
        self.listed: list[dict[str, Any]] = []
        self.order = 0

    def add(self, result: DocumentResult) -> None:
        for key in ("statements", "mixed_messages", "standoffs", "warnings"):
            self.totals[key] += len(getattr(result, key))
        self.totals["documents"] += 1
        self.totals["coded"] += sum(1 for s in result.statements if s.signal)
        self.actors.update((a.name, a.side) for a in result.actors)
        for side, value in result.coherence.items():
            self.coherence[side].append(value)
        for row in charts.signal_mix_rows([result]):
            self.mix[(row["side"], row["signal"])] += row["count"]
        for day in charts.timeline_rows([result]):
            self.days.setdefault((day.side, day.day.isoformat()), Counter()).update(day.signals)
        index = statement_index([result]) if result.mixed_messages or result.standoffs else {}
        for message in result.mixed_messages:
            self.order += 1  # ties go to the message met first
            item = (message.score, -self.order, message, index)
            (heapq.heappush if len(self.mixed) < self.top else heapq.heappushpop)(self.mixed, item)
        for standoff in result.standoffs:
            if len(self.standoffs) < self.top:
                self.standoffs.append((len(self.standoffs), standoff, index))
        if len(self.newest) < self.top:
            self.newest.append(result)
        if len(self.listed) < self.top:
            doc = result.document
            self.listed.append({"id": doc.id, "title": doc.title or doc.source, "published": doc.published,
                                "outlet": doc.outlet, "url": doc.url, "statements": len(result.statements)})

    def context(self) -> dict[str, Any]:
        """What ``store_report.html`` renders."""
        sides = sorted({side for _, side in self.actors if side})
        facts = {**self.totals, "actors": len(self.actors), "sides": sides, "errors": 0,
                 "coherence": {side: round(mean(v), 2) for side, v in sorted(self.coherence.items())}}
        mix = [{"side": side, "signal": signal, "count": n} for (side, signal), n in sorted(self.mix.items())]
        days = [day_row(side, day, counts) for (side, day), counts in sorted(self.days.items())]
        strongest = sorted(self.mixed, key=lambda item: (-item[0], -item[1]))
        index: dict[str, Located] = {}
        for *_, found in strongest:
            index.update(found)
        for _, _, found in self.standoffs:
            index.update(found)
        return {"summary": facts, "charts": charts.charts_from_rows(mix, days), "top": self.top,
                "messages": [item[2] for item in strongest], "standoffs": [s for _, s, _ in self.standoffs],
                "index": index, "sheets": position_sheets(self.newest), "documents": self.listed,
                "empty": empty_states(StatementCounts.of(self.newest))}


def store_report(target: str, *, since: Optional[str] = None, until: Optional[str] = None,
                 side: Optional[str] = None, actor: Optional[str] = None, topic: Optional[str] = None,
                 top: int = DEFAULT_TOP, title: Optional[str] = None) -> tuple[str, int]:
    """The summarising HTML report of a store's scope (``Store.scope``), and how many
    documents it covers; read one batch of documents at a time, opened read-only."""
    report = ScopedReport(top)
    with Store.open(target, readonly=True) as store, store.db.snapshot():
        ids = store.scope(since=since, until=until, side=side, actor=actor, topic=topic)
        for result in store.results(ids):
            report.add(result)
        errors = len(store.errors())
    scope = [f"{label} {value}" for label, value in (("from", since), ("to", until), ("side", side),
                                                     ("actor", actor), ("topic", topic)) if value]
    context = report.context()
    context["summary"]["errors"] = errors
    html = template_environment().get_template("store_report.html").render(
        title=title or f"{len(ids)} documents" + (f" ({', '.join(scope)})" if scope else ""),
        scope=scope, assets=inline_assets(), **context)
    return html, len(ids)


def load_files(paths: Sequence[str], model: Optional[str] = None, max_bytes: int = 20_000_000,
               lexicon: Optional[Lexicon] = None) -> tuple[list[DocumentResult], list[InputError]]:
    """Read and analyse files with the pipeline; inputs not read or not analysed come back as errors."""
    from tealeaves.pipeline import analyze_each

    documents: list[Document] = []
    errors: list[InputError] = []
    results: list[DocumentResult] = []
    for record in read_inputs(paths, max_bytes=max_bytes):
        if isinstance(record, InputError):
            errors.append(record)
        else:
            documents.append(record)
    for outcome in analyze_each(documents, model, lexicon=lexicon) if documents else ():
        if isinstance(outcome, InputError):
            errors.append(outcome)
        else:
            results.append(outcome)
    return results, errors


def label(code: object) -> str:
    """A code as people write it: "say_do_gap" -> "say–do gap", "negative_assessment" -> "negative assessment"."""
    return str(code).replace("say_do", "say–do").replace("_", " ")


def _static(name: str) -> str:
    text = (STATIC / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")  # never close the inline element early


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def inline_assets() -> dict[str, Any]:
    """CSS and scripts to inline, and the Content-Security-Policy that allows exactly them."""
    modules = {name: "data:text/javascript;base64," + base64.b64encode(_static(file).encode()).decode()
               for name, file in MODULES.items()}
    classic = [_static(name) for name in CLASSIC_SCRIPTS]
    import_map = json.dumps({"imports": modules})
    charts_module = _static(CHARTS_SCRIPT)
    hashes = " ".join(_sha256(s) for s in (*classic, import_map, charts_module))
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src {hashes} data:; base-uri 'none'; form-action 'none'")
    return {"css": _static("tealeaves.css") + "\n" + palette_css(), "scripts": classic,
            "import_map": import_map, "charts_module": charts_module, "csp": csp}


def render_report(results: Sequence[DocumentResult], errors: Sequence[InputError] = (),
                  title: Optional[str] = None, days: Optional[list[TimelineRow]] = None) -> str:
    """The whole report as one HTML document (``days``: the store's timeline, if any)."""
    results = list(results)
    if title is None:
        first = results[0].document if results else None
        title = (first.title or first.source) if len(results) == 1 and first else f"{len(results)} documents"
    template = template_environment().get_template("report.html")
    return template.render(
        title=title, results=results, errors=errors, summary=summary(results, errors),
        sheets=position_sheets(results), index=statement_index(results),
        charts=charts.report_charts(results, days), assets=inline_assets(),
        empty=empty_states(StatementCounts.of(results)),
    )
