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
from tealeaves.pipeline import analyze, analyze_documents, analyze_each

__version__ = "0.1.0"

__all__ = [
    "Actor", "Document", "DocumentResult", "InputError", "MixedMessage", "Result", "Span",
    "Standoff", "Statement", "Warning", "analyze", "analyze_documents", "analyze_each", "__version__",
]
