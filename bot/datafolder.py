"""The data folder and its database readable by the bot's user only.

It holds every question asked in every server, with user and channel ids: not for other users
of the machine. SQLite gives its -wal and -shm files the database file's permissions.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private(data_dir: Path, database: Path) -> None:
    """Create `data_dir` (0700) and `database` in it (0600), or tighten them if they exist."""
    data_dir.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    data_dir.chmod(FOLDER_MODE)
    os.close(os.open(database, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    database.chmod(FILE_MODE)
