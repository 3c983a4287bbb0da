"""/timeline: the career as a picture attached to the embed, the dated list kept beside it.

simcord's users have the locale en-US, so these get the English picture; both languages'
pictures are checked in tests/test_timeline_picture.py.
"""

import io

from PIL import Image

from bot import timeline_picture
from bot.timeline_picture import render_timeline


async def test_timeline_attaches_a_png_shown_in_the_embed(env, channel, fan):
    result = await fan.slash(channel, "timeline")
    [attachment] = result.response.attachments
    assert attachment.filename == "timeline-en.png"
    assert result.response.embeds[0].image.url == "attachment://timeline-en.png"
    image = Image.open(io.BytesIO(await attachment.read()))
    assert image.format == "PNG"


async def test_timeline_picture_is_drawn_once_and_reused(env, channel, fan, monkeypatch):
    drawn = []

    def counted(*args):
        drawn.append(args)
        return render_timeline(*args)

    monkeypatch.setattr(timeline_picture, "render_timeline", counted)
    first = await fan.slash(channel, "timeline")
    second = await fan.slash(channel, "timeline")
    assert await first.response.attachments[0].read() == await second.response.attachments[0].read()
    assert len(drawn) == 1


async def test_timeline_keeps_the_dated_list_in_the_embed_for_screen_readers(env, channel, fan):
    result = await fan.slash(channel, "timeline")
    assert "1989" in result.response.embeds[0].description
