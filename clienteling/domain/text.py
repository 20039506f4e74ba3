"""Text folding for search: accent-, case- and spacing-insensitive keys ("Lefèvre" → "lefevre")."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose but a French speaker types without the ligature.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o",
                            "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"})
_NON_WORD = re.compile(r"[^\w@.+]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip accents, keep letters, digits and `@ . +`, collapse the rest to spaces."""
    if text.isascii():
        # Nothing to decompose (the same result, several times faster: imports fold millions).
        return _SPACES.sub(" ", _NON_WORD.sub(" ", text.lower().replace("_", " "))).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Ligatures after decomposing: "ǽ" decomposes to "æ" + accent, which must fold too.
    cleaned = _NON_WORD.sub(" ", stripped.casefold().translate(_LIGATURES).replace("_", " "))
    return _SPACES.sub(" ", cleaned).strip()


def fold_tokens(text: str) -> list[str]:
    """The folded words of `text`; punctuation inside names ("Saint-Éloi") splits words."""
    return [t for t in re.split(r"[\s.+@]+", fold(text)) if t]
