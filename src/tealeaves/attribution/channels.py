"""News agencies and outlets as channels (issue 20): an agency that carries, relays or reports
someone's words, or is told them, is no speaker of them ("“…,” Roe said, the Coast Wire
reported"; "Roe said …, according to the agency"). It speaks only in its own voice: a report
with no other speaker's statement inside it or beside it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from tealeaves.attribution.draft import TRIM_CHARS, Draft, token_at
from tealeaves.attribution.speaker import QUOTING_VERBS, can_speak, mention_span
from tealeaves.lexicon import KnownActor, Lexicon
from tealeaves.nlp.quotes import QuoteSpan
from tealeaves.nlp.text import doc_text
from tealeaves.words import word_list

CHANNEL_WORDS = word_list("news_channel_words")
REPORTED_DEPS = ("ccomp", "parataxis")  # a reported clause, or a reporting one set beside it


def is_news_channel(name: str, lex: Lexicon) -> bool:
    """Whether a mention names a news agency or outlet: a word of news_channel_words ("the state
    news agency", "agencies in Moscow"), a news outlet of the known actors ("AFP", "Interfax"),
    or a proper name with a word of the press in it ("The Daily Ledger", "Radio Nord"; a
    capitalised "Agency" may be a state's)."""
    words = re.sub(r"[^\w\s-]", " ", name).split()
    lowered = f" {' '.join(words).lower()} "
    if any(f" {w} " in lowered for w in CHANNEL_WORDS) or _outlet_names(lex.known_actors).search(f" {' '.join(words)} "):
        return True
    proper = [w.lower() for w in words if w[:1].isupper()]
    return len(proper) > 1 and any(w in lex.journalist_context and w != "agency" for w in proper)


def reported_by_channel(cue: Token, lex: Lexicon) -> bool:
    """Whether a cue verb heads the clause a news channel reports ("the Coast Wire reports the
    minister condemned the drills"): the words are the minister's, however deep the clause."""
    head = cue.head
    if cue.dep_ != "ccomp" or head.i >= cue.i or lex.cue_senses.get(head.lemma_.lower()) != "speech":
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subject is not None and is_news_channel(cue.doc[subject.left_edge.i : subject.right_edge.i + 1].text, lex)


@lru_cache(maxsize=8)
def _outlet_names(actors: tuple[KnownActor, ...]) -> re.Pattern[str]:
    """The names and aliases of the known news outlets, as one pattern: the short ones ("AP",
    "RT") as written, the others in any case."""
    names = {n for a in actors if a.kind == "journalist" for n in (a.name, *a.aliases)}
    short = sorted((re.escape(n) for n in names if len(n) <= 4), key=len, reverse=True)
    long = sorted((re.escape(n) for n in names if len(n) > 4), key=len, reverse=True)
    return re.compile(rf"\s(?:(?:{'|'.join(short)})|(?i:{'|'.join(long)}))\s")


def drop_channel_reports(doc: Doc, drafts: list[Draft], quotes: list[QuoteSpan], lex: Lexicon) -> list[Draft]:
    """Drop a news channel's statement that reports another speaker's in its paragraph (the
    other's cue inside its words, the two sharing words, or its own cue inside the other's
    words; one quotation their words share, one cue the other's reporting verb), and cut the
    channel's clause out of the speaker's words; a report citing a source is the source's."""
    text = doc_text(doc)
    channels = [d for d in drafts if d.mention is not None and is_news_channel(text[d.mention[0] : d.mention[1]], lex)]
    dropped = [citing for channel in channels if (citing := _give_to_cited(doc, channel, drafts, lex)) is not None]
    channels = [d for d in drafts if d.mention is not None and (
        is_news_channel(text[d.mention[0] : d.mention[1]], lex) or _relays_a_statement(d, drafts, lex))]
    for channel in channels:
        reported = [d for d in drafts if d is not channel and d.paragraph == channel.paragraph
                    and d.mention is not None and d.cue is not None and not any(d is c for c in channels)
                    and _reports(doc, channel, d, quotes)]
        if reported or _reports_a_deed(doc, channel, lex):
            dropped.append(channel)
        for speaker in reported:
            speaker.content = _without(text, speaker, channel)
    kept = [d for d in drafts if not any(d is c for c in dropped)]
    for draft in kept:
        draft.content = [_before_channel_phrase(doc, span, lex) for span in draft.content
                         if not _channel_clause(doc, span, lex)]
    return kept


def _reports_a_deed(doc: Doc, channel: Draft, lex: Lexicon) -> bool:
    """'Ostmark's army shelled the town, the Coast Wire reported': a channel's report set after
    what a party did is that party's deed, carried; the channel says nothing of its own."""
    if channel.cue is None:
        return False
    cue = doc[token_at(doc, channel.cue[0])]
    clauses = [c for c in cue.children if c.dep_ in REPORTED_DEPS and c.i < cue.i]  # the report set after it
    if cue.dep_ in REPORTED_DEPS and cue.head.i < cue.i:
        clauses.append(cue.head)
    return any(subject.dep_ == "nsubj" and subject.i != (channel.subject.i if channel.subject is not None else -1)
               and subject.pos_ != "PRON" and can_speak(subject, lex) and clause.tag_ in ("VBD", "VBZ", "VBP")
               for clause in clauses for subject in clause.children)


def _relays_a_statement(draft: Draft, drafts: list[Draft], lex: Lexicon) -> bool:
    """'X, a minister, called the plan offensive, reports the Daily Nacion': a report named
    after the words it carries, whose words hold a named person's whole statement (speaker
    and cue), by a body with a proper name that is no person or state, is a channel's relay of
    that statement, whatever the channel's name."""
    subject = draft.subject
    if subject is None or draft.cue is None or not draft.content or subject.pos_ != "PROPN" \
            or subject.ent_type_ in ("PERSON", "GPE", "NORP") or lex.role_in(subject.text) is not None:
        return False
    doc = subject.doc
    cue = doc[token_at(doc, draft.cue[0])]
    if draft.cue[0] < min(s for s, _ in draft.content) or cue.pos_ != "VERB" or cue.dep_ == "prep":
        return False  # not "…, according to the Ledger" (a channel named as one, see is_news_channel)
    return any(other is not draft and other.subject is not None and other.subject.ent_type_ == "PERSON"
               and other.subject.lower_ != subject.lower_  # not "“…,” said Roe" after "Jane Roe said …"
               and other.mention is not None and other.cue is not None
               and draft.covers(*other.mention) and draft.covers(*other.cue) for other in drafts)


def _before_channel_phrase(doc: Doc, span: tuple[int, int], lex: Lexicon) -> tuple[int, int]:
    """A span of words less a phrase or clause at its end that names the channel they came
    through ("…, in comments carried by the Coast Wire", "…, in an interview with Interfax",
    "…, the Coast Wire reports")."""
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None:
        return span
    for token in tokens[1:]:
        if doc[token.i - 1].text != ",":
            continue
        if token.dep_ == "prep" and token.right_edge.i >= tokens.end - 1 \
                and is_news_channel(doc[token.i : token.right_edge.i + 1].text, lex) \
                or _channel_clause(doc, (token.idx, span[1]), lex):
            text = doc_text(doc)
            return span[0], span[0] + len(text[span[0] : token.idx].rstrip(TRIM_CHARS))
    return span


def _channel_clause(doc: Doc, span: tuple[int, int], lex: Lexicon) -> bool:
    """Whether a span of words is a channel's clause alone ("the Coast Wire reported", "Interfax
    reported on Sunday"), left beside the words it carries."""
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None:
        return False
    verb = tokens.root
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i >= tokens.start]
    if verb.pos_ != "VERB" or len(subjects) != 1 or verb.i < subjects[0].i:
        return False
    subject = doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1]
    rest = [t for t in tokens if t.i not in range(subject.start, subject.end) and t.i != verb.i]
    return is_news_channel(subject.text, lex) and all(
        t.is_punct or t.pos_ in ("ADV", "ADP", "NUM", "DET") or t.ent_type_ in ("DATE", "TIME") for t in rest)


