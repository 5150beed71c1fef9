""""According to X" and the other prepositional cues of the lexicon."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import around_parenthesis, content_outside
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.speaker import can_be_cited, mention_span
from tealeaves.lexicon import Lexicon


def prepositional_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    drafts = []
    words = [t.lower_ for t in sent]
    for phrase in lex.prepositional_cues:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != phrase:
                continue
            last = sent[i + n - 1]
            objects = [c for c in last.children if c.dep_ == "pobj"]
            source, mention = (objects[0], None) if objects else _unparsed_object(sent, last)
            if source is None or not can_be_cited(source, lex):
                continue
            mention = mention or mention_span(doc, source)
            phrase_tokens = set(range(sent[i].i, max(source.right_edge.i, doc.char_span(*mention, alignment_mode="expand")[-1].i) + 1))
            content = content_outside(doc, sent, phrase_tokens)
            halves = around_parenthesis(doc, sent, phrase_tokens)  # "X rose, according to Y, and Z fell"
            drafts.append(
                Draft(
                    start=sent.start_char,
                    end=sent.end_char,
                    sent_index=s_index,
                    paragraph=paragraph,
                    cue=(sent[i].idx, last.idx + len(last)),
                    subject=source,
                    mention=mention,
                    content=halves or ([content] if content else []),
                    confidence=0.85,
                )
            )
    return drafts


def _unparsed_object(sent: TokenSpan, preposition: Token) -> tuple[Optional[Token], Optional[tuple[int, int]]]:
    """'according to ferry staff' parsed as a verb and its object, or 'the I.M.O.' left
    hanging: the words after the preposition up to the next punctuation are the source, and
    their last noun its head."""
    words = []
    for token in sent[preposition.i + 1 - sent.start :]:
        if token.is_punct and token.text != "-" or token.is_space:
            break
        words.append(token)
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or any(t.pos_ in ("AUX", "ADP", "SCONJ", "PRON") for t in words):
        return None, None
    return nouns[-1], (words[0].idx, words[-1].idx + len(words[-1]))
