"""Hand-made results for the report and dashboard tests (articles written for these tests)."""

from __future__ import annotations

from typing import Optional

from tealeaves.analysis.positions import positions
from tealeaves.io.readers import read_text
from tealeaves.models import Actor, DocumentResult, MixedMessage, Span, Standoff, Statement, Warning

HARBOUR = (
    "Admiral Vey said the fleet \"will not leave the strait\" until talks begin. "
    "Minister Oran warned of \"consequences\" if the ships stayed. "
    "Later Oran said there was \"no reason to fear a clash\".\n\n"
    "Analyst Ruth Kell said nobody knows what comes next."
)
XSS = (
    "Envoy Pax said \"<script>window.__pwned = 1; alert('x')</script> we reject this\" on Monday. "
    "A spokesman added <img src=x onerror=\"window.__pwned = 2\"> that talks go on."
)


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def statement(text: str, doc_id: str, number: int, sentence: str, said: str, speaker: Optional[str],
              signal: Optional[str], kind: str = "direct", negated: bool = False) -> Statement:
    whole = _span(text, sentence)
    return Statement(id=f"{doc_id[:8]}-s{number:02d}", kind=kind, start=whole.start, end=whole.end,
                     text=whole.text, speaker_id=speaker, content=(_span(text, said),), signal=signal,
                     signals=(signal,) if signal else (), negated=negated, confidence=0.9)


def harbour(published: str = "2024-03-01", outlet: str = "Harbour Wire") -> DocumentResult:
    doc = read_text(HARBOUR, "harbour.txt", title="Fleet stays in the strait", published=published, outlet=outlet)
    t, i = HARBOUR, doc.id
    s1 = statement(t, i, 1, t[: t.index("begin.") + 6], "will not leave the strait", "vey", "reject")
    s2 = statement(t, i, 2, "Minister Oran warned of \"consequences\" if the ships stayed.", "consequences",
                   "oran", "threaten", kind="partial")
    s3 = statement(t, i, 3, "Later Oran said there was \"no reason to fear a clash\".", "no reason to fear a clash",
                   "oran", "reassure")
    s4 = statement(t, i, 4, "Analyst Ruth Kell said nobody knows what comes next.", "nobody knows what comes next",
                   "kell", None, kind="indirect")
    actors = (Actor("vey", "Admiral Vey", "official", role="fleet commander", side="Ostland"),
              Actor("oran", "Minister Oran", "official", role="defence minister", side="Westmark"),
              Actor("kell", "Ruth Kell", "analyst"))
    return DocumentResult(
        document=doc,
        actors=actors,
        statements=(s1, s2, s3, s4),
        positions=positions((s1, s2, s3, s4), {a.id: a for a in actors}),
        mixed_messages=(MixedMessage(f"{i[:8]}-m01", "Westmark", (s2.id, s3.id), "reassurance_vs_threat",
                                     "Oran both warns of consequences and says there is no reason to fear a clash.",
                                     0.8),),
        standoffs=(Standoff(f"{i[:8]}-x01", ("Ostland", "Westmark"), (s1.id, s2.id), "the strait",
                            "The fleet will not leave; Westmark threatens if it stays."),),
        warnings=(Warning("role_conflict", "Oran is called both minister and envoy", "Minister Oran", "oran"),),
        coherence={"Westmark": 0.5, "Ostland": 1.0},
        model="handmade",
    )


def hostile(published: str = "2024-03-02") -> DocumentResult:
    """An article whose text and speaker carry markup and event handlers."""
    doc = read_text(XSS, "xss.txt", title="<b>Envoy</b> <script>alert(1)</script>", published=published,
                    outlet="<i>Wire</i>")
    t, i = XSS, doc.id
    said = "<script>window.__pwned = 1; alert('x')</script> we reject this"
    s1 = statement(t, i, 1, t[: t.index("Monday.") + 7], said, "pax", "reject")
    return DocumentResult(
        document=doc,
        actors=(Actor("pax", "Envoy <img src=x onerror=alert(3)> Pax", "official", side="Ostland\"><script>"),),
        statements=(s1,),
        model="handmade",
    )
