"""Clause structure the logic rules of ``signals.rules`` need: which clause a word stands in,
which words lie in a condition ("if"/"unless" clause), and negation within one clause
(a negated absence, "will not go unanswered", is no negation: ``denied_absence``).

Why: a "not" counts only in the clause the code comes from. In "if they do not withdraw, we
will strike" the "not" belongs to the condition; the move is the main clause's threat, and
the condition's words are no move of the speaker's own (codebook, decision rules 1 and 2).
A concession ("although", "though", "even though", "even if") is background in the same way:
in "we will continue the strikes even though they have not halted theirs" its "not" turns
nothing round, and "even if" binds no condition (the deed happens either way).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

NEGATIVE_SUBJECTS = {"nobody", "noone", "none", "nothing", "neither"}  # "Nobody wants a war"
WISH_VERBS = {"want", "wish", "seek", "try", "plan", "intend", "mean", "aim", "hope", "like", "need"}
CONDITION_MARKS = {"if", "unless"}
CONCESSIVE_MARKS = {"although", "though"}  # and "even if" / "even though" (``_concessive``)
DURATION_WORDS = {"long"}  # "as long as" / "so long as": "... as long as we need to protect them"
# Dependencies that open a clause of their own (``conj`` only between verbs).
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"}
# Links by which a deed hangs from the verb that announces it: "will have no choice but to
# [expel]", "are prepared to [use]", "will be forced to [strike]".
COMPLEMENT_DEPS = {"xcomp", "pcomp", "pobj", "prep", "dobj", "acomp", "oprd"}
MAX_CLIMB = 5
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll"})
COUNTERFACTUAL_MODALS = frozenset({"would", "could", "should", "might", "'d"})  # "would have warned"
CONTRASTING = frozenset({"but", "rather"})  # "not X but Y": Y is asserted
# Verbs of trying: with a "to"-verb ("sought to downplay the comments") they report what the
# subject itself attempts, not a request made of another party ("sought talks" asks for them).
ATTEMPT_VERBS = {"seek", "try", "attempt", "strive", "endeavour", "endeavor", "aim"}
# A response left out ("will not go unanswered") or standing aside ("won't stand idly by"):
# negated, the absence is a response announced, a threat (codebook, decision rule 1).
ABSENCE_WORDS = {"unanswered", "unpunished", "unchallenged", "unopposed", "unavenged", "unanswerable", "idly", "idle",
                 "sidelines"}
# What "without" leaves out when "cannot be left without consequences" announces it.
RESPONSE_NOUNS = {"consequence", "response", "answer", "reply", "retaliation", "punishment", "price", "cost",
                  "reaction", "retribution", "penalty", "repercussion"}
RESPONSE_VERBS = {"respond", "answer", "react", "reply", "retaliate"}
# Verbs of holding back: negated, they assert the deed they govern ("will not hesitate to
# strike" announces a strike, forswears nothing), as a denied absence does.
RESTRAINT_VERBS = {"hesitate", "flinch", "shrink", "shy", "balk", "baulk", "waver", "refrain"}
# Words that set an alternative aside: "dialogue rather than [retaliation]", "instead of
# [sanctions]", "without [resorting] to force", "short of [war]", "in place of [talks]".
SETTING_ASIDE = {"than": ("rather",), "of": ("instead", "short", "in place")}


def is_root(token: Token) -> bool:
    """The token heads its sentence. (spaCy makes a new ``Token`` object at every access, so
    ``token.head is token`` is never true: compare indexes.)"""
    return token.head.i == token.i


def opens_clause(token: Token) -> bool:
    """The token heads a clause of its own."""
    return token.dep_ in CLAUSE_DEPS or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")) or is_root(token)


def clause_head(token: Token) -> Token:
    """The head of the clause the token stands in."""
    for _ in range(40):
        if opens_clause(token):
            return token
        token = token.head
    return token


def _marks(clause: Token) -> set[str]:
    return {c.lower_ for c in clause.children if c.dep_ == "mark"}


def _concessive(clause: Token) -> bool:
    """An adverbial clause of concession: "although ...", "though ...", "even if/though ..."."""
    marks = _marks(clause)
    return bool(marks & CONCESSIVE_MARKS) or ("if" in marks and any(
        c.dep_ == "advmod" and c.lower_ == "even" for c in clause.children))


def _conditional(clause: Token) -> bool:
    """An adverbial clause of condition: "if ...", "unless ...", "as long as ..." / "so long
    as ..." (its "as" right after "long"), not "even if ..."."""
    if clause.dep_ != "advcl" or _concessive(clause):
        return False
    return bool(_marks(clause) & CONDITION_MARKS) or any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ in DURATION_WORDS
        for c in clause.children)


def _inside(token: Token, kind) -> bool:
    for _ in range(40):
        if token.dep_ == "advcl" and kind(token):
            return True
        if is_root(token):
            return False
        token = token.head
    return False


