"""The compiled index: the loaded fact base and the matcher built on it, cached in one file.

Loading a large fact base from YAML and building its index takes seconds (PyYAML builds Python
objects node by node, the index reads every phrasing word by word); unpickling the result takes a
fraction of that. The file is keyed by a hash of every fact-base file and of the engine's code,
so editing a fact or the matcher rebuilds it; a cache that cannot be read is rebuilt with one log
line, and one that cannot be written only costs the next start its speed.

The cache is a convenience, never the truth: `facts check` always reads the YAML itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot import __version__
from bot.engine.facts import FactBase, default_facts_dir, fact_base_files, load_fact_base
from bot.engine.matcher import Matcher

log = logging.getLogger(__name__)

# Raised whenever the layout of the file itself changes.
FORMAT = b"thorup-bot compiled index 1"
ENGINE_DIR = Path(__file__).resolve().parent


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """CACHE_DIR if set, else thorup-bot's folder in the user's cache ($XDG_CACHE_HOME)."""
    environ = os.environ if environ is None else environ
    if environ.get("CACHE_DIR", "").strip():
        return Path(environ["CACHE_DIR"].strip())
    base = environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "thorup-bot"


def code_version() -> bytes:
    """What the index depends on besides the facts: the version, the engine's source, Python."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for path in sorted(ENGINE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def cache_key(directory: Path, code: bytes) -> bytes:
    """A hash of every file the fact base is loaded from, with their names, and of `code`."""
    digest = hashlib.sha256(FORMAT + b"\0" + code)
    digest.update(str(directory).encode())
    for path in fact_base_files(directory):
        digest.update(b"\0" + str(path.relative_to(directory)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            # Missing or unreadable: loading reports it; the key only has to differ.
            digest.update(b"\1missing")
    return digest.digest()


def cache_file(directory: Path, cache_dir: Path) -> Path:
    """One file per fact-base folder, replaced whenever its key changes."""
    name = hashlib.sha256(str(directory).encode()).hexdigest()[:16]
    return cache_dir / f"index-{name}.pickle"


def load_matcher(
    directory: Path | None = None, cache_dir: Path | None = None, code: bytes | None = None
) -> Matcher:
    """The matcher for the fact base in `directory` (its `facts` is the fact base): from the
    cache in `cache_dir` when it is current, else loaded and built, then cached. Without
    `cache_dir`, nothing is cached. Raises FactBaseError like `load_fact_base`."""
    directory = Path(directory) if directory is not None else default_facts_dir()
    if cache_dir is None:
        return Matcher(_for_answering(load_fact_base(directory)))
    where = directory.resolve()
    key = cache_key(where, code_version() if code is None else code)
    path = cache_file(where, cache_dir)
    cached = _read(path, key)
    if cached is not None:
        return cached
    matcher = Matcher(_for_answering(load_fact_base(directory)))
    _write(path, key, matcher)
    return matcher


def _for_answering(facts: FactBase) -> FactBase:
    """The fact base without the line of every phrasing in its file: only `facts check` points
    at those, and it reads the YAML itself (at 10,000 intents they are 120,000 objects)."""
    intents = tuple(dataclasses.replace(intent, question_lines={}) for intent in facts.intents)
    return dataclasses.replace(facts, intents=intents)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # Unpickling creates millions of objects that all live on: the cyclic garbage collector,
    # run every few hundred allocations, would walk them again and again for nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read(path: Path, key: bytes) -> Matcher | None:
    try:
        with path.open("rb") as file, _collector_paused():
            if pickle.load(file) != key:
                return None
            matcher = pickle.load(file)
    except (FileNotFoundError, NotADirectoryError):
        return None  # not built yet; or a folder that cannot be one, which writing reports
    except Exception as exc:
        # Truncated, from another Python, of classes since renamed: whatever it is, rebuild.
        log.warning("compiled index %s unreadable, rebuilding it: %s", path, exc)
        return None
    if not isinstance(matcher, Matcher):
        log.warning("compiled index %s holds no index, rebuilding it", path)
        return None
    return matcher


def _write(path: Path, key: bytes, matcher: Matcher) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a reader sees the
    old file or the new one, never half of one, even with two processes starting at once."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=path.name, suffix=".tmp", delete=False
        ) as file:
            temporary = Path(file.name)
            pickle.dump(key, file, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(matcher, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        log.warning("compiled index %s not written: %s", path, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
