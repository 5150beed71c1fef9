"""Whose move a word of the content is: the speaker's own, or another party's act reported.

Why (codebook: decision rule 1, "the main clause decides", "commit needs a binding"): the
moves a speaker makes towards another party — threaten, demand, reject, deny, concede,
commit, engage, reassure, hedge — are the speaker's (or its side's) own. A negation of
another party's act reports or judges that party: "Ostmark has not demanded the islands"
reassures nobody, "there has been no response from Ostmark" is no soothing word, "no one was
going to agree" withholds nothing of the speaker's. A code word inside a relative clause
("the side that rejects every deal") describes what it qualifies; it is no move of the main
clause. A word about talks is willingness to talk only as the speaker's own offer: refused
("not up for negotiation"), made a precondition ("talks only once they withdraw") or pressed
on the other side ("sanctions to force Ostmark to the table") it rejects or demands. A
promise of harm ("vowed countermeasures") is a threat, not a commitment. A code word in the
subject that the predicate judges is what is judged ("their list of demands violated our
sovereignty" accuses), a promise word that binds nobody ("the latest sign that ...") commits
nobody, and an accusation the speaker judges or negates is denied ("the allegations are
absurd", "we do not engage in blackmail").

``rules.rule_signals`` asks these questions of every phrase, negated word and announced deed;
another party's act, or an embedded clause's move, stays a feature of the learned model
(components ``reported`` and ``embedded``) but is never a sure code of the speaker's. Past
tenses are not read as another party's deeds: after "said" they are often the speaker's
present moved back ("said Valdoria was ready to talk"), and a deed reported takes its own
code (codebook D4).
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from tealeaves.signals.clauses import RESPONSE_NOUNS, clause_head, is_root

# Rule components that tell of another party's act or of an embedded clause: features of the
# model, never a sure code of the speaker's (``rules.sure_codes``).
NOT_THE_SPEAKERS = frozenset({"reported", "embedded", "unbound"})
# A promise ("vowed ...") of a harm this strong is a threat: "vowed countermeasures".
HARM_PROMISED_WEIGHT = 1.0
# The moves only the speaker's side can make; accusations and judgements are about another party.
OWN_MOVES = frozenset({"threaten", "demand", "reject", "deny", "concede", "commit", "engage", "reassure", "hedge"})
ARTICLES = frozenset({"the", "a", "an"})  # no word of a name: "the rebels" is not "The minister"
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
# Subjects that name nobody in particular ("no one was going to agree"): not the speaker's side.
NOBODY = frozenset({"nobody", "noone", "none", "no one", "no-one"})
# Subjects of a plan that name no party: "it will happen", "what would follow".
IMPERSONAL = frozenset({"it", "this", "that", "there", "which", "what"})
ANNOUNCING_AUX = frozenset({"will", "would", "shall", "'ll", "can", "could", "may", "might", "must", "should"})
AGENT_PREPOSITIONS = frozenset({"from", "by"})  # "no response from Ostmark", "a refusal by Ostmark"
# Marks of a clause a talk is bound to: with "only" a precondition ("only once they withdraw");
# the restrictive ones with a negation too ("no talks until"), not a plain "if" ("would not
# accept it if offered" refuses).
PRECONDITION_MARKS = frozenset({"if", "once", "until", "unless", "after", "before", "when", "till"})
RESTRICTIVE_MARKS = frozenset({"until", "unless", "till", "before"})
MIN_STEM = 5  # letters a name's stem needs to stand for it ("Valdoria" in "Valdorian")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
JUDGEMENTS = frozenset({"negative_assessment", "reject"})  # judging an accusation denies it (``judges``)
MAX_PATH = 6  # words climbed from a code word to its clause's head
# Verbs that press another party into a deed: "press Ostmark to negotiate", "force them to the table".
BLAMED_BY = frozenset({"with", "on", "upon"})  # "the blame lies with Ostmark", "falls on them"
COERCION_LEMMAS = frozenset({"force", "compel", "press", "pressure", "pressurize", "push", "coerce", "drive"})


def speaker_words(text: Optional[str]) -> frozenset[str]:
    """The lowercased words of the speaker's mention ("Ostmark's foreign ministry")."""
    if not text:
        return frozenset()
    return frozenset(w.strip(".,'’\"“”()").lower().removesuffix("'s").removesuffix("’s")
                     for w in text.split()) - {"", *ARTICLES}


