"""Normalisation of fans' questions, in Danish and English, into comparable tokens.

Fans write "Hvornår", "hvornaar", "hvornar" and "HVORNÅR??" for the same word, so every token is
folded (lower case, æ→ae, ø→oe, å→aa, as Danes type them without a Danish keyboard) and then
reduced to a *skeleton* (aa→a, ae→a, oe→o) so that the spellings with and without æøå meet in one
key. The folded form is kept as well: "børn" (children) and "born" share a skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# The one question-length limit: the engine reads this much of a question, /ask accepts no more,
# and the store keeps what the engine read.
MAX_QUESTION_CHARS: Final = 500

_DANISH_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ß": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")
_DANISH_LETTERS = frozenset("æøåÆØÅ")
# "who's" is "who is", but "Thorup's" is a possessive whose "s" must go.
_CONTRACTION = re.compile(r"\b(who|what|where|when|how|he|it|that|there)'s\b")
_COLLAPSE = (("aa", "a"), ("ae", "a"), ("oe", "o"))
# Danish and English inflections, longest first, so "fødselsdagen" and "birthdays" meet their
# base forms. Only stripped where at least four letters remain, to keep short words intact.
_SUFFIXES = ("erne", "ene", "ens", "ers", "ing", "est", "en", "er", "et", "es", "ed", "e", "s")
_MIN_STEM = 4


def fold(text: str) -> str:
    """Lower-case `text`, fold Danish letters to ASCII pairs and drop other accents."""
    # Most questions are plain ASCII, which no normalisation changes: skip the walk per letter.
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold().translate(_DANISH_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton(word: str) -> str:
    """The spelling-independent key of one folded word."""
    for pair, single in _COLLAPSE:
        word = word.replace(pair, single)
    return word


def stem(word: str) -> str:
    """Strip one common Danish or English ending from a skeleton."""
    # "countries" is "country", "trophies" "trophy".
    if word.endswith("ies") and len(word) - 3 >= _MIN_STEM - 1:
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """The folded words of `text`, in order; punctuation, emoji and other scripts go."""
    cleaned = fold(text[:MAX_QUESTION_CHARS]).replace("’", "'")
    if "'" in cleaned:  # contractions and possessives need one
        cleaned = _CONTRACTION.sub(_expand, cleaned).replace("'s", "")
    return _TOKEN.findall(cleaned)


def _expand(contraction: re.Match[str]) -> str:
    # A function rather than the template r"\1 is": re expands a template in Python on every
    # call, even when nothing matches.
    return contraction.group(1) + " is"


# A quiz's options after its question mark: two or more, each a letter or a digit with ")", "."
# or ":" after it ("… United? A) 1-0 B) 2-1 C) 3-1").
_CHOICES = re.compile(r"(?<=\?)\s*\(?[A-Da-d1-4][).:]\s.*?\s\(?[B-Eb-e2-5][).:]\s.*$", re.S)


def without_choices(text: str) -> str:
    """`text` without the options of a multiple-choice question that follow its question mark
    ("Hvilken klub forlod han for Gent? A) Esbjerg B) OB C) FC Midtjylland D) Brøndby"): they are
    what the asker picks from, not what is asked, and name other clubs, years and scores."""
    return _CHOICES.sub("", text)


def has_danish_letters(text: str) -> bool:
    return not _DANISH_LETTERS.isdisjoint(text)
