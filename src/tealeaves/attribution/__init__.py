"""Who said what: cues, speaker mentions, content and quotes, as drafts; reported deeds too."""
