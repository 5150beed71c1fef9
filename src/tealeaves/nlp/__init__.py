"""The parse every stage reads: the spaCy model, its faster attribute component, quotation
marks, the cue model and text helpers (paragraphs) shared by the stages above."""
