"""Words that carry no meaning for telling questions apart, per language.

They are known words: a question full of them is not "full of words we don't know". They also
serve as evidence for the question's language. Question words (when, where, hvornår, hvor …) are
deliberately absent: they tell intents apart and live in the fact base's lexicon.
"""

from __future__ import annotations

DANISH = frozenset(
    """
    af alle allerede alt altså andre at bare blev bliver blive bl da dag de dem den denne
    der deres det dette dig din dine disse du eller en end endnu ens er et eventuelt faktisk
    fik for fra få gerne godt gør gøre gjorde ham han hans har havde have hej hende hendes
    her hun hvis hvorfor hvordan hvorledes hvad hvilke hvilken hvilket i ind jeg jer jo kan kunne
    lidt lige man mange med meget mere mig min mine mit mon mod måske nogen noget nok når og
    også om op os over på se selv sin sine sit skal skulle som så sådan tak til tror ud under
    var vel vi vidst vil ville vist vore været være ved vide mon altid egentlig helt rigtig
    rigtigt ret vores nej ja okay ok hallo hey heej halløj kære kaere please plz pls lige
    spørge spørgsmål svar svare svarer svarede fortæl fortælle sige siger nogle skrive skriv gad
    vide ik ikk tja
    nå hmm hov haha lol xd ahh ah oh åh jamen men alligevel mht angående omkring cirka ca
    dengang hvert sikkert egentligt overhovedet ind inde ude oppe nede gik går gå gået kom
    komme lavede laver lave lavet fået tage tager taget fodbold fodbolden bold sig stor
    stort store dagen skete ske sket specielt særligt især mellem imellem ikke ifølge
    huske husker erindrer mener tror påstår forlyder passer korrekt fejl bestemt vist
    hørt læst sandt rigtigt elr ifg mest hr nysgerrig blot oplyse pågældende venligst
    """.split()  # noqa: SIM905 - a word list reads best as text
)