def in_condition(token: Token) -> bool:
    """The token stands inside an "if"/"unless" clause (or is its verb)."""
    return _inside(token, _conditional)


def in_concession(token: Token) -> bool:
    """The token stands inside a concessive clause (or is its verb): "even though they have
    not halted the shelling"."""
    return _inside(token, _concessive)


def in_background(token: Token) -> bool:
    """The token stands in a condition or a concession: words that are no move of the
    speaker's own and whose "not" turns no move round."""
    return in_condition(token) or in_concession(token)


def unasserted(token: Token) -> bool:
    """The word is no move of the speaker's own: it stands in a condition or concession
    (``in_background``), an alternative set aside (``set_aside``) or a subject of anything of a
    kind to come (``in_any_subject``)."""
    return in_background(token) or set_aside(token) or in_any_subject(token)


def governing_chain(verb: Token) -> list[Token]:
    """The verb and the words it hangs from within its clause by complement links, nearest
    first: for "expel" in "will have no choice but to expel", expel, but, choice, have."""
    chain = [verb]
    node = verb
    for _ in range(MAX_CLIMB):
        if node.dep_ not in COMPLEMENT_DEPS or is_root(node):
            break
        node = node.head
        chain.append(node)
    return chain


def conditioned(verbs: list[Token]) -> bool:
    """One of the verbs has an "if"/"unless" clause: the deed is bound to a condition."""
    return any(_conditional(c) for v in verbs for c in v.children)


def negates(token: Token) -> bool:
    """A "not" or "no" on the word, a negative subject of its verb ("Nobody wants a war",
    "no government wants it"), or "far from" over it ("far from an agreement": none yet)."""
    if token.lower_ == "far" and any(c.dep_ == "prep" and c.lower_ == "from" for c in token.children):
        return True
    for c in token.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("VERB", "AUX") and (
                c.lower_ in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return False


def _absence(token: Token) -> bool:
    """A word of a response left out or of standing aside: "unanswered", "idly", or a
    response after "without" ("without consequences")."""
    if token.lower_ in ABSENCE_WORDS:
        return True
    return token.lemma_.lower() in RESPONSE_NOUNS and token.dep_ == "pobj" and token.head.lower_ == "without"


def denied_absence(token: Token) -> bool:
    """The word names an absence of response, and the verb it hangs from is negated: "will not
    go unanswered", "won't stand idly by", "cannot be left without consequences". Two
    negations cancel: the speaker announces a response (a threat), forswears nothing."""
    if not _absence(token):
        return False
    verb = _verb_above(token)
    return verb.i != token.i and verb.pos_ in ("VERB", "AUX") and negates(verb)


def refused_to_bear(token: Token, bearing_verbs: frozenset[str]) -> bool:
    """The word names what a negated verb of bearing will not let pass: "will not tolerate any
    [attack] on our interests". The two negations announce a response (a threat, as a denied
    absence does: codebook, decision rule 1); no harm is forsworn."""
    verb = _verb_above(token)
    return verb.i != token.i and verb.lemma_.lower() in bearing_verbs and negates(verb)


def _verb_above(token: Token) -> Token:
    """The nearest verb the word hangs from, at most ``MAX_CLIMB`` links up (else where the
    climb stopped: the root, or the last word reached)."""
    verb = token
    for _ in range(MAX_CLIMB):
        if verb.pos_ in ("VERB", "AUX") or is_root(verb):
            break
        verb = verb.head
    return verb


def holds_back(neg: Token) -> bool:
    """A "not" on a verb of holding back ("will not hesitate to [strike]"): it denies the
    restraint, so it turns no deed it governs round."""
    return neg.head.lemma_.lower() in RESTRAINT_VERBS


def _sets_aside(word: Token) -> bool:
    """ "without", or "than"/"of" after "rather"/"instead"/"short"/"in place" (not "the place
    of the talks"). A "without" on a negated word binds a condition instead ("no deal without
    [guarantees]" asks for them; "cannot be left without consequences": ``denied_absence``)."""
    if word.lower_ == "without":
        return not negates(word.head)
    before = " ".join(t.lower_ for t in word.doc[max(0, word.i - 2) : word.i])
    return any(before == words or before.endswith(" " + words) for words in SETTING_ASIDE.get(word.lower_, ()))


def set_aside(token: Token) -> bool:
    """The word stands in an alternative the speaker sets aside, which it does not assert:
    "chose dialogue rather than [retaliation]", "will talk instead of [attacking]",
    "settled without resorting to [force]", "rather than [retaliate], we will talk". Like a
    condition's words, these are no move of the speaker's own."""
    head = clause_head(token)
    node = token
    for _ in range(MAX_CLIMB + 2):
        if _sets_aside(node) or any(c.dep_ == "mark" and _sets_aside(c) and c.i < node.i for c in node.children):
            return True
        if node.dep_ == "conj" and any(c.dep_ == "cc" and _sets_aside(c) and c.i < node.i
                                       for c in node.head.children):
            return True
        if node.i == head.i or is_root(node):
            return False
        node = node.head
    return False


def any_subject(verb: Token) -> bool:
    """The verb's subject is anything of a kind, to come ("any incursion will be met with
    force", "any attack on our ships would be answered"): the deed is bound to a condition,
    as by an "if" (codebook, decision rule 2)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and _of_any_kind(c) for c in verb.children) \
        and any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children)


def answers_any(verb: Token) -> bool:
    """A verb of response aimed at anything of a kind to come: "will respond to any attack on
    our ships" is bound to that attack, a conditional threat."""
    return verb.lemma_.lower() in RESPONSE_VERBS and any(
        c.dep_ == "prep" and any(o.dep_ == "pobj" and _of_any_kind(o) for o in c.children) for c in verb.children)


def _of_any_kind(noun: Token) -> bool:
    """ "any attack", "any incursion": the noun names anything of its kind."""
    return any(d.dep_ == "det" and d.lower_ == "any" for d in noun.children)


def in_any_subject(token: Token) -> bool:
    """The word stands in such a subject ("any [aggression] would be met"): the act it names
    is a condition's, no move of the speaker's own."""
    node = token
    for _ in range(MAX_CLIMB):
        if node.dep_ in ("nsubj", "nsubjpass"):
            return any_subject(node.head)
        if opens_clause(node):
            return False
        node = node.head
    return False


def negation_cancelled(token: Token) -> bool:
    """The word's clause holds a denied absence, which its negation belongs to: in "no attack
    will go unpunished" the "no" turns "unpunished" round, not "attack" into a harm forsworn."""
    clause = clause_head(token)
    return any(denied_absence(t) for t in clause.subtree if clause_head(t).i == clause.i)


def wished(verb: Token) -> bool:
    """A verb under a wish or attempt, whose negation reaches it: "not trying to [starve]",
    "nobody wants the fighting to [resume]"."""
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in WISH_VERBS


def negation_passes(verb: Token) -> bool:
    """A verb a negation above it reaches: one under a wish (``wished``), or a non-finite verb
    that completes a noun or a preposition ("no question of [using] it as a basis for talks",
    "far from an agreement to [resume] dialogue"), a participle the parser took for a subject
    clause ("the progress [made] so far was not significant"), or a "to"-verb of purpose."""
    return (wished(verb) or verb.dep_ == "pcomp" or (verb.dep_ == "acl" and verb.tag_ in ("VB", "VBG"))
            or (verb.dep_ in ("csubj", "csubjpass") and verb.tag_ == "VBN") or purpose(verb))


def purpose(verb: Token) -> bool:
    """A "to"-verb of purpose, which a negation of its clause reaches: "was not attending the
    talks to [negotiate]" negotiates nothing."""
    return verb.dep_ == "advcl" and verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def counterfactual(verb: Token) -> bool:
    """ "would have warned", "could have stopped": a modal with "have" on a participle tells of
    a past that did not happen (a concession or a reproach), no deed to come."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ == "VBN" and "have" in auxes and bool(auxes & COUNTERFACTUAL_MODALS)


def contrasted(token: Token) -> bool:
    """The word is what "but" sets against a negated one: in "not aimed at [fighting] smuggling
    but at [punishing] farmers" the "not" reaches the first, and the second is asserted."""
    return token.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in CONTRASTING and c.i < token.i
                                        for c in token.head.children)


