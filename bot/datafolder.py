"""The data folder and its database readable by the bot's user only.

It holds every question asked in every server, with user and channel ids: not for other users
of the machine. SQLite gives its -wal and -shm files the database file's permissions.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.settings import SettingsError

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private(data_dir: Path, database: Path) -> None:
    """Create `data_dir` (0700) and `database` in it (0600), or tighten them if they exist;
    a folder that cannot be used is a SettingsError naming DATA_DIR."""
    try:
        data_dir.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        data_dir.chmod(FOLDER_MODE)
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        database.chmod(FILE_MODE)
    except (FileExistsError, NotADirectoryError) as exc:
        raise SettingsError(f"DATA_DIR {str(data_dir)!r} is a file, not a folder") from exc
    except OSError as exc:
        raise SettingsError(
            f"DATA_DIR {str(data_dir)!r} cannot be used: {exc.strerror or exc}"
        ) from exc
