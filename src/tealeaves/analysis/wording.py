"""The words of a side's statements as the analysis reads them: the cues of
``data/mixed_messages.yaml`` (walk-backs, reversals, contrasts, counted casualties), the codes a
statement stands for, its content words, the counts it gives, and the short quotes an
explanation shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

from tealeaves.codebook import codebook
from tealeaves.lexicon import bundled_yaml, default_lexicon
from tealeaves.models import OBSERVER_CODE, Actor, Statement, is_observer
from tealeaves.words import word_list

NEGATED_BEFORE = re.compile(r"(?:\b(?:no|not|never|hardly|barely|scarcely|failed to)|n[’']t)\s+$", re.IGNORECASE)
WORD = r"[\w’'-]+"
GAP_WORDS = 3
NEGATION = re.compile(r"\b(?:no|not|nobody|no one|none|nothing|never|neither|nor|without)\b|n[’']t\b", re.IGNORECASE)
BRIEF_CHARS = 70
REQUEST_CHARS = 40  # how far before a correction phrase a request verb governing it may stand
CLAUSE_WORDS = 6  # what a statement says in fewer words is a phrase, not a clause
STEM = 5
STOPWORDS = {"that", "this", "with", "from", "have", "will", "would", "there", "their", "they", "them", "what",
             "which", "about", "into", "than", "then", "were", "been", "being", "said", "says", "also", "only",
             "such", "some", "more", "most", "other", "very", "just", "over", "after", "before", "could", "should"}
PERSON_KINDS = ("person", "official")  # actors named by a last name
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100}


@dataclass(frozen=True)
class Cues:
    """The words of ``data/mixed_messages.yaml``, compiled."""

    corrections: re.Pattern
    requested: re.Pattern  # a request verb ending the text before a correction ("asked for ")
    reversals: re.Pattern
    contrasts: re.Pattern
    sequences: re.Pattern  # words that set two moves of one sentence at two moments ("after")
    halves: Mapping[str, re.Pattern]  # code -> the words that read a clause as it (one statement's two halves)
    pressure_offers: frozenset  # the codes a refusal of pressure does not oppose
    pressure: re.Pattern  # the words of pressure a refusal may name ("ultimatum", "blackmail")
    facts: Mapping[str, re.Pattern]  # fact -> the nouns or participles that count it
    none_counted: frozenset
    many_counted: frozenset
    rereadings: Mapping[str, tuple[frozenset, re.Pattern]]  # code -> the codes it replaces, its words
    distancing: frozenset  # the codes of a statement that distances its side from another's words
    remarks: re.Pattern  # another's words named as a possession ("the envoy's remarks", "his comments")
    remarks_words: str  # the nouns of such words, as a regular-expression alternation
    disowning: re.Pattern  # a cue that distances its side from its object, whatever the code
    unrepresentative: re.Pattern  # said of words, disowns them ("these comments do not represent")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """Whole-word phrases: a word ending in "*" matches any ending ("call* for"), "..." up to
    ``GAP_WORDS`` words ("would have ... differently")."""
    return re.compile(r"\b(?:" + _alternatives(phrases) + ")", re.IGNORECASE)


def _alternatives(phrases: Iterable[str]) -> str:
    """The phrases as one regular-expression alternation, longest first."""
    return "|".join(sorted((_phrase(p) for p in phrases), key=len, reverse=True))


def _phrase(phrase: str) -> str:
    pattern, gap = "", rf"(?:\s+{WORD}){{0,{GAP_WORDS}}}"
    for n, word in enumerate(phrase.split(" ")):
        if word == "...":
            pattern += gap
        else:
            pattern += (r"\s+" if n else "") + re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
    return pattern + ("" if phrase.endswith("*") else r"\b")


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = bundled_yaml("mixed_messages.yaml")
    requested = re.compile(rf"\b(?:{_alternatives(data['requests'])})(?P<gap>(?:\s+{WORD}){{0,{GAP_WORDS}}})\s+$",
                           re.IGNORECASE)
    return Cues(phrase_pattern(data["corrections"]), requested, phrase_pattern(data["reversals"]),
                phrase_pattern(data["contrasts"]), phrase_pattern(data["sequences"]),
                {code: phrase_pattern(words) for code, words in data["halves"].items()},
                frozenset(data["pressure_refusals"]["offers"]), phrase_pattern(data["pressure_refusals"]["words"]),
                {fact: phrase_pattern(words) for fact, words in data["facts"].items()},
                frozenset(data["none_counted"]), frozenset(data["many_counted"]),
                {code: (frozenset(entry["from"]), phrase_pattern(entry["words"]))
                 for code, entry in data["rereadings"].items()},
                frozenset(data["distancing"]["codes"]),
                re.compile(rf"(?:\w[’']s|\b(?:his|her|their))\s+(?:{WORD}\s+){{0,2}}?"
                           rf"(?:{_alternatives(data['distancing']['words'])})", re.IGNORECASE),
                _alternatives(data["distancing"]["words"]), phrase_pattern(data["distancing"]["disowning"]),
                phrase_pattern(data["distancing"]["unrepresentative"]))


REPLY_HEAD_WORDS = 5  # the noun a reply names its target by comes within its first words


@lru_cache(maxsize=1)
def _reply_nouns() -> tuple[re.Pattern, Mapping[str, frozenset]]:
    """``replies`` of ``data/mixed_messages.yaml``: a definite noun phrase at the start of what
    is said ("the Thai account"), and each noun's codes."""
    nouns = {noun.lower(): frozenset(codes) for noun, codes in bundled_yaml("mixed_messages.yaml")["replies"].items()}
    alternatives = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    pattern = re.compile(rf"^(?:the|this|that|these|those|such)\s+(?:[\w’'-]+\s+){{0,{REPLY_HEAD_WORDS - 2}}}?"
                         rf"({alternatives})s?\b", re.IGNORECASE)
    return pattern, nouns