def condition(tokens: list) -> Optional[str]:
    """The text of the first "if"/"unless" clause among the tokens, or None."""
    for t in tokens:
        if t.dep_ == "mark" and t.lower_ in CONDITION_MARKS and _conditional(t.head):
            clause = t.head
            return t.doc[clause.left_edge.i : clause.right_edge.i + 1].text
    return None


def tries_a_deed(verb: Token) -> bool:
    """ "sought to downplay", "tried to reassure": a verb of trying with a "to"-verb, which
    reports the subject's own attempt (the cue then makes no request of another party)."""
    return verb.lemma_.lower() in ATTEMPT_VERBS and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def intended_deed(token: Token, negators: set[str]) -> Optional[Token]:
    """The deed a denied intention names: "no intention of [complying]", "no plan to
    [attack]", "do not plan to [leave]" (the phrase's first word, or the word it negates)."""
    word = token.head if token.lower_ in negators else token
    return next((t for t in word.subtree if t.i > word.i and t.pos_ == "VERB"
                 and t.dep_ in ("pcomp", "acl", "xcomp") and t.head.i in (word.i, *(c.i for c in word.children))), None)


def warns_off(verb: Token) -> bool:
    """A warning against an act ("warned Ostmark against intervening", "cautioned them not to
    send ships"): with no harm named, it tells another party not to act, a demand (codebook:
    demand, decision rule 9)."""
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children) or any(
        c.dep_ in ("xcomp", "ccomp") and any(n.dep_ == "neg" for n in c.children) for c in verb.children)
