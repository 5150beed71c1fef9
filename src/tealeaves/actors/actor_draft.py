"""The record of an actor while a document's mentions are read (``ActorDraft``), frozen into
an ``Actor`` once they all are: an observer's side becomes its affiliation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from tealeaves.actors.names import slug
from tealeaves.models import OBSERVER_KINDS, Actor


@dataclass
class ActorDraft:
    """An actor being built while mentions are read."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: Optional[str] = None
    role_noun: Optional[str] = None
    office: bool = False
    side: Optional[str] = None
    surname: Optional[str] = None
    gender: Optional[str] = None  # "f" or "m" once the document's pronouns tell

    def add_alias(self, alias: str) -> None:
        alias = alias.strip(" ,")
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def freeze(self) -> Actor:
        observer = self.kind in OBSERVER_KINDS
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=tuple(self.aliases),
            role=self.role,
            side=None if observer else self.side,
            affiliation=self.side if observer else None,
        )


def ids_by_final_name(actors: Iterable[ActorDraft], used: set[str]) -> dict[str, str]:
    """Old id -> new id for the people of ``used`` whose id came from an earlier name ("trump"
    for "Donald Trump"), each given its final name's id: a corpus adds up actors by id, so an id
    names one person, not any "Trump"."""
    actors = list(actors)
    taken = {a.id for a in actors}
    renamed = {}
    for actor in actors:
        wanted = slug(actor.name)
        if actor.id in used and actor.surname and actor.id != wanted and wanted not in taken:
            taken.add(wanted)
            renamed[actor.id], actor.id = wanted, wanted
    return renamed
