"""Wire datelines ("ODESSA (Wire) -", "Lisbon, Portugal –") that open a line: where a story
was filed, never who speaks. The parser hangs them on the sentence's subject, so a speaker
mention would take the place ("Lisbon") or begin with it ("ODESSA (Wire) - Ruritania")."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from tealeaves.nlp.text import doc_text

# One to four place words (capitalised, joined by a space, a slash or a hyphen), an optional
# ", Region", an optional wire name in brackets, then a dash with a space after it.
DATELINE = re.compile(r"[A-Z][\w'’.]*(?:[ /-][A-Z][\w'’.]*){0,3}(?:, ?[A-Z][\w'’.]*(?: [A-Z][\w'’.]*){0,2})?"
                      r"\s*(?P<wire>\([^)\n]{1,30}\)\s*)?(?:—|–|--|-)\s+")
PLACE_LABELS = ("GPE", "LOC", "FAC")
SPEAKER_LABELS = ("ORG", "PERSON", "NORP")  # "NATO – the alliance …": a name in capitals that speaks


def dateline_end(doc: Doc, token: Token) -> Optional[int]:
    """Character offset where the dateline opening ``token``'s line ends, or None when the line
    opens with none. The first word must be a place to the parser or written in capitals (and
    not a name that speaks, unless a wire's name in brackets follows), so a line opening "Ana
    Ruiz – the minister – said" or "NATO – the alliance – said" keeps its speaker."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, token.idx) + 1
    match = DATELINE.match(text, line_start)
    if match is None:
        return None
    first = doc.char_span(line_start, line_start + 1, alignment_mode="expand")
    if first is None:
        return None
    word = first[0]
    shouted = word.is_upper and len(word) > 2 and (match["wire"] or word.ent_type_ not in SPEAKER_LABELS)
    if not (word.ent_type_ in PLACE_LABELS or shouted):
        return None
    return match.end()


