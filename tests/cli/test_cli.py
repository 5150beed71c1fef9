"""The ``tealeaves`` command: help and docs, formats, offsets, exit codes, stdin and the demo."""

from __future__ import annotations

import csv
import io
import json
import re
import select
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tealeaves.cli import COMMANDS, cli
from tealeaves.sinks.output import csv_columns

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD = ROOT.parent / "shared" / "corpus" / "seed" / "gold.json"

# One unambiguous direct statement first (a headline without a full stop before it would
# today be glued to it by the sentence splitter), then reported speech.
ARTICLE = (
    "“We will not move,” said Jane Doe, the port minister.\n\n"
    "The dockers’ union said on Monday that the cranes would stay idle until the dispute ends.\n"
)
DOCUMENT_KEYS = {"id", "source", "title", "published", "language", "actors", "statements",
                 "mixed_messages", "standoffs", "warnings", "coherence"}
ACTOR_KEYS = {"id", "name", "aliases", "kind", "role", "side"}
STATEMENT_KEYS = {"id", "speaker_id", "kind", "start", "end", "text", "quotes", "content",
                  "speaker_mention", "cue", "signal", "signals", "topic", "target", "confidence"}
SPAN_KEYS = {"start", "end", "text"}
STREAM_WAIT = 120  # seconds: the model's load and two short articles take a few


