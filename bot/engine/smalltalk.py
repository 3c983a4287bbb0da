"""Small talk and chat that is not a question: greetings, thanks, "who are you", "help", "haha".

A fan who says hello, thanks the bot or asks what it is should get a short friendly reply, never a
fact about the subject; members chatting in a Q&A channel should not be answered at all. These
words belong to the languages, not to a subject, so they live here rather than in a fact base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.engine import stopwords
from bot.engine.text import skeleton, tokens


class SmallTalk(StrEnum):
    IDENTITY = "identity"
    HELP = "help"
    THANKS = "thanks"
    CONGRATULATIONS = "congratulations"
    GREETING = "greeting"
    CHATTER = "chatter"


# Phrases per kind and language, as folded words (æ→ae, ø→oe, å→aa). Earlier kinds win: "hi, who
# are you?" is a question about the bot, "thanks, bye" is thanks.
_PHRASES: dict[SmallTalk, dict[str, tuple[str, ...]]] = {
    SmallTalk.IDENTITY: {
        "da": (
            "hvem er du",
            "hvad er du",
            "hvad hedder du",
            "er du en bot",
            "er du et menneske",
            "er du en robot",
            "er du ai",
            "hvem har lavet dig",
            "hvem har bygget dig",
            "hvem har skabt dig",
            "hvad er det for en bot",
            "hvad laver du",
            "praesenter dig",
            "er du chatgpt",
            "er du levende",
            "hvem har konstrueret dig",
        ),
        "en": (
            "who are you",
            "who r u",
            "what are you",
            "what is your name",
            "whats your name",
            "are you a bot",
            "are you human",
            "are you a robot",
            "are you ai",
            "are you an ai",
            "are you a real person",
            "are you real",
            "who made you",
            "who built you",
            "who created you",
            "what is this bot",
            "introduce yourself",
            "are you chatgpt",
            "are you sentient",
            "are you online",
            "are you there",
        ),
    },
    SmallTalk.HELP: {
        "da": (
            "hjaelp",
            "hjalp",
            "hvad kan du",
            "hvad kan du svare paa",
            "hvad kan jeg spoerge om",
            "hvad kan jeg sporge om",
            "hvordan virker du",
            "hvordan virker det",
            "hvordan bruger jeg dig",
            "hvilke kommandoer",
            "kommandoer",
            "hvad ved du",
            "hvad ved du noget om",
            "hvad skal jeg spoerge om",
            "hvad skal jeg spoerge dig om",
            "hvad kan jeg spoerge dig om",
            "hvad kan man spoerge om",
            "hvad kan du hjaelpe med",
            "hvad kan du hjalpe med",
            "kan jeg spoerge dig om",
        ),
        "en": (
            "help",
            "help me",
            "what can you do",
            "what can i ask",
            "what can i ask you",
            "what do you know",
            "what kind of questions can i ask",
            "what questions can i ask",
            "what can i ask about",
            "how does this work",
            "how do you work",
            "how do i use you",
            "how do i use this",
            "commands",
            "what commands",
            "usage",
            "what can you help with",
            "what can you help me with",
            "can i ask you",
            "how does this bot work",
            "can i ask it anything",
            "can i ask anything",
        ),
    },
    SmallTalk.THANKS: {
        "da": (
            "tak",
            "tusind tak",
            "mange tak",
            "tak skal du have",
            "tak for det",
            "tak for hjaelpen",
            "tak for svaret",
            "takker",
            "tak bot",
            "super tak",
            "merci",
            # Norwegian and Swedish, answered in Danish (see neighbours.py).
            "takk",
            "tusen takk",
            "mange takk",
            "tack",
            "tack saa mycket",
        ),
        "en": (
            "thanks",
            "thank you",
            "thank u",
            "thx",
            "thnx",
            "tnx",
            "ty",
            "tysm",
            "cheers",
            "much appreciated",
            "appreciate it",
            "thanks a lot",
            "thanks mate",
            # German, Dutch and French, answered in English (see neighbours.py).
            "danke",
            "danke schoen",
            "danke schon",
            "vielen dank",
            "dank je",
            "dank je wel",
            "dank u",
            "bedankt",
            "merci",
            "merci beaucoup",
        ),
    },
    # Said to him on his birthday; its words stay in the question ("hvornår skal vi sige
    # tillykke?" asks when his birthday is).
    SmallTalk.CONGRATULATIONS: {
        "da": (
            "tillykke",
            "stort tillykke",
            "tillykke med fodselsdagen",
            "tillykke med foedselsdagen",
            "tillykke med dagen",
            "tillykke med de 50",
            "hurra",
            "hip hip hurra",
        ),
        "en": (
            "happy birthday",
            "happy bday",
            "hbd",
            "congrats",
            "congratulations",
            "many happy returns",
            "happy 50th",
        ),
    },
    SmallTalk.GREETING: {
        "da": (
            "hej",
            "hejsa",
            "hejhej",
            "hej hej",
            "halloej",
            "hallo",
            "goddag",
            "godmorgen",
            "god morgen",
            "godaften",
            "god aften",
            "davs",
            "dav",
            "morn",
            "mojn",
            "hva saa",
            "hvad saa",
            "hvordan gaar det",
            "hvordan har du det",
            "farvel",
            "vi ses",
            "god dag",
            "godnat",
            "god nat",
            "hej alle",
            "ses",
            "ses i morgen",
            "ses senere",
            "ping",
            "er du der",
            # Norwegian and Swedish.
            "hei",
            "hei hei",
            "god kveld",
            "hallaa",
            "hejsan",
            "tjena",
            "god morgon",
            "god kvaell",
        ),
        "en": (
            "hi",
            "hello",
            "hey",
            "hiya",
            "howdy",
            "yo",
            "sup",
            "whats up",
            "what is up",
            "good morning",
            "good evening",
            "good afternoon",
            "how are you",
            "how r u",
            "bye",
            "goodbye",
            "see you",
            "see ya",
            "cya",
            "cya later",
            "see you later",
            "laters",
            "greetings",
            "good night",
            "how is it going",
            "hows it going",
            "good day",
            "evening",
            "evening all",
            "morning",
            "morning all",
            # German, Dutch and French.
            "bonjour",
            "bonsoir",
            "salut",
            "guten tag",
            "guten morgen",
            "guten abend",
            "servus",
            "hoi",
            "goedemorgen",
            "goedenavond",
            "goedendag",
        ),
    },
    SmallTalk.CHATTER: {
        "da": (
            "haha",
            "hehe",
            "fedt",
            "sejt",
            "nice",
            "okay",
            "ok",
            "jep",
            "jo",
            "ja",
            "nej",
            "enig",
            "uenig",
            "godt",
            "super",
            "sjovt",
            "klart",
            "praecis",
            "rigtigt",
            "fint",
            "godt svar",
            "den var god",
            "godt gaaet",
            "flot",
            "wow",
            "ups",
            "hmm",
            "nah",
            "joke",
            "vittighed",
            "fortael en joke",
            "fodboldjoke",
            "god bot",
            "sej bot",
            "skarp bot",
            "du er sej",
            "du er sgu",
            "nogen der",
            "hvem ser med",
            "offside",
            "dommeren",
            "var check",
        ),
        "en": (
            "lol",
            "lmao",
            "rofl",
            "xd",
            "nice",
            "nice one",
            "cool",
            "great",
            "awesome",
            "ok",
            "okay",
            "k",
            "yes",
            "yeah",
            "yep",
            "no",
            "nope",
            "true",
            "fair",
            "fair enough",
            "agreed",
            "damn",
            "gg",
            "wow",
            "good one",
            "good bot",
            "well done",
            "you are awesome",
            "you re awesome",
            "youre awesome",
            "you rock",
            "oops",
            "interesting",
            "makes sense",
            "got it",
            "brb",
            "joke",
            "tell me a joke",
            "bad bot",
            "anyone",
            "anyone got",
            "whos watching",
            "who is watching",
            "offside",
            "the ref",
            "var check",
            "stream link",
        ),
    },
}

# The most words after a greeting, in its own clause, that are taken as whom it greets.
MAX_ADDRESS_WORDS = 2
# Words that name a bot: "tak bot" is said to it, "tak" alone may be said to anyone.
_BOT_WORDS = frozenset({"bot", "botten", "bott", "bots", "robot", "robotten"})
# Ways to address the bot, which say nothing of what is asked.
_ADDRESS = _BOT_WORDS | {
    "du",
    "you",
    "u",
    "dig",
    "mate",
    "buddy",
    "ven",
    "alle",
    "allesammen",
    "everyone",
    "all",
    "guys",
}
# Letters typed three times or more are one: "heyyy", "takkk", "hahahaha".
_REPEATS = re.compile(r"(.)\1{2,}")
_LAUGH = re.compile(r"^(?:ha|he|hi|ja|xd)+h?$")


@dataclass(frozen=True)
class Reading:
    """What small talk a message holds: its kind (None if there is none), the language its words
    point to (None if they are the same in both), what is left to answer once greetings,
    thanks, chatter and words for the bot are taken out (`rest`, empty when nothing is), and
    whether it is phrased as a question (a question mark, or a first word after any greeting
    that opens one) rather than as chat."""

    kind: SmallTalk | None
    language: str | None
    rest: tuple[str, ...]
    phrased_as_question: bool

    @property
    def only_small_talk(self) -> bool:
        return self.kind is not None and not self.rest


# Kinds that are asides before or after a question; "who are you" and "what can you do" are
# questions themselves, and "hvad ved du om Thorup" is one about him.
ASIDES = frozenset({SmallTalk.THANKS, SmallTalk.GREETING, SmallTalk.CHATTER})


def _words(text: str) -> list[str]:
    """The folded words of `text`, letters typed three times or more as one, laughs as "haha"."""
    # One substitution over the words joined by single spaces is one per word: a run of one
    # letter never reaches past a space.
    words = _REPEATS.sub(_once, " ".join(tokens(text))).split()
    # A laugh starts with h, j or x: other words skip the pattern.
    return [
        "haha" if len(word) >= 4 and word[0] in "hjx" and _LAUGH.match(word) else word
        for word in words
    ]


def _once(repeated: re.Match[str]) -> str:
    # A function rather than the template r"\1": re expands a template in Python on every
    # call, even when nothing matches, and this runs for every word of every message.
    return repeated.group(1)


_Entry = tuple[tuple[str, ...], SmallTalk, str]


def _phrase_table() -> dict[str, list[_Entry]]:
    """The phrases by their first word, longest first, so "tak for det" wins over "tak"."""
    table: dict[str, list[_Entry]] = {}
    for kind, languages in _PHRASES.items():
        for lang, phrases in languages.items():
            for phrase in phrases:
                words = tuple(phrase.split())
                table.setdefault(words[0], []).append((words, kind, lang))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


_TABLE = _phrase_table()
# Phrases said alike in both languages ("ok", "nice") give no hint of the language.
_SHARED = frozenset(
    words
    for entries in _TABLE.values()
    for words, _, lang in entries
    if any(other == words and other_lang != lang for other, _, other_lang in entries)
)
_KIND_ORDER = tuple(SmallTalk)


# Words that open a question, in either language, once greetings are taken out: the question
# words and yes/no verbs the matcher knows, and the requests and chat spellings that open one too.
_QUESTION_OPENERS = frozenset().union(
    *stopwords.QUESTION_WORDS.values(),
    *stopwords.YES_NO_OPENERS.values(),
    """
    hvormange hva gik kom mon fortael forklar naevn giv ved hvorlaenge
    whose whom are have would should tell explain name list give describe wher
    """.split(),  # noqa: SIM905 - a word list reads best as text
)


# Words that say nothing, folded as `_words` folds them, question openers excepted: "hej,
# hvorfor" is a question begun.
_FILLER = (
    frozenset(
        skeleton(word) for text in (*stopwords.DANISH, *stopwords.ENGLISH) for word in tokens(text)
    )
    - _QUESTION_OPENERS
)


def read(text: str) -> Reading:
    """Take the small talk out of `text`: greetings, thanks, chatter and words for the bot."""
    words = _words(text)
    # "Goddag folkens! …", "Hej igen, …": a greeting's own short sentence is all greeting.
    greeting_words = _opening_greeting(text)
    kinds: list[SmallTalk] = []
    languages: set[str] = set()
    # Words outside any small-talk phrase, and words of phrases that are questions themselves.
    unmatched: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(words):
        starting = _TABLE.get(words[i])
        hit = (
            next((e for e in starting if tuple(words[i : i + len(e[0])]) == e[0]), None)
            if starting
            else None
        )
        if hit is None and i < greeting_words:
            i += 1
            continue
        if hit is None:
            # "hvem er du egentlig": a filler word leaves it small talk.
            if words[i] not in _ADDRESS and words[i] not in _FILLER:
                unmatched.append(words[i])
            if words[i] not in _BOT_WORDS:
                kept.append(words[i])
            i += 1
            continue
        phrase, kind, lang = hit
        kinds.append(kind)
        if kind not in ASIDES:
            kept.extend(phrase)
        if phrase not in _SHARED:
            languages.add(lang)
        i += len(phrase)
    first = min(kinds, key=_KIND_ORDER.index) if kinds else None
    language = languages.pop() if len(languages) == 1 else None
    rest = tuple(kept) if unmatched else ()
    asks = "?" in text or (bool(rest) and rest[0] in _QUESTION_OPENERS) or _asks_later(text)
    return Reading(first, language, rest, asks)


# Where a sentence ends in chat, its mark kept: "DEN DER SEJR MOD UNITED!!! HVAD ENDTE DEN!!!".
_SENTENCE_END = re.compile(r"(?<=[.!?;:\n])\s*")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]|\s[–-]\s")
# "What a game!", "hvad en kamp!": an exclamation, though it opens as a question.
_EXCLAIMING = frozenset({"a", "an", "en", "et"})
# A statement turned into a question at its end: "stod Gent godt i tabellen, eller hvad!!".
_QUESTION_TAGS = (("eller", "hvad"), ("eller", "ej"), ("or", "what"), ("or", "not"))


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if tokens(part)]


def _opens_question(sentence: str) -> bool:
    words = tokens(sentence)
    return words[0] in _QUESTION_OPENERS and (len(words) < 2 or words[1] not in _EXCLAIMING)


def asking_part(text: str) -> str:
    """The sentences of a message that ask (a question mark, or a question word first), without
    the remarks around them ("asking for a school thing lol", "FØLES SOM I GÅR!!"); the whole
    message where none does, or all do."""
    parts = _sentences(text)
    asking = [part for part in parts if part.endswith("?") or _opens_question(part)]
    return " ".join(asking) if asking and len(asking) < len(parts) else text


def _opening_greeting(text: str) -> int:
    """How many words the greeting that opens a message takes up with its own clause, where it
    has few words beyond the greeting and a question follows ("Goddag folkens! Hvad …": two);
    0 where none does."""
    clauses = [words for words in map(_words, _CLAUSE_BREAK.split(text)) if words]
    if len(clauses) < 2:
        return 0
    first = clauses[0]
    greeting = next(
        (
            phrase
            for phrase, kind, _ in _TABLE.get(first[0], ())
            if kind == SmallTalk.GREETING and tuple(first[: len(phrase)]) == phrase
        ),
        None,
    )
    if greeting is None or len(first) - len(greeting) > MAX_ADDRESS_WORDS:
        return 0
    return len(first)


def asking_clauses(text: str) -> str:
    """The clauses of a message that open as a question, without the remarks beside them in
    the same sentence ("hvor mange år var der mellem …, jeg prøver at lave en tidslinje til min
    søns skoleopgave"); the whole message where none does, or all do."""
    parts = [part for part in _CLAUSE_BREAK.split(text) if tokens(part)]
    asking = [part.strip() for part in parts if _opens_question(part)]
    return " ".join(asking) if asking and len(asking) < len(parts) else text


def _asks_later(text: str) -> bool:
    """Whether a sentence after the first opens as a question, or the message ends with a
    question tag: chat often asks without a question mark, after a shout or a remark."""
    sentences = _sentences(text)
    if sentences and tuple(tokens(sentences[-1])[-2:]) in _QUESTION_TAGS:
        return True
    return any(_opens_question(sentence) for sentence in sentences[1:])


def names_bot(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether `text` speaks to a bot: "bot", "botten", or one of the bot's own `names`."""
    words = set(tokens(text))
    return bool(words & _BOT_WORDS) or any(
        name_words and set(name_words) <= words for name_words in map(tokens, names)
    )
