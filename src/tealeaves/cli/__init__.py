"""The ``tealeaves`` command: a thin click layer over ingest, the pipeline and the sinks.

Each module holds a few commands; ``options`` what they share. This package only gathers them
into one group, which imports a command's module when that command is run: ``tealeaves
analyze`` need not import the store, the dashboard or the batch engines (about 0.3 s of a
start-up that every article of a small run waits for).
"""

from __future__ import annotations

import importlib
from typing import Optional

import click

from tealeaves import __version__

# Each command's module and function (``tealeaves --help`` lists them by name).
COMMANDS = {
    "analyze": "analyze:analyze", "demo": "analyze:demo", "eval": "analyze:eval_", "report": "web:report",
    "serve": "web:serve", "batch": "scale:batch", "bench": "scale:bench", "ingest": "corpus:ingest",
    "search": "corpus:search", "actors": "corpus:actors", "timeline": "corpus:timeline", "mixed": "corpus:mixed",
    "clusters": "corpus:clusters", "export": "corpus:export", "reindex": "corpus:reindex", "review": "review:review",
    "correct": "review:correct", "corrections": "review:corrections",
}


class LazyGroup(click.Group):
    """A group whose commands are imported from ``COMMANDS`` when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f"tealeaves.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="tealeaves",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """tealeaves reads news articles and finds who said what: every quote and reported
    statement, its speaker (with role and side), what it signals (threaten, demand, reassure,
    deny, hedge...), and where one side sends mixed messages.

    Start with the bundled example, then run it on your own files:

    \b
        tealeaves demo                                  one article, in the terminal
        tealeaves analyze article.txt --format json     the JSON contract
        tealeaves report article.txt --out report.html  a self-contained HTML report
        tealeaves ingest news/ && tealeaves serve       a corpus store and its dashboard
        tealeaves batch articles.jsonl --out dataset/   a large corpus to Parquet

    Each command's --help has examples.
    """



def main() -> None:
    """Entry point of the ``tealeaves`` script and ``python -m tealeaves``."""
    cli(prog_name="tealeaves")
