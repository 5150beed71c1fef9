"""Statements a line's layout introduces: a colon after a speaker or a name line, and a
signature dash after a quote."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.datelines import SPEAKER_LABELS
from tealeaves.attribution.draft import Draft, clause_depth, token_at, trim
from tealeaves.attribution.speaker import FINITE_TAGS, QUOTE_MARKS, SUBJECT_DEPS, can_speak, mention_span
from tealeaves.lexicon import Lexicon, normalize
from tealeaves.nlp.quotes import QuoteSpan
from tealeaves.nlp.text import doc_text, paragraph_of
from tealeaves.words import word_set


def colon_drafts(doc: Doc, sentences: list[TokenSpan], quotes: list[QuoteSpan], drafts: list[Draft], starts: list[int]) -> list[Draft]:
    """'The minister was blunt: “…”' — a colon or dash before a quote introduces it."""
    found = []
    text = doc_text(doc)
    for quote in quotes:
        before = text[: quote.mark_start].rstrip()
        if not before or before[-1] not in ":—–":
            continue
        mark = len(before) - 1
        if any(other.mark_start < mark < other.mark_end for other in quotes):
            continue  # a colon inside someone's quoted words introduces nothing of the writer's
        if any(d.cue and d.cue[0] <= mark <= d.end and d.subject is not None for d in drafts if d.start <= mark < d.end):
            continue  # 'He said: “…”' — the verb is the cue already
        sent_index = next((i for i, s in enumerate(sentences) if s.start_char <= mark < s.end_char), None)
        if sent_index is None:
            continue
        sent = sentences[sent_index]
        mark_token = token_at(doc, mark)
        subjects = [t for t in sent if t.i < mark_token and t.dep_ in SUBJECT_DEPS and t.head.i < mark_token]
        subjects = [t for t in subjects if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if not subjects:
            continue
        subject = min(subjects, key=lambda t: (clause_depth(t.head), t.i))
        found.append(
            Draft(
                start=sent.start_char,
                end=quote.mark_end,
                sent_index=sent_index,
                paragraph=paragraph_of(sent.start_char, starts),
                cue=(mark, mark + 1),
                subject=subject,
                mention=mention_span(doc, subject),
                confidence=0.75,
            )
        )
    return found


def name_colon_drafts(doc: Doc, sentences: list[TokenSpan], drafts: list[Draft], starts: list[int],
                       lex: Lexicon) -> list[Draft]:
    """'Senator Jane Roe: Tariffs Will Hurt Farmers' — a line that opens with a speaker's name
    and a colon gives that speaker the clause after it (headlines, transcripts)."""
    taken = {d.cue[0] for d in drafts if d.cue}
    found = []
    for s_index, sent in enumerate(sentences):
        for colon in sent:
            if colon.text != ":" or colon.idx in taken:
                continue
            name = _line_opening_name(doc, colon, lex)
            content = _line_clause_after(doc, colon)
            if name is None or content is None:
                continue
            found.append(Draft(
                start=doc[name[0]].idx, end=content[1], sent_index=s_index,
                paragraph=paragraph_of(colon.idx, starts), cue=(colon.idx, colon.idx + 1),
                subject=doc[name[1] - 1], mention=(doc[name[0]].idx, colon.idx), content=[content],
                confidence=0.7,
            ))
    return found


NAME_LINE_MAX_TOKENS = 4

LINE_LABELS = word_set("line_labels")
HEADLINE_LINKS = word_set("headline_links")


def _line_opening_name(doc: Doc, colon: Token, lex: Lexicon) -> Optional[tuple[int, int]]:
    """Token range of a name that alone fills the line before ``colon``, or None."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, colon.idx) + 1
    tokens = [t for t in doc[max(0, colon.i - NAME_LINE_MAX_TOKENS - 1) : colon.i] if t.idx >= line_start]
    if not tokens or text[line_start : tokens[0].idx].strip():
        return None  # more words on the line than a name
    words = [t for t in tokens if not t.is_punct]
    if not words or any(t.lower_ in LINE_LABELS for t in words):
        return None
    if any(t.lower_ in HEADLINE_LINKS and t.text[:1].isupper() for t in words[1:]):
        return None  # a headline's phrase ("Storm Over Harbour:"), not a name
    name = " ".join(t.text for t in words)
    shouted = all(t.text.isupper() and len(t.text) > 1 for t in words)
    quoted_line = tokens[0].text in QUOTE_MARKS  # '"HOST: ...': a transcript's turn, not a section label
    if shouted and not (quoted_line or lex.known_actor(name) or normalize(name) in lex.side_names
                        or _names_a_person(doc, words, lex)):
        return None  # a section label ("ENERGY:") or a dateline ("CARACAS:"), not "NATO:" or "ROE:"
    places = [t for t in words if t.text != "/"]
    if len(places) <= 2 and (len(places) == 2 or places[0].ent_type_ == "GPE") and all(
            normalize(t.text) in lex.seats for t in places):
        return None  # a dateline ("Washington:", "Madrid/Lisbon:")
    if _dateline_after_headline(doc, colon, text[:line_start], places, lex):
        return None  # "Toronto: Canada has expelled …" opening the story under its headline
    tokens = tokens[tokens.index(words[0]) :]  # not the quotation mark opening a transcript line
    if not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.text[:1].isupper() and t.pos_ != "VERB" for t in words):
        return None
    if not (words[-1].pos_ in ("PROPN", "NOUN") or can_speak(words[-1], lex)):
        return None
    return tokens[0].i, tokens[-1].i + 1


