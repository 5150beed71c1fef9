"""``tealeaves bench --scale``: how the corpus views and ingest hold up as a store grows.

A synthetic corpus of invented articles (our own sentences about invented sides, places and
people; no real text) is stored result by result through ``Store.add``, the same one
transaction per document as an ingest, skipping the NLP. At each size the benchmark measures
the ingest rate of the last documents added (by the clock; by this process's CPU, which other
work on the machine hardly changes; and, on Linux, by its CPU in user space alone, without the
kernel's share (copying pages in and out), and this process's read and write system calls
per document: pages SQLite reads and writes; on PostgreSQL instead the pages the server read
into its buffers and wrote out of them per document, and the CPU of this connection's server
process when the server runs on this machine: a third of each document's CPU is spent there),
the p50/p95 latency of every dashboard page and corpus CLI view, and a scoped report of one side
over one month.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import click

from tealeaves.analysis.positions import positions
from tealeaves.models import Actor, Document, DocumentResult, MixedMessage, Span, Standoff, Statement, Warning

SIDES = ("Ostland", "Westmark", "Nordia", "Sudmark")
PLACES = ("the strait", "the northern pass", "the river port", "the grain corridor", "the border villages",
          "the power line", "the island airfield", "the coastal road", "the fishing grounds", "the ferry route")
FIRST = ("Ada", "Bram", "Cleo", "Dario", "Elin", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lev")
LAST = ("Vey", "Oran", "Kell", "Marr", "Tull", "Sorn", "Brisk", "Hale", "Quill", "Rusk")
ROLES = ("foreign minister", "defence minister", "spokesperson", "envoy", "army chief", "prime minister")
# signal -> what an invented official says about a place
SAYINGS = {
    "threaten": "{place} will see consequences if the ships stay",
    "reassure": "nobody wants a clash over {place}",
    "demand": "the other side must leave {place} at once",
    "engage": "talks about {place} can begin next week",
    "reject": "the plan for {place} is unacceptable",
    "deny": "no troops were ever sent to {place}",
    "positive_assessment": "the agreement on {place} is working well",
    "negative_assessment": "the situation at {place} is getting worse",
    None: "the weather at {place} was calm",
}
OUTLETS = ("Harbour Wire", "Coast Daily", "Valley Post", "Morning Ledger", "Island Herald")
START = date(2024, 1, 1)


def cast(people: int = 120, seed: int = 1) -> list[Actor]:
    """A fixed cast of invented officials, each of one side, plus a few analysts."""
    rng = random.Random(seed)
    actors = []
    for n in range(people):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}{'' if n < 120 else n}"
        side = SIDES[n % len(SIDES)]
        actors.append(Actor(id=name.lower().replace(" ", "_"), name=name, kind="official",
                            aliases=(name.split()[-1],), role=rng.choice(ROLES), side=side))
    actors += [Actor(id=f"analyst_{n}", name=f"Analyst {LAST[n]}", kind="analyst") for n in range(4)]
    return actors


def synthetic_result(n: int, rng: random.Random, actors: list[Actor], days: int = 365) -> DocumentResult:
    """The ``n``th invented article and its result, built directly (no parse)."""
    day = START + timedelta(days=rng.randrange(days))
    speakers = rng.sample(actors, rng.randint(2, 4))
    sentences, statements = [], []
    offset = 0
    for k in range(rng.randint(3, 7)):
        actor = rng.choice(speakers)
        signal = rng.choice(list(SAYINGS))
        place = rng.choice(PLACES)
        said = SAYINGS[signal].format(place=place)
        sentence = f'{actor.name} said "{said}" on day {n % 97}.'
        start = offset
        said_at = start + sentence.index(said)
        statements.append(Statement(
            id=f"d{n}-s{k:02d}", kind="direct", start=start, end=start + len(sentence), text=sentence,
            speaker_id=actor.id, quotes=(Span(said_at, said_at + len(said), said),),
            content=(Span(said_at, said_at + len(said), said),), signal=signal, signals=(signal,) if signal else (),
            topic=place, confidence=0.8))
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(sentences)
    document = Document(id=f"synthetic-{n:07d}", source=f"synthetic/{n}.txt", text=text,
                        title=f"Day {n % 97} at {statements[0].topic}", published=day.isoformat(),
                        outlet=OUTLETS[n % len(OUTLETS)], url=f"https://example.org/synthetic/{n}")
    by_id = {a.id: a for a in speakers}
    sides = {a.side for a in speakers if a.side}
    opposed = [s for s in statements if s.signal in ("reassure", "threaten")]
    mixed = ()
    if len(opposed) >= 2 and by_id[opposed[0].speaker_id].side:
        mixed = (MixedMessage(f"d{n}-m01", by_id[opposed[0].speaker_id].side, (opposed[0].id, opposed[1].id),
                              "reassurance_vs_threat", "One side reassures and threatens about one place.",
                              round(rng.uniform(0.55, 1.0), 2)),)
    standoffs = ()
    if len(sides) >= 2:
        standoffs = (Standoff(f"d{n}-x01", tuple(sorted(sides))[:2], (statements[0].id,), statements[0].topic or "",
                              "Both cannot hold the same place."),)
    warnings = (Warning("role_conflict", "check this role", speakers[0].name, speakers[0].id),) if n % 9 == 0 else ()
    return DocumentResult(
        document=document, actors=tuple(speakers), statements=tuple(statements), mixed_messages=mixed,
        standoffs=standoffs, warnings=warnings, coherence={side: round(rng.random(), 2) for side in sides},
        speaker_coherence={a.id: round(rng.random(), 2) for a in speakers},
        positions=positions(tuple(statements), by_id), model="synthetic")


def synthetic_corpus(count: int, seed: int = 1, start: int = 0) -> Iterator[DocumentResult]:
    """``count`` invented results, numbered from ``start`` (the same ones for the same seed)."""
    actors = cast()
    for n in range(start, start + count):
        yield synthetic_result(n, random.Random(seed * 1_000_003 + n), actors)


def system_calls() -> Optional[dict[str, int]]:
    """This process's read and write system calls so far (Linux's /proc/self/io), or None."""
    try:
        with open("/proc/self/io", encoding="ascii") as counts:
            found = dict(line.split(":") for line in counts)
    except OSError:
        return None
    return {"reads": int(found["syscr"]), "writes": int(found["syscw"])}


def server_usage(db: Any) -> Optional[Callable[[], dict[str, float]]]:
    """On PostgreSQL, a reading of what the server has done so far for this store: the pages
    its database read into the server's buffers, the dirty pages the server wrote out of them
    (all its databases: the server counts writes per server) and, when the server runs on this
    machine (a Unix socket or loopback address), the CPU seconds of this connection's server
    process. None on SQLite."""
    if db.name != "postgresql":
        return None
    found = db.query("SELECT pg_backend_pid() AS pid, inet_server_addr() IS NULL OR "
                     "inet_server_addr() IN ('127.0.0.1', '::1') AS local")[0]
    stat = Path(f"/proc/{found['pid']}/stat") if found["local"] else None
    version = db.connection.info.server_version
    written = ("SELECT sum(writes) FROM pg_stat_io" if version >= 160000 else  # pg_stat_bgwriter lost them in 17
               "SELECT buffers_checkpoint + buffers_clean + buffers_backend FROM pg_stat_bgwriter")

    def read() -> dict[str, float]:
        if version >= 150000:
            db.execute("SELECT pg_stat_force_next_flush()")  # else the last second's counts are missing
        pages = db.query("SELECT (SELECT blks_read FROM pg_stat_database WHERE datname = current_database()) AS read, "
                         f"({written}) AS written")[0]
        usage = {"pages_read": float(pages["read"]), "pages_written": float(pages["written"])}
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split() if stat else []
            usage["cpu"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
        return usage

    return read


def server_rates(before: Optional[dict[str, float]], after: Optional[dict[str, float]],
                 documents: int) -> dict[str, float]:
    """Pages read and written per document and documents per second of server CPU between
    two readings."""
    if before is None or after is None:
        return {}
    rates = {column: round((after[kind] - before[kind]) / documents, 2)
             for column, kind in (("reads_per_document", "pages_read"), ("writes_per_document", "pages_written"))}
    if "cpu" in before and "cpu" in after:
        rates["server_cpu_documents_per_s"] = round(documents / max(after["cpu"] - before["cpu"], 1e-9), 1)
    return rates


def user_cpu() -> Optional[float]:
    """This thread's CPU seconds in user space so far (Linux), or None."""
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_THREAD).ru_utime
    except (ImportError, AttributeError):
        return None


