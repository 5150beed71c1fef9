"""tools/annotate.py and tools/annotation_items.py: the item sampler, label checks, agreement
and the one list of codes."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
import annotate  # noqa: E402
import annotation_items  # noqa: E402

# Invented sentences; "Mr. Dale" also tests that the context does not break after "Mr.".
SENTENCES = [
    "Mayor Ruth Orla said the bridge would reopen next week after repairs.",
    "Mr. Dale told reporters that the council had ignored the warnings for years.",
    "The governor urged lawmakers to pass the budget before the holiday.",
    "Critics said the plan was too costly.",
    "She said yes.",
]


def _attribution(text: str, sentence: str, number: int) -> dict:
    """An attribution whose source is the sentence's first two words and content the rest."""
    at = text.index(sentence)
    words = [(m.start() + at, m.end() + at) for m in re.finditer(r"\S+", sentence)]
    source, cue, content = words[:2], words[2:3], words[3:]

    def spans(pairs):
        return [{"start": pairs[0][0], "end": pairs[-1][1], "text": text[pairs[0][0]:pairs[-1][1]]}] if pairs else []
    return {"id": f"E{number}", "type": "Attribution", "source": spans(source), "cue": spans(cue),
            "content": spans(content), "content_has_quote_marks": False}


def write_corpus(shared: Path, articles_per_split: int = 6) -> dict:
    """A small corpus in ../shared's layout: crisis-dev, plover-dev and PolNeAR-like splits."""
    crisis = shared / annotation_items.CRISIS_DIR
    crisis.mkdir(parents=True)
    text = "Minister Vann said Korlan would never accept the toll. Troops of Korlan crossed the river."
    (crisis / "invented-crisis.txt").write_text(text, encoding="utf-8")
    gold = {"actors": [{"id": "vann", "name": "Vann", "kind": "official", "side": "Korlan"}],
            "statements": [
                {"id": "s01", "speaker": "vann", "quotes": [], "kind": "indirect", "signals": ["reject"],
                 "evidence": "would never accept the toll"},
                {"id": "s02", "speaker": "vann", "quotes": [], "kind": "action", "signals": ["mobilize"],
                 "evidence": "Troops of Korlan crossed the river"}]}
    (crisis / "invented-crisis.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    plover = shared / annotation_items.PLOVER_FILE
    plover.parent.mkdir(parents=True)
    plover.write_text(json.dumps([
        {"id": "DOC-0001", "event": "DOCUMENT"},
        {"id": "X-0001", "text": "Ostria demanded that Velm free the sailors.", "tealeaves_code": "demand",
         "textInfo": {"markup": "(SRC: Ostria) (EVT: demanded) that (TAR: Velm) free the sailors."}},
        {"id": "X-0002", "text": "Velm shelled the harbour.", "tealeaves_code": "assault", "textInfo": ""},
    ]), encoding="utf-8")
    counts = {}
    for split, path in annotation_items.POLNEAR_FILES.items():
        (shared / path).parent.mkdir(parents=True, exist_ok=True)
        with (shared / path).open("w", encoding="utf-8") as out:
            for index in range(articles_per_split):
                # articles differ in how many attributions they have (1 to 5)
                chosen = [SENTENCES[(index + k) % len(SENTENCES)] for k in range(1 + index % 5)]
                body = " ".join(chosen)
                attributions = [_attribution(body, s, k) for k, s in enumerate(dict.fromkeys(chosen))]
                out.write(json.dumps({"doc_id": f"{split}-doc-{index}", "split": split,
                                      "text": body, "attributions": attributions}) + "\n")
                counts[f"{split}/{split}-doc-{index}"] = sum(
                    len(s.split()) - 3 >= annotation_items.POLNEAR_MIN_WORDS for s in dict.fromkeys(chosen))
    return counts


def test_sampler_is_deterministic_and_meets_its_constraints(tmp_path):
    eligible = write_corpus(tmp_path / "shared")
    wanted = 20
    first = annotation_items.build_items(tmp_path / "shared", polnear_count=wanted, double_count=8)
    again = annotation_items.build_items(tmp_path / "shared", polnear_count=wanted, double_count=8)
    assert first == again
    assert annotation_items.build_items(tmp_path / "shared", polnear_count=wanted, seed=7, double_count=8) != first

    sets = Counter(item["set"] for item in first)
    assert sets == {"crisis-dev": 2, "plover-dev": 2, "polnear": wanted}
    assert len({item["item"] for item in first}) == len(first)
    polnear = [item for item in first if item["set"] == "polnear"]
    per_article = Counter(f"{item['split']}/{item['doc']}" for item in polnear)
    assert max(per_article.values()) <= annotation_items.POLNEAR_PER_ARTICLE
    # spread: every article with an eligible attribution gives one before any gives a second
    assert set(per_article) == {doc for doc, count in eligible.items() if count}
    assert {item["split"] for item in polnear} == {"train", "dev"}
    shared = tmp_path / "shared"
    texts = annotation_items.Texts(shared)
    for item in polnear:
        content = " ".join(texts.get(item)[s:e] for s, e in item["content"])
        assert len(content.split()) >= annotation_items.POLNEAR_MIN_WORDS
        assert item["item"] == f"polnear:{item['doc']}:{item['start']}-{item['end']}"
    # offsets only: no value of an item holds a word of the texts
    assert not any("bridge" in json.dumps(item) or "Korlan" in json.dumps(item) for item in first)

    batches = Counter(item["batch"] for item in first)
    assert set(batches) == set(annotation_items.BATCHES) and max(batches.values()) - min(batches.values()) <= 1
    assert sum(item["double"] for item in first) == 8
    assert Counter(item["batch"] for item in first if item["double"]) == {b: 2 for b in annotation_items.BATCHES}
    crisis = {item["ref"]: item for item in first if item["set"] == "crisis-dev"}
    assert crisis["s02"]["kind"] == "action" and crisis["s01"]["kind"] == "statement"
    plover = {item["doc"]: item for item in first if item["set"] == "plover-dev"}
    plover_text = "Ostria demanded that Velm free the sailors."
    assert [plover_text[s:e] for s, e in plover[annotation_items.plover_key("X-0001")]["cue"]] == ["demanded"]
    assert plover[annotation_items.plover_key("X-0002")]["kind"] == "action"
    assert not any("X-000" in item["item"] for item in plover.values())  # the record id names its code


def test_every_set_is_dealt_evenly_over_the_batches(tmp_path):
    write_corpus(tmp_path / "shared", articles_per_split=10)
    items = annotation_items.build_items(tmp_path / "shared", polnear_count=30, double_count=4)
    dealt = Counter((item["batch"], item["set"]) for item in items)
    for set_name in ("crisis-dev", "plover-dev", "polnear"):
        counts = [dealt[(batch, set_name)] for batch in annotation_items.BATCHES]
        assert max(counts) - min(counts) <= 1, (set_name, counts)
    assert all(dealt[(batch, "polnear")] >= 7 for batch in annotation_items.BATCHES)


def write_items(path: Path, count: int) -> list[str]:
    ids = [f"polnear:doc:{i}-{i + 5}" for i in range(count)]
    rows = [{"item": item, "set": "polnear", "doc": "doc", "split": "train", "start": i, "end": i + 5,
             "kind": "statement", "batch": annotation_items.BATCHES[i % 4], "double": i < 4}
            for i, item in enumerate(ids)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return ids


def write_labels(path: Path, pairs, annotator: str) -> None:
    path.write_text("".join(json.dumps({"item": item, "code": code, "annotator": annotator}) + "\n"
                            for item, code in pairs), encoding="utf-8")


def test_kappa_on_hand_made_labels(tmp_path, capsys):
    ids = write_items(tmp_path / "items.jsonl", 11)
    first = ["threaten"] * 4 + ["demand"] * 3 + [None] * 3
    second = ["threaten"] * 3 + ["demand"] * 3 + [None] * 3 + ["threaten"]
    # By hand: 10 shared items, agreement on items 1-3, 5-6, 8-9 = 7/10 = 0.7.
    # Marginals A: threaten 4, demand 3, null 3; B: threaten 4, demand 3, null 3.
    # p_e = (4*4 + 3*3 + 3*3) / 100 = 0.34; kappa = (0.7 - 0.34) / (1 - 0.34) = 0.36/0.66 = 6/11.
    write_labels(tmp_path / "a.jsonl", list(zip(ids, first)) + [(ids[10], "deny")], "ann1")
    write_labels(tmp_path / "b.jsonl", list(zip(ids, second)), "ann2")
    result = annotate.kappa(list(zip(first, second)))
    assert result["n"] == 10 and result["agreement"] == pytest.approx(0.7)
    assert result["kappa"] == pytest.approx(6 / 11)
    assert dict(result["disagreements"]) == {("demand", "threaten"): 1, ("demand", "null"): 1,
                                             ("null", "threaten"): 1}
    code = annotate.main(["--items", str(tmp_path / "items.jsonl"), "kappa",
                          str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")])
    out = capsys.readouterr().out
    assert code == 0
    assert "n = 10 " in out and "kappa = 0.545" in out and "agreement = 0.700" in out


def test_kappa_of_perfect_agreement_is_one():
    assert annotate.kappa([("accuse", "accuse"), (None, None)])["kappa"] == pytest.approx(1.0)


def test_check_rejects_an_unknown_code_and_a_duplicate_item(tmp_path, capsys):
    ids = write_items(tmp_path / "items.jsonl", 8)
    items = ["--items", str(tmp_path / "items.jsonl"), "check"]
    write_labels(tmp_path / "good.jsonl", [(ids[0], "accuse"), (ids[1], None), (ids[4], "commit")], "ann1")
    assert annotate.main(items + [str(tmp_path / "good.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "0 problem(s)" in out and "A 2/2" in out and "B 1/2" in out

    write_labels(tmp_path / "bad.jsonl", [(ids[0], "accuse"), (ids[1], "threat"), (ids[0], "deny"),
                                          ("polnear:nowhere:0-1", "deny"), (ids[2], "none")], "ann1")
    assert annotate.main(items + [str(tmp_path / "bad.jsonl")]) == 1
    out = capsys.readouterr().out
    assert "bad.jsonl:2: unknown code 'threat'" in out
    assert "bad.jsonl:3: duplicate of line 1" in out
    assert "bad.jsonl:4: unknown item" in out
    assert "bad.jsonl:5: unknown code 'none' (write null" in out
    assert "4 problem(s)" in out


def test_join_refuses_to_write_text_into_the_repository(tmp_path, capsys):
    write_items(tmp_path / "items.jsonl", 2)
    write_labels(tmp_path / "a.jsonl", [], "ann1")
    code = annotate.main(["--items", str(tmp_path / "items.jsonl"), "join", str(tmp_path / "a.jsonl"),
                          "--out", str(REPO / "annotations" / "rows.jsonl")])
    assert code == 2 and "never be committed" in capsys.readouterr().err
    assert not (REPO / "annotations" / "rows.jsonl").exists()


def test_context_does_not_break_sentences_after_titles():
    text = SENTENCES[0] + " " + SENTENCES[1] + " " + SENTENCES[2]
    at = text.index("the council")
    before, sentence, after = annotation_items.context(text, at, at + 11)
    assert (before, sentence, after) == (SENTENCES[0], SENTENCES[1], SENTENCES[2])


def test_codes_have_one_source_that_the_codebook_and_the_coder_agree_with():
    codes = annotation_items.load_codes()
    from tealeaves.signals.coding import ACTION_CODES
    assert codes["action"] == ACTION_CODES
    codebook = (REPO / "docs/codebook.md").read_text(encoding="utf-8")
    table = [code for code in re.findall(r"^\| ([a-z_]+) \|", codebook, flags=re.M) if code != "code"]
    assert sorted(table) == sorted(codes["statement"] + codes["action"])  # the table is in priority order


def test_committed_items_are_what_the_sampler_makes():
    shared = annotation_items.DEFAULT_SHARED
    if not (shared / annotation_items.PLOVER_FILE).exists():
        pytest.skip("../shared is not here")
    committed = annotation_items.read_items(annotation_items.DEFAULT_ITEMS)
    first_round = [item for item in committed if item["batch"] in annotation_items.BATCHES]
    assert first_round == annotation_items.build_items(shared)
    assert len(first_round) >= 2030
    assert committed[len(first_round):] == annotation_items.extra_items(shared, first_round)  # batch E, appended


def test_join_leaves_out_a_disputed_item_unless_an_adjudicated_label_settles_it(tmp_path, capsys):
    shared = tmp_path / "shared"
    write_corpus(shared, articles_per_split=2)
    items_path = tmp_path / "items.jsonl"
    annotation_items.write_jsonl(items_path, annotation_items.build_items(shared, polnear_count=4, double_count=2))
    ids = [json.loads(line)["item"] for line in items_path.read_text(encoding="utf-8").splitlines()]
    write_labels(tmp_path / "a.jsonl", [(ids[0], "reject"), (ids[1], "accuse")], "ann1")
    write_labels(tmp_path / "b.jsonl", [(ids[0], "reject"), (ids[1], None)], "ann2")
    write_labels(tmp_path / "lead.jsonl", [(ids[1], "deny")], "lead")
    base = ["--shared", str(shared), "--items", str(items_path), "join", str(tmp_path / "a.jsonl"),
            str(tmp_path / "b.jsonl")]

    assert annotate.main(base + ["--out", str(tmp_path / "plain.jsonl")]) == 0
    plain = [json.loads(line) for line in (tmp_path / "plain.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["item"], r["code"]) for r in plain] == [(ids[0], "reject")]
    assert "1 item(s) left out" in capsys.readouterr().out

    assert annotate.main(base + ["--adjudicated", str(tmp_path / "lead.jsonl"),
                                 "--out", str(tmp_path / "settled.jsonl")]) == 0
    settled = {json.loads(line)["item"]: json.loads(line)
               for line in (tmp_path / "settled.jsonl").read_text(encoding="utf-8").splitlines()}
    assert settled[ids[0]]["code"] == "reject" and settled[ids[1]]["code"] == "deny"
    assert settled[ids[1]]["annotators"] == ["lead"]


# Invented; the third word is the cue (see _attribution). Two performative cues, two sentences on
# foreign or security affairs, one neither.
EXTRA_SENTENCES = [
    "The senator urged voters to reject the measure in November.",
    "Her rival denied that he had ever met the donor.",
    "Officials there said the troops would stay near the border.",
    "The embassy reported that talks with Ostria had stalled again.",
    "The organiser said the fair would open at noon on Sunday.",
]


def write_polnear_train(shared: Path, articles: int = 8) -> None:
    """A PolNeAR-like train split whose articles hold every sentence of EXTRA_SENTENCES."""
    path = shared / annotation_items.POLNEAR_FILES["train"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for index in range(articles):
            chosen = EXTRA_SENTENCES[index % 5:] + EXTRA_SENTENCES[:index % 5]
            body = " ".join(chosen)
            out.write(json.dumps({"doc_id": f"train-doc-{index}", "split": "train", "text": body,
                                  "attributions": [_attribution(body, s, k) for k, s in enumerate(chosen)]}) + "\n")


def test_extra_batch_oversamples_moves_within_its_limits(tmp_path):
    shared = tmp_path / "shared"
    write_polnear_train(shared)
    candidates = [item for _, item in annotation_items._polnear_candidates("train", shared / annotation_items.POLNEAR_FILES["train"])]
    existing = [{**candidates[0], "batch": "A", "double": False}]
    extra = annotation_items.extra_items(shared, existing, count=12)

    assert extra == annotation_items.extra_items(shared, existing, count=12)  # deterministic
    assert len(extra) == 12 and candidates[0]["item"] not in {item["item"] for item in extra}
    assert max(Counter(item["doc"] for item in extra).values()) <= annotation_items.EXTRA_PER_ARTICLE
    assert Counter(item["pool"] for item in extra) == {"cue": 6, "world": 6}
    texts = annotation_items.Texts(shared)
    for item in extra:
        text = texts.get(item)
        assert item["batch"] == "E" and item["split"] == "train"
        if item["pool"] == "cue":
            assert annotation_items.cue_lemma(text[item["cue"][0][0]:item["cue"][0][1]]) in {"urge", "deny"}
        else:
            assert annotation_items.WORLD_WORDS.search(annotation_items.context(text, item["start"], item["end"])[1])
    neither = {item["item"] for item in candidates if "organiser" in texts.get(item)[item["start"] - 30:item["start"]]}
    assert neither and not neither & {item["item"] for item in extra}


def test_sample_extra_appends_once_and_keeps_the_items_already_there(tmp_path, capsys):
    shared = tmp_path / "shared"
    write_polnear_train(shared)
    items_path = tmp_path / "items.jsonl"
    first = [{"item": "polnear:x:1-2", "set": "polnear", "doc": "x", "start": 1, "end": 2, "kind": "statement",
              "batch": "A", "double": False}]
    annotation_items.write_jsonl(items_path, first)
    command = ["--shared", str(shared), "sample", "--out", str(items_path), "--extra", "E", "--count", "4"]

    assert annotate.main(command) == 0
    written = annotation_items.read_items(items_path)
    assert written[:1] == first and [item["batch"] for item in written[1:]] == ["E"] * 4
    assert annotate.main(command) == 2  # a second append would duplicate batch E
    assert "already there" in capsys.readouterr().err
    assert annotation_items.read_items(items_path) == written
