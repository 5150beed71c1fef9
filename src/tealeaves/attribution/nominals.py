"""A statement named by a noun and its owner: "Ostmark's warning that the dam would fail"."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import Draft, clause_depth, trim
from tealeaves.attribution.patterns import matches
from tealeaves.attribution.speaker import can_speak
from tealeaves.lexicon import Lexicon


def nominal_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'the premier's remarks on Friday that no soldier had crossed': a noun of speech (the
    "nominal statements" pattern of data/patterns.yaml) with an owner who can speak and a
    that-clause of its own is the owner's statement; the clause is what was said."""
    drafts = []
    for match in matches("nominal statements", doc, sent, lex):
        noun, source, clause = match["cue"], match["source"], match["clause"]
        if not can_speak(source, lex):
            continue
        owner = [t for t in source.subtree if t.dep_ != "case"]
        mention = trim(doc, owner[0].i, owner[-1].i + 1)
        content = trim(doc, match["mark"].i, clause.right_edge.i + 1)
        if mention is None or content is None:
            continue
        drafts.append(Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(noun.idx, noun.idx + len(noun)), subject=source, mention=mention, content=[content],
            confidence=0.6, depth=clause_depth(noun),
        ))
    return drafts

