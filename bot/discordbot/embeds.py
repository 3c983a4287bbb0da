"""Answers and overviews as Discord embeds, within Discord's size limits."""

from __future__ import annotations

import discord

from bot.discordbot import texts
from bot.engine.answers import Answer, Citation
from bot.engine.overviews import Card, SourceSummary

ANSWER_COLOUR = discord.Colour.from_rgb(0, 122, 204)
UNSURE_COLOUR = discord.Colour.light_grey()
FIELD_LIMIT = 1024
DESCRIPTION_LIMIT = 4096


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cite(citation: Citation) -> str:
    """«Title» (date), ¶N: "verbatim quote"."""
    return f"«{citation.title}» ({citation.published}), ¶{citation.paragraph}: “{citation.quote}”"


def answer_embed(answer: Answer) -> discord.Embed:
    description = answer.text if not answer.note else f"{answer.text}\n\n*{answer.note}*"
    embed = discord.Embed(
        description=_fit(description, DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR if answer.answered else UNSURE_COLOUR,
    )
    if answer.citations:
        label = "source" if len(answer.citations) == 1 else "sources"
        value = "\n".join(cite(c) for c in answer.citations)
        embed.add_field(name=texts.text(answer.language, label), value=_fit(value, FIELD_LIMIT))
    if answer.answered:
        embed.set_footer(
            text=texts.text(answer.language, "confidence_footer", value=answer.confidence)
        )
    return embed


def card_embed(card: Card, language: str) -> discord.Embed:
    """A card's lines, each followed by the paragraphs it rests on."""
    lines = []
    for line, citations in zip(card.lines, card.citations, strict=True):
        paragraphs = ", ".join(f"¶{c.paragraph}" for c in citations)
        lines.append(f"**{line}**" + (f" ({paragraphs})" if paragraphs else ""))
    embed = discord.Embed(
        title=card.title,
        description=_fit("\n".join(lines), DESCRIPTION_LIMIT),
        colour=ANSWER_COLOUR,
    )
    sources = {(c.title, c.published) for citations in card.citations for c in citations}
    if sources:
        value = "\n".join(f"«{title}» ({published})" for title, published in sorted(sources))
        embed.add_field(name=texts.text(language, "sources"), value=_fit(value, FIELD_LIMIT))
    return embed


def sources_embed(summaries: list[SourceSummary], language: str) -> discord.Embed:
    embed = discord.Embed(title=texts.text(language, "sources_title"), colour=ANSWER_COLOUR)
    for summary in summaries:
        embed.add_field(
            name=_fit(f"«{summary.title}» ({summary.published})", 256),
            value=_fit(
                texts.text(
                    language,
                    "source_line",
                    paragraphs=summary.paragraphs,
                    intents=summary.intents,
                    topics=", ".join(summary.topics),
                ),
                FIELD_LIMIT,
            ),
            inline=False,
        )
    return embed
