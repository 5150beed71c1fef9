"""Where a subject stands: viewpoints ("sees X as Y") and stance adjectives ("is critical
of the plan")."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import Draft, clause_depth, trim
from tealeaves.attribution.patterns import matches
from tealeaves.attribution.speaker import can_speak, mention_span, no_speaker
from tealeaves.lexicon import Lexicon

OBJECT_PRONOUNS = {"him", "her", "them", "me", "us"}


def viewpoint_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'To the farmers, the dam is a theft': a sentence that opens with "To" and someone (the
    "viewpoints" pattern of data/patterns.yaml), then a comma, gives that someone's view; the
    clause after the comma is what they hold."""
    words = [t for t in sent if not t.is_space]
    found = [m for m in matches("viewpoints", doc, sent, lex) if words and m["cue"] == words[0]]
    if not found:
        return []
    opener, holder = found[0]["cue"], min((m["holder"] for m in found), key=lambda t: t.i)
    if holder.right_edge.i + 1 >= sent.end or doc[holder.right_edge.i + 1].text != ",":
        return []
    if not (holder.lower_ in OBJECT_PRONOUNS or holder.pos_ != "PRON" and can_speak(holder, lex)):
        return []
    content = trim(doc, holder.right_edge.i + 2, sent.end)
    if content is None:
        return []
    return [Draft(
        start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
        cue=(opener.idx, opener.idx + len(opener)), cue_sense="belief", subject=holder,
        mention=mention_span(doc, holder), content=[content], confidence=0.6,
    )]


def stance_adjective_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'The senator has been critical of the plan', 'she is convinced that the talks will fail':
    a main clause whose predicate is a stance adjective with a phrase or clause of its own
    says where its subject stands; that phrase or clause is the content."""
    drafts = []
    for token in sent:
        if token.dep_ not in ("ROOT", "conj"):
            continue
        if token.lemma_ == "be" and token.pos_ == "AUX":  # "is critical of", "is against"
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            stance = next((c for c in token.children if c.dep_ in ("acomp", "prep") and c.lower_ in lex.stance_adjectives), None)
        elif token.lower_ in lex.stance_adjectives and any(c.dep_ == "auxpass" for c in token.children):  # "is convinced"
            holders = [token, *(c for c in token.children if c.dep_ == "auxpass")]  # the parser may hang it on "is"
            subject = next((c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            stance = None if any(c.dep_ == "agent" for c in token.children) else token
        else:
            continue
        if subject is None or stance is None or no_speaker(subject) or not can_speak(subject, lex):
            continue
        takes = lex.stance_adjectives[stance.lower_]
        held = [c for c in stance.children
                if c.dep_ in ("xcomp", "ccomp", "pobj") or c.dep_ == "prep" and c.lower_ in takes]
        if not held:
            continue
        content = trim(doc, min(c.left_edge.i for c in held), max(c.right_edge.i for c in held) + 1)
        if content is None:
            continue
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(stance.idx, stance.idx + len(stance)), cue_sense="stance", subject=subject,
            mention=mention_span(doc, subject), content=[content], confidence=0.6, depth=clause_depth(token),
        ))
    return drafts
