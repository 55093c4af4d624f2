"""The checker of one language per output: the English words of a Chinese output that are not
ids, codes, units, or text the user or the bank gave; and the Chinese runs of an English one.
Used by the walks over the commands' outputs and over their usage errors."""

from __future__ import annotations

import re

# What a Chinese output may hold in Latin letters: codes and units a Chinese RM reads as such.
# Customer A and B of a pair of possible duplicates are letters, not words.
ALLOWED_ASCII = {
    "RM",
    "AUM",
    "RFM",
    "CNY",
    "USD",
    "HKD",
    "EUR",
    "JPY",
    "GBP",
    "PDF",
    "crm",
    "A",
    "B",
    # the statisticians who name the uplift's interval method
    "Newcombe",
    "Wilson",
}
_NOT_WORDS = [
    r"(?s)<head>.*</head>",  # the page's title (checked in its body) and its CSS
    r"<[^>]*>",  # HTML tags (the page's markup, not its text)
    r"(/[\w.@-]+)+/?",  # paths
    r"\b\d[\d*]*X\b",  # ID numbers ending in X
    r"\b(US|HK)\$",  # currency signs
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+",  # e-mail addresses
    r"https?://\S+",
    r"`[^`]*`",  # a command to type
    r"--[\w-]+",  # options
    r"\b(birthday|maturity|callback|complaint|campaign):[\w:-]+",  # follow-up ids
    r"\b[a-z]+(-[a-z]+)+(-\d{4}-\d{2}-\d{2})?\b",  # template and campaign names
    r"\b[a-z_]+\.[a-z_.]+\b",  # setting names (mailmerge.font)
    r"\bcn-nfra|uk-fca|us-cfpb\b",  # complaint policies
]
CJK_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·]*")


def english_words(text: str, theirs: str = "") -> list[str]:
    """The English words of `text` that are not codes, ids, units or in `theirs` (the bank's
    own text, such as its templates' descriptions)."""
    for pattern in _NOT_WORDS:
        text = re.sub(pattern, " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    words = [w for w in words if w not in set(re.findall(r"[A-Za-z]+", theirs))]
    return [w for w in words if w not in ALLOWED_ASCII and not re.fullmatch(r"RM\d+", w)]
