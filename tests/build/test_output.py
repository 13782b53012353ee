"""Output guarantees: atomic swap, no stale files, refusals, byte-identical rebuilds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT, MakeSite, event, messages, snapshot
from generator.build.output import MARKER, OutputError, Writer
from generator.build.pipeline import build
from generator.outputfile import OutputFile


def test_a_failed_build_leaves_the_previous_output_exactly(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    before = snapshot(root / "output", page_cache=True)
    (root / "content/events/a.md").write_text(event(date="2019-02-30"))
    assert not build(root).ok
    assert snapshot(root / "output", page_cache=True) == before


def test_a_failure_while_writing_leaves_the_previous_output_and_no_staging(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event()})
    assert build(root).ok
    before = snapshot(root / "output", page_cache=True)
    (root / "content/events/b.md").write_text(event(title="New"))
    # a real I/O failure in the middle of writing: a theme asset that cannot be read
    broken = root / "themes/default/static/broken.css"
    broken.parent.mkdir(parents=True)
    broken.symlink_to(root / "missing.css")
    result = build(root)
    assert not result.ok
    assert messages(result)[0].startswith(f"{root / 'output'}: cannot write output:")
    assert snapshot(root / "output", page_cache=True) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "output", "themes"]


def test_a_good_build_leaves_no_stale_files(make_site: MakeSite) -> None:
    root = make_site({"content/events/a.md": event(), "content/events/b.md": event(extra="tags: [old]\n")})
    assert build(root).ok
    assert (root / "output/events/b/index.html").is_file()
    (root / "content/events/b.md").unlink()
    assert build(root).ok
    files = snapshot(root / "output")
    assert "events/b/index.html" not in files and "tags/old/index.html" not in files
    assert "events/a/index.html" in files and MARKER in files


@pytest.mark.parametrize("target", ["site", "content", "home", "parent"])
def test_refuses_folders_it_must_not_replace(make_site: MakeSite, target: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = make_site({"content/events/a.md": event()})
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    out = {"site": root, "content": root / "content", "home": tmp_path / "home", "parent": root.parent}[target]
    before = snapshot(root)
    result = build(root, output=out)
    assert not result.ok
    assert "refusing to build into" in messages(result)[0]
    assert snapshot(root) == before


def test_refuses_to_replace_a_folder_it_did_not_create(make_site: MakeSite, tmp_path: Path) -> None:
    root = make_site({"content/events/a.md": event()})
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = build(root, output=foreign)
    assert not result.ok and "was not made by `timeline build`" in messages(result)[0]
    assert (foreign / "notes.txt").read_text() == "keep me"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(root, output=empty).ok and (empty / MARKER).is_file()


def test_the_same_content_builds_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(PROJECT, output=first).ok and build(PROJECT, output=second).ok
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) > 100


@pytest.mark.parametrize("path", ["../x.html", "a/../../x.html", "/etc/x.html", "a/..", "", ".", "./", "//"])
def test_the_writer_refuses_paths_outside_its_folder(tmp_path: Path, path: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError, match="outside the output folder"):
        Writer(out).write(OutputFile(path, b"x"))
    assert [p.name for p in tmp_path.rglob("*")] == ["out"]


def test_the_writer_writes_pages_whole_and_reports_their_size(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    data = b"<p>" + b"x" * 300_000 + b"</p>"
    size, mtime = writer.write(OutputFile("./deep/er/page.html", data))
    written = tmp_path / "deep/er/page.html"
    assert written.read_bytes() == data
    assert (size, mtime) == (written.stat().st_size, written.stat().st_mtime_ns) == (len(data), mtime)
