"""Inputs read for what they are: feeds by their content, plain text with its metadata (front
matter or a sidecar file), every file a folder holds either read or named with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tealeaves
from tealeaves.io.readers import read_inputs
from tealeaves.models import Document, InputError

ARTICLE = "The harbour master said on Tuesday that the cranes would stay idle until the dispute ends."
FEED = ('<?xml version="1.0" encoding="utf-8"?>\n<!-- a wire feed -->\n<rss version="2.0"><channel>'
        "<title>Harbour Wire</title>"
        "<item><title>Cranes idle</title><link>https://example.org/cranes</link>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description>{ARTICLE}</description></item>"
        "<item><title>Talks</title><description>Union leaders said talks would resume.</description></item>"
        "</channel></rss>")
ATOM = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>'
        f'<entry><title>Cranes</title><content type="text">{ARTICLE}</content></entry></feed>')


def read(*paths, on_skip=None) -> list:
    return list(read_inputs(paths, on_skip=on_skip))


@pytest.mark.parametrize("name, content", [("feed.xml", FEED), ("news.txt", FEED), ("wire", FEED),
                                           ("atom.html", ATOM)])
def test_a_feed_is_read_as_a_feed_whatever_its_name(tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    records = read(tmp_path / name)
    assert all(isinstance(r, Document) for r in records)
    assert records[0].text == ARTICLE
    assert records[0].outlet in {"Harbour Wire", "Atom Wire"}
    assert len(records) == content.count("<item>") + content.count("<entry>")


def test_a_folder_reads_xml_feeds_and_names_xml_that_is_not_one(tmp_path):
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>', encoding="utf-8")
    records = read(tmp_path)
    assert [r.title for r in records if isinstance(r, Document)] == ["Cranes idle", "Talks"]
    errors = [r for r in records if isinstance(r, InputError)]
    assert [Path(e.source).name for e in errors] == ["sitemap.xml"]
    assert "not an RSS or Atom feed" in errors[0].error


def test_an_article_that_mentions_a_feed_is_still_text(tmp_path):
    text = "The outlet said its <rss> feed was down.\n" + ARTICLE
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (doc,) = read(tmp_path / "a.txt")
    assert doc.text == text


def test_every_file_a_folder_does_not_read_is_named_with_the_reason(tmp_path):
    for name in ["a.txt", "notes.docx", "urls.csv", ".DS_Store", ".git/config", ".git/objects/x.txt",
                 "orphan.meta.json", "b.txt", "b.meta.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("title: Cranes\n" if "meta" in name else ARTICLE, encoding="utf-8")
    skipped: dict[str, str] = {}
    records = read(tmp_path, on_skip=lambda source, reason: skipped.setdefault(Path(source).name, reason))
    assert sorted(Path(r.source).name for r in records) == ["a.txt", "b.txt"]
    assert sorted(skipped) == [".DS_Store", ".git", "notes.docx", "orphan.meta.json", "urls.csv"]
    assert "hidden" in skipped[".git"] and "URL list" in skipped["urls.csv"]
    assert "no article" in skipped["orphan.meta.json"] and "plain text" in skipped["notes.docx"]


def test_without_a_listener_a_skipped_file_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.docx").write_text(ARTICLE, encoding="utf-8")
    with pytest.warns(UserWarning, match="notes.docx: skipped"):
        read(tmp_path)


def test_front_matter_gives_a_text_its_metadata_and_is_not_analysed(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Cranes idle\noutlet: Harbour Gazette\ndate: 2024-03-05\n"
                    "url: https://example.org/cranes\nlayout: post\n---\n\n" + ARTICLE, encoding="utf-8")
    (doc,) = read(path)
    assert (doc.title, doc.outlet, doc.published, doc.url) == (
        "Cranes idle", "Harbour Gazette", "2024-03-05", "https://example.org/cranes")
    assert doc.text == ARTICLE


def test_front_matter_with_an_unquoted_colon_still_gives_its_fields_and_says_so(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: Harbour talks: cranes idle\noutlet: Harbour Gazette\ndate: 2024-03-05\n---\n"
                    + ARTICLE, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"a\.txt: the front matter is not valid YAML"):
        (doc,) = read(path)
    assert (doc.title, doc.outlet, doc.published, doc.text) == (
        "Harbour talks: cranes idle", "Harbour Gazette", "2024-03-05", ARTICLE)


def test_a_rule_line_that_is_not_front_matter_stays_text(tmp_path):
    text = "---\nBreaking: the port is closed.\n---\n" + ARTICLE
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (doc,) = read(tmp_path / "a.txt")
    assert (doc.text, doc.title) == (text, None)


@pytest.mark.parametrize("sidecar, content", [
    ("a.meta.json", json.dumps({"title": "Cranes idle", "publisher": "Harbour Gazette", "date": "2024-03-05"})),
    ("a.meta.yaml", "title: Cranes idle\noutlet: Harbour Gazette\npublished: 2024-03-05\n"),
])
def test_a_sidecar_file_gives_a_text_its_metadata(tmp_path, sidecar, content):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / sidecar).write_text(content, encoding="utf-8")
    for source in (tmp_path / "a.txt", tmp_path):  # named, and found in a folder
        (doc,) = read(source)
        assert (doc.title, doc.outlet, doc.published, doc.text) == (
            "Cranes idle", "Harbour Gazette", "2024-03-05", ARTICLE)


@pytest.mark.parametrize("content, problem", [("title: [unclosed\n", "not valid YAML"),
                                              ("- a list\n", "not a mapping"),
                                              ("tags: [port]\n", "none of the fields")])
def test_a_broken_sidecar_is_an_error_naming_it(tmp_path, content, problem):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.yml").write_text(content, encoding="utf-8")
    (error,) = read(tmp_path / "a.txt")
    assert isinstance(error, InputError)
    assert "a.meta.yml" in error.error and problem in error.error


def test_analyze_refuses_a_path_that_names_nothing(tmp_path, nlp):
    for typo in ("artcle.txt", str(tmp_path / "missing"), "my article.html"):
        with pytest.raises(FileNotFoundError, match="no such file.*texts="):
            tealeaves.analyze(typo, nlp=nlp)


def test_analyze_reads_text_paths_and_texts(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = tealeaves.analyze(tmp_path / "a.txt", str(tmp_path / "a.txt"), "The minister said talks would resume.",
                               nlp=nlp, texts=["report.txt"])
    assert [d.document.text for d in result.documents] == [
        ARTICLE, ARTICLE, "The minister said talks would resume.", "report.txt"]


def test_analyze_help_lists_feeds():
    from click.testing import CliRunner

    from tealeaves.cli import cli

    help_text = " ".join(CliRunner().invoke(cli, ["analyze", "--help"]).output.split())
    assert "RSS or Atom feed" in help_text and "sidecar" in help_text


def test_ingest_names_each_file_it_does_not_read(tmp_path, nlp, monkeypatch):
    from click.testing import CliRunner

    from tealeaves.cli import cli

    monkeypatch.setattr("tealeaves.io.corpus.load_model", lambda model=None: nlp)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "notes.docx").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "news"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    assert f"skipped: {tmp_path / 'news' / 'notes.docx'}: not a kind read from folders" in result.output