@pytest.fixture
def run(nlp):
    """Invoke the CLI in-process (the spaCy model, cached by load_model, is loaded once)."""

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def batch(tmp_path: Path, article: Path) -> tuple[Path, Path, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")
    return article, empty, binary


def _commands() -> list[tuple[str, click.Command]]:
    context = click.Context(cli)
    return [("", cli), *((name, cli.get_command(context, name)) for name in cli.list_commands(context))]


@pytest.mark.parametrize("name, command", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_help(name, command):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert command.help and len(command.help.split()) >= 10
    assert "tealeaves " in command.help  # an example to copy
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help text"


def test_each_command_is_imported_when_run_and_is_the_one_named():
    """``tealeaves analyze`` does not import the store, the dashboard or the engines: the group
    imports a command's module when it runs (start-up every small run waits for)."""
    assert [(name, command.name) for name, command in _commands()[1:]] == [
        (name, name) for name in sorted(COMMANDS)]
    probe = ("import sys; from click.testing import CliRunner; from tealeaves.cli import cli; "
             "assert CliRunner().invoke(cli, ['analyze', '--help']).exit_code == 0; "
             "print(sorted(m for m in sys.modules if m.startswith(('tealeaves.store', 'tealeaves.web', "
             "'tealeaves.engines', 'tealeaves.cli.corpus', 'fastapi', 'pyarrow'))))")
    assert _printed_by(probe) == "[]"


def test_the_store_views_import_neither_spacy_nor_numpy(tmp_path: Path):
    """``tealeaves actors``, ``search``, ``mixed`` and ``timeline`` only read a store: importing
    spaCy and numpy (through a lexicon's cue model, a type hint or a constant beside a model)
    was most of such a command's time."""
    from tealeaves.evaluate.scale import synthetic_corpus
    from tealeaves.store.core import Store

    db = tmp_path / "views.db"
    with Store.open(str(db)) as store:
        for result in synthetic_corpus(20):
            store.add(result, pipeline_version="synthetic")
    probe = ("import sys; from click.testing import CliRunner; from tealeaves.cli import cli; "
             f"runs = [CliRunner().invoke(cli, [*view, '--db', {str(db)!r}]) for view in "
             "(['actors'], ['search', 'strait'], ['mixed'], ['timeline'])]; "
             "assert all(r.exit_code == 0 for r in runs), [r.output for r in runs]; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'spacy', 'thinc', 'numpy', 'onnxruntime', 'lxml', 'trafilatura'}))")
    assert _printed_by(probe) == "[]"


def _printed_by(probe: str) -> str:
    """What a new Python process running ``probe`` prints (it must succeed)."""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_every_command_is_in_the_command_reference_the_readme_links():
    reference = ROOT / "docs" / "commands.md"
    assert "(docs/commands.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    text = reference.read_text(encoding="utf-8")
    for name in cli.list_commands(click.Context(cli)):
        assert f"tealeaves {name}" in text, f"docs/commands.md does not mention `tealeaves {name}`"


def test_the_readme_links_only_to_files_of_the_repository():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        assert not target.startswith(("..", "/")) and (ROOT / target).exists(), target
    assert "../shared" not in text and "shared/spec" not in text


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("tealeaves ")


def test_analyze_json_follows_the_contract_and_offsets_round_trip(run, article):
    result = run("analyze", article, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"documents", "errors"} and data["errors"] == []
    (document,) = data["documents"]
    assert DOCUMENT_KEYS <= set(document) and document["source"] == str(article)
    for actor in document["actors"]:
        assert ACTOR_KEYS <= set(actor)
    text = article.read_bytes().decode("utf-8")
    for statement in document["statements"]:
        assert STATEMENT_KEYS <= set(statement)
        assert text[statement["start"] : statement["end"]] == statement["text"]
        spans = [*statement["quotes"], *statement["content"], statement["speaker_mention"], statement["cue"]]
        for span in filter(None, spans):
            assert set(span) == SPAN_KEYS and text[span["start"] : span["end"]] == span["text"]
    jane = [s for s in document["statements"] if any(q["text"] == "We will not move" for q in s["quotes"])]
    assert len(jane) == 1 and jane[0]["kind"] == "direct"
    names = {a["id"]: a["name"] for a in document["actors"]}
    assert names[jane[0]["speaker_id"]] == "Jane Doe"


def test_jsonl_and_csv_parse_back(run, article, tmp_path):
    missing = tmp_path / "missing.txt"
    lines = run("analyze", article, missing, "--format", "jsonl")
    assert lines.exit_code == 1
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(records) == 2 and records[0]["source"] == str(article)
    assert records[1]["error"]["source"] == str(missing)

    table = run("analyze", article, "--format", "csv")
    assert table.exit_code == 0
    reader = csv.DictReader(io.StringIO(table.stdout))
    rows = list(reader)
    assert reader.fieldnames == csv_columns()
    assert len(rows) == len(records[0]["statements"])
    assert [r["statement_id"] for r in rows] == [s["id"] for s in records[0]["statements"]]
    assert any(r["speaker_name"] == "Jane Doe" and r["quotes"] == "We will not move" for r in rows)


def test_output_file(run, article, tmp_path):
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    result = run("analyze", article, "-f", "json", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["source"] == str(article)


def test_a_bad_input_is_reported_and_the_others_go_on(run, batch):
    good, empty, binary = batch
    result = run("analyze", *batch, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["source"] for d in data["documents"]] == [str(good)]
    assert [e["source"] for e in data["errors"]] == [str(empty), str(binary)]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {empty}: ") and errors[1].startswith(f"error: {binary}: ")
    assert "Traceback" not in result.stderr


def test_nothing_readable_exits_2(run, batch, tmp_path):
    _, empty, binary = batch
    result = run("analyze", empty, binary, tmp_path / "nowhere.txt")
    assert result.exit_code == 2
    assert result.stderr.count("error: ") == 3 and "Traceback" not in result.stderr
    assert "Errors" in result.stdout  # the table's errors section


def test_real_process_exit_code_and_pure_json_stdout(batch):
    done = subprocess.run([sys.executable, "-m", "tealeaves", "analyze", *map(str, batch), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 1, done.stderr
    assert len(json.loads(done.stdout)["documents"]) == 1  # nothing but JSON on stdout
    assert done.stderr.count("error: ") == 2 and "Traceback" not in done.stderr


def test_stdin(run):
    result = run("analyze", "-", "--format", "json", input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert document["source"] == "<stdin>"
    assert any(q["text"] == "We will not move" for s in document["statements"] for q in s["quotes"])


def test_missing_model_is_one_line_and_exit_2(run, article):
    result = run("analyze", article, "--model", "no_such_model_xyz")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no spaCy model found") and "Traceback" not in result.stderr


def test_unexpected_errors_are_one_line_unless_debug(run, article, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("tealeaves.pipeline.analyze_each", boom)
    quiet = run("analyze", article)
    assert quiet.exit_code == 2 and "error: parser exploded" in quiet.stderr and "--debug" in quiet.stderr
    loud = run("analyze", article, "--debug")
    assert isinstance(loud.exception, RuntimeError)


def test_extra_lexicon_files(run, article, tmp_path):
    cues = tmp_path / "cues.yaml"
    cues.write_text("speech: [quip]\n", encoding="utf-8")
    actors = tmp_path / "actors.yaml"
    actors.write_text("- {id: doe, name: Jane Doe, kind: official, side: Saren, aliases: [Doe]}\n",
                      encoding="utf-8")
    assert run("analyze", article, "--cues", cues, "--actors", actors).exit_code == 0
    cues.write_text("speech: [unclosed\n", encoding="utf-8")
    broken = run("analyze", article, "--cues", cues)
    assert broken.exit_code == 2 and "error: cannot use the lexicon files" in broken.stderr


def test_demo_prints_a_table_of_the_example(run):
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert "fictional" in first and "tealeaves analyze" in first
    assert "Elena Marek" in rest and "what was said" in rest


def test_demo_json_keeps_stdout_pure(run):
    result = run("demo", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["documents"][0]["statements"]
    assert "fictional" in result.stderr


def test_eval_prints_scores(run):
    pytest.importorskip("tealeaves.evaluate.scoring")
    if not SEED_GOLD.exists():
        pytest.skip(f"{SEED_GOLD} not found: the shared corpus sits beside the repository")
    result = run("eval", SEED_GOLD, "--no-baseline", "--json")
    assert result.exit_code == 0, result.stderr
    (dataset,) = json.loads(result.stdout)["datasets"]
    assert "tealeaves" in dataset["systems"] and "textacy" not in dataset["systems"]


def _articles(folder: Path, count: int) -> list[Path]:
    """``count`` small invented articles, each naming its number, so order is visible."""
    paths = []
    for n in range(count):
        path = folder / f"article{n:02d}.txt"
        path.write_text(f"“Talks on pier {n} will resume,” said Jane Doe, the port minister.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_analyze_with_workers_keeps_input_order_and_goes_on_past_a_bad_input(run, tmp_path, batch):
    """Two worker processes give the very output of one, in input order; an unreadable input
    in the middle is named and the others are analysed."""
    _, empty, _ = batch
    paths = _articles(tmp_path, 5)
    paths.insert(2, empty)
    alone = run("analyze", *paths, "--format", "jsonl", "--workers", "1")
    pooled = run("analyze", *paths, "--format", "jsonl", "--workers", "2")
    assert pooled.exit_code == alone.exit_code == 1, pooled.stderr
    assert pooled.stdout == alone.stdout
    records = [json.loads(line) for line in pooled.stdout.splitlines()]
    assert [r.get("source") for r in records[:-1]] == [str(p) for p in paths if p != empty]
    assert records[-1]["error"]["source"] == str(empty)
    assert f"error: {empty}: " in pooled.stderr


def test_analyze_prints_the_first_results_before_it_reads_the_last_input(tmp_path):
    """Streaming: with the last input on standard input still open, the first articles are
    already analysed and printed; the run ends once the last one is given."""
    paths = _articles(tmp_path, 12)
    process = subprocess.Popen([sys.executable, "-m", "tealeaves", "analyze", *map(str, paths), "-",
                                "--format", "jsonl", "--workers", "2"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8")
    try:
        readable, _, _ = select.select([process.stdout], [], [], STREAM_WAIT)
        assert readable, f"nothing printed in {STREAM_WAIT} s while the last input was still open"
        first = json.loads(process.stdout.readline())
        assert first["source"] == str(paths[0])
        assert process.poll() is None  # still waiting for standard input
        rest, errors = process.communicate("“The last word,” said John Roe.\n", timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, errors
    sources = [first["source"], *(json.loads(line)["source"] for line in rest.splitlines())]
    assert sources == [*map(str, paths), "<stdin>"]


def test_analyze_speech_only_keeps_what_was_said(run, tmp_path: Path):
    """Every statement carries its cue_sense; --speech-only leaves out all but speech (and deeds)."""
    path = tmp_path / "mixed.txt"
    path.write_text("The minister said the port would stay open. The unions believe the port will close. "
                    "A reporter asked whether the ferries would sail.\n", encoding="utf-8")
    senses = []
    for extra in ((), ("--speech-only",)):
        result = run("analyze", path, "--format", "csv", *extra)
        assert result.exit_code == 0, result.output
        senses.append([row["cue_sense"] for row in csv.DictReader(io.StringIO(result.stdout))])
    assert senses[0] == ["speech", "belief", "question"]
    assert senses[1] == ["speech"]
