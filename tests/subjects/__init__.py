"""Subjects besides the shipped one, each a fact base folder of its own."""

from pathlib import Path

# A fictional coach with a few intents: the tests run on her too, to prove that a new subject is
# a new folder and no change of code.
IDA_MARSTRAND = Path(__file__).parent / "ida-marstrand"
