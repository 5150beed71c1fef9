"""Headline cues with no subject of their own: "Minister says talks will resume"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import Draft, trim
from tealeaves.attribution.quote_owners import TITLE_SMALL_WORDS, share_capitalised
from tealeaves.lexicon import Lexicon

# Speech cues whose "-s" form is more often a plural noun in a headline ("Gulf States Meet",
# "Port Attacks Rise", "Dock Rules Change").
HEADLINE_PLURALS = {"states", "rules", "attacks", "appeals", "lists", "posts", "reports", "claims", "notes",
                    "answers", "comments", "replies", "questions", "plans", "orders"}

WH_WORDS = {"why", "how", "what", "who", "when", "where", "which", "whether"}


def headline_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """'Mayor Ruiz Slams Port Plan', 'Fees Are Too High, Mayor Ruiz Tells Council': in a
    headline in title case the parser reads the verb as a name; a word that is a speech cue
    with its third-person "-s", after a name, is the cue all the same."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or words[0].lower_ in WH_WORDS or share_capitalised([t.text for t in words]) < 0.9:
        return []
    for cue in words[1:]:
        if _headline_cue_sense(cue.lower_, lex) != "speech":
            continue
        start = cue.i
        while start > sent.start and (doc[start - 1].is_alpha and doc[start - 1].text[0].isupper()
                                      and doc[start - 1].lower_ not in TITLE_SMALL_WORDS
                                      or doc[start - 1].text in ("’s", "'s", ".")):
            start -= 1
        if start == cue.i:
            return []
        after, before = trim(doc, cue.i + 1, sent.end), trim(doc, sent.start, start)
        trailing = before is not None and doc[start - 1].text in (",", "’", "”", '"')  # "…, Mayor Ruiz Tells Council"
        content = before if trailing and (after is None or cue.lower_ == "tells") else after
        if content is None:
            return []
        return [Draft(
            start=sent.start_char, end=sent.end_char, sent_index=s_index, paragraph=paragraph,
            cue=(cue.idx, cue.idx + len(cue)), subject=doc[cue.i - 1], mention=(doc[start].idx, cue.idx - 1),
            content=[content], confidence=0.6,
        )]
    return []


def _headline_cue_sense(word: str, lex: Lexicon) -> Optional[str]:
    """The sense of 'slams', 'denies', 'urges' read as the cue verb it inflects, or None."""
    if not word.endswith("s") or word in HEADLINE_PLURALS:
        return None
    stems = [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return next((lex.cue_senses[stem] for stem in stems if stem in lex.cue_senses), None)
