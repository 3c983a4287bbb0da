"""`thorup-bot learn`: new phrasings proposed from clicked suggestions and up-votes, frequent
unanswered questions listed, personal data never proposed; `learn --apply` adds the accepted
phrasings and refuses, changing nothing, when the fact base would fail `facts check`."""

import asyncio
import dataclasses
import io
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.engine.facts import load_fact_base
from bot.engine.verdicts import Verdict
from bot.learn import looks_personal, propose, write_review
from bot.store import Store
from tests.store_records import NOW, record


@pytest.fixture
async def store(tmp_path):
    store = await Store.in_folder(tmp_path / "data")
    yield store
    await store.close()


async def clicked(
    store, engine, question: str, intent: str, language: str, message_id: int
) -> None:
    """What the bot stores when a fan asks `question` and picks `intent` from "did you mean"."""
    await record(store, engine.ask(question), message_id)
    answer = dataclasses.replace(
        engine.answer_for(intent, language), question=question, verdict=Verdict.CLICKED
    )
    await record(store, answer, message_id)


async def up_voted(store, engine, question: str, message_id: int) -> None:
    await record(store, engine.ask(question), message_id)
    await store.record_feedback(message_id, user_id=4, vote=1, at=NOW)


@pytest.mark.parametrize(
    ("question", "intent", "language"),
    [
        ("jess thorup og tyskland og belgien", "player-abroad", "da"),
        ("jess thorup germany and belgium", "player-abroad", "en"),
    ],
)
async def test_a_clicked_suggestion_is_proposed_as_a_phrasing_of_the_intent_clicked(
    facts, engine, store, question, intent, language
):
    await clicked(store, engine, question, intent, language, message_id=10)
    [proposal] = (await propose(facts, store, limit=10))["phrasings"]
    assert proposal == {
        "intent": intent,
        "language": language,
        "question": question,
        "times": 1,
        "evidence": ["clicked"],
        "accept": False,
    }


async def test_an_up_voted_answer_is_proposed_with_how_often_it_was_confirmed(facts, engine, store):
    await up_voted(store, engine, "hvornår lagde han støvlerne?", message_id=20)
    await up_voted(store, engine, "hvornår lagde han støvlerne?", message_id=21)
    [proposal] = (await propose(facts, store, limit=10))["phrasings"]
    assert proposal["intent"] == "player-end-esbjerg"
    assert proposal["times"] == 2
    assert proposal["evidence"] == ["up-voted"]


async def test_a_phrasing_the_fact_base_already_has_is_not_proposed(facts, engine, store):
    await up_voted(store, engine, "Hvornår er Jess Thorup født?", message_id=30)
    assert (await propose(facts, store, limit=10))["phrasings"] == []


async def test_frequent_unanswered_questions_are_listed_for_new_intents(facts, engine, store):
    for message_id in (40, 41):
        await record(store, engine.ask("hvad hedder hans hund?"), message_id)
    assert (await propose(facts, store, limit=10))["unanswered"] == [
        {"question": "hvad hedder hans hund?", "times": 2}
    ]


async def not_answered(store, engine, question: str, message_id: int) -> None:
    """What the bot stores when it cannot answer `question`."""
    answer = dataclasses.replace(engine.ask("hvad hedder hans hund?"), question=question)
    assert not answer.answered
    await record(store, answer, message_id)


PERSONAL = [
    "<@123456789012345678> hvornår er han født",
    "@mads when was he born",
    "skriv til mig på fan@example.dk hvornår han blev født",
    "ring på 12 34 56 78 og sig hvornår han er født",
    "call +45 12345678 when was he born",
]


@pytest.mark.parametrize("question", PERSONAL)
def test_mentions_addresses_and_phone_numbers_look_like_personal_data(question):
    assert looks_personal(question)


@pytest.mark.parametrize("question", PERSONAL)
async def test_a_clicked_question_with_personal_data_is_never_proposed(
    facts, engine, store, question
):
    await clicked(store, engine, question, "birth-date", "da", message_id=50)
    assert (await propose(facts, store, limit=10))["phrasings"] == []


@pytest.mark.parametrize("question", PERSONAL)
async def test_an_unanswered_question_with_personal_data_is_never_listed(
    facts, engine, store, question
):
    for message_id in (50, 51):
        await not_answered(store, engine, question, message_id)
    assert (await propose(facts, store, limit=10))["unanswered"] == []


