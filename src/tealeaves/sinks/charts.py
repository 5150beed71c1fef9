"""Every chart once, as a Vega-Lite spec (a plain dict) built from records.

The HTML report and the dashboard draw the same charts from these functions, so a
chart is tested as data here and drawn by the vendored Vega-Lite in both places.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Iterable, Optional

from tealeaves.analysis.escalation import day_row
from tealeaves.codebook import UNCODED, codebook
from tealeaves.models import DocumentResult, Statement
from tealeaves.store.aggregates import NO_SIDE, OBSERVERS, UNATTRIBUTED, voice
from tealeaves.store.core import iso_day
from tealeaves.views import DocumentRef, TimelineRow, day_of

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

# Signal code -> colour, from the codebook (``uncoded`` last).
PALETTE: dict[str, str] = codebook().palette
ACTION_CODES = codebook().names("action")


def signal_of(statement: Statement) -> str:
    """The statement's main signal code, or ``uncoded`` while it has none."""
    return statement.signal or UNCODED


def side_of(result: DocumentResult, statement: Statement) -> str:
    """The side a statement counts for: the speaker's side, ``observers`` (analysts,
    journalists), ``no side`` or ``unattributed`` (``store.aggregates.voice``, which the
    store's signal mix counts by)."""
    return voice(result.actor(statement.speaker_id))