def in_relative_clause(token: Token, content: frozenset[int]) -> bool:
    """The token stands in a relative clause of the content ("the side that [rejects] every
    deal") or is its verb. Only the content counts: a source "who say ..." puts the whole
    content in a relative clause of the sentence."""
    for _ in range(40):
        if token.i not in content:
            return False
        if token.dep_ == "relcl":
            return True
        if is_root(token):
            return False
        token = token.head
    return False


def subject_of(verb: Token) -> Optional[Token]:
    """The verb's subject, or the subject of the verb it hangs from ("has yet to [respond]",
    "ready to [release]")."""
    for node in (verb, verb.head):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is not None:
            return subject
        if is_root(node):
            break
    return None


def _phrase_words(noun: Token) -> list[Token]:
    """A noun with its compounds and possessors ("Ostmark's navy", "the Ostmark government")."""
    return [noun, *(c for c in noun.children if c.dep_ in ("compound", "poss", "amod") or c.dep_ == "det")]


def _names_another_party(noun: Token, speaker: frozenset[str]) -> bool:
    """A noun or a name, not the speaker (first person, a pronoun that may be it, its own words)."""
    if noun.pos_ == "PRON" or noun.lower_ in FIRST_PERSON:
        return False
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    words = {t.lower_ for t in _phrase_words(noun)} | {noun.lemma_.lower()}
    return not words & FIRST_PERSON and not any(_same_name(w, s) for w in words for s in speaker)


def _same_name(word: str, other: str) -> bool:
    """Two words of one name: equal, or one the other's stem ("Valdoria", "Valdorian")."""
    shorter, longer = sorted((word, other), key=len)
    return word == other or (len(shorter) >= MIN_STEM and longer.startswith(shorter)
                             and len(longer) - len(shorter) <= 2)


def _named_doer(subject: Optional[Token], speaker: frozenset[str]) -> bool:
    """The subject names another party by its name and does the act: "[Ostmark] rejected".
    Not a common noun ("units had been ordered to return fire", "both delegations had agreed"
    may be the speaker's own side or the parties an observer speaks for), nor any subject when
    the speaker is unknown (an event sentence's doer is its speaker)."""
    return bool(speaker) and subject is not None and subject.dep_ == "nsubj" and subject.pos_ == "PROPN" \
        and _names_another_party(subject, speaker)


def _nobodys(token: Token) -> bool:
    """The clause of the token has nobody in particular for its subject."""
    subject = subject_of(clause_head(token))
    return subject is not None and _nobody(subject)


def _nobody(subject: Token) -> bool:
    phrase = " ".join(t.lower_ for t in subject.subtree)
    return subject.lower_ in NOBODY or phrase in NOBODY


def _perfect(verb: Token) -> bool:
    """Has or has not happened up to now: "has not demanded", "has yet to respond". Not a past
    tense ("said Ostmark was ready", "posed no threat"): after a verb of saying it is often the
    speaker's present moved back, not a deed reported."""
    auxes = [a for a in verb.children if a.dep_ == "aux"]
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "'s", "'ve") for a in auxes):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in ("has", "have") and any(
        c.lower_ == "yet" for c in verb.head.children)


def _done(verb: Token) -> bool:
    """Told as done: a past tense or a perfect ("Ostmark rejected the proposal", "had already
    accepted it"), not announced."""
    return not _announced(verb) and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        a.dep_ == "aux" and a.lemma_.lower() == "have" for a in verb.children)))


def _the_verb_of(token: Token, verb: Token) -> bool:
    """The token is the clause's verb or hangs from it by "to"-verbs ("refused to [negotiate]")."""
    node = token
    for _ in range(MAX_PATH):
        if node.i == verb.i:
            return True
        if node.dep_ != "xcomp":
            return False
        node = node.head
    return False


def _announced(verb: Token) -> bool:
    """A modal or future on the verb: "no one should worry" is the speaker's word to others."""
    return any(a.dep_ == "aux" and a.lower_ in ANNOUNCING_AUX for a in verb.children)


