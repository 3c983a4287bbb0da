"""Background tasks that cannot die silently: every one is created here, with a done-callback
that logs how it ended if it ended by an error."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def spawn(
    coroutine: Coroutine[Any, Any, T],
    name: str,
    failed: Callable[[BaseException], None] | None = None,
) -> asyncio.Task[T]:
    """Start `coroutine` as a task; the caller keeps the task (asyncio holds only a weak one).
    An error that ends it goes to `failed`, by default logged as an error with its traceback."""
    task = asyncio.create_task(coroutine, name=name)
    task.add_done_callback(functools.partial(_ended, failed))
    return task


def _ended(failed: Callable[[BaseException], None] | None, task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is None:
        return
    if failed is not None:
        failed(error)
    else:
        log.error("Background task %r stopped by an error", task.get_name(), exc_info=error)
