"""The side of a titled official whose own words name no country, from the article as a whole,
when the nearer rules of ``actors/context.py`` give none.

Each country the article names may have evidence of these kinds: it is the country whose
officials the article names most (its government is what the story is about), the country the
lead's subject names, the dateline's country, and a country named as a subject near one of the
official's mentions (in its own sentence, or in the sentence before within a paragraph). The
official takes a country only when it has at least ``agreeing`` kinds of that evidence
and ``margin`` kinds more than any other country (``data/context.yaml``, ``side_votes``): a
wrong side is worse than none, so split evidence gives nothing. A title that says its holder
holds no office of a state ("former", "ex-", "opposition", "ousted", "de facto") takes no side
so, nor one as often held in a company or a campaign as in a state ("CEO", "candidate").

Measured on the gold of the dev sets (crisis-dev, seed, read10-read13) over all their titled
officials, whatever their titles name: the country this gives is the gold side for 69 of 77
(most of the 8 others are officials of an alliance or a movement, of which a state's evidence
says nothing); with no other country allowed any evidence, 54 of 62; with one kind of evidence
ahead, 96 of 121. A logistic model of the same evidence fitted leaving each article out scored
70 of 74 at p >= 0.8 on that population but gave no side to any official the rules leave
without one, so it is not used.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional, Protocol, Sequence

from tealeaves.lexicon import bundled_yaml, normalize

if TYPE_CHECKING:
    from tealeaves.actors.actor_draft import ActorDraft
    from tealeaves.lexicon import Lexicon


class ArticleContext(Protocol):
    """What the vote reads of ``actors.context.ArticleContext`` (named here, not imported,
    since that module calls the vote)."""

    @property
    def lex(self) -> Lexicon: ...

    @property
    def dominant(self) -> Optional[str]: ...

    @property
    def opening(self) -> Optional[str]: ...

    @property
    def dateline(self) -> Any: ...

    @property
    def mentioned(self) -> Sequence[tuple[int, ActorDraft]]: ...

    def side_near(self, index: int, actor: ActorDraft) -> Optional[tuple[str, bool]]: ...

    def generic(self, actor: ActorDraft) -> Any: ...


_DATA = bundled_yaml("context.yaml")["side_votes"]
AGREEING: int = _DATA["agreeing"]
MARGIN: int = _DATA["margin"]
NOT_STATE = frozenset(_DATA["not_state"])
NO_OFFICE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _DATA["no_office"]) + r")(?!\w)")


def evidence(context: ArticleContext, actor: ActorDraft) -> dict[str, set[str]]:
    """Each country the article gives evidence for -> the kinds of that evidence."""
    found: dict[str, set[str]] = {}

    def add(side: Optional[str], kind: str) -> None:
        if side is not None and side in context.lex.countries:
            found.setdefault(side, set()).add(kind)

    add(context.dominant, "its officials named most")
    add(context.opening, "the lead's subject")
    add(context.dateline.side if context.dateline else None, "the dateline")
    for index, other in context.mentioned:
        if other is actor and (near := context.side_near(index, actor)) is not None:
            add(near[0], "named in the sentence" if near[1] else "named just before")
    return found


def voted_side(context: ArticleContext, actor: ActorDraft) -> Optional[tuple[str, str, None]]:
    """The country the article's evidence gives a titled official of no side, what the
    evidence is (and no dateline, as ``ArticleContext.side_for``); None when it is split or thin,
    or the title holds no office of a state, or for an unnamed official of a generic body
    ("an army spokesman"), whose own rules in ``ArticleContext.side_for`` abstain on purpose."""
    if (actor.side is not None or actor.kind != "official" or actor.role_noun in (None, *NOT_STATE)
            or actor.surname is None and context.generic(actor) is not None  # its own rules abstain
            or NO_OFFICE.search(normalize((actor.role or "").replace("-", " ")))):
        return None
    ranked = sorted(evidence(context, actor).items(), key=lambda item: -len(item[1]))
    if not ranked or len(ranked[0][1]) < AGREEING or len(ranked) > 1 and len(ranked[0][1]) - len(ranked[1][1]) < MARGIN:
        return None
    side, kinds = ranked[0]
    return side, "the article agrees: " + ", ".join(sorted(kinds)), None