def per_document(before: Optional[dict[str, int]], after: Optional[dict[str, int]], documents: int) -> dict[str, float]:
    """Read and write system calls per document between two ``system_calls`` (none if unknown)."""
    if before is None or after is None:
        return {}
    return {f"{kind}_per_document": round((after[kind] - before[kind]) / documents, 1) for kind in before}


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def timed(function: Callable[[], Any], repeat: int) -> dict[str, float]:
    """p50/p95 of ``repeat`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return percentiles(times)


def views(db: str, cli: click.Command) -> dict[str, Callable[[], Any]]:
    """Every dashboard page and corpus CLI view (of the ``tealeaves`` command ``cli``, handed in
    by the command that runs the benchmark), as a call that fails loudly if it fails."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from tealeaves.web.app import create_app

    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    runner = CliRunner()

    def page(path: str) -> Callable[[], Any]:
        def get() -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
        return get

    def command(*args: str) -> Callable[[], Any]:
        def run() -> None:
            result = runner.invoke(cli, [*args, "--db", db])
            if result.exit_code != 0:
                raise RuntimeError(f"tealeaves {' '.join(args)}: {result.output[:300]}")
        return run

    actor = cast()[0].id
    return {
        "web /": page("/"), "web /documents": page("/documents"), "web /documents?offset=500": page(
            "/documents?offset=500"),
        "web /documents/ID": page("/documents/synthetic-0000001"), "web /actors": page("/actors"),
        "web /actors/ID": page(f"/actors/{actor}"), "web /mixed": page("/mixed"),
        "web /search (empty)": page("/search"), "web /search?q=harbour": page("/search?q=harbour"),
        "web /search?side=Ostland&q=strait": page("/search?side=Ostland&q=strait"),
        "web /timeline": page("/timeline"),
        "cli actors": command("actors"), "cli timeline": command("timeline"), "cli mixed": command("mixed"),
        "cli search strait": command("search", "strait"),
    }


