"""Match a fan's question to an intent of the fact base.

Why not `rapidfuzz.process.extractOne(question, phrasings)`: almost every question names Jess
Thorup, so whole-string similarity is dominated by the words all questions share (measured: 6%
right, see shared/MATCHING.md). Instead each question becomes a set of *concepts*: words mapped
through the lexicon (synonyms, slang, club nicknames, both languages), the subject's names and
stop-words dropped, typos repaired against the known vocabulary with rapidfuzz. Concepts are
weighted by how rare they are among intents (IDF), so the words that tell intents apart count most.

A word that we do not know at all counts against every intent (it may be what the question is
really about), while a known word that belongs to no intent is merely ignored. Details that the
sources do not hold (his wife's name, his salary) are intents of kind "unknown", matched like
any other, so they get their own signal instead of leaning on a threshold.

Whether to answer with the best intent is decided by the fact base's calibration where it has
one (bot.engine.calibration: the chance that the best intent is right, estimated from the
signals `Matcher.signals` reports), else by fixed thresholds on the score.
"""

from __future__ import annotations

import copy
import heapq
import itertools
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from bot.engine import stopwords
from bot.engine.calibration import FanMemory, FanQuestion
from bot.engine.events import Event, EventIndex, year_of
from bot.engine.everyday import everyday_words
from bot.engine.facts import (
    LANGUAGES,
    DetailKind,
    FactBase,
    Intent,
    IntentKind,
    SourceRef,
    cites,
)
from bot.engine.neighbours import to_own_language
from bot.engine.spoken_numbers import as_digits
from bot.engine.text import has_danish_letters, skeleton, stem, tokens
from bot.engine.verdicts import Verdict

SUBJECT = "@subject"
OTHER = "@other"
YEAR = "year"
NUMBER = "number"
ANSWER_TYPE_MISMATCH = 0.7
# A fact asked about a club or a match it never names keeps this share of its score (not in a
# yes/no question, which the fact about the right one answers).
ENTITY_MISMATCH = 0.7
# An age in an answer: "som 26-årig", "50 år", "at 26", "turned 50", or a computed {age}.
_AGE = re.compile(
    r"\d{2}-årig|\b\d{2} år\b|\b(?:at|aged?|turned|turns|fyld\w*) \d{2}\b|\b\d{2} years old|\{age"
)
_FREE = "w:"
_NO_VOWELS = str.maketrans("", "", "aeiouy")
# One empty set for all the facts that name no year.
_NO_YEARS: frozenset[int] = frozenset()
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SMALL_NUMBER = re.compile(r"(?<![\d{])\d{1,3}(?!\d)")
_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th|e|nde|ende|aar|ar|ars|arig|aarig|aarige|arige)$")

# Tuned on tests/eval_questions.yaml; see `thorup-bot eval` for the calibration table.
ANSWER_THRESHOLD = 0.5
# A question that neither names him nor says "he" may well be about someone else.
ANSWER_THRESHOLD_UNNAMED = 0.7
# One that names a club or match of his story and does not ask who ("was it a win or a draw vs
# Manchester United?") is likelier his.
ANSWER_THRESHOLD_STORY = 0.65
# The confidence of the fact told for "what happened in <year>", the one event of that year.
YEAR_FACT_SCORE = 0.6
UNKNOWN_THRESHOLD = 0.45
SUGGESTION_FLOOR = 0.15
# How many of the best-covering intents get the full score; enough for any real contest.
SHORTLIST = 20
SEED_CANDIDATES = 200
# Above this many candidates, those that cannot make the shortlist are dropped before sorting.
PREFILTER = 1000
# `ranks_first` gives up (and a full match decides) beyond this many intents to rule out.
RIVALS = 500
# How many of the best intents a match keeps (the answer, its runner-up, suggestions).
KEPT = 6
# Rounding room when skipping an intent by its score's upper bound: scores are rounded to 4
# places, and an equal score could still win a tie on the intent's id.
SLACK = 0.001
# A lead over the runner-up of CLEAR_MARGIN keeps the full score; a tie keeps MARGIN_FLOOR of it.
CLEAR_MARGIN = 0.1
MARGIN_FLOOR = 0.7
RECALL_SHARE = 0.65
# How much a word we do not know weighs, relative to a typical concept.
UNKNOWN_WORD_SHARE = 0.7
# Words that only occur in phrasings, not in the lexicon, are often incidental.
FREE_WORD_WEIGHT = 0.6
# A fact asked about for a year it does not mention keeps this share of its score.
YEAR_MISMATCH = 0.85
YEAR_SHARE = 0.5
# The answer texts and the cited source sentences are evidence too, weaker than the phrasings
# (a BM25F-like field weight): fans borrow the article's words and the answer's. A concept that an
# intent has only there reaches this strength; phrasing concepts reach 0.6 to 1.
ANSWER_STRENGTH = 0.4
# The least strength of a phrasing concept: 0.6 for one phrasing of many, up to 1 for all.
PHRASING_STRENGTH = 0.6
SOURCE_STRENGTH = 0.4
# How much an intent that has a concept only as evidence counts toward the concept's rarity.
EVIDENCE_DF_SHARE = 0.25
# Evidence fields with more concepts than this give each a proportionally smaller strength.
EVIDENCE_LENGTH = 12
# How many times better an undated event must fit a "which year" question than any other, to
# say the source does not date what is asked without the question naming its club.
CLEAR_LEAD = 1.2
# In what a question speaks of (`topic`), a name (a club, a competition) counts this much more than
# other words: it is what tells the events of a career apart.
NAME_SHARE = 2.0
# What the opening word of a question counts toward its language, next to one vote a word.
OPENER_VOTES = 2
_QUESTION_WORDS = stopwords.QUESTION_WORDS["da"] | stopwords.QUESTION_WORDS["en"]
# A quotation: in quotation marks, the opening one after a space or the start, the closing one
# before a space, a mark or the end ("what's" and "Thorup's" are no quotations); an apostrophe
# between two letters is part of it ("'Cv'et tæller pokaltriumfer'").
_QUOTED = re.compile(
    r"(?:^|(?<=\s))['‘\"“«»]((?:[^'’\"”»«\n]|(?<=\w)['’](?=\w))+)['’\"”»«](?=[\s?.!,:;)]|$)"
)
# How many of the best-ranked intents the question's wording is compared with.
WORDING_RIVALS = 5
# The shortest part of a compound worth splitting off: shorter ones match by accident.
MIN_PART = 4
# The fewest letters a quotation needs to point to the source sentence it comes from.
MIN_QUOTED = 4


