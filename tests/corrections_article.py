"""An article written for the corrections tests (people and places invented)."""

ARTICLE = (
    "VALDRA, May 4, 2024 — The defence minister of Ostland, Mira Lenk, said on Monday that her navy "
    "would stay in the bay until the talks began.\n\n"
    "“We will answer any attack on our ships with force,” Lenk told reporters in the capital.\n\n"
    "Westmark's foreign minister, Jonas Brill, said his government was ready to meet Ostland's envoys next week.\n\n"
    "Brill later warned that Westmark would close the port if the ships stayed."
)
