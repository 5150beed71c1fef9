"""Canonical actors: names, roles, sides and pronouns resolved to one actor per person or body."""