def signal_mix_rows(results: Iterable[DocumentResult]) -> list[dict[str, Any]]:
    """One row per side and signal: ``{"side", "signal", "count"}``, sorted."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        for statement in result.statements:
            counts[(side_of(result, statement), signal_of(statement))] += 1
    return [{"side": side, "signal": signal, "count": n} for (side, signal), n in sorted(counts.items())]


def timeline_rows(results: Iterable[DocumentResult]) -> list[TimelineRow]:
    """Per side per day (dated documents, sides only), with the documents: the rows
    ``Store.timeline`` returns."""
    days: dict[tuple[str, str], Counter[str]] = {}
    documents: dict[tuple[str, str], dict[str, DocumentRef]] = {}
    for result in results:
        day = iso_day(result.document.published)
        if not day:
            continue
        doc = result.document
        for statement in result.statements:
            side = side_of(result, statement)
            if side not in (OBSERVERS, NO_SIDE, UNATTRIBUTED):
                days.setdefault((side, day), Counter())[signal_of(statement)] += 1
                documents.setdefault((side, day), {})[doc.id] = DocumentRef(doc.id, doc.source, doc.title,
                                                                             doc.outlet, day_of(day))
    return [day_row(side, day, counts, tuple(documents[(side, day)].values()))
            for (side, day), counts in sorted(days.items())]


def _color(signals: Iterable[str]) -> dict[str, Any]:
    """The shared colour encoding: only the codes present, in palette order."""
    present = set(signals)
    domain = [code for code in PALETTE if code in present] + sorted(present - PALETTE.keys())
    return {
        "field": "signal", "type": "nominal", "title": "signal",
        "scale": {"domain": domain, "range": [PALETTE.get(code, PALETTE[UNCODED]) for code in domain]},
        "legend": {"orient": "bottom", "columns": 5, "labelLimit": 180},
    }


def signal_mix_spec(rows: list[dict[str, Any]], title: str = "Signal mix per side") -> dict[str, Any]:
    """Stacked horizontal bars: statements per side, split by signal."""
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": title,
        "width": "container",  # Vega sizes to the container's clientWidth, CSS padding included:
        "autosize": {"type": "fit-x", "contains": "padding"},  # so the inset is the chart's own padding
        "padding": {"left": 12, "right": 12, "top": 5, "bottom": 5},
        "data": {"values": rows},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "side", "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": "count", "type": "quantitative", "aggregate": "sum", "title": "statements",
                  "axis": {"tickMinStep": 1}},
            "color": _color(r["signal"] for r in rows),
            "order": {"field": "signal"},
        },
    }


def day_runs(days: Iterable[TimelineRow]) -> dict[tuple[str, date], int]:
    """(side, day) -> the number of its run: the days of one side that follow each other
    without a gap. The escalation line joins the days of a run only, so it is never drawn
    across a day, a month or a year without statements."""
    runs: dict[tuple[str, date], int] = {}
    last: dict[str, date] = {}
    run = 0
    for row in sorted(days, key=lambda r: (r.side, r.day)):
        if row.side not in last or (row.day - last[row.side]).days > 1:
            run += 1
        last[row.side] = row.day
        runs[(row.side, row.day)] = run
    return runs


def timeline_spec(days: list[TimelineRow], title: str = "Signals per side per day") -> dict[str, Any]:
    """One panel per side on a true time axis: stacked bars of signals per day (a day without
    statements is an empty place, not squeezed out), and the escalation index as a line on its
    own axis (−1 every statement de-escalates … +1 every statement escalates), broken where
    days are missing (``day_runs``)."""
    runs = day_runs(days)
    values: list[dict[str, Any]] = []
    for day in days:
        when = day.day.isoformat()
        for signal, count in sorted(day.signals.items()):
            values.append({"date": when, "side": day.side, "signal": signal, "count": count})
        values.append({"date": when, "side": day.side, "escalation": day.escalation,
                       "run": runs[(day.side, day.day)]})
    # A time scale shared by every panel; a bar is one day wide, the line's points sit mid-day.
    date_axis = {"field": "date", "type": "temporal", "timeUnit": "yearmonthdate", "title": None,
                 "axis": {"format": "%d %b %Y", "labelAngle": 0, "labelOverlap": True}}
    color = _color(v["signal"] for v in values if "signal" in v)
    panels = [
        {
            "title": {"text": side, "anchor": "start", "fontSize": 13},
            "width": 560,
            "height": 110,
            "layer": [
                {
                    "transform": [{"filter": {"field": "side", "equal": side}}, {"filter": "isValid(datum.count)"}],
                    "mark": {"type": "bar", "tooltip": True},
                    "encoding": {
                        "x": date_axis,
                        "y": {"field": "count", "type": "quantitative", "aggregate": "sum",
                              "title": "statements", "axis": {"tickMinStep": 1}},
                        "color": color,
                    },
                },
                {
                    "transform": [{"filter": {"field": "side", "equal": side}},
                                  {"filter": "isValid(datum.escalation)"}],
                    "mark": {"type": "line", "point": {"color": "#222"}, "color": "#222", "tooltip": True},
                    "encoding": {
                        "x": {**date_axis, "bandPosition": 0.5},
                        "y": {"field": "escalation", "type": "quantitative", "title": "escalation",
                              "scale": {"domain": [-1, 1]}},
                        "detail": {"field": "run", "type": "nominal"},
                    },
                },
            ],
            "resolve": {"scale": {"y": "independent"}},
        }
        for side in sorted({day.side for day in days})
    ]
    return {"$schema": VEGA_LITE_SCHEMA, "title": title, "data": {"values": values}, "vconcat": panels,
            "resolve": {"scale": {"x": "shared", "color": "shared"}}}


def report_charts(results: list[DocumentResult], days: Optional[list[TimelineRow]] = None) -> list[dict[str, Any]]:
    """The charts a report or overview page shows: the signal mix, and the timeline when
    there are dated documents (``days`` from the store, else computed from ``results``)."""
    return charts_from_rows(signal_mix_rows(results), timeline_rows(results) if days is None else days)


def charts_from_rows(mix: list[dict[str, Any]], days: list[TimelineRow]) -> list[dict[str, Any]]:
    """The signal mix, and the timeline when there are dated rows, from their rows (the
    dashboard reads both from the store's aggregates)."""
    charts = [signal_mix_spec(mix)]
    if days:
        charts.append(timeline_spec(days))
    return charts
