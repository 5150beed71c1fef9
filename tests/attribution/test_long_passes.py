"""Attribution passes that looked at every draft for every draft (or quote, or every quote for
every draft), which made a long document's attribution quadratic in its length: each now looks
only at what is near it.
The text is the invented long article of ``bench --long``."""

from __future__ import annotations

import random

import pytest

from tealeaves.attribution import find, passes, quote_owners
from tealeaves.attribution.draft import Draft
from tealeaves.attribution.find import find_drafts
from tealeaves.attribution.passes import outside_quotes
from tealeaves.evaluate.long_documents import long_text
from tealeaves.lexicon import default_lexicon
from tealeaves.nlp.quotes import QuoteSpan, find_quotes
from tealeaves.nlp.text import paragraph_of, paragraph_starts


@pytest.fixture(scope="module")
def long_article(nlp):
    text = long_text(1500)
    return nlp(text), find_quotes(text)[0]


class CountedWalks(list):
    """A list that counts how often it is walked through from the start."""

    walks = 0

    def __iter__(self):
        CountedWalks.walks += 1
        return super().__iter__()


def test_a_chain_of_cues_is_looked_for_among_the_drafts_of_one_subject(long_article, monkeypatch):
    looked = []
    chains_into = passes._chains_into

    def counting(doc, outer, inner):
        looked.append((id(outer), id(inner)))
        return chains_into(doc, outer, inner)

    monkeypatch.setattr(passes, "_chains_into", counting)
    drafts = find_drafts(*long_article, default_lexicon())
    assert len(drafts) > 60
    assert len(looked) <= 3 * len(drafts)  # every draft against every other: thousands


def test_cutting_at_the_next_speaker_walks_the_drafts_a_bounded_number_of_times(long_article, monkeypatch):
    cut = passes.cut_at_next_speaker
    walks = []

    def counting(doc, drafts):
        CountedWalks.walks = 0
        counted = CountedWalks(drafts)
        cut(doc, counted)
        drafts[:] = counted
        walks.append((CountedWalks.walks, len(drafts)))

    monkeypatch.setattr(find, "cut_at_next_speaker", counting)
    find_drafts(*long_article, default_lexicon())
    ((walked, drafts),) = walks
    assert drafts > 60 and walked <= 3  # once more for each draft before


def test_a_quote_is_offered_only_the_drafts_near_it(long_article, monkeypatch):
    offered = []
    owner = quote_owners._owner_in_sentence

    def counting(quote, drafts, doc):
        offered.append(len(drafts))
        return owner(quote, drafts, doc)

    monkeypatch.setattr(quote_owners, "_owner_in_sentence", counting)
    drafts = find_drafts(*long_article, default_lexicon())
    assert len(offered) > 20 and len(drafts) > 60
    assert max(offered) <= 5


def test_the_paragraph_of_an_offset_is_the_last_that_starts_at_or_before_it():
    text = "One.\n\nTwo, longer.\n\n\n  Three.\n\nFour." * 3
    starts = paragraph_starts(text)
    for offset in [-1, *random.Random(1).sample(range(len(text) + 5), 40), *starts]:
        assert paragraph_of(offset, starts) == max([0, *(i for i, s in enumerate(starts) if s <= offset)])


def test_a_cue_inside_a_closed_or_carried_on_quote_is_dropped_as_the_quote_by_quote_rule_does():
    rng = random.Random(2)
    quotes, at = [], 0
    for _ in range(40):
        at += rng.randint(1, 30)
        length = rng.randint(3, 40)
        quotes.append(QuoteSpan(at + 1, at + length, at, at + length + 1, closed=rng.random() < 0.8,
                                continues=rng.random() < 0.2))
        at += length + 1
    drafts = [Draft(start=c, end=c + 5, sent_index=0, paragraph=0, cue=(c, c + 4) if c % 7 else None)
              for c in range(0, at + 10, 3)]
    carried_on = {id(q) for q, following in zip(quotes, quotes[1:]) if following.continues}
    inside = [d for d in drafts if d.cue is not None and any(
        (q.closed or id(q) in carried_on) and q.start <= d.cue[0] < q.end for q in quotes)]
    kept = outside_quotes(drafts, quotes)
    assert inside and kept
    assert kept == [d for d in drafts if d not in inside]
