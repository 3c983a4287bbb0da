"""A loopback fake of Discord for the end-to-end tests (see tests/README.md)."""

import os
from pathlib import Path

# Runs the real `thorup-bot` against the fake (see launch.py); the tests and benchmarks start it.
LAUNCH = Path(__file__).parent / "launch.py"
# Well-formed like a real token (its first part is an id in base64), valid nowhere.
FAKE_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEo.fake-token-for-loopback-tests-only"


def launch_env(url: str, **settings: str) -> dict[str, str]:
    """What launch.py needs to run the real `thorup-bot` against the fake at `url`: this
    environment, the fake's address, a token, the project on the path, then `settings`."""
    return {
        **os.environ,
        "FAKE_DISCORD_URL": url,
        "DISCORD_TOKEN": FAKE_TOKEN,
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent.parent),
        **settings,
    }