@pytest.mark.parametrize(
    "question", ["hvornår er han født i 1970?", "when did he win the cup in 2013"]
)
def test_years_and_ordinary_questions_are_not_taken_for_personal_data(question):
    assert not looks_personal(question)


async def test_the_review_file_explains_itself_and_reads_back(facts, engine, store):
    await clicked(store, engine, "jess thorup og tyskland og belgien", "player-abroad", "da", 60)
    out = io.StringIO()
    write_review(await propose(facts, store, limit=10), out)
    assert out.getvalue().startswith("# Proposed by `thorup-bot learn`")
    assert yaml.safe_load(out.getvalue())["phrasings"][0]["accept"] is False


def review_file(tmp_path: Path, *phrasings: dict) -> Path:
    path = tmp_path / "review.yaml"
    path.write_text(
        yaml.safe_dump({"phrasings": list(phrasings), "unanswered": []}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def phrasing(intent: str, language: str, question: str, accept: bool = True) -> dict:
    return {"intent": intent, "language": language, "question": question, "accept": accept}


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*.yaml")}


@pytest.mark.parametrize(
    ("language", "question"),
    [("da", "hvornår smed han støvlerne for sidste gang"), ("en", "when did he last lace up")],
)
def test_apply_adds_an_accepted_phrasing_to_its_intents_file(
    facts_copy, tmp_path, capsys, language, question
):
    review = review_file(tmp_path, phrasing("player-end-esbjerg", language, question))
    before = (facts_copy / "intents" / "playing.yaml").read_text(encoding="utf-8")
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 0
    assert "facts check passes" in capsys.readouterr().out
    intent = load_fact_base(facts_copy).intent("player-end-esbjerg")
    assert intent.questions[language][-1] == question
    after = (facts_copy / "intents" / "playing.yaml").read_text(encoding="utf-8")
    assert after.replace(f"- {question}\n", "", 1).replace(" " * 6, "") == before.replace(
        " " * 6, ""
    )


def test_apply_says_the_calibration_wants_fitting_again(facts_copy, tmp_path, capsys):
    review = review_file(tmp_path, phrasing("player-end-esbjerg", "en", "when did he last lace up"))
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 0
    assert "thorup-bot calibrate" in capsys.readouterr().out


def test_apply_skips_phrasings_not_accepted(facts_copy, tmp_path, capsys):
    review = review_file(
        tmp_path, phrasing("player-end-esbjerg", "da", "hvornår gik han på pension", False)
    )
    before = _snapshot(facts_copy)
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 0
    assert _snapshot(facts_copy) == before


def test_apply_refuses_and_changes_nothing_when_facts_check_would_fail(
    facts_copy, tmp_path, capsys
):
    # A question that plainly belongs to another intent: the matcher sends it there.
    review = review_file(
        tmp_path,
        phrasing("player-end-esbjerg", "da", "Hvornår smed han støvlerne"),
        phrasing("player-end-esbjerg", "en", "When was Jess Thorup born, exactly?"),
    )
    before = _snapshot(facts_copy)
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 2
    err = capsys.readouterr().err
    assert "nothing was changed" in err
    assert "matches intent 'birth-date' better" in err
    assert _snapshot(facts_copy) == before


def test_apply_of_an_unknown_intent_names_the_file_and_line(facts_copy, tmp_path, capsys):
    review = review_file(tmp_path, phrasing("no-such-intent", "da", "hvem er han"))
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 2
    assert capsys.readouterr().err.startswith(f"thorup-bot: {review}:")


def test_learn_reads_the_database_in_data_dir(monkeypatch, tmp_path, engine, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))

    async def set_up() -> None:
        store = await Store.in_folder(tmp_path / "data")
        await clicked(
            store, engine, "jess thorup og tyskland og belgien", "player-abroad", "da", 70
        )
        await store.close()

    asyncio.run(set_up())
    assert main(["learn"]) == 0
    review = yaml.safe_load(capsys.readouterr().out)
    assert review["phrasings"][0]["question"] == "jess thorup og tyskland og belgien"


def test_apply_quotes_a_question_that_yaml_would_misread(facts_copy, tmp_path, capsys):
    question = 'when did he last lace up: for "real"?'
    review = review_file(tmp_path, phrasing("player-end-esbjerg", "en", question))
    assert main(["learn", "--apply", str(review), "--facts", str(facts_copy)]) == 0
    intent = load_fact_base(facts_copy).intent("player-end-esbjerg")
    assert intent.questions["en"][-1] == question
