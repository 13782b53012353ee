"""A build with nothing changed touches nothing; any change at all gives exactly what a fresh build gives.

Each test waits :data:`~generator.content.cache.RACY_NS` after writing content
before the build that should write the stamp: a file changed just before a
build is not trusted to show a later change in its times, so that build
writes none (see :mod:`generator.build.stamp`).
"""

from __future__ import annotations

import io
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import MakeSite, event, messages, touch
from generator.build import stamp
from generator.build.pipeline import BuildResult, build
from generator.cli import main
from generator.content import cache
from generator.content.assemble import DEFAULTS, Options
from generator.render.theme import BUILTIN

Stats = dict[str, tuple[int, int, int, int, int]]


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


PICTURED = event("Pictured", "2020-02-02", "media:\n  src: pic.png\n  alt: A field\n")
FILES: dict[str, str | bytes] = {
    "content/events/a.md": event("First", "2019-01-01", "entities: [Huawei]\n", body="See [the pictured one](event:d)."),
    "content/events/b.md": event("Second", "2019-02-01", "tags: [trade]\n"),
    "content/events/c.md": event("Draft", "2019-03-01", "draft: true\n"),
    "content/events/d.md": PICTURED,
    "content/media/pic.png": png("#0b5cad"),
    "themes/default/static/extra.css": "body { color: black; }\n",
    "themes/default/templates/404.html": (BUILTIN / "templates/404.html").read_text(),
}


def settle() -> None:
    """Let the content age past the window in which its file times are not trusted."""
    time.sleep(cache.RACY_NS / 1e9 + 0.02)


def stats(folder: Path) -> Stats:
    """How every entry under ``folder`` (and the folder itself) stands: any write, link, removal or new file changes it."""
    found: Stats = {}
    for path in [folder, *folder.rglob("*")]:
        s = os.lstat(path)
        found[path.relative_to(folder).as_posix()] = (s.st_mode, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)
    return found


def site_files(folder: Path) -> dict[str, bytes | str]:
    """The output as a reader sees it: files by their bytes, symlinks by their target; the caches and the stamp left out."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if key.startswith(".timeline-cache"):
            continue
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def fresh(root: Path, tmp_path: Path, options: Options = DEFAULTS, strict: bool = False, users: dict[str, bytes] | None = None) -> BuildResult:
    """A build of a copy of ``root``'s inputs from scratch, no cache at all, with ``users`` put in its output first as the user's."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root / "content", copy / "content", symlinks=True)
    if (root / "themes").exists():
        shutil.copytree(root / "themes", copy / "themes", symlinks=True)
    if users:
        assert build(copy, options=options, use_cache=False).ok
        for name, data in users.items():
            (copy / "output" / name).write_bytes(data)
    return build(copy, options=options, strict=strict, use_cache=False)


def settled_site(make_site: MakeSite, files: dict[str, str | bytes] = FILES) -> Path:
    """A site built until its stamp stands: the next build with nothing changed touches nothing."""
    root = make_site(files)
    settle()
    first = build(root)
    assert first.ok and not first.unchanged, messages(first)
    assert (root / "output" / stamp.STAMP_FILE).is_file()
    again = build(root)
    assert again.ok and again.unchanged
    return root


