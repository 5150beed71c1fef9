"""Reading statements together: mixed messages, standoffs, positions, coherence, escalation."""
