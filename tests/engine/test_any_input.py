"""Whatever a fan types, the engine replies and never raises (property-based, with hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ANY_TEXT = st.text(max_size=300)
FAN_WORDS = st.lists(
    st.sampled_from(
        [
            "hvornår",
            "er",
            "han",
            "født",
            "thorup",
            "how",
            "old",
            "🎂",
            "@everyone",
            "OB",
            "2016",
            "fødselsdag",
            "kone",
            "??",
            "\x00",
            "Gent",
            "ægæøå",
            "manchester",
            "50",
            "hvem",
            "before",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(question=st.one_of(ANY_TEXT, FAN_WORDS))
def test_any_question_gets_a_reply_in_danish_or_english(engine, question):
    answer = engine.ask(question)
    assert answer.text
    assert answer.language in ("da", "en")
    assert 0.0 <= answer.confidence <= 1.0
    assert len(answer.suggestions) <= 3
    if answer.answered:
        assert answer.citations
        assert answer.fact_id
    else:
        assert answer.fact_id is None
