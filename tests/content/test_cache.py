"""The persistent body cache: warm builds reuse it and build exactly what a cold build does."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import MakeSite, event, snapshot, touch
from generator.build.pipeline import build
from generator.content import assemble, cache
from generator.content.assemble import load
from generator.content.engine import Engine
from generator.content.markdown import Body
from generator.content.sources import SourceFile
from generator.memo import RenderMemo
from generator.outputfile import RecordFile, read_records

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


def opened_content(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[str]:
    """The content files this process opens from now on (every open goes through ``os.open``), by name."""
    opened: list[str] = []
    real_open = os.open
    content = str(root / "content")

    def counting(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int | None) -> int:
        if os.fspath(path).startswith(content) and os.fspath(path).endswith(".md"):
            opened.append(os.path.basename(os.fspath(path)))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    return opened


def test_a_warm_build_opens_no_unchanged_content_file(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    cold = snapshot(root / "output")
    opened = opened_content(monkeypatch, root)
    assert build(root).ok
    assert opened == []
    assert snapshot(root / "output") == cold


def test_a_touched_file_is_read_again_and_the_others_are_not(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    cold = snapshot(root / "output")
    touch(root / "content/events/e2.md", (root / "content/events/e2.md").read_text())
    opened = opened_content(monkeypatch, root)
    assert build(root).ok
    assert opened == ["e2.md"]
    warm = snapshot(root / "output")
    # the cache now keys e2.md by its new time; every other file is as before
    assert warm.pop(cache.CACHE_FILE) != cold.pop(cache.CACHE_FILE)
    assert warm == cold


def test_an_edit_that_keeps_the_size_and_puts_the_time_back_is_still_seen(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    path = root / "content/events/e3.md"
    before = path.stat()
    path.write_text(path.read_text().replace("Body *3*", "Body *4*"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert build(root).ok
    assert b"Body <em>4</em>" in (root / "output/events/e3/index.html").read_bytes()


def test_a_file_turned_bad_and_back_is_reported_then_built(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    assert build(root).ok
    path = root / "content/events/e1.md"
    good = path.read_text()
    touch(path, good.replace("2019-02-01", "2019-02-30"))
    failed = build(root)
    assert not failed.ok and [p.path for p in failed.problems] == ["content/events/e1.md"]
    touch(path, good)
    assert build(root).ok


def carried(used: cache.BodyCache | RecordFile, output: Path) -> cache.BodyCache:
    """The cache a later build loads from ``output`` after ``used`` was written there, as a build writes it."""
    file = used.file() if isinstance(used, cache.BodyCache) else used
    target = output / file.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as stream:
        file.write_to(stream)
    return cache.BodyCache.load(output)


def test_a_second_edit_in_the_same_clock_tick_as_the_read_is_still_seen(tmp_path: Path) -> None:
    # On a file system whose clock ticks every few milliseconds (Linux before 6.13, among others), a
    # same-size edit in the tick the file was read in leaves its size, times and inode as they were.
    # This kernel times a change after a stat finely, so the race is set up in the cache instead: the
    # file is read, edited, and the cache then holds what was read under the file's new key.
    path = tmp_path / "content/events/e.md"
    path.parent.mkdir(parents=True)
    source = SourceFile(str(path), "content/events/e.md", "e")
    path.write_text(event("Event A", "2019-01-01", body="Alpha."))
    kept = cache.BodyCache()
    read, _ = assemble._document(source, kept)
    assert read is not None and "Alpha." in read.body
    old_key = cache.document_key(source.display, source.file)
    path.write_text(event("Event B", "2019-01-01", body="Bravo."))
    new_key = cache.document_key(source.display, source.file)
    assert old_key is not None and new_key is not None
    written = tmp_path / "read" / cache.CACHE_FILE
    carried(kept, tmp_path / "read")
    records = [(new_key.key, r[1]) if isinstance(r, tuple) and r[0] == old_key.key else r for r in read_records(written)]
    raced = RecordFile(cache.CACHE_FILE, records)
    again, problems = assemble._document(source, carried(raced, tmp_path / "out"))
    assert again is not None and not problems and "Bravo." in again.body


def test_a_file_kept_by_its_text_is_kept_by_its_times_once_they_are_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "content/events/e.md"
    path.parent.mkdir(parents=True)
    source = SourceFile(str(path), "content/events/e.md", "e")
    path.write_text(event("Event A", "2019-01-01", body="Alpha."))
    fresh = cache.BodyCache()
    assemble._document(source, fresh)
    racy = carried(fresh, tmp_path / "one")
    assemble._document(source, racy)
    assert racy.unchanged(), "a file still too new to be vouched for by its times is kept as it was"
    old = os.stat(path).st_mtime_ns - 10 * cache.RACY_NS
    os.utime(path, ns=(old, old))  # the change time stays new: wait it out rather than pretend
    while (found := cache.document_key(source.display, source.file)) is not None and not found.settled:
        time.sleep(0.02)
    settled = carried(racy, tmp_path / "two")
    doc, _ = assemble._document(source, settled)
    assert doc is not None and not settled.unchanged(), "the digest is dropped once the times can vouch"
    opened = opened_content(monkeypatch, tmp_path)
    later = carried(settled, tmp_path / "three")
    doc, _ = assemble._document(source, later)
    assert doc is not None and "Alpha." in doc.body and later.unchanged() and opened == []


def test_the_cache_file_holds_each_record_used_once_after_its_salt(tmp_path: Path) -> None:
    spooled = cache.BodyCache()
    first = Body.of("<p>one</p>\n", (), "one", ())
    spooled.put("k1", first)
    spooled.put("k2", Body.of("<p>two</p>\n", ("a",), "two", ()))
    spooled.put("k1", first)  # the same body met again (two files with the same text)
    folder = tmp_path / "out"
    (folder / cache.CACHE_DIR).mkdir(parents=True)
    with open(folder / cache.CACHE_FILE, "wb") as stream:
        spooled.file().write_to(stream)
    records = list(read_records(folder / cache.CACHE_FILE))
    assert records[0] == cache._SALT and [key for key, _ in records[1:]] == ["k1", "k2"]  # type: ignore[misc]
    again = cache.BodyCache.load(folder)
    assert again.get("k2") == Body.of("<p>two</p>\n", ("a",), "two", ())


def test_a_plain_build_keeps_no_file_text_once_converted_and_the_preview_keeps_it(make_site: MakeSite) -> None:
    root = make_site(EVENTS)
    plain, _ = load(root, cache=cache.BodyCache())
    assert plain is not None and plain.records and all(record.body == "" for record in plain.records.values())
    assert "<em>1</em>" in plain.site.event("e1").body_html
    memo = RenderMemo()
    memo.begin()
    remembered, _ = load(root, memo=memo)
    assert remembered is not None and remembered.records["content/events/e1.md"].body.startswith("Body *1*")


def test_a_loaded_site_holds_each_body_compressed_and_gives_back_the_converted_html(make_site: MakeSite) -> None:
    long_body = "\n\n".join(f"Paragraph {i} of a long body, with *emphasis* and a [link](https://example.org/{i})." for i in range(40))
    root = make_site({"content/events/long.md": event("Long", "2019-01-01", body=long_body)})
    loaded, _ = load(root)
    assert loaded is not None
    shown = loaded.site.event("long")
    assert shown.body_html == Engine().convert(long_body + "\n", 5).html
    assert len(shown.packed_html) * 2 < len(shown.body_html.encode())
