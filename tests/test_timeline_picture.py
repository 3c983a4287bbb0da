"""The /timeline picture: a PNG of the stated size, drawn from the fact base, in both languages,
readable on Discord's dark and light themes."""

import io

import pytest
from PIL import Image

from bot.cli import main
from bot.engine.facts import load_fact_base
from bot.timeline_picture import BACKGROUND, MUTED, TEXT, TimelinePictures, render_timeline

DISCORD_DARK = (49, 51, 56)  # #313338
DISCORD_LIGHT = (255, 255, 255)


def _luminance(colour: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_picture_is_a_png_of_the_stated_size(facts, language):
    picture = render_timeline(facts, language)
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG"
    assert image.size == (picture.width, picture.height)


@pytest.mark.parametrize(
    ("language", "title", "role", "born", "fifty"),
    [
        ("da", "Jess Thorups karriere", "Assistent- og cheftræner", "Født", "50 år"),
        ("en", "Jess Thorup's career", "Assistant and head coach", "Born", "50th"),
    ],
)
def test_the_labels_are_in_the_users_language(facts, language, title, role, born, fifty):
    labels = render_timeline(facts, language).labels
    assert title in labels
    assert f" · {role}" in labels
    assert born in labels
    assert fifty in labels


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_club_and_role_of_the_fact_base_is_drawn(facts, language):
    labels = render_timeline(facts, language).labels
    for period in facts.career:
        assert period.club in labels
        assert f" · {period.role[language]}" in labels


def test_the_labels_come_from_the_fact_base_not_the_code(facts_copy):
    career = facts_copy / "career.yaml"
    career.write_text(career.read_text(encoding="utf-8").replace("KAA Gent", "Gent"), "utf-8")
    labels = render_timeline(load_fact_base(facts_copy), "en").labels
    assert "Gent" in labels
    assert "KAA Gent" not in labels


def test_one_bar_row_per_career_period(facts, facts_copy):
    career = facts_copy / "career.yaml"
    text = career.read_text(encoding="utf-8")
    career.write_text(text[: text.index("- club: KAA Gent")], "utf-8")
    shorter = render_timeline(load_fact_base(facts_copy), "en")
    assert shorter.height < render_timeline(facts, "en").height


def test_the_picture_is_opaque_so_either_theme_shows_the_same_card(facts):
    image = Image.open(io.BytesIO(render_timeline(facts, "en").png))
    assert image.mode == "RGB"  # no alpha channel: Discord's background never shows through


@pytest.mark.parametrize("theme", [DISCORD_DARK, DISCORD_LIGHT])
def test_text_contrast_meets_wcag_aa_and_the_card_stands_out_from_the_theme(theme):
    assert contrast(TEXT, BACKGROUND) >= 4.5
    assert contrast(MUTED, BACKGROUND) >= 4.5
    # The card's own border separates it from Discord's dark theme; on light it is obvious.
    assert contrast(BACKGROUND, theme) > 1.05


def test_each_language_is_drawn_once_and_kept(facts):
    pictures = TimelinePictures(facts)
    assert pictures.get("da") is pictures.get("da")
    assert pictures.get("da").png != pictures.get("en").png


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_command_line_saves_the_picture_that_timeline_attaches(
    facts, tmp_path, capsys, language
):
    path = tmp_path / "timeline.png"
    assert main(["timeline", "--png", str(path), "--language", language]) == 0
    assert path.read_bytes() == render_timeline(facts, language).png
    assert str(path) in capsys.readouterr().out


def test_a_picture_that_cannot_be_written_is_one_line_and_exit_code_2(tmp_path, capsys):
    path = tmp_path / "no-such-folder" / "timeline.png"
    assert main(["timeline", "--png", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"thorup-bot: cannot write {path}: No such file or directory\n"
    )
