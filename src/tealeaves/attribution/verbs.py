"""Statements reported by a cue verb: "said", "warned that", "the minister, who denied"."""

from __future__ import annotations

from spacy.tokens import Doc, Span as TokenSpan

from tealeaves.attribution.content import anaphoric_content, around_parenthesis, as_clause_tokens, content_from_children, content_outside, cue_clause, fronted_fragment, paragraph_after_colon, passive_content, said_before_parenthesis, topic_phrase, trails_content
from tealeaves.attribution.cues import cue_candidate, is_cue
from tealeaves.attribution.draft import Draft, clause_depth
from tealeaves.attribution.questions import question_participle
from tealeaves.attribution.speaker import SUBJECT_DEPS, can_speak, described_topic, inverted_parenthetical_subject, inverted_subject, no_speaker, said_by_who, source_of, speaking_participle, statement_mention, stranded_subject
from tealeaves.lexicon import Lexicon


def verb_drafts(doc: Doc, sent: TokenSpan, s_index: int, paragraph: int, lex: Lexicon) -> list[Draft]:
    drafts = []
    for token in sent:
        if question_participle(token):
            continue  # "Asked whether …": see question_drafts
        sense = is_cue(token, lex)
        if sense is None:
            continue
        subject = source_of(token)
        passive = subject is not None and subject.head.dep_ == "agent"  # "was endorsed by X": X is the source
        inverted = None
        if subject is None:
            inverted = inverted_subject(token)
            subject = inverted
        if subject is None:
            subject = stranded_subject(token)
        if subject is None or no_speaker(subject):
            continue
        derived = (subject.head.i == token.i and subject.dep_ in SUBJECT_DEPS or speaking_participle(token, sense)
                   or said_by_who(token))  # "fishermen, who say ..." speak; "a crisis that threatens" does not
        if (sense != "speech" or not derived) and sense != "evidence" and not can_speak(subject, lex) and not (
                lex.cue_model is not None and cue_candidate(token) is not None):
            continue  # "a crisis that threatens to ...", "the ability to use tension to seek ..." (unless the cue model kept it)
        note = None
        described = described_topic(token, subject)
        if described is not None:
            subject, note = described, (
                f"'{token.text} of {described.text}': the text says the words are about {described.text}, "
                f"but introduces {described.text} with a title as a speaker is introduced; "
                f"attributed to {described.text} with low confidence (likely a translation error)")
        if subject.tag_ in ("WP", "WDT"):
            continue
        if token.dep_ == "relcl" and subject.i != token.head.i and not any(
                c.dep_ in ("ccomp", "dobj", "oprd", "xcomp") and c.ent_type_ not in ("DATE", "TIME") for c in token.children):
            continue  # "the message Ryabkov expressed (the day before)": the object is the noun it modifies
        content = None if inverted is not None else content_from_children(doc, token, subject)
        halves: list[tuple[int, int]] = []
        aside = inverted_parenthetical_subject(token)
        if aside is not None and aside.i == subject.i:  # "The danger, said the minister, is the river"
            close = subject.right_edge.i if doc[subject.right_edge.i].text in ",." else subject.right_edge.i + 1
            clause = set(range(token.i - 1, close + 1))
            content = content_outside(doc, sent, clause)
            halves = around_parenthesis(doc, sent, clause)
        else:
            fronted = fronted_fragment(doc, token, subject) if content is not None else None
            if fronted is None and content is not None:
                fronted = said_before_parenthesis(doc, sent, token, subject)
            if fronted is not None:  # "Talks with the rebels, the general said, had broken down"
                halves = [fronted, content]
        if content is None and passive:
            content = passive_content(doc, token)
        reports_before = any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children)
        as_clause = as_clause_tokens(token) if content is None else None
        if as_clause is not None:  # "The fund lost money, as analysts had predicted"
            content = content_outside(doc, sent, as_clause)
            halves = around_parenthesis(doc, sent, as_clause)
        if content is None and (sense in ("speech", "evidence") or reports_before) and (
                token.dep_ == "parataxis" or inverted is not None or trails_content(token, subject)):
            clause = cue_clause(token, subject)
            content = content_outside(doc, sent, clause)
            halves = around_parenthesis(doc, sent, clause) if token.dep_ == "parataxis" else []
        if content is None:
            content = content_from_children(doc, token, subject) if inverted is not None else None
        if content is None and sense == "speech":
            content = anaphoric_content(token) or paragraph_after_colon(doc, sent, token)
        if content is None:
            content = topic_phrase(doc, token)
        cue_end = token.i + 1
        for child in token.children:
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end += 1
        drafts.append(
            Draft(
                start=sent.start_char,
                end=sent.end_char,
                sent_index=s_index,
                paragraph=paragraph,
                cue=(token.idx, doc[cue_end - 1].idx + len(doc[cue_end - 1])),
                cue_sense=sense,
                subject=subject,
                mention=statement_mention(doc, token, subject),
                content=halves or ([content] if content else []),
                confidence=(0.9 if sense == "speech" else 0.6) if note is None else 0.5,
                depth=clause_depth(token),
                note=note,
            )
        )
    return drafts
