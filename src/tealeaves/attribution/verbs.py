"""Statements reported by a cue verb: "said", "warned that", "the minister, who denied"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from tealeaves.attribution.content import (
    anaphoric_content,
    around_parenthesis,
    as_clause_tokens,
    content_from_children,
    content_outside,
    cue_clause,
    fronted_fragment,
    opened_by,
    paragraph_after_colon,
    passive_content,
    reacted_to,
    said_before_parenthesis,
    the_accused,
    topic_phrase,
    trails_content,
)
from tealeaves.attribution.cues import LEMMA_REPAIRS, cue_candidate, is_cue
from tealeaves.attribution.draft import TRIM_CHARS, Draft, clause_depth
from tealeaves.attribution.questions import question_participle
from tealeaves.attribution.speaker import (
    SUBJECT_DEPS,
    can_speak,
    described_topic,
    inverted_parenthetical_subject,
    inverted_subject,
    issuer_of_document,
    no_speaker,
    quoting_verb,
    said_by_who,
    source_of,
    speaking_participle,
    statement_mention,
    stranded_subject,
)
from tealeaves.lexicon import Lexicon
from tealeaves.nlp.cue_model import DOUBLE_MARKS
from tealeaves.nlp.text import doc_text
from tealeaves.words import word_set

Span = tuple[int, int]
ASKING_CUES = word_set("asking_cues")
CREDIT_LINE_VERBS = word_set("credit_line_verbs")
MUTE_NOUNS = word_set("mute_nouns") | word_set("event_nouns")  # "the summit, which promised …", "the strikes aim to …"


@dataclass(frozen=True)
class Speaker:
    """Who a cue verb's words belong to, and how the text says so."""

    subject: Token
    passive: bool  # "was endorsed by X": X is the source
    inverted: bool  # "said the minister"
    note: Optional[str] = None  # why the attribution is uncertain


def verb_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    """A draft for every cue verb of the sentence with a speaker who can say it: its speaker
    mention, its content (one span, or the halves around a parenthetical cue) and its cue."""
    drafts = []
    for token in sent:
        if question_participle(token):
            continue  # "Asked whether …": see question_drafts
        sense = is_cue(token, lex)
        if sense is None:
            continue
        if sense != "speech" and _issues_what_speaks(token, lex):
            continue  # "issued a statement saying …": the participle's statement
        speaker = _speaker(token, sense, lex)
        if speaker is None:
            continue
        subject = speaker.subject
        if _credit_line(token, subject):
            continue
        if sense == "speech" and _a_journalist_asks(token, subject, lex):
            sense = "question"  # "a reporter who asked about the costs": no party's words
        content, halves = _content(doc, sent, token, sense, speaker, lex.cue_senses)
        mention = statement_mention(doc, token, subject)
        subject = the_accused(token, subject, lex.cue_senses) or subject  # "…, which they have denied"
        cue_end = token.i + 1
        for child in token.children:
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end += 1
        words = halves or ([content] if content else [])
        for part in (_quoted_second_clause(doc, token, content) if not halves else []) or [words]:
            drafts.append(
                Draft(
                    start=sent.start_char,
                    end=sent.end_char,
                    sent_index=s_index,
                    paragraph=paragraph,
                    cue=(token.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])),
                    cue_sense=sense,
                    subject=subject,
                    mention=mention,
                    content=part,
                    confidence=(0.9 if sense == "speech" else 0.6) if speaker.note is None else 0.5,
                    depth=clause_depth(token),
                    note=speaker.note,
                )
            )
    return drafts


