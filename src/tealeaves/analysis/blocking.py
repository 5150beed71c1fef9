"""Which pairs of an article's statements are judged at all: blocking before judging, so that
the pairs of a long document grow about linearly with its statements, not with their square.

A pair can only be read as a mixed message or a standoff under a relation of the codebook
(one statement can be its soft code, the other its hard code), so statements are grouped by
the codes they can stand for and only opposing groups are paired (a ``Block``). A relation
that fades with distance cannot reach two statements farther apart than its ``reach``: a
pair's score is at most its strength times ``closeness`` (topic and evidence are at most 1),
so farther pairs are not even listed. What is left is bounded per statement: a statement meets
at most ``MAX_PARTNERS`` statements of its opposing groups on each side of it, the nearest (in
the dev sets none has more than 9), so a document of n statements lists at most
2 × ``MAX_PARTNERS`` × n pairs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional, Sequence

from tealeaves.analysis.pairs import Layout, can_be, closeness
from tealeaves.analysis.wording import codes_of, counted
from tealeaves.codebook import Opposition
from tealeaves.models import Statement

MAX_PARTNERS = 16  # the nearest statements of its opposing groups a statement meets on each side
SCORE_TOLERANCE = 1e-9  # a bound is kept when it falls short of the threshold by rounding only
FARTHEST = 10_000  # paragraphs: a reach beyond this is no reach (closeness that hardly decays)


@dataclass(frozen=True)
class Block:
    """Statements that may pair with each other: each of ``left`` with each of ``right`` (by
    their index in the list being paired), at most ``reach`` paragraphs apart (None: any)."""

    left: Sequence[int]
    right: Sequence[int]
    reach: Optional[int] = None


def reach(strength: float, min_score: float, fades: bool = True) -> Optional[int]:
    """The farthest apart, in paragraphs, two statements of a relation of this strength can be
    and still score ``min_score``: None when distance does not weaken it, -1 when no pair can."""
    if not fades:
        return None
    if strength < min_score - SCORE_TOLERANCE:
        return -1
    apart = 0
    while strength * closeness(apart + 1, 1.0, True) >= min_score - SCORE_TOLERANCE:
        apart += 1
        if apart > FARTHEST:
            return None
    return apart


def code_groups(statements: Sequence[Statement], relations: Sequence[Opposition]) -> list[tuple[list[int], list[int]]]:
    """For each relation, the statements (indices) that can be its soft half and those that can
    be its hard half (``pairs.best_reading`` reads a pair under no other)."""
    codes = [codes_of(s) for s in statements]  # read once per statement, not once per pair
    return [([i for i, s in enumerate(statements) if can_be(s, codes[i], r.soft, soft=True)],
             [i for i, s in enumerate(statements) if can_be(s, codes[i], r.hard, soft=False)])
            for r in relations]


def side_blocks(left: Sequence[int], right: Sequence[int], side: Sequence[str], same_side: bool,
                limit: Optional[int] = None) -> list[Block]:
    """``left`` against ``right`` split by side (``side[i]`` is statement i's): each side's
    against its own (``same_side``: mixed messages) or against each other side's (standoffs)."""
    blocks = []
    for mine in sorted({side[i] for i in left}):
        ours = [i for i in left if side[i] == mine]
        for theirs in sorted({side[i] for i in right}):
            if (theirs == mine) == same_side:
                blocks.append(Block(ours, [i for i in right if side[i] == theirs], limit))
    return blocks


def opposing_blocks(statements: Sequence[Statement], relations: Sequence[Opposition], side: Sequence[str],
                    min_score: float, same_side: bool) -> list[Block]:
    """Blocks of the pairs the relations can read scoring ``min_score``: soft half against hard
    half, of one side (``same_side``) or of two."""
    blocks = []
    for relation, (soft, hard) in zip(relations, code_groups(statements, relations)):
        limit = reach(relation.strength, min_score, relation.fades)
        if limit != -1:
            blocks.extend(side_blocks(soft, hard, side, same_side, limit))
    return blocks


def fact_blocks(statements: Sequence[Statement], side: Sequence[str], same_side: bool) -> list[Block]:
    """Statements (no deeds) that count the same fact, against each other: ``pairs.fact_conflict``
    reads no other pair, and two counts conflict at any distance."""
    counting: dict[str, list[int]] = {}
    for i, statement in enumerate(statements):
        if statement.kind != "action":
            for fact in counted(statement):
                counting.setdefault(fact, []).append(i)
    return [block for members in counting.values() for block in side_blocks(members, members, side, same_side)]


def listed_pairs(blocks: Sequence[Block], layout: Layout, statements: Sequence[Statement],
                 limit: int = MAX_PARTNERS) -> list[tuple[int, int]]:
    """The pairs (i < j, indices into ``statements``) of the blocks, in index order: each
    statement with the nearest ``limit`` statements of all its opposing groups on either side of
    it (nearest in ``layout``'s paragraphs, then in statements), within each block's reach."""
    key = [(layout.paragraph[s.id], i) for i, s in enumerate(statements)]
    partners: dict[int, set[int]] = defaultdict(set)
    for block in blocks:
        for mine, theirs in ((block.left, block.right), (block.right, block.left)):
            ranked = sorted(theirs, key=key.__getitem__)
            keys = [key[j] for j in ranked]
            for i in mine:
                at = bisect_left(keys, key[i])
                for step, k in ((-1, at - 1), (1, at)):
                    taken = 0
                    while 0 <= k < len(ranked) and taken < limit:
                        j = ranked[k]
                        if block.reach is not None and abs(key[j][0] - key[i][0]) > block.reach:
                            break
                        if j != i:
                            partners[i].add(j)
                            taken += 1
                        k += step
    found: set[tuple[int, int]] = set()
    for i, met in partners.items():
        before = sorted((j for j in met if key[j] < key[i]), key=key.__getitem__)[-limit:]
        after = sorted((j for j in met if key[j] > key[i]), key=key.__getitem__)[:limit]
        found.update((min(i, j), max(i, j)) for j in (*before, *after))
    return sorted(found)
