"""Passes over all drafts of a document: chains of cues, nested beliefs, drafts inside
quotes, the next speaker's sentence, and tidying content (colons, quoted pieces,
listeners and venues, joined halves)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Optional

from spacy.tokens import Doc

from tealeaves.attribution.datelines import dateline_end
from tealeaves.attribution.draft import TRIM_CHARS, Draft, token_at
from tealeaves.attribution.speaker import ISSUED_DOCUMENTS, mention_span, trailing_participle, word_before_adverbs
from tealeaves.nlp.quotes import QuoteSpan
from tealeaves.nlp.text import doc_text
from tealeaves.words import word_list, word_set


def start_content_at_colon(text: str, draft: Draft) -> None:
    """'told parliament: “…”' — what was said starts after the colon."""
    if not draft.quotes or not draft.content:
        return
    start, end = draft.content[0]
    first = draft.quotes[0]
    colon = text.rfind(":", start, first.mark_start)
    if start <= colon and text[colon + 1 : first.mark_start].strip() == "":
        draft.content[0] = (first.mark_start, max(end, first.mark_end))


def add_quoted_pieces(draft: Draft) -> None:
    """'“A,” she said. “B.”' — every quoted piece outside the content found so far is content
    too, so a quote interrupted by its cue or carried on after it is said in full."""
    if not draft.content:
        return
    for quote in draft.quotes:
        # a piece inside the quote is the quote's last sentence ("“A. B,” she said"): take it all
        # (unless the cue is in the quote too: '"WALLACE: Let's start ...' is a transcript line);
        # a piece that is the quote with its marks ('Ana Ruiz: “…”', or its opening mark alone) is the quote's words
        if draft.cue is None or not quote.mark_start <= draft.cue[0] < quote.mark_end:
            draft.content[:] = [(s, e) for s, e in draft.content if not quote.mark_start <= s < e <= quote.mark_end]
        if not any(s < quote.end and quote.start < e for s, e in draft.content):
            draft.content.append((quote.start, quote.end))
    draft.content.sort()


def drop_listeners_and_venues(doc: Doc, draft: Draft) -> None:
    """'“…,” she told the Courier' / 'said of the result': beside a quote, a verbless phrase
    outside it is who heard the words or what they were about, not what was said (unless it
    runs into the quote: 'described the outbreak as “contained”', or comes before the cue:
    'The levy, she said, is “a tax”')."""
    if not draft.quotes:
        return
    text = doc_text(doc)
    kept = [(s, e) for s, e in draft.content
            if draft.cue is not None and e <= draft.cue[0]
            or any(s < q.end and q.start < e or e <= q.mark_start and RUNS_INTO_QUOTE.fullmatch(text[e : q.mark_start])
                   for q in draft.quotes)
            or any(t.pos_ in ("VERB", "AUX") for t in doc.char_span(s, e, alignment_mode="expand") or ())]
    if kept:
        draft.content[:] = kept


RUNS_INTO_QUOTE = re.compile(r"\s*(?:\w+\s+){0,2}")

JOINING_WORDS = {"and", "but", "or", "nor", "yet"}


def join_pieces(text: str, draft: Draft) -> None:
    """'“a big problem” but “nobody talks about it”': pieces of content with only marks and a
    conjunction between them are one span of what was said."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(draft.content):
        if joined:
            gap = text[joined[-1][1] : start]
            words = re.sub(r"[^\w\s]", " ", gap).split()
            if "\n" not in gap and len(gap) <= 12 and all(w.lower() in JOINING_WORDS for w in words):
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
                continue
        joined.append((start, end))
    draft.content[:] = joined