def _quoted_second_clause(doc: Doc, cue: Token, content: Optional[Span]) -> list[list[Span]]:
    """'said the port was shut and that “talks are over”': a second that-clause joined to the
    cue's clause that quotes the speaker reports a second utterance: the words of each statement
    (else []). Without quoted words in it ('said the talks were “useful” and that B') it
    paraphrases the same one."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
    second = next((t for t in clause.subtree if t.dep_ == "conj" and opened_by(t, "that")
                   and _joined_to(t.head, clause)), None) if clause is not None else None
    link = next((c for c in second.head.children if c.dep_ == "cc" and c.i < second.left_edge.i),
                None) if second is not None else None
    if content is None or second is None or link is None or not content[0] < link.idx < content[1]:
        return []
    text = doc_text(doc)
    if not any(mark in text[link.idx : content[1]] for mark in DOUBLE_MARKS):
        return []
    first = text[content[0] : link.idx].rstrip(TRIM_CHARS)
    return [[(content[0], content[0] + len(first))], [(second.left_edge.idx, content[1])]]


def _joined_to(token: Token, clause: Token) -> bool:
    """Whether a verb is the clause's own, not one of a clause reported inside it ("said X
    claimed A and that B": B is X's)."""
    while token.i != clause.i:
        if token.dep_ not in ("conj", "advcl", "xcomp") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _issues_what_speaks(verb: Token, lex: Lexicon) -> bool:
    """'Roe issued a statement saying talks may resume': the issuing is no stance of its own;
    the speech participle on the document carries the words."""
    return any(issuer_of_document(participle) is not None and is_cue(participle, lex) == "speech"
               for document in verb.children if document.dep_ == "dobj" for participle in document.children)


def _credit_line(cue: Token, subject: Token) -> bool:
    """'AFP adds:' opening a paragraph: an agency's credit for the text that follows, the
    writer's own narration, not its statement. A person ("Roe adds: …") still speaks."""
    doc = cue.doc
    return LEMMA_REPAIRS.get(cue.lower_, cue.lemma_.lower()) in CREDIT_LINE_VERBS and subject.ent_type_ == "ORG" \
        and subject.left_edge.i == cue.sent.start and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":" \
        and (cue.sent.start == 0 or "\n" in doc[cue.sent.start - 1].text_with_ws or doc[cue.sent.start - 1].is_space)


def _a_journalist_asks(cue: Token, subject: Token, lex: Lexicon) -> bool:
    """'A reporter asked whether …', 'a reporter who asked about …': a journalist's question,
    put to a speaker, says nothing for any side (see also questions.question_drafts)."""
    if LEMMA_REPAIRS.get(cue.lower_, cue.lemma_.lower()) not in ASKING_CUES:
        return False
    if subject.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        subject = cue.head  # "a reporter who asked"
    role = lex.roles.get(subject.lemma_.lower())
    return role is not None and role.kind == "journalist"


def _speaker(token: Token, sense: str, lex: Lexicon) -> Optional[Speaker]:
    """The speaker of a cue: its subject or agent, an inverted or stranded subject; None when
    there is none or it cannot say these words."""
    subject = source_of(token)
    passive = subject is not None and subject.head.dep_ == "agent"
    inverted = None
    if subject is None:
        inverted = inverted_subject(token)
        subject = inverted
    if subject is None:
        subject = stranded_subject(token)
    if subject is None or no_speaker(subject) or _charged_act(token, lex):
        return None
    apposed = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and can_speak(c, lex)), None)
    if LEMMA_REPAIRS.get(subject.lower_, subject.lemma_.lower()) in MUTE_NOUNS and apposed is not None:
        subject = apposed  # "After the election, Jane Roe, an adviser, called …" with the name hung on the event
    elif LEMMA_REPAIRS.get(subject.lower_, subject.lemma_.lower()) in MUTE_NOUNS:
        subject = _speaker_of_clause_before(token, subject, lex) or subject
        if not any(c.dep_ in ("ccomp", "parataxis") for c in token.children):
            return None  # "the talks aim to end the war", "the fallout threatens to derail the summit"
    derived = (subject.head.i == token.i and subject.dep_ in SUBJECT_DEPS or speaking_participle(token, sense)
               or said_by_who(token))  # "fishermen, who say ..." speak; "a crisis that threatens" does not
    if (sense != "speech" or not derived) and sense != "evidence" and not can_speak(subject, lex) and not (
            lex.cue_model is not None and cue_candidate(token) is not None):
        return None  # "a crisis that threatens to ...", "the ability to use tension to seek ..." (unless the cue model kept it)
    note = None
    described = described_topic(token, subject)
    if described is not None:
        subject, note = described, (
            f"'{token.text} of {described.text}': the text says the words are about {described.text}, "
            f"but introduces {described.text} with a title as a speaker is introduced; "
            f"attributed to {described.text} with low confidence (likely a translation error)")
    if subject.tag_ in ("WP", "WDT"):
        return None
    if token.dep_ == "relcl" and subject.i != token.head.i and not any(
            c.dep_ in ("ccomp", "dobj", "oprd", "xcomp") and c.ent_type_ not in ("DATE", "TIME") for c in token.children):
        return None  # "the message Ryabkov expressed (the day before)": the object is the noun it modifies
    return Speaker(subject, passive, inverted is not None, note)