# How `_concepts` reads a known word: its skeleton, its concepts, the languages it belongs to.
_KnownWord = tuple[str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Analysis:
    """What the matcher read in a question."""

    concepts: tuple[str, ...]
    unknown_words: tuple[str, ...]
    language: str
    years: tuple[int, ...]
    # The years it asks about the time after ("did he extend his contract beyond 2021?").
    after_years: tuple[int, ...]
    numbers: tuple[int, ...]
    mentions_subject: bool
    # Whether it names two things of his story (a club and a match: "did FCM beat United 2-1?"):
    # then it is about him, though it names neither him nor "he". One name is not enough: "what
    # is the weather in Gent" is about the town.
    names_his_story: bool
    # Whether it names one thing of his story and does not ask who.
    names_a_story_event: bool
    # Whether it opens with a verb ("did he …", "sluttede han …"): a yes/no question, which the
    # fact about something else can answer ("did he end his career at OB?" – no, at Esbjerg).
    yes_no: bool
    mentions_other: bool
    # Its words as read (folded, fillers left out), joined by spaces: what a whole question's
    # wording is compared with, letter by letter.
    wording: str = ""
    # The intents citing a sentence that holds what it quotes ("hvad betyder 'vendt skuden'?").
    quoting: frozenset[str] = frozenset()

    @property
    def about_him(self) -> bool:
        return self.mentions_subject or self.names_his_story

    @property
    def about_someone_else(self) -> bool:
        """Whether it names someone else and not him: off topic, whatever it matches."""
        return self.mentions_other and not self.mentions_subject


@dataclass(frozen=True)
class MissingDetail:
    """What a question asks that the best fact lacks: the year of it, where the fact names none
    (`later_year` None), a year later than its source (`later_year`), or (`undated`) the date of
    an event that a count from the timeline needs."""

    later_year: int | None = None
    undated: bool = False
    # With `later_year`: the time after that year, not the year itself.
    after: bool = False


@dataclass(frozen=True)
class Match:
    """The best intents for a question, with a confidence in [0, 1]."""

    analysis: Analysis
    ranked: tuple[tuple[Intent, float], ...]
    confidence: float
    verdict: Verdict
    # Set with the verdict MISSING_DETAIL: what the best intent (`intent`) does not say.
    missing: MissingDetail | None = None
    # What the answer-or-not decision weighed (bot.engine.calibration.SIGNALS), where the best
    # intent is answerable and the question may be about him; empty otherwise.
    signals: Mapping[str, float] = field(default_factory=dict)
    # Whether the best intent clears the matcher's thresholds, whatever the calibration decided:
    # a count it cannot make ("how old was he when he married?") is then named as missing.
    fits: bool = False

    @property
    def intent(self) -> Intent | None:
        return self.ranked[0][0] if self.ranked else None

    @property
    def answered(self) -> bool:
        return self.verdict == Verdict.ANSWER

    def suggestions(self, limit: int = 3, close_to_top: float = 1.0) -> tuple[Intent, ...]:
        """Answerable intents worth offering as "did you mean", best first; with `close_to_top`,
        only those scoring at most that much below the best."""
        skip = self.intent.id if self.answered and self.intent else None
        floor = max(SUGGESTION_FLOOR, self.ranked[0][1] - close_to_top) if self.ranked else 1.0
        return tuple(
            intent
            for intent, score in self.ranked
            if intent.answerable and intent.id != skip and score >= floor
        )[:limit]


@dataclass(slots=True, eq=False)
class _Profile:
    """What ranking needs of one intent, once the index is built. Compared and hashed by
    identity: the postings map profiles, not positions, to strengths (a cached index then holds
    no int object per posting)."""

    intent: Intent
    # For each concept, the distinct concept sets of phrasings (positions in `phrasing_weights`)
    # that have it.
    containing: dict[str, tuple[int, ...]]
    # Years a fact answer speaks of; None where any year fits (computed and unknown intents).
    years: frozenset[int] | None
    # Whether the answer gives an age ("at 26", "turned 50", a computed {age}).
    gives_age: bool
    # The small numbers (not years) its answer and sources give: "30 spillere", "2-1", "som 26".
    numbers: frozenset[int]
    # The weight of each distinct concept set, the sum of its concepts' rarities.
    phrasing_weights: tuple[float, ...] = ()
    # The names (clubs, matches) the intent speaks of, in phrasings, answer or sources.
    names: frozenset[str] = frozenset()
    # Its phrasings as folded words joined by spaces, to compare whole questions with.
    wordings: tuple[str, ...] = ()

    def gives(self, kind: DetailKind) -> bool:
        """Whether the intent's answer gives that kind of detail."""
        match kind:
            case DetailKind.YEAR:
                return bool(self.years)
            case DetailKind.NUMBER:
                return bool(self.numbers)
            case DetailKind.NAME:
                return bool(self.names)
            case DetailKind.ANY:
                return True


@dataclass(frozen=True, slots=True)
class _IntentReading:
    """One intent as the index build reads it; dropped once the index is built."""

    profile: _Profile
    # How often each concept occurs among the intent's phrasings.
    affinity: dict[str, float]
    # Each distinct set of concepts that a phrasing has.
    phrasings: list[frozenset[str]]
    # Concepts of the answers and cited source sentences, with the strength of their field.
    evidence: dict[str, float]
    # Its first phrasing in each language, as a question it answers rightly (`first_phrasings`).
    first: tuple[FanQuestion, ...]
    # The source sentences it cites, and their renderings (`_cited_sentences`).
    cited: list[str]


class Matcher:
    """An index over one fact base, built once; `match` is then cheap and pure."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.calibration = facts.calibration
        # A word may stand for several concepts: "trænerkarriere" is both coach and career.
        self._exact: dict[str, tuple[str, ...]] = defaultdict(tuple)
        self._exact_skeleton: dict[str, tuple[str, ...]] = defaultdict(tuple)
        # The same, without English terms: a word typed with æ, ø or å ("tæller", counts) is
        # Danish, however its skeleton reads in English ("taller").
        self._spelled_danish: dict[str, tuple[str, ...]] = defaultdict(tuple)
        self._prefix: dict[str, tuple[str, ...]] = defaultdict(tuple)
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._languages: dict[str, set[str]] = defaultdict(set)
        # The languages of the one-word terms (None for names and terms of any language).
        self._term_languages: dict[str, set[str | None]] = defaultdict(set)
        self._stop = set()
        for lang, words in (("da", stopwords.DANISH), ("en", stopwords.ENGLISH)):
            for word in words:
                for tok in tokens(word):
                    self._stop.add(skeleton(tok))
                    self._languages[skeleton(tok)].add(lang)
        self._index_lexicon()
        # Words that are stop-words in one language and terms of the other only: the Danish
        # "end" (than) is the English "end". Which they are is told by the question's language.
        self._stop_elsewhere = {
            word: lang
            for lang, other, stops in (
                ("da", "en", stopwords.DANISH),
                ("en", "da", stopwords.ENGLISH),
            )
            for text in stops
            for word in tokens(text)
            if self._term_languages.get(word) == {other}
        }
        self._free: set[str] = set()
        self._everyday = everyday_words(LANGUAGES)
        # Words known only from answers and sources: typo repair tries them last.
        self._evidence_words: set[str] = set()
        self._no_evidence = {c.id for c in facts.concepts if not c.evidence}
        self.lexicon_concepts = frozenset(c.id for c in facts.concepts)
        # Concepts spelled the same in every language are names: clubs, places, competitions.
        self._names = {c.id for c in facts.concepts if c.terms.get("any")}
        # Read word by word until the index is complete; then `_known` holds the result.
        self._known: dict[str, _KnownWord] = {}
        seen: set[str] = set(self._exact)
        readings = [self._read_intent(intent, seen) for intent in facts.intents]
        self._profiles = {reading.profile.intent.id: reading.profile for reading in readings}
        # An intent's first phrasing is a labelled question too, which the fan memory holds beside
        # the fans': else the nearest fan questions to it can be unrelated ones that were declined
        # ("hvordan er det gået ham i Gent?": the weather in Gent), and its own question goes
        # unanswered. The first only: all of them did no better on the labelled batches, and at
        # 10,000 intents (twelve phrasings each) made the memory six times larger and the slowest
        # answers nearly twice as slow.
        self.first_phrasings = tuple(fan for reading in readings for fan in reading.first)
        # Each sentence the intents cite (and its renderings), folded and padded with a space at
        # each end, with the intents citing it: where words quoted from the article are looked up.
        # Few sentences, many intents: a quotation is sought in the sentences, not per intent.
        citing: dict[str, set[str]] = defaultdict(set)
        for reading in readings:
            for text in reading.cited:
                citing[f" {' '.join(tokens(text))} "].add(reading.profile.intent.id)
        self._citing = {sentence: frozenset(ids) for sentence, ids in citing.items()}
        # Per concept, the intents that use it and how strongly: a question only touches the
        # intents that share a concept with it.
        self._postings: dict[str, dict[_Profile, float]] = defaultdict(dict)
        frequency: dict[str, float] = defaultdict(float)
        for reading in readings:
            for concept, share in reading.affinity.items():
                self._postings[concept][reading.profile] = PHRASING_STRENGTH + (
                    1 - PHRASING_STRENGTH
                ) * math.sqrt(share)
                frequency[concept] += 1
            for concept, strength in reading.evidence.items():
                if concept not in reading.affinity:
                    self._postings[concept][reading.profile] = strength
                    frequency[concept] += EVIDENCE_DF_SHARE
        for reading in readings:
            profile = reading.profile
            profile.names = frozenset(
                c for c in self._names if profile in self._postings.get(c, ())
            )
        # "Which year …", "what's the name of …": the answer that gives a year or a name fits
        # the question word as well as a phrasing that uses it would, and almost as well.
        # So does a number in the question ("var det 30 spillere?"): a fact that gives numbers.
        asked = [(NUMBER, DetailKind.NUMBER)] + [
            (concept.id, concept.asks_for) for concept in facts.concepts if concept.asks_for
        ]
        for concept_id, kind in asked:
            postings = self._postings[concept_id]
            for reading in readings:
                profile = reading.profile
                if profile.intent.answerable and profile not in postings and profile.gives(kind):
                    postings[profile] = ANSWER_STRENGTH
                    frequency[concept_id] += EVIDENCE_DF_SHARE
        count = len(readings)
        lexicon_weight = {c.id: c.weight for c in facts.concepts}
        self._idf = {
            concept: lexicon_weight.get(
                concept, FREE_WORD_WEIGHT if concept.startswith(_FREE) else 1.0
            )
            * math.log(1 + count / frequency[concept])
            for concept in self._postings
        }
        # The same positions recur in many intents ((0,), (0, 1), ...): one tuple for each.
        positions: dict[tuple[int, ...], tuple[int, ...]] = {}
        for reading in readings:
            profile = reading.profile
            profile.phrasing_weights = tuple(
                sum(self._idf[c] for c in phrasing) for phrasing in reading.phrasings
            )
            for concept, found in profile.containing.items():
                profile.containing[concept] = positions.setdefault(found, found)
        ordered = sorted(self._idf.values())
        self._unknown_weight = UNKNOWN_WORD_SHARE * ordered[len(ordered) // 2] if ordered else 1.0
        vocabulary = (
            set(self._exact_skeleton)
            | set(self._prefix)
            | self._stop
            | {word.removeprefix(_FREE) for word in self._free}
        )
        # Typo repair only compares words with the same first letter (typos rarely change it),
        # which keeps it fast in a large vocabulary. The words of phrasings and the lexicon come
        # first: "olf" is "old" before it is the article's "off".
        self._vocabularies: tuple[dict[str, list[str]], ...] = (
            _by_first_letter(vocabulary),
            _by_first_letter(
                {word.removeprefix(_FREE) for word in self._evidence_words} - vocabulary
            ),
        )
        # Chat drops vowels ("whn ws he brn"): the vocabulary's words by their consonants.
        self._by_consonants: dict[str, list[str]] = defaultdict(list)
        for word in sorted(vocabulary):
            key = _consonants(word)
            if len(key) >= 3 and key != word:
                self._by_consonants[key].append(word)
        # Every word of the fact base read once, as `_concepts` would: most words of a question
        # are among them, and are then a single look-up.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for word in sorted(seen):
            meaning = self._lookup(word)
            if meaning is not None:
                tok = skeleton(word)
                languages = tuple(sorted(self._languages.get(tok, ())))
                # Equal parts as one object each: the word itself where folding changes nothing,
                # one tuple for the same concepts (a cached index holds each copy anew).
                self._known[word] = (
                    word if tok == word else tok,
                    shared.setdefault(meaning, meaning),
                    shared.setdefault(languages, languages),
                )
        # The timeline's events, read as questions are: which one a question speaks of.
        self.events = EventIndex(
            Event(entry, self.topic(" ".join(entry.text.values()))) for entry in facts.timeline
        )
        self._tellers = tuple(self._teller(event) for event in self.events.events)
        # The calibration's labelled questions, their concepts weighed as questions' are.
        self._fans = FanMemory(
            facts.calibration.fans if facts.calibration else (),
            self.weight,
            self.first_phrasings,
        )

    def uncalibrated(self) -> Matcher:
        """The same index, deciding by its thresholds: what `thorup-bot calibrate` fits on, so
        that a fit does not depend on the calibration before it."""
        plain = copy.copy(self)
        plain.calibration = None
        return plain

    def _add_term(self, term: str, concept: str, lang: str | None) -> None:
        is_prefix = term.endswith("*")
        folded = tokens(term.rstrip("*"))
        words = [skeleton(word) for word in folded]
        if not words:
            return
        if lang:
            for word in words:
                self._languages[word].add(lang)
        if len(words) > 1:
            self._phrases[words[0]].append((tuple(words), concept))
            self._phrases[words[0]].sort(key=lambda p: -len(p[0]))
        elif is_prefix:
            self._prefix[words[0]] += (concept,)
        else:
            self._exact[folded[0]] += (concept,)
            self._exact_skeleton[words[0]] += (concept,)
            self._term_languages[folded[0]].add(lang)
            if lang != "en":
                self._spelled_danish[words[0]] += (concept,)

    def _index_lexicon(self) -> None:
        for concept in self.facts.concepts:
            for lang, terms in concept.terms.items():
                for term in terms:
                    self._add_term(term, concept.id, lang if lang in LANGUAGES else None)
        # A name written alike in both languages ("gent", also a Danish "gent*") says nothing of
        # the asker's: "Gent contract end?" is English.
        for word, languages in self._term_languages.items():
            if None in languages:
                self._languages.pop(skeleton(word), None)
        subject = self.facts.subject
        for name in (*subject.names, *subject.referents):
            self._add_term(name, SUBJECT, None)
        # A phrase such as "who is he" names him as well as asking something.
        self._subject_words = {
            skeleton(word)
            for name in (*subject.names, *subject.referents)
            if len(tokens(name)) == 1
            for word in tokens(name)
        }
        # His names, word by word: read as naming him, then left out, so that a phrase reads
        # across them ("lagde Jess støvlerne på hylden").
        self._name_words = frozenset(word for name in subject.names for word in tokens(name))
        for entity in self.facts.other_entities:
            self._add_term(entity, OTHER, None)

    def _read_intent(self, intent: Intent, seen: set[str]) -> _IntentReading:
        """The intent's concepts; every word read is added to `seen`."""
        counts: dict[str, int] = defaultdict(int)
        phrasings = []
        wordings = []
        first: list[FanQuestion] = []
        for lang in LANGUAGES:
            for number, phrasing in enumerate(intent.questions.get(lang, ())):
                words = tokens(phrasing)
                wordings.append(" ".join(words))
                seen.update(words)
                read = self._concepts(words, self._free)[0]
                concepts = frozenset(read) - {SUBJECT}
                phrasings.append(concepts)
                if intent.answerable and number == 0:
                    first.append(
                        FanQuestion(
                            wordings[-1],
                            _asked(read),
                            frozenset({intent.id}),
                        )
                    )
                for concept in concepts:
                    counts[concept] += 1
        total = max(len(phrasings), 1)
        affinity = {c: n / total for c, n in counts.items()}
        # Phrasings that read as the same concepts score the same: the Dice term needs one.
        distinct = list(dict.fromkeys(phrasings))
        containing: dict[str, list[int]] = defaultdict(list)
        for position, concepts in enumerate(distinct):
            for concept in concepts:
                containing[concept].append(position)
        texts = [*intent.answers.values(), *(ref.quote for ref in intent.sources)]
        years = None
        if intent.kind == IntentKind.FACT:
            years = frozenset(int(y) for text in texts for y in _YEAR.findall(text)) or _NO_YEARS
        profile = _Profile(
            intent,
            {c: tuple(positions) for c, positions in containing.items()},
            years,
            any(_AGE.search(text) for text in intent.answers.values()),
            frozenset(int(n) for text in texts for n in _SMALL_NUMBER.findall(text)),
            wordings=tuple(dict.fromkeys(wordings)),
        )
        cited = self._cited_sentences(intent)
        strengths: dict[str, float] = {}
        for strength, evidence in (
            (SOURCE_STRENGTH, cited),
            (ANSWER_STRENGTH, list(intent.answers.values())),
        ):
            worded = [tokens(text) for text in evidence]
            seen.update(*worded)
            found = {
                concept
                for words in worded
                for concept in self._concepts(words, self._evidence_words)[0]
                if concept not in (SUBJECT, OTHER, YEAR, NUMBER, *self._no_evidence)
            }
            # As in BM25, a long field says less about each of its words: a summary that names
            # every club is weak evidence for any one of them.
            share = min(1.0, EVIDENCE_LENGTH / max(len(found), 1))
            for concept in found:
                strengths[concept] = strength * share
        return _IntentReading(profile, affinity, distinct, strengths, tuple(first), cited)

    def _cited_sentences(self, intent: Intent) -> list[str]:
        """The source sentences an intent cites, in the source's language and in each rendering
        (the rendering's sentences at the same positions)."""
        found = []
        for ref in intent.sources:
            source = self.facts.sources[ref.source]
            original = source.sentences(ref.paragraph)
            # Only sentences the quote holds most of: the rendering of a whole sentence says more
            # than a quote of a part of it ("who turns 50 …" is not about his playing career).
            positions = [i for i, sentence in enumerate(original) if cites([ref.quote], sentence)]
            found.append(ref.quote)
            for language in source.translations:
                rendered = source.sentences(ref.paragraph, language)
                if len(rendered) == len(original):
                    found.extend(rendered[i] for i in positions)
        return found

    def _lookup(self, folded: str) -> tuple[str, ...] | None:
        """The concepts of a known word (none for a word without meaning), None if unknown."""
        if folded in self._exact:
            return self._exact[folded]
        tok = skeleton(folded)
        # A stop-word wins over a term that only shares its skeleton: "for" is not "før".
        if tok in self._stop:
            return ()
        skeletons = self._exact_skeleton if tok == folded else self._spelled_danish
        if tok in skeletons:
            return skeletons[tok]
        for end in range(len(tok), 2, -1):
            if tok[:end] in self._prefix:
                return self._prefix[tok[:end]]
        stemmed = stem(tok)
        if stemmed in skeletons:
            return skeletons[stemmed]
        # English drops a final e before -ing and -ed: "retiring" is "retire*", "moved" "move".
        if stemmed != tok and stemmed + "e" in skeletons:
            return skeletons[stemmed + "e"]
        if stemmed != tok and stemmed + "e" in self._prefix:
            return self._prefix[stemmed + "e"]
        if _FREE + stemmed in self._free or _FREE + stemmed in self._evidence_words:
            return (_FREE + stemmed,)
        return self._split_compound(tok)

    def _split_compound(self, tok: str) -> tuple[str, ...] | None:
        """A Danish compound of two known words ("assistenttræner", "pokaltriumfen"), with or
        without a linking s or e ("landsholdstræner"); the concepts of both parts."""
        for cut in range(len(tok) - MIN_PART, MIN_PART - 1, -1):
            head, tail = tok[:cut], tok[cut:]
            right = self._known_part(tail)
            if right is None:
                continue
            left = self._known_part(head)
            if left is None and head[-1] in "se":
                left = self._known_part(head[:-1])
            if left is not None and (left or right):
                return tuple(dict.fromkeys((*left, *right)))
        return None

    def _known_part(self, part: str) -> tuple[str, ...] | None:
        if len(part) < MIN_PART or part in self._stop:
            return None
        for key in (part, stem(part)):
            if key in self._exact_skeleton:
                return self._exact_skeleton[key]
            if _FREE + key in self._free:
                return (_FREE + key,)
        for end in range(len(part), 2, -1):
            if part[:end] in self._prefix:
                return self._prefix[part[:end]]
        return None

    def _repair(self, tok: str, votes: list[str]) -> str | None:
        """The known word an unknown one is a typo of, if any. An everyday word of either
        language is no typo ("talk" is not "tall", "hjem" not "hvem"), unless the known word is
        a form of it ("questions", "question")."""
        nearest = self._nearest_known(tok, votes)
        if (
            nearest is None
            or tok not in self._everyday
            or nearest.startswith(tok)
            or tok.startswith(nearest)
        ):
            return nearest
        return None

    def _nearest_known(self, tok: str, votes: list[str]) -> str | None:
        """A known word one typo away (two for long words), if any; for a word without vowels,
        the known word with those consonants, in the language the question has so far."""
        language = _leading(votes)
        if len(tok) >= 3 and tok == _consonants(tok):
            spelled = self._by_consonants.get(tok, [])
            if len(spelled) > 1 and language:
                spelled = [w for w in spelled if language in self._languages.get(w, ())] or spelled
            # The fewest vowels put back: "fdt" is "født" before it is "fødte".
            shortest = [w for w in spelled if len(w) == min(map(len, spelled))]
            if len(shortest) == 1:
                return shortest[0]
        if len(tok) < 3:
            return None
        # Imported here: most questions need no repair, and rapidfuzz is a tenth of the start-up.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found: list[tuple[str, int, int]] = []
        for vocabulary in self._vocabularies:
            found = process.extract(
                tok,
                vocabulary.get(tok[0], []),
                scorer=OSA.distance,
                score_cutoff=1 if len(tok) < 7 else 2,
                limit=8,
            )
            if found:
                break
        # A word of the other language is no typo: in an English question "gamble" is not the
        # Danish "gamle" (old).
        found = [
            hit
            for hit in found
            if language is None or self._languages.get(hit[0], {language}) & {language}
        ]
        # Among equally near words, prefer what typos usually do: swap two letters ("gamel" for
        # "gamle"), drop or add a last letter ("fød" for "født", "fore" for "for"), keep the
        # length.
        best = min(
            found,
            key=lambda hit: (
                hit[1],
                sorted(hit[0]) != sorted(tok),
                not (hit[0].startswith(tok) or tok.startswith(hit[0])),
                abs(len(hit[0]) - len(tok)),
            ),
            default=None,
        )
        return best[0] if best else None

    def _concepts(
        self, folded: list[str], learn: set[str] | None = None, whole: bool = False
    ) -> tuple[list[str], list[str], list[str]]:
        """Concepts, unknown words and language votes for a list of folded words.

        With `learn`, words the lexicon does not know become concepts of their own, added to that
        set (phrasings and evidence teach the vocabulary); without it they are repaired or reported
        as unknown. With `whole`, what follows "before" is read like the rest.
        """
        concepts: list[str] = []
        unknown: list[str] = []
        votes: list[str] = []
        # Words read once the question's language is known (`_stop_elsewhere`).
        deferred: list[tuple[str, bool]] = []
        # What follows "before" is the point in time, not the topic: in "which club did he coach
        # before Gent?" Gent is not what is asked about. Only mentions of people still count there.
        reference = False
        before = self.facts.subject.roles.before

        def add(*found: str) -> None:
            nonlocal reference
            if reference:
                concepts.extend(c for c in found if c in (SUBJECT, OTHER))
            else:
                concepts.extend(found)
                reference = before in found and not whole

        if not self._name_words.isdisjoint(folded):
            concepts.append(SUBJECT)
            folded = [word for word in folded if word not in self._name_words]
        known, phrases = self._known, self._phrases
        readings = [known.get(word) for word in folded]
        words = [
            reading[0] if reading else skeleton(word)
            for reading, word in zip(readings, folded, strict=True)
        ]
        i = 0
        while i < len(words):
            # "Before Gent, which club did he coach?": the point in time ends where the question
            # starts again.
            if reference and folded[i] in _QUESTION_WORDS:
                reference = False
            phrase = None
            for candidate in phrases.get(words[i], ()):
                if tuple(words[i : i + len(candidate[0])]) == candidate[0]:
                    phrase = candidate
                    break
            if phrase:
                add(phrase[1])
                if self._subject_words.intersection(phrase[0]):
                    add(SUBJECT)
                for word in phrase[0]:
                    votes.extend(self._languages.get(word, ()))
                i += len(phrase[0])
                continue
            reading = readings[i]
            i += 1
            if folded[i - 1] in self._stop_elsewhere:
                deferred.append((folded[i - 1], reference))
                continue
            if reading and not reference:
                # The common case, spelled out: a known word, nothing to leave out.
                votes.extend(reading[2])
                concepts.extend(reading[1])
                reference = before in reading[1] and not whole
                continue
            if reading:
                votes.extend(reading[2])
                add(*reading[1])
                continue
            tok = words[i - 1]
            found = self._lookup(folded[i - 1])
            number = _number(tok)
            if found is None and number is not None:
                add(YEAR if 1900 <= number <= 2199 else NUMBER)
                continue
            if found is None and learn is not None:
                # One string object per word, however often it occurs: the index holds it in
                # many places, and a cached index would otherwise hold a copy in each.
                found = (sys.intern(_FREE + stem(tok)),)
                learn.add(found[0])
            if found is None:
                # The language of the words so far and of the known words still to come.
                ahead = [v for r in readings[i:] if r for v in r[2]]
                repaired = self._repair(tok, votes + ahead)
                found = self._lookup(repaired) if repaired else None
                tok = repaired or tok
            if found is None:
                # A single letter ("w" for with, the "d" of "who'd") says nothing.
                if not reference and len(tok) > 1:
                    unknown.append(tok)
                continue
            votes.extend(self._languages.get(tok, ()))
            add(*found)
        for word, was_reference in deferred:
            language = self._stop_elsewhere[word]
            if _leading(votes) == language:
                votes.append(language)
                continue
            votes.extend(self._languages.get(skeleton(word), ()))
            found = self._lookup(word) or ()
            concepts.extend(c for c in found if not was_reference or c in (SUBJECT, OTHER))
        return concepts, unknown, votes

    def _question_words(self, question: str) -> tuple[list[str], str | None]:
        """The words of a question as they are read (numbers spoken as words in digits,
        fillers and hearsay left out, the neighbouring languages' words in the bot's), and the
        language it asks for, if any."""
        words = _without_fillers(as_digits(tokens(question)))
        return _language_asked_for(
            self._without_hearsay(to_own_language(words, self._knows)), self._names_something
        )

    def _names_something(self, folded: str) -> bool:
        """Whether a word names something: a concept other than a question word, a word the fact
        base does not know, or a noun among the words without meaning ("in Danish football",
        "in English slang"; not "in Danish: when …")."""
        if folded in _QUESTION_WORDS:
            return False
        return self._lookup(folded) != () or folded in stopwords.SPORT_NOUNS

    def analyse(self, question: str, default_language: str = "da") -> Analysis:
        words, asked_in = self._question_words(question)
        concepts, unknown, votes = self._concepts(words)
        # "What does 'en af de få danske trænere i udlandet' mean?": words quoted from the
        # article are in its language, not the asker's. Where the words around a quotation
        # tell no language ("'As a coach he won the cup in 2013.' Accurate?"), the member
        # quotes their own words, and those tell it.
        spoken = _QUOTED.sub(" ", question)
        quoted = [
            f" {' '.join(span)}"
            for span in map(tokens, _QUOTED.findall(question))
            if sum(map(len, span)) >= MIN_QUOTED
        ]
        own = tokens(spoken) if spoken != question else []
        language = (
            asked_in
            or _language_of(self._concepts(own)[2] if own else votes, spoken, words)
            or (_language_of(votes, question, words) if own else None)
            or default_language
        )
        # Words are letters and digits: only a question with a digit can hold a number.
        joined = "".join(words)
        numbers = () if joined.isalpha() else tuple(n for n in map(_number, words) if n is not None)
        return Analysis(
            concepts=_asked(concepts),
            unknown_words=tuple(unknown),
            language=language,
            years=tuple(n for n in numbers if 1900 <= n <= 2199),
            after_years=tuple(
                year
                for before, word in itertools.pairwise(words)
                if before in stopwords.AFTER_WORDS
                and (year := _number(word)) is not None
                and 1900 <= year <= 2199
            ),
            numbers=tuple(n for n in numbers if not 1900 <= n <= 2199),
            mentions_subject=SUBJECT in concepts,
            names_his_story=len(self._names.intersection(concepts)) >= 2,
            # "Did FCM win 3-1 against United?" is about his match; "who manages United?" not.
            names_a_story_event=bool(self._names.intersection(concepts))
            and self.facts.subject.roles.who not in concepts,
            # "Was he head coach or assistant at Gent?" asks which, not whether.
            yes_no=(
                bool(words)
                and (
                    any(words[0] in openers for openers in stopwords.YES_NO_OPENERS.values())
                    or (words[0] not in _QUESTION_WORDS and _ends_with_tag(words))
                )
                and stopwords.ALTERNATIVES.isdisjoint(words)
            )
            or _says_true_or_false(words),
            mentions_other=OTHER in concepts,
            wording=" ".join(words),
            quoting=self._quoting(quoted),
        )

    def _quoting(self, quoted: list[str]) -> frozenset[str]:
        """The intents citing a sentence that holds one of the `quoted` spans (most questions
        quote nothing, and then no sentence is looked at)."""
        if not quoted:
            return frozenset()
        return frozenset().union(
            *(ids for sentence, ids in self._citing.items() if any(s in sentence for s in quoted))
        )

    def _without_hearsay(self, words: list[str]) -> list[str]:
        """`words` without "min kammerat siger" and the like: what he is said to have done is
        the question, not who says it. A saying verb with him as its subject stays ("hvad siger
        han")."""
        if stopwords.HEARSAY_VERBS.isdisjoint(words):
            return words
        for end, word in enumerate(words):
            if word not in stopwords.HEARSAY_VERBS:
                continue
            for start in range(max(0, end - stopwords.HEARSAY_SPAN), end):
                if words[start] not in stopwords.HEARSAY_SPEAKERS:
                    continue
                between = words[start + 1 : end]
                if self._name_words.isdisjoint(between) and self._subject_words.isdisjoint(between):
                    return words[:start] + words[end + 1 :]
        return words

    def _knows(self, folded: str) -> bool:
        """Whether the fact base has a meaning for the word as it is written."""
        # Every lexicon term is among the fact base's words (`_known`); stop-words are by skeleton.
        return folded in self._known or skeleton(folded) in self._stop

    def weight(self, concept: str) -> float:
        return self._idf.get(concept, 0.0)

    def holds(self, intent: Intent, concepts: Iterable[str]) -> frozenset[str]:
        """Which of `concepts` the intent has, in its phrasings or as evidence."""
        profile = self._profiles[intent.id]
        return frozenset(c for c in concepts if profile in self._postings.get(c, {}))

    def topic(self, text: str, question: bool = False) -> dict[str, float]:
        """What `text` speaks of, each concept with its weight: question words left out, what
        follows "before" kept, and numbers as "#n" ("50" in "his 50th birthday"). This is how a
        question is compared with the timeline's events ("how many years before his 50th birthday
        did he beat United?"). A `question` is read as `analyse` reads it ("wie alt was he when
        he became Meister …" names the title)."""
        words = self._question_words(text)[0] if question else tokens(text)
        numbers = (number for number in map(_number, words) if number is not None)
        return self._topic(self._concepts(words, whole=True)[0], numbers)

    def _topic(self, concepts: Iterable[str], numbers: Iterable[int]) -> dict[str, float]:
        ignored = {
            SUBJECT,
            OTHER,
            YEAR,
            NUMBER,
            self.facts.subject.roles.how_old,
            *self._no_evidence,
        }
        found = {
            concept: self._idf.get(concept, self._unknown_weight)
            for concept in concepts
            if concept not in ignored
        }
        for number in numbers:
            found[f"#{number}"] = self._unknown_weight
        for concept in found.keys() & self._names:
            found[concept] *= NAME_SHARE
        return found

    def _fact_of_the_year(self, analysis: Analysis) -> Intent | None:
        """For a question that names a year and nothing else ("what happened in 1989?"), the
        fact that leads with the one event of the timeline in that year."""
        asked = [c for c in analysis.concepts if c != YEAR and c not in self._no_evidence]
        if len(analysis.years) != 1 or asked or analysis.mentions_other or analysis.unknown_words:
            return None
        (year,) = analysis.years
        birth = self.facts.subject.birth_date
        spans = [(event, year_of(birth, event.known_date)) for event in self.events.dated]
        events = [event for event, span in spans if span.low <= year <= span.high]
        if len(events) != 1:
            return None
        return self.fact_telling(events[0])

    def fact_telling(self, event: Event) -> Intent | None:
        """The fact that leads with a timeline event (found once, when the index is built)."""
        return self._tellers[self.events.events.index(event)]

    def _teller(self, event: Event) -> Intent | None:
        """The fact quoting `event` with the fewest other quotes: among equals one that quotes
        the sentence stating its date ("som 26-årig"), then one naming its year first."""
        date = event.date
        stated = str(date.year or date.age) if date else ""
        dating = [ref for ref in event.entry.sources if stated and stated in ref.quote]
        telling = [
            intent
            for intent in self.facts.intents
            if intent.kind == IntentKind.FACT and _quotes_any(intent, event.entry.sources)
        ]
        return min(
            telling,
            key=lambda intent: (
                not _quotes_any(intent, dating),
                len(intent.sources),
                _first_year_at(intent, date.year) if date and date.year else 0,
                intent.id,
            ),
            default=None,
        )

    def _undated(self, analysis: Analysis) -> bool:
        """Whether the question speaks of an event of the timeline that the sources do not date
        ("which year did he win the title with OB?")."""
        topic = self._topic(analysis.concepts, (*analysis.years, *analysis.numbers))
        named = self.events.named(topic, 1, topic.keys() & self.lexicon_concepts, dated=False)
        # Only a question that names the event's club or match, or fits it far better than any
        # other, is sure to mean that event: "hvornår lagde han støvlerne" fits his time at
        # Esbjerg by the word "player" alone, barely better than the end of his career there.
        if not named or named[0].date is not None:
            return False
        shared = named[0].concepts.keys() & topic.keys()
        names = shared & self._names
        # A club that a dated event holds too must come with more: "hvornår kom han til OB"
        # fits the titles with OB (undated) a little better than his start there (1989).
        return (
            bool(names) and (bool(shared - names) or not names <= self.events.dated_concepts)
        ) or self.events.lead(topic) >= CLEAR_LEAD

    def match(self, question: str, default_language: str = "da") -> Match:
        analysis = self.analyse(question, default_language)
        weights, total = self._weights(analysis)
        ranked = self._quoting_first(analysis, self._rank(analysis, weights, total))
        top = ranked[0][1] if ranked else 0.0
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        # Two intents that fit almost equally well make the answer a coin toss.
        margin = min(1.0, MARGIN_FLOOR + (1 - MARGIN_FLOOR) * (top - runner_up) / CLEAR_MARGIN)
        confidence = round(max(0.0, min(1.0, top * margin)), 3)
        verdict = _verdict(analysis, ranked, confidence)
        # Whether the best intent clears the thresholds: then a detail it lacks ("which year did
        # he win the title with OB?") is named as missing, however the calibration decides.
        fits = verdict == Verdict.ANSWER
        signals: dict[str, float] = {}
        if (
            verdict in _DECIDED
            and ranked
            and ranked[0][0].answerable
            and not analysis.about_someone_else
        ):
            signals = self.signals(analysis, ranked, confidence, weights, total)
            calibration = self.calibration
            if calibration is not None:
                # The estimated chance that the best intent is right, in place of the score.
                best = ranked[0][0].id
                votes = self._fans.votes(analysis.wording, analysis.concepts, best)
                confidence = round(calibration.probability(signals, best, votes), 3)
                answers = confidence >= calibration.threshold
                verdict = Verdict.ANSWER if answers else _declined(analysis)
        if verdict != Verdict.ANSWER and (year_fact := self._fact_of_the_year(analysis)):
            # "Hvad skete der i 2013?": the one event of that year, told by its own fact. The
            # others' scores measured a question that named nothing but a year: no suggestions.
            ranked = [(year_fact, YEAR_FACT_SCORE)]
            confidence, verdict = YEAR_FACT_SCORE, Verdict.ANSWER
        missing = None
        if fits or verdict == Verdict.ANSWER or (verdict == Verdict.UNSURE and ranked):
            missing = self._missing_detail(analysis, ranked[0][0])
        # Unsure which fact was meant, but sure it is about a time after the source: say that.
        if missing and (fits or verdict == Verdict.ANSWER or missing.later_year):
            verdict = Verdict.MISSING_DETAIL
        else:
            missing = None
        return Match(analysis, tuple(ranked), confidence, verdict, missing, signals, fits)

    def _quoting_first(
        self, analysis: Analysis, ranked: list[tuple[Intent, float]]
    ) -> list[tuple[Intent, float]]:
        """ "Hvad mener avisen med en 'fornem sejr'?": words quoted from the article point to
        the sentence they come from. The best-ranked intent citing it goes first, with the best
        score; where none is ranked, the one intent citing it, if only one does."""
        quoting = analysis.quoting
        if not quoting or not ranked or ranked[0][0].id in quoting:
            return ranked
        at = next((i for i, (intent, _) in enumerate(ranked) if intent.id in quoting), None)
        if at is not None:
            return [(ranked[at][0], ranked[0][1]), *ranked[:at], *ranked[at + 1 :]]
        if len(quoting) != 1:
            return ranked
        (only,) = quoting
        return [(self.facts.intent(only), ranked[0][1]), *ranked]

    def signals(
        self,
        analysis: Analysis,
        ranked: list[tuple[Intent, float]],
        confidence: float,
        weights: dict[str, float],
        total: float,
    ) -> dict[str, float]:
        """What tells a right best intent from a wrong one, beyond its score: how much of the
        question it covers (by phrasings, or only by answer and sources), what rare or unknown
        words it leaves, how its runner-up fares, whether the whole question's wording, letter
        by letter, is nearest a phrasing of the same intent, and what kind of question it is.
        `weights` and `total` are the question's, as ranking weighed them."""
        postings = self._postings
        best = self._profiles[ranked[0][0].id]

        def covered(profile: _Profile) -> float:
            return sum(w * postings.get(c, {}).get(profile, 0.0) for c, w in weights.items())

        def phrased(profile: _Profile) -> float:
            return sum(w for c, w in weights.items() if c in profile.containing)

        def evidenced(profile: _Profile) -> float:
            return sum(
                w * postings.get(c, {}).get(profile, 0.0)
                for c, w in weights.items()
                if c not in profile.containing
            )

        answerable = [self._profiles[i.id] for i, _ in ranked if i.answerable]
        rare = {c for c in weights if len(postings.get(c, ())) <= 2}
        uncovered = {c for c in weights if best not in postings.get(c, ())}
        runner_up = self._profiles[ranked[1][0].id] if len(ranked) > 1 else None
        return {
            "confidence": confidence,
            "top_score": ranked[0][1],
            "runner_up_score": ranked[1][1] if len(ranked) > 1 else 0.0,
            "recall": covered(best) / total,
            "runner_up_recall": covered(runner_up) / total if runner_up else 0.0,
            "uncovered": sum(weights[c] for c in uncovered) / total,
            "rare_covered": sum(weights[c] for c in rare - uncovered) / total,
            "rare_uncovered": sum(weights[c] for c in rare & uncovered) / total,
            "free_uncovered": sum(weights[c] for c in uncovered if c.startswith(_FREE)) / total,
            "unknown": 1 - sum(weights.values()) / total,
            "phrasing_recall": phrased(best) / total,
            "evidence_recall": evidenced(best) / total,
            "phrasing_agrees": float(max(answerable, key=phrased) is best),
            "evidence_agrees": float(max(answerable, key=evidenced) is best),
            "unanswerable_near": float(any(not i.answerable for i, _ in ranked[:3])),
            "concepts": float(len(analysis.concepts)),
            "unknown_words": float(len(set(analysis.unknown_words))),
            "rarest_covered": float(max(weights, key=weights.__getitem__) not in uncovered)
            if weights
            else 0.0,
            "names_him": float(analysis.mentions_subject),
            "about_him": float(analysis.about_him),
            "names_event": float(analysis.names_a_story_event),
            "names_story": float(analysis.names_his_story),
            "yes_no": float(analysis.yes_no),
            "english": float(analysis.language == "en"),
            "years": float(len(analysis.years)),
            "numbers": float(len(analysis.numbers)),
            "wording_lead": self._wording_lead(analysis.wording, ranked),
            "quotes_source": float(ranked[0][0].id in analysis.quoting),
        }

    def _wording_lead(self, wording: str, ranked: list[tuple[Intent, float]]) -> float:
        """How much nearer, letter by letter, the whole question is to a phrasing of the best
        intent than to one of the runners-up (negative where farther): a second opinion, blind to
        concepts, that agrees more often when the best intent is right. Measured on batches left
        out of the calibration's fit: more right answers and fewer wrong ones at once."""
        # Imported here, as for repairs: rapidfuzz is a tenth of the start-up.
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        def nearest(intent: Intent) -> float:
            found = process.extractOne(
                wording, self._profiles[intent.id].wordings, scorer=Indel.normalized_similarity
            )
            return found[1] if found else 0.0

        best, *others = (nearest(intent) for intent, _ in ranked[:WORDING_RIVALS])
        return best - max(others, default=0.0)

    def _missing_detail(self, analysis: Analysis, intent: Intent) -> MissingDetail | None:
        """A fact that does not hold the year asked for: "which year …" where it names none, or
        "… in 2023" where it speaks of other years (or the source ends before)."""
        profile = self._profiles[intent.id]
        if profile.years is None:
            return None
        published = min(int(self.facts.sources[ref.source].published[:4]) for ref in intent.sources)
        later = [year for year in analysis.years if year > published and year not in profile.years]
        # "His contract runs until 2023, right?": a fact that itself looks past its source's
        # date (a contract to 2021, written in 2020) answers a yes/no question about another
        # such year, with the year it names.
        looks_ahead = analysis.yes_no and any(year > published for year in profile.years)
        if later and not looks_ahead:
            return MissingDetail(later_year=max(later))
        # "Beyond 2021", where the source ends before 2021 is over.
        after = [year for year in analysis.after_years if year >= published]
        if after:
            return MissingDetail(later_year=max(after), after=True)
        # A year before that which the fact does not name ("did he win the cup in 2015?") is
        # answered by the fact itself, which names the right one.
        roles = self.facts.subject.roles
        asked = set(analysis.concepts)
        if roles.which_year in asked and not profile.years:
            return MissingDetail()
        # "Which year did he win the title with OB?": the fact names a year, of another event.
        if (roles.which_year in asked or roles.when in asked) and self._undated(analysis):
            return MissingDetail()
        return None

    def _weights(self, analysis: Analysis) -> tuple[dict[str, float], float]:
        """How much each concept of the question weighs, and all that the question says."""
        weights = {c: self.weight(c) for c in analysis.concepts}
        if YEAR in weights:
            # A year says when, rarely what: "did he win the cup in 2023" is about the cup.
            weights[YEAR] *= YEAR_SHARE
        total = sum(weights.values()) + self._unknown_weight * len(set(analysis.unknown_words))
        if analysis.mentions_other:
            total += self._unknown_weight
        return weights, total

    def _rarest_first(self, weights: dict[str, float]) -> list[str]:
        return sorted(weights, key=lambda c: len(self._postings.get(c, {})))

    def ranks_first(self, question: str, intent: Intent) -> bool:
        """Whether `match(question)` certainly ranks `intent` first, shown from bounds without
        scoring the other candidates; False when that cannot be shown (then `match` tells).

        `facts check` asks this of every phrasing of every intent: at 10,000 intents a full
        match walks postings of thousands of intents, while a phrasing's own intent usually
        leads by far. The proof: the intent's own score as `match` computes it, and for every
        other intent a recall too small to reach that score even with a perfect Dice term.
        Then its recall is the highest, so `match` scores it first and nothing scores higher.
        """
        analysis = self.analyse(question)
        weights, total = self._weights(analysis)
        if total <= 0:
            return False
        order = self._rarest_first(weights)
        own = self._profiles[intent.id]
        if not order or own not in self._postings.get(order[0], {}):
            return False  # then `match` may not even consider it
        covered = 0.0
        for concept in order:
            strength = self._postings.get(concept, {}).get(own)
            if strength is not None:
                covered = covered + weights[concept] * strength
        bar = self._scored([(own, covered)], weights, total, analysis)[0][1] - SLACK
        bonus = sum(_bonuses(weights, analysis))
        # Intents outside the postings of the rarest concepts can only have the others' weight
        # (strengths are at most 1): list postings, rarest first, until that weight is too little.
        rivals: set[_Profile] = set()
        for listed, concept in enumerate(order):
            unlisted = sum(weights[c] for c in order[listed:])
            if _upper_bound(unlisted, bonus, total) < bar:
                break
            rivals.update(self._postings.get(concept, ()))
            if len(rivals) > RIVALS:
                return False
        else:
            if _upper_bound(0.0, bonus, total) >= bar:
                return False
        rivals.discard(own)
        return all(
            _upper_bound(
                sum(w * self._postings.get(c, {}).get(rival, 0.0) for c, w in weights.items()),
                bonus,
                total,
            )
            < bar
            for rival in rivals
        )

    def _rank(
        self, analysis: Analysis, weights: dict[str, float], total: float
    ) -> list[tuple[Intent, float]]:
        if total <= 0:
            return []
        # Rare concepts first: once they have found enough candidates, the common ones (such as
        # "when") only add to those, instead of touching thousands of intents.
        recall: dict[_Profile, float] = {}
        for concept in self._rarest_first(weights):
            weight, postings = weights[concept], self._postings.get(concept, {})
            if len(recall) >= SEED_CANDIDATES and len(postings) > len(recall):
                for profile in recall:
                    recall[profile] += weight * postings.get(profile, 0.0)
            else:
                for profile, strength in postings.items():
                    recall[profile] = recall.get(profile, 0.0) + weight * strength
        return self._scored(_best(recall, SHORTLIST), weights, total, analysis)

    def _scored(
        self,
        shortlist: list[tuple[_Profile, float]],
        weights: dict[str, float],
        total: float,
        analysis: Analysis,
    ) -> list[tuple[Intent, float]]:
        """The KEPT best of the `shortlist` (intents with their recall, best first), scored."""
        years = set(analysis.years)
        roles = self.facts.subject.roles
        age_asked, year_asked = roles.how_old in weights, roles.which_year in weights
        year_bonus, number_bonus = _bonuses(weights, analysis)
        numbers = set(analysis.numbers)
        named = set() if analysis.yes_no else self._names.intersection(weights)
        # "Was he born in 1975?", "Did he win the cup in 2015?": a yes/no question is answered
        # by the fact that names the right year.
        mismatching = bool(years) and not analysis.yes_no
        scored: list[tuple[float, str, Intent]] = []
        # The KEPT best scores so far; an intent that cannot beat the lowest of them is skipped.
        best: list[float] = []
        # Only the intents that cover most of the question can win; the Dice term, which walks
        # their phrasings, is computed for those alone, best-covering first.
        for profile, covered in shortlist:
            if (
                len(best) == KEPT
                and _upper_bound(covered, year_bonus + number_bonus, total) < best[0] - SLACK
            ):
                # The bound only falls from here on (less coverage), the bar only rises.
                break
            # The weight each phrasing shares with the question, summed concept by concept
            # through the intent's own postings: only phrasings that share a concept are touched.
            shared: dict[int, float] = {}
            containing = profile.containing
            for concept, weight in weights.items():
                for phrasing in containing.get(concept, ()):
                    shared[phrasing] = shared.get(phrasing, 0.0) + weight
            phrasing_weights = profile.phrasing_weights
            dice = 0.0
            for position, sum_ in shared.items():
                fit = 2 * sum_ / (total + phrasing_weights[position])
                if fit > dice:
                    dice = fit
            intent_years = profile.years
            if years and intent_years and intent_years & years:
                # The year asked about stands in the answer: evidence like any other word.
                covered += year_bonus
            if numbers and not profile.numbers.isdisjoint(numbers):
                # So does a number: "var det ti eller 30 spillere?", "did they win 3-1?".
                covered += number_bonus
            score = RECALL_SHARE * min(covered / total, 1.0) + (1 - RECALL_SHARE) * dice
            if mismatching and intent_years is not None and not intent_years & years:
                # "Which club did he coach in 2015?" is not answered by his 2018 title.
                score *= YEAR_MISMATCH
            if named and profile.years is not None and not named <= profile.names:
                # "Which year did Gent win the cup?" is not answered by the cup with Esbjerg: a
                # club or a match the fact never speaks of makes it another story.
                score *= ENTITY_MISMATCH
            requires = profile.intent.requires
            if (
                (age_asked and not profile.gives_age)
                or (year_asked and intent_years is not None and not intent_years)
                or (requires and weights.keys().isdisjoint(requires))
            ):
                # "How old was he when he went to Gent?" asks for an age, not for the move;
                # "which year" for a year.
                score *= ANSWER_TYPE_MISMATCH
            score = round(score, 4)
            # Best first, ties by id: a plain sort of these tuples (ids are unique).
            scored.append((-score, profile.intent.id, profile.intent))
            if len(best) < KEPT:
                heapq.heappush(best, score)
            elif score > best[0]:
                heapq.heapreplace(best, score)
        scored.sort()
        return [(intent, -negated) for negated, _, intent in scored[:KEPT]]


def _asked(concepts: Iterable[str]) -> tuple[str, ...]:
    """The concepts a question asks about, once each, in order: naming him or someone else is
    no part of what is asked."""
    return tuple(dict.fromkeys(c for c in concepts if c not in (SUBJECT, OTHER)))


def _says_true_or_false(words: list[str]) -> bool:
    return len(_cut(words, stopwords.TRUE_OR_FALSE)) < len(words)


def _ends_with_tag(words: list[str]) -> bool:
    """Whether a statement ends as a yes/no question: "he was born in 1975, wasn't he"."""
    return any(tuple(words[-size:]) in stopwords.YES_NO_TAGS for size in (1, 2, 3))


def _bonuses(weights: dict[str, float], analysis: Analysis) -> tuple[float, float]:
    """What a year, and a number, asked about add to the recall of an intent whose answer
    names it."""
    year = weights.get(YEAR, 0.0) * ANSWER_STRENGTH if analysis.years else 0.0
    number = weights.get(NUMBER, 0.0) * ANSWER_STRENGTH if analysis.numbers else 0.0
    return year, number


def _best(recall: dict[_Profile, float], count: int) -> list[tuple[_Profile, float]]:
    """The `count` best-covering intents, best first, ties in the order of `recall`: the first
    `count` of a stable sort. A large recall is first cut to what can be among them: the
    `count`-th best of some of the intents is a floor for the `count`-th best of all."""
    items: Iterable[tuple[_Profile, float]] = recall.items()
    if len(recall) > PREFILTER:
        sample = itertools.islice(recall.values(), PREFILTER // 4)
        floor = heapq.nlargest(count, sample)[-1]
        items = [item for item in items if item[1] >= floor]
    return sorted(items, key=itemgetter(1), reverse=True)[:count]


def _upper_bound(covered: float, bonus: float, total: float) -> float:
    """The highest score an intent with recall `covered` can reach. Each phrasing concept
    counts at least PHRASING_STRENGTH in recall, so the weight a phrasing shares with the
    question is at most covered / PHRASING_STRENGTH, and Dice at most 2S / (total + S) for it."""
    shared = min(covered / PHRASING_STRENGTH, total)
    dice = 2 * shared / (total + shared)
    return RECALL_SHARE * min((covered + bonus) / total, 1.0) + (1 - RECALL_SHARE) * dice


def _by_first_letter(words: set[str]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words):
        table[word[0]].append(word)
    return table


def _quotes_any(intent: Intent, refs: Iterable[SourceRef]) -> bool:
    """Whether one of the intent's quotes holds, or is held by, one of `refs` (same paragraph)."""
    return any(
        (mine.source, mine.paragraph) == (ref.source, ref.paragraph)
        and (ref.quote in mine.quote or mine.quote in ref.quote)
        for mine in intent.sources
        for ref in refs
    )


def _first_year_at(intent: Intent, year: int) -> int:
    """Where the intent's answers first name `year` (far off where they do not)."""
    found = [text.find(str(year)) for text in intent.answers.values()]
    return min((at for at in found if at >= 0), default=sys.maxsize)


def _language_of(votes: list[str], text: str, words: list[str]) -> str | None:
    """The language the `votes` of a question's words, its letters (æ, ø, å in `text`) and its
    opening word point to; None while it is a tie."""
    da, en = votes.count("da"), votes.count("en")
    if has_danish_letters(text):
        da += 2
    if words:
        da += OPENER_VOTES * (words[0] in stopwords.OPENERS["da"])
        en += OPENER_VOTES * (words[0] in stopwords.OPENERS["en"])
    return _majority(da, en)


def _leading(votes: list[str]) -> str | None:
    """The language most words so far belong to; None while it is a tie."""
    return _majority(votes.count("da"), votes.count("en"))


def _majority(da: int, en: int) -> str | None:
    return "da" if da > en else "en" if en > da else None


def _language_asked_for(
    words: list[str], names_something: Callable[[str], bool]
) -> tuple[list[str], str | None]:
    """ "Svar venligst på engelsk: …", "please answer in Danish": the language asked for, and
    the words without it ("in Danish" is no question about his nationality). "In Danish
    football" asks for nothing: `names_something` tells the noun that follows."""

    def adjective(phrase: tuple[str, ...], following: str | None) -> bool:
        return (
            phrase in stopwords.LANGUAGE_ADJECTIVES
            and following is not None
            and names_something(following)
        )

    for language, phrases in stopwords.LANGUAGE_REQUESTS.items():
        kept = _cut(words, phrases, adjective)
        if len(kept) < len(words):
            return kept, language
    return words, None


def _without_fillers(words: list[str]) -> list[str]:
    return _cut(words, stopwords.FILLER_PHRASES)


def _cut(
    words: list[str],
    phrases: tuple[tuple[str, ...], ...],
    unless: Callable[[tuple[str, ...], str | None], bool] = lambda phrase, following: False,
) -> list[str]:
    """`words` without every occurrence of the `phrases`, except where `unless` the phrase and
    the word after it (None at the end)."""
    if not any(phrase[0] in words for phrase in phrases):
        return words
    kept: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in phrases if tuple(words[i : i + len(p)]) == p), None)
        end = i + len(phrase) if phrase else i
        if phrase and not unless(phrase, words[end] if end < len(words) else None):
            i += len(phrase)
        else:
            kept.append(words[i])
            i += 1
    return kept


