"""Text normalisation shared by indexing and querying, so both sides always agree."""

import re
import unicodedata
from functools import lru_cache
from html import unescape

from django.utils.html import strip_tags

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40


def fold(text: str) -> str:
    """Lower case, German umlauts spelled out (ü → ue), other accents removed (é → e).

    "Büro" and "Buero" fold to the same word, so either spelling finds the other.
    """
    text = text.translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


# Result passages fold the same words over and over ("Familie", "und", "der").
_fold_word = lru_cache(maxsize=4096)(fold)


def html_to_text(html: str) -> str:
    # A space for every tag, so "</p><p>" does not glue two sentences together.
    text = unescape(strip_tags(re.sub(r"<", " <", html or "")))
    return re.sub(r"\s+", " ", text).strip()


def query_words(query: str) -> list[str]:
    """The folded words of a user's query: letters and digits only, so no tsquery syntax survives."""
    words = [w.replace("_", "") for w in _WORD.findall(fold(query))]
    words = [w[:MAX_WORD_LENGTH] for w in words if w]
    # Keep order, drop repeats, bound the work a single request can cause.
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def tsquery(words: list[str]) -> str:
    """A raw tsquery of prefix terms joined by AND: ["familienfreundlich"] → "familienfreundlich:*"."""
    return " & ".join(f"{w}:*" for w in words)


def snippet(text: str, words: list[str], length: int = 240) -> list[tuple[str, bool]]:
    """A passage around the first match, as (text, is_match) parts for the template to mark up.

    Matching is on folded word prefixes, like the search itself ("Familien" marks "Familienfreundlichkeit").
    """
    if not text:
        return []
    prefixes = tuple(w[: max(3, len(w) - 2)] for w in words)

    def matches(token_text: str) -> bool:
        folded = _fold_word(token_text) if len(token_text) <= MAX_WORD_LENGTH else fold(token_text)
        return folded.startswith(prefixes)

    first = next((t for t in _WORD.finditer(text) if matches(t.group())), None)
    start = 0
    if first is not None and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for token in _WORD.finditer(passage):
        if matches(token.group()):
            if token.start() > cursor:
                parts.append((passage[cursor : token.start()], False))
            parts.append((token.group(), True))
            cursor = token.end()
    parts.append((passage[cursor:], False))
    if start > 0:
        parts.insert(0, ("… ", False))
    if end < len(text):
        parts.append((" …", False))
    return [p for p in parts if p[0]]
