"""A loopback fake of Discord for the end-to-end tests (see tests/README.md)."""

from pathlib import Path

# Runs the real `thorup-bot` against the fake (see launch.py); the tests and benchmarks start it.
LAUNCH = Path(__file__).parent / "launch.py"
# Well-formed like a real token (its first part is an id in base64), valid nowhere.
FAKE_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEo.fake-token-for-loopback-tests-only"