ENGLISH = frozenset(
    """
    a about actually again all also am an and any anyone are as at be been being both but by
    can could did do does doing done for from get got had has have hello hey hi how i if in
    into is it its just know let lol me might more much my no of on once one or our out
    please plz pls quick question really should so some someone something tell than thank
    thanks that the their them then there these they thing this those to too up us was we
    were what whats what's will with would you your yo yeah yes ok okay um uh hmm wondering
    wonder curious anybody mate guys bro sir btw like kinda sorta hm ah oh oi haha xd ever
    exactly precisely already any which whose whether does dont don't doesnt isn't isnt
    wasnt cant can't could've i'm im ive i've u ur r pray sure maybe perhaps probably remind
    reminding recall recalling anyway go goes went gone going come comes came make makes
    made get gets give take took taken football soccer footy want wanted need anything
    everything nothing happen happened happening especially specially particularly very
    become became becomes becoming back between not according smth sth lowkey highkey fr tbh
    ngl idk imo imho afaik iirc rly remember think believe heard read correct mistaken true
    false test quiz bonus tiebreaker sorry welcome honestly basically pretty q1 q2 q3 q4 q5 q6
    q7 q8 q9 q10 main stuff wat wut wot hw
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# The verbs a yes/no question opens with, folded as `tokens` folds them ("Sluttede han i OB?").
YES_NO_OPENERS = {
    "da": frozenset(
        """
        er var har havde kan kunne blev bliver vandt spillede traenede fik skal vil sluttede
        startede begyndte stoppede tog slog
        """.split()  # noqa: SIM905 - a word list reads best as text
    ),
    "en": frozenset(
        """
        is was were has had can could did does do will
        """.split()  # noqa: SIM905 - a word list reads best as text
    ),
}
# What turns a statement into a yes/no question at its end: "born in 1975, wasn't he?", "han
# sluttede i OB, ik?", "… er det rigtigt?". Folded and split as `tokens` splits them.
YES_NO_TAGS = frozenset(
    {
        *(
            tuple(tag.split())
            for tag in (
                *"right correct true no yeah eh innit aye".split(),  # noqa: SIM905
                *"ikke ik ikk vel korrekt rigtigt sandt rigtig".split(),  # noqa: SIM905
                "is that right",
                "is that true",
                "is that correct",
                "is that legit",
                "am i right",
                "ikke sandt",
                "er det rigtigt",
                "er det sandt",
                "er det korrekt",
                "passer det",
                "har jeg ret",
            )
        ),
        # "…, wasn't he?", "…, doesn't it?", "…, aren't they?": every English tag of this shape.
        *(
            (auxiliary, "t", pronoun)
            for auxiliary in "isn wasn doesn didn hasn hadn aren weren don can couldn won".split()  # noqa: SIM905
            for pronoun in ("he", "it", "they", "that", "she")
        ),
    }
)
# "True or false: …", "sandt eller falsk?": a yes/no question, though it offers alternatives.
TRUE_OR_FALSE = (
    ("true", "or", "false"),
    ("sandt", "eller", "falsk"),
    ("rigtigt", "eller", "forkert"),
)

# The words that ask what, who, where, when, which, why or how.
QUESTION_WORDS = {
    "da": frozenset(
        """
        hvad hvem hvor hvornaar hvornar hvilken hvilket hvilke hvorfor hvordan hvorledes hvorhenne
        """.split()  # noqa: SIM905 - a word list reads best as text
    ),
    "en": frozenset(
        """
        what whats who whos where wheres when whens which why how hows wat wut wot hw wen
        """.split()  # noqa: SIM905 - a word list reads best as text
    ),
}
# The words a question opens with. Danglish keeps the frame of its main language ("hvad var
# thorups quote efter man united kampen, the smile one"), so the opening word counts extra.
OPENERS = {
    "da": YES_NO_OPENERS["da"] | QUESTION_WORDS["da"],
    "en": YES_NO_OPENERS["en"]
    | QUESTION_WORDS["en"]
    | frozenset(("won", "played", "coached", "got")),
}

# Phrases that only say where the answer should come from, which every answer does ("according to
# the article" is no part of what is asked, while "which article" is), or ask for the telling
# ("kan du sige hvad han vandt i 2013?" asks what he won, not what he said).
FILLER_PHRASES = (
    ("according", "to", "the", "article"),
    ("in", "the", "article"),
    ("the", "article", "says"),
    ("ifoelge", "artiklen"),
    ("ifg", "artiklen"),
    ("kan", "du", "sige"),
    ("kan", "du", "fortaelle"),
    ("can", "you", "tell", "me"),
    ("kunne", "de", "oplyse", "mig", "om"),
    ("kunne", "du", "oplyse", "mig", "om"),
    ("kan", "de", "oplyse", "mig", "om"),
    ("kan", "du", "oplyse", "mig", "om"),
    ("jeg", "vil", "gerne", "vide"),
    ("jeg", "vil", "gerne", "hoere"),
    ("jeg", "ville", "gerne", "vide"),
    ("i", "would", "like", "to", "know"),
    ("i", "d", "like", "to", "know"),
    ("do", "you", "know"),
    ("ved", "du"),
    ("what", "is", "the", "deal", "with"),
    ("whats", "the", "deal", "with"),
    ("could", "you", "tell", "me"),
    ("i", "artiklen"),
    ("artiklen", "siger"),
    # "Der står, at han …": what the article says, not where something stands.
    ("der", "staar"),
    ("staar", "der"),
    # "hvilken klub var det nu?", "hvad er det nu for en avis": "nu" as "again", not "now".
    ("det", "nu"),
    # Slang for "no lie" ("or is that cap": a lie), not a cap for the national team.
    ("no", "cap"),
    ("that", "cap"),
    ("bare", "cap"),
    ("det", "cap"),
)

# Words that put the year after them in the past of what is asked: "beyond 2021" asks about 2022 on.
AFTER_WORDS = frozenset(
    """
    after beyond past efter
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# The words a name follows ("for brøndby", "to anderlecht"): a word we do not know written with
# æ, ø or å after one is likely a club or a place; "knægten" after "var" is likely not.
PREPOSITIONS = frozenset(
    """
    i til for fra med mod hos ved paa in to for from with against at by
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# "Or": a question that offers alternatives asks which of them, not whether.
ALTERNATIVES = frozenset(("or", "eller", "elr"))

# Asking for the reply in a language: "svar venligst på engelsk", "please answer in Danish",
# "… english please". ("Dansk tak" cannot be read so: thanks are small talk, read out before.)
# Each language by its Danish and its English name, folded.
_LANGUAGE_NAMES = {"en": ("engelsk", "english"), "da": ("dansk", "danish")}
_POLITE = ("please", "pls", "plz")
LANGUAGE_REQUESTS = {
    language: (
        ("paa", danish),
        ("in", english),
        *((name, polite) for name in (english, danish) for polite in _POLITE),
    )
    for language, (danish, english) in _LANGUAGE_NAMES.items()
}
# Of those, the ones that also open a noun phrase: "in Danish football" asks nothing of the reply.
# Followed by a word of meaning, they are read as words of the question.
LANGUAGE_ADJECTIVES = frozenset(("in", english) for _, english in _LANGUAGE_NAMES.values())
# Words without meaning for telling questions apart that are still nouns: "in Danish football".
SPORT_NOUNS = frozenset(("football", "soccer", "footy", "fodbold", "fodbolden", "bold"))

# Hearsay: "min kammerat siger, at …", "my dad reckons …". Who tells it is not what is asked, and
# "siger" there asks nothing about what he said. A speaker word opens it, a saying verb ends it.
HEARSAY_SPEAKERS = frozenset(
    """
    min mit mine vores my our folk people someone somebody nogen everyone everybody alle rygtet
    rygterne
    """.split()  # noqa: SIM905 - a word list reads best as text
)
HEARSAY_VERBS = frozenset(
    """
    siger sagde paastaar paastod mener fortalte fortaeller says said claims claimed reckons thinks
    told tells
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# At most this many words between the speaker and the verb: "min gamle kammerat siger".
HEARSAY_SPAN = 3
