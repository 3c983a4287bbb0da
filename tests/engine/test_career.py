"""career.yaml: the clubs and roles drawn as bars by /timeline, checked like every facts file."""

from pathlib import Path

from bot.engine.checks import check_fact_base
from bot.engine.facts import CareerKind, load_fact_base


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_year_with_a_question_mark_is_where_to_draw_not_a_stated_year(facts):
    ob = next(period for period in facts.career if period.club == "OB")
    assert ob.kind is CareerKind.PLAYER
    assert (ob.start.year, ob.start.stated) == (1989, True)
    assert (ob.end.year, ob.end.stated) == (1996, False)


def test_every_period_rests_on_a_verbatim_quote(facts):
    assert facts.career
    assert all(period.sources for period in facts.career)


def test_a_malformed_year_is_reported_with_file_and_line(facts_copy):
    _edit(facts_copy / "career.yaml", "from: 1989", "from: nineteen89")
    [problem] = check_fact_base(facts_copy)
    assert str(problem).startswith("facts/career.yaml:8: 'from' must be a year")


def test_a_period_that_ends_before_it_starts_is_reported(facts_copy):
    _edit(facts_copy / "career.yaml", "to: 2006", "to: 1990")
    [problem] = check_fact_base(facts_copy)
    assert "'to' is before 'from'" in str(problem)


def test_an_unknown_kind_is_reported(facts_copy):
    _edit(facts_copy / "career.yaml", "kind: coach", "kind: manager")
    assert "'kind' must be one of player, coach" in str(check_fact_base(facts_copy)[0])


def test_a_fact_base_without_career_file_has_no_bars(facts_copy):
    (facts_copy / "career.yaml").unlink()
    assert load_fact_base(facts_copy).career == ()
