"""The scale benchmark: synthetic results of invented sentences, stored and measured."""

import json

from click.testing import CliRunner

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.cli import cli
from tealeaves.evaluate import scale
from tealeaves.store.core import Store


def test_synthetic_results_are_consistent_and_repeatable():
    first, again = list(scale.synthetic_corpus(30)), list(scale.synthetic_corpus(30))
    assert first == again and len({r.document.id for r in first}) == 30
    for result in first:
        text = result.document.text
        assert all(text[s.start:s.end] == s.text and text[q.start:q.end] == q.text
                   for s in result.statements for q in s.quotes)
        assert {s.speaker_id for s in result.statements} <= {a.id for a in result.actors}


def test_bench_scale_measures_every_view_at_each_size(tmp_path):
    db, out = tmp_path / "scale.db", tmp_path / "scale.json"
    done = CliRunner().invoke(cli, ["bench", "--scale", "40,60", "--scale-db", str(db), "--repeat", "2",
                                    "--json", str(out)])
    assert done.exit_code == 0, done.output
    rows = json.loads(out.read_text())["rows"]
    views = {row["view"] for row in rows if row["size"] == 60}
    assert {"web /", "web /actors", "cli actors", "cli timeline", "report --side Westmark, one month"} <= views
    assert all(row["p95_ms"] >= row["p50_ms"] > 0 for row in rows if "p50_ms" in row)
    ingest = [row for row in rows if row["view"].startswith("ingest")]
    assert ingest and all(row["documents_per_s"] > 0 and row["cpu_documents_per_s"] > 0 for row in ingest)
    if scale.system_calls() is not None:  # Linux: each stored document is written (one transaction)
        assert all(row["writes_per_document"] >= 1 and row["reads_per_document"] >= 0 for row in ingest)
    if scale.user_cpu() is not None:  # Linux: the CPU in user space apart from the kernel's
        assert all(row["user_cpu_documents_per_s"] > 0 for row in ingest)
    with Store.open(str(db), readonly=True) as store:
        assert store.documents_total() == 60


def test_the_ingest_row_counts_what_the_store_reads_and_a_local_server_spends(store_url):  # noqa: F811
    rows = scale.run_scale(store_url, [30], cli, repeat=1)["rows"]
    ingest = next(row for row in rows if row["view"].startswith("ingest"))
    if store_url.startswith("postgresql"):  # the client's own read calls are not the store's work there
        assert ingest["reads_per_document"] >= 0 and ingest["writes_per_document"] >= 0
        if scale.system_calls() is not None:  # Linux: the test server runs here, its process is readable
            assert ingest["server_cpu_documents_per_s"] > 0
    else:
        assert "server_cpu_documents_per_s" not in ingest
