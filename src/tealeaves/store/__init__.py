"""The corpus store: SQLite by default, PostgreSQL through the same interface.

``from tealeaves.store import Store; Store.open("tealeaves.db")`` reads a corpus.
"""

from tealeaves.store.core import DEFAULT_PATH, Store

__all__ = ["DEFAULT_PATH", "Store"]
