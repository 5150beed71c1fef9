"""One line of figures printed under a test module's results (the counts issue 6 asks for)."""

from __future__ import annotations

import pytest


def print_figures(request: pytest.FixtureRequest, label: str, counts: dict[str, int], total: bool = False) -> None:
    """Write "label: name count, ..." (with the sum first when ``total``) past pytest's capture."""
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if not (reporter and capture and counts):
        return
    listed = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
    line = f"{sum(counts.values())} generated inputs tried ({listed})" if total else listed
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"\n{label}: {line}")
