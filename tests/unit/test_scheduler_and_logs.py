"""The metronome's stop and the log lines of libraries.

A stop lets a running tick finish (APScheduler's own shutdown cancels running jobs, and a
tick cut in the middle of a claim has nothing to show for it); a tick still running when
the stop's time is up is one ``tick_cancelled`` line, never the scheduler's traceback.
Records of the standard library's loggers (APScheduler, uvicorn, asyncio) are written as
ours are: one JSON line each, a traceback inside its ``exception`` field.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from ir_feed.logs import configure
from ir_feed.scheduler import Metronome
from ir_feed.settings import LoggingSettings


@pytest.fixture(autouse=True)
def _logging_restored() -> Iterator[None]:
    """Each test points the logs at its own stream; later tests get the defaults back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    structlog.reset_defaults()
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_a_stop_lets_a_running_tick_finish() -> None:
    stream = io.StringIO()
    configure(LoggingSettings(format="json"), stream=stream)
    finished: list[bool] = []

    async def slow_tick() -> None:
        await asyncio.sleep(0.3)
        finished.append(True)

    async def scenario() -> bool:
        metronome = Metronome()
        metronome.every(60, "poll", slow_tick)
        metronome.start()
        await asyncio.sleep(0.1)  # the first tick (run at once) is under way
        return await metronome.stop(timeout=5)

    assert asyncio.run(scenario()) is True
    assert finished == [True]
    assert not any(line["event"] == "tick_cancelled" for line in _lines(stream))


def test_a_tick_still_running_when_the_stop_s_time_is_up_is_one_line() -> None:
    stream = io.StringIO()
    configure(LoggingSettings(format="json"), stream=stream)

    async def stuck_tick() -> None:
        await asyncio.sleep(60)

    async def scenario() -> bool:
        metronome = Metronome()
        metronome.every(60, "poll", stuck_tick)
        metronome.start()
        await asyncio.sleep(0.1)
        finished = await metronome.stop(timeout=0.2)
        await asyncio.sleep(0.1)  # the scheduler's shutdown cancels the job
        return finished

    assert asyncio.run(scenario()) is False
    lines = _lines(stream)  # every line is JSON (a loose traceback would not parse)
    assert [line["event"] for line in lines if line.get("job") == "poll"] == ["tick_cancelled"]
    assert "Traceback" not in stream.getvalue()


def test_a_library_s_record_is_one_json_line_with_its_traceback_inside() -> None:
    stream = io.StringIO()
    configure(LoggingSettings(format="json"), stream=stream)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        logging.getLogger("apscheduler.executors.default").exception("Job raised an exception")
    logging.getLogger("apscheduler").info("quiet unless debugging")
    lines = _lines(stream)
    assert len(lines) == 1
    record = lines[0]
    assert record["event"] == "Job raised an exception"
    assert record["level"] == "error" and record["logger"] == "apscheduler.executors.default"
    assert "ZeroDivisionError: boom" in str(record["exception"])


def test_configuring_twice_writes_each_library_record_once() -> None:
    first, second = io.StringIO(), io.StringIO()
    configure(LoggingSettings(format="json"), stream=first)
    configure(LoggingSettings(format="json"), stream=second)
    logging.getLogger("asyncio").error("once")
    assert first.getvalue() == ""
    assert [line["event"] for line in _lines(second)] == ["once"]


def test_a_tick_due_while_the_last_still_runs_is_skipped_without_a_word() -> None:
    stream = io.StringIO()
    configure(LoggingSettings(format="json"), stream=stream)
    running: list[int] = []
    overlapped: list[bool] = []

    async def slow_tick() -> None:
        overlapped.append(bool(running))
        running.append(1)
        await asyncio.sleep(0.35)
        running.pop()

    async def scenario() -> None:
        metronome = Metronome()
        metronome.every(0.05, "poll", slow_tick)  # due seven times per run of the job
        metronome.start()
        await asyncio.sleep(1.0)
        await metronome.stop(timeout=5)

    asyncio.run(scenario())
    assert len(overlapped) >= 2 and not any(overlapped)  # ran again, never twice at once
    assert _lines(stream) == []  # no "maximum number of running instances" warning from the scheduler
