"""thorup-bot: sourced answers about Jess Thorup, for Discord and the console."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("thorup-bot")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