def run_scale(db: str, sizes: list[int], cli: click.Command, *, repeat: int = 20, window: int = 500,
              report: Optional[Callable[[str], None]] = None) -> dict[str, Any]:
    """Grow a store at ``db`` to each size in turn and measure it there (see the module doc)."""
    from tealeaves.sinks.report import store_report
    from tealeaves.store.core import Store

    say = report or (lambda _: None)
    rows: list[dict[str, Any]] = []
    stored = 0
    with Store.open(db) as store:
        stored = store.documents_total()
    for size in sorted(sizes):
        with Store.open(db) as store:
            if size - stored > window:  # grow quickly, then time the last ``window`` documents
                say(f"storing documents {stored}–{size - window}")
                for result in synthetic_corpus(size - window - stored, start=stored):
                    store.add(result, pipeline_version="synthetic")
                stored = size - window
            batch = list(synthetic_corpus(size - stored, start=stored))
            server = server_usage(store.db)
            served = server() if server else None
            calls, user, cpu, started = system_calls(), user_cpu(), time.thread_time(), time.perf_counter()
            for result in batch:
                store.add(result, pipeline_version="synthetic")
            seconds, cpu_seconds = time.perf_counter() - started, time.thread_time() - cpu
            user_after, calls_after = user_cpu(), system_calls()
            user_seconds = user_after - user if user is not None and user_after is not None else None
            stored = max(stored, size)
            if batch:
                rows.append({"size": size, "view": f"ingest (Store.add, last {len(batch)})",
                             "documents_per_s": round(len(batch) / seconds, 1),
                             "cpu_documents_per_s": round(len(batch) / max(cpu_seconds, 1e-9), 1),
                             **({} if user_seconds is None else
                                {"user_cpu_documents_per_s": round(len(batch) / max(user_seconds, 1e-9), 1)}),
                             **(server_rates(served, server(), len(batch)) if server else
                                per_document(calls, calls_after, len(batch)))})
            started = time.perf_counter()
            store.refresh_corpus_actors()
            rows.append({"size": size, "view": "end of ingest: merge corpus actors",
                         "seconds": round(time.perf_counter() - started, 3)})
        say(f"measuring views at {size} documents")
        for name, call in views(db, cli).items():
            rows.append({"size": size, "view": name, **timed(call, repeat)})
        started = time.perf_counter()
        html, documents = store_report(db, side="Westmark", since="2024-03-01", until="2024-03-31")
        rows.append({"size": size, "view": "report --side Westmark, one month", "documents": documents,
                     "seconds": round(time.perf_counter() - started, 2), "megabytes": round(len(html.encode()) / 1e6, 2)})
        started = time.perf_counter()
        html, documents = store_report(db)
        rows.append({"size": size, "view": "report (whole store)", "documents": documents,
                     "seconds": round(time.perf_counter() - started, 2), "megabytes": round(len(html.encode()) / 1e6, 2)})
    return {"database": db, "repeat": repeat, "rows": rows}


def format_rows(result: dict[str, Any]) -> Any:
    """The figures as a rich table."""
    from rich.table import Table

    table = Table(title=f"tealeaves bench --scale ({result['database']})")
    for column in ("size", "view", "p50 ms", "p95 ms", "docs/s", "CPU docs/s", "user CPU docs/s", "server CPU docs/s",
                   "reads/doc", "writes/doc", "seconds", "MB"):
        table.add_column(column, justify="left" if column == "view" else "right")
    for row in result["rows"]:
        table.add_row(str(row["size"]), row["view"], *(str(row.get(k, "")) for k in (
            "p50_ms", "p95_ms", "documents_per_s", "cpu_documents_per_s", "user_cpu_documents_per_s",
            "server_cpu_documents_per_s", "reads_per_document", "writes_per_document", "seconds", "megabytes")))
    return table
