"""The fact base's copy of the article is the article, paragraph for paragraph."""

from pathlib import Path

import pytest

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "sources" / "jess-thorup-50-aar.txt"


@pytest.mark.skipif(not ARTICLE.is_file(), reason="shared/sources is not beside this checkout")
def test_paragraphs_match_the_shared_article_verbatim(facts):
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()]
    assert facts.sources["thorup-50"].paragraphs == tuple(line for line in lines if line)


def test_the_article_has_fourteen_paragraphs(facts):
    assert len(facts.sources["thorup-50"].paragraphs) == 14
