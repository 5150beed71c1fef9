"""The HTML report and the chart specs, tested as data and as HTML (no browser)."""

import dataclasses
import html
import re

import pytest
from click.testing import CliRunner

from tealeaves.analysis.escalation import day_row
from tealeaves.analysis.positions import positions
from tealeaves.cli import cli
from tealeaves.io.readers import read_text
from tealeaves.models import OBSERVER_KINDS, Actor, DocumentResult
from tealeaves.sinks import charts, report
from tealeaves.store.core import Store
from web_records import HARBOUR, harbour, hostile, statement


def test_signal_mix_rows_count_statements_per_side_and_signal():
    rows = charts.signal_mix_rows([harbour()])
    counts = {(r["side"], r["signal"]): r["count"] for r in rows}
    assert counts == {("Ostland", "reject"): 1, ("Westmark", "threaten"): 1, ("Westmark", "reassure"): 1,
                      ("observers", charts.UNCODED): 1}


def test_a_party_without_a_side_is_not_counted_as_an_observer():
    result = harbour()
    sideless = tuple(dataclasses.replace(a, side=None) if a.kind not in OBSERVER_KINDS else a for a in result.actors)
    counts = {r["side"] for r in charts.signal_mix_rows([dataclasses.replace(result, actors=sideless)])}
    assert counts == {charts.NO_SIDE, charts.OBSERVERS}


def test_signal_mix_spec_colours_every_present_signal_from_the_palette():
    spec = charts.signal_mix_spec(charts.signal_mix_rows([harbour()]))
    scale = spec["encoding"]["color"]["scale"]
    assert set(scale["domain"]) == {"reject", "threaten", "reassure", charts.UNCODED}
    assert scale["range"] == [charts.PALETTE[code] for code in scale["domain"]]
    assert spec["mark"]["type"] == "bar" and spec["data"]["values"]


def test_palette_covers_every_code_of_the_signal_spec():
    codes = ("threaten demand reject deny reassure engage concede commit accuse positive_assessment "
             "negative_assessment hedge assess mobilize assault coerce sanction protest aid cooperate retreat").split()
    assert set(codes) | {charts.UNCODED} == set(charts.PALETTE)
    assert len(set(charts.PALETTE.values())) == len(charts.PALETTE)


def test_timeline_rows_match_the_store_timeline(tmp_path):
    result = harbour("2024-03-01")
    with Store.open(str(tmp_path / "t.db")) as store:
        store.add(result, pipeline_version="test")
        assert charts.timeline_rows([result]) == store.timeline()


def test_escalation_index_weighs_escalating_against_all_statements():
    def index(counts):
        return day_row("Norland", "2024-03-01", counts).escalation

    assert index({"threaten": 2, "reassure": 1, "hedge": 1}) == 0.25
    assert index({}) == 0.0
    assert index({"reassure": 3}) == -1.0


def test_timeline_spec_has_one_panel_per_side_with_bars_and_an_escalation_line():
    spec = charts.timeline_spec(charts.timeline_rows([harbour()]))
    assert [p["title"]["text"] for p in spec["vconcat"]] == ["Ostland", "Westmark"]
    marks = [layer["mark"]["type"] for layer in spec["vconcat"][0]["layer"]]
    assert marks == ["bar", "line"]
    escalation = [v["escalation"] for v in spec["data"]["values"] if "escalation" in v]
    assert escalation == [1.0, 0.0]  # Ostland rejects; Westmark threatens once, reassures once


def test_undated_documents_give_no_timeline():
    assert charts.timeline_rows([harbour(published=None)]) == []
    assert len(charts.report_charts([harbour(published=None)])) == 1


def test_highlights_cover_exactly_the_words_said_in_order():
    result = harbour()
    article = str(report.highlighted_article(result))
    marks = re.findall(r'<a class="mark sig-(\w+)[^"]*" href="#st-([\w-]+)"[^>]*>(.*?)</a>', article)
    assert [(sig, html.unescape(words)) for sig, _, words in marks] == [
        ("reject", "will not leave the strait"), ("threaten", "consequences"),
        ("reassure", "no reason to fear a clash"), ("uncoded", "nobody knows what comes next")]
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == HARBOUR  # nothing lost, nothing added


def test_overlapping_spans_never_nest_or_repeat_text():
    result = harbour()
    first = result.statements[0]
    wider = first.__class__(**{**first.__dict__, "id": "x-s99", "content": (first.content[0].__class__(
        first.start, first.content[0].end + 10, HARBOUR[first.start:first.content[0].end + 10]),)})
    article = str(report.highlighted_article(result.__class__(**{**result.__dict__, "statements": (first, wider)})))
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == HARBOUR
    assert "<a" not in re.sub(r"<a [^>]*>[^<]*</a>", "", article)  # no mark inside another


def test_article_text_and_speaker_names_are_escaped():
    article = str(report.highlighted_article(hostile()))
    assert "<script" not in article and "<img" not in article
    assert "&lt;script&gt;" in article and "onerror=&#34;" in article
    visible = report.render_report([hostile()]).split("</main>")[0]  # the vendored scripts follow
    assert "<script>window" not in visible and "<img src=x" not in visible and "<b>Envoy" not in visible
    assert "Envoy &lt;img src=x onerror=alert(3)&gt; Pax" in visible


def test_position_sheets_group_statements_by_signal():
    sheets = {s["side"]: s for s in report.position_sheets([harbour()])}
    assert set(sheets) == {"Ostland", "Westmark"}  # the analyst is an observer
    assert [name for name, _ in sheets["Westmark"]["groups"]] == ["threats", "reassurances"]
    assert [name for name, _ in sheets["Ostland"]["groups"]] == ["red lines"]
    assert sheets["Westmark"]["actors"][0]["name"] == "Minister Oran"