def outside_quotes(drafts: list[Draft], quotes: list[QuoteSpan]) -> list[Draft]:
    """The drafts whose cue is not inside quotation marks: a cue there belongs to the quoted
    words ("who the hell knows?"), in a closed quote or in a paragraph of a quote that the next
    paragraph carries on. Each cue is looked up by bisection among the quotes."""
    carried_on = {id(q) for q, following in zip(quotes, quotes[1:]) if following.continues}
    spans = sorted((q.start, q.end) for q in quotes if q.closed or id(q) in carried_on)
    starts = [start for start, _ in spans]
    farthest = list(accumulate((end for _, end in spans), max, initial=-1))  # of the first k spans
    return [d for d in drafts if d.cue is None or farthest[bisect_right(starts, d.cue[0])] <= d.cue[0]]


def cut_at_next_speaker(doc: Doc, drafts: list[Draft]) -> None:
    """End a content span where a later statement's speaker begins (repairs run-on parses).
    Only the statements whose speaker or cue begins inside a span are looked at (cuts only
    shorten spans): all of them for each draft made this quadratic in a document's length."""
    by_mention, by_cue = [], []
    for n, speaker in enumerate(drafts):
        if speaker.mention is not None and speaker.cue is not None:
            by_mention.append((speaker.mention[0], n))
            by_cue.append((speaker.cue[0], n))
    by_mention.sort()
    by_cue.sort()
    for draft in drafts:
        inside = sorted({n for start, end in draft.content for points in (by_mention, by_cue)
                         for _, n in points[bisect_right(points, (start, len(drafts))) : bisect_left(points, (end, -1))]})
        for other in (drafts[n] for n in inside):
            if other is draft or other.mention is None or other.cue is None:
                continue
            link = _linked_statement(doc, draft, other)
            for i, (start, end) in enumerate(draft.content):
                if link is not None and start < link < end:
                    draft.content[i] = (start, start + len(doc_text(doc)[start:link].rstrip(TRIM_CHARS)))
                elif start < other.mention[0] < end and not (start <= other.cue[0] < end):
                    cut = doc_text(doc)[start : other.mention[0]].rstrip(TRIM_CHARS)
                    draft.content[i] = (start, start + len(cut))
                elif start < other.cue[0] < end and trailing_participle(doc[token_at(doc, other.cue[0])]):
                    cut = doc_text(doc)[start : other.cue[0]].rstrip(TRIM_CHARS)
                    draft.content[i] = (start, start + len(cut))


CLAUSE_LINKS = JOINING_WORDS | {"while", "whereas", "though", "although", ";"}


def _linked_statement(doc: Doc, draft: Draft, other: Draft) -> Optional[int]:
    """Where a statement joined to a draft's by a coordinator begins (the coordinator's offset),
    or None: 'X said A, while Y said B' (Y's mention after the link), 'X said A and warned
    that B' (the same speaker's second cue after it). Neither is any of A's words; a
    statement reported inside A ('X said that Y said B') has no link before it."""
    assert other.cue is not None and other.mention is not None
    cue = doc[token_at(doc, other.cue[0])]
    same = draft.subject is not None and other.subject is not None and draft.subject.i == other.subject.i
    if same and other.cue[0] > other.mention[0]:
        first = cue
    elif not same and other.mention[0] < other.cue[0] and other.subject is not None:
        first = doc[min(other.subject.left_edge.i, token_at(doc, other.mention[0]))]
    else:
        return None
    before = word_before_adverbs(first)  # "said A, but also warned that B"
    links = JOINING_WORDS | {";"} if same else CLAUSE_LINKS  # "said A while showing B": one statement's aside
    return before.idx if before is not None and before.lower_ in links else None


