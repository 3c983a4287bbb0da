"""thorup-bot: sourced answers about Jess Thorup, for Discord and the console."""

# The one place the version is written; pyproject.toml reads it from here. (Asking
# importlib.metadata instead costs tens of milliseconds at every start.)
__version__ = "0.1.0"