def _charged_act(cue: Token, lex: Lexicon) -> bool:
    """'accused Osterlich of refusing to talks', 'blamed the rebels for rejecting the truce': what
    the accused is charged with doing is the accuser's words, no statement of the accuser's own."""
    preposition = cue.head
    if cue.dep_ != "pcomp" or preposition.dep_ != "prep":
        return False
    judge = preposition.head
    return preposition.lower_ in lex.unnamed_judgements.get(judge.lemma_.lower(), ()) and any(
        c.dep_ == "dobj" and c.i < preposition.i for c in judge.children)


def _speaker_of_clause_before(cue: Token, mute: Token, lex: Lexicon) -> Optional[Token]:
    """'Hopes for a truce were dashed when the army announced …, claiming that …': a participle
    hung on a clause whose subject cannot speak is said by the speaker of the clause between
    (the one, before the participle, hung on the same verb)."""
    if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "xcomp") or mute.i > cue.i:
        return None
    clauses = [c for c in cue.head.children if c.dep_ in ("advcl", "conj") and mute.i < c.i < cue.i]
    subjects = [s for c in clauses for s in c.children if s.dep_ in SUBJECT_DEPS and can_speak(s, lex)]
    return subjects[-1] if subjects else None


def _content(doc: Doc, sent: TokenSpan, token: Token, sense: str, speaker: Speaker,
             cue_senses: dict[str, str]) -> tuple[Optional[Span], list[Span]]:
    """What a cue verb reports: its clause, object or phrase, or the halves around a
    parenthetical cue; the first construction that gives content wins."""
    subject, inverted = speaker.subject, speaker.inverted
    content, halves = _parenthetical_content(doc, sent, token, subject, inverted)
    if content is None and token.dep_ == "relcl":
        content = reacted_to(doc, token, cue_senses)
    if content is None and speaker.passive:
        content = passive_content(doc, token)
    reports_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children)
    as_clause = as_clause_tokens(token) if content is None else None
    if as_clause is not None:  # "The fund lost money, as analysts had predicted"
        content = content_outside(doc, sent, as_clause)
        halves = around_parenthesis(doc, sent, as_clause)
    if content is None and (sense in ("speech", "evidence") or reports_before) and (
            token.dep_ == "parataxis" or inverted or trails_content(token, subject)):
        clause = cue_clause(token, subject)
        content = content_outside(doc, sent, clause)
        halves = around_parenthesis(doc, sent, clause) if token.dep_ == "parataxis" else []
    relay = quoting_verb(token)
    if content is None and relay is not None and trails_content(relay, subject):
        content = content_outside(doc, sent, cue_clause(relay, subject))  # "The plan is sound, X was quoted as saying"
    if content is None:
        content = content_from_children(doc, token, subject) if inverted else None
    if content is None and sense == "speech":
        content = anaphoric_content(token) or paragraph_after_colon(doc, sent, token)
    if content is None:
        content = topic_phrase(doc, token)
    return content, halves


def _parenthetical_content(doc: Doc, sent: TokenSpan, token: Token, subject: Token,
                           inverted: bool) -> tuple[Optional[Span], list[Span]]:
    """The cue's own content, with the words around it when the cue interrupts them ("The
    danger, said the minister, is the river"; "Talks, the general said, had broken down")."""
    content = None if inverted else content_from_children(doc, token, subject)
    aside = inverted_parenthetical_subject(token)
    if aside is not None and aside.i == subject.i:
        close = subject.right_edge.i if doc[subject.right_edge.i].text in ",." else subject.right_edge.i + 1
        clause = set(range(token.i - 1, close + 1))
        return content_outside(doc, sent, clause), around_parenthesis(doc, sent, clause)
    fronted = fronted_fragment(doc, token, subject) if content is not None else None
    if fronted is None and content is not None:
        fronted = said_before_parenthesis(doc, sent, token, subject)
    return content, ([fronted, content] if fronted is not None and content is not None else [])
