"""Who said what: cues, speaker mentions, content and quotes, as drafts; reported deeds too.

``find.find_drafts`` runs the constructions of ``find.SENTENCE_RULES`` (one module each: verbs,
according_to, impressions, surveys, stances, judgements, questions; headlines as the fallback),
then lines (colons, name lines, signatures), quote_owners and the passes. speaker, content and
cues hold what the constructions share; draft the record they build.
"""
