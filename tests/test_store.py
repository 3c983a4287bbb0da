"""SQLite storage: Q&A channels, questions and feedback survive a reopen."""

import datetime as dt

from bot.store import Store

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def test_qa_channels_are_added_once_listed_and_removed(tmp_path):
    store = Store.in_folder(tmp_path)
    assert store.add_qa_channel(1, 10)
    assert not store.add_qa_channel(1, 10)
    assert store.qa_channels(1) == [10]
    assert store.is_qa_channel(10)
    assert store.remove_qa_channel(1, 10)
    assert not store.is_qa_channel(10)


def test_data_survives_closing_and_reopening(tmp_path):
    store = Store.in_folder(tmp_path)
    store.add_qa_channel(1, 10)
    store.close()
    assert Store.in_folder(tmp_path).qa_channels(1) == [10]


def test_unanswered_lists_frequent_abstentions_and_down_voted_answers(tmp_path, engine):
    store = Store.in_folder(tmp_path)
    for message_id, question in enumerate(["Hvad hedder hans kone?", "hvad hedder hans kone?"]):
        store.record_question(
            engine.ask(question), at=NOW, guild_id=1, channel_id=2, user_id=3, message_id=message_id
        )
    store.record_question(
        engine.ask("hvornår stoppede han"),
        at=NOW,
        guild_id=1,
        channel_id=2,
        user_id=3,
        message_id=99,
    )
    store.record_feedback(99, user_id=4, vote=-1, at=NOW)
    store.record_feedback(99, user_id=4, vote=-1, at=NOW)
    rows = store.unanswered()
    assert [(r.question, r.times, r.reason) for r in rows] == [
        ("hvad hedder hans kone?", 2, "unanswered"),
        ("hvornår stoppede han", 1, "down-voted"),
    ]
    assert rows[1].fact_id == "player-end-esbjerg"
