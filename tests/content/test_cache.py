"""The persistent body cache: warm builds reuse it and build exactly what a cold build does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeSite, event, snapshot
from generator.build.pipeline import build
from generator.content import cache
from generator.content.engine import Engine
from generator.content.markdown import Body

real_convert = Engine.convert

EVENTS = {f"content/events/e{i}.md": event(f"Event {i}", f"2019-0{1 + i}-01", body=f"Body *{i}* with a [link](event:e0).") for i in range(5)}


def test_a_warm_build_uses_the_cache_and_equals_a_cold_one(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    cold = snapshot(root / "output")
    assert cache.CACHE_FILE in cold
    converted: list[str] = []

    def counting(engine: Engine, text: str, first_line: int = 1) -> Body:
        converted.append(text)
        return real_convert(engine, text, first_line)

    monkeypatch.setattr(Engine, "convert", counting)
    assert build(root).ok
    assert converted == [], "a warm build converted bodies again"
    assert snapshot(root / "output") == cold
    fresh = tmp_path / "fresh"
    assert build(root, output=fresh).ok and len(converted) == 7  # 5 events and 2 entities, from scratch
    assert snapshot(fresh) == cold


def test_an_edit_or_a_setting_change_misses_and_a_broken_cache_is_ignored(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    (root / "content/events/e1.md").write_text(event("Event 1", "2019-02-01", body="Changed."))
    out = cache.BodyCache.load(root / "output")
    assert out.get(cache.key("Changed.\n", 5, False)) is None
    assert out.get(cache.key("Body *0* with a [link](event:e0).\n", 5, False)) is not None
    assert out.get(cache.key("Body *0* with a [link](event:e0).\n", 5, True)) is None  # raw_html is part of the key
    (root / "output" / cache.CACHE_FILE).write_bytes(b"\x00not marshal")
    assert cache.BodyCache.load(root / "output").get(cache.key("Body *0* with a [link](event:e0).\n", 5, False)) is None
    result = build(root)
    assert result.ok and b"Changed." in (root / "output/events/e1/index.html").read_bytes()


def test_no_cache_writes_none(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    assert build(root, use_cache=False).ok
    assert not (root / "output" / cache.CACHE_FILE).exists()
