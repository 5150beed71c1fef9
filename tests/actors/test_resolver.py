"""The hand-over from attribution to actors: the resolver returns each draft's speaker and
leaves the drafts as attribution made them."""

from __future__ import annotations

from tealeaves.actors.resolver import ActorResolver, ResolvedSpeaker
from tealeaves.attribution.find import find_drafts
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.quotes import find_quotes

TEXT = ('Mayor Jo Roe said on Monday that the bridge would reopen in May.\n\n'
        '"We have waited long enough," she said.\n\n'
        '"The crews work day and night."')


def fields(draft) -> dict:
    """A draft's fields, its lists copied (tokens cannot be deep-copied)."""
    return {k: list(v) if isinstance(v, list) else v for k, v in vars(draft).items()}


def test_the_resolver_returns_speakers_and_leaves_the_drafts_alone(nlp):
    doc, lex = nlp(TEXT), Lexicon.load()
    quotes, _ = find_quotes(TEXT)
    drafts = find_drafts(doc, quotes, lex)
    before = [fields(d) for d in drafts]
    resolver = ActorResolver(doc, lex, quoted=[(q.start, q.end) for q in quotes])
    actors, speakers = resolver.actors_used(resolver.resolve_all(drafts))
    assert [fields(d) for d in drafts] == before
    roe = next(a.id for a in actors if a.name == "Jo Roe")
    mentions = [TEXT[slice(*d.mention)] if d.mention else None for d in drafts]
    assert list(zip(mentions, speakers)) == [
        ("Mayor Jo Roe", ResolvedSpeaker(roe)),
        ("she", ResolvedSpeaker(roe, by_pronoun=True)),  # a pronoun's speaker is less sure
        (None, ResolvedSpeaker(roe)),  # the cue-less quote continues her
    ]
