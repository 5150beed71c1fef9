"""Where results go: the terminal table, JSON/CSV, exports, charts and the HTML report."""
