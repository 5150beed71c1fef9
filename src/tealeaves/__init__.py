"""tealeaves: who said what in crisis news, what it signals, and where messages conflict."""

from tealeaves.models import (
    Actor,
    Document,
    DocumentResult,
    InputError,
    MixedMessage,
    Result,
    Span,
    Standoff,
    Statement,
    Warning,
)

__version__ = "0.1.0"

_PIPELINE = ("analyze", "analyze_documents", "analyze_each")


def __getattr__(name: str):
    """The pipeline's functions, imported on first use: commands that only read a store
    (search, timeline, serve) then start without loading spaCy."""
    if name in _PIPELINE:
        from tealeaves import pipeline

        return getattr(pipeline, name)
    if name == "statements_table":
        from tealeaves.sinks.frames import statements_table

        return statements_table
    raise AttributeError(f"module 'tealeaves' has no attribute {name!r}")

__all__ = [
    "Actor", "Document", "DocumentResult", "InputError", "MixedMessage", "Result", "Span",
    "Standoff", "Statement", "Warning", "analyze", "analyze_documents", "analyze_each", "statements_table",
    "__version__",
]