def merge_verb_chains(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'refused to disclose the records', 'declined to say whether …': a cue whose words are
    another cue of the same speaker makes one statement with it. The cue runs from the first
    verb to the second (the first's sense), the content is the second's."""
    by_subject: dict[int, list[Draft]] = {}  # a chain has one subject: only its drafts are looked at
    for draft in drafts:
        if draft.subject is not None:
            by_subject.setdefault(draft.subject.i, []).append(draft)
    kept = []
    for outer in drafts:
        same = by_subject.get(outer.subject.i, []) if outer.subject is not None else []
        inner = next((d for d in same if d is not outer and _chains_into(doc, outer, d)), None)
        if inner is None:
            kept.append(outer)
            continue
        inner.cue, inner.cue_sense, inner.depth = (outer.cue[0], inner.cue[1]), outer.cue_sense, outer.depth
    return kept


def _chains_into(doc: Doc, outer: Draft, inner: Draft) -> bool:
    """Whether ``outer``'s only content is ``inner``'s cue and content, joined by nothing but
    "to", "by", "not" or an adverb ("refused, again, to say")."""
    if outer.cue is None or inner.cue is None or outer.quotes or len(outer.content) != 1 or not inner.content:
        return False
    if outer.subject is None or inner.subject is None or outer.subject.i != inner.subject.i:
        return False
    start, end = outer.content[0]
    if not (outer.cue[1] <= inner.cue[0] and start <= inner.cue[0] < end
            and all(start <= s and e <= end for s, e in inner.content)):
        return False
    verb, between = doc[token_at(doc, inner.cue[0])], doc.char_span(outer.cue[1], inner.cue[0], alignment_mode="expand")
    complement = verb.dep_ == "xcomp" and verb.head.idx == outer.cue[0] or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.idx == outer.cue[0])
    return complement and between is not None and all(
        t.pos_ in ("PART", "ADV", "PUNCT", "SPACE") or t.lower_ in ("to", "by") for t in between)


def drop_topic_asides(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'Commenting on the talks, the envoy said …', '“…,” she said, referring to the strike': a
    participle whose only words are a topic phrase names what the same speaker's statement in
    that sentence is about; it says nothing of its own."""
    speaking = {(d.sent_index, d.subject.i) for d in drafts if d.subject is not None and not _topic_aside(doc, d)}
    return [d for d in drafts if not (_topic_aside(doc, d) and d.subject is not None
                                      and (d.sent_index, d.subject.i) in speaking)]


def _topic_aside(doc: Doc, draft: Draft) -> bool:
    """A bare participle cue ("commenting", "referring") whose content is one prepositional phrase of it."""
    if draft.cue is None or len(draft.content) != 1:
        return False
    cue, first = doc[token_at(doc, draft.cue[0])], doc[token_at(doc, draft.content[0][0])]
    return cue.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in cue.children) \
        and first.dep_ == "prep" and first.head.i == cue.i  # not "comparing him to Roe"


def drop_channel_echoes(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'According to the ministry, the ferry sank, the ministry said': one statement, the
    verb's, with the words the "according to" phrase leaves outside it. So too 'She demanded
    …, according to a statement': the statement holds the words of the sentence's speech verb."""
    echoes = []
    for channel in drafts:
        subject = channel.subject
        if subject is None or channel.cue is None or subject.dep_ != "pobj" or not (
                channel.cue[0] <= subject.head.idx < channel.cue[1]):
            continue
        document = subject.lemma_.lower() in ISSUED_DOCUMENTS
        verb = next((d for d in drafts if d is not channel and d.sent_index == channel.sent_index and d.subject is not None
                     and d.subject.i != subject.i and d.content
                     and (d.subject.lower_ == subject.lower_ or document and _main_speech(doc, d))), None)
        shared = [_overlap(doc_text(doc), a, b) for a in channel.content for b in verb.content] if verb is not None else []
        if verb is not None and any(shared):
            verb.content = [span for span in shared if span is not None]
            echoes.append(channel)
    return [d for d in drafts if not any(d is e for e in echoes)]


def _main_speech(doc: Doc, draft: Draft) -> bool:
    """Whether a draft is its sentence's speech: a speech cue on the sentence's main verb."""
    if draft.cue is None or draft.cue_sense != "speech":
        return False
    root = doc[token_at(doc, draft.cue[0])].sent.root
    return draft.cue[0] <= root.idx < draft.cue[1]


def _overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> Optional[tuple[int, int]]:
    """The characters two spans share, without punctuation at either end, or None."""
    start, end = max(a[0], b[0]), min(a[1], b[1])
    piece = text[start:end]
    stripped = piece.strip(TRIM_CHARS)
    return (start + piece.index(stripped), start + piece.index(stripped) + len(stripped)) if stripped else None


def drop_nested_beliefs(drafts: list[Draft]) -> list[Draft]:
    """Keep a belief or intention only when it is not inside someone else's reported words."""
    speech = [d for d in drafts if d.cue_sense == "speech"]
    kept = []
    for draft in drafts:
        if draft.cue_sense != "speech" and draft.cue and any(
            other is not draft and other.covers(*draft.cue) for other in speech
        ):
            continue
        kept.append(draft)
    return kept


def drop_impressions_of_chains(drafts: list[Draft]) -> list[Draft]:
    """'Roe seemed to endorse the plan': when a cue of the same speaker already runs through
    the impression's verb ("seemed to endorse"), the impression is that statement, not another."""
    return [d for d in drafts if not (
        d.cue_sense == "impression" and d.cue is not None and d.subject is not None
        and any(o is not d and o.cue is not None and o.subject is not None and o.subject.i == d.subject.i
                and o.cue[0] <= d.cue[0] and d.cue[1] <= o.cue[1] and o.cue != d.cue for o in drafts))]


ANONYMITY_REQUESTS = tuple(word_list("anonymity_requests"))


def drop_anonymity_requests(text: str, drafts: list[Draft]) -> list[Draft]:
    """'an official who requested anonymity', 'asked not to be named': a source's terms for
    being quoted are not something it said about the matter."""
    return [d for d in drafts if d.quotes or not d.content or not all(
        any(words in text[s:e].lower() for words in ANONYMITY_REQUESTS) for s, e in d.content)]


WORDS_SAID_BEFORE = word_set("words_said_before")
WORDS_SAID_ABOUT = word_set("words_said_about")
UTTERING_VERBS = word_set("uttering_verbs")


def drop_words_said_before(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """'Kerry made the remark in London': content that only points back to words already
    reported ("the remark", "his comments"), saying nothing of what they were, is no statement."""
    return [d for d in drafts if d.quotes or not d.content or d.cue is None or not _uttering(doc, d.cue)
            or not all(_said_before(doc, s, e) for s, e in d.content)]


def _uttering(doc: Doc, cue: tuple[int, int]) -> bool:
    return doc[token_at(doc, cue[0])].lemma_.lower() in UTTERING_VERBS


def _said_before(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    pointing = any(c.dep_ in ("det", "poss") and (c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those"))
                   for c in root.children)
    return root.lemma_.lower() in WORDS_SAID_BEFORE and pointing and not any(
        c.dep_ in ("acl", "relcl", "ccomp", "appos") or c.dep_ == "prep" and c.lower_ in WORDS_SAID_ABOUT
        or c.lower_ == "following" for c in root.children)  # "made the following comment:" points ahead


def speakers_past_datelines(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Speakers without the dateline: a mention that begins with it starts after the dash
    ("ODESSA (Wire) - Ruritania" is Ruritania); a speaker that is the dateline's place takes the
    name the parser hung on it after the dash ("Lisbon, Portugal – Prime Minister Ana Costa
    rejected …": Costa), and with none there the place spoke of nothing and the draft goes."""
    kept = []
    for draft in drafts:
        subject, mention = draft.subject, draft.mention
        cut = dateline_end(doc, subject) if subject is not None and mention is not None else None
        if subject is None or mention is None or cut is None or mention[0] >= cut:
            kept.append(draft)
            continue
        if subject.idx < cut:
            named = next((t for t in subject.subtree if t.idx >= cut and t.head.idx < cut
                          and t.dep_ in ("appos", "conj", "nsubj", "compound")), None)
            if named is None:
                continue
            draft.subject, mention = named, mention_span(doc, named)
        after = [t.idx for t in doc[token_at(doc, mention[0]) : token_at(doc, mention[1] - 1) + 1] if t.idx >= cut]
        draft.mention = (after[0], mention[1]) if after else mention
        kept.append(draft)
    return kept
