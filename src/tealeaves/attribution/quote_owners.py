"""Who owns each quotation: the statement of its sentence or a neighbour's, or nobody
(titles and scare quotes)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.draft import Draft
from tealeaves.attribution.speaker import mention_span
from tealeaves.nlp.quotes import QuoteSpan
from tealeaves.nlp.text import doc_text, paragraph_of
from tealeaves.words import word_list


def attach_quotes(doc: Doc, sentences: list[TokenSpan], quotes: list[QuoteSpan], drafts: list[Draft], starts: list[int]) -> None:
    """Give every quote to the statement that owns it; leave scare quotes alone."""
    orphans = []
    text = doc_text(doc)
    near = _Reach(drafts)
    for quote in quotes:
        if _is_scare_quote(text, quote) or _is_title(text, quote):
            continue
        start, end = min(quote.mark_start, quote.start), max(quote.mark_end, quote.end)
        owner = _owner_in_sentence(quote, near(start, end + _separators_after(text, quote.mark_end)), doc)
        if owner is not None:
            owner.quotes.append(quote)
        else:
            orphans.append(quote)
    for quote in orphans:
        if not _looks_like_utterance(text, sentences, quote):
            continue
        owner = _neighbour_owner(quote, drafts, doc, starts)
        if owner is not None:
            owner.quotes.append(quote)
            owner.quotes.sort(key=lambda q: q.start)
            continue
        # A quote with no cue anywhere near: keep it, speaker unknown or the last speaker's
        # (the resolver drops the last speaker when the narration names someone else between).
        paragraph = paragraph_of(quote.start, starts)
        previous = sorted((d for d in drafts if d.end <= quote.mark_start and d.cue_sense == "speech"),
                          key=lambda d: (d.end, d.start))  # the nearest before, not the last appended
        continues = previous and (previous[-1].paragraph == paragraph or (
            paragraph - previous[-1].paragraph <= CONTINUATION_REACH  # a quote paragraph, not words
            and not text[starts[paragraph] : quote.mark_start].strip()))  # quoted inside narration
        subject = _subject_before_mark(doc, quote)
        draft = Draft(
            start=quote.mark_start,
            end=quote.mark_end,
            sent_index=-1,
            paragraph=paragraph,
            subject=subject,
            mention=mention_span(doc, subject) if subject is not None else None,
            quotes=[quote],
            inherit_from=_reported_not_channel(previous) if continues and subject is None else None,
            confidence=0.4,
        )
        drafts.append(draft)
    drafts.sort(key=lambda d: (d.start, d.end))


def _subject_before_mark(doc: Doc, quote: QuoteSpan) -> Optional[Token]:
    """'Party chief Ana Ruiz “held a call with the mayor and …': words quoted from the verb on
    are the words of the subject right before the mark, a name or a role that can speak."""
    mark = doc.char_span(quote.mark_start, quote.mark_start + 1, alignment_mode="expand")
    if mark is None or mark.start == 0 or mark.end >= len(doc):
        return None
    subject, verb = doc[mark.start - 1], doc[mark.end]
    return subject if subject.dep_ == "nsubj" and subject.head.i == verb.i and verb.pos_ in ("VERB", "AUX") \
        and subject.pos_ in ("PROPN", "NOUN") else None


def _reported_not_channel(previous: list[Draft]) -> Draft:
    """The statement a cue-less quote paragraph continues: the last one before it, or, when that
    sentence reports another's statement ("Roe denied it, the Planet reported"), the statement
    reported, not the channel reporting it."""
    last = previous[-1]
    same = [d for d in previous if d.sent_index == last.sent_index and d.sent_index >= 0 and d.cue is not None]
    reported = [d for d in same if any(o is not d and o.covers(*d.cue) for o in same)]  # type: ignore[misc]
    return reported[-1] if reported else last


class _Reach:
    """Drafts by the stretch of text each reaches (its own span and its content's), to ask which
    reach into a stretch: a quote looks only at the drafts near it (every draft for every quote
    made attribution quadratic in a document's length)."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = drafts
        self.reach = [(min([d.start, *(s for s, _ in d.content)]), max([d.end, *(e for _, e in d.content)]))
                      for d in drafts]
        self.by_start = sorted(range(len(drafts)), key=lambda n: self.reach[n][0])
        self.starts = [self.reach[n][0] for n in self.by_start]
        self.longest = max((end - start for start, end in self.reach), default=0)

    def __call__(self, start: int, end: int) -> list[Draft]:
        """The drafts, in list order, whose stretch meets ``start``..``end`` (ends included)."""
        first, last = bisect_left(self.starts, start - self.longest), bisect_right(self.starts, end)
        return [self.drafts[n] for n in sorted(self.by_start[first:last]) if self.reach[n][1] >= start]


def _separators_after(text: str, at: int) -> int:
    """How many spaces and commas follow ``at``: a cue after them may own the quote before."""
    end = at
    while end < len(text) and text[end] in " ,":
        end += 1
    return end - at


# How many paragraphs back a cue-less quote paragraph may find the speaker it continues.
CONTINUATION_REACH = 3

SCARE_MARKERS = word_list("scare_markers")

TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is"}


def _is_title(text: str, quote: QuoteSpan) -> bool:
    """'on Channel 9's “Morning Report,”', 'the anthem “A Change Is Near”': a few words in title
    case name a show, a song or a book; nobody says them here."""
    inner = text[quote.start : quote.end].strip(" ,.;:")
    if any(mark in inner for mark in "!?") or ". " in inner:
        return False  # "What a Night!", "USA! USA!": a cry, not a name
    words = inner.split()
    if not 2 <= len(words) <= 8:
        return False
    return sum(w[0].isupper() for w in words) >= 2 and share_capitalised(words) == 1.0


def share_capitalised(words: list[str]) -> float:
    """Of the words that are not small words ("of", "the"), the share that open with a capital
    (1.0 when there are none): how far a run of words is in title case."""
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return sum(w[0].isupper() for w in content) / len(content) if content else 1.0


def _is_scare_quote(text: str, quote: QuoteSpan) -> bool:
    """A term the writer holds at arm's length ('the so-called “buffer zone”'), not words said."""
    before = text[max(0, quote.mark_start - 20) : quote.mark_start].lower().rstrip()
    return len(text[quote.start : quote.end].split()) <= 4 and before.endswith(SCARE_MARKERS)


def _owner_in_sentence(quote: QuoteSpan, drafts: list[Draft], doc: Doc) -> Optional[Draft]:
    """The statement whose content holds the quote, or the one cue of its sentence."""
    text = doc_text(doc)
    signed = [d for d in drafts if not d.content and not d.quotes and d.cue_sense == "speech" and d.subject is not None
              and quote.mark_end <= d.start and text[quote.mark_end : d.start].strip(" ,") == "" and _lone_cue(text, d)]
    if signed:
        return signed[0]  # '“… our town?” Vos said.' split off as a sentence of its own
    holders = [d for d in drafts if any(s <= quote.end and quote.start <= e for s, e in d.content)]
    if holders:
        # the innermost speech statement wins: "X said Y warned “…”" belongs to Y
        holders.sort(key=lambda d: (d.cue_sense != "speech", sum(e - s for s, e in d.content)))
        return holders[0]
    same_sentence = [d for d in drafts if d.start <= quote.mark_start < d.end or d.start < quote.mark_end <= d.end]
    same_sentence = [d for d in same_sentence if d.cue_sense == "speech"]
    if not same_sentence:
        return None
    nearest = min(same_sentence, key=lambda d: _cue_distance(d, quote))
    if all(not d.content or not _content_is_clause(d) for d in same_sentence):
        return nearest  # "a vendor asked for a receipt and Ms. Lee said, “…”": the cue next to the quote
    if nearest.cue and (nearest.cue[0] >= quote.mark_end or nearest.cue[1] <= quote.mark_start):
        between = text[min(nearest.cue[1], quote.mark_end) : max(nearest.cue[0], quote.mark_start)]
        if len(between) < 80:
            return nearest
    return None


def _cue_distance(draft: Draft, quote: QuoteSpan) -> int:
    """Characters between a statement's cue and a quote (cue-less statements are farthest)."""
    if draft.cue is None:
        return 10**9
    return min(abs(draft.cue[0] - quote.mark_end), abs(draft.cue[1] - quote.mark_start))


def _lone_cue(text: str, draft: Draft) -> bool:
    """'Vos said.' or 'Vos said on Friday in Oslo.': nothing after the cue opens words of its
    own ("The leaflet goes on to say: “…”" does)."""
    return not any(mark in text[draft.cue[1] : draft.end] for mark in ':“"')


def _content_is_clause(draft: Draft) -> bool:
    return bool(draft.content) and any(e - s > 40 for s, e in draft.content)


def _looks_like_utterance(text: str, sentences: list[TokenSpan], quote: QuoteSpan) -> bool:
    """A quote is someone's words when it fills most of its sentence or runs over several."""
    inner = text[quote.start : quote.end]
    if len(inner.split()) >= 8 or not quote.closed:
        return True
    touching = [s for s in sentences if s.start_char < quote.mark_end and quote.mark_start < s.end_char]
    sentence_chars = sum(len(s.text.strip()) for s in touching) or 1
    return len(inner) / sentence_chars >= 0.6 and len(inner.split()) >= 3


def _neighbour_owner(quote: QuoteSpan, drafts: list[Draft], doc: Doc, starts: list[int]) -> Optional[Draft]:
    """The statement a cue-less quote continues: same paragraph first, previous one if it runs on."""
    paragraph = paragraph_of(quote.start, starts)
    with_quotes = [d for d in drafts if d.quotes and d.cue_sense == "speech"]
    before = [d for d in with_quotes if d.end <= quote.mark_start and d.paragraph == paragraph]
    if before:
        return before[-1]
    if quote.continues:
        previous = [d for d in with_quotes if d.end <= quote.mark_start and d.paragraph == paragraph - 1]
        if previous:
            return previous[-1]
    text = doc_text(doc)
    bare = [d for d in drafts if not d.quotes and not d.content and d.cue and d.cue_sense == "speech"]
    for draft in bare:
        start = draft.mention[0] if draft.mention else draft.cue[0]
        if (start >= quote.mark_end and text[quote.mark_end : start].strip(" ,\n") == "" and _lone_cue(text, draft)
                and paragraph_of(start, starts) == paragraph):  # not "Roe disagreed." opening the next one
            return draft  # '“…” Jane Roe, an analyst, said in an interview.'
        if draft.cue[1] <= quote.mark_start and _introduces(text[draft.cue[1] : quote.mark_start]):
            return draft  # 'The Times reports:' and the quote after it
    after = [d for d in with_quotes if d.start >= quote.mark_end and d.paragraph == paragraph]
    if after and not doc_text(doc)[quote.mark_end : after[0].quotes[0].mark_start].strip(" ,.\n").count("“") and _only_quotes_between(doc_text(doc), quote.mark_end, after[0].quotes[0].mark_start):
        return after[0]
    return None


def _introduces(between: str) -> bool:
    """The words between a cue and a quote make the cue introduce it: a colon and a few words
    ("reports:", "wrote in a statement:"), no other quote."""
    return ":" in between and len(between) < 80 and not any(mark in between for mark in '“”"')


def _only_quotes_between(text: str, start: int, end: int) -> bool:
    return text[start:end].strip(" ,.\n\t") == ""
