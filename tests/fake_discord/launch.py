"""Runs the unmodified `thorup-bot` command against the fake Discord at $FAKE_DISCORD_URL.

Only the end-to-end tests use this: it points discord.py's two base addresses at loopback
and then hands over to the real command line. The bot itself never touches them.
"""

import os
import sys

import discord.gateway
import discord.http
import yarl

from bot.cli import main

if __name__ == "__main__":
    url = os.environ["FAKE_DISCORD_URL"]
    discord.http.Route.BASE = f"{url}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        url.replace("http://", "ws://") + "/gateway"
    )
    sys.exit(main(sys.argv[1:]))