def test_a_build_with_nothing_changed_writes_nothing_and_says_what_the_last_one_said(make_site: MakeSite, tmp_path: Path,
                                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    warned = {**FILES, "content/site.yaml": "title: T\nbase_url: /repo/\n", "content/events/e.md": event("Linking", "2021", body="[gone](/repo/nowhere/)")}
    root = make_site(warned)
    settle()
    assert main(["build", "--root", str(root)]) == 0
    first = capsys.readouterr()
    assert "nothing had changed" not in first.out
    (root / "output/mine.txt").write_text("the user's own file")
    before, around = stats(root / "output"), stats(tmp_path)

    assert main(["build", "--root", str(root)]) == 0
    second = capsys.readouterr()
    assert "nothing had changed since the last build, so nothing was written" in second.out
    assert second.err == first.err and "warning: " in first.err and "broken link" in first.err
    assert first.out.split(" (")[0] == second.out.split(" (")[0]  # the same counts
    # not a file written, linked, touched or removed; no staging folder made beside the output (its folder's time would move)
    assert stats(root / "output") == before
    assert stats(tmp_path) == around
    expected = fresh(root, tmp_path / "other", users={"mine.txt": b"the user's own file"})
    assert site_files(root / "output") == site_files(expected.output or Path())


def same_size_edit(root: Path) -> None:
    """New words of the same length, the file's modification time put back: only its change time tells."""
    path = root / "content/events/d.md"
    old = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Body text.", "Body tex!.") if "Body text." in text else text.replace("Body tex!.", "Body text."))
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size


def symlinked_file(root: Path) -> None:
    """The page moved away, a symlink to it in its place: the same bytes, seen through a link."""
    page = root / "output/events/d/index.html"
    keep = root / f"elsewhere-{time.monotonic_ns()}.html"
    os.replace(page, keep)
    os.symlink(keep, page)


def symlinked_folder(root: Path) -> None:
    """The page's folder moved away, a symlink to it in its place."""
    folder = root / "output/events/d"
    keep = root / f"elsewhere-{time.monotonic_ns()}"
    os.replace(folder, keep)
    os.symlink(keep, folder)


def replaced_picture(root: Path) -> None:
    path = root / "content/media/pic.png"
    path.write_bytes(png("#a0123f") if path.read_bytes() == png("#0b5cad") else png("#0b5cad"))


CHANGES: dict[str, tuple[Callable[[Path], None], Options]] = {
    "an event edited, same size, same modification time": (same_size_edit, Options()),
    "an event edited": (lambda root: touch(root / "content/events/a.md", event("First, retitled", "2019-01-01")), Options()),
    "an entity edited": (lambda root: touch(root / "content/entities/huawei.md", "---\nname: Huawei\nkind: company\n---\nA maker.\n"), Options()),
    "an event added": (lambda root: touch(root / "content/events/new.md", event("New", "2022")), Options()),
    "an event deleted": (lambda root: (root / "content/events/b.md").unlink(missing_ok=True), Options()),
    "site.yaml edited": (lambda root: touch(root / "content/site.yaml", "title: Another title\nbase_url: https://example.org/repo/\n"), Options()),
    "a picture replaced": (replaced_picture, Options()),
    "a theme template edited": (lambda root: touch(root / "themes/default/templates/404.html",
                                                   (BUILTIN / "templates/404.html").read_text() + "<!-- edited -->\n"), Options()),
    "a theme static file edited": (lambda root: touch(root / "themes/default/static/extra.css", "body { color: red; }\n"), Options()),
    "a theme static file added": (lambda root: touch(root / "themes/default/static/more.css", "p { margin: 0; }\n"), Options()),
    "another base URL": (lambda root: None, Options(base_url="https://mirror.example.net/")),
    "drafts included": (lambda root: None, Options(drafts=True)),
    "an output file deleted": (lambda root: (root / "output/events/d/index.html").unlink(), Options()),
    "an output file changed": (lambda root: (root / "output/events/d/index.html").write_text("defaced"), Options()),
    "the body cache deleted": (lambda root: (root / "output/.timeline-cache/bodies.marshal").unlink(), Options()),
    "an output file replaced by a symlink": (symlinked_file, Options()),
    "an output folder replaced by a symlink": (symlinked_folder, Options()),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_is_noticed_and_gives_a_fresh_builds_output(make_site: MakeSite, tmp_path: Path, change: str) -> None:
    root = settled_site(make_site)
    edit, options = CHANGES[change]
    edit(root)
    settle()  # past the window: the change must show in what the stamp records, not only in how recent it is
    result = build(root, options=options)
    expected = fresh(root, tmp_path, options)
    assert result.ok and expected.ok, (messages(result), messages(expected))
    assert not result.unchanged
    assert site_files(root / "output") == site_files(expected.output or Path())
    assert messages(result) == messages(expected)
    settle()
    assert build(root, options=options).ok
    again = build(root, options=options)
    assert again.unchanged, "once built, the same inputs need nothing done"
    assert site_files(root / "output") == site_files(expected.output or Path())


def test_a_file_the_user_adds_to_the_output_changes_nothing_the_build_makes(make_site: MakeSite, tmp_path: Path) -> None:
    root = settled_site(make_site)
    (root / "output/mine.txt").write_text("the user's own file")
    (root / "output/events/mine").mkdir()
    (root / "output/events/mine/notes.txt").write_text("notes")
    result = build(root)
    assert result.ok
    expected = fresh(root, tmp_path, users={"mine.txt": b"the user's own file"})
    (Path(expected.output or "") / "events/mine").mkdir()
    (Path(expected.output or "") / "events/mine/notes.txt").write_text("notes")
    assert site_files(root / "output") == site_files(expected.output or Path())


def test_strict_after_a_build_with_warnings_fails_as_a_fresh_strict_build_does(make_site: MakeSite, tmp_path: Path) -> None:
    root = settled_site(make_site, {**FILES, "content/events/e.md": event("Linking", "2021", body="[gone](/repo/nowhere/)")})
    before = site_files(root / "output")
    result = build(root, strict=True)
    assert not result.ok and not fresh(root, tmp_path, strict=True).ok
    assert any("broken link" in m for m in messages(result))
    assert site_files(root / "output") == before


def test_a_build_that_follows_an_edit_at_once_writes_a_stamp_no_build_matches(make_site: MakeSite) -> None:
    root = settled_site(make_site)
    touch(root / "content/events/a.md", event("First, retitled", "2019-01-01"))
    assert build(root).ok  # within the window: a second edit in the same clock tick would not show
    last = stamp.Stamp.read(root / "output")
    assert last is not None and last.inputs == stamp.UNTRUSTED
    assert not build(root).unchanged


def test_a_symlinked_folder_in_the_content_is_never_taken_on_trust(make_site: MakeSite, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared).mkdir()
    (shared / "s.md").write_text(event("Shared", "2018"))
    root = make_site(FILES)
    os.symlink(shared, root / "content/events/shared")
    settle()
    assert build(root).ok
    assert not build(root).unchanged


def test_random_edits_and_builds_always_end_as_a_fresh_build(make_site: MakeSite, tmp_path: Path) -> None:
    """A seeded random walk through the changes above, each step built and compared with a fresh build of the same inputs."""
    rng = random.Random(16)
    root = settled_site(make_site)
    names = sorted(CHANGES)
    for step in range(10):
        change = rng.choice([*names, "nothing", "nothing"])
        edit, options = CHANGES[change] if change != "nothing" else (lambda root: None, Options())
        edit(root)
        if rng.random() < 0.5:
            settle()
        result = build(root, options=options)
        expected = fresh(root, tmp_path / str(step), options)
        assert result.ok and expected.ok, (step, change, messages(result), messages(expected))
        assert site_files(root / "output") == site_files(expected.output or Path()), (step, change)
        assert messages(result) == messages(expected), (step, change)
