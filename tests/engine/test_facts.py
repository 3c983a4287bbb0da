"""The fact base loader and `facts check`: every kind of problem, found with its file and line."""

from pathlib import Path

import pytest
import yaml

from bot.engine.checks import check_fact_base, uncited_sentences
from bot.engine.facts import FactBaseError, load_fact_base


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(directory: Path) -> list[str]:
    return [str(problem) for problem in check_fact_base(directory)]


def test_the_shipped_fact_base_is_clean():
    assert check_fact_base() == []


def test_every_intent_that_answers_has_a_verbatim_source(facts):
    for intent in facts.answerable_intents:
        assert intent.sources, intent.id
        for ref in intent.sources:
            assert ref.quote in facts.sources[ref.source].paragraph(ref.paragraph)


def test_every_answerable_intent_has_six_phrasings_per_language(facts):
    for intent in facts.answerable_intents:
        assert len(intent.questions["da"]) >= 6, intent.id
        assert len(intent.questions["en"]) >= 6, intent.id


def test_a_yaml_syntax_error_names_file_and_line(facts_copy):
    _edit(facts_copy / "subject.yaml", "timezone: Europe/Copenhagen", "timezone: [Europe")
    problems = _problems(facts_copy)
    assert len(problems) == 1
    assert problems[0].startswith("facts/subject.yaml:")
    assert "invalid YAML" in problems[0]


def test_a_quote_that_is_not_verbatim_is_reported_at_its_line(facts_copy):
    _edit(
        facts_copy / "intents" / "gent.yaml",
        'quote: "tingene tegner lyst',
        'quote: "tingene tegner mørkt',
    )
    problems = _problems(facts_copy)
    assert len(problems) == 1
    assert problems[0].startswith("facts/intents/gent.yaml:")
    assert "not verbatim" in problems[0]