def _give_to_cited(doc: Doc, channel: Draft, drafts: list[Draft], lex: Lexicon) -> Optional[Draft]:
    """'Fighting resumed, the Coast Wire reported, citing the defence ministry': the channel's
    report is the cited source's statement, less the citing phrase. Returns the citing
    participle's own draft (the channel citing), to drop, or None."""
    if channel.subject is None or channel.cue is None:
        return None
    for citing in drafts:
        if citing is channel or citing.cue is None or citing.subject is None or citing.subject.i != channel.subject.i:
            continue
        participle = doc[token_at(doc, citing.cue[0])]
        if participle.tag_ != "VBG" or participle.lemma_.lower() not in QUOTING_VERBS:
            continue
        cited = next((c for c in participle.children if c.dep_ == "dobj" and can_speak(c, lex)), None)
        if cited is not None:
            phrase = doc[participle.left_edge.i : participle.right_edge.i + 1]
            channel.subject, channel.mention = cited, mention_span(doc, cited)
            channel.content = [kept for s, e in channel.content
                               for piece in ((s, min(e, phrase.start_char)), (max(s, phrase.end_char), e))
                               if (kept := _trimmed(doc_text(doc), piece)) is not None]
            return citing
    return None


def _trimmed(text: str, span: tuple[int, int]) -> Optional[tuple[int, int]]:
    """A span without punctuation or spaces at either end, or None if nothing is left."""
    piece = text[span[0] : span[1]]
    stripped = piece.strip(TRIM_CHARS)
    return (span[0] + piece.index(stripped), span[0] + piece.index(stripped) + len(stripped)) if stripped else None