@pytest.mark.parametrize("signal, said, group", [
    ("demand", "must leave the strait", "demands"), ("demand", "must never enter the strait", "red lines"),
    ("reject", "will not leave the strait", "red lines"), ("threaten", "will sink any ship", "threats"),
    ("engage", "will talk", "offers"), ("concede", "can wait", "offers"), ("commit", "will build", "offers"),
    ("deny", "never fired", "denials"), ("reassure", "no reason to fear", "reassurances"),
    ("hedge", "too early to say", None), (None, "the port opens at six", None),
])
def test_the_report_sheet_is_the_analysis_sheet(signal, said, group):
    text = f"Admiral Vey said the fleet {said}."
    doc = read_text(text, "one.txt")
    vey = Actor("vey", "Admiral Vey", "official", side="Ostland")
    s = statement(text, doc.id, 1, text, said, "vey", signal)
    result = DocumentResult(document=doc, actors=(vey,), statements=(s,), positions=positions((s,), {"vey": vey}))
    sheets = report.position_sheets([result])
    assert [name for sheet in sheets for name, _ in sheet["groups"]] == ([group] if group else [])


def test_summary_counts_and_averages_coherence():
    facts = report.summary([harbour(), hostile()])
    assert facts["documents"] == 2 and facts["statements"] == 5 and facts["mixed_messages"] == 1
    assert facts["sides"] == sorted({"Ostland", "Westmark", 'Ostland"><script>'})
    assert facts["coherence"] == {"Ostland": 1.0, "Westmark": 0.5}


def test_report_is_self_contained_with_a_csp_allowing_only_its_own_scripts():
    page = report.render_report([harbour()])
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from anywhere
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    inline = re.findall(r"<script(?: type=\"(?:importmap|module)\")?>(.*?)</script>", page, re.S)
    assert len(inline) == 5  # vega, vega-lite, vega-embed, the import map, the charts module
    for script in inline:
        assert report._sha256(script) in csp
    assert "vega-lite" in page and "6.5.0" in page
    assert "@media print" in page


def test_report_shows_cards_standoffs_warnings_and_charts():
    page = report.render_report([harbour()])
    assert page.count('class="card mixed"') == 1
    assert "Oran both warns of consequences" in page and "score 0.80" in page
    assert "Ostland vs Westmark" in page and "Oran is called both minister and envoy" in page
    assert page.split("</main>")[0].count('class="vega-spec"') == 2


def test_cli_report_from_files_and_from_a_store(tmp_path, nlp):
    article = tmp_path / "harbour.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    out = tmp_path / "r.html"
    runner = CliRunner()
    done = runner.invoke(cli, ["report", str(article), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "Admiral Vey" in out.read_text(encoding="utf-8")

    db = tmp_path / "c.db"
    with Store.open(str(db)) as store:
        store.add(harbour(), pipeline_version="test")
    done = runner.invoke(cli, ["report", str(db), "--out", str(out), "--title", "Strait <corpus>"])
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert "Strait &lt;corpus&gt;" in page and "Signals per side per day" in page


def test_cli_report_says_what_to_do_when_nothing_is_readable(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", str(empty), "--out", str(tmp_path / "r.html")])
    assert done.exit_code == 2
    assert "empty.txt" in done.output and "nothing to report" in done.output
    assert "Traceback" not in done.output


def test_a_group_of_analysts_counts_as_observers():
    result = harbour()
    analysts = Actor(id="analysts", name="Analysts", kind="group")
    statement = dataclasses.replace(result.statements[0], id="s-analysts", speaker_id="analysts")
    grouped = dataclasses.replace(result, actors=result.actors + (analysts,), statements=(statement,))
    assert {r["side"] for r in charts.signal_mix_rows([grouped])} == {charts.OBSERVERS}


def test_a_store_report_summarises_its_scope_and_links_documents(tmp_path):
    db = tmp_path / "c.db"
    days = [f"2024-03-{d:02d}" for d in range(1, 29)] + [f"2024-04-{d:02d}" for d in range(1, 29)]
    with Store.open(str(db)) as store:
        for day in days:
            result = harbour(day)
            doc = dataclasses.replace(result.document, id=f"h-{day}", url=f"https://example.org/{day}")
            store.add(dataclasses.replace(result, document=doc), pipeline_version="test")
        store.add(hostile("2024-03-03"), pipeline_version="test")
    out = tmp_path / "march.html"
    done = CliRunner().invoke(cli, ["report", str(db), "--out", str(out), "--side", "westmark",
                                    "--since", "2024-03-01", "--until", "2024-03-31", "--top", "3"])
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    main = page.split("<main>")[1].split("</main>")[0]
    assert "28 documents" in main and "side westmark" in main  # hostile() has no Westmark actor
    assert main.count('class="card mixed"') == 3 and "The 3 strongest of 28" in main
    assert main.count('href="https://example.org/2024-03-') == 3 and "2024-04-" not in main
    assert 'class="article"' not in main  # no article is embedded
    whole = CliRunner().invoke(cli, ["report", str(db), "--out", str(tmp_path / "all.html"), "--top", "3"])
    assert whole.exit_code == 0 and len((tmp_path / "all.html").read_bytes()) < len(page.encode()) * 1.2
    none = CliRunner().invoke(cli, ["report", str(db), "--out", str(out), "--topic", "no such topic"])
    assert none.exit_code == 2 and "no stored document is in this scope" in none.output
