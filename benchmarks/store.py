"""`python -m benchmarks.store OPS QUESTIONS`: the store on SQLite and on PostgreSQL, and answers
per second end to end through the fake Discord with one and with two bot processes.

Prints one JSON object. PostgreSQL is a throwaway server (tests/postgres_server.py); where it
cannot be started, its figures are replaced by the reason.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.database import Location
from bot.engine.answers import AnswerEngine
from bot.engine.facts import load_fact_base
from bot.engine.reminder_occurrences import OccurrenceKey
from bot.settings import load_settings
from bot.store import Store
from tests.fake_discord import LAUNCH, launch_env
from tests.fake_discord.server import (
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    FakeDiscord,
)
from tests.postgres_server import PostgresServer, PostgresUnavailableError

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def store_figures(location: Location, ops: int) -> dict[str, float]:
    engine = AnswerEngine(load_fact_base())
    answer = engine.ask("hvad hedder hans kone?")
    store = await Store.open(location, at=NOW)
    try:
        started = time.perf_counter()
        for n in range(ops):
            await store.record_question(
                answer, at=NOW, guild_id=1, channel_id=2, user_id=3, message_id=n
            )
        recorded = ops / (time.perf_counter() - started)
        claims = []
        for n in range(ops):
            started = time.perf_counter()
            await store.claim_answer(10**9 + n, NOW)
            claims.append((time.perf_counter() - started) * 1e3)
        posts = []
        for n in range(ops):
            started = time.perf_counter()
            await store.claim_post(n, OccurrenceKey.birthday(dt.date(2027, 2, 21)), 1, NOW)
            posts.append((time.perf_counter() - started) * 1e3)
    finally:
        await store.close()
    return {
        "questions_recorded_per_s": recorded,
        "answer_claim_p50_ms": statistics.median(claims),
        "answer_claim_p99_ms": _percentile(claims, 0.99),
        "post_claim_p50_ms": statistics.median(posts),
        "post_claim_p99_ms": _percentile(posts, 0.99),
    }


async def answers_per_second(url: str, shard_sets: list[str], questions: int) -> float:
    """Questions spread over the servers of both shards; time until every one is answered."""
    server = FakeDiscord()
    await server.start()
    processes = []
    try:
        for shard_ids in shard_sets:
            before = server.identifications
            env = launch_env(
                server.url,
                DATABASE_URL=url,
                SHARD_COUNT="2",
                SHARD_IDS=shard_ids,
                QUESTIONS_PER_COOLDOWN=str(questions + 1),
                LOG_LEVEL="WARNING",
            )
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    str(LAUNCH),
                    "run",
                    env=env,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
            )
            shards = load_settings(env_file=None, environ=env).shard_ids or ()
            while server.identifications - before < len(shards):
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # both guilds ready in every process
        places = [(GUILD_ID, CHANNEL_ID), (OTHER_GUILD_ID, OTHER_CHANNEL_ID)]
        started = time.perf_counter()
        for n in range(questions):
            guild_id, channel_id = places[n % 2]
            await server.dispatch(
                "MESSAGE_CREATE", server.mention("hvor gammel er han?", guild_id, channel_id)
            )
        while sum(1 for r in server.requests if r.path.endswith("/messages")) < questions:
            await asyncio.sleep(0.01)
        return questions / (time.perf_counter() - started)
    finally:
        for process in processes:
            process.terminate()
            await process.wait()
        await server.stop()


async def main(ops: int, questions: int) -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = await store_figures(Location.sqlite(Path(folder)), ops)
    server = PostgresServer()
    try:
        await asyncio.to_thread(server.start)
        results["postgresql"] = await store_figures(
            Location.postgresql(server.create_database()), ops
        )
        results["end_to_end_answers_per_s"] = {
            "one process": await answers_per_second(server.create_database(), ["0-1"], questions),
            "two processes": await answers_per_second(
                server.create_database(), ["0", "1"], questions
            ),
        }
    except PostgresUnavailableError as exc:
        results["postgresql"] = {"skipped": str(exc)}
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))))