def _reports(doc: Doc, channel: Draft, speaker: Draft, quotes: list[QuoteSpan]) -> bool:
    """Whether a channel's draft carries a speaker's: the speaker's cue inside the channel's
    words, the two sharing words or one quotation ('He added, "A. B," according to the Wire'),
    the channel's cue inside the speaker's words, or either cue the reporting verb of the
    other's clause ("X said A, the Wire reports citing the Ledger"; not "A, but the Wire
    understands B")."""
    assert speaker.cue is not None
    if channel.covers(*speaker.cue):
        return True
    if any(s < e2 and s2 < e for s, e in channel.content for s2, e2 in speaker.content):
        return True
    if any(any(_inside(q, a) for a in channel.content) and any(_inside(q, b) for b in speaker.content) for q in quotes):
        return True
    if channel.cue is None:
        return False
    if speaker.covers(*channel.cue):
        return True
    ours, theirs = doc[token_at(doc, channel.cue[0])], doc[token_at(doc, speaker.cue[0])]
    return any(a.head == b and a.dep_ in REPORTED_DEPS for a, b in ((ours, theirs), (theirs, ours)))


def _inside(quote: QuoteSpan, span: tuple[int, int]) -> bool:
    """Whether a span of words lies within a quotation (marks included)."""
    return quote.mark_start <= span[0] and span[1] <= quote.mark_end


def _without(text: str, speaker: Draft, channel: Draft) -> list[tuple[int, int]]:
    """A speaker's content spans, each ended where the channel's clause (its mention to its
    cue) begins inside it: '… are illegal, the Coast Wire reported' → '… are illegal'; a span
    that is the channel's clause alone, or opens with it after the speaker's cue ('A, X said,
    the Wire reports citing the Ledger'), goes."""
    assert channel.mention is not None and speaker.cue is not None
    starts = [channel.mention[0]] + ([channel.cue[0]] if channel.cue is not None else [])
    start = min(starts + ([channel.subject.left_edge.idx] if channel.subject is not None else []))
    end = channel.cue[1] if channel.cue is not None else channel.mention[1]
    kept = []
    for s, e in speaker.content:
        if start <= s and e <= max(end, channel.mention[1]) or s == start and speaker.cue[1] <= start:
            continue  # the channel's clause alone: "…,” Roe said, the Wire reported"
        if s < start < e:
            e = s + len(text[s:start].rstrip(TRIM_CHARS))
        if e > s:
            kept.append((s, e))
    return kept