def names_move(reply: Statement, other: Statement) -> bool:
    """The reply's content opens with a definite noun that names the other's move by its code
    ("rejected the call" answers a demand, "denied the charge" an accusation)."""
    if reply.kind == "action" or other.kind == "action":
        return False
    pattern, nouns = _reply_nouns()
    codes = codes_of(other)
    for span in reply.content:
        match = pattern.match(span.text.strip())
        if match and nouns[match.group(1).lower()] & codes:
            return True
    return False


def corrects(text: str) -> bool:
    """The text corrects, clarifies, recasts or softens something said: a phrase of
    ``corrections`` not right after a negation ("didn't clarify the matter" corrects nothing)
    nor asked of another party (``requested``)."""
    return any(not NEGATED_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
               and not _requested(text[max(0, m.start() - REQUEST_CHARS) : m.start()])
               for m in cues().corrections.finditer(text))


def names_remarks(text: str) -> bool:
    """The text names another's words as a possession ("the envoy's remarks", "his comments":
    ``distancing`` of ``data/mixed_messages.yaml``)."""
    return cues().remarks.search(text) is not None


def owns_words(text: str, actor: Actor) -> bool:
    """The text names the actor's words as a possession by any of its names, a role among them
    ("Holm's remarks", "the president's comments")."""
    names = {actor.name, actor.name.split()[-1] if actor.kind in PERSON_KINDS else "", *actor.aliases}
    return any(re.search(rf"(?<!\w){re.escape(n)}[’']s\s+(?:{WORD}\s+){{0,2}}?(?:{cues().remarks_words})", text,
                         re.IGNORECASE) for n in names if len(n) > 3)


def distances(statement: Statement) -> bool:
    """A statement that distances its side from another's words: coded as ``distancing`` says
    (a denial, concession or reassurance) and naming them (``names_remarks``), or, whatever its
    code, one whose cue disowns its object (``disowns``): a walk-back."""
    return statement.kind != "action" and (
        (bool(codes_of(statement) & cues().distancing) and names_remarks(statement.text)) or disowns(statement.text))


def disowns(text: str) -> bool:
    """The text disowns something said or someone ("distanced itself from the envoy",
    "these comments do not represent our position"), not right after a negation."""
    words = re.search(rf"\b(?:{cues().remarks_words})", text, re.IGNORECASE)
    return any(not NEGATED_BEFORE.search(text[max(0, m.start() - 20):m.start()]) for m in cues().disowning.finditer(
        text)) or (words is not None and cues().unrepresentative.search(text, words.end()) is not None)


