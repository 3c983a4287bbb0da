"""The Discord adapter: a thin layer of discord.py over the engine."""
