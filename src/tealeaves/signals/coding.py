"""Code every statement: main signal (or none), all signals, modifiers, target, topic, confidence.

The learned model (``signals.model``, weights in ``data/signal_model.json``) chooses the code
from the statement's features and the MiniLM vector of what was said; the rules of
``signals.rules`` supply the logic it weighs (negation, conditions, questions, announced deeds,
a deed's verb) and the modifiers. A statement that makes no move gets no code (``signal``
None, shown "—"); a reporter's question never takes one. The confidence is the probability of
the code it gives (or of "no code"), calibrated on how often such codes were right under
cross-validation.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Optional, Sequence

import numpy as np
from spacy.tokens import Doc, Token

from tealeaves.attribution.actions import is_fact
from tealeaves.lexicon import Lexicon, default_lexicon
from tealeaves.models import Actor, Span, Statement, is_observer
from tealeaves.signals import rules
from tealeaves.signals.clauses import is_root
from tealeaves.signals.model import (
    NO_CODE,
    OBSERVER,
    SignalModel,
    allowed,
    decide,
    default_signal_model,
    embedded_text,
    rules_decide,
    signal_features,
    speaker_kind,
)
from tealeaves.signals.rules import ACTION_CODES, SignalLexicon, default_signal_lexicon

__all__ = ["ACTION_CODES", "Encoder", "SignalLexicon", "code_statements", "default_signal_lexicon", "sentence_code"]

Encoder = Callable[[Sequence[str]], np.ndarray]  # texts -> unit-norm embedding rows
SUBORDINATE_CLAUSES = frozenset({"advcl", "relcl", "acl", "pcomp"})  # a clause that is no main move of a sentence
SECONDARY = 0.25  # another code this probable is listed among the statement's signals


def target_of(statement: Statement, speaker: Optional[Actor], named: Sequence[tuple[Actor, re.Pattern]]) -> Optional[str]:
    """The first other party named in the content: the actor the signal is aimed at.
    ``named`` are the parties with a side and the pattern of their names (``naming``)."""
    text = " ".join(c.text for c in statement.content)
    best: Optional[tuple[int, str]] = None
    for actor, names in named:
        if actor.id == (speaker.id if speaker else None) or speaker is not None and actor.side == speaker.side:
            continue
        match = names.search(text)  # the leftmost of its names
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), actor.id)
    return best[1] if best else None


def naming(actors: Sequence[Actor]) -> list[tuple[Actor, re.Pattern]]:
    """Each party with a side (no observer) and one pattern of all its names, made once per
    document: a long document has more statements and more names, and a pattern made for each
    name and statement grew with both."""
    return [(actor, re.compile("|".join(rf"(?<!\w){re.escape(alias)}(?!\w)"
                                        for alias in (actor.name, *actor.aliases, actor.side))))
            for actor in actors if actor.side and not is_observer(actor)]


def code_statements(
    doc: Doc,
    statements: Sequence[Statement],
    actors: Sequence[Actor],
    lex: SignalLexicon,
    encode: Optional[Encoder] = None,
    model: Optional[SignalModel] = None,
    lexicon: Optional[Lexicon] = None,
) -> list[Statement]:
    """The statements with signal, signals, modifiers, topic, target and confidence filled in."""
    if not statements:
        return []
    model = model or default_signal_model()
    cue_senses = (lexicon or default_lexicon()).cue_senses
    by_id = {a.id: a for a in actors}
    named = naming(actors)
    speakers = [speaker_kind(by_id.get(s.speaker_id or "")) for s in statements]
    fired = [rules.rule_signals(doc, s, lex) for s in statements]
    features = [signal_features(doc, s, kind, lex, cue_senses, fired=found)
                for s, kind, found in zip(statements, speakers, fired)]
    vectors = encode([embedded_text(s) for s in statements]) if encode is not None else None
    probabilities = model.probabilities(features, vectors)
    head = model.head_name(vectors)
    coded = []
    for statement, kind, row, rule_found in zip(statements, speakers, probabilities, fired):
        speaker = by_id.get(statement.speaker_id or "")
        content = rules.content_tokens(doc, statement)
        found = rules.modifiers(doc, statement, content, lex)
        sure = rules.sure_codes(rule_found) if statement.kind != "action" and rules_decide(row, statement.kind) else []
        if statement.cue_sense == "question":  # asking takes no position
            main, confidence = None, float(row[model.classes.index(NO_CODE)])
        else:  # a deed keeps its verb's code; a statement the code its rules are sure of
            ruled = statement.signal if statement.kind == "action" else next(iter(sure), None)
            main, confidence = decide(model.classes, row, statement.kind, kind, ruled)
        signals = _signals(model.classes, row, main, statement.kind, kind)
        if sure and main is not None and main != OBSERVER:  # the rules decided: their other codes too
            signals = tuple(dict.fromkeys((main, *sure)))
        coded.append(dataclasses.replace(
            statement, signal=main, signals=signals,
            topic=found.topic, target=target_of(statement, speaker, named), negated=found.negated,
            condition=found.condition if statement.kind != "action" else None,
            modality=found.modality if statement.kind != "action" else (),
            time=found.time, confidence=round(model.confidence(confidence, head), 2),
        ))
    return coded


def _signals(classes: Sequence[str], row: np.ndarray, main: Optional[str], kind: str, speaker: str) -> tuple[str, ...]:
    """The main code first, then the other codes the model finds at least ``SECONDARY`` likely."""
    if main is None:
        return ()
    mask = allowed(classes, kind)
    others = sorted(((float(p), c) for c, p, ok in zip(classes, row, mask)
                     if ok and c not in (NO_CODE, main) and p >= SECONDARY
                     and (c != "assess" or speaker == "observer")), reverse=True)
    return (main, *(c for _, c in others))


def sentence_code(result, nlp=None, lex: Optional[SignalLexicon] = None, encode: Optional[Encoder] = None,
                  model: Optional[SignalModel] = None) -> Optional[str]:
    """One code for a short text (an event sentence): that of its main move, a reported deed
    before a statement, in the main clause before one in an adverbial or relative clause
    ("Italy suspended flights a day after a jet shot down a helicopter": the suspension);
    else the sentence read as one statement whose cue is its main verb ("Rebels dismissed the
    appeal"), coded by the model (``model``, else the bundled one: a held-out estimate passes
    the model the result was coded with); None when it makes no move."""
    from tealeaves.nlp.model import load_model

    doc = (nlp or load_model())(result.document.text)
    moves = [s for s in result.statements if s.signal not in (None, "assess")]
    if moves:
        main = min(moves, key=lambda s: (_clauses_down(doc, s), s.kind != "action"))
        return main.signal
    sentence = next(doc.sents, None)
    if sentence is None:
        return None
    lex = lex or default_signal_lexicon()
    root = sentence.root
    statement = Statement(id="sentence", kind="action" if reported_deed(root, lex) else "indirect", start=sentence.start_char,
                          end=sentence.end_char, text=sentence.text,
                          cue=Span(root.idx, root.idx + len(root), root.text))
    coded = code_statements(doc, [statement], [], lex, encode, model=model)
    return coded[0].signal


def _clauses_down(doc: Doc, statement: Statement) -> int:
    """How many adverbial or relative clauses the statement's cue stands in (0: the main clause)."""
    if statement.cue is None:
        return 0
    span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    token, depth = span[0], 0
    while not is_root(token):
        depth += token.dep_ in SUBORDINATE_CLAUSES
        token = token.head
    return depth


def reported_deed(verb: Token, lex: SignalLexicon) -> bool:
    """The verb reports a deed done: a verb of the action table (``rules.action_code``) stated
    as a fact, as ``attribution.actions`` finds deeds. A deed announced, negated or
    conditional ("will give a grant", "would blockade Paris") is a statement (commit or
    threaten: codebook, action codes), so an event sentence is read the way the pipeline
    reads its deeds."""
    return verb.pos_ == "VERB" and rules.action_code(verb, lex) is not None and is_fact(verb)