def reread(statement: Statement, actors: Mapping[str, Actor]) -> Statement:
    """The statement read as what its words say when the coder gave it a code they replace
    (``rereadings``: a promise of restraint coded commit or reject reassures, a walk-out from
    talks coded engage refuses): that code its main one, the replaced codes dropped."""
    if statement.kind == "action" or not statement.signal:
        return statement
    codes = codes_of(statement)
    for code, (replaced, pattern) in cues().rereadings.items():
        if statement.signal in replaced and code not in codes and any(
                _own_move(span.text, match.start(), statement, actors)
                for span in statement.content for match in pattern.finditer(span.text)):
            kept = tuple(c for c in statement.signals if c not in replaced and c != code)
            return replace(statement, signal=code, signals=(code, *kept))
    return statement


def _own_move(text: str, at: int, statement: Statement, actors: Mapping[str, Actor]) -> bool:
    """The phrase at ``at`` is the speaker's side's own move: not right after a negation ("did
    not suspend the talks") and no other side named before it ("Iceland had suspended")."""
    before = text[:at]
    pattern, side_of_word = side_words()
    named = {side_of_word[m.group(0)] for m in pattern.finditer(before)}
    return not NEGATED_BEFORE.search(before[-20:]) and named <= {side_of(statement, actors)}


@lru_cache(maxsize=1)
def side_words() -> tuple[re.Pattern, Mapping[str, str]]:
    """Every word of ``data/sides.yaml`` that names a side, as one pattern, and its side."""
    words = default_lexicon().side_words
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), words


@lru_cache(maxsize=1)
def forum_pattern() -> re.Pattern:
    """A forum word of ``data/words.yaml`` ("at", "with fellow") and the capitalised name after it."""
    words = "|".join(re.escape(w) for w in sorted(word_list("forum_words"), key=len, reverse=True))
    name = r"[A-Z][\w.’'-]*"
    return re.compile(rf"(?<!\w)(?i:{words})\s+(?:(?i:the)\s+)?(?P<name>{name}(?:\s+{name})*)")


def without_forums(content: str) -> str:
    """The content with each body of states (a side that is no state) named as the forum or
    partner of a move blanked: "will raise it at the U.N. Security Council", "work with fellow
    Council members" act in the body, they do not answer it."""
    pattern, side_of_word = side_words()
    states = default_lexicon().countries

    def blank(match: re.Match) -> str:
        name = match.group("name")
        if not any(side_of_word[m.group(0)] not in states for m in pattern.finditer(name)):
            return match.group(0)
        return match.group(0)[:match.start("name") - match.start()] + " " * len(name)

    return forum_pattern().sub(blank, content)


def _requested(before: str) -> bool:
    """The words before a correction phrase ask another party for it ("will keep asking for",
    "urged the envoy to"); a bare "to" keeps it the speaker's own ("sought to clarify")."""
    match = cues().requested.search(before)
    return match is not None and match.group("gap").strip().lower() != "to"


@lru_cache(maxsize=1)
def broad_topics() -> frozenset:
    """The topic labels of ``data/topics.yaml`` ("talks", "military escalation"): each covers
    much of a crisis, unlike a topic named by a statement's own head noun ("patrol")."""
    return frozenset(bundled_yaml("topics.yaml"))


def speaker_of(statement: Statement, actors: Mapping[str, Actor]) -> Actor:
    """The actor who made a party statement (``party_statements`` keeps only known speakers)."""
    return actors[statement.speaker_id or ""]


def side_of(statement: Statement, actors: Mapping[str, Actor]) -> str:
    """The side a statement speaks for ("" for none)."""
    return speaker_of(statement, actors).side or ""


def names_actor(text: str, actor: Actor) -> bool:
    """The text names the actor: a person's last name, a body's or group's whole name (the last
    word of "lawyers for Ivana Trump" is someone else's name), or an alias of more than three
    letters."""
    own = actor.name.split()[-1] if actor.kind in PERSON_KINDS else actor.name
    names = {own, *(a for a in actor.aliases if len(a) > 3 and a[0].isupper())}
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names if n)


def party_statements(statements: Sequence[Statement], actors: Mapping[str, Actor]) -> list[Statement]:
    """Statements and actions that speak for a side: a known speaker with a side, no observer."""
    return [s for s in statements
            if s.speaker_id in actors and side_of(s, actors) and not is_observer(speaker_of(s, actors))
            and s.signal != OBSERVER_CODE]


