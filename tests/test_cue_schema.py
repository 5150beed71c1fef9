"""Cue verbs as data: the schema of cues.yaml and of a user's --cues file, checked on load,
and each constrained verb's example sentences run through the pipeline."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

import tealeaves
from tealeaves.cue_schema import CueConstraint, CueFileError, parse_cue_entries
from tealeaves.lexicon import Lexicon
from tealeaves.models import Document
from tealeaves.pipeline import analyze_parsed

BUNDLED = parse_cue_entries(yaml.safe_load(resources.files("tealeaves.data").joinpath("cues.yaml").read_text("utf-8")),
                            "cues.yaml")
EXAMPLES = [(e.verb, e.example, True) for e in BUNDLED if e.example] + [
    (e.verb, e.counterexample, False) for e in BUNDLED if e.counterexample]


def cue_found(nlp, verb: str, sentence: str) -> bool:
    """Whether the pipeline reports a statement whose cue is the verb (an action does not count)."""
    starts = {t.idx for t in nlp(sentence) if t.lemma_.lower() == verb or t.lower_.startswith(verb)}
    assert starts, f"{verb!r} not in its example {sentence!r}"
    statements = tealeaves.analyze(sentence).documents[0].statements
    return any(s.cue is not None and s.cue.start in starts for s in statements if s.kind != "action")


def test_every_constrained_bundled_verb_has_an_example():
    constrained = [e.verb for e in BUNDLED if e.constraint is not None]
    assert len(constrained) > 20
    assert [v for v in constrained if not any(e.verb == v and e.example for e in BUNDLED)] == ["realise"]


@pytest.mark.parametrize("verb, sentence, is_cue", EXAMPLES, ids=[f"{v}-{c}" for v, _, c in EXAMPLES])
def test_example_sentences_find_the_cue_or_not(nlp, verb, sentence, is_cue):
    assert cue_found(nlp, verb, sentence) == is_cue


def test_a_user_file_gives_a_verb_a_constraint(nlp, tmp_path):
    sentence = "The minister echoed the claim."
    plain, constrained = tmp_path / "plain.yaml", tmp_path / "constrained.yaml"
    plain.write_text("speech: [echo]\n", "utf-8")
    constrained.write_text("speech:\n  - verb: echo\n    requires: [clause]\n", "utf-8")
    assert Lexicon.load(extra_cues=[constrained]).cue_constraints["echo"] == CueConstraint(frozenset({"clause"}))
    found = {}
    for path in (plain, constrained):
        result = analyze_parsed(Document("echo", "test", sentence), nlp(sentence), Lexicon.load(extra_cues=[path]),
                                embeddings=False)
        statements = result.statements
        found[path.stem] = [s.cue.text for s in statements if s.cue is not None]
    assert found == {"plain": ["echoed"], "constrained": []}


@pytest.mark.parametrize("text, problem", [
    ("speech: say\n", "speech: expected a list of verbs"),
    ("speach: [say]\n", "unknown section 'speach'"),
    ("speech:\n  - verb: echo\n    needs: [clause]\n", "speech entry 1 (echo): unknown key 'needs'"),
    ("speech:\n  - say\n  - verb: echo\n    requires: [sentence]\n", "speech entry 2 (echo): unknown requirement 'sentence'"),
    ("speech:\n  - verb: echo\n    requires: [clause, particle]\n", "(echo): 'particles' and the requirement 'particle'"),
    ("speech:\n  - verb: echo\n    particles: out\n", "(echo): particles must be a list of words"),
    ("speech:\n  - {requires: [clause]}\n", "speech entry 1: expected a verb or a mapping with 'verb:'"),
])
def test_a_bad_cue_file_is_named_with_its_entry_and_problem(tmp_path, text, problem):
    path = tmp_path / "mine.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(CueFileError) as error:
        Lexicon.load(extra_cues=[path])
    assert str(error.value).startswith(str(path)) and problem in str(error.value)