def _consonants(word: str) -> str:
    return word.translate(_NO_VOWELS)


def _number(tok: str) -> int | None:
    if not tok[:1].isdigit():
        return None
    if tok.isdigit() and len(tok) <= 4:
        return int(tok)
    ordinal = _ORDINAL.match(tok)
    return int(ordinal.group(1)) if ordinal else None


# The verdicts the answer-or-not decision gives; the others (no words, a detail the sources
# lack) are decided before it, and so is a question about someone else.
_DECIDED = frozenset({Verdict.ANSWER, Verdict.UNSURE, Verdict.OFF_TOPIC})


def _declined(analysis: Analysis) -> Verdict:
    return Verdict.UNSURE if analysis.mentions_subject else Verdict.OFF_TOPIC


def _verdict(analysis: Analysis, ranked: list[tuple[Intent, float]], confidence: float) -> Verdict:
    if analysis.about_someone_else:
        return Verdict.OFF_TOPIC
    if not analysis.concepts and not analysis.unknown_words:
        return Verdict.EMPTY
    if not ranked:
        return Verdict.OFF_TOPIC if not analysis.mentions_subject else Verdict.UNSURE
    best = ranked[0][0]
    if not best.answerable and ranked[0][1] >= UNKNOWN_THRESHOLD:
        return Verdict.UNKNOWN_DETAIL
    threshold = (
        ANSWER_THRESHOLD
        if analysis.about_him
        else ANSWER_THRESHOLD_STORY
        if analysis.names_a_story_event
        else ANSWER_THRESHOLD_UNNAMED
    )
    if best.answerable and confidence >= threshold:
        return Verdict.ANSWER
    return _declined(analysis)
