"""Shared test helpers: run the real `watchfloor` command, write real-format exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.tdesktop import write_chat

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
    """Run ``python -m watchfloor`` as a user would, in a separate process."""
    full_env = {k: v for k, v in os.environ.items() if k != "WATCHFLOOR_DB"}
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "watchfloor", *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


def chat_file(path: Path, messages, *, name="Test group", kind="private_supergroup", chat_id=777, x_escapes=True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        write_chat(f, name, kind, chat_id, messages, x_escapes=x_escapes)
    return path


def msg(mid: int, text="hello", *, ts: int | None = None, who=("Abu Khalid", "user42"), **extra):
    """A message as Telegram Desktop (2022 and later) writes it."""
    ts = ts if ts is not None else 1_700_000_000 + mid * 60
    m = {"id": mid, "type": "message", "date": "2023-11-14T22:13:20", "date_unixtime": str(ts)}
    if who is not None:
        m["from"], m["from_id"] = who
    entities = extra.pop("text_entities", None)
    m.update(extra)
    m["text"] = text
    if entities is not None:
        m["text_entities"] = entities
    elif isinstance(text, str):
        m["text_entities"] = [{"type": "plain", "text": text}] if text else []
    return m