def codes_of(statement: Statement) -> set[str]:
    """The codes a statement can stand for: an action its deed codes, a statement its statement
    codes, and "non_denial" for a negated denial ("did not deny")."""
    book = codebook()
    wanted = "action" if statement.kind == "action" else "statement"
    said_codes = statement.signals or ((statement.signal,) if statement.signal else ())
    codes = {c for c in said_codes if c in book and book[c].kind == wanted}
    if statement.kind == "action":
        return codes
    if statement.negated and statement.cue is not None and statement.cue.text.lower().startswith("den"):
        codes.add("non_denial")  # "did not deny"
    if statement.negated and "deny" in codes and statement.signal == "hedge":
        codes.discard("deny")
    return codes


def keywords(statement: Statement) -> set[str]:
    """Content words cut to a stem-like prefix ("withdrawal" and "withdraw" meet)."""
    return set(words_by_stem(statement))


def words_by_stem(statement: Statement) -> dict[str, str]:
    return dict(_words_by_stem(said(statement)))


@lru_cache(maxsize=4096)
def _words_by_stem(text: str) -> dict[str, str]:
    """``words_by_stem`` of what was said (kept: pair reading asks it for every pair)."""
    return {w[:STEM]: w for w in re.findall(r"[a-z]+", text) if len(w) > 3 and w not in STOPWORDS}


def is_phrase(statement: Statement) -> bool:
    """What the statement says is a phrase ("the remark in London", "an exchange of
    detainees"), not a clause: too little to read its matter from, and its code the least sure."""
    return sum(len(c.text.split()) for c in statement.content) < CLAUSE_WORDS


def disclaims_hostility(statement: Statement) -> bool:
    """A reassurance put as a negation ("nobody wants a war", "no intention of invading",
    "not issuing ultimatums", "could do it without force"): it speaks to the whole dispute,
    not to one detail of it."""
    return statement.signal == "reassure" and bool(NEGATION.search(said(statement)))


def counted(statement: Statement) -> dict[str, Optional[int]]:
    """The casualty counts a statement gives: fact -> a number, 0 for none, None for an
    uncounted many ("several were killed")."""
    return dict(_counted(said(statement)))


@lru_cache(maxsize=4096)
def _counted(text: str) -> dict[str, Optional[int]]:
    """``counted`` of what was said (kept: pair reading asks it for every pair)."""
    found: dict[str, Optional[int]] = {}
    for fact, pattern in cues().facts.items():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()].split()[-5:]
            value = _count(before)
            if value is not False:
                found.setdefault(fact, value)
    return found


def _count(words: Sequence[str]):
    """The count the words before a casualty noun give, nearest first; False without one."""
    c = cues()
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(",.;:")
        pair = " ".join(words[i - 1 : i + 1]) if i else word
        if pair in c.none_counted or word in c.none_counted:
            return 0
        if word.replace(",", "").isdigit():
            return int(word.replace(",", ""))
        if word in NUMBER_WORDS:
            return NUMBER_WORDS[word]
        if word in c.many_counted:
            return None
    return False


def said(statement: Statement) -> str:
    return " ".join(c.text for c in (*statement.content, *statement.quotes)).lower()


def brief(statement: Statement) -> str:
    """What a statement said, cut to a few words. A partial quote is shown in its clause, its
    own quotation marks kept ('that Castrel would “never” close the strait'), since a word or
    two quoted alone says little; otherwise the quotes (or the reported clause) in quotation marks."""
    if statement.kind == "partial" and statement.quotes and all(
            any(c.start <= q.start and q.end <= c.end for c in statement.content) for q in statement.quotes):
        text = " ".join(" … ".join(c.text for c in statement.content).split())  # pieces apart, as below
        return _cut(text, max(BRIEF_CHARS, text.rfind("”") + 1))
    parts = statement.quotes or statement.content
    text = " ".join((" … ".join(p.text.strip() for p in parts) or statement.text).split())
    return f"“{_cut(text, BRIEF_CHARS)}”"


def _cut(text: str, limit: int) -> str:
    """The text up to the first space at or after ``limit`` characters, with "…" when cut."""
    cut = text.find(" ", limit)
    return text if len(text) <= limit or cut < 0 else text[:cut] + " …"


def as_sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
