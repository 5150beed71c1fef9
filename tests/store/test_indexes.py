"""Every index a document's write maintains is one some read needs: none is a leading part of
another on the same table, which serves each read it could (every index costs each ingest)."""

from __future__ import annotations

from postgres_server import postgres_url, store_url  # noqa: F401 (fixtures)
from tealeaves.store.core import Store


def _indexes(store: Store) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """table -> (index, its columns or expressions in order) of every non-unique index."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    if store.db.name == "postgresql":
        rows = store.db.query(
            "SELECT i.relname AS index, t.relname AS table, array(SELECT pg_get_indexdef(x.indexrelid, k + 1, true) "
            "FROM generate_subscripts(x.indkey, 1) AS k ORDER BY k) AS columns FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND NOT x.indisunique")
        for row in rows:
            found.setdefault(row["table"], []).append((row["index"], tuple(row["columns"])))
        return found
    for row in store.db.query("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                              "AND sql NOT LIKE 'CREATE UNIQUE%'"):
        columns = tuple(r["name"] or "(expression)" for r in store.db.query(f'PRAGMA index_info("{row["name"]}")'))
        found.setdefault(row["tbl_name"], []).append((row["name"], columns))
    return found


def test_no_index_is_the_leading_part_of_another(store_url):  # noqa: F811
    with Store.open(store_url) as store:
        redundant = [(table, index, wider) for table, indexes in _indexes(store).items()
                     for index, columns in indexes for wider, more in indexes
                     if wider != index and "(expression)" not in columns and more[:len(columns)] == columns]
    assert not redundant, f"indexes that a wider one serves (each costs every ingest): {redundant}"
