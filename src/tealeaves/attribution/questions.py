"""Questions put to someone in a participle clause: "Asked whether the ferry would sail, ..."."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import opened_by
from tealeaves.attribution.draft import Draft, clause_depth, trim
from tealeaves.attribution.speaker import agent_of, mention_span
from tealeaves.lexicon import Lexicon

QUESTION_PARTICIPLES = {"asked", "pressed"}


def question_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'Asked whether the ferry would sail, the minister said …', 'when pressed by a reporter
    about the levy': a question put to someone, in a participle clause of its own. Whoever
    asked ("by" a reporter) is its speaker, else nobody named; the content is what was asked.
    (The verb rules leave these participles to this one.)"""
    drafts = []
    for token in sent:
        if not question_participle(token):
            continue
        asked = [c for c in token.children if c.i > token.i and _what_was_asked(c)
                 and not (c.dep_ == "xcomp" and token.lower_ == "pressed")]  # "pressed to explain" urges
        if not asked:
            continue
        asker = agent_of(token)
        content = [trim(doc, c.left_edge.i, c.right_edge.i + 1) for c in asked]
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(token.idx, token.idx + len(token)), cue_sense="question", subject=asker,
            mention=mention_span(doc, asker) if asker is not None else None,
            content=[c for c in content if c], confidence=0.6, depth=clause_depth(token),
        ))
    return drafts


def question_participle(token: Token) -> bool:
    """'Asked whether …', 'when pressed by Holt about …': a participle clause with no subject."""
    return token.lower_ in QUESTION_PARTICIPLES and token.tag_ == "VBN" and token.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def _what_was_asked(child: Token) -> bool:
    """A question's words: a clause ("whether it would sail", "to confirm the talks") or an
    "about" phrase; not where or when it was asked ("on Fox News", "on Monday")."""
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    if child.dep_ == "advcl":
        return opened_by(child, "if") or opened_by(child, "whether")
    if child.dep_ == "prep" and child.lower_ in ("about", "on"):
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        return child.lower_ == "about" or any(g.dep_ == "pcomp" or not g.ent_type_ and g.pos_ != "PROPN" for g in objects)
    return False