def _dateline_after_headline(doc: Doc, colon: Token, before: str, words: list[Token], lex: Lexicon) -> bool:
    """Whether the one word before a colon opening the story's first paragraph under its
    headline is a dateline: no name the parser, the lexicon or the first-name list says may
    speak, and a sentence after the colon that names its own subject ("Toronto: Canada has
    expelled …", not "Russia: …" nor "Ana: …")."""
    if len([line for line in before.splitlines() if line.strip()]) != 1 or len(words) != 1:
        return False
    word = words[0]
    if word.ent_type_ in SPEAKER_LABELS or word.lower_ in lex.genders["first_names"] or (
            normalize(word.text) in lex.side_names or lex.known_actor(word.text)):
        return False
    line_end = doc_text(doc).find("\n", colon.idx)
    after = [t for t in doc[colon.i + 1 :] if line_end == -1 or t.idx < line_end]
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN") and t.head.pos_ in ("VERB", "AUX")
               for t in after[:40])


SHOUTED_LINE_NAME = re.compile(r"(?m)^\W*([A-Z][A-Z.'’ -]*[A-Z])\s*:")


def _names_a_person(doc: Doc, words: list[Token], lex: Lexicon) -> bool:
    """Whether a capitalised line name is a person (a transcript's "ROE:", "JANE ROE:"): the
    parser or the first-name list says so, the text names the person elsewhere, or the name
    takes more than one turn (a section label stands once)."""
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e}
    turns = [name.split()[-1] for name in SHOUTED_LINE_NAME.findall(doc_text(doc))]
    return (any(w.ent_type_ == "PERSON" or w.lower_ in people for w in words)
            or (len(words) > 1 and words[0].lower_ in lex.genders["first_names"])
            or turns.count(words[-1].text) > 1)


def _line_clause_after(doc: Doc, colon: Token) -> Optional[tuple[int, int]]:
    """Character range of the clause after a line-opening colon, up to the line's end."""
    text = doc_text(doc)
    line_end = text.find("\n", colon.idx)
    line_end = len(text) if line_end == -1 else line_end
    after = []
    for token in doc[colon.i + 1 :]:
        if token.idx >= line_end:
            break
        after.append(token)
    if not after or after[0].like_num or not (any(t.pos_ in ("VERB", "AUX") for t in after) or _headline_clause(after)):
        return None
    return trim(doc, after[0].i, after[-1].i + 1)


def _headline_clause(words: list[Token]) -> bool:
    """'Poll: Farmers Back Dam Plan' — a headline in title case, whose verb the parser reads as a
    name: a few words, and not a list ("Iowa: Ann Berg, Tom Lutz, Rob Orr")."""
    return sum(not t.is_punct for t in words) >= 3 and sum(t.text == "," for t in words) < 2


SIGNATURE_DASH = re.compile(r"[^\S\n]*(―|—|–|--)[^\S\n]*")  # spaces, tabs, no-break spaces: not a new line

SIGNATURE_MAX_TOKENS = 16


def signature_drafts(doc: Doc, quotes: list[QuoteSpan], starts: list[int]) -> list[Draft]:
    """'“Nobody trusts the dam plan.” ― Ana Ruiz, a nurse': a quote signed after a dash
    by a name that ends the line (readers' voices, epigraphs, pull quotes)."""
    text = doc_text(doc)
    found = []
    for quote in quotes:
        dash = SIGNATURE_DASH.match(text, quote.mark_end)
        if dash is None:
            continue
        line_end = text.find("\n", dash.end())
        line_end = len(text) if line_end == -1 else line_end
        first = token_at(doc, dash.end())
        line = [t for t in doc[first : first + SIGNATURE_MAX_TOKENS + 1] if t.idx < line_end]
        if not line or len(line) > SIGNATURE_MAX_TOKENS or any(t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE_TAGS for t in line):
            continue
        name = []
        for token in line:
            if token.text in (",", ".", ";", "(") or not token.text[:1].isupper():
                break
            name.append(token)
        if not name or len(name) > 5 or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in name):
            continue
        found.append(Draft(
            start=quote.mark_start, end=name[-1].idx + len(name[-1]), sent_index=-1,
            paragraph=paragraph_of(quote.start, starts), cue=dash.span(1),
            subject=name[-1], mention=(name[0].idx, name[-1].idx + len(name[-1])), quotes=[quote], confidence=0.75,
        ))
    return found
