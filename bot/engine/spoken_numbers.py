"""Numbers spoken as words, written as digits: "nineteen eighty nine" is 1989, "to tusind og
atten" 2018, "twenty six" and "seksogtyve" 26.

Members who dictate to their phones get years and ages as words ("did he start playing at oh bee
in nineteen eighty nine", "har han kontrakt til to tusind og enogtyve"). A year in words is no
year to the matcher, and "twenty" and "tretten" are unknown words that make the question look
like one about something else. Only what is a number beyond doubt is rewritten: a year of two
or more words, a ten and a unit ("twenty six"), and the Danish one-word compounds
("seksogtyve"). A single English or Danish number word stays as it is: "one" in "which one",
"to" in "went to", "en" and "et" are ordinary words, and "fifty" is in the lexicon.
Words are folded as `text.tokens` folds them (æ → ae, ø → oe, å → aa).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final


def _numbered(words: str, values: Iterable[int]) -> dict[str, int]:
    return dict(zip(words.split(), values, strict=True))


_EN_UNITS: Final = _numbered("one two three four five six seven eight nine", range(1, 10))
_EN_TEENS: Final = _numbered(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    range(10, 20),
)
_EN_TENS: Final = _numbered(
    "twenty thirty forty fifty sixty seventy eighty ninety", range(20, 100, 10)
)
_DA_UNITS: Final = _numbered("en et to tre fire fem seks syv otte ni", (1, 1, *range(2, 10)))
_DA_TEENS: Final = _numbered(
    "ti elleve tolv tretten fjorten femten seksten sytten atten nitten", range(10, 20)
)
_DA_TENS: Final = _numbered(
    "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems", range(20, 100, 10)
)
# "enogtyve", "niogfirs": a unit, "og", a ten, written as one word.
_DA_COMPOUNDS: Final = {
    f"{unit}og{ten}": units + tens
    for unit, units in _DA_UNITS.items()
    if unit != "et"
    for ten, tens in _DA_TENS.items()
}
# The hundreds a spoken year opens with: "nineteen …", "nitten hundrede …".
_CENTURIES: Final = {"nineteen": 1900, "twenty": 2000}
_AND: Final = frozenset({"and", "og"})
# A word that every spoken number rewritten holds: a question without one is left as it is
# (most questions; "to" and "two" count only before "thousand" and "tusind").
_MARKS: Final = frozenset(
    {*_EN_TENS, *_DA_COMPOUNDS, "nineteen", "thousand", "tusind", "totusind", "hundrede"}
)


def _below_hundred(words: list[str], i: int) -> tuple[int, int] | None:
    """The number of two words or fewer from `words[i]` below a hundred, in English or Danish,
    and how many words it takes; None where none starts there."""
    word = words[i] if i < len(words) else ""
    following = words[i + 1] if i + 1 < len(words) else ""
    if word in _EN_TENS:
        if following in _EN_UNITS:
            return _EN_TENS[word] + _EN_UNITS[following], 2
        return _EN_TENS[word], 1
    for table in (_EN_TEENS, _EN_UNITS, _DA_TEENS, _DA_TENS, _DA_COMPOUNDS, _DA_UNITS):
        if word in table:
            return table[word], 1
    return None


def _spoken(words: list[str], i: int) -> tuple[int, int] | None:
    """The number spoken from `words[i]` on, beyond doubt, and how many words it takes."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    # "seksogtyve", "twenty six".
    if word in _DA_COMPOUNDS or (word in _EN_TENS and following in _EN_UNITS):
        return _below_hundred(words, i)
    # "two thousand and thirteen", "to tusind og atten", "totusind og tretten".
    thousand = 0
    if word in ("two", "to") and following in ("thousand", "tusind"):
        thousand = 2
    elif word == "totusind":
        thousand = 1
    if thousand:
        return _with_rest(words, i, i + thousand, 2000)
    # "nitten hundrede og niogfirs", "nineteen hundred and eighty nine".
    if word in ("nitten", "nineteen") and following in ("hundrede", "hundred"):
        return _with_rest(words, i, i + 2, 1900)
    # "nineteen eighty nine", "twenty thirteen", "twenty twenty one".
    if word in _CENTURIES and (following in _EN_TENS or following in _EN_TEENS):
        rest = _below_hundred(words, i + 1)
        assert rest is not None
        return _CENTURIES[word] + rest[0], 1 + rest[1]
    return None


def _with_rest(words: list[str], start: int, at: int, base: int) -> tuple[int, int]:
    """`base` ("two thousand", "nitten hundrede", ending before `at`) plus what follows it,
    after an "and": the number and how many words from `start` it takes. An "and" that no
    number follows is a word of the question ("to tusind og så …")."""
    after_and = at + 1 if at < len(words) and words[at] in _AND else at
    rest = _below_hundred(words, after_and)
    return (base + rest[0], after_and - start + rest[1]) if rest else (base, at - start)


def as_digits(words: list[str]) -> list[str]:
    """`words` with every number spoken beyond doubt written in digits."""
    if _MARKS.isdisjoint(words):
        return words
    kept: list[str] = []
    i = 0
    while i < len(words):
        found = _spoken(words, i)
        if found is None:
            kept.append(words[i])
            i += 1
        else:
            number, size = found
            kept.append(str(number))
            i += size
    return kept
