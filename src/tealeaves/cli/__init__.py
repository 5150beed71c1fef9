"""The ``tealeaves`` command: a thin click layer over ingest, the pipeline and the sinks.

Each module holds a few commands; ``options`` what they share. This package only gathers them
into one group.
"""

from __future__ import annotations

import click

from tealeaves import __version__
from tealeaves.cli import analyze, corpus, review, scale, web


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


for _command in (analyze.analyze, analyze.demo, analyze.eval_, web.report, web.serve, scale.batch, scale.bench,
                 corpus.ingest, corpus.search, corpus.actors, corpus.timeline, corpus.mixed, corpus.clusters,
                 corpus.export, corpus.reindex, review.review, review.correct, review.corrections):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``tealeaves`` script and ``python -m tealeaves``."""
    cli(prog_name="tealeaves")
