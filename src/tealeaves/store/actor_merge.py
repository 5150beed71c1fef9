"""Corpus actors: the actors of every document folded into one per person or body.

A document's actor id comes from the name it goes by there, so the same id in two documents
is one actor. People under two ids are folded when their names are one person's
(``tealeaves.actors.names.same_person``: "Donald J. Trump" and "Donald Trump", "Nicolás
Maduro" and "Nicolas Maduro"), never when a first name, middle name or suffix differs; a name
that fits two people ("George Bush" beside "George W. Bush" and "George H. W. Bush") and a lone
surname that fits two are kept apart with a warning; a lone surname called "Mrs." or "Mr." fits
no one of the other gender. Each fold is recorded with its evidence
(``merges``), so that a reader can see why two names count as one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Mapping, Optional

from tealeaves.actors.names import DESCRIPTION_WORDS, could_be_one, person_name, same_person
from tealeaves.actors.roles import NOT_NOW
from tealeaves.lexicon import TITLE_WORDS, default_lexicon

Entry = dict[str, Any]
PERSON_KINDS = ("person", "official", "analyst", "journalist")


def merge_names(merged: dict[str, Entry]) -> dict[str, Entry]:
    """Fold the entries (keyed by actor id) that are one person or one body, in place."""
    _merge_people(merged)
    by_name: dict[str, Entry] = {}
    for entry in sorted(merged.values(), key=lambda e: (-e["documents"], e["id"])):
        name = display_name(entry)
        if len(name.split()) > 1 and name.casefold() in by_name:
            _fold(merged, entry, into=by_name[name.casefold()], evidence="the same name")
        else:
            by_name.setdefault(name.casefold(), entry)
    _merge_framed_names(merged)
    _merge_surnames(merged)
    return merged


def _kind(entry: Entry) -> str:
    return entry["kinds"].most_common(1)[0][0]


def _full_names(entry: Entry) -> list[str]:
    return [name for name in entry["names"] if person_name(name)]


def _merge_people(merged: dict[str, Entry]) -> None:
    """Fold people whose full names are one person's. The most detailed names are read first,
    so that a shorter name joins a person only when it fits no other of that surname."""
    people = [e for e in merged.values() if _kind(e) in PERSON_KINDS and person_name(display_name(e))]
    people.sort(key=lambda e: (-_detail(display_name(e)), -e["documents"], e["id"]))
    clusters: dict[str, list[list[Entry]]] = defaultdict(list)  # surname -> the people of that surname
    for entry in people:
        name = display_name(entry)
        parts = person_name(name)
        assert parts is not None
        fits = [c for c in clusters[parts.surname] if _fits(name, c)]
        if len(fits) == 1:
            fits[0].append(entry)
        else:
            if len(fits) > 1:
                entry["ambiguous"] = sorted(display_name(c[0]) for c in fits)
            clusters[parts.surname].append([entry])
    for cluster in (c for group in clusters.values() for c in group if len(c) > 1):
        into = min(cluster,  # the most documents; on a tie the plainest name
                   key=lambda e: (-e["documents"], -e["statements"], _detail(display_name(e)), e["id"]))
        for entry in cluster:
            if entry is not into:
                _fold(merged, entry, into=into, evidence=_why(display_name(entry), [into, *cluster]))


def _why(name: str, cluster: list[Entry]) -> str:
    """The evidence that joins a name to its cluster: the first other name (the cluster's
    leading actor's first) it is one with."""
    for other in (n for entry in cluster for n in _full_names(entry) if n != name):
        if (evidence := same_person(name, other)) is not None:
            return f"{name} = {other}: {evidence}"
    return f"{name}: one of the names of this person"


def _detail(name: str) -> int:
    parts = person_name(name)
    return len(parts.middles) + (len(parts.first) > 1) if parts else 0


def _fits(name: str, cluster: list[Entry]) -> bool:
    """Whether a name is the cluster's person: one of its names by ``same_person``, and none of
    its full names another person's."""
    names = [n for entry in cluster for n in _full_names(entry)]
    return any(same_person(name, n) for n in names) and all(could_be_one(name, n) for n in names)


def _merge_framed_names(merged: dict[str, Entry]) -> None:
    """Fold a name that is a person's full name framed by words that are no part of it: a
    title the model kept in the name ("Billionaire Donald Trump", "Former Hewlett-Packard CEO
    Carly Fiorina") or a headline's verb run on after it ("Marco Rubio Responds To Question"),
    whatever kind the model gave it. The person must go by the last word of that name alone
    elsewhere ("Trump"), so that the name's first word is a first name ("Marine Le Pen" is not
    "Le Pen" with a title); only the framed name's aliases that hold the surname come along.
    Never a description ("supporters of Jane Roe"), a list ("... and
    Jane Roe") or a frame with another person's name ("Jane Roe Slams Ana Lind")."""
    people = {display_name(e).casefold(): e for e in merged.values()
              if _kind(e) in PERSON_KINDS and len(display_name(e).split()) > 1 and person_name(display_name(e))
              and display_name(e).split()[-1] in e["aliases"] | set(e["names"])}
    for entry in list(merged.values()):
        words = display_name(entry).split()
        for size in (3, 2):
            framed = [(words[:-size], words[-size:], _title_words), (words[size:], words[:size], _headline_words)]
            for frame, name, fits in framed:
                into = people.get(" ".join(name).casefold())
                if into is None or into is entry or not frame or not fits(frame) or _names_someone(frame, people):
                    continue
                where = "after a title" if fits is _title_words else "in a headline"
                surname = name[-1].casefold()  # the frame's other aliases are its own ("The Rise Of ISIS")
                entry["aliases"] = {a for a in entry["aliases"] if surname in a.casefold().split()}
                _fold(merged, entry, into=into, evidence=f"{display_name(entry)}: {display_name(into)} {where}")
                break
            else:
                continue
            break


def _names_someone(words: list[str], people: Mapping[str, Entry]) -> bool:
    return any(" ".join(words[i : i + 2]).casefold() in people for i in range(len(words) - 1))


def _title_words(words: list[str]) -> bool:
    """Whether words before a full name may be a title: capitalised words ("Billionaire",
    "Former Hewlett-Packard CEO") or the lower-case words of a title ("former", "host"), with no
    description or joining word and no punctuation inside."""
    lexicon = default_lexicon()
    return not any(w.casefold() in DESCRIPTION_WORDS | {"and", "or", "&", "but"} or re.search(r"[,;:()\"“”—–]", w)
                   or (w[:1].islower() and w.rstrip(".") not in TITLE_WORDS and w not in lexicon.roles
                       and NOT_NOW.fullmatch(w) is None) for w in words)


def _headline_words(words: list[str]) -> bool:
    """Whether words after a full name are a headline's: a capitalised verb in -s first
    ("Responds To Question", "Blasts Drudge"), every word capitalised."""
    return bool(re.fullmatch(r"[A-Z][a-z]+s", words[0])) and all(w[:1].isupper() for w in words)


def _merge_surnames(merged: dict[str, Entry]) -> None:
    """An actor known only by one word ("Petrov") joins the one actor of its kind whose full
    name ends with that word or who has it as an alias; when several could be meant, nothing
    is folded and the short actor carries a warning naming them."""
    known_by: dict[str, list[Entry]] = defaultdict(list)  # a word -> the full-named actors it may mean
    for entry in merged.values():
        name = display_name(entry)
        if len(name.split()) > 1 and (_kind(entry) not in PERSON_KINDS or person_name(name)):
            for word in entry["aliases"] | {name.split()[-1] for name in entry["names"] if name.split()}:
                known_by[word].append(entry)
    for entry in [e for e in merged.values() if len(display_name(e).split()) == 1]:
        word, kind = display_name(entry), _kind(entry)
        meant = [e for e in known_by.get(word, []) if _same_kind(_kind(e), kind)]
        gender = _honorific_gender(entry)
        meant = [e for e in meant if gender is None or _gender(e) in (None, gender)]  # "Mrs. Roe": no Bill Roe
        evidence = "its surname" if meant and word in {n.split()[-1] for n in meant[0]["names"]} else "an alias of it"
        evidence = f"{word}: {evidence}, and no other actor's" + (
            f" of its gender ({'Mrs./Ms.' if gender == 'f' else 'Mr.'})" if gender else "")
        if len(meant) > 1 and (holder := _role_holder(entry, meant)) is not None:
            evidence = (f"{word}: the surname of {', '.join(sorted(display_name(e) for e in meant))}; its role "
                        f"({', '.join(sorted(_role_heads(entry)))}) is {display_name(holder)}'s in most documents")
            meant = [holder]
        if len(meant) > 1 and (known := _best_known(meant)) is not None:
            others = sorted(display_name(e) for e in meant if e is not known)
            evidence = (f"{word}: the surname of {display_name(known)}, named in {known['documents']} documents, "
                        f"and of {', '.join(others)}, in {sum(e['documents'] for e in meant) - known['documents']}")
            meant = [known]
        if len(meant) > 1:
            entry["ambiguous"] = sorted(display_name(e) for e in meant)
        elif meant:
            _fold(merged, entry, into=meant[0], evidence=evidence)


def _best_known(meant: list[Entry]) -> Entry | None:
    """Which of several people of one surname a lone surname means when one of them is named
    in at least ten documents and ten times as many as all the others together ("Cruz" in a
    corpus of Ted Cruz beside one article's Carla Cruz); None when none is."""
    best = max(meant, key=lambda e: e["documents"])
    rest = sum(e["documents"] for e in meant) - best["documents"]
    return best if best["documents"] >= max(10, 10 * rest) else None


def _honorific_gender(entry: Entry) -> Optional[str]:
    """The gender the honorifics an actor is called by agree on ("Mrs. Roe": "f"), or None."""
    honorifics = default_lexicon().genders["honorifics"]
    genders = {honorifics[first] for n in (*entry["names"], *entry["aliases"])
               if (first := n.split()[0].lower().rstrip(".") if n.split() else "") in honorifics}
    return genders.pop() if len(genders) == 1 else None


def _gender(entry: Entry) -> Optional[str]:
    """A full-named actor's gender by its first name (``data/genders.yaml``), or None."""
    return default_lexicon().gender_of(display_name(entry))


def _same_kind(a: str, b: str) -> bool:
    """Kinds one actor may be given in two documents: any two kinds of person, else the same."""
    return a == b or (a in PERSON_KINDS and b in PERSON_KINDS)


def _role_holder(entry: Entry, meant: list[Entry]) -> Entry | None:
    """Which of several people of one surname a lone surname is, by its role: the one person
    with that role ("candidate", "president") in at least four in five of the documents that
    give any of them that role; None when no one is."""
    heads = _role_heads(entry)
    counts = {id(e): sum(n for role, n in e["roles"].items() if _role_heads({"roles": {role: n}}) & heads)
              for e in meant}
    best = max(meant, key=lambda e: counts[id(e)])
    return best if counts[id(best)] and counts[id(best)] >= 0.8 * sum(counts.values()) else None


def _role_heads(entry: Entry) -> set[str]:
    """The head nouns of an actor's roles ("candidate" of "Republican presidential candidate",
    "president" of "president, United States")."""
    return {head.split()[-1].casefold() for role in entry["roles"] if (head := role.split(",")[0]).split()}


def _fold(merged: dict[str, Entry], entry: Entry, *, into: Entry, evidence: str) -> None:
    """Add one corpus actor's names, documents and statements to another's, drop it, and
    record why."""
    for key in ("names", "kinds", "roles", "sides"):
        into[key].update(entry[key])
    into["aliases"] |= entry["aliases"] | set(entry["names"])
    into["members"] |= entry["members"]
    into["documents"] += entry["documents"]
    into["statements"] += entry["statements"]
    into.setdefault("merges", []).extend(
        [{"id": entry["id"], "name": display_name(entry), "evidence": evidence}, *entry.get("merges", [])])
    del merged[entry["id"]]


def display_name(entry: Entry) -> str:
    """The name a corpus actor goes by: its most frequent full name (else its most frequent name)."""
    return max(entry["names"].items(), key=lambda item: (len(item[0].split()) > 1, item[1]))[0]


def corpus_actor_row(entry: Entry) -> Entry:
    """The stored row of a corpus actor: its names, the most frequent kind, role and side,
    conflicts as warnings and the folds as ``merges``."""
    name = display_name(entry)
    warnings = [f"{name} has {len(entry[key])} different {label} across documents: "
                + "; ".join(f"{value} ({n})" for value, n in entry[key].most_common())
                for key, label in (("sides", "sides"), ("roles", "roles")) if len(entry[key]) > 1]
    if entry.get("ambiguous"):
        warnings.append(f"{name} may be any of {', '.join(entry['ambiguous'])}: kept apart")
    return {
        "id": entry["id"], "name": name,
        "aliases": sorted((entry["aliases"] | set(entry["names"])) - {name}),
        "kind": _kind(entry),
        "role": entry["roles"].most_common(1)[0][0] if entry["roles"] else None,
        "side": entry["sides"].most_common(1)[0][0] if entry["sides"] else None,
        "roles": [r for r, _ in entry["roles"].most_common()], "sides": [s for s, _ in entry["sides"].most_common()],
        "documents": entry["documents"], "statements": entry["statements"], "warnings": warnings,
        "members": sorted(entry["members"]), "merges": entry.get("merges", []),
    }
