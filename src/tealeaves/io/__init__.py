"""Reading inputs (files, HTML, feeds, JSONL) and ingesting a corpus into a store."""