# Each kind of problem, made by one edit to a copy of the shipped facts: (file, old, new, message).
BROKEN = {
    "unknown source": (
        "intents/playing.yaml",
        "source: thorup-50",
        "source: bt-2019",
        "unknown source 'bt-2019'",
    ),
    "paragraph out of range": (
        "intents/playing.yaml",
        "paragraph: 13",
        "paragraph: 15",
        "paragraphs 1 to 14, not 15",
    ),
    "missing field": (
        "intents/summary.yaml",
        "  topics: [summary, titles]\n",
        "",
        "missing field 'topics'",
    ),
    "misspelt field": (
        "intents/summary.yaml",
        "  topics: [summary, titles]",
        "  topcis: [x]",
        "unknown field 'topcis'",
    ),
    "duplicate id": (
        "intents/summary.yaml",
        "- id: biography",
        "- id: achievements",
        "duplicate intent id 'achievements'",
    ),
    "phrasing under two intents": (
        "intents/summary.yaml",
        "Who is Jess Thorup?",
        "When was Jess Thorup born?",
        "also under intent 'birth-date'",
    ),
    "confused phrasing": (
        "intents/summary.yaml",
        "Who is Jess Thorup?",
        "Hvor gammel er han i dag?",
        "matches intent 'age-today' better",
    ),
    "unknown template field": (
        "intents/birthday.yaml",
        "er {age} år i dag",
        "er {alder} år i dag",
        "unknown field '{alder}'",
    ),
    "a paragraph without its English rendering": (
        "sources.yaml",
        '        - "Besides his spells abroad, he also represented Esbjerg, where he ended his '
        'playing career in 2006."\n',
        "",
        "'translations' in en has 13 paragraphs, the source 14",
    ),
    "blank quote": (
        "intents/playing.yaml",
        'quote: "Den aktive karriere som angriber begyndte i 1989 i OB"',
        'quote: "   "',
        "'quote' must be a non-empty text",
    ),
    "duplicate key in one mapping": (
        "intents/summary.yaml",
        "  kind: fact\n",
        "  kind: fact\n  answer: {da: x, en: y}\n",
        "duplicate key 'answer' (first on line 4)",
    ),
    "duplicate key deep down": (
        "intents/summary.yaml",
        "      paragraph: 2\n",
        "      paragraph: 2\n      paragraph: 3\n",
        "duplicate key 'paragraph'",
    ),
    "paragraph given as true": (
        "intents/playing.yaml",
        "paragraph: 13",
        "paragraph: true",
        "has paragraphs 1 to 14, not True",
    ),
    "time_sensitive not true or false": (
        "intents/gent.yaml",
        "time_sensitive: true",
        "time_sensitive: sometimes",
        "'time_sensitive' must be true or false",
    ),
    "compute given as a list": (
        "intents/birthday.yaml",
        "compute: age_today",
        "compute: [age_today]",
        "'compute' must be one of",
    ),
    "weight given as true": (
        "lexicon.yaml",
        "weight: 0.7",
        "weight: true",
        "'weight' must be a positive number",
    ),
    "a question word asking for an unknown kind of detail": (
        "lexicon.yaml",
        "asks_for: year",
        "asks_for: decade",
        "'asks_for' must be one of year, number, name, any",
    ),
    "question word asking for a list of kinds": (
        "lexicon.yaml",
        "asks_for: year",
        "asks_for: [year]",
        "'asks_for' must be one of year, number, name, any",
    ),
    "season given as a list": (
        "timeline.yaml",
        "season: autumn",
        "season: [autumn]",
        "'season' must be one of",
    ),
    "calibration threshold not a number": (
        "calibration.yaml",
        "threshold: 0.72",
        "threshold: high",
        "'threshold' must be a number",
    ),
    "calibration threshold above 1": (
        "calibration.yaml",
        "threshold: 0.72",
        "threshold: 74",
        "'threshold' must be between 0 and 1",
    ),
    "calibration fan question without its intents": (
        "calibration.yaml",
        "fans: |\n",
        'fans: |\n  ["hvornaar er han foedt"]\n',
        "a fan question must be [wording, [concept, ...], [intent, ...]] in JSON",
    ),
    "source language not da or en": (
        "sources.yaml",
        "language: da",
        "language: de",
        "'language' must be one of da, en",
    ),
    "career kind given as a list": (
        "career.yaml",
        "  kind: player",
        "  kind: [player]",
        "'kind' must be one of",
    ),
    "unknown time zone": (
        "subject.yaml",
        "Europe/Copenhagen",
        "Europe/Odense",
        "unknown time zone 'Europe/Odense'",
    ),
    "no pronouns": (
        "subject.yaml",
        "pronouns:\n  da: {he: han, his: hans}\n  en: {he: he, his: his}\n",
        "",
        "missing field 'pronouns'",
    ),
    "a pronoun missing in one language": (
        "subject.yaml",
        "en: {he: he, his: his}",
        "en: {he: he}",
        "missing field 'his'",
    ),
    "no roles": (
        "subject.yaml",
        "\nroles:\n",
        "\nroller:\n",
        "missing field 'roles'",
    ),
    "a role left out": (
        "subject.yaml",
        "  now: now ",
        "  # now: now ",
        "missing field 'now'",
    ),
    "a role naming a concept the lexicon lacks": (
        "subject.yaml",
        "which_year: which_year",
        "which_year: what_year",
        "role 'which_year' names concept 'what_year', which lexicon.yaml does not have",
    ),
    "a role naming an intent that does not exist": (
        "subject.yaml",
        "birth_date: birth-date",
        "birth_date: born-when",
        "role 'birth_date' names intent 'born-when', which does not exist",
    ),
    "a role naming an intent that does not answer": (
        "subject.yaml",
        "birth_date: birth-date",
        "birth_date: unknown-salary",
        "role 'birth_date' names intent 'unknown-salary', which is of kind unknown",
    ),
    "a name too long for the command descriptions": (
        "subject.yaml",
        "name: Jess Thorup",
        "name: " + "Jess Thorup " * 4,
        "'name' is longer than 40 characters",
    ),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_each_kind_of_problem_is_reported_with_its_file_and_line(facts_copy, kind):
    file, old, new, message = BROKEN[kind]
    _edit(facts_copy / file, old, new)
    found = [p for p in _problems(facts_copy) if message in p]
    assert found, _problems(facts_copy)
    assert found[0].startswith(f"facts/{file}:")
    assert found[0].split(":")[1].isdigit()


def test_too_few_phrasings_are_reported(facts_copy):
    path = facts_copy / "intents" / "summary.yaml"
    intents = yaml.safe_load(path.read_text(encoding="utf-8"))
    intents[0]["questions"]["da"] = intents[0]["questions"]["da"][:5]
    path.write_text(yaml.safe_dump(intents, allow_unicode=True), encoding="utf-8")
    assert any("needs at least 6 'da' questions" in p for p in _problems(facts_copy))


def test_loading_a_broken_fact_base_raises_with_the_first_problem_in_one_line(facts_copy):
    _edit(facts_copy / "intents" / "playing.yaml", "paragraph: 13", "paragraph: 99")
    with pytest.raises(FactBaseError) as raised:
        load_fact_base(facts_copy)
    assert "\n" not in str(raised.value)
    assert str(raised.value).startswith("facts/intents/playing.yaml:")


def test_a_missing_folder_is_reported(tmp_path):
    assert "not found" in _problems(tmp_path / "nowhere")[0]


def test_a_source_sentence_that_no_intent_cites_is_reported_at_its_paragraph(facts_copy):
    _edit(
        facts_copy / "sources.yaml",
        "hvor han sluttede spillerkarrieren i 2006.",
        "hvor han sluttede spillerkarrieren i 2006. Han samler på frimærker.",
    )
    [problem] = [p for p in _problems(facts_copy) if "no intent cites" in p]
    assert problem.startswith("facts/sources.yaml:")
    assert "paragraph 14: 'Han samler på frimærker.'" in problem


def test_every_source_sentence_is_cited_by_some_intent(facts):
    assert uncited_sentences(facts) == []


def test_every_paragraph_has_an_english_rendering(facts):
    for source in facts.sources.values():
        assert len(source.translations["en"]) == len(source.paragraphs)


def test_a_quote_repeated_as_a_second_key_is_refused_not_silently_replaced(facts_copy):
    _edit(
        facts_copy / "intents" / "playing.yaml",
        "      paragraph: 13\n",
        '      paragraph: 13\n      quote: "Jess"\n',
    )
    [problem] = _problems(facts_copy)
    assert problem.startswith("facts/intents/playing.yaml:")
    assert "duplicate key 'quote'" in problem


def test_a_duplicate_id_points_at_the_line_of_the_repeated_id(facts_copy):
    path = facts_copy / "intents" / "summary.yaml"
    _edit(path, "- id: biography\n  kind: fact\n", "- kind: fact\n  id: achievements\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("  id: achievements") + 1
    found = [p for p in _problems(facts_copy) if "duplicate intent id 'achievements'" in p]
    assert found == [
        f"facts/intents/summary.yaml:{line}: duplicate intent id 'achievements' "
        "(first in facts/intents/summary.yaml:2)"
    ]


def test_an_empty_intents_file_is_reported(facts_copy):
    (facts_copy / "intents" / "extra.yaml").write_text("# to do\n", encoding="utf-8")
    assert _problems(facts_copy) == [
        "facts/intents/extra.yaml:1: the file is empty: it must be a list of intents"
    ]


@pytest.mark.parametrize("name", ["extra.yml", "extra.txt", "README.md"])
def test_an_intents_file_with_another_extension_is_reported_not_ignored(facts_copy, name):
    (facts_copy / "intents" / name).write_text("- id: x\n", encoding="utf-8")
    assert _problems(facts_copy) == [
        f"facts/intents/{name}:1: not read: intents files must be named *.yaml"
    ]


def test_hidden_files_in_the_intents_folder_are_not_fact_files(facts_copy):
    (facts_copy / "intents" / ".gitkeep").write_text("", encoding="utf-8")
    assert _problems(facts_copy) == []


def test_an_intents_folder_without_intents_is_reported(facts_copy):
    for path in (facts_copy / "intents").iterdir():
        path.unlink()
    assert any("the intents folder holds no intents" in p for p in _problems(facts_copy))


WRONG_TYPES = [[1, 2], {"a": 1}, True, 12, None, "", "2020-02-21"]
FIELDS = ["kind", "compute", "topics", "questions", "answer", "sources", "time_sensitive"]
# The first intent is a plain fact: no `compute`, and `time_sensitive: true` is allowed.
VALID = [("compute", None), ("time_sensitive", True)]


@pytest.mark.parametrize(
    ("field", "value"),
    [(f, v) for f in FIELDS for v in WRONG_TYPES if (f, v) not in VALID],
    ids=repr,
)
def test_a_field_of_the_wrong_type_is_a_problem_never_a_crash(facts_copy, field, value):
    path = facts_copy / "intents" / "birthday.yaml"
    intents = yaml.safe_load(path.read_text(encoding="utf-8"))
    intents[0][field] = value
    path.write_text(yaml.safe_dump(intents, allow_unicode=True), encoding="utf-8")
    problems = _problems(facts_copy)
    assert problems
    assert all(p.startswith("facts/intents/birthday.yaml:") for p in problems), problems


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("{year: 2013}", "{year: 2012}", "'date' says 2012, which none of the entry's quotes says"),
        (
            "{year: 2016, month: 2}",
            "{year: 2016, month: 13}",
            "'month' must be 1 to 12 and 'day' 1 to 31",
        ),
        (
            "{year: 2013}",
            "{year: 2013, season: winter}",
            "'season' must be one of spring, summer, autumn",
        ),
    ],
)
def test_a_timeline_date_it_cannot_count_with_is_a_problem(facts_copy, old, new, problem):
    timeline = facts_copy / "timeline.yaml"
    _edit(timeline, f"date: {old}", f"date: {new}")
    assert _problems(facts_copy) == [f"facts/timeline.yaml:{_line_of(timeline, new)}: {problem}"]


def test_an_intent_requiring_an_unknown_concept_is_a_problem(facts_copy):
    _edit(facts_copy / "intents" / "birthday.yaml", "requires: [how_old]", "requires: [how_olt]")
    problems = _problems(facts_copy)
    assert len(problems) == 1
    assert "intent 'age-at-milestones' requires unknown concept 'how_olt'" in problems[0]


def test_a_broken_remembered_question_is_reported_at_its_own_line(facts_copy):
    # The questions are lines of one YAML block: the line reported is the broken one's in the
    # file, not the block's.
    path = facts_copy / "calibration.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    third = lines.index("fans: |\n") + 3
    lines[third] = '  ["hvornaar er han foedt", ["born"]]\n'
    path.write_text("".join(lines), encoding="utf-8")
    assert any(
        problem.startswith(f"facts/calibration.yaml:{third + 1}: a fan question must be")
        for problem in _problems(facts_copy)
    ), _problems(facts_copy)
