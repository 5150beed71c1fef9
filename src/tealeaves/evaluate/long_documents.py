"""``tealeaves bench --long``: how analysis time grows with the length of one document.

A long article is made of our own invented sentences (the cast, places and sayings of
``evaluate.scale``; no real text): paragraphs of reported speech, quotes and narration
about a few sides, as a long news feature or a transcript has them. For each length the
benchmark times the parse and the stages after it (``analyze_parsed``, wall and CPU) of one document,
with the caps of ``budget.py`` as they are: a document beyond ``MAX_CHARS`` characters or
``MAX_SENTENCES`` sentences is analysed up to the cut, so the row also says how many words
were analysed and whether the result carries a "cut" warning. ``caps=False`` lifts those caps
for the run, to see how each stage itself grows with the length.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
from typing import Any, Callable, Iterator, Optional
from unittest import mock

from tealeaves.evaluate.scale import PLACES, SAYINGS, cast
from tealeaves.models import Document

# How a paragraph's sentences report what an official said, and what happened meanwhile.
_SPEECH = (
    '"{Saying}," {name} said.',
    '{name}, the {role} of {side}, said that {saying}.',
    'According to {name}, {saying}.',
    '{surname} told reporters on {weekday} that {saying}.',
    '"{Saying}," the {role} added.',
)
_NARRATION = (
    "Ferries crossed {place} twice that morning.",
    "Fishermen near {place} waited for news.",
    "A convoy was seen on the road to {place} before noon.",
    "Prices at the markets around {place} rose again.",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def long_text(words: int, seed: int = 1) -> str:
    """An invented article of about ``words`` words, in paragraphs of four to six sentences."""
    rng = random.Random(seed)
    people = [actor for actor in cast() if actor.side]
    sayings = [saying for signal, saying in SAYINGS.items() if signal]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        speaker = rng.choice(people)
        for _ in range(rng.randint(4, 6)):
            place = rng.choice(PLACES)
            if rng.random() < 0.7:
                saying = rng.choice(sayings).format(place=place)
                sentence = rng.choice(_SPEECH).format(
                    saying=saying, Saying=saying[0].upper() + saying[1:], name=speaker.name,
                    surname=speaker.name.split()[-1], role=speaker.role, side=speaker.side,
                    weekday=rng.choice(_WEEKDAYS))
                if rng.random() < 0.3:
                    speaker = rng.choice(people)
            else:
                sentence = rng.choice(_NARRATION).format(place=place)
            sentences.append(sentence[0].upper() + sentence[1:])
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def run_long(lengths: list[int], *, model: Optional[str] = None, repeat: int = 1, caps: bool = True,
             report: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Parse and analysis seconds of one invented document of each length (the fastest of
    ``repeat`` runs), with the words analysed and the statements found; ``caps=False`` lifts
    the caps of one document's analysis (``uncapped``)."""
    with contextlib.nullcontext() if caps else uncapped():
        return {**_run_long(lengths, model, repeat, report), "caps": caps}


@contextlib.contextmanager
def uncapped() -> Iterator[None]:
    """The pipeline without the caps of ``budget.py`` on one document (characters, sentences,
    statements, pairs), for measuring: a bench row, never an analysis to keep."""
    lifted: dict[str, Any] = {name: sys.maxsize for name in ("MAX_CHARS", "MAX_SENTENCES", "MAX_STATEMENTS", "MAX_PAIRS")}
    with mock.patch.multiple("tealeaves.pipeline", **lifted):
        yield


def _run_long(lengths: list[int], model: Optional[str], repeat: int, report: Callable[[str], None]) -> dict[str, Any]:
    from tealeaves import pipeline
    from tealeaves.lexicon import default_lexicon
    from tealeaves.nlp.model import load_model, model_label, parse_text
    from tealeaves.pipeline import analysed_part, analyze_parsed, warm_up

    nlp = load_model(model)
    lexicon = default_lexicon()
    warm_up(nlp, lexicon)
    rows = []
    for words in sorted(lengths):
        report(f"{words:,} words")
        text = long_text(words)
        document = Document(id=f"long-{words}", source=f"long/{words}.txt", text=text)
        parses, analyses, cpu = [], [], []
        for _ in range(repeat):
            started = time.perf_counter()
            parsed = nlp(parse_text(analysed_part(text)))
            parses.append(time.perf_counter() - started)
            started, started_cpu = time.perf_counter(), time.process_time()
            result = analyze_parsed(document, parsed, lexicon, model_label(nlp))
            analyses.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        sentences = list(parsed.sents)[: pipeline.MAX_SENTENCES]
        analysed = sentences[-1].end_char if sentences else 0
        rows.append({"words": len(text.split()), "words_analysed": len(text[:analysed].split()),
                     "parse_s": round(min(parses), 2), "after_parse_s": round(min(analyses), 2),
                     "after_parse_cpu_s": round(min(cpu), 2),
                     "statements": len(result.statements),
                     "cut": [w.message for w in result.warnings if w.kind == "cut"]})
    return {"repeat": repeat, "rows": rows}


def format_rows(result: dict[str, Any]) -> Any:
    """The figures as a rich table."""
    from rich.table import Table

    caps = "" if result.get("caps", True) else ", caps lifted"
    table = Table(title=f"tealeaves bench --long (one invented document per length{caps})")
    for column in ("words", "words analysed", "parse s", "after parse s", "after parse CPU s", "statements", "cut"):
        table.add_column(column, justify="left" if column == "cut" else "right")
    for row in result["rows"]:
        table.add_row(f"{row['words']:,}", f"{row['words_analysed']:,}", str(row["parse_s"]),
                      str(row["after_parse_s"]), str(row["after_parse_cpu_s"]), str(row["statements"]),
                      "; ".join(row["cut"]) or "no")
    return table
