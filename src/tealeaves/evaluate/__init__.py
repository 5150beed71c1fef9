"""Scoring against gold files, and the benchmark."""