def _agent(token: Token) -> Optional[Token]:
    """Who does the act a noun names: "a response from [Ostmark]", "[Ostmark]'s refusal"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in AGENT_PREPOSITIONS:
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def reported_act(token: Token, negated: bool, speaker: frozenset[str], content: frozenset[int]) -> bool:
    """The word tells of another party's act, not of a move of the speaker's: it is the verb
    of another party's act told as done ("Ostmark rejected the proposal", "had accepted it");
    or, turned round by a negation, an act left undone: a noun whose doer is another party
    ("no response from Ostmark"), a clause whose subject is another party in the perfect
    ("Ostmark has not demanded", "has yet to respond"), or nobody in particular ("no one was
    going to agree"). A clause outside the content (the cue's) is the speaker's own."""
    verb = clause_head(token)
    if verb.i not in content:
        return False
    subject = subject_of(verb)
    if subject is not None and _nobody(subject):
        return not _announced(verb)  # "no one should worry" is the speaker's word to others
    if not negated:  # another party's own verb: "Ostmark rejected the proposal", "refused to [negotiate]"
        return bool(speaker) and _the_verb_of(token, verb) and _named_doer(subject, speaker) and _done(verb)
    node = token
    for _ in range(MAX_PATH):  # a noun of the act on the way up to its clause: "Ostmark's refusal to [negotiate]"
        agent = _agent(node) if node.pos_ == "NOUN" else None
        if agent is not None:
            return _names_another_party(agent, speaker)
        if is_root(node) or (node.pos_ in ("VERB", "AUX") and subject_of(node) is not None and node.dep_ != "acl"):
            break
        node = node.head
    return subject is not None and _names_another_party(subject, speaker) and _perfect(verb)


def judged(token: Token, judging: Iterable[Token]) -> bool:
    """The word stands in the subject of a clause whose predicate holds a code word of another
    code: the predicate judges it, and the move is the judgement, not the word ("their [list of
    demands] violated our sovereignty" accuses, "[calling for] compensation is groundless"
    denies, "the [agreement] had no force" rejects). A subject with no such predicate ("talks
    are the only way") still moves."""
    node = token
    for _ in range(MAX_PATH):
        if node.dep_ in SUBJECT_DEPS:
            verb, subject = node.head, {t.i for t in node.subtree}
            return any(t.i not in subject and clause_head(t).i == verb.i for t in judging)
        if is_root(node) or (node.pos_ in ("VERB", "AUX") and node.dep_ not in SUBJECT_DEPS):
            return False
        node = node.head
    return False


def unbound_promise(token: Token, speaker: frozenset[str]) -> bool:
    """A noun of promise ("agreement", "commitment", "sign") that binds nobody: no possessor
    and no speaker's verb that makes it ("the [agreement] signed last year", "the latest [sign]
    that ...", "a nation with a [commitment] to the law"), or a participle that describes a
    noun ("the accords [signed] last year"). Commit needs a binding (codebook):
    "our commitment", "its pledge", "we made a promise" bind the speaker."""
    if token.pos_ == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN":
        return True  # "the accords [signed] last year" describes them
    if token.pos_ != "NOUN":
        return False
    node = token
    for _ in range(MAX_PATH):  # "our proposal for an [agreement]", "Valdoria's approval of the [accord]"
        if any(c.dep_ == "poss" and not _names_another_party(c, speaker)
               or c.dep_ == "relcl" and _own_clause(c, speaker) for c in node.children):
            return False
        if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.head.pos_ != "NOUN":
            break
        node = node.head.head
    if token.dep_ == "dobj":
        subject = subject_of(token.head)
        return subject is None or _names_another_party(subject, speaker)
    return True


def _own_clause(verb: Token, speaker: frozenset[str]) -> bool:
    """The clause's subject is the speaker's: "an agreement [that we aim to sign]"."""
    subject = subject_of(verb)
    return subject is not None and subject.lower_ not in ("that", "which") and not _names_another_party(subject, speaker)


def precondition(token: Token, negated: bool) -> bool:
    """Talk bound to a condition the other side must meet: "talks only once they withdraw",
    "no talks until the shelling stops" (an "only" or a negation with the clause), not an offer
    with a condition ("ready to talk if the shelling stops", codebook D14)."""
    for node in _upwards(token):
        for clause in node.children:
            if clause.dep_ == "advcl":
                marks = {m.lower_ for m in clause.children if m.dep_ in ("mark", "advmod")}
            elif clause.dep_ == "prep" and any(o.pos_ in ("VERB", "AUX") for o in clause.children):
                marks = {clause.lower_}  # "until the shelling stops" parsed as a preposition
            else:
                continue
            if not marks & PRECONDITION_MARKS:
                continue
            only = any(t.lower_ == "only" for t in (*node.children, *clause.subtree))
            if only or (negated and marks & RESTRICTIVE_MARKS):
                return True
    return False


def pressed_on_another(token: Token) -> bool:
    """Talk pressed on another party: a verb of coercion with an object governs the word
    ("would press Ostmark to negotiate", "force Ostmark to the table"); not one's own side
    forced ("we were forced to accept")."""
    for node in _upwards(token):
        if node.i != token.i and node.pos_ == "VERB" and node.lemma_.lower() in COERCION_LEMMAS:
            return any(c.dep_ == "dobj" for c in node.children) and not any(
                c.dep_ in ("nsubjpass", "auxpass") for c in node.children)
    return False


def _upwards(token: Token, steps: int = 6) -> Iterable[Token]:
    """The token and the words it hangs from, up to its clause's head and the sentence root."""
    node = token
    for _ in range(steps):
        yield node
        if is_root(node):
            return
        node = node.head


def whose(component: str, token: Token, code: str, negated: bool, speaker: frozenset[str],
          content: frozenset[int]) -> str:
    """The rule component a code found at ``token`` belongs to: ``embedded`` for a move of
    the speaker's kind inside a relative clause, ``reported`` for one read off another party's
    act (``reported_act``; ``negated``: the code came from a negation), else ``component``
    itself. Accusations and judgements stay what they are: they are about another party."""
    if code not in OWN_MOVES or (code == "reassure" and _nobodys(token)):
        return component  # "nobody wants a war", "nobody is talking about war": the speaker's side too
    if in_relative_clause(token, content):
        return "embedded"
    return "reported" if reported_act(token, negated, speaker, content) else component


def judges(token: Token, nouns: frozenset[str]) -> bool:
    """The word stands in the predicate of a clause whose subject is one of ``nouns`` (the
    accusation words): "the [allegations] of our involvement are absurd"."""
    verb = clause_head(token)
    subject = subject_of(verb) if verb.i != token.i or token.pos_ in ("VERB", "AUX") else None
    return subject is not None and subject.lemma_.lower() in nouns and token.i not in {t.i for t in subject.subtree}


def phrase_owner(token: Token, code: str, negated: bool, speaker: frozenset[str], content: frozenset[int],
                 judging: list[Token], approval: frozenset[str] = frozenset()) -> str:
    """The rule component of a content phrase's code: ``embedded`` for a move in a subject that
    the predicate judges (``judged``: the words of the other codes' phrases), ``unbound`` for a
    promise word that binds nobody (``unbound_promise``), an approval word (``approval``) that
    is not the speaker's as ``approval_owner`` reads it, else as ``whose`` reads it."""
    if code in OWN_MOVES and judged(token, judging):
        return "embedded"
    if code == "commit" and unbound_promise(token, speaker):
        return "unbound"
    if code == "positive_assessment" and token.lemma_.lower() in approval:
        return approval_owner(token, speaker, content) or "phrase"
    return whose("phrase", token, code, negated, speaker, content)


def approval_owner(token: Token, speaker: frozenset[str], content: frozenset[int]) -> Optional[str]:
    """Whose approval a word of approval ("support", "endorse", "praise") is, when it is not
    the speaker's: a noun no party of the speaker's gives (``unbound_promise``: "the support
    of the unions", "turned to donors for support", "in support of the patrol") is
    ``unbound``; a verb of another party's act ("their government's decision to [endorse]
    the bid", "Ostmark praised the plan") ``reported``; one in a relative clause ("those who
    [support] him") ``embedded``. None when the speaker approves ("we support the plan",
    "expressed its full support", "our support"): praise only counts as the speaker's
    positive_assessment then (codebook rule 14, whose move)."""
    if token.pos_ == "NOUN":
        return "unbound" if unbound_promise(token, speaker) else None
    if token.pos_ != "VERB":
        return None
    if in_relative_clause(token, content):
        return "embedded"
    if reported_act(token, False, speaker, content):
        return "reported"
    if token.dep_ in ("xcomp", "acl") and token.head.pos_ == "NOUN":  # "their [decision] to endorse"
        agent = _agent(token.head)
        if agent is not None and _names_another_party(agent, speaker):
            return "reported"
    return None


def talk_move(token: Token, negated: bool, refused: bool) -> Optional[str]:
    """What a word about talks does when it is no offer of the speaker's: pressed on another
    party or made a precondition it demands; negated ("not up for negotiation", "no talks")
    it rejects, unless a refusal phrase already holds the negation ("did not rule out talks"
    engages: ``refused``). None when it is willingness to talk."""
    if pressed_on_another(token) or precondition(token, negated):
        return "demand"
    if negated and not refused:
        return "reject"
    return None


def refusal_move(verb: Token, code: str) -> str:
    """A deed refused until the other side acts is a precondition, which demands: "we will not
    negotiate unless they withdraw", "will not pull back until they disarm"."""
    return "demand" if code == "reject" and precondition(verb, True) else code


def harm_promised(found: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """A promise takes the code of what is promised (codebook, commit: "Not: a promise of
    harm; a promise not to harm"): the cue's ``commit`` ("vowed", "pledged") becomes
    ``threaten`` when the speaker's own words name a strong harm ("vowed countermeasures",
    "pledged to retaliate"), and ``reassure`` when they forswear one ("promised not to strike
    first", "pledged no escalation")."""
    if any(component == "phrase" and code == "threaten" and weight >= HARM_PROMISED_WEIGHT
           for component, code, weight in found):
        promised = "threaten"
    elif any(component in ("deed", "negated_word") and code == "reassure" for component, code, _ in found):
        promised = "reassure"
    else:
        return found
    return [(component, promised if component == "cue" and code == "commit" else code, weight)
            for component, code, weight in found]


def talks_promised(found: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """A promise to talk is engage (codebook, commit: "Not: a promise to talk"; engage: "an
    agreement to meet"): where the speaker's own words promise nothing but talks ("agreed to
    hold talks next week", "pledged to resume the dialogue"), their ``commit`` becomes
    ``engage``. A promise the rules find any other move in stays as it is."""
    own = {code for component, code, _ in found if component not in NOT_THE_SPEAKERS and component != "action"}
    if own != {"commit", "engage"}:
        return found
    return [(component, "engage" if code == "commit" and component not in NOT_THE_SPEAKERS else code, weight)
            for component, code, weight in found]


def blame_holder(token: Token) -> Optional[Token]:
    """Whom a word of blame lays it on: its possessor ("Ostmark's fault"), the party after
    "with"/"on" when the word is the subject ("the blame lies with Ostmark"), or its clause's
    subject ("Ostmark bears full responsibility", "we hold Ostmark responsible")."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = clause_head(token)
    if token.dep_ in SUBJECT_DEPS:
        for c in verb.children:
            if c.dep_ in ("acomp", "attr"):  # "the fault is ours"
                return c
            if c.dep_ == "prep" and c.lower_ in BLAMED_BY:
                return next((o for o in c.children if o.dep_ == "pobj"), None)
        return None
    return subject_of(verb)


def own_blame(token: Token, speaker: frozenset[str]) -> bool:
    """The word lays the blame on the speaker's own side ("we take full responsibility",
    "the fault is ours"): a concession, not an accusation (codebook, concede)."""
    holder = blame_holder(token)
    if holder is None:
        return False
    words = {t.lower_ for t in _phrase_words(holder)}
    return bool(words & FIRST_PERSON) or any(_same_name(w, s) for w in words for s in speaker)


def by_force(verb: Token, force_nouns: frozenset[str]) -> bool:
    """Armed forces carry out the deed: "our army will answer", "patrols will be doubled"."""
    return any(t.lemma_.lower() in force_nouns for t in verb.subtree if t.pos_ == "NOUN")


def answered(verb: Token, force_nouns: frozenset[str]) -> bool:
    """The deed answers with a response or force: "met with a firm [response]", "answered
    with [force]"."""
    return any(t.lemma_.lower() in RESPONSE_NOUNS | force_nouns for t in verb.subtree if t.pos_ == "NOUN")


def party_subject(verb: Token) -> bool:
    """A plan has a party behind it: a name, a person ("we", "they") or something of theirs
    ("its boats"), not a thing that merely will happen ("the talks would fail")."""
    subject = subject_of(verb)
    if subject is None or subject.lower_ in IMPERSONAL:
        return False
    return subject.pos_ in ("PROPN", "PRON") or any(c.dep_ == "poss" for c in subject.children)
